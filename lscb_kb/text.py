"""Words shared by every output (pages, exports, command line): dates, counts and notices, said one way."""

from __future__ import annotations

import calendar


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
