"""A workshop handout on one or more themes: what each means, good practice, questions, and the learning.

For each theme: its definition, what good practice looks like, the questions
to ask, then every learning point on it grouped by entry, newest first, so
participants can see how the same learning recurs across reviews and years.
Each source is named once, at the end, not under every entry; a page for
notes closes it. A4, black on white, for printing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docx.shared import Cm, Pt

from ..catalogue import Published
from ..model import LearningPoint, Review, Theme
from ..text import split_sections
from . import word
from .common import (
    ExportError,
    ThemeCounts,
    historic,
    long_date,
    select_themes,
    theme_counts,
    themes_in_words,
)
from .settings import Settings
from .text import Para, items, md_escape, md_runs, runs

NOTE_LINES = 26  # ruled lines on the notes page (fills an A4 page)


@dataclass(frozen=True)
class ThemePart:
    theme: Theme
    counts: ThemeCounts
    practice: tuple[Para, ...]
    questions: tuple[Para, ...]
    groups: tuple[tuple[Review, tuple[LearningPoint, ...]], ...]  # newest entry first


@dataclass(frozen=True)
class Handout:
    parts: tuple[ThemePart, ...]
    sources: tuple[tuple[str, tuple[str, ...]], ...]  # attribution (with copying terms) -> entry titles
    marks: dict[str, str]  # entry id -> its historic learning mark
    links: dict[str, str]  # entry id -> its web address
    produced: str

    @property
    def title(self) -> str:
        return f"{themes_in_words([p.theme for p in self.parts], capital=True)}: learning from reviews"


def build_handout(published: Published, theme_names, *, settings: Settings | None = None, today: dt.date | None = None) -> Handout:
    """The handout's content; each theme may be named by id, title or synonym."""
    settings = settings or Settings()
    today = today or dt.date.today()
    names = [theme_names] if isinstance(theme_names, str) else list(theme_names)
    parts = []
    sources: dict[str, list[str]] = {}
    marks: dict[str, str] = {}
    links: dict[str, str] = {}
    for theme in select_themes(published, names):
        guidance = split_sections(theme.guidance)
        groups = []
        for review in published.with_theme(theme.id):  # already newest first
            points = review.points_on(theme.id)
            if not points:
                continue
            groups.append((review, points))
            source = review.source.attribution()
            if review.source.licence:
                source += f". Copying terms: {review.source.licence}"
            titles = sources.setdefault(source, [])
            if review.title not in titles:
                titles.append(review.title)
            history = historic(review, today, settings.historic_after_years)
            if history:
                marks[review.id] = history.label(review)
            if settings.entry_url(review.id):
                links[review.id] = settings.entry_url(review.id)
        parts.append(
            ThemePart(
                theme,
                theme_counts(published, theme),
                tuple(items(guidance.get("What good practice looks like", ""))),
                tuple(items(guidance.get("Questions to ask", ""))),
                tuple(groups),
            )
        )
    made_by = settings.partnership or f"the {settings.kb_name} knowledge base"
    produced = f"Produced {long_date(today)} from {made_by}. Entries are listed newest first."
    return Handout(tuple(parts), tuple((s, tuple(t)) for s, t in sources.items()), marks, links, produced)


def _meta(review: Review, handout: Handout) -> str:
    meta = f"{review.year} · {review.type_label} · {review.board}"
    if review.id in handout.marks:
        meta += f" · {handout.marks[review.id]}"
    if review.id in handout.links:
        meta += f" · {handout.links[review.id]}"
    return meta


def handout_markdown(published: Published, themes, *, settings: Settings | None = None, today: dt.date | None = None) -> str:
    """The handout as Markdown."""
    handout = build_handout(published, themes, settings=settings, today=today)
    lines = [f"# {md_escape(handout.title, line_start=False)}", "", f"*{md_escape(handout.produced, line_start=False)}*", ""]
    for part in handout.parts:
        lines += [f"## {md_escape(part.theme.title, line_start=False)}", "", md_runs(Para(runs(part.theme.definition))), ""]
        lines += [md_escape(part.counts.sentence()), ""]
        for heading, paras in (("What good practice looks like", part.practice), ("Questions to ask", part.questions)):
            if paras:
                lines += [f"### {heading}", "", *(f"- {md_runs(p)}" for p in paras), ""]
        lines += ["### Learning from reviews", ""]
        for review, points in part.groups:
            lines += [f"#### {md_escape(review.title, line_start=False)}", "", md_escape(_meta(review, handout)), ""]
            lines += [f"- {md_runs(Para(runs(p.point)))}" for p in points]
            lines.append("")
    lines += ["## Sources", ""]
    lines += [f"- {md_escape(source, line_start=False)} – {md_escape('; '.join(titles), line_start=False)}" for source, titles in handout.sources]
    lines += ["", "## Notes", "", *(["&nbsp;", ""] * 3)]
    return "\n".join(lines)


def handout_docx(
    published: Published, themes, *, settings: Settings | None = None, template: bytes | None = None, today: dt.date | None = None
) -> bytes:
    """The handout as an A4 Word document: Title, a Heading 1 per theme, Heading 2 per part, a notes page."""
    settings = settings or Settings()
    today = today or dt.date.today()
    handout = build_handout(published, themes, settings=settings, today=today)
    try:
        document = word.new_document(handout.title, "Workshop handout", f"{settings.kb_name} knowledge base", today, 11, template)
    except word.TemplateError as error:
        raise ExportError(str(error)) from None
    if settings.logo:
        document.add_picture(str(settings.logo), height=Cm(1.4))
    word.add_styled(document, handout.title, "Title")
    word.add_block(document, Para.of(handout.produced), muted=True)
    for part in handout.parts:
        word.add_styled(document, part.theme.title, "Heading 1")
        word.add_block(document, Para(runs(part.theme.definition)))
        word.add_block(document, Para.of(part.counts.sentence()), muted=True)
        for heading, paras in (("What good practice looks like", part.practice), ("Questions to ask", part.questions)):
            if paras:
                word.add_styled(document, heading, "Heading 2")
                for para in paras:
                    word.add_block(document, para)
        word.add_styled(document, "Learning from reviews", "Heading 2")
        for review, points in part.groups:
            word.add_block(document, Para.of(review.title, "subhead")).paragraph_format.space_before = Pt(6)
            word.add_block(document, Para.of(_meta(review, handout)), muted=True, size=9.5)
            for point in points:
                word.add_block(document, Para(runs(point.point), "bullet"))
    word.add_styled(document, "Sources", "Heading 1")
    for source, titles in handout.sources:
        word.add_block(document, Para((((source + " – "), False), ("; ".join(titles), False)), "bullet"), size=9.5)
    notes = word.add_styled(document, "Notes", "Heading 1")
    notes.paragraph_format.page_break_before = True
    for _ in range(NOTE_LINES):
        word.ruled_line(document).paragraph_format.space_before = Pt(14)
    if settings.footer:
        word.add_block(document, Para.of(settings.footer), muted=True, size=9)
    return word.to_bytes(document)
