"""Export speed: what the website pays to offer a briefing per entry and a handout and deck per theme.

Times the pure export functions (no process start-up) on synthetic knowledge bases.
Briefings are timed on a sample of entries and projected to every entry.
Run: python -m benchmarks.bench_exports [SIZES...]
"""

from __future__ import annotations

import sys
import time

from lscb_kb.catalogue import load_catalogue
from lscb_kb.exports.briefing import briefing_docx, briefing_markdown
from lscb_kb.exports.deck import build_deck
from lscb_kb.exports.handout import handout_docx, handout_markdown

from .common import corpus, table

SAMPLE = 200


def _seconds(function, arguments: list) -> tuple[float, int]:
    """Total seconds to call `function` on each argument, and the largest output in bytes."""
    largest = 0
    start = time.perf_counter()
    for argument in arguments:
        largest = max(largest, len(function(*argument)))
    return time.perf_counter() - start, largest


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        published = load_catalogue(corpus(size)).published()
        entries = [(published, r.id) for r in published.reviews[:: max(1, len(published.reviews) // SAMPLE)][:SAMPLE]]
        themes = [(published, t) for t in published.themes]
        count = len(published.reviews)
        for name, function, arguments, per in (
            ("briefing .docx", briefing_docx, entries, count),
            ("briefing .md", briefing_markdown, entries, count),
            ("handout .docx", handout_docx, themes, len(themes)),
            ("handout .md", handout_markdown, themes, len(themes)),
            ("starter deck", lambda p, t: build_deck(p, [t], []), themes, len(themes)),
        ):
            seconds, largest = _seconds(function, arguments)
            each = seconds / len(arguments)
            rows.append((f"{size:,}", name, f"{each * 1000:.1f}", f"{each * per:.1f}", f"{largest / 1024:.0f}"))
    print("Exports (ms per file; seconds for one per entry or per theme; largest file in KB)")
    print(table(rows, ("entries", "export", "ms each", "s for all", "largest KB")))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
