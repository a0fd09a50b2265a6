"""The JSON Schema of front matter: valid for every shipped file, and rejecting what the validator rejects."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from lscb_kb import load
from lscb_kb.catalogue import load_catalogue
from lscb_kb.new import SCHEMA_COMMENT
from lscb_kb.schema import REVIEW_SCHEMA, SCHEMA_DIR, THEME_SCHEMA, review_schema, theme_schema
from lscb_kb.vocab import REVIEW_FIELDS, REVIEW_TYPES

from conftest import review_text


@pytest.fixture(scope="module")
def themes(repo_root) -> dict[str, str]:
    return {ident: theme.title for ident, theme in load_catalogue(repo_root).themes.items()}


@pytest.fixture(scope="module")
def reviews(themes) -> Draft202012Validator:
    return Draft202012Validator(review_schema(themes))


def front_matter(path: Path) -> dict:
    """Front matter through the project's own loader (which keeps dates as text)."""
    document = load.read(path, path.name)
    assert isinstance(document, load.Document), document
    return document.meta


def messages(validator: Draft202012Validator, meta: dict) -> list[str]:
    return [error.message for error in validator.iter_errors(meta)]


def test_both_schemas_are_valid_draft_2020_12(themes):
    Draft202012Validator.check_schema(review_schema(themes))
    Draft202012Validator.check_schema(theme_schema(themes))


def test_every_shipped_review_passes(repo_root, reviews):
    files = sorted((repo_root / "reviews").glob("*.md"))
    assert len(files) >= 20
    failures = {f.name: messages(reviews, front_matter(f)) for f in files}
    assert not {name: found for name, found in failures.items() if found}


def test_every_shipped_theme_passes(repo_root, themes):
    validator = Draft202012Validator(theme_schema(themes))
    files = sorted((repo_root / "themes").glob("*.md"))
    assert len(files) == 37
    failures = {f.name: messages(validator, front_matter(f)) for f in files}
    assert not {name: found for name, found in failures.items() if found}


def test_fields_and_words_come_from_the_vocabulary(themes):
    schema = review_schema(themes)
    assert list(schema["properties"]) == list(REVIEW_FIELDS)
    assert schema["required"] == [name for name, field in REVIEW_FIELDS.items() if field.required]
    assert schema["properties"]["type"]["enum"] == list(REVIEW_TYPES)
    assert schema["properties"]["themes"]["items"]["enum"] == sorted(themes)
    assert schema["properties"]["learning"]["items"]["properties"]["themes"]["items"]["enum"] == sorted(themes)


def _valid_meta() -> dict:
    document = load.parse(review_text("test-2020-example"), "reviews/test-2020-example.md", "test-2020-example")
    return document.meta


def entry_text(meta: dict) -> str:
    return f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n\n## Overview\n\nWhat happened.\n\n## Findings\n\nWhat was found.\n"


def _set(meta: dict, path: tuple, value) -> dict:
    meta = copy.deepcopy(meta)
    target = meta
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return meta


_DELETE = object()

# Mistakes the schema must flag while someone types, as the validator does when they save.
BAD = {
    "unknown key": (("theme",), ["neglect"]),
    "unknown theme": (("themes",), ["profesional-curiosity"]),
    "unknown theme on a learning point": (("learning", 0, "themes"), ["neglekt"]),
    "theme as text, not a list": (("themes",), "neglect"),
    "no themes": (("themes",), []),
    "bad type": (("type",), "serious case review"),
    "bad status": (("status",), "live"),
    "bad date format": (("published",), "05/2020"),
    "date as words": (("published",), "July 2016"),
    "empty learning": (("learning",), []),
    "learning point without text": (("learning", 0, "point"), " "),
    "learning point as plain text": (("learning",), ["See the child alone."]),
    "unknown key in a learning point": (("learning", 0, "theme"), ["neglect"]),
    "bad url scheme": (("source", "url"), "javascript:alert(1)"),
    "ftp url": (("source", "url"), "ftp://example.org/report.pdf"),
    "url without a host": (("source", "url"), "https://localhost"),
    "non-slug id": (("id",), "Child A review"),
    "id with capitals": (("id",), "Test-2020-Example"),
    "title read as yes/no": (("title",), True),
    "title read as a number": (("title",), 2016),
    "missing board": (("board",), _DELETE),
    "missing source title": (("source", "title"), _DELETE),
    "summary too long": (("summary",), "word " * 130),
    "unknown age band": (("ages",), ["baby"]),
    "unknown action status": (("actions", 0, "status"), "complete"),
    "no status (Format 2: required)": (("status",), _DELETE),
    # Format 2's fields
    "unknown scope": (("scope",), "county"),
    "unknown link kind": (("links",), [{"kind": "report", "url": "https://example.org/r.pdf"}]),
    "link without an address": (("links",), [{"kind": "full-report"}]),
    "link to a file": (("links",), [{"kind": "full-report", "url": "file:///c/report.pdf"}]),
    "links as text": (("links",), "https://example.org/r.pdf"),
    "unknown key in a link": (("links",), [{"kind": "full-report", "url": "https://example.org/r.pdf", "name": "x"}]),
    "unknown date of the review": (("dates",), {"decided": "2020"}),
    "date of the review in words": (("dates",), {"completed": "May 2020"}),
    "dates as a list": (("dates",), ["2019", "2020"]),
    "named_with_consent as text": (("named_with_consent",), "yes please"),
    "related entry that is not an id": (("related",), ["Child A"]),
    "related as text": (("related",), "other-entry"),
    "expiry date in words": (("source", "expires"), "end of 2019"),
    "due date in words": (("actions", 0, "due"), "soon"),
    "unknown key in an action": (("actions", 0, "deadline"), "2024"),
    "reference read as a number": (("reference",), 1402),
    "empty author": (("author",), " "),
    "owner read as yes/no": (("actions", 0, "owner"), True),
}


@pytest.mark.parametrize("name", BAD)
def test_schema_rejects_what_the_validator_rejects(kb, reviews, name):
    path, value = BAD[name]
    meta = _set(_valid_meta(), path, value)
    assert messages(reviews, meta), f"the schema accepts: {name}"
    kb.write("test-2020-example", text=entry_text(meta))
    result = kb.run("validate")
    assert result.exit_code == 1, f"the validator accepts: {name}\n{result.output}"


GOOD = {
    "as written by the fixture": ((), None),
    "year read as a number": (("published",), 2016),
    "full date": (("published",), "2016-07-01"),
    "https url": (("source", "url"), "https://example.org/report.pdf"),
    "http url": (("source", "url"), "http://example.org"),
    "learning point without themes": (("learning", 0, "themes"), _DELETE),
    "learning point with empty themes": (("learning", 0, "themes"), []),
    "no actions": (("actions",), _DELETE),
    "embargoed": (("status",), "embargoed"),
    "every Format 2 field": (
        (),
        {
            "reference": "LSCR 1402",
            "scope": "national",
            "dates": {"incident": "2018", "notified": "2018-02", "commissioned": 2018, "completed": "2019-11-30"},
            "author": "An independent reviewer",
            "named_with_consent": True,
            "links": [{"kind": "full-report", "url": "https://example.org/r.pdf", "title": "The report"}, {"kind": "other", "url": "http://example.org"}],
            "related": [],
        },
    ),
    "action with owner, due, updated and evidence": (
        ("actions",),
        [{"action": "Train staff.", "status": "in-progress", "owner": "Training team", "due": "2030-01", "updated": "2020-06", "evidence": "An audit."}],
    ),
    "source with an expiry date still to come": (("source", "expires"), "2099-12-31"),
}


@pytest.mark.parametrize("name", GOOD)
def test_schema_accepts_what_the_validator_accepts(kb, reviews, name):
    path, value = GOOD[name]
    meta = _set(_valid_meta(), path, value) if path else _valid_meta() | (value or {})
    assert not messages(reviews, meta)
    kb.write("test-2020-example", text=entry_text(meta))
    result = kb.run("validate")
    assert result.exit_code == 0, result.output


def test_theme_schema_checks_related_themes(themes):
    validator = Draft202012Validator(theme_schema(themes))
    good = {"id": "new-theme", "title": "New theme", "synonyms": ["a word"], "related": ["neglect"]}
    assert not messages(validator, good)
    assert messages(validator, good | {"related": ["neglekt"]})
    assert messages(validator, good | {"synonym": ["a word"]})
    assert messages(validator, {"id": "new-theme"})


def test_schema_command_writes_both_files_where_the_template_points(kb):
    result = kb.run("schema")
    assert result.exit_code == 0, result.output
    folder = kb.root / SCHEMA_DIR
    review = json.loads((folder / REVIEW_SCHEMA).read_text(encoding="utf-8"))
    theme = json.loads((folder / THEME_SCHEMA).read_text(encoding="utf-8"))
    assert review["$schema"] == theme["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "neglect" in review["properties"]["themes"]["items"]["enum"]
    # The header comment of a new entry is relative to reviews/, where the entry lives.
    relative = SCHEMA_COMMENT.split("$schema=", 1)[1]
    assert (kb.root / "reviews" / relative).resolve() == (folder / REVIEW_SCHEMA).resolve()
    assert not list(folder.glob(".*tmp")), "temporary files left behind"


def test_schema_command_out_option(kb, tmp_path):
    result = kb.run("schema", "--out", str(tmp_path / "schemas"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == [REVIEW_SCHEMA, THEME_SCHEMA]
    assert not (kb.root / "build").exists()


def test_schema_command_outside_a_knowledge_base_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from lscb_kb.cli import cli

    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "schema"])
    assert result.exit_code == 2
    assert "is not a knowledge base" in result.output


def test_a_field_kind_the_schema_does_not_know_stops_it(monkeypatch, themes):
    """A new kind of field in vocab.py cannot be silently left out of the schema."""
    from lscb_kb import vocab

    monkeypatch.setitem(vocab.REVIEW_FIELDS, "rating", vocab.Field("rating", "stars", False, "how good the review is"))
    with pytest.raises(ValueError, match="the field kind 'stars' of lscb_kb/vocab.py has no JSON Schema"):
        review_schema(themes)


def test_a_new_field_in_vocab_appears_in_the_schema(monkeypatch, themes):
    from lscb_kb import vocab

    monkeypatch.setitem(vocab.REVIEW_FIELDS, "keywords", vocab.Field("keywords", "text-list", False, "extra search words"))
    assert review_schema(themes)["properties"]["keywords"] == {"type": "array", "items": {"type": "string", "pattern": r"\S"}, "description": "extra search words"}


FULL_DATES = """\
---
id: test-2020-example
title: Example review
type: scr
status: published
published: 2020-05-04
board: Example Safeguarding Children Partnership
themes: [neglect]
summary: A short summary of an example review.
learning:
  - point: Practitioners should see the child alone.
actions:
  - action: Guidance was updated.
    status: in-progress
    due: 2030-01-31
    updated: 2020-06-01
dates:
  incident: 2018-01-02
  completed: 2019-11-30
source:
  publisher: Example Partnership
  title: Example review report
  expires: 2099-12-31
---

## Overview

What happened.

## Findings

What was found.
"""


def _as_an_editor_reads_it(text: str) -> dict:
    """Front matter as a YAML 1.1 reader gives it (full dates become date objects), then as JSON (dates as text)."""
    meta = yaml.safe_load(text.split("---\n")[1])
    assert any(isinstance(v, __import__("datetime").date) for v in meta.values()), "the fixture must hold YAML dates"
    return json.loads(json.dumps(meta, default=str))


def test_full_dates_written_as_yaml_dates_pass_both(kb, reviews):
    assert not messages(reviews, _as_an_editor_reads_it(FULL_DATES))
    kb.write("test-2020-example", text=FULL_DATES)
    result = kb.run("validate")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "old, new",
    [
        ("  completed: 2019-11-30", "  completed: 30/11/2019"),
        ("    due: 2030-01-31", "    due: 31.1.2030"),
        ("published: 2020-05-04", "published: 4 May 2020"),
    ],
)
def test_full_dates_written_wrongly_fail_both(kb, reviews, old, new):
    text = FULL_DATES.replace(old, new)
    assert messages(reviews, json.loads(json.dumps(yaml.safe_load(text.split("---\n")[1]), default=str)))
    kb.write("test-2020-example", text=text)
    assert kb.run("validate").exit_code == 1


def test_the_format2_fixtures_pass_the_schema(repo_root, reviews):
    for path in sorted((repo_root / "tests" / "fixtures" / "format2").glob("*.md")):
        assert not messages(reviews, front_matter(path)), path.name
