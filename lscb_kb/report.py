"""Validator problems as text, JSON or GitHub workflow annotations."""

from __future__ import annotations

import json
from typing import Sequence

from .model import Problem


def _escape(value: str, *, property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property else value


def as_text(problems: Sequence[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


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


def summary(problems: Sequence[Problem], files_checked: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = f"{files_checked} file{'s' * (files_checked != 1)}"
    if not problems:
        return f"Checked {files}: no problems."
    return f"Checked {files}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."
