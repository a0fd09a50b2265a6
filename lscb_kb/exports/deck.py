"""A workshop slide deck (.pptx) from a selection of themes and entries.

The shape follows the decks trainers make by hand: title, aims and learning
outcomes, what each theme means and how often it recurs, then for each review
its overview, key figures, learning points, case study and questions, and a
resources slide. Accessibility is built in: every slide has a real title
placeholder (first in reading order), text is 18 pt or larger and never
overflows (long lists go over several slides), charts carry alternative text,
and the source of every entry is in the speaker notes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Iterable, Sequence

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from ..catalogue import Published
from ..model import Review, Theme
from ..validate import split_sections
from . import fit
from .common import (
    DEFAULT_KB_NAME,
    HISTORIC_NOTICE,
    ExportError,
    ThemeCounts,
    long_date,
    published_date,
    reflection_questions,
    select_reviews,
    select_themes,
    theme_counts,
)
from .text import Para, blocks, items, join_words, lower_first, plural, runs

SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5
FONT = "Arial"
NAVY = RGBColor(0x1B, 0x36, 0x5D)
TEAL = RGBColor(0x1F, 0x8A, 0x80)
INK = RGBColor(0x22, 0x22, 0x22)
PALE = RGBColor(0xD9, 0xE8, 0xF5)
GRID = RGBColor(0xD0, 0xD0, 0xD0)

BAND_HEIGHT = 1.3  # the navy title band drawn on the slide master
TITLE_BOX = fit.Box(0.6, 0.12, 12.13, 1.06)
BODY_BOX = fit.Box(0.6, 1.65, 12.13, 5.45)
LEFT_BOX = fit.Box(0.6, 1.65, 5.9, 5.45)
CHART_BOX = fit.Box(6.8, 1.65, 5.93, 5.45)
COVER_TITLE_BOX = fit.Box(0.9, 1.7, 11.5, 2.7)
COVER_SUBTITLE_BOX = fit.Box(0.9, 4.7, 11.5, 1.6)

BODY_SIZE = 22
TITLE_SIZES = (32, 28)  # one line at 32 pt, else up to two lines at 28 pt
COVER_SIZES = (40, 36, 32, 28)
COVER_SUBTITLE_SIZE = 24
CHART_SIZE = 18
THEME_LEARNING_MAX = 6  # learning points quoted on a theme's "learning from reviews" slide

LAYOUT_COVER, LAYOUT_CONTENT = 0, 1


def build_deck(
    published: Published,
    theme_ids: Sequence[str],
    review_ids: Sequence[str],
    title: str | None = None,
    *,
    kb_name: str = DEFAULT_KB_NAME,
    site_url: str | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The .pptx bytes of a workshop deck on the chosen themes (ids, titles or synonyms) and entries.

    Raises SelectionError naming any theme or entry that is not published, and
    ExportError when nothing is chosen or the title cannot fit its slide.
    """
    themes = select_themes(published, theme_ids)
    reviews = select_reviews(published, review_ids)
    if not themes and not reviews:
        raise ExportError("a deck needs at least one theme or one review: name them with --theme or --review.")
    today = today or dt.date.today()
    title = " ".join((title or _default_title(themes, reviews)).split())
    if not title:
        raise ExportError("the deck's title is empty: give a title with some words in it, or leave it out.")

    _cover_size(title)  # refuse a title that cannot fit before doing any work
    deck = _Deck(title, kb_name, today)
    deck.cover(title, [long_date(today), f"Built from the {kb_name} knowledge base"])
    aims, outcomes = _aims(themes, reviews, kb_name)
    if fit.fits([Para.of("Aims", "subhead"), *aims, *outcomes], BODY_SIZE, BODY_BOX):
        deck.text_slides("Aims and learning outcomes", [Para.of("Aims", "subhead"), *aims, *outcomes])
    else:
        deck.text_slides("Aims", aims)
        deck.text_slides("Learning outcomes", outcomes)
    selected = {r.id for r in reviews}
    quoted: dict[str, Review] = {}
    for theme in themes:
        for review in _theme_slides(deck, published, theme, selected):
            quoted.setdefault(review.id, review)
    for review in reviews:
        _review_slides(deck, review)
    sources = [*reviews, *(r for r in quoted.values() if r.id not in selected)]
    deck.text_slides(
        "Resources and sources",
        _resources(themes, sources, kb_name, site_url),
        notes="\n".join(f"{r.title}: {r.source.licence}" for r in sources if r.source.licence),
    )
    return deck.save()


def _cover_size(title: str) -> int:
    """The largest font size at which the deck's title fits the title slide."""
    for size in COVER_SIZES:
        if fit.line_count(title, size, COVER_TITLE_BOX.text_width, bold=True) * size * fit.LINE_HEIGHT <= COVER_TITLE_BOX.text_height:
            return size
    raise ExportError(f"the title '{title[:60]}…' is too long for the title slide: use at most about 120 characters.")


def _default_title(themes: Sequence[Theme], reviews: Sequence[Review]) -> str:
    if themes:
        return f"Learning from case reviews: {join_words([t.title for t in themes])}"
    if len(reviews) == 1:
        return f"Learning from {reviews[0].title}"
    return "Learning from case reviews"


def _aims(themes: Sequence[Theme], reviews: Sequence[Review], kb_name: str) -> tuple[list[Para], list[Para]]:
    """The workshop's aims, and its learning outcomes (which start with their own sub-heading)."""
    paras = []
    if reviews:
        years = sorted({r.year for r in reviews})
        span = str(years[0]) if len(years) == 1 else f"{years[0]} to {years[-1]}"
        if len(reviews) <= 3:
            what = join_words([f"{r.title} ({r.type_label}, {r.year})" for r in reviews])
        else:
            what = f"{plural(len(reviews), 'review')} and audits from {span}"
        paras.append(Para.of(f"To look at the learning from {what}.", "bullet"))
    if themes:
        paras.append(
            Para.of(
                f"To explore {join_words([lower_first(t.title) for t in themes])}: what "
                f"{'it means' if len(themes) == 1 else 'they mean'} and how often "
                f"{'it recurs' if len(themes) == 1 else 'they recur'} in reviews.",
                "bullet",
            )
        )
    paras.append(Para.of("To put the learning back into front-line practice, for the safety of the children, adults and families we work with.", "bullet"))
    outcomes = [Para.of("Learning outcomes: by the end of the session you will be able to", "subhead")]
    outcomes.extend(Para.of(f"describe {lower_first(t.title)} and why it keeps recurring in case reviews", "bullet") for t in themes)
    if len(reviews) <= 3:
        outcomes.extend(Para.of(f"summarise the key learning from {r.title}", "bullet") for r in reviews)
    else:
        outcomes.append(Para.of("summarise the key learning from each review and audit presented", "bullet"))
    outcomes.append(Para.of("reflect on what the learning means for your own practice and your team", "bullet"))
    outcomes.append(Para.of(f"find the full reviews and further resources in the {kb_name} knowledge base", "bullet"))
    return paras, outcomes


def _theme_slides(deck: _Deck, published: Published, theme: Theme, selected: set[str]) -> list[Review]:
    """Definition and counts (with a chart), good practice, learning from other reviews; returns the reviews quoted."""
    counts = theme_counts(published, theme)
    guidance = split_sections(theme.guidance)
    notes = "\n\n".join(f"{name}:\n{_plain_section(text)}" for name, text in guidance.items() if name != "What good practice looks like")
    definition = [Para(runs(theme.definition)), Para.of(counts.sentence())]
    heading = f"{theme.title}: what it is and how often it recurs"
    if counts.entries and fit.fits(definition, BODY_SIZE, LEFT_BOX):
        slide = deck.text_slide(deck.title_for(heading), definition, LEFT_BOX, notes)
        deck.chart(slide, counts)
    elif counts.entries:
        deck.text_slides(f"{theme.title}: what it is", [definition[0]], notes=notes)
        slide = deck.text_slide(deck.title_for(f"{theme.title}: how often it recurs"), [definition[1]], LEFT_BOX, notes)
        deck.chart(slide, counts)
    else:
        deck.text_slides(heading, definition, notes=notes)

    practice = items(guidance.get("What good practice looks like", ""))
    if practice:
        deck.text_slides(f"{theme.title}: what good practice looks like", practice)

    quoted = _theme_learning(published, theme, selected, counts)
    if quoted:
        paras, reviews = quoted
        notes = "\n".join(f"{r.title} ({r.year}): {r.source.attribution()}" for r in reviews)
        deck.text_slide(deck.title_for(f"{theme.title}: learning from reviews"), paras, BODY_BOX, notes)
        return reviews
    return []


def _theme_learning(
    published: Published, theme: Theme, selected: set[str], counts: ThemeCounts
) -> tuple[list[Para], list[Review]] | None:
    """Up to a slide of learning points on the theme from entries not otherwise in the deck, newest first."""
    queues = [(r, list(r.points_on(theme.id))) for r in published.with_theme(theme.id) if r.id not in selected]
    queues = [(r, points) for r, points in queues if points]
    if not queues:
        return None
    paras: list[Para] = []
    reviews: list[Review] = []
    while len(paras) < THEME_LEARNING_MAX and any(points for _, points in queues):
        for review, points in queues:  # one point per entry per round, so no single entry dominates
            if not points or len(paras) >= THEME_LEARNING_MAX:
                continue
            para = Para((*runs(points.pop(0).point), (f" ({review.title}, {review.year})", False)), "bullet")
            if not fit.fits([*paras, para, _more(counts, len(paras) + 1)], BODY_SIZE, BODY_BOX):
                return _finish_learning(paras, reviews, counts)
            paras.append(para)
            if review not in reviews:
                reviews.append(review)
    return _finish_learning(paras, reviews, counts)


def _more(counts: ThemeCounts, shown: int) -> Para:
    return Para.of(f"The handout on {lower_first(counts.theme.title)} lists all {plural(counts.points, 'learning point')} ({shown} shown here).")


def _finish_learning(paras: list[Para], reviews: list[Review], counts: ThemeCounts) -> tuple[list[Para], list[Review]] | None:
    if not paras:
        return None
    if counts.points > len(paras):
        paras = [*paras, _more(counts, len(paras))]
    return paras, reviews


def _review_slides(deck: _Deck, review: Review) -> None:
    source = f"Source: {review.source.attribution()}"
    if review.source.licence:
        source += f"\nCopying terms: {review.source.licence}"
    if review.is_archived:
        source += f"\n{HISTORIC_NOTICE}"
    sections = review.sections

    overview = [
        Para((("Type: ", True), (review.type_label, False), ("    Published: ", True), (published_date(review.published), False))),
        Para.lead("Board: ", review.board),
    ]
    if review.area:
        overview.append(Para.lead("Area: ", ", ".join(review.area)))
    overview.append(Para(runs(review.summary)))
    if review.is_archived:
        label, _, rest = HISTORIC_NOTICE.partition(": ")
        overview.append(Para.lead(f"{label}: ", rest))
    background = _plain_section(sections.get("Overview", ""))
    deck.text_slides(review.title, overview, notes=f"{source}\n\nOverview:\n{background}" if background else source)

    figures = items(sections.get("Key figures", ""))
    if figures:
        deck.text_slides(review.title, figures, "key figures", notes=source)
    findings = _plain_section(sections.get("Findings", ""))
    learning = [Para(runs(p.point), "bullet") for p in review.learning]
    deck.text_slides(review.title, learning, "learning points", notes=f"{source}\n\nFindings:\n{findings}" if findings else source)
    for name, label in (("Case study", "case study"), ("What would happen today", "what would happen today")):
        if sections.get(name):
            deck.text_slides(review.title, blocks(sections[name]), label, notes=source)
    questions = [Para.of(q, "bullet") for q in reflection_questions(review)]
    deck.text_slides(review.title, questions, "questions for reflection", notes=source)


def _resources(themes: Sequence[Theme], sources: Iterable[Review], kb_name: str, site_url: str | None) -> list[Para]:
    page = f": {site_url.rstrip('/')}/resources/" if site_url else ""
    paras = [
        Para.of("Find out more", "subhead"),
        Para.of(f"The Resources page of the {kb_name} knowledge base: assessment tools, guidance, helplines and reporting routes{page}", "bullet"),
    ]
    if themes:
        paras.append(
            Para.of(
                f"The theme {'page' if len(themes) == 1 else 'pages'} on {join_words([lower_first(t.title) for t in themes])}:"
                " every learning point across the knowledge base, with practice guidance",
                "bullet",
            )
        )
    paras.append(Para.of("Sources of the learning in this deck", "subhead"))
    by_source: dict[str, list[str]] = {}
    for review in sources:  # one line per source document, however many entries come from it
        by_source.setdefault(review.source.attribution(), []).append(review.title)
    paras.extend(Para.of(f"{source} – {'; '.join(titles)}", "bullet") for source, titles in by_source.items())
    return paras


def _plain_section(markdown: str) -> str:
    """A section as plain text for speaker notes, one line per block."""
    lines = []
    for block in blocks(markdown):
        prefix = {"bullet": "- ", "number": f"{block.number}. "}.get(block.kind, "")
        lines.append(prefix + block.text)
    return "\n".join(lines)


class _Deck:
    """A 16:9 presentation with a navy title band, built slide by slide."""

    def __init__(self, title: str, kb_name: str, today: dt.date):
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(SLIDE_WIDTH), Inches(SLIDE_HEIGHT)
        properties = self.prs.core_properties
        properties.title = title[:255]  # the file format's limit
        properties.subject = "Workshop slides"
        properties.author = f"{kb_name} knowledge base"[:255]
        properties.last_modified_by = properties.author
        properties.language = "en-GB"
        properties.created = properties.modified = dt.datetime.combine(today, dt.time())
        properties.revision = 1
        self._draw_master()

    def _draw_master(self) -> None:
        """The title band and accent lines, on the master and layout so they are background, not content."""
        master = self.prs.slide_master
        tree = master.shapes._spTree
        anchor = tree.find(qn("p:grpSpPr"))
        for offset, (name, top, height, colour) in enumerate(
            (("Title band", 0, BAND_HEIGHT, NAVY), ("Accent line", BAND_HEIGHT, 0.06, TEAL))
        ):
            anchor.addnext(_rectangle(100 + offset, name, 0, top, SLIDE_WIDTH, height, colour))
            anchor = anchor.getnext()
        cover = self.prs.slide_layouts[LAYOUT_COVER]
        cover._element.set("showMasterSp", "0")
        left, top = COVER_TITLE_BOX.left + fit.INSET_X, COVER_TITLE_BOX.top + COVER_TITLE_BOX.height + 0.15
        cover.shapes._spTree.find(qn("p:grpSpPr")).addnext(_rectangle(100, "Accent line", left, top, 2.5, 0.08, TEAL))

    def title_for(self, subject: str, label: str | None = None, page: str = "") -> tuple[str, int]:
        """The slide title and its size: the subject (e.g. a review's title) is shortened until it fits."""
        words = subject.split()
        while True:
            short = " ".join(words) + ("…" if len(words) < len(subject.split()) else "")
            text = f"{short} – {label}{page}" if label else f"{short}{page}"
            for size in TITLE_SIZES:
                lines = fit.line_count(text, size, TITLE_BOX.text_width, bold=True)
                if lines * size * fit.LINE_HEIGHT <= TITLE_BOX.text_height and (lines == 1 or size == TITLE_SIZES[-1]):
                    return text, size
            if len(words) <= 1:
                raise ExportError(f"the slide title '{text[:60]}…' is too long to fit a slide: shorten it.")
            words = words[:-1]

    def _slide(self, layout: int):
        return self.prs.slides.add_slide(self.prs.slide_layouts[layout])

    def cover(self, title: str, lines: list[str]) -> None:
        slide = self._slide(LAYOUT_COVER)
        background = slide.background.fill
        background.solid()
        background.fore_color.rgb = NAVY
        shape = slide.shapes.title
        _place(shape, COVER_TITLE_BOX)
        _write(shape.text_frame, [Para.of(title)], _cover_size(title), colour=RGBColor(0xFF, 0xFF, 0xFF), bold=True, anchor=MSO_ANCHOR.BOTTOM)
        subtitle = [Para.of(line) for line in lines]
        if not fit.fits(subtitle, COVER_SUBTITLE_SIZE, COVER_SUBTITLE_BOX):
            raise ExportError("the knowledge base name is too long for the title slide.")
        shape = slide.placeholders[1]
        _place(shape, COVER_SUBTITLE_BOX)
        _write(shape.text_frame, subtitle, COVER_SUBTITLE_SIZE, colour=PALE)

    def text_slide(self, title: tuple[str, int], paras: list[Para], box: fit.Box, notes: str = ""):
        slide = self._slide(LAYOUT_CONTENT)
        text, size = title
        heading = slide.shapes.title
        _place(heading, TITLE_BOX)
        _write(heading.text_frame, [Para.of(text)], size, colour=RGBColor(0xFF, 0xFF, 0xFF), bold=True, anchor=MSO_ANCHOR.MIDDLE)
        body = slide.placeholders[1]
        _place(body, box)
        _write(body.text_frame, paras, BODY_SIZE, colour=INK)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    def text_slides(self, subject: str, paras: list[Para], label: str | None = None, notes: str = "") -> None:
        """As many slides as the text needs, titled '... (2 of 3)' when there is more than one."""
        pages = fit.paginate(paras, BODY_SIZE, BODY_BOX)
        for number, page in enumerate(pages, 1):
            suffix = f" ({number} of {len(pages)})" if len(pages) > 1 else ""
            self.text_slide(self.title_for(subject, label, suffix), page, BODY_BOX, notes)

    def chart(self, slide, counts: ThemeCounts) -> None:
        """A native column chart of entries and learning points by year, with alternative text."""
        years = counts.years
        data = CategoryChartData()
        data.categories = [str(y) for y in years]
        entries = [counts.entries_by_year.get(y, 0) for y in years]
        points = [counts.points_by_year.get(y, 0) for y in years]
        data.add_series("Entries", entries)
        data.add_series("Learning points", points)
        box = CHART_BOX
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height), data
        )
        name = f"{counts.theme.title}: entries and learning points by year"
        by_year = "; ".join(f"{y}: {plural(e, 'entry', 'entries')}, {plural(p, 'learning point')}" for y, e, p in zip(years, entries, points))
        properties = frame._element.nvGraphicFramePr.cNvPr
        properties.set("title", name)
        properties.set("descr", f"Column chart of entries and learning points on {lower_first(counts.theme.title)} in the knowledge base, by year. {by_year}.")

        chart = frame.chart
        chart.font.name, chart.font.size = FONT, Pt(CHART_SIZE)
        chart.has_title = True
        chart.chart_title.text_frame.text = name
        title_font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
        title_font.size, title_font.bold, title_font.color.rgb = Pt(CHART_SIZE), True, NAVY
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_SIZE)
        values = chart.value_axis
        values.minimum_scale = 0
        values.major_unit = max(1, -(-max(entries + points) // 5))
        values.has_major_gridlines = True
        values.major_gridlines.format.line.color.rgb = GRID
        values.tick_labels.font.size = Pt(CHART_SIZE)
        values.format.line.fill.background()
        chart.category_axis.tick_labels.font.size = Pt(CHART_SIZE)
        plot = chart.plots[0]
        plot.gap_width, plot.overlap = 60, -10
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(CHART_SIZE)
        labels.number_format, labels.number_format_is_linked = "0", False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        for series, colour in zip(plot.series, (NAVY, TEAL)):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _rectangle(ident: int, name: str, left: float, top: float, width: float, height: float, colour: RGBColor):
    """A plain filled rectangle for the slide master (python-pptx cannot add shapes to a master)."""
    xml = (
        f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
        f' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<p:nvSpPr><p:cNvPr id="{ident}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{Inches(left)}" y="{Inches(top)}"/><a:ext cx="{Inches(width)}" cy="{Inches(height)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        f"<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )
    return etree.fromstring(xml)


def _place(shape, box: fit.Box) -> None:
    shape.left, shape.top, shape.width, shape.height = Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)


def _write(frame, paras: list[Para], size: int, colour: RGBColor, bold: bool = False, anchor=MSO_ANCHOR.TOP) -> None:
    """Fill a text frame with explicit formatting, so nothing depends on the template's defaults.

    Bold frames are titles: one paragraph, no space before it (as `title_for` measures).
    """
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(fit.INSET_X)
    frame.margin_top = frame.margin_bottom = Inches(fit.INSET_Y)
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_before = Pt(0 if bold else fit.SPACE_BEFORE)
        _bullet(paragraph, para)
        for text, is_bold in para.runs:
            run = paragraph.add_run()
            run.text = text
            font = run.font
            font.name, font.size = FONT, Pt(size)
            font.bold = bold or is_bold or para.kind == "subhead"
            font.color.rgb = NAVY if para.kind == "subhead" else colour
            font.language_id = MSO_LANGUAGE_ID.ENGLISH_UK


def _bullet(paragraph, para: Para) -> None:
    properties = paragraph._p.get_or_add_pPr()
    indent = Inches(fit.INDENT[para.kind])
    properties.set("marL", str(indent))
    properties.set("indent", str(-indent))
    if para.kind == "bullet":
        colour = etree.SubElement(properties, qn("a:buClr"))
        etree.SubElement(colour, qn("a:srgbClr")).set("val", str(TEAL))
        etree.SubElement(properties, qn("a:buFont")).set("typeface", FONT)
        etree.SubElement(properties, qn("a:buChar")).set("char", "•")
    elif para.kind == "number":
        numbering = etree.SubElement(properties, qn("a:buAutoNum"))
        numbering.set("type", "arabicPeriod")
        numbering.set("startAt", str(max(1, para.number)))
    else:
        etree.SubElement(properties, qn("a:buNone"))
