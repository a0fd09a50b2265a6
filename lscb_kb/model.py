"""Plain data of the knowledge base: what loading and validation produce."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .rules import RULES
from .vocab import (
    ACTION_STATUSES,
    AGE_BANDS,
    LINK_KINDS,
    PUBLIC_STATUSES,
    REVIEW_TYPES,
    SCOPES,
)


@dataclass(frozen=True)
class Problem:
    """One finding of the validator, reported as `path:line: severity: message [rule]`."""

    path: str
    line: int
    severity: str  # "error" or "warning"
    message: str
    rule: str

    def __post_init__(self) -> None:
        """Every problem comes from the rule table, with a severity the rule allows."""
        if self.rule not in RULES or self.severity not in RULES[self.rule].severities:
            raise ValueError(f"rule '{self.rule}' ({self.severity}) is not in the table of lscb_kb/rules.py")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class LearningPoint:
    point: str
    themes: tuple[str, ...] = ()


def date_end(value: str) -> dt.date:
    """The last day a partial date ('2019', '2019-03', '2019-03-05') covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(*parts)


def date_start(value: str) -> dt.date:
    """The first day a partial date covers."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(*parts[:3])


@dataclass(frozen=True)
class Action:
    action: str
    status: str
    owner: str | None = None  # the agency or team responsible
    due: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    updated: str | None = None  # date of the last progress report
    evidence: str | None = None  # what shows the change happened and made a difference

    @property
    def status_label(self) -> str:
        return ACTION_STATUSES[self.status]

    def overdue(self, today: dt.date | None = None) -> bool:
        """Not done and its due date (the whole month or year, if that is all it gives) has passed: computed, never written."""
        if self.status == "done" or not self.due:
            return False
        return date_end(self.due) < (today or dt.date.today())


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    url: str | None = None
    licence: str | None = None
    expires: str | None = None  # after this date the source asks that its material is not used

    def has_expired(self, today: dt.date | None = None) -> bool:
        return bool(self.expires) and date_end(self.expires) < (today or dt.date.today())

    def attribution(self) -> str:
        text = f"{self.publisher}, {self.title}"
        return f"{text} ({self.url})" if self.url else text


@dataclass(frozen=True)
class Link:
    """A 'Read the original' link: the full report, its summary, a briefing..."""

    kind: str
    url: str
    title: str | None = None

    @property
    def kind_label(self) -> str:
        return LINK_KINDS[self.kind]

    @property
    def label(self) -> str:
        return self.title or self.kind_label


@dataclass(frozen=True)
class Review:
    id: str
    path: str
    title: str
    type: str
    status: str
    published: str  # YYYY, YYYY-MM or YYYY-MM-DD
    board: str
    themes: tuple[str, ...]
    summary: str
    learning: tuple[LearningPoint, ...]
    source: Source
    body: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    area: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    reference: str | None = None  # the review's official reference, e.g. 'LSCR 1402'
    scope: str = "local"  # local, regional or national
    dates: Mapping[str, str] = field(default_factory=dict)  # incident/notified/rapid_review/commissioned/completed -> date
    author: str | None = None  # the independent reviewer or team
    named_with_consent: bool = False  # the review names people with their family's agreement
    links: tuple[Link, ...] = ()
    related: tuple[str, ...] = ()  # ids of entries this one belongs with

    @property
    def scope_label(self) -> str:
        return SCOPES[self.scope]

    @property
    def year(self) -> int:
        return int(self.published[:4])

    @property
    def type_label(self) -> str:
        return REVIEW_TYPES[self.type]

    @property
    def age_labels(self) -> tuple[str, ...]:
        return tuple(AGE_BANDS[a] for a in self.ages)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_archived(self) -> bool:
        return self.status == "archived"

    def point_themes(self, point: LearningPoint) -> tuple[str, ...]:
        """A point's own themes, or the entry's themes when the point names none."""
        return point.themes or self.themes

    def points_on(self, theme_id: str) -> tuple[LearningPoint, ...]:
        """The learning points that count under a theme (by their own themes or the entry's)."""
        return tuple(p for p in self.learning if theme_id in self.point_themes(p))

    def all_themes(self) -> tuple[str, ...]:
        """Entry themes first, then any extra themes its learning points add."""
        seen = dict.fromkeys(self.themes)
        for point in self.learning:
            seen.update(dict.fromkeys(point.themes))
        return tuple(seen)


def name_key(name: str) -> str:
    """How theme names are compared: ignoring case, punctuation and a leading 'the' ('The voice-of-the-child' = 'voice of the child')."""
    words = re.findall(r"[^\W_]+", name.casefold())
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class ThemeNames(dict):
    """Every way of naming a theme -> its id: id, id with spaces, title, synonyms (DESIGN "Naming a theme anywhere").

    Looked up by `name_key`, so any spelling of a name finds it. A name shared by
    several themes is left out and kept in `ambiguous` with its candidates; an id
    or a title wins over another theme's synonym.
    """

    def __init__(self, themes: Iterable[tuple[str, str, Sequence[str]]]):
        super().__init__()
        best: dict[str, tuple[int, list[str]]] = {}  # key -> (rank: 0 id, 1 title, 2 synonym; the ids)
        for theme_id, title, synonyms in themes:
            for rank, names in enumerate(((theme_id,), (title,), synonyms)):
                for name in names:
                    key = name_key(name)
                    if not key:
                        continue
                    held = best.get(key)
                    if held is None or rank < held[0]:
                        best[key] = (rank, [theme_id])
                    elif rank == held[0] and theme_id not in held[1]:
                        held[1].append(theme_id)
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        for key, (_rank, ids) in best.items():
            if len(ids) == 1:
                super().__setitem__(key, ids[0])
            else:
                self.ambiguous[key] = tuple(ids)

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(name_key(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(name_key(name))

    def get(self, name: str, default=None):  # type: ignore[override]
        return super().get(name_key(name), default)

    def candidates(self, name: str) -> tuple[str, ...]:
        """The themes an ambiguous name could mean (empty when it names one theme or none)."""
        return self.ambiguous.get(name_key(name), ())


def theme_names(themes: Iterable[tuple[str, str, Sequence[str]]]) -> ThemeNames:
    """Every way of naming a theme -> its id; the one rule for every command, option and prompt."""
    return ThemeNames(themes)


def match_theme(names: ThemeNames, name: str) -> tuple[str | None, tuple[str, ...]]:
    """The theme a name means, by the one naming rule (DESIGN, 'Naming a theme anywhere').

    Any name of a theme (id, title, synonym) compared by `name_key`; then the
    theme whose names hold every word given ("child exploitation"). Returns
    (theme id, ()) or, when the name fits several themes, (None, their ids).
    """
    key = name_key(name)
    if not key:
        return None, ()
    if key in names:
        return names[key], ()
    if names.candidates(key):
        return None, names.candidates(key)
    wanted = set(key.split())
    holding = {theme_id for known, theme_id in dict.items(names) if wanted <= set(known.split())}
    holding |= {i for known, ids in names.ambiguous.items() if wanted <= set(known.split()) for i in ids}
    if len(holding) == 1:
        return holding.pop(), ()
    return None, tuple(sorted(holding))


@dataclass(frozen=True)
class Theme:
    id: str
    path: str
    title: str
    synonyms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    body: str = ""

    @property
    def definition(self) -> str:
        """The first paragraph of the body: the short definition shown in lists."""
        return self.body.strip().split("\n\n", 1)[0].strip()

    @property
    def guidance(self) -> str:
        """Everything after the definition: good practice, questions, tools."""
        parts = self.body.strip().split("\n\n", 1)
        return parts[1].strip() if len(parts) > 1 else ""
