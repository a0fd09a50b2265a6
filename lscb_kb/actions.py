"""Improvement actions tracked to done: every action of the public entries, filtered, sorted and
formatted for `lscb-kb actions` (a learning and improvement subgroup's meeting list) and the site.

Pure functions of the published view and a date: "overdue" is computed from an action's `due`
date and `today` (passed in, so that tests and reports can fix it), never written by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from .catalogue import Published
from .model import Action, Review, date_start
from .text import format_date, plural
from .vocab import ACTION_STATUSES

# Open actions before finished ones; within each, the ones that have been started first.
_STATUS_ORDER = {"in-progress": 0, "planned": 1, "unknown": 2, "done": 3}
_NO_DUE_DATE = dt.date.max


@dataclass(frozen=True)
class TrackedAction:
    """One action with its entry, and whether it is overdue on the day of the report."""

    review: Review
    action: Action
    overdue: bool

    def to_dict(self) -> dict:
        """Stable keys, every one present (null when the entry does not give it)."""
        a, r = self.action, self.review
        return {
            "entry": r.id,
            "title": r.title,
            "board": r.board,
            "action": " ".join(a.action.split()),
            "status": a.status,
            "owner": a.owner,
            "due": a.due,
            "updated": a.updated,
            "evidence": " ".join(a.evidence.split()) if a.evidence else None,
            "overdue": self.overdue,
        }


def tracked_actions(published: Published, today: dt.date) -> list[TrackedAction]:
    """Every action of the public entries, overdue first, then open before done, earliest due first.

    Ties keep the entries' order (newest first) and each entry's own order of actions.
    """
    found = [TrackedAction(r, a, a.overdue(today)) for r in published.reviews for a in r.actions]
    return sorted(
        found,
        key=lambda t: (
            not t.overdue,
            _STATUS_ORDER.get(t.action.status, len(_STATUS_ORDER)),
            date_start(t.action.due) if t.action.due else _NO_DUE_DATE,
        ),
    )


def filter_actions(
    actions: Iterable[TrackedAction],
    *,
    board: str | None = None,
    theme_ids: Sequence[str] = (),
    statuses: Sequence[str] = (),
    overdue: bool = False,
    owner: str | None = None,
) -> list[TrackedAction]:
    """The actions that pass every filter given. `board` and `owner` match any part of the name,
    ignoring case ("liverpool" finds "Liverpool Safeguarding Children Board"); an action counts
    under every theme of its entry, and under any of several statuses."""
    board_key = board.strip().casefold() if board else None
    owner_key = owner.strip().casefold() if owner else None
    chosen = []
    for item in actions:
        if board_key and board_key not in item.review.board.casefold():
            continue
        if owner_key and owner_key not in (item.action.owner or "").casefold():
            continue
        if theme_ids and not set(theme_ids) & set(item.review.themes):
            continue
        if statuses and item.action.status not in statuses:
            continue
        if overdue and not item.overdue:
            continue
        chosen.append(item)
    return chosen


def counts(actions: Sequence[TrackedAction]) -> tuple[int, dict[str, int], int]:
    """(total, actions per status in the vocabulary's order, overdue)."""
    by_status = Counter(t.action.status for t in actions)
    return len(actions), {status: by_status[status] for status in ACTION_STATUSES}, sum(t.overdue for t in actions)


def headline(actions: Sequence[TrackedAction]) -> str:
    """'5 actions from 3 entries: 2 planned, 1 in progress, 2 done; 1 overdue.'"""
    total, by_status, overdue = counts(actions)
    entries = len({t.review.id for t in actions})
    parts = ", ".join(f"{n:,} {ACTION_STATUSES[s].lower()}" for s, n in by_status.items() if n)
    text = f"{plural(total, 'action')} from {plural(entries, 'entry', 'entries')}"
    return f"{text}: {parts}; {overdue:,} overdue." if total else f"{text}."


# --- formats --------------------------------------------------------------------------------------


def _details(item: TrackedAction) -> list[str]:
    """Owner, due date, last update: what a meeting asks about an action, in that order."""
    a = item.action
    found = []
    if a.owner:
        found.append(f"owner: {' '.join(a.owner.split())}")
    if a.due:
        found.append(f"due {format_date(a.due)}")
    if a.updated:
        found.append(f"updated {format_date(a.updated)}")
    return found


def as_text(actions: Sequence[TrackedAction], today: dt.date) -> str:
    lines = [f"{headline(actions)[:-1]} (as of {format_date(today.isoformat())})."]
    for item in actions:
        a, r = item.action, item.review
        flag = "OVERDUE  " if item.overdue else ""
        lines.append("")
        lines.append(f"{flag}[{a.status_label}] {' '.join(a.action.split())}")
        details = _details(item)
        if details:
            lines.append("  " + "; ".join(details))
        if a.evidence:
            lines.append(f"  evidence: {' '.join(a.evidence.split())}")
        lines.append(f"  {r.title} ({r.id}), {r.board}")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]{}<>#|!~&"})


def _md(text: str) -> str:
    """Contributed text as plain Markdown text: no markup, link, HTML or table break."""
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


def as_markdown(actions: Sequence[TrackedAction], today: dt.date) -> str:
    """A table for a meeting paper: one row per action, overdue first."""
    lines = [
        "# Improvement actions",
        "",
        f"{_md(headline(actions))} Overdue as of {format_date(today.isoformat())}.",
    ]
    if not actions:
        return "\n".join(lines) + "\n"
    lines += [
        "",
        "| Action | Entry | Owner | Due | Status | Last update | Evidence |",
        "|:--|:--|:--|:--|:--|:--|:--|",
    ]
    for item in actions:
        a, r = item.action, item.review
        status = f"**Overdue**, {a.status_label.lower()}" if item.overdue else a.status_label
        lines.append(
            f"| {_md(a.action)} | {_md(r.title)} (`{r.id}`) | {_md(a.owner or '')} | {format_date(a.due) if a.due else ''}"
            f" | {status} | {format_date(a.updated) if a.updated else ''} | {_md(a.evidence or '')} |"
        )
    return "\n".join(lines) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A spreadsheet cannot run contributed text as a formula: text starting with = + - @ gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def as_csv(actions: Sequence[TrackedAction]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = ["entry", "title", "board", "action", "status", "owner", "due", "updated", "evidence", "overdue"]
    writer.writerow(keys)
    for item in actions:
        row = item.to_dict()
        row["overdue"] = "yes" if row["overdue"] else "no"
        writer.writerow([_cell(row[k]) if row[k] is not None else "" for k in keys])
    return out.getvalue()


def as_json(actions: Sequence[TrackedAction], today: dt.date) -> str:
    total, by_status, overdue = counts(actions)
    data = {
        "today": today.isoformat(),
        "total": total,
        "by_status": by_status,
        "overdue": overdue,
        "actions": [item.to_dict() for item in actions],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
