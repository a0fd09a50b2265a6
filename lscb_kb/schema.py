"""JSON Schema (draft 2020-12) of review and theme front matter, generated from `vocab`.

Built from the same field tables and vocabularies the validator uses, plus the
theme ids of the knowledge base, so the schema cannot drift from the rules.
Editors use it to complete values and flag mistakes while typing; the
validator stays the authority (it also checks what a schema cannot: that a
date is real and not in the future, that the id equals the file name, raw
HTML, unsafe links and personal data in the text).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from .files import write_atomic
from .vocab import (
    ACTION_FIELDS,
    ACTION_STATUSES,
    AGE_BANDS,
    DATE_PATTERN,
    DATES_FIELDS,
    ID_PATTERN,
    LEARNING_FIELDS,
    LINK_FIELDS,
    LINK_KINDS,
    REVIEW_FIELDS,
    REVIEW_TYPES,
    SCOPES,
    SOURCE_FIELDS,
    STATUSES,
    SUMMARY_MAX,
    THEME_FIELDS,
    URL_PATTERN,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "build/schema"  # default output folder, relative to the knowledge base
REVIEW_SCHEMA = "review.schema.json"
THEME_SCHEMA = "theme.schema.json"

Schema = dict[str, Any]


def _choice(values: Mapping[str, str], what: str, *, spell_out: bool = True) -> Schema:
    """An enum; `enumDescriptions` is what the YAML language server shows beside each completion."""
    meanings = "; ".join(f"{code} = {label}" for code, label in values.items())
    return {
        "type": "string",
        "enum": list(values),
        "enumDescriptions": list(values.values()),
        "description": f"{what}: {meanings}" if spell_out else what,
    }


def _theme_list(themes: Mapping[str, str], *, required: bool) -> Schema:
    schema: Schema = {"type": "array", "items": _choice(themes, "a theme id from themes/", spell_out=False)}
    return schema | {"minItems": 1} if required else schema


def _kind(kind: str, themes: Mapping[str, str], *, themes_required: bool) -> Schema:
    """One field kind of `vocab` as a schema. A kind added to `vocab` but not here stops the build of the schema."""
    text = {"type": "string", "pattern": r"\S"}
    match kind:
        case "id":
            return {"type": "string", "pattern": ID_PATTERN}
        case "text":
            return text
        case "text-list":
            return {"type": "array", "items": text}
        case "review-type":
            return _choice(REVIEW_TYPES, "the kind of review")
        case "status":
            return _choice(STATUSES, "who can see the entry") | {"default": "published"}
        case "action-status":
            return _choice(ACTION_STATUSES, "how far the action has got")
        case "date" | "any-date":  # YAML reads a bare year (2016) as a number; the validator accepts it, so does the schema
            return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}
        case "scope":
            return _choice(SCOPES, "how wide the review looked") | {"default": "local"}
        case "yes-no":
            return {"type": "boolean"}
        case "link-kind":
            return _choice(LINK_KINDS, "what the linked document is")
        case "entry-list":
            return {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}
        case "dates":
            return _object(DATES_FIELDS, themes, themes_required=False)
        case "links":
            return {"type": "array", "items": _object(LINK_FIELDS, themes, themes_required=False)}
        case "theme-list":
            return _theme_list(themes, required=themes_required)
        case "age-list":
            return {"type": "array", "items": _choice(AGE_BANDS, "an age band")}
        case "summary":
            return text | {"maxLength": SUMMARY_MAX}
        case "url":
            return {"type": "string", "pattern": URL_PATTERN}
        case "learning":  # a learning point's own themes may be left out or empty
            return {"type": "array", "minItems": 1, "items": _object(LEARNING_FIELDS, themes, themes_required=False)}
        case "actions":
            return {"type": "array", "items": _object(ACTION_FIELDS, themes, themes_required=False)}
        case "source":
            return _object(SOURCE_FIELDS, themes, themes_required=False)
    raise ValueError(f"the field kind '{kind}' of lscb_kb/vocab.py has no JSON Schema: add it to lscb_kb/schema.py")


def _object(fields: Mapping[str, tuple], themes: Mapping[str, str], *, themes_required: bool) -> Schema:
    """A closed object (unknown keys are errors, as in the validator) from a field table of `vocab`."""
    return {
        "type": "object",
        "properties": {
            name: _kind(spec[1], themes, themes_required=themes_required) | ({"description": spec[2]} if len(spec) > 2 else {})
            for name, spec in fields.items()
        },
        "required": [name for name, spec in fields.items() if spec[0]],
        "additionalProperties": False,
    }


def _document(title: str, fields: Mapping[str, tuple], themes: Mapping[str, str], *, themes_required: bool) -> Schema:
    return {
        "$schema": DRAFT,
        "title": title,
        "description": "Generated by 'lscb-kb schema' from the knowledge base's rules. 'lscb-kb validate' is the full check.",
        **_object(fields, dict(sorted(themes.items())), themes_required=themes_required),
    }


def review_schema(themes: Mapping[str, str]) -> Schema:
    """The schema of a review's front matter; `themes` maps theme id -> title."""
    return _document("Review entry (front matter of reviews/<id>.md)", REVIEW_FIELDS, themes, themes_required=True)


def theme_schema(themes: Mapping[str, str]) -> Schema:
    """The schema of a theme's front matter: `related` must name existing themes, and may be empty."""
    return _document("Theme (front matter of themes/<id>.md)", THEME_FIELDS, themes, themes_required=False)


def write(folder: Path, themes: Mapping[str, str]) -> list[Path]:
    """Write both schemas into `folder`, each through a temporary file moved into place."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in ((REVIEW_SCHEMA, review_schema(themes)), (THEME_SCHEMA, theme_schema(themes))):
        target = folder / name
        write_atomic(target, (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        written.append(target)
    return written
