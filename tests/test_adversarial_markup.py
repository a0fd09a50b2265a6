"""The markup corpus (tests/adversarial/markup/): every payload in every text field is refused, ordinary text is not.

Each payload is written into each text field of a valid review and of a
valid theme, as YAML writes it, and the validator must report an error with
one of the markup rules. The ordinary lines use the same characters (`<`, `>`,
`{`, `!`) the way prose does and must pass in every field. Add the next case to
the text files, not here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import review_text
from lscb_kb.load import parse
from lscb_kb.validate import ThemeVocabulary, validate_review, validate_theme

CORPUS = Path(__file__).parent / "adversarial" / "markup"
MARKUP_RULES = {"raw-html", "unsafe-attribute", "outside-image", "unsafe-link"}
THEMES = ThemeVocabulary(frozenset({"neglect", "voice-of-the-child"}))


def lines(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line.replace("\\n", "\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


PAYLOADS = lines("payloads.txt")
CODE_SPAN = re.compile(r"(`+)[^`].*?[^`]\1")
ORDINARY = lines("ordinary.txt")


def _set(meta: dict, path: tuple, value: str) -> None:
    for step in path[:-1]:
        meta = meta[step]
    meta[path[-1]] = value


REVIEW_FIELDS = {
    "title": ("title",),
    "board": ("board",),
    "area": ("area", 0),
    "summary": ("summary",),
    "learning point": ("learning", 0, "point"),
    "action": ("actions", 0, "action"),
    "source publisher": ("source", "publisher"),
    "source title": ("source", "title"),
    "source licence": ("source", "licence"),
    "body": None,
}
THEME_FIELDS = {"title": ("title",), "synonym": ("synonyms", 0), "body": None}


def review_problems(field: str, value: str):
    meta = yaml.safe_load(review_text().split("---\n")[1])
    meta["source"]["licence"] = "Open Government Licence"
    body = "## Overview\n\nWhat happened.\n\n## Findings\n\nWhat was found.\n"
    if REVIEW_FIELDS[field] is None:
        body = f"## Overview\n\n{value}\n\n## Findings\n\nWhat was found.\n"
    else:
        _set(meta, REVIEW_FIELDS[field], value)
    text = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n{body}"
    doc = parse(text, "reviews/test-2020-example.md", "test-2020-example")
    return validate_review(doc, THEMES)[1]


def theme_problems(field: str, value: str):
    meta = {"id": "test-theme", "title": "Test theme", "synonyms": ["testing"], "related": ["neglect"]}
    body = "A short definition of the theme.\n"
    if THEME_FIELDS[field] is None:
        body = f"A short definition of the theme.\n\n{value}\n"
    else:
        _set(meta, THEME_FIELDS[field], value)
    text = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n{body}"
    doc = parse(text, "themes/test-theme.md", "test-theme")
    return validate_theme(doc, frozenset({"neglect", "test-theme"}))[1]


def assert_refused(problems, payload: str) -> None:
    errors = [p for p in problems if p.is_error and p.rule in MARKUP_RULES]
    assert errors, f"not refused: {payload!r}: {[str(p) for p in problems]}"
    for error in errors:
        assert error.line >= 1 and error.message.endswith((")", ".", "allowed).")), error


def test_the_corpus_is_read():
    assert len(PAYLOADS) >= 40 and len(ORDINARY) >= 10


@pytest.mark.parametrize("field", REVIEW_FIELDS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_is_refused_in_every_field_of_a_review(field, payload):
    if field == "body" and CODE_SPAN.fullmatch(payload):
        return  # shown as code: test_code_in_a_body_is_shown_not_refused_but_refused_in_every_field
    assert_refused(review_problems(field, payload), payload)


@pytest.mark.parametrize("field", THEME_FIELDS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_is_refused_in_every_field_of_a_theme(field, payload):
    if field == "body" and CODE_SPAN.fullmatch(payload):
        return  # shown as code: test_code_in_a_body_is_shown_not_refused_but_refused_in_every_field
    assert_refused(theme_problems(field, payload), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_the_source_address_is_refused(payload):
    problems = review_problems("title", "Example review")
    assert not [p for p in problems if p.is_error]
    meta_problems = _review_with_url("https://example.org/" + payload)
    assert any(p.is_error for p in meta_problems), payload


def _review_with_url(url: str):
    text = review_text(source={"publisher": "Example Partnership", "title": "Example report", "url": url})
    return validate_review(parse(text, "reviews/test-2020-example.md", "test-2020-example"), THEMES)[1]


@pytest.mark.parametrize("field", REVIEW_FIELDS)
@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_passes_in_every_field_of_a_review(field, text):
    errors = [str(p) for p in review_problems(field, text) if p.is_error]
    assert not errors, errors


@pytest.mark.parametrize("field", THEME_FIELDS)
@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_passes_in_every_field_of_a_theme(field, text):
    errors = [str(p) for p in theme_problems(field, text) if p.is_error]
    assert not errors, errors


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if CODE_SPAN.fullmatch(p)])
def test_code_in_a_body_is_shown_not_refused_but_refused_in_every_field(payload):
    assert not [p for p in review_problems("body", payload) if p.is_error]
    assert_refused(review_problems("title", payload), payload)
    assert_refused(review_problems("summary", payload), payload)
