"""What every export shares: choosing entries and themes, counting, dates, atomic writing."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..catalogue import Published
from ..errors import UsageProblem
from ..model import Review, Source, Theme, match_theme, name_key, theme_names
from ..text import format_date, plural
from .text import blocks, items, join_words, lower_first, plain, sentences

DEFAULT_KB_NAME = "safeguarding case reviews"
_EXPIRY_IN_LICENCE = re.compile(r"\bnot (?:to be )?used after (\d{4}(?:-\d{2}(?:-\d{2})?)?)\b", re.IGNORECASE)


class ExportError(UsageProblem):
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


def resolve_review(published: Published, name: str) -> Review:
    """An entry by id, or by a fragment of its title that matches exactly one published entry ('Sonia')."""
    name = name.strip()
    review = published.review(name)
    if review is not None:
        return review
    wanted = name_key(name)
    found = [r for r in published.reviews if wanted and f" {wanted} " in f" {name_key(r.title)} "] if len(wanted) >= 3 else []
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{r.id} ({r.title})" for r in found[:8])
        raise SelectionError(f"'{name}' matches {len(found)} published entries: {listed}. Name one by its id.", name, "review")
    raise SelectionError(
        f"'{name}' is not a published entry: no entry has that id or a title containing it, or it is embargoed"
        f" or a draft (never exported).{_suggestion(name, (r.id for r in published.reviews))}",
        name,
        "review",
    )


def select_reviews(published: Published, ids: Iterable[str]) -> tuple[Review, ...]:
    """The named published entries (ids or title fragments) in the order given, each once; anything else is refused."""
    chosen: dict[str, Review] = {}
    for ident in ids:
        review = resolve_review(published, ident)
        chosen.setdefault(review.id, review)
    return tuple(chosen.values())


def select_theme(published: Published, name: str) -> Theme:
    """A theme by the one naming rule: id, title or synonym, 'voice of the child', 'child exploitation'."""
    found, candidates = match_theme(theme_names((t.id, t.title, t.synonyms) for t in published.themes.values()), name)
    if found:
        return published.themes[found]
    if candidates:
        listed = "; ".join(f"{c} ({published.themes[c].title})" for c in candidates)
        raise SelectionError(f"'{name}' could mean {len(candidates)} themes: {listed}. Name one of them (repeat the option for several).", name, "theme")
    names = [*published.themes, *(t.title for t in published.themes.values())]
    raise SelectionError(
        f"'{name}' is not a theme id, title or synonym.{_suggestion(name, names)}"
        " 'lscb-kb themes' lists them.",
        name,
        "theme",
    )


def short_name(theme: Theme) -> str:
    """A theme as said in a sentence: its id in words ('the voice of the child'), else its title."""
    words = theme.id.replace("-", " ")
    if len(words.split()) > 4:
        return lower_first(theme.title)
    return f"the {words}" if " of " in words and not words.startswith("the ") else words


def themes_in_words(themes: Iterable[Theme], capital: bool = False) -> str:
    """'neglect and the voice of the child' (or with a capital, as a title)."""
    text = join_words([short_name(t) for t in themes])
    return text[:1].upper() + text[1:] if capital else text


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
            first = sentences(plain(point.point))[0]  # whole: a question never quotes half a sentence
            questions.append(f"“{first}” {prompt}")
    return questions[:limit] if limit else questions


def long_date(day: dt.date) -> str:
    """22 November 2025."""
    return f"{day.day} {day:%B %Y}"


# Historic learning ------------------------------------------------------------------------------


def source_expiry(source: Source) -> str | None:
    """The date after which the source asks that its material is not used.

    `source.expires` (DESIGN, Format 2) when the entry gives it; otherwise the
    same promise written into the licence ("not to be used after 2019"), so
    sources that state it only in their copying terms are honoured too.
    """
    expires = getattr(source, "expires", None)
    if expires:
        return str(expires)
    match = _EXPIRY_IN_LICENCE.search(source.licence or "")
    return match.group(1) if match else None


def _last_day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def is_expired(review: Review, today: dt.date) -> bool:
    """True once the source's own use-by date has passed."""
    expiry = source_expiry(review.source)
    return bool(expiry) and _last_day(expiry) < today


@dataclass(frozen=True)
class Historic:
    """Why an entry's material is historic learning: archived, its source expired, or older than the setting."""

    archived: bool
    expired_after: str | None
    older_than: int | None  # the setting's number of years, when the entry is older

    def __bool__(self) -> bool:
        return self.archived or bool(self.expired_after) or self.older_than is not None

    def reasons(self, review: Review) -> list[str]:
        reasons = []
        if self.archived:
            reasons.append("the entry is archived")
        if self.expired_after:
            reasons.append(f"its source asked that the material is not used after {format_date(self.expired_after)}")
        if self.older_than is not None:
            reasons.append(f"it was published in {review.year}, more than {plural(self.older_than, 'year')} ago")
        return reasons

    def notice(self, review: Review, procedures: str = "current local procedures") -> str:
        """The sentence printed on a briefing or slide: 'Historic learning: ...'."""
        return (
            f"Historic learning: {join_words(self.reasons(review))}. The procedures, forms and contacts it mentions"
            f" may no longer apply: check {procedures}."
        )

    def label(self, review: Review) -> str:
        """A short mark for slide footers and handout lines, e.g. 'Historic learning (2018; source expired 2019)'."""
        parts = [str(review.year)]
        if self.archived:
            parts.append("archived")
        if self.expired_after:
            parts.append(f"source expired {format_date(self.expired_after)}")
        return f"Historic learning ({'; '.join(parts)})"


def historic(review: Review, today: dt.date, after_years: int) -> Historic:
    """How historic an entry is today; `after_years` 0 never marks an entry by age alone."""
    expired = source_expiry(review.source) if is_expired(review, today) else None
    older = after_years if after_years and today.year - review.year > after_years else None
    return Historic(review.is_archived, expired, older)


# Entry text written for the website, made fit to print or say -------------------------------------

_PAGE_REFERENCE = re.compile(
    r"\b(?:(?:listed|given|shown|set out|described|told|see)\s+(?:above|below)|the case study below|the figures above)\b", re.IGNORECASE
)
_THE_DECK = re.compile(r"\b([Tt])he deck\b")


def for_print(text: str) -> str:
    """Entry text for a slide, a briefing or notes: no "above"/"below" page references, and the
    source document called "the source" (the shipped entries call a slide deck source "the deck")."""
    kept = [s for s in sentences(text) if not _PAGE_REFERENCE.search(s)]
    return _THE_DECK.sub(lambda m: f"{m.group(1)}he source", " ".join(kept))
