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

import yaml

from . import personal_data
from .load import Document, layout_problems
from .model import (
    Action,
    LearningPoint,
    Link,
    Problem,
    Review,
    Source,
    Theme,
    ThemeNames,
    date_end,
    date_start,
    name_key,
    theme_names,
)
from .text import mask_code, split_sections
from .vocab import (
    AGE_BANDS,
    CHOICE_KINDS,
    DATE_PATTERN,
    EXPECTED_SECTIONS,
    ID_PATTERN,
    KNOWN_SECTIONS,
    NESTED_FIELDS,
    PUBLIC_STATUSES,
    RESERVED_IDS,
    REVIEW_DATES,
    REVIEW_FIELDS,
    SUMMARY_MAX,
    TEMPLATE_EXAMPLES,
    THEME_FIELDS,
    URL_PATTERN,
    Field,
    reserved_id_message,
)

MAX_FINDINGS = 50  # personal-data findings listed one by one in a text; more are counted

_ID = re.compile(ID_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_URL = re.compile(URL_PATTERN)
# Fenced blocks, and code spans whose opening backtick is not escaped (Markdown shows `\`` as a backtick).
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
    if words and value in words:
        return f" Did you mean '{words[value]}' ('{value}' is one of its names)?"
    candidates = words.candidates(value) if isinstance(words, ThemeNames) else ()
    if candidates:
        return f" '{value}' is a name of several themes: {', '.join(repr(c) for c in candidates)}. Choose one."
    choices = list(choices)
    close = difflib.get_close_matches(value.casefold(), choices, n=1, cutoff=0.6)
    if not close and words:
        close = [words[w] for w in difflib.get_close_matches(name_key(value), list(words), n=1, cutoff=0.75)]
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


def check_date(value: Any, today: dt.date, *, future: bool = False, name: str = "published") -> tuple[str | None, tuple[str, str] | None]:
    """A date as text, or (rule, message) saying why it is not one; also what `new` asks with.

    YAML's own dates (an unquoted 2024-03-05) and bare years (2016, a number) are accepted.
    `future` allows a date still to come (an action's due date, a source's expiry).
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, dt.date):
        value = value.isoformat()[:10]
    published = name == "published"
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        what = "the publication date" if published else f"'{name}'"
        return None, ("invalid-date", f"'{value}' is not a date. Write {what} as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2016-07.")
    value = value.strip()
    try:
        first = date_start(value)
    except ValueError:
        return None, ("invalid-date", f"'{value}' is not a real date (check the month and day).")
    if first > today and not future:
        what = "the date the review was published" if published else f"the date it happened ('{name}' cannot be in the future)"
        return None, ("future-date", f"'{value}' is in the future. Use {what}.")
    return value, None


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
        found, problem = check_date(value, today, future=future, name=".".join(map(str, key)))
        if problem:
            self.error(key, problem[1], problem[0])
        return found

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

    def fields(self, key: tuple, data: Mapping, spec: Mapping[str, Field]) -> None:
        """Unknown keys are errors (a typo must not pass silently); required keys must be there."""
        where = f" in '{'.'.join(map(str, key))}'" if key else ""
        for name in data:
            if name not in spec:
                hint = suggest(str(name), spec) or f" Allowed keys: {', '.join(spec)}."
                self.error(key + (name,), f"unknown key '{name}'{where}.{hint}", "unknown-key")
        for name, wanted in spec.items():
            if wanted.required and name not in data:
                if key == () and name == "status":  # an entry must never become public by omission
                    message = "status is required: draft, published, archived or embargoed. Add a line 'status: draft'."
                else:
                    message = f"the required key '{name}' is missing{where}. Add a line '{name}: ...' ({wanted.note})."
                self.error(key, message, "missing-field")

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
        masked = mask_code(text) if first_line else text
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


_REPLACE = {
    "warning": lambda status: "replace it before publishing.",
    "error": lambda status: f"a {status} entry must not show template text. Replace it with your own words (or set 'status: draft' until it is written).",
}


def _placeholders(check: _Checker, value: Any, key: tuple, severity: str, status: str | None) -> None:
    """Template text left in an entry: published pages would show 'TODO' or the template's example addresses."""
    if isinstance(value, str) and (_PLACEHOLDER.search(value) or value.strip() in TEMPLATE_EXAMPLES):
        shown = "TODO" if _PLACEHOLDER.search(value) else value.strip()
        check.problems.append(
            Problem(check.doc.path, check.doc.line(*key), severity, f"'{'.'.join(map(str, key))}' still has template text '{shown}': {_REPLACE[severity](status)}", "template-placeholder")
        )
    elif isinstance(value, dict):
        for name, item in value.items():
            _placeholders(check, item, key + (name,), severity, status)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _placeholders(check, item, key + (index,), severity, status)


_CURLY = "\u201c\u201d\u2018\u2019"


def _format2(check: _Checker, status: str | None, values: Mapping[str, Any], source: Source | None, dates: Mapping[str, str], today: dt.date) -> None:
    """Format 2's rules across fields: layout mistakes, hidden text, curly quotes, the order of dates, an expired source."""
    doc = check.doc
    check.problems.extend(layout_problems(doc.front, doc.offset, doc.path, parsed=True))
    if "#" in doc.front:
        _hidden_comments(check)
    _curly_values(check, doc.meta, ())
    order = [(f"dates.{name}", ("dates", name), dates[name]) for name in REVIEW_DATES if name in dates]
    if values.get("published"):
        order.append(("published", ("published",), values["published"]))
    for (first, first_key, early), (later, key, late) in itertools.combinations(order, 2):
        if date_start(early) > date_end(late):
            said = f"'{later}' ({late}) is before '{first}' ({early})"
            if later == "published":  # a date of the review's life cannot come after its publication
                said, key = f"'{first}' ({early}) is after 'published' ({late})", first_key
            check.error(
                key,
                f"{said}. The dates must come in the order {', '.join(REVIEW_DATES)}, published:"
                " correct the one that is out of place.",
                "dates-order",
            )
            break
    if source and source.has_expired(today) and status == "published":
        check.error(
            ("source", "expires"),
            f"the source asks that its material is not used after {source.expires}, which has passed."
            " Set 'status: archived' so that its pages carry the historic-learning notice.",
            "source-expired",
        )


def _curly_values(check: _Checker, value: Any, key: tuple) -> None:
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 1 and text[0] in _CURLY and text[-1] in _CURLY:
            check.error(
                key,
                f"'{'.'.join(map(str, key))}' is wrapped in curly quotes ({text[0]} {text[-1]}) from a word processor, and"
                " YAML keeps them as part of the text. Replace them with straight quotes (\" or ') or remove them.",
                "curly-quotes",
            )
    elif isinstance(value, dict):
        for name, item in value.items():
            _curly_values(check, item, key + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _curly_values(check, item, key + (index,))


_TEXT_KINDS = ("text", "summary", "text-list")


def _kind_at(key: tuple) -> str | None:
    """The kind of field a key path of a review is ('learning', 0, 'point') -> 'text'; None if it is not a field."""
    fields, kind = REVIEW_FIELDS, None
    for part in key:
        if isinstance(part, int):
            continue
        field = fields.get(part) if fields is not None else None
        if field is None:
            return None
        kind, fields = field.kind, NESTED_FIELDS.get(field.kind)
    return kind


def _hidden_comments(check: _Checker) -> None:
    """An unquoted value followed by ' #': YAML drops the rest of the line as a comment, silently."""
    doc = check.doc
    lines = doc.front.split("\n")
    keys_at = {line: key for key, line in doc.lines.items()}
    try:
        tokens = list(yaml.scan(doc.front, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader))
    except yaml.YAMLError:
        return
    for before, token in zip(tokens, tokens[1:]):
        if not isinstance(token, yaml.ScalarToken) or not token.plain or not isinstance(before, (yaml.ValueToken, yaml.BlockEntryToken)):
            continue
        end = token.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if not re.match(r"[ \t]+#", rest):
            continue
        line = doc.offset + end.line
        key = keys_at.get(line)
        if key is None or _kind_at(key) not in _TEXT_KINDS:  # 'status: draft # note' hides nothing: a word, an id, a date
            continue
        name = ".".join(map(str, key))
        whole = (token.value + rest).strip().replace('"', '\\"')
        shown = key[-1] if key and isinstance(key[-1], str) else "-"
        check.at_line(
            line,
            "error",
            f"'{name}' is cut short at ' #': YAML reads '{rest.strip()}' as a comment and drops it, so the value is"
            f" only '{token.value}'. Put the whole value in quotes: {shown}{':' if shown != '-' else ''} \"{whole}\".",
            "hidden-comment",
        )


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


# What each list item or group must look like, said when it is something else.
_SHAPES = {
    "learning": "each learning point must be written as '- point: ...' (found {found}).",
    "actions": "each action must be written as '- action: ...' with a 'status:' (found {found}).",
    "links": "each link must be written as '- kind: full-report' with a 'url:' below it (found {found}).",
    "source": "'source' must have 'publisher:' and 'title:' on indented lines below it.",
    "dates": "'dates' must have its dates on indented lines below it, e.g. '  completed: 2021-11'.",
}


@dataclass(frozen=True)
class _Context:
    themes: ThemeVocabulary
    today: dt.date
    ident: str | None = None


def _value(check: _Checker, key: tuple, value: Any, field: Field, ctx: _Context) -> Any:
    """Check one value by its field's kind (vocab.Field); None (or empty) when it has an error."""
    kind = field.kind
    if kind in CHOICE_KINDS:
        words, what, rule = CHOICE_KINDS[kind]
        return check.vocabulary(key, value, words, what, rule)
    match kind:
        case "text":
            return check.text(key, value)
        case "summary":
            summary = check.text(key, value)
            if summary and len(summary) > SUMMARY_MAX:
                check.error(
                    key,
                    f"the summary is {len(summary)} characters; keep it to {SUMMARY_MAX} or fewer (one to three sentences).",
                    "summary-too-long",
                )
            return summary
        case "text-list":
            return check.text_list(key, value)
        case "theme-list":
            return check.theme_list(key, value, ctx.themes, required=field.required)
        case "entry-list":
            return _related(check, key, value, ctx.ident)
        case "age-list":
            bands = (
                check.vocabulary(key + (i,), str(age) if isinstance(age, int) else age, AGE_BANDS, "age band", "unknown-age-band")
                for i, age in enumerate(check.listing(key, value) or [])
            )
            return tuple(band for band in bands if band)
        case "date" | "any-date":
            return check.date(key, value, ctx.today, future=kind == "any-date")
        case "url":
            return check.url(key, value)
        case "yes-no":
            return check.yes_no(key, value)
        case "source" | "dates":
            return _record(check, key, value, field, ctx)
        case "learning" | "actions" | "links":
            items = check.listing(key, value)
            if items is not None and not items and field.required:
                check.error(key, f"'{key[-1]}' is empty. Add at least one '- point: ...'.", "empty-value")
            records = (_record(check, key + (i,), item, field, ctx) for i, item in enumerate(items or []))
            return [r for r in records if r is not None]
    raise ValueError(f"the field kind '{kind}' of lscb_kb/vocab.py has no check in lscb_kb/validate.py")


def _record(check: _Checker, key: tuple, raw: Any, field: Field, ctx: _Context) -> dict[str, Any] | None:
    """A group of fields (a learning point, an action, a link, the source, the dates): name -> checked value."""
    if not isinstance(raw, dict):
        check.error(key, _SHAPES[field.kind].format(found=_describe(raw)), "wrong-type")
        return None
    spec = NESTED_FIELDS[field.kind]
    check.fields(key, raw, spec)
    return {name: _value(check, key + (name,), raw[name], spec[name], ctx) for name in spec if name in raw}


def _related(check: _Checker, key: tuple, raw: Any, ident: str | None) -> tuple[str, ...]:
    """Ids of other entries; whether they exist and are public is checked with the whole catalogue."""
    found: list[str] = []
    for index, item in enumerate(check.listing(key, raw) or []):
        name = check.text(key + (index,), item)
        if name is None:
            continue
        if not _ID.match(name):
            check.error(key + (index,), f"'{name}' is not an entry id: write the id of another entry (its file name without '.md').", "invalid-id")
        elif name == ident:
            check.warning(key + (index,), f"an entry cannot be related to itself: remove '{name}' from 'related'.", "self-related")
        elif name not in found:
            found.append(name)
    return tuple(found)


def _fields_of(check: _Checker, meta: Mapping, spec: Mapping[str, Field], ctx: _Context) -> dict[str, Any]:
    """Every known field of the front matter, checked in the order of its table."""
    _duplicate_keys(check)
    check.fields((), meta, spec)
    values: dict[str, Any] = {"id": _check_id(check, meta)}
    ctx = _Context(ctx.themes, ctx.today, values["id"])
    for name, wanted in spec.items():
        if name in meta and wanted.kind != "id":
            values[name] = _value(check, (name,), meta[name], wanted, ctx)
    return values


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
    values = _fields_of(check, meta, REVIEW_FIELDS, _Context(themes, today))
    status = values.get("status")
    learning = [LearningPoint(p["point"], p.get("themes") or ()) for p in values.get("learning", ()) if p.get("point")]
    actions = [Action(**a) for a in values.get("actions", ()) if a.get("action") and a.get("status")]
    links = tuple(Link(**link) for link in values.get("links", ()) if link.get("kind") and link.get("url"))
    raw_source = values.get("source") or {}
    source = Source(**raw_source) if raw_source.get("publisher") and raw_source.get("title") else None
    dates = {name: value for name, value in (values.get("dates") or {}).items() if value}

    _format2(check, status, values, source, dates, today)
    if "TODO" in doc.front + doc.body or any(example in doc.front for example in TEMPLATE_EXAMPLES):
        severity = "error" if status in PUBLIC_STATUSES else "warning"  # a public entry must never show it
        _placeholders(check, meta, (), severity, status)
        for match in _PLACEHOLDER.finditer(doc.body):
            line = doc.body_line + doc.body.count("\n", 0, match.start())
            check.at_line(line, severity, f"template text 'TODO' is still here: {_REPLACE[severity](status)}", "template-placeholder")

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
        id=values["id"],
        path=doc.path,
        title=values["title"],
        type=values["type"],
        status=status,
        published=values["published"],
        board=values["board"],
        themes=values["themes"],
        summary=values["summary"],
        learning=tuple(learning),
        source=source,
        body=doc.body,
        sections=sections,
        area=values.get("area", ()),
        ages=values.get("ages", ()),
        actions=tuple(actions),
        reference=values.get("reference"),
        scope=values.get("scope") or "local",
        dates=dates,
        author=values.get("author"),
        named_with_consent=bool(values.get("named_with_consent")),
        links=links,
        related=values.get("related", ()),
    )
    return review, check.problems


def validate_theme(doc: Document, theme_ids: frozenset[str], allowed: Iterable[str] = ()) -> tuple[Theme | None, list[Problem]]:
    """Check one theme document; `related` must name existing themes."""
    check = _Checker(doc, allowed)
    values = _fields_of(check, doc.meta, THEME_FIELDS, _Context(ThemeVocabulary(theme_ids), dt.date.today()))
    ident, related = values["id"], values.get("related", ())
    if ident and ident in related:
        check.warning(("related",), f"a theme cannot be related to itself: remove '{ident}' from 'related'.", "self-related")
    if not doc.body.strip():
        check.at_line(doc.body_line, "error", "the theme has no text. Write a short definition as its first paragraph.", "missing-definition")
    check.prose(("body",), doc.body, first_line=doc.body_line)
    check.personal_data_in_fields()
    if not check.ok:
        return None, check.problems
    theme = Theme(ident, doc.path, values["title"], values.get("synonyms", ()), tuple(r for r in related if r != ident), doc.body)
    if len(theme.definition) > 400:
        check.at_line(
            doc.body_line, "warning", f"the first paragraph is {len(theme.definition)} characters: keep the definition short (under 400).", "long-definition"
        )
    return theme, check.problems
