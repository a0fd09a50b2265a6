"""The controlled vocabularies and field definitions of the file format.

One place for every word the format accepts, so that the validator, the JSON
Schema, the templates and the website all agree (see DESIGN.md).
"""

from __future__ import annotations

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

# Front-matter keys of a review: name -> (required, kind, what it is for).
# `kind` drives both the validator and the JSON Schema.
REVIEW_FIELDS: dict[str, tuple[bool, str, str]] = {
    "id": (True, "id", "lowercase slug equal to the file name, e.g. liverpool-2016-child-a"),
    "title": (True, "text", "the review's name, e.g. Child A (Alex)"),
    "type": (True, "review-type", "the kind of review"),
    "status": (False, "status", "published (default), archived, embargoed or draft"),
    "published": (True, "date", "publication date: YYYY, YYYY-MM or YYYY-MM-DD"),
    "board": (True, "text", "the partnership that commissioned or published it"),
    "area": (False, "text-list", "local authority areas, e.g. [Liverpool]"),
    "themes": (True, "theme-list", "theme ids from themes/, at least one"),
    "ages": (False, "age-list", "age bands of the children or adults concerned"),
    "summary": (True, "summary", "one to three plain sentences, at most 600 characters"),
    "learning": (True, "learning", "learning points: a list of {point, themes}"),
    "actions": (False, "actions", "improvement actions: a list of {action, status}"),
    "source": (True, "source", "where the learning comes from: {publisher, title, url, licence, expires}"),
    "reference": (False, "text", "the review's official reference, e.g. LSCR 1402"),
    "scope": (False, "scope", "local (default), regional or national"),
    "dates": (False, "dates", "dates of the review's life: incident, notified, rapid_review, commissioned, completed"),
    "author": (False, "text", "the independent reviewer or team that wrote the review"),
    "named_with_consent": (False, "yes-no", "true when the review names people with their family's agreement"),
    "links": (False, "links", "'Read the original' links: a list of {kind, url, title}"),
    "related": (False, "entry-list", "ids of entries this one belongs with"),
}
LEARNING_FIELDS: dict[str, tuple[bool, str]] = {"point": (True, "text"), "themes": (False, "theme-list")}
ACTION_FIELDS: dict[str, tuple[bool, str]] = {
    "action": (True, "text"),
    "status": (True, "action-status"),
    "owner": (False, "text"),
    "due": (False, "any-date"),
    "updated": (False, "date"),
    "evidence": (False, "text"),
}
SOURCE_FIELDS: dict[str, tuple[bool, str]] = {
    "publisher": (True, "text"),
    "title": (True, "text"),
    "url": (False, "url"),
    "licence": (False, "text"),
    "expires": (False, "any-date"),
}
DATES_FIELDS: dict[str, tuple[bool, str]] = {name: (False, "date") for name in REVIEW_DATES}
LINK_FIELDS: dict[str, tuple[bool, str]] = {"kind": (True, "link-kind"), "url": (True, "url"), "title": (False, "text")}

THEME_FIELDS: dict[str, tuple[bool, str, str]] = {
    "id": (True, "id", "lowercase slug equal to the file name"),
    "title": (True, "text", "the theme's name"),
    "synonyms": (False, "text-list", "words practitioners search with"),
    "related": (False, "theme-list", "ids of related themes"),
}

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
