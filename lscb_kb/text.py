"""Text rules shared by every part (validator, search, pages, exports): dates, counts, and how Markdown is
read (its sections, its code, its plain words), each said one way."""

from __future__ import annotations

import calendar
import re


def format_date(value: str) -> str:
    """'2014-06' -> 'June 2014'; '2014-06-07' -> '7 June 2014'; '2014' stays."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 entry', '2 entries' (with `words`), '1,204 points'."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|(?<![\\`])(`+)(?!`)[^\n]*?(?<!`)\2(?!`)", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*", re.MULTILINE)
_MARKDOWN_QUOTE = re.compile(r"^[ \t]*>", re.MULTILINE)
_MARKDOWN_MARKS = str.maketrans("*`|", "   ")


def mask_code(text: str) -> str:
    """Blank out code blocks and spans (keeping line breaks): what is inside them is shown, not run."""
    if "`" not in text and "~~~" not in text:
        return text
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def split_sections(body: str) -> dict[str, str]:
    """Level-2 sections of a body, by heading, in order."""
    masked = mask_code(body)
    headings = list(_HEADING.finditer(masked))
    return {
        h.group(1).strip(): body[h.end() : (headings[i + 1].start() if i + 1 < len(headings) else len(body))].strip()
        for i, h in enumerate(headings)
    }



def plain_text(markdown: str) -> str:
    """Markdown as one line of readable text (link text kept, marks removed): what search indexes and shows."""
    text = _MARKDOWN_LINK.sub(r"\1", markdown)
    text = _MARKDOWN_HEADING.sub("", text)
    text = _MARKDOWN_QUOTE.sub("", text).translate(_MARKDOWN_MARKS)
    return " ".join(text.split())
