"""The cross-theme learning index and the `themes` and `learning` commands, on a small hand-made knowledge base."""

from __future__ import annotations

import csv
import io
import json

import pytest

from lscb_kb.catalogue import load_catalogue
from lscb_kb.learning import learning_index, write_learning_index


@pytest.fixture
def hand_made(kb):
    """Three public entries and one draft, with point-level and inherited themes."""
    kb.write(
        "a-2019-older",
        title="Older review",
        type="scr",
        published="2019-04",
        board="Board A",
        themes=["neglect", "voice-of-the-child"],
        learning=[
            {"point": "See the home conditions for yourself.", "themes": ["neglect"]},
            {"point": "Ask the child what a day is like."},  # no themes: counts for neglect and voice-of-the-child
        ],
    )
    kb.write(
        "b-2021-newer",
        title="Newer audit",
        type="audit",
        published="2021-02",
        board="Board B",
        themes=["neglect"],
        learning=[{"point": "Ask about abuse at home in every assessment.", "themes": ["domestic-abuse"]}],
    )
    kb.write(
        "c-2020-archived",
        title="Archived review",
        type="scr",
        status="archived",
        published="2020-01",
        board="Board C",
        themes=["voice-of-the-child", "domestic-abuse"],
        learning=[{"point": "Speak to the child alone.", "themes": ["voice-of-the-child"]}],
    )
    kb.write(
        "d-2022-draft",
        title="Draft review",
        status="draft",
        published="2022-01",
        themes=["neglect"],
        learning=[{"point": "Secret draft learning."}],
    )
    catalogue = load_catalogue(kb.root)
    assert not catalogue.errors
    return kb, catalogue.published()


def test_entries_and_points_per_theme(hand_made):
    _, published = hand_made
    index = learning_index(published)
    neglect = index.theme("neglect")
    # b-2021 counts for neglect as an entry (entry tag) though its only point is on domestic abuse
    assert neglect.entries == ("b-2021-newer", "a-2019-older")
    assert [(p.review_id, p.index, p.inherited) for p in neglect.points] == [("a-2019-older", 0, False), ("a-2019-older", 1, True)]
    voice = index.theme("voice-of-the-child")
    assert voice.entries == ("c-2020-archived", "a-2019-older")
    assert [(p.review_id, p.index) for p in voice.points] == [("c-2020-archived", 0), ("a-2019-older", 1)]
    abuse = index.theme("domestic-abuse")
    # a theme named only on a point still makes the entry count for it
    assert abuse.entries == ("b-2021-newer", "c-2020-archived")
    assert [p.point for p in abuse.points] == ["Ask about abuse at home in every assessment."]


def test_counts_by_year_and_type_and_co_occurrence(hand_made):
    _, published = hand_made
    neglect = learning_index(published).theme("neglect")
    assert neglect.by_year == ((2019, 1), (2021, 1))
    assert neglect.by_type == (("audit", 1), ("scr", 1))
    assert neglect.co_occurring == (("domestic-abuse", 1), ("voice-of-the-child", 1))
    voice = learning_index(published).theme("voice-of-the-child")
    assert voice.by_type == (("scr", 2),)
    assert voice.co_occurring == (("domestic-abuse", 1), ("neglect", 1))


def test_every_theme_is_listed_even_with_nothing_tagged(hand_made):
    _, published = hand_made
    index = learning_index(published)
    assert [t.theme_id for t in index.themes] == sorted(published.themes)
    adults = index.theme("adults-at-risk")
    assert (adults.entries, adults.points, adults.by_year, adults.co_occurring) == ((), (), (), ())


def test_drafts_are_left_out(hand_made):
    _, published = hand_made
    text = json.dumps(learning_index(published).to_dict())
    assert "d-2022-draft" not in text and "Secret draft" not in text


def test_the_json_is_ready_for_the_website(hand_made, tmp_path):
    _, published = hand_made
    path = tmp_path / "build" / "learning-index.json"
    write_learning_index(published, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == learning_index(published).to_dict()
    neglect = data["themes"]["neglect"]
    assert neglect["entry_count"] == 2 and neglect["point_count"] == 2
    assert neglect["by_year"] == {"2019": 1, "2021": 1}
    assert neglect["by_type"] == {"audit": 1, "scr": 1}
    assert neglect["co_occurring"] == [{"theme": "domestic-abuse", "entries": 1}, {"theme": "voice-of-the-child", "entries": 1}]
    assert neglect["points"][1] == {
        "review": "a-2019-older",
        "index": 1,
        "point": "Ask the child what a day is like.",
        "themes": ["neglect", "voice-of-the-child"],
        "inherited": True,
    }
    assert [p.name for p in path.parent.iterdir()] == ["learning-index.json"]


def test_the_index_command_writes_the_learning_index(hand_made):
    kb, published = hand_made
    assert kb.run("index").exit_code == 0
    written = json.loads((kb.root / "build" / "learning-index.json").read_text(encoding="utf-8"))
    assert written == learning_index(published).to_dict()


def test_themes_table_and_sorting(hand_made):
    kb, _ = hand_made
    result = kb.run("themes", "--sort", "entries")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "title", "entries", "points"]
    assert [line.split()[0] for line in lines[1:4]] == ["domestic-abuse", "neglect", "voice-of-the-child"]  # 2 each, then by id
    rows = json.loads(kb.run("themes", "--json", "--sort", "points").output)
    assert rows[:3] == [
        {"id": "neglect", "title": "Neglect", "entries": 2, "points": 2},
        {"id": "voice-of-the-child", "title": "Voice and lived experience of the child", "entries": 2, "points": 2},
        {"id": "domestic-abuse", "title": "Domestic abuse and coercive control", "entries": 2, "points": 1},
    ]
    assert [r["id"] for r in json.loads(kb.run("themes", "--json").output)] == sorted(r["id"] for r in rows)
    assert len(rows) == 37  # the shipped themes


def test_learning_accepts_a_synonym_and_groups_points_newest_first(hand_made):
    kb, _ = hand_made
    result = kb.run("learning", "lived experience")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("Voice and lived experience of the child (voice-of-the-child): 2 learning point(s) from 2 entries")
    assert out.index("Archived review") < out.index("Older review")
    assert "[historic learning]" in out and "Serious Case Review, 2020, Board C" in out


def test_learning_filters_and_formats(hand_made):
    kb, _ = hand_made
    rows = list(csv.DictReader(io.StringIO(kb.run("learning", "neglect", "--format", "csv").output)))
    assert [(r["review"], r["year"], r["type"], r["board"]) for r in rows] == [("a-2019-older", "2019", "scr", "Board A")] * 2
    data = json.loads(kb.run("learning", "Voice and lived experience of the child", "--since", "2020", "--format", "json").output)
    assert data["theme"] == "voice-of-the-child"
    assert [e["id"] for e in data["entries"]] == ["c-2020-archived"] and data["entries"][0]["archived"] is True
    markdown = kb.run("learning", "domestic-abuse", "--type", "audit", "--format", "markdown").output
    assert markdown.startswith("# Domestic abuse") and "## Newer audit" in markdown and "Archived review" not in markdown
    empty = kb.run("learning", "neglect", "--type", "sar")
    assert empty.exit_code == 0 and "No learning points" in empty.output


def test_an_unknown_theme_is_a_usage_error_with_a_suggestion(hand_made):
    kb, _ = hand_made
    result = kb.run("learning", "negelct")
    assert result.exit_code == 2
    assert "Did you mean 'neglect'" in result.output
