"""Improvement actions tracked to done: `lscb-kb actions` and the functions behind it, on real
temporary knowledge bases."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from lscb_kb.actions import as_csv, as_json, as_markdown, as_text, filter_actions, tracked_actions
from lscb_kb.catalogue import load_catalogue

TODAY = dt.date(2025, 1, 15)

SEEN_ALONE = {"action": "See every child alone at each visit.", "status": "in-progress", "owner": "Children's Social Care", "due": "2024-06", "updated": "2024-11-02"}
AUDIT = {"action": "Audit neglect cases.", "status": "planned", "owner": "Exampleshire Police", "due": "2025-01"}
NEWSLETTER = {"action": "A newsletter was sent.", "status": "done", "due": "2023", "evidence": "Read by 400 staff."}
PROTOCOL = {"action": "Write an escalation protocol.", "status": "unknown"}
TRAINING = {"action": "Train health visitors.", "status": "planned", "owner": "Health visiting", "due": "2099-03-31"}


@pytest.fixture
def actions_kb(kb):
    kb.write("exampleshire-2020-child-a", title="Child A", published="2020-05", actions=[NEWSLETTER, SEEN_ALONE],
             board="Exampleshire Safeguarding Children Partnership", themes=["neglect", "voice-of-the-child"])
    kb.write("westshire-2022-child-b", title="Child B", published="2022-03", actions=[PROTOCOL, AUDIT, TRAINING],
             board="Westshire Safeguarding Children Partnership", themes=["information-sharing", "escalation-and-challenge"])
    kb.write("westshire-2023-draft", title="Draft review", status="draft", published="2023-01",
             actions=[{"action": "A draft's action.", "status": "planned", "due": "2020"}])
    return kb


@pytest.fixture
def published(actions_kb):
    catalogue = load_catalogue(actions_kb.root)
    assert not catalogue.errors, catalogue.errors
    return catalogue.published()


def texts(items) -> list[str]:
    return [item.action.action for item in items]


def test_overdue_first_then_open_before_done_earliest_due_first(published):
    items = tracked_actions(published, TODAY)
    assert texts(items) == [SEEN_ALONE["action"], AUDIT["action"], TRAINING["action"], PROTOCOL["action"], NEWSLETTER["action"]]
    assert [i.overdue for i in items] == [True, False, False, False, False]
    # A month-only due date lasts to the end of the month: January 2025 is not overdue on 15 January, but is on 1 February.
    later = tracked_actions(published, dt.date(2025, 2, 1))
    assert [i.action.action for i in later if i.overdue] == [SEEN_ALONE["action"], AUDIT["action"]]
    assert "A draft's action." not in texts(later)  # drafts are never listed


def test_filters_combine(published):
    items = tracked_actions(published, TODAY)
    assert texts(filter_actions(items, board="westshire")) == [AUDIT["action"], TRAINING["action"], PROTOCOL["action"]]
    assert texts(filter_actions(items, theme_ids=["neglect"])) == [SEEN_ALONE["action"], NEWSLETTER["action"]]
    assert texts(filter_actions(items, statuses=["planned", "done"])) == [AUDIT["action"], TRAINING["action"], NEWSLETTER["action"]]
    assert texts(filter_actions(items, overdue=True)) == [SEEN_ALONE["action"]]
    assert texts(filter_actions(items, owner="POLICE")) == [AUDIT["action"]]
    assert filter_actions(items, owner="police", board="exampleshire") == []


def test_formats(published):
    items = tracked_actions(published, TODAY)
    text = as_text(items, TODAY)
    assert text.startswith("5 actions from 2 entries: 2 planned, 1 in progress, 1 done, 1 not known; 1 overdue (as of 15 January 2025).\n")
    assert "OVERDUE  [In progress] See every child alone at each visit.\n  owner: Children's Social Care; due June 2024; updated 2 November 2024\n" in text
    assert "  evidence: Read by 400 staff.\n  Child A (exampleshire-2020-child-a), Exampleshire Safeguarding Children Partnership" in text

    data = json.loads(as_json(items, TODAY))
    assert data["today"] == "2025-01-15" and data["total"] == 5 and data["overdue"] == 1
    assert data["by_status"] == {"planned": 2, "in-progress": 1, "done": 1, "unknown": 1}
    keys = ["entry", "title", "board", "action", "status", "owner", "due", "updated", "evidence", "overdue"]
    assert all(list(row) == keys for row in data["actions"]), "every row has the same keys, in the same order"
    assert data["actions"][3] == {"entry": "westshire-2022-child-b", "title": "Child B", "board": "Westshire Safeguarding Children Partnership",
                                  "action": PROTOCOL["action"], "status": "unknown", "owner": None, "due": None, "updated": None,
                                  "evidence": None, "overdue": False}

    rows = list(csv.DictReader(io.StringIO(as_csv(items))))
    assert list(rows[0]) == keys and len(rows) == 5
    assert rows[0]["overdue"] == "yes" and rows[0]["due"] == "2024-06" and rows[4]["evidence"] == "Read by 400 staff."

    table = as_markdown(items, TODAY)
    assert "| See every child alone at each visit. | Child A (`exampleshire-2020-child-a`) | Children's Social Care | June 2024 | **Overdue**, in progress | 2 November 2024 |  |" in table


def test_contributed_text_cannot_become_a_formula_or_markup(kb):
    """The validator refuses HTML; the formats escape anyway (values built by code skip the validator)."""
    import dataclasses

    from lscb_kb.catalogue import Published
    from lscb_kb.model import Action

    kb.write()
    published = load_catalogue(kb.root).published()
    review = dataclasses.replace(
        published.reviews[0], actions=(Action('=HYPERLINK("http://x")', "planned", owner="+Team | <b>x</b>", evidence="@SUM(A1)"),)
    )
    items = tracked_actions(Published(published.themes, (review,)), TODAY)
    (row,) = list(csv.DictReader(io.StringIO(as_csv(items))))
    assert row["action"] == "'=HYPERLINK(\"http://x\")" and row["owner"] == "'+Team | <b>x</b>" and row["evidence"] == "'@SUM(A1)"
    table = as_markdown(items, TODAY)
    assert "<b>" not in table and "+Team \\| \\<b\\>x\\</b\\>" in table


def test_the_command_lists_filters_and_formats(actions_kb):
    result = actions_kb.run("actions")
    assert result.exit_code == 0, result.output
    assert "5 actions from 2 entries" in result.output and "A draft's action." not in result.output
    overdue = actions_kb.run("actions", "--overdue")  # today's date: 2024 and January 2025 have passed, 2099 has not
    assert "OVERDUE  [In progress] See every child alone" in overdue.output and "OVERDUE  [Planned] Audit neglect" in overdue.output
    assert "Train health visitors" not in overdue.output
    statuses = actions_kb.run("actions", "--status", "planned", "--status", "unknown", "--board", "Westshire")
    assert "3 actions from 1 entry: 2 planned, 1 not known; 1 overdue (as of " in statuses.output
    owner = json.loads(actions_kb.run("actions", "--owner", "health visiting", "--format", "json").output)
    assert [a["action"] for a in owner["actions"]] == [TRAINING["action"]]
    rows = list(csv.reader(io.StringIO(actions_kb.run("actions", "--format", "csv").output)))
    assert rows[0][:3] == ["entry", "title", "board"] and len(rows) == 6
    assert actions_kb.run("actions", "--format", "markdown").output.startswith("# Improvement actions\n")


@pytest.mark.parametrize("name", ["information-sharing", "Information sharing and record keeping", "sharing information", "GDPR"])
def test_any_name_of_a_theme_works(actions_kb, name):
    result = actions_kb.run("actions", "--theme", name, "--format", "json")
    assert result.exit_code == 0, result.output
    assert {a["entry"] for a in json.loads(result.output)["actions"]} == {"westshire-2022-child-b"}


def test_an_unknown_theme_or_status_is_a_usage_error(actions_kb):
    result = actions_kb.run("actions", "--theme", "neglekt")
    assert result.exit_code == 2 and "there is no theme 'neglekt'" in result.output and "neglect" in result.output
    result = actions_kb.run("actions", "--status", "finished")
    assert result.exit_code == 2 and "'finished' is not one of" in result.output


def test_no_actions_is_said_plainly(kb):
    kb.write(actions=None)
    result = kb.run("actions")
    assert result.exit_code == 0 and result.output.startswith("0 actions from 0 entries (as of ")
