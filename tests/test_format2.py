"""Format 2: the fields real reviews need, read from fixtures that use every one of them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from lscb_kb.catalogue import load_catalogue
from lscb_kb.model import Action, Link, Source

FIXTURES = Path(__file__).parent / "fixtures" / "format2"
NATIONAL = "exampleshire-2023-national-review"
SAR = "exampleshire-2024-sar-three-adults"


@pytest.fixture
def format2(kb):
    for path in FIXTURES.glob("*.md"):
        shutil.copy(path, kb.root / "reviews" / path.name)
    return kb


def test_fixtures_use_every_new_field_and_load_into_the_model(format2):
    catalogue = load_catalogue(format2.root, today=dt.date(2024, 7, 1))
    assert not catalogue.errors, "\n".join(map(str, catalogue.errors))
    national, sar = catalogue.reviews[NATIONAL], catalogue.reviews[SAR]
    assert national.reference == "NSI-EX-0001" and national.scope == "national" and national.scope_label == "National review"
    assert national.dates == {
        "incident": "2020-06",
        "notified": "2020-06-18",
        "rapid_review": "2020-07",
        "commissioned": "2020-09",
        "completed": "2023-02",
    }
    assert national.author.startswith("An independent panel") and national.named_with_consent is True
    assert national.links[0] == Link("full-report", "https://www.example.org/national-review.pdf", "Children E and F: the full report")
    assert national.links[1].label == "Response"
    assert national.related == (SAR,) and sar.related == (NATIONAL,)
    assert national.source.expires == "2040-12-31" and sar.source.expires == "2039"
    assert national.actions[0] == Action(
        "Agree one way of passing on records when a family moves.",
        "in-progress",
        "Example Children's Services",
        "2024-03",
        "2024-01-15",
        "An audit of moves between the two areas in the following year.",
    )
    assert sar.scope == "local" and sar.named_with_consent is False and sar.dates["completed"] == "2023-11-30"
    assert [link.kind for link in sar.links] == ["executive-summary", "easy-read", "action-plan"]


def test_overdue_is_computed_from_due_and_status():
    action = Action("Agree a process.", "in-progress", due="2024-03")
    assert not action.overdue(dt.date(2024, 3, 31))  # the whole of March is still in time
    assert action.overdue(dt.date(2024, 4, 1))
    assert not Action("Done already.", "done", due="2020").overdue(dt.date(2024, 1, 1))
    assert not Action("No date.", "planned").overdue(dt.date(2024, 1, 1))
    assert Action("A year.", "planned", due="2023").overdue(dt.date(2024, 1, 1))


def test_source_expiry_counts_the_whole_period():
    assert not Source("P", "T", expires="2019").has_expired(dt.date(2019, 12, 31))
    assert Source("P", "T", expires="2019").has_expired(dt.date(2020, 1, 1))
    assert not Source("P", "T").has_expired(dt.date(2099, 1, 1))


def test_entries_without_the_new_fields_get_the_defaults(kb):
    kb.write()
    review = load_catalogue(kb.root).reviews["test-2020-example"]
    assert (review.reference, review.scope, review.dates, review.author) == (None, "local", {}, None)
    assert (review.named_with_consent, review.links, review.related, review.source.expires) == (False, (), (), None)


@pytest.mark.parametrize("kind", ["child-practice-review", "adult-practice-review", "case-management-review", "owhr"])
def test_the_new_review_types_are_accepted(kb, kind):
    kb.write(type=kind)
    review = load_catalogue(kb.root).reviews["test-2020-example"]
    assert review.type == kind and review.type_label


# --- naming a theme anywhere, and --type -------------------------------------------------------


@pytest.mark.parametrize(
    "name, theme",
    [
        ("information sharing", "information-sharing"),
        ("Voice-of-the-child", "voice-of-the-child"),
        ("voice of the child", "voice-of-the-child"),
        ("The voice of the child", "voice-of-the-child"),
        ("escalation and challenge", "escalation-and-challenge"),
        ("physical abuse and injury", "physical-abuse-and-injury"),
        ("PROFESSIONAL CURIOSITY", "professional-curiosity"),
        ("lived experience", "voice-of-the-child"),
    ],
)
def test_a_theme_is_named_by_id_with_spaces_title_or_synonym_ignoring_case_and_punctuation(shipped, name, theme):
    assert shipped.resolve_theme(name).id == theme


def test_an_ambiguous_name_lists_its_candidates():
    from lscb_kb.learning import UnknownTheme, find_theme
    from lscb_kb.model import theme_names
    from lscb_kb.validate import suggest

    names = theme_names([("neglect", "Neglect", ("care",)), ("adults-at-risk", "Adults at risk", ("Care",)), ("care-leavers", "Care leavers", ())])
    assert "care" not in names and names.candidates("the care") == ("neglect", "adults-at-risk")
    with pytest.raises(UnknownTheme, match="'neglect' or 'adults-at-risk'"):
        find_theme(names, "Care")
    assert "several themes: 'neglect', 'adults-at-risk'" in suggest("care", ["neglect", "adults-at-risk"], names)
    assert names["care leavers"] == "care-leavers"  # a title beats nothing; an id beats another theme's synonym


def test_new_accepts_theme_names_and_type_names_as_options(kb):
    result = kb.run(
        "new", "--type", "SAR", "--title", "Adult K", "--board", "Exampleshire Safeguarding Adults Board",
        "--published", "2023-05", "--theme", "information sharing", "--theme", "The voice of the adult",
    )
    assert result.exit_code == 0, result.output
    text = next((kb.root / "reviews").glob("*.md")).read_text(encoding="utf-8")
    assert "\ntype: sar\n" in text and "\nthemes: [information-sharing, voice-of-the-adult]\n" in text


def test_type_option_refuses_what_is_not_a_type(kb):
    result = kb.run("new", "--type", "review", "--title", "x", "--board", "b", "--published", "2020", "--theme", "neglect")
    assert result.exit_code == 2 and "'review' is not a review type" in result.output


# --- new: answers from a file or standard input, the id, the fields asked at the start -----------

ANSWERS = """\
type: SAR
title: Safeguarding Adults Review – Adult K
board: Exampleshire & Westexample Safeguarding Adults Board
published: 2023-05
themes: [information sharing, The voice of the adult]
reference: SAR 2023/02
scope: regional
links:
  - full-report https://www.example.org/adult-k.pdf
  - kind: executive-summary
    url: https://www.example.org/adult-k-summary.pdf
"""


def test_new_reads_its_answers_from_standard_input(kb):
    result = kb.run("new", "--answers", "-", input=ANSWERS)
    assert result.exit_code == 0, result.output
    path = kb.root / "reviews" / "exampleshire-and-westexample-2023-adult-k.md"
    assert "Wrote reviews/exampleshire-and-westexample-2023-adult-k.md (status: draft)" in result.output
    review = load_catalogue(kb.root).reviews[path.stem]
    assert (review.type, review.reference, review.scope) == ("sar", "SAR 2023/02", "regional")
    assert review.themes == ("information-sharing", "voice-of-the-adult")
    assert [(link.kind, link.url) for link in review.links] == [
        ("full-report", "https://www.example.org/adult-k.pdf"),
        ("executive-summary", "https://www.example.org/adult-k-summary.pdf"),
    ]
    text = path.read_text(encoding="utf-8")
    assert "\n# dates:\n" in text and "\n# author: " in text and "\n# related: " in text and "\n  # expires: " in text


def test_new_reads_its_answers_from_a_file_and_options_win(kb, tmp_path):
    answers = tmp_path / "answers.yml"
    answers.write_text(ANSWERS, encoding="utf-8")
    result = kb.run("new", "--answers", str(answers), "--id", "adult-k", "--scope", "local")
    assert result.exit_code == 0, result.output
    assert load_catalogue(kb.root).reviews["adult-k"].scope == "local"


@pytest.mark.parametrize(
    "answers, message",
    [
        ("titel: Adult K\n", "'titel' is not a question of 'lscb-kb new'"),
        ("title: Adult K: the review\n", "the answers cannot be read"),
        (ANSWERS.replace("type: SAR", "type: review"), "'review' is not a review type"),
        (ANSWERS.replace("full-report https", "report https"), "'report' is not a kind of link"),
        (ANSWERS.replace("published: 2023-05\n", ""), "missing --published"),
    ],
)
def test_new_refuses_wrong_answers_and_writes_nothing(kb, answers, message):
    result = kb.run("new", "--answers", "-", input=answers)
    assert result.exit_code == 2 and message in result.output
    assert list((kb.root / "reviews").iterdir()) == []


def test_new_finds_a_clash_before_anything_else(kb):
    kb.write("adult-k")
    result = kb.run("new", "--id", "adult-k")  # no other answer given: the clash is reported first
    assert result.exit_code == 1 and "reviews/adult-k.md already exists" in result.output


def test_new_status_published_writes_an_entry_that_cannot_be_published_until_filled_in(kb):
    result = kb.run("new", "--answers", "-", "--status", "published", input=ANSWERS)
    assert result.exit_code == 0, result.output
    assert "It cannot be published until every text starting with 'TODO' is replaced" in result.output
    check = kb.run("validate")
    assert check.exit_code == 1 and ": error: " in check.output and "[template-placeholder]" in check.output
    catalogue = load_catalogue(kb.root)
    assert not catalogue.reviews and not catalogue.published().reviews


def test_the_template_example_address_left_in_is_template_text(kb):
    kb.write(source={"publisher": "P", "title": "T", "url": "https://www.example.org/the-report.pdf"})
    result = kb.run("validate")
    assert result.exit_code == 1 and "'source.url' still has template text 'https://www.example.org/the-report.pdf'" in result.output


def test_every_field_of_the_tables_is_in_the_template():
    """`new`'s template and the schema come from the same field tables: a field added to one is in both."""
    from lscb_kb.new import Entry, render
    from lscb_kb.vocab import ACTION_FIELDS, DATES_FIELDS, LINK_FIELDS, REVIEW_FIELDS, SOURCE_FIELDS

    text = render(Entry("x", "T", "scr", "2020", "B", ("neglect",)))
    for table in (REVIEW_FIELDS, ACTION_FIELDS, DATES_FIELDS, LINK_FIELDS, SOURCE_FIELDS):
        for name in table:
            assert re.search(rf"^[ #-]*{name}:", text, re.MULTILINE), f"{name} is not in the template"


def test_the_cambridgeshire_deck_entries_carry_its_expiry_and_are_archived(repo_root):
    catalogue = load_catalogue(repo_root)
    assert not catalogue.errors
    deck = [r for r in catalogue.reviews.values() if r.id.startswith("cambs-peterborough-2018-")]
    assert len(deck) == 7
    assert {(r.source.expires, r.status, r.source.has_expired()) for r in deck} == {("2019", "archived", True)}


def test_an_expired_source_must_be_archived_not_published(kb):
    kb.write(source={"publisher": "P", "title": "T", "expires": "2019"})
    result = kb.run("validate")
    assert result.exit_code == 1 and "[source-expired]" in result.output
    kb.write(status="archived", source={"publisher": "P", "title": "T", "expires": "2019"})
    assert kb.run("validate").exit_code == 0


def test_a_comment_after_a_word_that_is_not_text_is_allowed(kb):
    """'status: draft # until the board agrees' hides nothing; quoting it, as the fix says for text, would break it."""
    from conftest import review_text

    text = review_text().replace("status: published", "status: published  # agreed by the board").replace(
        "- neglect\n", "- neglect  # the main theme\n"
    )
    kb.write(text=text)
    result = kb.run("validate")
    assert result.exit_code == 0, result.output
    kb.write(text=text.replace("board: Example", "board: Example #2"))
    assert "'board' is cut short at ' #'" in kb.run("validate").output


@pytest.mark.parametrize("target", ["y.md", "../reviews/y.md", "../y/", "y.md#findings"])
def test_a_link_from_a_public_entry_to_one_that_is_not_public_is_an_error(kb, target):
    from conftest import review_text

    kb.write("x", text=review_text("x", body=f"## Overview\n\nSee [the other]({target}).\n\n## Findings\n\nx\n"))
    kb.write("y", status="draft")
    result = kb.run("validate")
    assert result.exit_code == 1 and "[link-not-public]" in result.output and f"the link '{target}' leads to 'y'" in result.output
    assert kb.run("validate", str(kb.root / "reviews" / "x.md")).exit_code == 1  # found when only this file is checked
    kb.write("y", status="published")
    assert kb.run("validate").exit_code == 0


def test_related_to_a_draft_is_an_error_only_in_a_public_entry(kb):
    kb.write("x", related=["y"])
    kb.write("y", status="draft")
    result = kb.run("validate")
    assert result.exit_code == 1 and "'y' is not public (its status is draft)" in result.output
    assert kb.run("validate", str(kb.root / "reviews" / "x.md")).exit_code == 1
    kb.write("x", related=["y"], status="draft")
    assert kb.run("validate").exit_code == 0


def test_two_themes_sharing_a_name_by_the_naming_rule_are_warned_about(kb):
    kb.write()
    (kb.root / "themes" / "new-theme.md").write_text(
        "---\nid: new-theme\ntitle: New theme\nsynonyms: [The Lived-Experience]\n---\nA short definition.\n", encoding="utf-8"
    )
    result = kb.run("validate")
    (warning,) = [line for line in result.output.splitlines() if line.endswith("[shared-synonym]")]
    assert "'lived experience' is also a name of theme 'new-theme'" in warning or "'The Lived-Experience' is also a name of theme 'voice-of-the-child'" in warning
