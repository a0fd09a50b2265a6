"""No value in a message can become a GitHub Actions workflow command in a CI log.

A runner treats any output line starting with '::' as a command ('::error', '::add-mask::',
'::stop-commands::'). Problems quote what people wrote, and file names are chosen by
whoever opens the pull request, so both carry the payload here.
"""

from __future__ import annotations

import json

import pytest

PAYLOADS = [
    "scr\n::error file=README.md,line=1::pwned",
    "scr\r\n::add-mask::secret",
    "scr\r::stop-commands::token",
    "scr\u2028::error::line separator",
    "scr\x85::error::next line",
]


def _lines(output: str) -> list[str]:
    return output.splitlines()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_line_break_in_a_value_cannot_start_a_workflow_command(kb, payload):
    kb.write(type=payload)
    kb.write("test-2020-other", text="---\nid: test-2020-other\ntitle: '\n  ::error::folded'\n---\n")
    bad_name = kb.root / "reviews" / "x\n::error::name.md"
    bad_name.write_text("---\nid: y\n---\n", encoding="utf-8")

    text = kb.run("validate", "--format", "text")
    assert text.exit_code == 1
    assert "unknown-type" in text.output and "::error" in text.output
    problems = json.loads(kb.run("validate", "--format", "json").output)["problems"]
    lines = [line for line in _lines(text.output) if not line.startswith("Checked ")]
    assert len(lines) == len(problems), lines
    for line in lines:
        assert not line.lstrip().startswith("::"), line
        assert "\n" not in line and "\r" not in line and "\u2028" not in line

    github = kb.run("validate", "--format", "github").output
    lines = [line for line in _lines(github) if not line.startswith("Checked ")]
    assert len(lines) == len(problems)
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines), lines
    assert sum("::error" in line.split("::", 2)[2] for line in lines) >= 1  # still shown, harmless

    raw = kb.run("validate", "--format", "json").output
    assert not any(line.lstrip().startswith("::") for line in raw.split("\n")), raw
    assert any(payload.split("::")[1] in p["message"] for p in problems), "JSON keeps the value"


def test_escaping_keeps_ordinary_messages_unchanged(kb):
    kb.write(type="sccr")
    text = kb.run("validate").output
    assert "reviews/test-2020-example.md:" in text and "\\" not in text


def test_more_than_ten_of_a_level_are_all_listed_in_the_job_summary(kb, tmp_path, monkeypatch):
    """GitHub shows ten annotations per level per step: the job summary then lists every problem."""
    summary = tmp_path / "step-summary.md"
    summary.write_text("Earlier step's summary.\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for number in range(12):
        kb.write(f"test-2020-entry-{number:02}", type="sccr", title=f"Entry | {number} <b>")
    result = kb.run("validate", "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error")]
    assert len(annotations) == 24  # a wrong type and raw HTML in each
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Earlier step's summary.\n## Knowledge base check: every problem\n")  # appended, not replaced
    rows = [line for line in text.splitlines() if line.startswith("| reviews/")]
    assert len(rows) == 24 + text.count("| warning |")
    assert "| reviews/test-2020-entry-11.md | 4 | error | 'sccr' is not a review type. Did you mean 'scr'? | unknown-type |" in text
    assert "<b>" not in text and "\\<b\\>" in text  # values cannot add markup to the summary


def test_ten_or_fewer_of_each_level_leave_the_job_summary_alone(kb, tmp_path, monkeypatch):
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for number in range(10):
        kb.write(f"test-2020-entry-{number:02}", type="sccr")
    assert kb.run("validate", "--format", "github").exit_code == 1
    assert not summary.exists()
    kb.write("test-2020-entry-10", type="sccr")
    assert kb.run("validate", "--format", "text").exit_code == 1  # only the github format writes it
    assert not summary.exists()
