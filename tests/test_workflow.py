"""The files that wire the checks into the code host and editors: parsed, and consistent with the tool."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from lscb_kb.schema import REVIEW_SCHEMA, SCHEMA_DIR, THEME_SCHEMA


@pytest.fixture(scope="module")
def workflow(repo_root) -> dict:
    return yaml.safe_load((repo_root / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def steps(workflow) -> dict[str, dict]:
    (job,) = workflow["jobs"].values()
    named = {step["name"]: step for step in job["steps"]}
    assert len(named) == len(job["steps"]), "every step has its own name"
    return named


def test_runs_on_pull_requests_and_pushes(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key 'on' as true
    assert "pull_request" in triggers and "push" in triggers
    assert workflow["permissions"] == {"contents": "read"}


def test_steps_in_order(steps):
    assert list(steps) == [
        "Check out the repository",
        "Set up Python",
        "Install lscb-kb",
        "Validate the entries",
        "Describe the changes for the reviewer",
        "Build the website",
        "Upload the website preview",
    ]


def test_checkout_keeps_history_and_python_is_3_11(steps):
    checkout = steps["Check out the repository"]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    python = steps["Set up Python"]
    assert python["uses"].startswith("actions/setup-python@") and python["with"]["python-version"] == "3.11"
    assert steps["Install lscb-kb"]["run"] == "pip install -e ."


def test_validation_annotates_the_changed_lines(steps):
    assert steps["Validate the entries"]["run"] == "lscb-kb validate --format github"


def test_changes_go_to_the_job_summary_on_pull_requests(steps):
    step = steps["Describe the changes for the reviewer"]
    assert "github.event_name == 'pull_request'" in step["if"]
    assert step["env"]["BASE_REF"] == "${{ github.base_ref }}"  # passed through the environment, never pasted into the script
    assert step["run"] == 'lscb-kb changes --since "origin/$BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"'


def test_site_is_built_and_uploaded_for_preview(steps):
    assert steps["Build the website"]["run"] == "lscb-kb build"
    upload = steps["Upload the website preview"]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "site/"


def test_no_expression_is_pasted_into_a_script(workflow):
    """`${{ ... }}` inside `run:` is a script-injection risk on pull requests; use env instead."""
    (job,) = workflow["jobs"].values()
    assert not [step["name"] for step in job["steps"] if "${{" in step.get("run", "")]


def test_commands_used_by_the_workflow_exist():
    from lscb_kb.cli import cli

    assert {"validate", "changes"} <= set(cli.commands)


def test_pre_commit_hook(repo_root):
    (hook,) = yaml.safe_load((repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "lscb-kb-validate"
    assert hook["language"] == "python"
    assert hook["entry"] == "lscb-kb validate"
    files = re.compile(hook["files"])
    for path in ("reviews/liverpool-2016-child-a-alex.md", "themes/neglect.md"):
        assert files.search(path), path
    for path in ("content/index.md", "reviews/notes.txt", "README.md", "docs/reviews/x.md"):
        assert not files.search(path), path


def test_editor_settings_point_at_the_schemas_the_schema_command_writes(repo_root):
    settings = json.loads((repo_root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {f"{SCHEMA_DIR}/{REVIEW_SCHEMA}": "reviews/*.md", f"{SCHEMA_DIR}/{THEME_SCHEMA}": "themes/*.md"}
    assert settings["[markdown]"]["editor.insertSpaces"] is True  # the Tab key must not put tabs into front matter


def test_pull_request_template_has_the_board_checklist(repo_root):
    text = (repo_root / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    for words in ("embargoed", "`status`", "pseudonyms", "personal data", "source is named", "themes", "checked against the report", "own words", "TODO"):
        assert any(words in item for item in items), words


# -- publishing: .github/workflows/publish.yml -------------------------------------------------------


@pytest.fixture(scope="module", params=["repository", "starter"])
def publish(request, repo_root) -> dict:
    folder = repo_root / ".github" if request.param == "repository" else repo_root / "lscb_kb" / "starter" / "github"
    return yaml.safe_load((folder / "workflows" / "publish.yml").read_text(encoding="utf-8"))


def test_publishing_runs_on_pushes_to_main_one_at_a_time(publish):
    triggers = publish.get("on", publish.get(True))
    assert triggers["push"] == {"branches": ["main"]} and "pull_request" not in triggers
    assert publish["permissions"] == {"contents": "read"}  # the build job can read, no more
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_publishing_checks_and_builds_before_anything_is_uploaded(publish):
    build, deploy = publish["jobs"]["build"], publish["jobs"]["deploy"]
    names = [step["name"] for step in build["steps"]]
    assert names == [
        "Check out the repository", "Set up Python", "Install lscb-kb", "Validate the entries",
        "Build the website", "Set up GitHub Pages", "Upload the website",
    ]
    steps = {step["name"]: step for step in build["steps"]}
    assert steps["Validate the entries"]["run"] == "lscb-kb validate --format github"
    assert steps["Build the website"]["run"] == "lscb-kb build"
    assert steps["Set up GitHub Pages"]["uses"].startswith("actions/configure-pages@")
    assert steps["Upload the website"]["uses"].startswith("actions/upload-pages-artifact@")
    assert steps["Upload the website"]["with"]["path"] == "site/"
    # Only a successful build job is deployed, by the official action, with the least permissions it needs.
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@") and step["id"] == "deployment"
    assert not [s["name"] for job in (build, deploy) for s in job["steps"] if "${{" in s.get("run", "")]


def test_the_starter_kit_installs_the_release_that_wrote_it(repo_root):
    from lscb_kb.scaffold import _VERSIONED

    starter = (repo_root / "lscb_kb/starter/github/workflows/publish.yml").read_text(encoding="utf-8")
    assert 'pip install "lscb-kb==$version"' in starter and ".github/workflows/publish.yml" in _VERSIONED
    own = (repo_root / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "pip install -e ." in own


def test_placeholder_addresses_are_warned_about_not_refused():
    from lscb_kb.site.build import placeholder_warnings

    assert placeholder_warnings("https://learning.exampleshire.gov.uk/", "https://github.com/exampleshire/kb/edit/main/") == ()
    unset = placeholder_warnings("", "")
    assert len(unset) == 2 and all("not set" in w for w in unset)
    (edit,) = placeholder_warnings("https://learning.exampleshire.gov.uk/", "https://github.com/your-partnership/lscb-kb/edit/main/")
    assert "'edit_url'" in edit and "still the example (https://github.com/your-partnership/lscb-kb/edit/main/)" in edit
    (site,) = placeholder_warnings("https://learning.example.org/", "https://github.com/exampleshire/kb/edit/main/")
    assert "'site_url'" in site


# -- the pre-commit hook of this repository -----------------------------------------------------------


def test_this_repository_ships_its_pre_commit_hook(repo_root):
    config = yaml.safe_load((repo_root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] == "python"
    assert hook["entry"] == "python scripts/pre-commit-validate.py"
    assert re.compile(hook["files"]).search("reviews/x.md")


def test_the_hook_runs_the_repository_tool_without_an_activated_environment(repo_root, kb):
    """The hook script finds .venv's Python itself (bin/ or Scripts\\) and checks the files it is given."""
    import os
    import subprocess
    import sys

    script = repo_root / "scripts" / "pre-commit-validate.py"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.defpath
    if not any((repo_root / ".venv" / folder).is_dir() for folder in ("bin", "Scripts")):  # e.g. a clone tested without make
        missing = subprocess.run([sys.executable, str(script), "reviews/liverpool-2014-child-mary.md"], cwd=repo_root, env=env, capture_output=True, text=True)
        assert missing.returncode == 1 and "make install" in missing.stderr and "py -m venv .venv" in missing.stderr
        return
    good = subprocess.run([sys.executable, str(script), "reviews/liverpool-2014-child-mary.md"], cwd=repo_root, env=env, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "no problems" in good.stderr
    kb.write(type="sccr")
    bad = subprocess.run(
        [sys.executable, str(script), "--root", str(kb.root), "reviews/test-2020-example.md"], cwd=kb.root, env=env, capture_output=True, text=True
    )
    assert bad.returncode == 1 and "'sccr' is not a review type" in bad.stdout
