"""The cross-theme learning index: for every theme, the entries and learning points tagged with it.

A pure function of the published view (embargoed and draft entries are not
in it), written as JSON to `build/learning-index.json` for the website, and
behind `lscb-kb themes` and `lscb-kb learning`.

A learning point belongs to a theme when the point names the theme, or when
it names none and its entry does (`Review.point_themes`). An entry belongs to
a theme when the entry or any of its points names it (`Review.all_themes`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import get_close_matches
from itertools import combinations
from pathlib import Path
from typing import Sequence

from .catalogue import Published
from .errors import UsageProblem
from .files import write_atomic
from .layout import review_url
from .model import Review, Theme, ThemeNames, match_theme, name_key

LEARNING_INDEX = Path("build") / "learning-index.json"


class UnknownTheme(UsageProblem):
    """A theme named by the user that is not in the taxonomy, with the closest names as suggestions."""

    def __init__(self, text: str, suggestions: Sequence[str]):
        self.text, self.suggestions = text, tuple(suggestions)
        hint = f" Did you mean {' or '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"there is no theme '{text}'.{hint} 'lscb-kb themes' lists them all.")


def close_themes(names: dict[str, str], text: str, cutoff: float = 0.6) -> list[str]:
    """Ids of the themes whose names look most like `text` (for 'did you mean')."""
    candidates = names.candidates(text) if isinstance(names, ThemeNames) else ()
    if candidates:  # a name several themes share: all of them
        return list(candidates)
    close = get_close_matches(name_key(text), list(names), n=3, cutoff=cutoff)
    return list(dict.fromkeys(names[c] for c in close))


def find_theme(names: ThemeNames, text: str) -> str:
    """The id of the theme `text` names ('lived experience' -> voice-of-the-child), by the one naming
    rule (`model.match_theme`), or UnknownTheme with the candidates or the closest names."""
    found, candidates = match_theme(names, text)
    if found:
        return found
    raise UnknownTheme(text, candidates or close_themes(names, text))


@dataclass(frozen=True)
class TaggedPoint:
    review_id: str
    index: int  # position in the entry's learning list, from 0
    point: str
    themes: tuple[str, ...]  # the themes it counts under
    inherited: bool  # True when the point names no theme and takes its entry's


@dataclass(frozen=True)
class ThemeLearning:
    theme_id: str
    title: str
    entries: tuple[str, ...]  # entry ids, newest first
    points: tuple[TaggedPoint, ...]  # grouped by entry, newest entry first
    by_year: tuple[tuple[int, int], ...]  # (year, entries), oldest year first
    by_type: tuple[tuple[str, int], ...]  # (review type, entries), most first
    co_occurring: tuple[tuple[str, int], ...]  # (other theme, entries tagged with both), most first

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "entries": list(self.entries),
            "entry_count": len(self.entries),
            "point_count": len(self.points),
            "points": [
                {"review": p.review_id, "index": p.index, "point": p.point, "themes": list(p.themes), "inherited": p.inherited}
                for p in self.points
            ],
            "by_year": {str(year): count for year, count in self.by_year},
            "by_type": dict(self.by_type),
            "co_occurring": [{"theme": theme, "entries": count} for theme, count in self.co_occurring],
        }


@dataclass(frozen=True)
class LearningIndex:
    themes: tuple[ThemeLearning, ...]  # in theme id order, every theme even when nothing is tagged

    def theme(self, theme_id: str) -> ThemeLearning | None:
        return next((t for t in self.themes if t.theme_id == theme_id), None)

    def to_dict(self) -> dict:
        return {"themes": {t.theme_id: t.to_dict() for t in self.themes}}


def _by_count(counter: Counter) -> tuple:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def learning_index(published: Published) -> LearningIndex:
    """Every theme's entries, learning points, counts by year and type, and co-occurring themes."""
    entries: dict[str, list[str]] = {t: [] for t in published.themes}
    points: dict[str, list[TaggedPoint]] = {t: [] for t in published.themes}
    years: dict[str, Counter] = {t: Counter() for t in published.themes}
    types: dict[str, Counter] = {t: Counter() for t in published.themes}
    together: dict[str, Counter] = {t: Counter() for t in published.themes}
    for review in published.reviews:  # newest first
        tagged = [t for t in review.all_themes() if t in entries]
        for theme_id in tagged:
            entries[theme_id].append(review.id)
            years[theme_id][review.year] += 1
            types[theme_id][review.type] += 1
        for first, second in combinations(tagged, 2):
            together[first][second] += 1
            together[second][first] += 1
        for index, point in enumerate(review.learning):
            counted = review.point_themes(point)
            for theme_id in counted:
                if theme_id in points:
                    points[theme_id].append(TaggedPoint(review.id, index, point.point, counted, not point.themes))
    return LearningIndex(
        tuple(
            ThemeLearning(
                theme_id=theme.id,
                title=theme.title,
                entries=tuple(entries[theme.id]),
                points=tuple(points[theme.id]),
                by_year=tuple(sorted(years[theme.id].items())),
                by_type=_by_count(types[theme.id]),
                co_occurring=_by_count(together[theme.id]),
            )
            for theme in sorted(published.themes.values(), key=lambda t: t.id)
        )
    )


def write_learning_index(published: Published, path: Path) -> None:
    """Write the learning index as JSON: to a temporary file first, then moved into place."""
    write_atomic(Path(path), json.dumps(learning_index(published).to_dict(), ensure_ascii=False, indent=1).encode("utf-8"))


# --- views for `lscb-kb themes` and `lscb-kb learning` -------------------------------------

THEME_SORTS = {
    "id": lambda t: t.theme_id,
    "title": lambda t: t.title.casefold(),
    "entries": lambda t: (-len(t.entries), t.theme_id),
    "points": lambda t: (-len(t.points), t.theme_id),
}


def theme_rows(index: LearningIndex, sort: str = "id") -> list[dict]:
    """The taxonomy with counts: one row per theme, most first when sorted by a count."""
    return [
        {"id": t.theme_id, "title": t.title, "entries": len(t.entries), "points": len(t.points)}
        for t in sorted(index.themes, key=THEME_SORTS[sort])
    ]


@dataclass(frozen=True)
class EntryPoints:
    """One entry's learning points on a theme, for `lscb-kb learning`."""

    review: Review
    points: tuple[TaggedPoint, ...]

    def to_dict(self) -> dict:
        r = self.review
        return {
            "id": r.id,
            "title": r.title,
            "type": r.type,
            "published": r.published,
            "board": r.board,
            "archived": r.is_archived,
            "url": review_url(r.id),
            "points": [p.point for p in self.points],
        }


def points_on_theme(
    published: Published, index: LearningIndex, theme_id: str, since: int | None = None, types: Sequence[str] = ()
) -> list[EntryPoints]:
    """Every learning point on a theme, grouped by entry, newest entry first, within the filters."""
    grouped: dict[str, list[TaggedPoint]] = {}
    for point in index.theme(theme_id).points:
        grouped.setdefault(point.review_id, []).append(point)
    found = []
    for review_id, points in grouped.items():
        review = published.review(review_id)
        if (since is None or review.year >= since) and (not types or review.type in types):
            found.append(EntryPoints(review, tuple(points)))
    return found


def _heading(entry: EntryPoints) -> str:
    r = entry.review
    historic = " [historic learning]" if r.is_archived else ""
    return f"{r.title} ({r.type_label}, {r.year}, {r.board}){historic}"


def as_text(theme: Theme, entries: list[EntryPoints]) -> str:
    count = sum(len(e.points) for e in entries)
    lines = [f"{theme.title} ({theme.id}): {count} learning point(s) from {len(entries)} entr{'y' if len(entries) == 1 else 'ies'}"]
    for entry in entries:
        lines += ["", _heading(entry), f"  reviews/{entry.review.id}.md"]
        lines += [textwrap.fill(p.point, width=96, initial_indent="  - ", subsequent_indent="    ") for p in entry.points]
    return "\n".join(lines)


def as_markdown(theme: Theme, entries: list[EntryPoints]) -> str:
    lines = [f"# {theme.title}", "", f"Learning on this theme from {len(entries)} review(s), newest first."]
    for entry in entries:
        r = entry.review
        lines += ["", f"## {r.title}", "", f"*{r.type_label}, {r.published}, {r.board}*"]
        if r.is_archived:
            lines += ["", "> Historic learning: the procedures this describes may have changed."]
        lines += [""] + [f"- {' '.join(p.point.split())}" for p in entry.points]
    return "\n".join(lines) + "\n"


def as_csv(theme: Theme, entries: list[EntryPoints]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["theme", "review", "title", "type", "year", "published", "board", "archived", "point"])
    for entry in entries:
        r = entry.review
        for p in entry.points:
            writer.writerow([theme.id, r.id, r.title, r.type, r.year, r.published, r.board, "yes" if r.is_archived else "no", " ".join(p.point.split())])
    return out.getvalue()


def as_json(theme: Theme, entries: list[EntryPoints]) -> str:
    data = {"theme": theme.id, "title": theme.title, "entries": [e.to_dict() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2)


# --- related entries -----------------------------------------------------------------------------

RELATED_CANDIDATES = 50  # entries sharing the most themes, re-ranked by how rare the shared themes are


def related_by_themes(published: Published, limit: int = 5) -> dict[str, list[str]]:
    """For each entry, the entries sharing its rarest themes: shared themes weighted by inverse frequency, newest first on ties.

    Fast enough for every page of a large site: candidates come from counting
    shared themes (a C-level count per theme list), then only the best few are
    weighted and ranked.
    """
    if limit <= 0:
        return {}
    reviews = published.reviews  # newest first: a lower position is newer
    themes_of = [set(r.all_themes()) for r in reviews]
    members: dict[str, list[int]] = defaultdict(list)
    for position, themes in enumerate(themes_of):
        for theme_id in themes:
            members[theme_id].append(position)
    weight = {t: math.log(len(reviews) / len(m)) + 1 for t, m in members.items()}
    related = {}
    for position, review in enumerate(reviews):
        shared: Counter = Counter()
        for theme_id in themes_of[position]:
            shared.update(members[theme_id])
        del shared[position]
        candidates = [other for other, _ in shared.most_common(RELATED_CANDIDATES)]
        score = {o: sum(weight[t] for t in themes_of[position] & themes_of[o]) for o in candidates}
        best = sorted(candidates, key=lambda o: (-score[o], o))[:limit]
        related[review.id] = [reviews[o].id for o in best]
    return related
