"""A workshop handout: every learning point on one theme across the knowledge base.

Grouped by entry, newest first, each with its year, type, board and source, so
participants can see how the same learning recurs across reviews and years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..catalogue import Published
from ..model import LearningPoint, Review, Theme
from . import word
from .common import DEFAULT_KB_NAME, ThemeCounts, long_date, select_theme, theme_counts
from .text import Para, md_escape, md_runs, runs


@dataclass(frozen=True)
class Handout:
    theme: Theme
    counts: ThemeCounts
    groups: tuple[tuple[Review, tuple[LearningPoint, ...]], ...]  # newest entry first
    produced: str

    @property
    def title(self) -> str:
        return f"{self.theme.title}: learning from reviews"


def build_handout(published: Published, theme_name: str, *, kb_name: str, today: dt.date) -> Handout:
    """The handout's content; the theme may be named by id, title or synonym."""
    theme = select_theme(published, theme_name)
    groups = []
    for review in published.with_theme(theme.id):  # already newest first
        points = review.points_on(theme.id)
        if points:
            groups.append((review, points))
    produced = f"Produced {long_date(today)} from the {kb_name} knowledge base. Entries are listed newest first."
    return Handout(theme, theme_counts(published, theme), tuple(groups), produced)


def _meta(review: Review) -> str:
    meta = f"{review.year} · {review.type_label} · {review.board}"
    return f"{meta} · Historic learning" if review.is_archived else meta


def handout_markdown(published: Published, theme_id: str, *, kb_name: str = DEFAULT_KB_NAME, today: dt.date | None = None) -> str:
    """The handout as Markdown."""
    handout = build_handout(published, theme_id, kb_name=kb_name, today=today or dt.date.today())
    lines = [
        f"# {md_escape(handout.title, line_start=False)}",
        "",
        md_runs(Para(runs(handout.theme.definition))),
        "",
        md_escape(handout.counts.sentence()),
        "",
        f"*{md_escape(handout.produced, line_start=False)}*",
        "",
    ]
    for review, points in handout.groups:
        lines += [f"## {md_escape(review.title, line_start=False)}", "", md_escape(_meta(review)), ""]
        lines += [f"- {md_runs(Para(runs(p.point)))}" for p in points]
        lines += ["", f"Source: {md_escape(review.source.attribution(), line_start=False)}", ""]
    return "\n".join(lines)


def handout_docx(published: Published, theme_id: str, *, kb_name: str = DEFAULT_KB_NAME, today: dt.date | None = None) -> bytes:
    """The handout as a Word document: Title, then one Heading 1 per entry."""
    today = today or dt.date.today()
    handout = build_handout(published, theme_id, kb_name=kb_name, today=today)
    document = word.new_document(handout.title, "Workshop handout", f"{kb_name} knowledge base", today, body_size=11)
    word.add_styled(document, handout.title, "Title")
    word.add_block(document, Para(runs(handout.theme.definition)))
    word.add_block(document, Para.of(handout.counts.sentence()))
    word.add_block(document, Para.of(handout.produced), muted=True)
    for review, points in handout.groups:
        word.add_styled(document, review.title, "Heading 1")
        word.add_block(document, Para.of(_meta(review)), muted=True)
        for point in points:
            word.add_block(document, Para(runs(point.point), "bullet"))
        word.add_block(document, Para.lead("Source: ", review.source.attribution()))
    return word.to_bytes(document)
