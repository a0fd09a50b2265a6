"""Read one entry file into front matter, body and the line of every key.

Reading never raises on a user's mistake: a file that cannot be read as a
front-matter Markdown document becomes a `Problem` naming the file, the line
and the fix. Nothing here writes to disk.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .model import Problem

_HANDLER = frontmatter.YAMLHandler()

KeyPath = tuple[Any, ...]

MAX_DEPTH = 10  # lists and mappings inside each other; entries need 4
MAX_VALUES = 10_000  # texts, lists and mappings in one front matter; entries need a few hundred
MAX_FILE_SIZE = 1_000_000  # bytes; the default of `max_file_size` in lscb-kb.yml


class _EntryLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """PyYAML's safe loader, leaving dates as text so that a bad date is reported, not raised."""


_EntryLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """A parsed entry file before validation."""

    path: str  # as shown to the user, e.g. reviews/child-a.md
    stem: str  # file name without .md: the id it must carry
    front: str  # the front matter as written
    meta: dict[str, Any]
    body: str
    body_line: int  # line number of the first body line
    lines: dict[KeyPath, int]  # ("learning", 0, "themes") -> line of that key or item
    duplicate_keys: tuple[tuple[str, int], ...] = ()
    offset: int = 2  # the line number of the front matter's first line (index 0 of `front`)

    def line(self, *key: Any) -> int:
        """The line of the most specific known key on `key`, else the first front-matter line."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 2


def _problem(path: str, line: int, message: str, rule: str) -> Problem:
    return Problem(path, line, "error", message, rule)


def _walk(node: yaml.Node, key: KeyPath, offset: int, lines: dict, duplicates: list) -> None:
    """Record the line of every mapping key and sequence item under `node`."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = offset + key_node.start_mark.line
            if name in seen:
                duplicates.append((".".join(map(str, key + (name,))), line))
            seen.add(name)
            lines.setdefault(key + (name,), line)
            _walk(value_node, key + (name,), offset, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[key + (index,)] = offset + item.start_mark.line
            _walk(item, key + (index,), offset, lines, duplicates)


# Characters word processors and web pages put where YAML needs plain spaces and quotes.
_NBSP = "\u00a0\u2007\u202f"
_INDENT = re.compile(r"^[ \t\u00a0\u2007\u202f]*")
_CURLY_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[A-Za-z_][\w-]*:\s+)?([\u201c\u2018\u201d\u2019])")
_BARE_BLOCK_ITEM = re.compile(r"^(\s*)-\s+[>|][-+0-9]*\s*$")
_BLOCK_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):\s*[>|][-+0-9]*\s*$")
_KEY_LINE = re.compile(r"^\s*[A-Za-z_][\w-]*:(\s|$)")
CURLY_NAMES = {"\u201c": "“ (curly opening double quote)", "\u201d": "” (curly closing double quote)",
               "\u2018": "‘ (curly opening single quote)", "\u2019": "’ (curly closing single quote)"}


def layout_problems(front: str, offset: int, path: str, *, parsed: bool) -> list[Problem]:
    """Mistakes of layout YAML misreads or blames on a later line, each at the line it is on.

    A non-breaking space in the indentation, a '- >' list item without its key, the
    text of a '>' block indented no further than its key; and, when the YAML could
    not be read (`parsed` False), a tab in the indentation. Curly quotes are judged
    by the caller: around a value that YAML read, or on the line where it gave up.
    """
    problems = []
    lines = front.split("\n")
    section = ""
    spaces = not parsed or any(c in front for c in _NBSP)  # the indentation needs a look only then
    for number, text in enumerate(lines):
        if not text:
            continue
        if not text[0].isspace():
            if ":" in text:
                section = text.split(":", 1)[0]
        elif spaces:
            problems.extend(_indentation(text, path, offset + number, parsed))
        if text.rstrip()[-1:] in _BLOCK_ENDS:
            problems.extend(_blocks(lines, number, section, path, offset))
    return problems


_BLOCK_ENDS = tuple(">|-+0123456789")


def _indentation(text: str, path: str, line: int, parsed: bool) -> list[Problem]:
    problems = []
    indent = _INDENT.match(text).group()
    if "\t" in indent and not parsed:
        problems.append(
            _problem(path, line, "this line is indented with a tab. Indent front matter with spaces: replace the tab with two spaces.", "yaml-syntax")
        )
    if any(c in indent for c in _NBSP) and text.strip(" \t" + _NBSP):
        problems.append(
            _problem(
                path,
                line,
                "this line is indented with a non-breaking space (pasted from a web page or a word processor),"
                " which YAML does not read as indentation. Delete the spaces at the start of the line and type them again.",
                "non-breaking-space",
            )
        )
    return problems


def _blocks(lines: list[str], number: int, section: str, path: str, offset: int) -> list[Problem]:
    """A '- >' without its key, or a '>' block whose text is indented no further than its key."""
    text = lines[number]
    bare = _BARE_BLOCK_ITEM.match(text)
    if bare:
        key = {"learning": "point", "actions": "action", "links": "kind"}.get(section, "point")
        return [
            _problem(
                path,
                offset + number,
                f"this item of '{section or 'the list'}' starts '- >' without its key, so its text has no name."
                f" Write '- {key}: >' and indent the text below it by {len(bare.group(1)) + 4} spaces.",
                "missing-point-key",
            )
        ]
    block = _BLOCK_KEY.match(text)
    following = next((n for n in range(number + 1, len(lines)) if lines[n].strip()), None) if block else None
    if following is None:
        return []
    column, after = len(block.group(1)), lines[following]
    depth = len(after) - len(after.lstrip(" "))
    # the text must be indented further than the key; at the key's own column or less it is not its text at all
    if depth > column or after.lstrip().startswith(("-", "#")) or _KEY_LINE.match(after):
        return []
    name = block.group(2)
    return [
        _problem(
            path,
            offset + following,
            f"the text of '{name}' (the line above) is indented by {depth} spaces, no further than"
            f" '{name}:' itself, so YAML does not read it as its text. Indent it by {column + 2} spaces.",
            "point-indentation",
        )
    ]


def _curly_problem(path: str, offset: int, lines: list[str], last: int) -> Problem | None:
    """A value opened with a curly quote on or just before the line where YAML gave up."""
    for number in range(min(last, len(lines) - 1), max(-1, last - 3), -1):
        match = _CURLY_VALUE.match(lines[number])
        if match:
            return _problem(
                path,
                offset + number,
                f"this value starts with the character {CURLY_NAMES[match.group(1)]}, from a word processor: YAML does not"
                " read it as a quote. Replace the curly quotes with straight ones (\" or ').",
                "curly-quotes",
            )
    return None


def _yaml_problem(path: str, offset: int, error: yaml.YAMLError, front: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = offset + mark.line if mark is not None else offset
    # a pasted or mistyped layout on this line or before it is the cause, not the line where YAML gave up
    before = [p for p in layout_problems(front, offset, path, parsed=False) if mark is None or p.line <= line]
    if before:
        return before[0]
    if mark is not None and not isinstance(error, yaml.constructor.ConstructorError):
        curly = _curly_problem(path, offset, front.split("\n"), mark.line)
        if curly:
            return curly
    problem = getattr(error, "problem", None) or str(error)
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in problem:
        quoted = re.search(r"'([^']+)'", problem)
        tag = (quoted.group(1) if quoted else problem).replace("tag:yaml.org,2002:", "!!")
        return _problem(
            path,
            line,
            f"the YAML tag {tag} is not allowed: front matter holds only text, lists and dates."
            " Remove the tag (the part starting with '!').",
            "unsafe-yaml-tag",
        )
    context = getattr(error, "context", None) or ""
    if "quoted scalar" in context and error.context_mark is not None:
        return _problem(
            path,
            offset + error.context_mark.line,
            "a quotation mark opened on this line is never closed. Add the closing quote (\" or ') at the end of the text.",
            "yaml-syntax",
        )
    hint = (
        " Check the indentation, and put text that contains ': ' or starts with"
        " a special character ([ { * & ! | > ' \" % @ `) in quotes."
    )
    return _problem(path, line, f"the front matter is not valid YAML: {problem}.{hint}", "yaml-syntax")


def screen(front: str, path: str, offset: int) -> Problem | None:
    """Refuse anchors, aliases, tags, deep nesting and huge front matter before anything is composed.

    Composing expands aliases (a 500-byte 'billion laughs' file takes gigabytes) and
    recurses once per level of nesting (50,000 '[' crash the interpreter). Parse
    events come one at a time from a loop, not a recursion, so reading them and
    stopping at the first unsafe one costs at most a few events past the limit.
    """
    depth = values = 0
    for event in yaml.parse(front, Loader=_EntryLoader):
        line = offset + event.start_mark.line
        if isinstance(event, yaml.NodeEvent):
            values += 1
            if values > MAX_VALUES:
                return _problem(
                    path,
                    line,
                    f"the front matter holds more than {MAX_VALUES:,} values (texts, lists and fields); an entry needs"
                    " a few hundred at most. Check for a list pasted in by mistake, and move long text to the body.",
                    "yaml-too-large",
                )
        if isinstance(event, yaml.AliasEvent):
            return _problem(
                path,
                line,
                f"the YAML alias '*{event.anchor}' is not allowed: it repeats text written elsewhere, and"
                " can make a small file expand beyond any memory. Write the value out in full.",
                "unsafe-yaml-alias",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            return _problem(
                path,
                line,
                f"the YAML anchor '&{anchor}' is not allowed: front matter holds plain values only."
                " Remove '&" + anchor + "' and write every value out in full where it is used.",
                "unsafe-yaml-alias",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            return _problem(
                path,
                line,
                f"the YAML tag {shown} is not allowed: front matter holds only text, lists and dates."
                " Remove the tag (the part starting with '!'); put the value in quotes if it must stay text.",
                "unsafe-yaml-tag",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return _problem(
                    path,
                    line,
                    f"the front matter is nested more than {MAX_DEPTH} levels deep here (lists or fields inside"
                    " each other). An entry needs at most four: check the brackets and the indentation.",
                    "yaml-too-deep",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def decode(raw: bytes, path: str) -> str | Problem:
    """Bytes to text: UTF-8 with or without a byte-order mark, any line endings."""
    if not raw.strip():
        return _problem(path, 1, "the file is empty. An entry starts with a '---' line and its front matter.", "empty-file")
    if b"\x00" in raw:
        return _problem(path, 1, "this is a binary file, not a Markdown text file. Save the entry as plain text (.md).", "not-text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return _problem(
            path,
            line,
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be read)."
            " Save it with UTF-8 encoding (in most editors: 'Save with encoding' > UTF-8).",
            "not-utf8",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, path: str, stem: str) -> Document | Problem:
    """Split front matter from body and parse the YAML safely, keeping each key's line."""
    if not _HANDLER.detect(text):
        return _problem(
            path,
            1,
            "the file does not start with front matter. The first line must be '---',"
            " followed by the fields (id, title, ...) and another '---' line.",
            "no-front-matter",
        )
    boundaries = list(itertools.islice(_HANDLER.FM_BOUNDARY.finditer(text), 2))
    if len(boundaries) < 2:
        return _problem(
            path,
            1,
            "the front matter is never closed. Add a line with just '---' after the last field.",
            "unclosed-front-matter",
        )
    opening, closing = boundaries[0], boundaries[1]
    front = text[opening.end() : closing.start()]
    offset = text.count("\n", 0, opening.end()) + 1
    first_line = offset + 1 if front.startswith("\n") else offset
    body = text[closing.end() :].lstrip("\n")
    body_line = text.count("\n", 0, len(text) - len(body)) + 1

    try:
        unsafe = screen(front, path, offset)
    except yaml.YAMLError as error:
        return _yaml_problem(path, offset, error, front)
    if unsafe is not None:
        return unsafe
    loader = _EntryLoader(front)
    try:
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        return _yaml_problem(path, offset, error, front)
    finally:
        loader.dispose()
    if meta is None:
        return _problem(path, first_line, "the front matter is empty. Add the fields between the two '---' lines.", "empty-front-matter")
    if not isinstance(meta, dict):
        kind = "a list" if isinstance(meta, list) else "a single value"
        return _problem(
            path,
            first_line,
            f"the front matter is {kind}, not fields. Write one 'key: value' per line"
            " (e.g. 'title: Child A'), with no '-' in front of the keys.",
            "front-matter-not-mapping",
        )
    lines: dict[KeyPath, int] = {}
    duplicates: list[tuple[str, int]] = []
    _walk(node, (), offset, lines, duplicates)
    return Document(path, stem, front, meta, body, body_line, lines, tuple(duplicates), offset)


def link_message(display: str) -> str:
    return (
        f"{display} is a symbolic link, not a file: links are not followed (one could publish a file from"
        " outside the knowledge base, or point nowhere). Replace the link with the file itself."
    )


def read(file: Path, display: str, max_size: int = MAX_FILE_SIZE) -> Document | Problem:
    """Read and parse one file; never writes, renames or deletes anything. A symbolic link is refused, not followed."""
    try:
        if file.is_symlink():
            return _problem(display, 1, link_message(display).replace(f"{display} is", "this file is", 1), "symbolic-link")
        if not file.is_file():
            return _problem(display, 1, "this is not a regular file. Replace it with a Markdown text file (.md).", "not-a-file")
        with file.open("rb") as stream:
            raw = stream.read(max_size + 1)  # never more: a huge file is refused, not loaded
    except OSError as error:
        return _problem(display, 1, f"the file cannot be read: {error.strerror}.", "unreadable")
    if len(raw) > max_size:
        return _problem(
            display,
            1,
            f"the file is larger than {max_size:,} bytes, the limit set by 'max_file_size' in lscb-kb.yml."
            " An entry summarises a review: link to the full report instead of copying it in.",
            "file-too-large",
        )
    text = decode(raw, display)
    if isinstance(text, Problem):
        return text
    return parse(text, display, file.stem)
