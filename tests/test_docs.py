"""Every rule of the check is in the rule table, documented, and triggered by a test (after sqlite-utils' test_docs.py).

The table of triggers below holds, for each rule, the smallest knowledge base
that breaks it; each must really produce its rule. A rule id used in the code
but not in lscb_kb/rules.py fails the static scan at the end.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from lscb_kb.model import Problem
from lscb_kb.rules import RULES, as_markdown
from test_messages import BASE, CASES, broken

REPO = Path(__file__).resolve().parent.parent


def _review(text):
    return lambda kb: kb.write("x", text=text)


def _theme(text: str, name: str = "new-theme"):
    def write(kb):
        kb.write("x", text=BASE)
        (kb.root / "themes" / f"{name}.md").write_text(text, encoding="utf-8")

    return write


def _two(first: str, second: str):
    def write(kb):
        kb.write("x", text=first)
        kb.write("y", text=second)

    return write


def _symbolic_link(kb):
    outside = kb.root.parent / "outside.md"
    outside.write_text(BASE, encoding="utf-8")
    (kb.root / "reviews" / "x.md").symlink_to(outside)


def _not_a_file(kb):
    kb.write("x", text=BASE)
    (kb.root / "reviews" / "y.md").mkdir()


def _unreadable(kb):
    if os.geteuid() == 0:
        pytest.skip("root reads every file: run the suite as another user to see this rule")
    kb.write("x", text=BASE).chmod(0)


def _config(kb):
    kb.write("x", text=BASE)
    (kb.root / "lscb-kb.yml").write_text("allowed_contact_details: 0151 233 3800\n", encoding="utf-8")


def _placeholder(kb):
    kb.write("x", text=BASE)
    (kb.root / "content").mkdir()
    shutil.copy(REPO / "lscb_kb" / "starter" / "content" / "about.md", kb.root / "content" / "about.md")


REVIEW_Y = BASE.replace("id: x", "id: y")

# rule -> a function that writes a knowledge base breaking it (beyond the cases of test_messages.py)
TRIGGERS = {
    "duplicate-id": _two(BASE, BASE),
    "duplicate-theme": _review(broken("[neglect, voice-of-the-child]", "[neglect, neglect]")),
    "missing-section": _review(broken("## Findings", "## Other")),
    "section-name": _review(broken("## Findings", "## Findngs")),
    "self-related": _review(broken("area: [Exampleshire]", "area: [Exampleshire]\nrelated: [x]")),
    "related-not-public": _two(
        broken("area: [Exampleshire]", "area: [Exampleshire]\nrelated: [y]"), REVIEW_Y.replace("status: published", "status: draft")
    ),
    "link-not-public": _two(
        broken("What was found.", "See [the other review](y.md)."), REVIEW_Y.replace("status: published", "status: embargoed")
    ),
    "reserved-id": lambda kb: kb.write("search", text=BASE.replace("id: x", "id: search")),
    "empty-front-matter": _review("---\n\n---\n\nText.\n"),
    "not-text": lambda kb: kb.write("x", text=b"---\x00\x01binary"),
    "unreadable": _unreadable,
    "not-a-file": _not_a_file,
    "symbolic-link": _symbolic_link,
    "yaml-too-large": _review(broken("area: [Exampleshire]", "area: [" + ", ".join(["a"] * 10_001) + "]")),
    "config": _config,
    "placeholder": _placeholder,
    "missing-definition": _theme("---\nid: new-theme\ntitle: New theme\n---\n"),
    "long-definition": _theme("---\nid: new-theme\ntitle: New theme\n---\n" + "A long definition. " * 30 + "\n"),
    "shared-synonym": _theme("---\nid: new-theme\ntitle: New theme\nsynonyms: [lived experience]\n---\nA short definition.\n"),
    "template-placeholder": _review(broken("status: published", "status: draft").replace("What happened.", "TODO")),
}
for _name, (_text, _line, _rule, _fix) in CASES.items():
    TRIGGERS.setdefault(_rule, _review(_text))


def test_every_rule_has_a_trigger_and_every_trigger_a_rule():
    assert sorted(set(RULES) - set(TRIGGERS)) == [], "add a case that triggers each new rule"
    assert sorted(set(TRIGGERS) - set(RULES)) == []


@pytest.mark.parametrize("rule", sorted(RULES))
def test_the_trigger_really_produces_the_rule(kb, rule):
    TRIGGERS[rule](kb)
    result = kb.run("validate", "--format", "json")
    found = {(p["rule"], p["severity"]) for p in json.loads(result.output)["problems"]}
    assert {(r, s) for r, s in found if r == rule}, f"no [{rule}] in {sorted(found)}"
    assert {s for r, s in found if r == rule} <= set(RULES[rule].severities)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_is_documented(rule):
    """Named in backticks on the Contribute page or in DESIGN.md (whose rule table is the generated one)."""
    documents = [(REPO / "content" / "contribute.md").read_text(encoding="utf-8"), (REPO / "DESIGN.md").read_text(encoding="utf-8")]
    assert any(f"`{rule}`" in text for text in documents)


def test_design_holds_the_rule_table_as_generated():
    assert as_markdown() in (REPO / "DESIGN.md").read_text(encoding="utf-8"), "paste lscb_kb.rules.as_markdown() into DESIGN.md"


def test_every_rule_has_a_description_and_a_fix():
    for rule in RULES.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id)
        assert rule.description.endswith(".") and rule.fix.endswith(".") and rule.severities
        assert set(rule.severities) <= {"error", "warning"}


def test_a_problem_with_a_rule_outside_the_table_is_a_programming_error():
    with pytest.raises(ValueError, match="not in the table"):
        Problem("reviews/x.md", 1, "error", "a message", "no-such-rule")
    with pytest.raises(ValueError, match="not in the table"):
        Problem("reviews/x.md", 1, "warning", "a message", "raw-html")  # raw HTML is never only a warning


def test_every_rule_id_in_the_code_is_in_the_table():
    """A static scan: every string literal passed as the rule of a problem, even on a path no test runs."""
    used = set()
    for path in (REPO / "lscb_kb").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in (
                "error", "warning", "at_line", "_problem", "Problem", "vocabulary",
            ):
                last = node.args[-1] if node.args else None
                if isinstance(last, ast.Constant) and isinstance(last.value, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", last.value):
                    used.add(last.value)
    assert len(used) > 40
    assert sorted(used - set(RULES)) == []


def test_list_rules_prints_the_table(kb):
    text = kb.run("validate", "--list-rules")
    assert text.exit_code == 0
    for rule in RULES.values():
        assert f"{rule.id} ({rule.severity})\n  {rule.description}\n  Fix: {rule.fix}" in text.output
    listed = json.loads(kb.run("validate", "--list-rules", "--format", "json").output)
    assert [r["id"] for r in listed] == list(RULES)
    assert listed[0] == {"id": "empty-file", "severity": "error", "description": RULES["empty-file"].description, "fix": RULES["empty-file"].fix}
