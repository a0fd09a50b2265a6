"""What every export shares: choosing entries and themes, counting, dates, atomic writing."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..catalogue import Published
from ..model import Review, Theme
from .text import blocks, items, lower_first, plain, plural, sentences, trim

DEFAULT_KB_NAME = "safeguarding case reviews"
HISTORIC_NOTICE = (
    "Historic learning: this entry is archived. The procedures, forms and contacts it mentions"
    " may no longer apply, so check current local guidance."
)


class ExportError(Exception):
    """A selection or setting the export cannot honour; the message says what to change."""


class SelectionError(ExportError):
    """A named entry or theme that is not in the published view (unknown, embargoed or draft)."""

    def __init__(self, message: str, name: str, kind: str):
        super().__init__(message)
        self.name = name
        self.kind = kind  # "review" or "theme"


def _suggestion(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def select_reviews(published: Published, ids: Iterable[str]) -> tuple[Review, ...]:
    """The named published entries in the order given, each once; anything else is refused."""
    chosen: dict[str, Review] = {}
    for ident in ids:
        review = published.review(ident.strip())
        if review is None:
            raise SelectionError(
                f"'{ident}' is not a published entry: no entry has that id, or it is embargoed or a draft"
                f" (never exported).{_suggestion(ident, (r.id for r in published.reviews))}",
                ident,
                "review",
            )
        chosen.setdefault(review.id, review)
    return tuple(chosen.values())


def select_theme(published: Published, name: str) -> Theme:
    """A theme by id, title or synonym ('lived experience' finds voice-of-the-child)."""
    theme = published.resolve_theme(name)
    if theme is None:
        names = [*published.themes, *(t.title for t in published.themes.values())]
        raise SelectionError(
            f"'{name}' is not a theme id, title or synonym.{_suggestion(name, names)}"
            " 'lscb-kb themes' lists them.",
            name,
            "theme",
        )
    return theme


def select_themes(published: Published, names: Iterable[str]) -> tuple[Theme, ...]:
    chosen: dict[str, Theme] = {}
    for name in names:
        theme = select_theme(published, name)
        chosen.setdefault(theme.id, theme)
    return tuple(chosen.values())


@dataclass(frozen=True)
class ThemeCounts:
    """How often a theme recurs: entries and learning points, in total and by year."""

    theme: Theme
    entries_by_year: dict[int, int]
    points_by_year: dict[int, int]

    @property
    def entries(self) -> int:
        return sum(self.entries_by_year.values())

    @property
    def points(self) -> int:
        return sum(self.points_by_year.values())

    @property
    def years(self) -> list[int]:
        """Every year from the first to the last, gaps included, so a chart shows them honestly."""
        if not self.entries_by_year:
            return []
        return list(range(min(self.entries_by_year), max(self.entries_by_year) + 1))

    def sentence(self) -> str:
        name = lower_first(self.theme.title)
        if not self.entries:
            return f"No published entry of the knowledge base is tagged with {name} yet."
        years = self.years
        span = f"in {years[0]}" if len(years) == 1 else f"from {years[0]} to {years[-1]}"
        return (
            f"In the knowledge base, {name} comes up in {plural(self.entries, 'entry', 'entries')}"
            f" with {plural(self.points, 'learning point')}, published {span}."
        )


def theme_counts(published: Published, theme: Theme) -> ThemeCounts:
    entries: Counter[int] = Counter()
    points: Counter[int] = Counter()
    for review in published.with_theme(theme.id):
        entries[review.year] += 1
        points[review.year] += len(review.points_on(theme.id))
    return ThemeCounts(theme, dict(sorted(entries.items())), dict(sorted(points.items())))


_QUESTION_PROMPTS = (
    "Where have you seen this in your own work?",
    "What would help you and your team act on this?",
    "What gets in the way of this in practice, and who could you talk to about it?",
    "How would the children and families you work with notice the difference?",
)


def reflection_questions(review: Review, limit: int | None = None) -> list[str]:
    """The entry's own questions for reflection, or questions built from its learning points."""
    section = review.sections.get("Questions for reflection", "")
    questions = [b.text for b in items(section)] or [b.text for b in blocks(section) if b.kind == "text"]
    if not questions:
        for point, prompt in zip(review.learning, _QUESTION_PROMPTS):
            first = trim(sentences(plain(point.point))[0], 200)
            questions.append(f"“{first}” {prompt}")
    return questions[:limit] if limit else questions


def long_date(day: dt.date) -> str:
    """22 November 2025."""
    return f"{day.day} {day:%B %Y}"


def published_date(value: str) -> str:
    """'2016-07' -> 'July 2016', '2016-07-05' -> '5 July 2016', '2016' -> '2016'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return long_date(dt.date(*parts))
    if len(parts) == 2:
        return f"{dt.date(parts[0], parts[1], 1):%B %Y}"
    return str(parts[0])
