"""Markdown of the entries turned into clean text for office files.

Office files have no Markdown, so links keep their text, emphasis markers go,
and bold becomes a bold run. A section becomes a list of `Para` blocks
(paragraphs, bullets, numbered items, sub-headings) that the deck, briefing and
handout lay out in their own way.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

Run = tuple[str, bool]  # (text, bold)

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>]+)>")
_CODE = re.compile(r"`+([^`]+)`+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_SPACE = re.compile(r"\s+")

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*(.+?)\*\*|__(.+?)__)\s*:?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")


def _inline_plain(text: str) -> str:
    """Markup that carries no meaning in an office file: links, images, code."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    return _CODE.sub(r"\1", text)


def _finish(text: str) -> str:
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    return html.unescape(_ESCAPE.sub(r"\1", text))


def runs(markdown: str) -> tuple[Run, ...]:
    """Inline Markdown as text runs; `**bold**` becomes a bold run, everything else plain."""
    text = _inline_plain(_SPACE.sub(" ", markdown).strip())
    result: list[Run] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            result.append((_finish(text[position : match.start()]), False))
        result.append((_finish(match.group(1) or match.group(2)), True))
        position = match.end()
    if position < len(text):
        result.append((_finish(text[position:]), False))
    return tuple(r for r in result if r[0])


def plain(markdown: str) -> str:
    """Inline Markdown as plain text: link text kept, markers removed."""
    return "".join(text for text, _ in runs(markdown))


@dataclass(frozen=True)
class Para:
    """One block of text: kind is 'text', 'bullet', 'number' or 'subhead'."""

    runs: tuple[Run, ...]
    kind: str = "text"
    number: int = 0

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)

    @classmethod
    def of(cls, text: str, kind: str = "text", number: int = 0) -> Para:
        """A block from plain text (no Markdown parsing)."""
        return cls(((text, False),), kind, number)

    @classmethod
    def lead(cls, label: str, text: str, kind: str = "text") -> Para:
        """A block with a bold lead-in, e.g. 'Board: ' + the board's name."""
        return cls(((label, True), (text, False)), kind)

    def with_text(self, text: str) -> Para:
        return Para(((text, False),), self.kind, self.number)

    def trimmed(self, limit: int) -> Para:
        """At most about `limit` characters (see `trim`), keeping bold runs."""
        short = trim(self.text, limit)
        if short == self.text:
            return self
        kept = short.removesuffix("…")
        result: list[Run] = []
        left = len(kept)
        for text, bold in self.runs:
            if left <= 0:
                break
            result.append((text[:left], bold))
            left -= len(text)
        if kept != short:
            result.append(("…", False))
        return Para(tuple(result), self.kind, self.number)


def blocks(markdown: str) -> list[Para]:
    """A Markdown section as paragraphs, list items and sub-headings, in order."""
    result: list[Para] = []
    kind, number, lines = "", 0, []
    in_fence = False

    def close() -> None:
        nonlocal kind, number, lines
        if lines:
            content = runs(" ".join(lines))
            if content:
                result.append(Para(content, kind or "text", number))
        kind, number, lines = "", 0, []

    for raw in markdown.splitlines():
        if _FENCE.match(raw):
            close()
            in_fence = not in_fence
            continue
        line = raw.strip()
        if in_fence:
            if line:
                kind = kind or "text"
                lines.append(line)
            continue
        if not line or _TABLE_RULE.match(line):
            close()
            continue
        line = line.lstrip(">").strip() if line.startswith(">") else line
        if heading := _HEADING.match(line):
            close()
            kind, lines = "subhead", [heading.group(1)]
            close()
        elif bold_line := _BOLD_LINE.match(line):
            close()
            kind, lines = "subhead", [bold_line.group(1) or bold_line.group(2)]
            close()
        elif bullet := _BULLET.match(raw):
            close()
            kind, lines = "bullet", [bullet.group(1)]
        elif numbered := _NUMBER.match(raw):
            close()
            kind, number, lines = "number", int(numbered.group(1)), [numbered.group(2)]
        elif line.startswith("|"):
            close()
            cells = [c.strip() for c in line.strip("|").split("|")]
            kind, lines = "text", [" – ".join(c for c in cells if c)]
            close()
        else:
            kind = kind or "text"
            lines.append(line)
    close()
    return result


def items(markdown: str) -> list[Para]:
    """The list items of a section (bullets and numbered items), e.g. '## Key figures'."""
    return [b for b in blocks(markdown) if b.kind in ("bullet", "number")]


def sentences(text: str) -> list[str]:
    """Split plain text into sentences (good enough for trimming and splitting slides)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def trim(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole sentence, else at a word, with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in sentences(text):
        if len(kept) + (1 if kept else 0) + len(sentence) > limit:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


def lower_first(text: str) -> str:
    """'Neglect' -> 'neglect' inside a sentence, but 'CSE' stays 'CSE'."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def md_escape(text: str, line_start: bool = True) -> str:
    """Plain text made safe to drop into Markdown (no accidental emphasis, links, HTML or lists)."""
    text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
    if line_start:
        text = re.sub(r"^(\s*)([#+-])(\s)", r"\1\\\2\3", text)
        text = re.sub(r"^(\s*\d+)([.)])(\s)", r"\1\\\2\3", text)
    return text


def md_runs(para: Para) -> str:
    """A block's runs as inline Markdown, bold runs in `**`."""
    out = []
    for index, (text, bold) in enumerate(para.runs):
        escaped = md_escape(text, line_start=index == 0)
        if bold and text.strip():
            # leading punctuation stays outside the markers: "text**. Terms:**" is not bold in CommonMark
            lead, core, tail = re.match(r"^([\s.,;:!?)]*)(.*?)(\s*)$", escaped, re.S).groups()
            out.append(f"{lead}**{core}**{tail}")
        else:
            out.append(escaped)
    return "".join(out)
