"""The controlled vocabularies and field definitions of the file format.

One place for every word the format accepts, so that the validator, the JSON
Schema, the templates and the website all agree (see DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass

REVIEW_TYPES: dict[str, str] = {
    "scr": "Serious Case Review",
    "lcspr": "Local Child Safeguarding Practice Review",
    "cspr": "National Child Safeguarding Practice Review",
    "rapid-review": "Rapid review",
    "sar": "Safeguarding Adults Review",
    "dhr": "Domestic Homicide Review",
    "learning-review": "Multi-agency learning review",
    "thematic-review": "Thematic review",
    "audit": "Audit",
    "inspection": "Inspection",
    "cdop": "Child death review analysis",
    "performance": "Performance learning",
    "child-practice-review": "Child Practice Review (Wales)",
    "adult-practice-review": "Adult Practice Review (Wales)",
    "case-management-review": "Case Management Review (Northern Ireland)",
    "owhr": "Offensive Weapons Homicide Review",
}

SCOPES: dict[str, str] = {
    "local": "Local review",
    "regional": "Regional review",
    "national": "National review",
}

# The dates of a review's life, in the order they must come (all before `published`).
REVIEW_DATES: dict[str, str] = {
    "incident": "Incident",
    "notified": "Notified",
    "rapid_review": "Rapid review",
    "commissioned": "Commissioned",
    "completed": "Completed",
}

LINK_KINDS: dict[str, str] = {
    "full-report": "Full report",
    "executive-summary": "Executive summary",
    "practitioner-briefing": "Practitioner briefing",
    "easy-read": "Easy read version",
    "action-plan": "Action plan",
    "response": "Response",
    "other": "Other document",
}

STATUSES: dict[str, str] = {
    "published": "shown everywhere",
    "archived": "shown with a 'historic learning' notice",
    "embargoed": "validated but never published (e.g. pending criminal proceedings)",
    "draft": "validated but never published",
}
PUBLIC_STATUSES = frozenset({"published", "archived"})

AGE_BANDS: dict[str, str] = {
    "unborn": "Unborn",
    "under-1": "Under 1",
    "1-4": "1 to 4",
    "5-9": "5 to 9",
    "10-14": "10 to 14",
    "15-17": "15 to 17",
    "18-24": "18 to 24",
    "25-64": "25 to 64",
    "65-plus": "65 and over",
}

ACTION_STATUSES: dict[str, str] = {
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "unknown": "Not known",
}

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Names of pages the site generates: an entry or theme with one of these ids would silently replace the page.
RESERVED_IDS = ("index", "search", "browse", "actions", "learning-index", "themes", "reviews", "downloads")


def reserved_id_message(ident: str) -> str:
    return (
        f"the id '{ident}' is the name of a page the site generates ({', '.join(RESERVED_IDS)}):"
        f" choose another, e.g. '{ident}-review' or a more specific one, and rename the file to match."
    )
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
URL_PATTERN = r"^https?://[^\s/]+\.[^\s]+$"  # a web address with a host name
SUMMARY_MAX = 600
# The example values `lscb-kb new` writes in its template: template text if they are left in.
TEMPLATE_EXAMPLES = ("https://www.example.org/the-report.pdf",)

@dataclass(frozen=True)
class Field:
    """One front-matter key. Its `kind` drives the validator's check, the JSON Schema and `new`'s template."""

    name: str
    kind: str
    required: bool = False
    note: str = ""  # what it is for, shown by the schema and in messages


def _fields(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


REVIEW_FIELDS: dict[str, Field] = _fields(
    Field("id", "id", True, "lowercase slug equal to the file name, e.g. liverpool-2016-child-a"),
    Field("title", "text", True, "the review's name, e.g. Child A (Alex)"),
    Field("type", "review-type", True, "the kind of review"),
    Field("status", "status", True, "draft, published, archived or embargoed"),
    Field("published", "date", True, "publication date: YYYY, YYYY-MM or YYYY-MM-DD"),
    Field("board", "text", True, "the partnership that commissioned or published it"),
    Field("area", "text-list", False, "local authority areas, e.g. [Liverpool]"),
    Field("themes", "theme-list", True, "theme ids from themes/, at least one"),
    Field("ages", "age-list", False, "age bands of the children or adults concerned"),
    Field("summary", "summary", True, "one to three plain sentences, at most 600 characters"),
    Field("learning", "learning", True, "learning points: a list of {point, themes}"),
    Field("actions", "actions", False, "improvement actions: a list of {action, status, owner, due, updated, evidence}"),
    Field("source", "source", True, "where the learning comes from: {publisher, title, url, licence, expires}"),
    Field("reference", "text", False, "the review's official reference, e.g. LSCR 1402"),
    Field("scope", "scope", False, "local (default), regional or national"),
    Field("dates", "dates", False, "dates of the review's life: incident, notified, rapid_review, commissioned, completed"),
    Field("author", "text", False, "the independent reviewer or team that wrote the review"),
    Field("named_with_consent", "yes-no", False, "true when the review names people with their family's agreement"),
    Field("links", "links", False, "'Read the original' links: a list of {kind, url, title}"),
    Field("related", "entry-list", False, "ids of entries this one belongs with"),
)
LEARNING_FIELDS: dict[str, Field] = _fields(
    Field("point", "text", True, "the learning point, in our own words"),
    Field("themes", "theme-list", False, "the point's own themes (without them it takes the entry's)"),
)
ACTION_FIELDS: dict[str, Field] = _fields(
    Field("action", "text", True, "what the partnership did or planned"),
    Field("status", "action-status", True, "planned, in-progress, done or unknown"),
    Field("owner", "text", False, "the agency or team responsible"),
    Field("due", "any-date", False, "when it is due: YYYY, YYYY-MM or YYYY-MM-DD"),
    Field("updated", "date", False, "the date of the last progress report"),
    Field("evidence", "text", False, "what shows the change happened and made a difference"),
)
SOURCE_FIELDS: dict[str, Field] = _fields(
    Field("publisher", "text", True, "who published the report"),
    Field("title", "text", True, "the report's title as published"),
    Field("url", "url", False, "a link to the report, starting with https://"),
    Field("licence", "text", False, "the report's copying terms"),
    Field("expires", "any-date", False, "the date after which the source asks that its material is not used"),
)
DATES_FIELDS: dict[str, Field] = _fields(*(Field(name, "date", False, f"{label}: YYYY, YYYY-MM or YYYY-MM-DD") for name, label in REVIEW_DATES.items()))
LINK_FIELDS: dict[str, Field] = _fields(
    Field("kind", "link-kind", True, "what the linked document is"),
    Field("url", "url", True, "its web address, starting with https://"),
    Field("title", "text", False, "its title, if not the kind's name"),
)
# Kinds of field that take one word of a vocabulary: the words (code -> label), what one is called, its rule.
CHOICE_KINDS: dict[str, tuple[dict[str, str], str, str]] = {
    "review-type": (REVIEW_TYPES, "review type", "unknown-type"),
    "status": ({code: code for code in STATUSES}, "status", "unknown-status"),
    "action-status": (ACTION_STATUSES, "action status", "unknown-action-status"),
    "scope": (SCOPES, "scope", "unknown-scope"),
    "link-kind": (LINK_KINDS, "kind of link", "unknown-link-kind"),
}

# The field tables inside an entry, by the kind of the field that holds them.
NESTED_FIELDS: dict[str, dict[str, Field]] = {
    "learning": LEARNING_FIELDS,
    "actions": ACTION_FIELDS,
    "source": SOURCE_FIELDS,
    "dates": DATES_FIELDS,
    "links": LINK_FIELDS,
}

THEME_FIELDS: dict[str, Field] = _fields(
    Field("id", "id", True, "lowercase slug equal to the file name"),
    Field("title", "text", True, "the theme's name"),
    Field("synonyms", "text-list", False, "words practitioners search with"),
    Field("related", "theme-list", False, "ids of related themes"),
)

# Level-2 sections of a review body, in reading order. The first two are expected.
EXPECTED_SECTIONS = ("Overview", "Findings")
KNOWN_SECTIONS = (
    "Overview",
    "Key figures",
    "Findings",
    "Improvement activity",
    "Case study",
    "What would happen today",
    "Questions for reflection",
)
