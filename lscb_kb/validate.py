"""The rules of DESIGN.md: every problem of an entry as a `Problem`, never an exception.

Messages are written for board staff, not programmers: what is wrong, where,
and how to fix it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from . import personal_data
from .load import Document
from .model import Action, LearningPoint, Link, Problem, Review, Source, Theme, date_end, date_start, theme_names
from .vocab import (
    ACTION_FIELDS,
    ACTION_STATUSES,
    AGE_BANDS,
    DATE_PATTERN,
    DATES_FIELDS,
    EXPECTED_SECTIONS,
    ID_PATTERN,
    KNOWN_SECTIONS,
    LEARNING_FIELDS,
    LINK_FIELDS,
    LINK_KINDS,
    PUBLIC_STATUSES,
    RESERVED_IDS,
    REVIEW_FIELDS,
    REVIEW_DATES,
    REVIEW_TYPES,
    SCOPES,
    SOURCE_FIELDS,
    STATUSES,
    SUMMARY_MAX,
    THEME_FIELDS,
    URL_PATTERN,
    reserved_id_message,
)

MAX_FINDINGS = 50  # personal-data findings listed one by one in a text; more are counted

_ID = re.compile(ID_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_URL = re.compile(URL_PATTERN)
# Fenced blocks, and code spans whose opening backtick is not escaped (Markdown shows `\`` as a backtick).
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|(?<![\\`])(`+)(?!`)[^\n]*?(?<!`)\2(?!`)", re.MULTILINE | re.DOTALL)
_TAG = re.compile(r"<(?=[A-Za-z!/?])([^>\n]{0,60})")
_AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>")
_LINK = re.compile(r"\]\(\s*<?([^)>]*)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ANGLE_LINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Python-Markdown's attribute lists ({: #id .class key=value }, {#id}) and the words in them.
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]+?)[ \t]*\}")
_ATTR_WORD = re.compile(r"""([^\s=}]+)(?:=("[^"]*"|'[^']*'|[^\s}]*))?""")
# Attributes that could collide with the theme's own elements or run, restyle or re-point something.
_UNSAFE_ATTRIBUTES = re.compile(r"^(id|on.*|style|src|srcset|href|xmlns.*|formaction|data-pagefind.*|data-md.*)$", re.IGNORECASE)
_IMAGE = re.compile(r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\](?:\(\s*<?([^)\s>]*)|\[([^\]\n]*)\])?")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\bTODO\b")
MARKDOWN_FIELDS = ("summary", "point", "action")  # front-matter text rendered as Markdown; the rest is plain text
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class ThemeVocabulary:
    """What the validator needs to know about themes: their ids and the words for them."""

    ids: frozenset[str]
    words: Mapping[str, str] = field(default_factory=dict)  # lower-case synonym or title -> id

    @classmethod
    def from_themes(cls, themes: Iterable[Theme]) -> "ThemeVocabulary":
        themes = list(themes)
        return cls(frozenset(t.id for t in themes), theme_names((t.id, t.title, t.synonyms) for t in themes))


def suggest(value: str, choices: Iterable[str], words: Mapping[str, str] | None = None) -> str:
    """' Did you mean ...?' for a misspelt value, or ''."""
    if words and value.casefold() in words:
        return f" Did you mean '{words[value.casefold()]}' ('{value}' is one of its names)?"
    choices = list(choices)
    close = difflib.get_close_matches(value.casefold(), choices, n=1, cutoff=0.6)
    if not close and words:
        close = [words[w] for w in difflib.get_close_matches(value.casefold(), list(words), n=1, cutoff=0.75)]
    return f" Did you mean '{close[0]}'?" if close else ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "empty"
    return "text"


class _Checker:
    """Collects the problems of one document, each with the line of the key it is about."""

    def __init__(self, doc: Document, allowed: Iterable[str]):
        self.doc = doc
        self.allowed = tuple(allowed)
        self.problems: list[Problem] = []

    def error(self, key: tuple, message: str, rule: str) -> None:
        self.problems.append(Problem(self.doc.path, self.doc.line(*key), "error", message, rule))

    def warning(self, key: tuple, message: str, rule: str) -> None:
        self.problems.append(Problem(self.doc.path, self.doc.line(*key), "warning", message, rule))

    def at_line(self, line: int, severity: str, message: str, rule: str) -> None:
        self.problems.append(Problem(self.doc.path, line, severity, message, rule))

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    # -- field kinds ---------------------------------------------------------

    def text(self, key: tuple, value: Any, *, prose: bool = False) -> str | None:
        name = ".".join(map(str, key))
        if isinstance(value, str) and value.strip():
            if prose:
                self.prose(key, value)
            else:
                self.markup(key, value)
            return value.strip()
        if value is None or (isinstance(value, str) and not value.strip()):
            self.error(key, f"'{name}' is empty. Write the text after the colon.", "empty-value")
        elif isinstance(value, bool):
            self.error(
                key,
                f"'{name}' must be text, but YAML reads words such as yes, no, on and off as a yes/no value."
                f" Put the text in quotes, e.g. {key[-1]}: \"{'yes' if value else 'no'}\".",
                "wrong-type",
            )
        elif isinstance(value, (int, float)):
            self.error(
                key,
                f"'{name}' must be text, but YAML reads '{value}' as {_describe(value)}."
                f" Put it in quotes: {key[-1]}: \"{value}\".",
                "wrong-type",
            )
        else:
            self.error(key, f"'{name}' must be a single piece of text, not {_describe(value)}.", "wrong-type")
        return None

    def listing(self, key: tuple, value: Any) -> list | None:
        if isinstance(value, list):
            return value
        name = key[-1]
        example = f"{name}: [{value}]" if isinstance(value, str) else f"{name}: [first, second]"
        self.error(key, f"'{name}' must be a list, not {_describe(value)}. Write it as {example}.", "wrong-type")
        return None

    def vocabulary(self, key: tuple, value: Any, allowed: Mapping[str, str], what: str, rule: str) -> str | None:
        word = self.text(key, value)
        if word is None:
            return None
        if word in allowed:
            return word
        labels = {label.casefold(): code for code, label in allowed.items()}
        hint = suggest(word, allowed, labels) or f" Use one of: {', '.join(allowed)}."
        article = "an" if what[0] in "aeiou" else "a"
        self.error(key, f"'{word}' is not {article} {what}.{hint}", rule)
        return None

    def theme_list(self, key: tuple, value: Any, themes: ThemeVocabulary, *, required: bool) -> tuple[str, ...]:
        items = self.listing(key, value)
        if items is None:
            return ()
        if required and not items:
            self.error(key, f"'{key[-1]}' is empty. Add at least one theme id from themes/.", "empty-value")
        found = []
        for index, item in enumerate(items):
            name = self.text(key + (index,), item)
            if name is None:
                continue
            if name not in themes.ids:
                self.error(
                    key + (index,),
                    f"'{name}' is not a theme.{suggest(name, themes.ids, themes.words)} See themes/ for the list.",
                    "unknown-theme",
                )
            elif name in found:
                self.warning(key + (index,), f"theme '{name}' is listed twice; remove one.", "duplicate-theme")
            else:
                found.append(name)
        return tuple(found)

    def text_list(self, key: tuple, value: Any) -> tuple[str, ...]:
        items = self.listing(key, value)
        if items is None:
            return ()
        texts = (self.text(key + (i,), item) for i, item in enumerate(items))
        return tuple(t for t in texts if t is not None)

    def date(self, key: tuple, value: Any, today: dt.date, *, future: bool = False) -> str | None:
        """A YYYY, YYYY-MM or YYYY-MM-DD date (YAML's own dates and bare years too); `future` allows a date to come."""
        name = ".".join(map(str, key))
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, dt.date):
            value = value.isoformat()[:10]
        if not isinstance(value, str) or not _DATE.match(value.strip()):
            what = "the publication date" if key == ("published",) else f"'{name}'"
            self.error(key, f"'{value}' is not a date. Write {what} as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2016-07.", "invalid-date")
            return None
        value = value.strip()
        try:
            first = date_start(value)
        except ValueError:
            self.error(key, f"'{value}' is not a real date (check the month and day).", "invalid-date")
            return None
        if first > today and not future:
            what = "the date the review was published" if key == ("published",) else f"the date that has already happened ('{name}')"
            self.error(key, f"'{value}' is in the future. Use {what}.", "future-date")
            return None
        return value

    def yes_no(self, key: tuple, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        self.error(key, f"'{key[-1]}' must be true or false (without quotes), not {_describe(value)}.", "wrong-type")
        return None

    def url(self, key: tuple, value: Any) -> str | None:
        link = self.text(key, value)
        if link is None:
            return None
        if not _URL.match(link):
            self.error(
                key,
                f"'{link}' is not a web address. Links must start with https:// (or http://), e.g. https://example.org/report.pdf.",
                "invalid-url",
            )
            return None
        return link

    def fields(self, key: tuple, data: Mapping, spec: Mapping[str, tuple]) -> None:
        """Unknown keys are errors (a typo must not pass silently); required keys must be there."""
        for name in data:
            if name not in spec:
                where = f" in '{'.'.join(map(str, key))}'" if key else ""
                hint = suggest(str(name), spec) or f" Allowed keys: {', '.join(spec)}."
                self.error(key + (name,), f"unknown key '{name}'{where}.{hint}", "unknown-key")
        for name, (required, *rest) in spec.items():
            if required and name not in data:
                where = f" in '{'.'.join(map(str, key))}'" if key else ""
                what = f" ({rest[1]})" if len(rest) > 1 else ""
                self.error(key, f"the required key '{name}' is missing{where}. Add a line '{name}: ...'{what}.", "missing-field")

    # -- text content --------------------------------------------------------

    def prose(self, key: tuple, text: str, first_line: int | None = None) -> None:
        """Markup, unsafe links and personal data in text that will be published."""
        line_of = self.markup(key, text, first_line)
        if first_line is not None:  # front-matter values are all checked by personal_data_in_fields
            self.personal_data_in(text, line_of)

    def personal_data_in(self, text: str, line_of, key: tuple = ()) -> None:
        """Each finding, up to a limit: a text made of thousands of them needs one fix, not a report per copy."""
        findings = personal_data.find(text, self.allowed)
        for finding in itertools.islice(findings, MAX_FINDINGS):
            self.personal_data(line_of(finding.offset), finding, key)
        first = next(findings, None)
        if first is not None:
            more = 1 + sum(1 for _ in findings)
            where = f" in '{'.'.join(map(str, key))}'" if key else ""
            self.at_line(
                line_of(first.offset),
                "error",
                f"from here on, {more:,} more pieces of what looks like personal data{where} are not listed one by one."
                " Remove them all.",
                "personal-data",
            )

    def markup(self, key: tuple, text: str, first_line: int | None = None) -> Callable[[int], int]:
        """Raw HTML, attribute lists, outside images and unsafe links; returns the line of an offset.

        Only a body (`first_line` given) has its code blocks and spans masked: a
        front-matter value is also printed as plain text (the page title, the
        description, feeds and downloads), where backticks hide nothing.
        """
        line_of = _line_finder(text, first_line) if first_line else (lambda _o: self.doc.line(*key))
        where = "" if first_line else f" in '{'.'.join(map(str, key))}'"
        plain = not first_line and key[-1] not in MARKDOWN_FIELDS  # shown as text, not rendered as Markdown
        masked = _mask_code(text) if first_line else text
        tags: dict[int, list[str]] = {}  # line -> the tags on it, reported together
        unclosed: set[int] = set()  # lines with a '<word' that never closes: perhaps a comparison
        for match in _TAG.finditer(masked) if "<" in masked else ():
            if _AUTOLINK.match(masked, match.start() + 1):
                continue
            line = line_of(match.start())
            tags.setdefault(line, []).append("<" + match.group(1).split(" ")[0].rstrip(">")[:20] + ">")
            if not masked.startswith(">", match.end()):
                unclosed.add(line)
        for line, found in tags.items():
            found = [t for t in dict.fromkeys(found) if not (t.startswith("</") and "<" + t[2:] in found)]  # <b> for <b>..</b>
            shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
            self.at_line(
                line,
                "error",
                f"raw HTML ({shown}){where} is not allowed: entries are published on a public website."
                + (
                    " Write plain text: this field is shown exactly as written"
                    if plain
                    else " Write it in Markdown instead (a blank line for a new paragraph, **bold**, [text](https://...))"
                )
                + (". If you meant 'less than', put a space after '<' (e.g. 'a < b')." if line in unclosed else "."),
                "raw-html",
            )
        for match in _ATTR_LIST.finditer(masked) if "{" in masked else ():
            unsafe = [
                f"#{name[1:]}" if name.startswith("#") else name
                for name, _value in _ATTR_WORD.findall(match.group(1))
                if name.startswith("#") or _UNSAFE_ATTRIBUTES.match(name)
            ]
            if unsafe:
                self.at_line(
                    line_of(match.start()),
                    "error",
                    f"the attribute list '{match.group()[:40]}'{where} sets {', '.join(dict.fromkeys(unsafe))}:"
                    " ids, styles, links and event attributes could break or take over the website's own page."
                    " Remove the '{...}' (a class such as {: .note } is allowed).",
                    "unsafe-attribute",
                )
        if "![" in masked:
            references = {m.group(1).casefold(): m.group(2) for m in _REFERENCE.finditer(masked)}
            for match in _IMAGE.finditer(masked):
                inline, label = match.group(2), match.group(3)
                url = inline if inline is not None else references.get((label or match.group(1)).casefold(), "")
                if _outside(url):
                    self.at_line(
                        line_of(match.start()),
                        "error",
                        f"the image '{url[:40]}'{where} is on another website: pictures must be files of this"
                        " site, linked by a relative path (e.g. ![Timeline](../images/timeline.png)).",
                        "outside-image",
                    )
        for match in _LINK.finditer(masked) if "]" in masked else ():
            self._link(line_of(match.start()), match.group(1) or match.group(2) or "")
        for match in _ANGLE_LINK.finditer(masked) if "<" in masked else ():
            self._link(line_of(match.start()), match.group(1))
        return line_of

    def personal_data(self, line: int, finding: personal_data.Finding, key: tuple = ()) -> None:
        where = f" in '{'.'.join(map(str, key))}'" if key else ""
        self.at_line(
            line,
            "error",
            f"this looks like {finding.description}{where} ('{finding.text}'). Personal data must never be published:"
            " remove it. If it is an organisation's public contact detail, ask for it to be added to"
            " 'allowed_contact_details' in lscb-kb.yml.",
            "personal-data",
        )

    def personal_data_in_fields(self, value: Any = None, key: tuple = ()) -> None:
        """Every text value of the front matter, whatever its field: title, board, area, source, links..."""
        if not key:
            value = self.doc.meta
        if isinstance(value, str):
            # an id joins words with hyphens ('call-07700-900123'): read them as spaces
            if key == ("id",):
                for finding in personal_data.find(value.replace("-", " "), self.allowed):
                    shown = value[finding.offset : finding.offset + len(finding.text)]
                    self.personal_data(self.doc.line(*key), personal_data.Finding(finding.offset, finding.kind, shown), key)
            else:
                self.personal_data_in(value, lambda _offset: self.doc.line(*key), key)
        elif isinstance(value, dict):
            for name, item in value.items():
                self.personal_data_in_fields(item, key + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.personal_data_in_fields(item, key + (index,))

    def _link(self, line: int, url: str) -> None:
        plain = re.sub(r"[\s\x00-\x1f]", "", url).casefold()
        scheme = _SCHEME.match(plain)
        if scheme and scheme.group(1) not in ("http", "https"):
            self.at_line(
                line,
                "error",
                f"the link '{url[:40]}' uses '{scheme.group(1)}:'. Links must be web addresses"
                " (https://...) or relative links to other pages.",
                "unsafe-link",
            )


def _outside(url: str) -> bool:
    """Whether an image address points away from the site (a scheme, or '//host' however it is spelt)."""
    plain = re.sub(r"[\s\x00-\x1f]", "", url).replace("\\", "/").casefold()
    return bool(_SCHEME.match(plain) or plain.startswith("//"))


def _line_finder(text: str, first_line: int):
    """offset -> line number, without counting from the start each time (texts can hold thousands of findings)."""
    breaks: list[int] = []

    def line_of(offset: int) -> int:
        if not breaks:
            breaks.extend(m.start() for m in re.finditer("\n", text))
            breaks.append(len(text) + 1)
        return first_line + bisect.bisect_left(breaks, offset)

    return line_of


def _mask_code(text: str) -> str:
    """Blank out code blocks and spans (keeping line breaks): what is inside them is shown, not run."""
    if "`" not in text and "~~~" not in text:
        return text
    return _FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def split_sections(body: str) -> dict[str, str]:
    """Level-2 sections of a body, by heading, in order."""
    masked = _mask_code(body)
    headings = list(_HEADING.finditer(masked))
    return {
        h.group(1).strip(): body[h.end() : (headings[i + 1].start() if i + 1 < len(headings) else len(body))].strip()
        for i, h in enumerate(headings)
    }


def _placeholders(check: _Checker, value: Any, key: tuple) -> None:
    """Template text left in a published entry: published pages would show 'TODO'."""
    if isinstance(value, str) and _PLACEHOLDER.search(value):
        check.warning(key, f"'{'.'.join(map(str, key))}' still has template text 'TODO': replace it before publishing.", "template-placeholder")
    elif isinstance(value, dict):
        for name, item in value.items():
            _placeholders(check, item, key + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _placeholders(check, item, key + (index,))


def _check_id(check: _Checker, meta: Mapping) -> str | None:
    if "id" not in meta:
        return None
    ident = check.text(("id",), meta["id"])
    if ident is None:
        return None
    if not _ID.match(ident):
        slug = re.sub(r"[^a-z0-9]+", "-", ident.casefold()).strip("-")
        check.error(
            ("id",),
            f"'{ident}' is not a plain id: use lowercase letters, digits and single hyphens only, e.g. '{slug}'.",
            "invalid-id",
        )
        return None
    if ident in RESERVED_IDS:
        check.error(("id",), reserved_id_message(ident), "reserved-id")
        return None
    if ident != check.doc.stem:
        check.error(
            ("id",),
            f"the id '{ident}' must equal the file name: rename the file to '{ident}.md' or change the id to '{check.doc.stem}'.",
            "id-filename-mismatch",
        )
    return ident


def _dates(check: _Checker, raw: Any, today: dt.date) -> dict[str, str]:
    """The review's life in dates: each a real date, not in the future."""
    if not isinstance(raw, dict):
        check.error(("dates",), "'dates' must have its dates on indented lines below it, e.g. '  completed: 2021-11'.", "wrong-type")
        return {}
    check.fields(("dates",), raw, DATES_FIELDS)
    found = {}
    for name in REVIEW_DATES:
        if name in raw:
            value = check.date(("dates", name), raw[name], today)
            if value:
                found[name] = value
    return found


def _links(check: _Checker, raw: Any) -> tuple[Link, ...]:
    links = []
    for index, item in enumerate(check.listing(("links",), raw) or []):
        key = ("links", index)
        if not isinstance(item, dict):
            check.error(key, f"each link must be written as '- kind: full-report' with a 'url:' below it (found {_describe(item)}).", "wrong-type")
            continue
        check.fields(key, item, LINK_FIELDS)
        kind = check.vocabulary(key + ("kind",), item["kind"], LINK_KINDS, "kind of link", "unknown-link-kind") if "kind" in item else None
        url = check.url(key + ("url",), item["url"]) if "url" in item else None
        title = check.text(key + ("title",), item["title"]) if "title" in item else None
        if kind and url:
            links.append(Link(kind, url, title))
    return tuple(links)


def _related(check: _Checker, raw: Any, ident: str | None) -> tuple[str, ...]:
    """Ids of other entries; whether they exist is checked with the whole catalogue."""
    found: list[str] = []
    for index, item in enumerate(check.listing(("related",), raw) or []):
        key = ("related", index)
        name = check.text(key, item)
        if name is None:
            continue
        if not _ID.match(name):
            check.error(key, f"'{name}' is not an entry id: write the id of another entry (its file name without '.md').", "invalid-id")
        elif name == ident:
            check.error(key, f"an entry cannot be related to itself: remove '{name}' from 'related'.", "self-related")
        elif name not in found:
            found.append(name)
    return tuple(found)


def _duplicate_keys(check: _Checker) -> None:
    for name, line in check.doc.duplicate_keys:
        check.at_line(line, "error", f"the key '{name}' appears twice; keep one and delete the other.", "duplicate-key")


def validate_review(
    doc: Document, themes: ThemeVocabulary, allowed: Iterable[str] = (), today: dt.date | None = None
) -> tuple[Review | None, list[Problem]]:
    """Check one review document; the `Review` is returned only when it has no errors."""
    today = today or dt.date.today()
    check = _Checker(doc, allowed)
    meta = doc.meta
    _duplicate_keys(check)
    check.fields((), meta, REVIEW_FIELDS)

    ident = _check_id(check, meta)
    title = check.text(("title",), meta["title"], prose=True) if "title" in meta else None
    kind = check.vocabulary(("type",), meta["type"], REVIEW_TYPES, "review type", "unknown-type") if "type" in meta else None
    status = (
        check.vocabulary(("status",), meta["status"], dict.fromkeys(STATUSES, ""), "status", "unknown-status")
        if "status" in meta
        else "published"
    )
    published = check.date(("published",), meta["published"], today) if "published" in meta else None
    board = check.text(("board",), meta["board"]) if "board" in meta else None
    area = check.text_list(("area",), meta["area"]) if "area" in meta else ()
    entry_themes = check.theme_list(("themes",), meta["themes"], themes, required=True) if "themes" in meta else ()

    ages: list[str] = []
    for index, age in enumerate(check.listing(("ages",), meta["ages"]) or [] if "ages" in meta else []):
        band = check.vocabulary(("ages", index), str(age) if isinstance(age, int) else age, AGE_BANDS, "age band", "unknown-age-band")
        if band:
            ages.append(band)

    summary = check.text(("summary",), meta["summary"], prose=True) if "summary" in meta else None
    if summary and len(summary) > SUMMARY_MAX:
        check.error(
            ("summary",),
            f"the summary is {len(summary)} characters; keep it to {SUMMARY_MAX} or fewer (one to three sentences).",
            "summary-too-long",
        )

    learning = []
    items = check.listing(("learning",), meta["learning"]) if "learning" in meta else None
    if items is not None and not items:
        check.error(("learning",), "'learning' is empty. Add at least one '- point: ...'.", "empty-value")
    for index, item in enumerate(items or []):
        key = ("learning", index)
        if not isinstance(item, dict):
            check.error(key, f"each learning point must be written as '- point: ...' (found {_describe(item)}).", "wrong-type")
            continue
        check.fields(key, item, LEARNING_FIELDS)
        point = check.text(key + ("point",), item["point"], prose=True) if "point" in item else None
        point_themes = check.theme_list(key + ("themes",), item["themes"], themes, required=False) if "themes" in item else ()
        if point:
            learning.append(LearningPoint(point, point_themes))

    actions = []
    for index, item in enumerate((check.listing(("actions",), meta["actions"]) or []) if "actions" in meta else []):
        key = ("actions", index)
        if not isinstance(item, dict):
            check.error(key, f"each action must be written as '- action: ...' with a 'status:' (found {_describe(item)}).", "wrong-type")
            continue
        check.fields(key, item, ACTION_FIELDS)
        text = check.text(key + ("action",), item["action"], prose=True) if "action" in item else None
        state = (
            check.vocabulary(key + ("status",), item["status"], ACTION_STATUSES, "action status", "unknown-action-status")
            if "status" in item
            else None
        )
        owner = check.text(key + ("owner",), item["owner"]) if "owner" in item else None
        due = check.date(key + ("due",), item["due"], today, future=True) if "due" in item else None
        updated = check.date(key + ("updated",), item["updated"], today) if "updated" in item else None
        evidence = check.text(key + ("evidence",), item["evidence"], prose=True) if "evidence" in item else None
        if text and state:
            actions.append(Action(text, state, owner, due, updated, evidence))

    source = None
    if "source" in meta:
        raw = meta["source"]
        if isinstance(raw, dict):
            check.fields(("source",), raw, SOURCE_FIELDS)
            publisher = check.text(("source", "publisher"), raw["publisher"]) if "publisher" in raw else None
            source_title = check.text(("source", "title"), raw["title"]) if "title" in raw else None
            url = check.url(("source", "url"), raw["url"]) if "url" in raw else None
            licence = check.text(("source", "licence"), raw["licence"]) if "licence" in raw else None
            expires = check.date(("source", "expires"), raw["expires"], today, future=True) if "expires" in raw else None
            if publisher and source_title:
                source = Source(publisher, source_title, url, licence, expires)
        else:
            check.error(("source",), "'source' must have 'publisher:' and 'title:' on indented lines below it.", "wrong-type")

    reference = check.text(("reference",), meta["reference"]) if "reference" in meta else None
    author = check.text(("author",), meta["author"]) if "author" in meta else None
    scope = check.vocabulary(("scope",), meta["scope"], SCOPES, "scope", "unknown-scope") if "scope" in meta else "local"
    consent = check.yes_no(("named_with_consent",), meta["named_with_consent"]) if "named_with_consent" in meta else False
    dates = _dates(check, meta["dates"], today) if "dates" in meta else {}
    links = _links(check, meta["links"]) if "links" in meta else ()
    related = _related(check, meta["related"], ident) if "related" in meta else ()

    if status in PUBLIC_STATUSES and "TODO" in doc.front + doc.body:
        _placeholders(check, meta, ())
        for match in _PLACEHOLDER.finditer(doc.body):
            line = doc.body_line + doc.body.count("\n", 0, match.start())
            check.at_line(line, "warning", "template text 'TODO' is still here: replace it before publishing.", "template-placeholder")

    sections = split_sections(doc.body)
    for expected in EXPECTED_SECTIONS:
        if expected not in sections:
            check.at_line(doc.body_line, "warning", f"the body has no '## {expected}' section.", "missing-section")
    for name in sections:
        if name not in KNOWN_SECTIONS:
            close = difflib.get_close_matches(name, KNOWN_SECTIONS, n=1, cutoff=0.75)
            if close:
                line = doc.body_line + doc.body.count("\n", 0, doc.body.find(f"## {name}"))
                check.at_line(line, "warning", f"section '## {name}': did you mean '## {close[0]}'?", "section-name")
    check.prose(("body",), doc.body, first_line=doc.body_line)
    check.personal_data_in_fields()

    if not check.ok:
        return None, check.problems
    review = Review(
        id=ident,
        path=doc.path,
        title=title,
        type=kind,
        status=status,
        published=published,
        board=board,
        themes=entry_themes,
        summary=summary,
        learning=tuple(learning),
        source=source,
        body=doc.body,
        sections=sections,
        area=area,
        ages=tuple(ages),
        actions=tuple(actions),
        reference=reference,
        scope=scope or "local",
        dates=dates,
        author=author,
        named_with_consent=bool(consent),
        links=links,
        related=related,
    )
    return review, check.problems


def validate_theme(doc: Document, theme_ids: frozenset[str], allowed: Iterable[str] = ()) -> tuple[Theme | None, list[Problem]]:
    """Check one theme document; `related` must name existing themes."""
    check = _Checker(doc, allowed)
    meta = doc.meta
    _duplicate_keys(check)
    check.fields((), meta, THEME_FIELDS)
    ident = _check_id(check, meta)
    title = check.text(("title",), meta["title"]) if "title" in meta else None
    synonyms = check.text_list(("synonyms",), meta["synonyms"]) if "synonyms" in meta else ()
    related = check.theme_list(("related",), meta["related"], ThemeVocabulary(theme_ids), required=False) if "related" in meta else ()
    if ident and ident in related:
        check.warning(("related",), f"a theme cannot be related to itself: remove '{ident}' from 'related'.", "self-related")
    if not doc.body.strip():
        check.at_line(doc.body_line, "error", "the theme has no text. Write a short definition as its first paragraph.", "missing-definition")
    check.prose(("body",), doc.body, first_line=doc.body_line)
    check.personal_data_in_fields()
    if not check.ok:
        return None, check.problems
    theme = Theme(ident, doc.path, title, synonyms, tuple(r for r in related if r != ident), doc.body)
    if len(theme.definition) > 400:
        check.at_line(
            doc.body_line, "warning", f"the first paragraph is {len(theme.definition)} characters: keep the definition short (under 400).", "long-definition"
        )
    return theme, check.problems
