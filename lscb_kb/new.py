"""A new review entry: its id, and the text of its file with a note on every field.

Pure functions; the `new` command asks the questions, checks the result with
the validator and writes the file. Placeholders start with 'TODO' so that a
board reviewer can see at a glance what is still to be written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from .errors import KnowledgeBaseError, UsageProblem
from .model import Problem, Theme, theme_names
from .schema import REVIEW_SCHEMA, SCHEMA_DIR
from .validate import check_date
from .vocab import (
    ACTION_FIELDS,
    ACTION_STATUSES,
    AGE_BANDS,
    DATE_PATTERN,
    ID_PATTERN,
    KNOWN_SECTIONS,
    LINK_KINDS,
    RESERVED_IDS,
    REVIEW_TYPES,
    SCOPES,
    STATUSES,
    SUMMARY_MAX,
    URL_PATTERN,
    Field,
    reserved_id_message,
)

# The header comment that points the YAML language server at `lscb-kb schema`'s output.
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{REVIEW_SCHEMA}"

# Words that name the kind of partnership, not the place: dropped from a board's name in ids.
BOARD_WORDS = frozenset(
    "a and adults adult agency arrangements board boards children childrens for lcsp lscb lscp lsab local multi"
    " of partnership partnerships sab safeguarding scp the".split()
)
TITLE_SLUG_MAX = 40

# What to write in each body section, in the order of vocab.KNOWN_SECTIONS.
SECTION_GUIDANCE = {
    "Overview": "TODO: what happened, or what the audit or review looked at and how. Use the source's pseudonyms,"
    " never real names, and no personal details.",
    "Key figures": "TODO (optional): the numbers the report gives (sample sizes, percentages, counts), exactly as it"
    " gives them. Delete this section if there are none.",
    "Findings": "TODO: the findings in full, in our own words, as paragraphs or a numbered list.",
    "Improvement activity": "TODO (optional): what the partnership did about the findings. Delete this section if the"
    " source does not say.",
    "Case study": "TODO (optional): a short account of the case for workshops, with the source's pseudonyms. Delete"
    " this section if it is not needed.",
    "What would happen today": "TODO (optional): how the same situation would be handled under today's procedures, if"
    " they have changed since the review. Delete this section if it is not needed.",
    "Questions for reflection": "TODO (optional): questions a trainer or team manager can ask practitioners, as a"
    " numbered list. Delete this section if it is not needed.",
}


@dataclass(frozen=True)
class Entry:
    """The answers to `lscb-kb new`'s questions."""

    id: str
    title: str
    type: str
    published: str
    board: str
    themes: tuple[str, ...]
    areas: tuple[str, ...] = ()
    status: str = "draft"
    reference: str | None = None
    scope: str | None = None  # written only when given; the format's default is local
    links: tuple[tuple[str, str], ...] = ()  # (kind, url)


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens: 'Child A (Alex)' -> 'child-a-alex'; '&' is 'and'."""
    text = text.replace("&", " and ").replace("\uff06", " and ")
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    plain = re.sub(r"['’]", "", plain)
    return "-".join(re.findall(r"[a-z0-9]+", plain.casefold()))


def place_slug(board: str, areas: Sequence[str] = ()) -> str:
    """The first area, or the board's name without the words that every board has."""
    if areas and slugify(areas[0]):
        return slugify(areas[0])
    words = slugify(board).split("-")
    while words and words[0] in BOARD_WORDS:  # the kind of partnership, before or after the place's own name
        words.pop(0)
    while words and words[-1] in BOARD_WORDS:
        words.pop()
    return "-".join(words) or slugify(board) or "board"


# Names of kinds of review that titles start with: the distinctive part ('Child Q') is what is left.
_TYPE_NAMES = sorted(
    {label.casefold() for label in REVIEW_TYPES.values()}
    | {
        "local child safeguarding practice review", "child safeguarding practice review", "serious case review",
        "safeguarding adults review", "domestic homicide review", "safeguarding practice review", "practice review",
        "learning review", "rapid review", "lcspr", "cspr", "scr", "sar", "dhr",
    },
    key=len,
    reverse=True,
)
_TYPE_NAME = re.compile(r"^\W*(?:a |the )?(?:%s)\b[\W_]*(?:(?:of|into|about|for|on|concerning)\b)?" % "|".join(map(re.escape, _TYPE_NAMES)), re.IGNORECASE)


def title_slug(title: str) -> str:
    """The distinctive part of the title as a slug ('Local Child Safeguarding Practice Review – Child Q' -> 'child-q'),
    cut at a hyphen to keep file names and addresses short."""
    distinctive = _TYPE_NAME.sub("", title, count=1)
    slug = slugify(distinctive) or slugify(title) or "review"
    if len(slug) > TITLE_SLUG_MAX:
        slug = slug[: TITLE_SLUG_MAX + 1].rsplit("-", 1)[0]
    return slug


def derive_id(title: str, board: str, published: str, areas: Sequence[str] = ()) -> str:
    """`<area-or-board>-<year>-<title>`, e.g. liverpool-2016-child-a-alex."""
    return f"{place_slug(board, areas)}-{published[:4]}-{title_slug(title)}"


def resolve_type(answer: str, *, numbers: bool = True) -> str | None:
    """A review type from its number in the list, its code or its name, in any case ('3', 'SAR', 'rapid review').

    The one rule for the prompt and the --type options (which take no numbers).
    """
    wanted = answer.strip().casefold()
    codes = list(REVIEW_TYPES)
    if wanted.isdigit() and numbers:
        number = int(wanted)
        return codes[number - 1] if 1 <= number <= len(codes) else None
    for code, label in REVIEW_TYPES.items():
        if wanted in (code, label.casefold()):
            return code
    return None


def date_problem(text: str, today: dt.date) -> str | None:
    """Why `text` cannot be a publication date, or None: the validator's own check, asked at once so nobody retypes every answer."""
    _value, problem = check_date(text.strip(), today)
    return problem[1] if problem else None


def theme_menu(themes: Iterable[Theme]) -> list[Theme]:
    """Themes in the order they are numbered for the user: alphabetical by title."""
    return sorted(themes, key=lambda t: t.title.casefold())


def resolve_theme(answer: str, menu: Sequence[Theme], *, numbers: bool = True) -> str | None:
    """A theme id from a menu number, an id, a title or a synonym; None if nothing matches."""
    wanted = answer.strip().casefold()
    if numbers and wanted.isdigit():
        number = int(wanted)
        return menu[number - 1].id if 1 <= number <= len(menu) else None
    return theme_names((t.id, t.title, t.synonyms) for t in menu).get(wanted)


def resolve_themes(answers: Iterable[str], menu: Sequence[Theme], *, numbers: bool = True) -> tuple[list[str], list[str]]:
    """The theme ids of comma-separated answers (duplicates dropped), and the answers that matched nothing.

    An answer that is one whole theme title is kept whole, commas and all ('Culture, language and identity').
    """
    found: list[str] = []
    unknown: list[str] = []
    whole = [[answer] if resolve_theme(answer, menu, numbers=numbers) else answer.split(",") for answer in answers]
    for part in (p.strip() for parts in whole for p in parts):
        if not part:
            continue
        ident = resolve_theme(part, menu, numbers=numbers)
        if ident is None:
            unknown.append(part)
        elif ident not in found:
            found.append(ident)
    return found, unknown


def _yaml(value: object) -> str:
    """A value as one line of YAML, quoted only when YAML needs it (e.g. 'Child A: a review')."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    return text.strip().removesuffix("...").strip()


def _date(value: str) -> str:
    return value if re.match(DATE_PATTERN, value) else _yaml(value)


def _columns(choices: dict[str, str], indent: str = "#   ") -> str:
    width = max(map(len, choices))
    return "\n".join(f"{indent}{code.ljust(width)}  {label}" for code, label in choices.items())


# Examples of the optional fields written as commented lines, by kind of field.
_EXAMPLES = {"text": "...", "any-date": "2025-03", "date": "2024-11"}


def _optional_lines(fields: dict[str, Field], indent: str) -> str:
    """The optional fields of a table as commented lines, each with its note: delete the '# ' to use one."""
    lines = []
    for field in fields.values():
        if not field.required:
            lines.append(f"{indent}# {field.name} (optional): {field.note}.")
            lines.append(f"{indent}# {field.name}: {_EXAMPLES[field.kind]}")
    return "\n".join(lines)


def _links(links: Sequence[tuple[str, str]]) -> str:
    if not links:
        return "# links:\n#   - kind: full-report\n#     url: https://www.example.org/the-report.pdf"
    return "links:\n" + "\n".join(f"  - kind: {kind}\n    url: {_yaml(url)}" for kind, url in links)


def render(entry: Entry) -> str:
    """The text of reviews/<id>.md: every field and body section, each with a note on what to write."""
    themes = _yaml(list(entry.themes))
    front = f"""---
{SCHEMA_COMMENT}
# A review entry of the knowledge base. Lines starting with '#' are notes for
# you: they are never published and you may delete them. Replace every text
# that starts with 'TODO' with your own words, keep the indentation (spaces,
# never tabs), and check the file with 'lscb-kb validate' or a pull request.

# id: the entry's name in web addresses. It must equal the file name without
# '.md': lowercase letters, digits and single hyphens only. Do not change it
# once the entry is published, or links to it will break.
id: {entry.id}

# title: the review's name as the source gives it, with the source's
# pseudonyms (never a real name).
title: {_yaml(entry.title)}

# type: the kind of review, one of:
{_columns(REVIEW_TYPES)}
type: {entry.type}

# status: who can see this entry.
#   draft      checked, but never published anywhere (new entries start here)
#   published  on the website, in search and in the exports
#   archived   published with a 'historic learning' notice: the source says not
#              to rely on it after a date that has passed, or its procedures
#              have been replaced
#   embargoed  checked, but never published anywhere, e.g. while criminal
#              proceedings go on; the board changes it when they have ended
# Nothing is published until a board reviewer sets this to 'published'.
status: {entry.status}

# published: the date the review was published: YYYY, YYYY-MM or YYYY-MM-DD.
published: {_date(entry.published)}

# board: the partnership that commissioned or published the review.
board: {_yaml(entry.board)}

# area: the local authority areas, in square brackets and separated by
# commas, e.g. [Liverpool, Sefton]. Leave [] if there are none.
area: {_yaml(list(entry.areas))}

# themes: at least one theme id from the themes/ folder, in square brackets
# and separated by commas. The Themes page of the website lists them all.
themes: {themes}

# ages: the age bands of the children or adults concerned (optional), from:
#   {', '.join(AGE_BANDS)}
# e.g. [under-1, 1-4]. Leave [] if the review does not say.
ages: []

# summary: one to three plain sentences (at most {SUMMARY_MAX} characters): what the
# review is about and its headline learning, in our own words. Keep the '>'
# and start each line of the text with two spaces.
summary: >
  TODO: one to three plain sentences on what the review is about and its headline learning.

# learning: the learning points, in our own words. Each starts with
# '- point: >' and its text is indented by six spaces. The 'themes:' line of
# a point is optional (without it the point takes the entry's themes).
# Copy the three lines of a point for each further point.
learning:
  - point: >
      TODO: the first learning point, in one or two plain sentences.
    themes: {themes}

# actions: what the partnership did or planned in response (optional). The
# status of each is one of: {', '.join(ACTION_STATUSES)}. Copy the three
# lines of an action for each further action, or delete every 'actions:' line
# if the source reports none.
actions:
  - action: >
      TODO: the first improvement action, as the source reports it.
    status: unknown
{_optional_lines(ACTION_FIELDS, "    ")}

# reference (optional): the review's official reference, e.g. the national
# notification number or the board's own number such as LSCR 1402.
{f"reference: {_yaml(entry.reference)}" if entry.reference else "# reference: LSCR 1402"}

# scope (optional): local (the default), regional or national. A national
# review's board is the national body and its area lists the cases' areas.
{f"scope: {entry.scope}" if entry.scope else "# scope: local"}

# dates (optional): the review's life, each YYYY, YYYY-MM or YYYY-MM-DD, in
# this order and none after 'published'. Delete the '# ' to use a line.
# dates:
#   incident: 2020-01
#   notified: 2020-02
#   rapid_review: 2020-03
#   commissioned: 2020-04
#   completed: 2021-06

# author (optional): the independent reviewer or the team that wrote it (a
# professional role, as the board published it).
# author: Independent reviewer

# named_with_consent (optional): true only when the review names the people
# it is about with their family's agreement. Otherwise use the pseudonyms.
# named_with_consent: true

# links (optional): 'Read the original' links, each with a kind
# ({', '.join(LINK_KINDS)}),
# a url starting with https:// and an optional title.
{_links(entry.links)}

# related (optional): ids of entries this one belongs with, e.g. the rapid
# review and the practice review that followed it.
# related: [another-entry-id]

# source: where the learning comes from.
source:
  # publisher: who published the report (often the board itself).
  publisher: {_yaml(entry.board)}
  # title: the report's title as published. Keep the quotes.
  title: "TODO: the title of the published report"
  # url (optional): a link to the report, starting with https://. To add it,
  # delete the '# ' in front of 'url:' and replace the address.
  # url: https://www.example.org/the-report.pdf
  # licence (optional): the report's copying terms, if it states them.
  # licence: Open Government Licence v3.0
  # expires (optional): the date after which the source asks that its material
  # is not used; once it has passed the entry must be 'archived'.
  # expires: 2030-12-31
---
"""
    body = "".join(f"\n## {name}\n\n{SECTION_GUIDANCE[name]}\n" for name in KNOWN_SECTIONS)
    return front + body


def next_steps(path: str) -> str:
    """What to do after `lscb-kb new`, printed for the user."""
    return f"""Next steps:
  1. Open the file and replace every text that starts with 'TODO' (the summary,
     the learning points, the source's title and the body sections). Delete the
     optional sections you do not need.
  2. Check it:
       lscb-kb validate {path}
  3. Commit it on a new branch and open a pull request. A board reviewer checks
     it and, when it may be published, sets 'status: published' and merges it.
     Draft and embargoed entries are checked but never shown on the website."""


# What an answers file (`lscb-kb new --answers FILE`) may hold: the questions of `new`, by name.
ANSWER_KEYS = ("type", "title", "board", "published", "area", "themes", "id", "status", "reference", "scope", "links")


def read_answers(text: str, source: str) -> dict[str, object]:
    """The answers of a file or standard input: 'name: value' lines (YAML), for scripts and terminals that are not detected.

    Values are texts, lists of texts (area, themes) or, for links, a list of
    {kind, url} or of 'kind url' texts. A mistake is a UsageProblem naming the source.
    """
    from . import load

    document = load.parse(f"---\n{text}\n---\n", source, "answers")
    if isinstance(document, Problem):
        raise UsageProblem(f"{source}: the answers cannot be read: {document.message}")
    answers: dict[str, object] = {}
    for key, value in document.meta.items():
        if key not in ANSWER_KEYS:
            raise UsageProblem(f"{source}: '{key}' is not a question of 'lscb-kb new'. The answers are: {', '.join(ANSWER_KEYS)}.")
        if key in ("area", "themes"):
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
                raise UsageProblem(f"{source}: '{key}' must be a list of texts, e.g. {key}: [first, second].")
            value = tuple(str(v) for v in value)
        elif key == "links":
            value = _answer_links(value, source)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            value = str(value).strip()
        else:
            raise UsageProblem(f"{source}: '{key}' must be a single text; put it in quotes.")
        answers[key] = value
    return answers


def _answer_links(value: object, source: str) -> tuple[tuple[str, str], ...]:
    links = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and set(item) <= {"kind", "url"} and isinstance(item.get("kind"), str) and isinstance(item.get("url"), str):
            links.append((item["kind"], item["url"]))
        elif isinstance(item, str) and len(item.split()) == 2:
            kind, url = item.split()
            links.append((kind, url))
        else:
            raise UsageProblem(f"{source}: each link must be 'kind url' (e.g. 'full-report https://...') or {{kind, url}}.")
    return tuple(links)


def link_problem(kind: str, url: str) -> str | None:
    """Why (kind, url) cannot be a 'Read the original' link, or None."""
    if kind not in LINK_KINDS:
        return f"'{kind}' is not a kind of link. Use one of: {', '.join(LINK_KINDS)}."
    if not re.match(URL_PATTERN, url):
        return f"'{url}' is not a web address: links must start with https:// (or http://)."
    return None


def parse_link(answer: str) -> tuple[str, str] | None:
    """'full-report https://...' or just an address (a full report) -> (kind, url); None for an empty answer."""
    words = answer.split()
    if not words:
        return None
    return (words[0], words[1]) if len(words) == 2 else ("full-report", words[0]) if len(words) == 1 else ("", answer)


def id_problem(ident: str, reviews: Path) -> str | None:
    """Why `ident` cannot be the new entry's id: not plain, reserved, or already a file in reviews/."""
    if not re.match(ID_PATTERN, ident):
        return f"'{ident}' is not a plain id: use lowercase letters, digits and single hyphens, e.g. '{slugify(ident) or 'child-a'}'."
    if ident in RESERVED_IDS:
        return reserved_id_message(ident)
    if (reviews / f"{ident}.md").exists():
        return f"{reviews.name}/{ident}.md already exists. Choose another id (e.g. '{ident}-2')."
    return None


class GivenProblem(UsageProblem):
    """An option or answer that cannot be used; `option` names it (e.g. --published)."""

    def __init__(self, option: str, message: str):
        super().__init__(message)
        self.option = option


class EntryExists(KnowledgeBaseError):
    """The id is already taken by a file in reviews/: nothing is written (exit 1, as before)."""


@dataclass(frozen=True)
class Given:
    """What the options and the answers file give, checked; None or empty where nothing was given."""

    type: str | None = None
    title: str | None = None
    board: str | None = None
    published: str | None = None
    areas: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()  # theme ids
    id: str | None = None
    status: str = "draft"
    reference: str | None = None
    scope: str | None = None
    links: tuple[tuple[str, str], ...] = ()

    @property
    def missing(self) -> list[str]:
        """The options a terminal must ask for, when not given."""
        required = {"--type": self.type, "--title": self.title, "--board": self.board, "--published": self.published, "--theme": self.themes}
        return [name for name, value in required.items() if not value]


def themes_message(unknown: Iterable[str], themes: Iterable[Theme]) -> str:
    """Why answers name no theme, with what they may have meant."""
    from .validate import ThemeVocabulary, suggest

    themes = list(themes)
    words = ThemeVocabulary.from_themes(themes).words
    hints = [f"'{u}' is not a theme.{suggest(u, [t.id for t in themes], words)}" for u in unknown]
    return " ".join(hints) + " See themes/ or 'lscb-kb themes' for the list."


def gather(options: dict[str, object], answers: dict[str, object], themes: Iterable[Theme], reviews: Path, today: dt.date) -> Given:
    """Options (which win) and answers, each checked by the validator's rules before anything is asked.

    The id is checked first: a clash is reported before any other question or mistake.
    """
    themes = list(themes)
    value = {key: options.get(key) or answers.get(key) for key in ANSWER_KEYS}
    ident = value["id"]
    if ident:
        problem = id_problem(str(ident), reviews)
        if problem:
            raise (EntryExists(f"{problem} Nothing was written.") if (reviews / f"{ident}.md").exists() else GivenProblem("--id", problem))
    kind = value["type"]
    if kind and kind not in REVIEW_TYPES:
        kind = resolve_type(str(kind), numbers=False)
        if kind is None:
            raise GivenProblem("type", f"'{value['type']}' is not a review type. Use one of: {', '.join(REVIEW_TYPES)}.")
    status = value["status"] or "draft"
    if status not in STATUSES:
        raise GivenProblem("--status", f"'{status}' is not a status. Use one of: {', '.join(STATUSES)}.")
    if value["scope"] and value["scope"] not in SCOPES:
        raise GivenProblem("--scope", f"'{value['scope']}' is not a scope. Use one of: {', '.join(SCOPES)}.")
    published = str(value["published"]).strip() if value["published"] else None
    if published:
        problem = date_problem(published, today)
        if problem:
            raise GivenProblem("--published", problem)
    theme_ids: list[str] = []
    if value["themes"]:
        theme_ids, unknown = resolve_themes(value["themes"], theme_menu(themes), numbers=False)
        if unknown:
            raise GivenProblem("--theme", themes_message(unknown, themes))
    for link in value["links"] or ():
        problem = link_problem(*link)
        if problem:
            raise GivenProblem("--link", problem)
    return Given(
        kind, value["title"], value["board"], published, tuple(value["area"] or ()), tuple(theme_ids), ident, status,
        value["reference"], value["scope"], tuple(value["links"] or ()),
    )  # fmt: skip
