"""Format 2: the fields real reviews need, read from fixtures that use every one of them."""

from __future__ import annotations

import datetime as dt
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
