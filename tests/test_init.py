"""`lscb-kb init`: a new partnership's knowledge base from the package's starter kit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lscb_kb.cli import cli

REPO = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_init_writes_a_knowledge_base_that_validates_with_placeholder_warnings(tmp_path):
    dest = tmp_path / "our-kb"
    result = run("init", str(dest))
    assert result.exit_code == 0, result.output
    for path in ("mkdocs.yml", "lscb-kb.yml", "reviews/README.md", "content/index.md", "content/about.md",
                 "content/accessibility.md", "content/contribute.md", "content/resources.md",
                 ".github/workflows/check.yml", ".github/workflows/publish.yml", ".github/pull_request_template.md", ".pre-commit-config.yaml", ".gitignore"):
        assert (dest / path).is_file(), path
    themes = sorted(p.name for p in (dest / "themes").glob("*.md"))
    assert themes == sorted(p.name for p in (REPO / "themes").glob("*.md"))
    assert not list((dest / "reviews").glob("*.md"))[1:]  # only the README

    checked = run("--root", str(dest), "validate", "--format", "json")
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.output)
    rules = {p["rule"] for p in report["problems"]}
    assert rules == {"placeholder"}
    assert {p["path"] for p in report["problems"]} >= {"mkdocs.yml", "content/index.md", "content/about.md"}


def test_filled_placeholders_are_no_longer_reported(tmp_path):
    dest = tmp_path / "kb"
    run("init", str(dest))
    index = dest / "content/index.md"
    index.write_text(index.read_text().replace("TODO: say in two or three sentences", "Exampleshire's partnership says"))
    problems = json.loads(run("--root", str(dest), "validate", "--format", "json").output)["problems"]
    assert "content/index.md" not in {p["path"] for p in problems}


def test_the_readme_of_reviews_is_not_an_entry(tmp_path):
    dest = tmp_path / "kb"
    run("init", str(dest))
    result = run("--root", str(dest), "validate", "reviews")
    assert result.exit_code == 0
    assert "README" not in result.output


def test_versioned_files_pin_the_release_that_wrote_them(tmp_path):
    from lscb_kb import __version__

    dest = tmp_path / "kb"
    run("init", str(dest))
    assert f"lscb-kb=={__version__}" in (dest / ".github/workflows/check.yml").read_text()
    assert f"lscb-kb=={__version__}" in (dest / ".pre-commit-config.yaml").read_text()
    assert f'pip install "lscb-kb=={__version__}"' in (dest / ".github/workflows/publish.yml").read_text()
    assert "$version" not in (dest / ".github/workflows/publish.yml").read_text()
    assert "$version" not in (dest / ".pre-commit-config.yaml").read_text()


@pytest.mark.parametrize("occupant", ["file.txt", ".git"])
def test_init_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path, occupant):
    dest = tmp_path / "kb"
    dest.mkdir()
    (dest / occupant).write_text("keep me")
    result = CliRunner().invoke(cli, ["init", str(dest)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert [p.name for p in dest.iterdir()] == [occupant]
    assert (dest / occupant).read_text() == "keep me"


def test_init_into_an_empty_folder_and_leaves_no_temporary_folder(tmp_path):
    dest = tmp_path / "kb"
    dest.mkdir()
    assert run("init", str(dest)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb"]


def test_init_refuses_a_file(tmp_path):
    target = tmp_path / "kb"
    target.write_text("x")
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 2 and "is a file" in result.output


def test_the_worked_example_shares_the_starter_kits_generic_files():
    """This repository is a knowledge base too: its generic files are the ones `init` writes."""
    starter = REPO / "lscb_kb" / "starter"
    assert (REPO / ".github/pull_request_template.md").read_text() == (starter / "github/pull_request_template.md").read_text()
    assert (REPO / "content/contribute.md").read_text() == (starter / "content/contribute.md").read_text()
    assert (REPO / "lscb-kb.yml").read_text() == (starter / "lscb-kb.yml").read_text()


def test_every_package_of_the_code_is_in_the_wheel():
    """pyproject.toml lists the packages by hand (the taxonomy is mapped from themes/): none may be forgotten."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "lscb_kb").rglob("__init__.py")}
    assert found - {"lscb_kb.taxonomy"} <= listed, f"missing from pyproject.toml: {sorted(found - listed)}"
    assert "lscb_kb.taxonomy" in listed
