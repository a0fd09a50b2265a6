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
