"""Validator problems as text, JSON or GitHub workflow annotations.

Messages quote what people wrote, so a value may hold a line break followed by
'::error ...' or '::add-mask::'. In a CI log such a line is run as a workflow
command. Every format therefore prints each problem on exactly one line, with
line breaks and other control characters shown escaped (as \\n), and no line
of text output starts with '::'.
"""

from __future__ import annotations

import json
import re
from typing import Sequence

from .model import Problem


def _escape(value: str, *, property: bool = False) -> str:
    value = one_line(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return value.replace(":", "%3A").replace(",", "%2C") if property else value


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(value: str) -> str:
    """`value` on one line: control characters and line separators shown as escapes."""
    if not _CONTROL.search(value):
        return value
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\u{ord(m.group()):04x}"), value)


def _text_line(problem: Problem) -> str:
    line = one_line(str(problem))
    return "\\" + line if line.lstrip().startswith("::") else line


def as_text(problems: Sequence[Problem]) -> str:
    return "\n".join(_text_line(p) for p in problems)


def as_json(problems: Sequence[Problem], files_checked: int) -> str:
    return json.dumps(
        {
            "files": files_checked,
            "errors": sum(p.is_error for p in problems),
            "warnings": sum(not p.is_error for p in problems),
            "problems": [
                {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message, "rule": p.rule} for p in problems
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def as_github(problems: Sequence[Problem]) -> str:
    """Workflow commands: each problem appears on its line of the pull request's diff."""
    return "\n".join(
        f"::{p.severity} file={_escape(p.path, property=True)},line={p.line},title={_escape(p.rule, property=True)}::{_escape(p.message)}"
        for p in problems
    )


GITHUB_ANNOTATIONS = 10  # GitHub shows this many annotations of each level per step, and drops the rest
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!~&])")


def _md_cell(value: str) -> str:
    """Text safe in a Markdown table cell: no markup, no HTML, no line break, no column break."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(value))


def github_step_summary(problems: Sequence[Problem], files_checked: int) -> str | None:
    """Every problem as a Markdown table for the job summary, when annotations alone would hide some.

    GitHub shows only the first ten errors and ten warnings of a step as
    annotations; the summary then lists them all. None when nothing is hidden.
    """
    errors = sum(p.is_error for p in problems)
    if errors <= GITHUB_ANNOTATIONS and len(problems) - errors <= GITHUB_ANNOTATIONS:
        return None
    lines = [
        "## Knowledge base check: every problem",
        "",
        f"{summary(problems, files_checked)} GitHub shows only the first {GITHUB_ANNOTATIONS} errors and"
        f" {GITHUB_ANNOTATIONS} warnings on the pull request's lines, so all of them are listed here.",
        "",
        "| File | Line | Level | Problem | Rule |",
        "|:--|--:|:--|:--|:--|",
    ]
    lines += [f"| {_md_cell(p.path)} | {p.line} | {p.severity} | {_md_cell(p.message)} | {_md_cell(p.rule)} |" for p in problems]
    return "\n".join(lines) + "\n"


def summary(problems: Sequence[Problem], files_checked: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = f"{files_checked} file{'s' * (files_checked != 1)}"
    if not problems:
        return f"Checked {files}: no problems."
    return f"Checked {files}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."
