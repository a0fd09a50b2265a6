"""YAML that would hang or crash a loader is refused with a clear error, in a bounded process.

Every file in tests/adversarial/yaml/ says the rule it must break on its `# expect:` line;
the bombs too big to keep as files are generated here. `validate` runs in a child process
with a time limit and a memory cap, so a regression fails the test instead of stalling
or crashing the suite. Ordinary entries (the shipped ones) are validated in the same run.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

CORPUS = Path(__file__).parent / "adversarial" / "yaml"
MEMORY_CAP = 1024**3  # bytes of address space; a billion-laughs expansion needs far more
TIME_LIMIT = 20  # seconds for the whole run; it takes well under one per file


def _expected(path: Path) -> str:
    return re.search(r"^# expect: (\S+)", path.read_text(encoding="utf-8"), re.M).group(1)


def _generated() -> dict[str, tuple[str, str]]:
    """file name -> (text, rule): the bombs too large to keep in the repository."""
    body = "---\n\n## Overview\n\nx\n"
    cases = {}
    for count in (5_000, 50_000):
        cases[f"nested-lists-{count}"] = ("---\ntitle: " + "[" * count + "]" * count + "\n" + body, "yaml-too-deep")
        cases[f"nested-maps-{count}"] = ("---\ntitle: " + "{a: " * count + "x" + "}" * count + "\n" + body, "yaml-too-deep")
        cases[f"unclosed-lists-{count}"] = ("---\ntitle: " + "[" * count + "\n" + body, "yaml-too-deep")
        cases[f"unclosed-maps-{count}"] = ("---\ntitle: " + "{" * count + "\n" + body, "yaml-too-deep")
    cases["deep-indentation-1000"] = ("---\n" + "".join(" " * i + "k:\n" for i in range(1_000)) + body, "yaml-too-deep")
    cases["many-values"] = ("---\ntitle: [" + "[]," * 200_000 + "]\n" + body, "yaml-too-large")
    cases["many-keys"] = ("---\nsource: {" + "".join(f"k{i}: v," for i in range(20_000)) + "}\n" + body, "yaml-too-large")
    cases["oversized"] = ("---\nid: oversized\ntitle: Big\n---\n\n" + "All work and no play. " * 50_000, "file-too-large")
    return cases


def _validate(root: Path) -> tuple[dict, str]:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    result = subprocess.run(
        [sys.executable, "-m", "lscb_kb", "--root", str(root), "validate", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=limits,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return json.loads(result.stdout), result.stderr


def test_every_yaml_bomb_is_refused_quickly_with_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(REPO / "themes", root / "themes")
    shutil.copytree(REPO / "reviews", root / "reviews")
    shutil.copy(REPO / "lscb-kb.yml", root / "lscb-kb.yml")
    expected = {}
    for path in sorted(CORPUS.glob("*.md")):
        shutil.copy(path, root / "reviews" / path.name)
        expected[f"reviews/{path.name}"] = _expected(path)
    for name, (text, rule) in _generated().items():
        (root / "reviews" / f"{name}.md").write_text(text, encoding="utf-8")
        expected[f"reviews/{name}.md"] = rule
    # a theme file is read by the same loader
    (root / "themes" / "bomb.md").write_text("---\ntitle: " + "[" * 50_000 + "\n---\n\nx\n", encoding="utf-8")
    expected["themes/bomb.md"] = "yaml-too-deep"
    assert len(expected) >= 24

    report, _ = _validate(root)
    by_path: dict[str, list[dict]] = {}
    for problem in report["problems"]:
        by_path.setdefault(problem["path"], []).append(problem)
    for path, rule in expected.items():
        found = by_path.pop(path, [])
        assert [p["rule"] for p in found] == [rule], (path, found)
        message = found[0]["message"]
        assert found[0]["line"] >= 1 and len(message) < 400 and "Error" not in message, message
    assert by_path == {}, "the shipped entries must still load without problems"


@pytest.mark.parametrize(
    "message, rule, line",
    [
        ("title: &a [x]\n", "unsafe-yaml-alias", 3),
        ("title: *a\n", "unsafe-yaml-alias", 3),
        ("title: !!str x\n", "unsafe-yaml-tag", 3),
        ("title: " + "[" * 11 + "x" + "]" * 11 + "\n", "yaml-too-deep", 3),
    ],
)
def test_each_refusal_names_the_line_and_the_fix(kb, message, rule, line) -> None:
    kb.write(text="---\nid: test-2020-example\n" + message + "---\n\n## Overview\n\nx\n")
    found = json.loads(kb.run("validate", "--format", "json").output)["problems"]
    assert [(p["rule"], p["line"]) for p in found] == [(rule, line)]
    assert re.search(r"(Remove|Write|check)", found[0]["message"]), found[0]["message"]


def test_ten_levels_of_nesting_are_still_read(kb) -> None:
    # mapping > learning list > point mapping > themes list, and room to spare
    kb.write(text="---\nid: test-2020-example\nx: " + "[" * 9 + "]" * 9 + "\n---\n\nx\n")
    rules = {p["rule"] for p in json.loads(kb.run("validate", "--format", "json").output)["problems"]}
    assert "yaml-too-deep" not in rules, rules


def test_max_file_size_is_a_setting(kb) -> None:
    kb.write(body="## Overview\n\n" + "Words of the review. " * 200 + "\n\n## Findings\n\nx\n")
    assert kb.run("validate").exit_code == 0
    (kb.root / "lscb-kb.yml").write_text("allowed_contact_details: []\nmax_file_size: 2000\n")
    result = kb.run("validate", "--format", "json")
    found = [p for p in json.loads(result.output)["problems"] if p["path"].startswith("reviews/")]
    assert [p["rule"] for p in found] == ["file-too-large"] and "2,000 bytes" in found[0]["message"]
    (kb.root / "lscb-kb.yml").write_text("max_file_size: lots\n")
    found = json.loads(kb.run("validate", "--format", "json").output)["problems"]
    assert any(p["path"] == "lscb-kb.yml" and "max_file_size" in p["message"] for p in found)


def test_a_bomb_in_the_settings_file_is_refused(kb) -> None:
    kb.write()
    (kb.root / "lscb-kb.yml").write_text(
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"b{i}: &b{i} [" + ",".join([f"*{'a' if i == 0 else f'b{i - 1}'}"] * 9) + "]\n" for i in range(9))
    )
    found = json.loads(kb.run("validate", "--format", "json").output)["problems"]
    assert [(p["path"], p["rule"]) for p in found] == [("lscb-kb.yml", "unsafe-yaml-alias")]
