"""A one-page 7-minute briefing on one entry, as Word (.docx) and Markdown.

Seven numbered boxes in a grid on one A4 page, the format safeguarding
partnerships use for team briefings: background, why it matters, key
information, learning, questions for reflection, what to do, further
information. Each box has its own content (no point twice): a learning point
that says what practitioners should do goes to "What you should do" as an
action, the rest of it stays under "Learning". The page is fitted by choosing
how much goes in each box and sizing the text, dropping whole sentences only,
never cutting one short.

`briefing_boxes` is the pure content (box title -> blocks), for any renderer;
`build_briefing` fits it to the page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor

from ..catalogue import Published
from ..model import Review
from ..text import format_date, split_sections
from . import fit, word
from .common import (
    ExportError,
    for_print,
    historic,
    long_date,
    reflection_questions,
    select_reviews,
)
from .settings import Settings
from .text import (
    Para,
    blocks,
    items,
    lower_first,
    md_escape,
    md_runs,
    plain,
    runs,
    sentences,
)

SECTIONS = (
    "Background",
    "Why it matters",
    "Key information",
    "Learning",
    "Questions for reflection",
    "What you should do",
    "Further information",
)
MAX_ACTIONS = 5
CLOSING_ACTION = "Talk about this briefing with your team or in supervision, and agree one thing you will do differently."

# Layout of the page, in centimetres and points.
SIDE_MARGIN, END_MARGIN = 1.3, 1.2
GRID_WIDTH = 21.0 - 2 * SIDE_MARGIN
CELL_X, CELL_Y = 0.22, 0.12  # cell margins
GUTTER = 3  # points of white border between boxes
ROWS = ((0, 1), (2, 3), (4, 5), (6,))  # box indexes per row; box 7 spans the page
WIDTH_MARGIN = 1.04  # text measured 4 % wider than Arial: a page's boxes are checked in LibreOffice, not guessed
SIZES = (10.5, 10, 9.5, 9)  # body text sizes tried, largest first
SMALLEST = 8.5  # the last resort before a second page
LINE = 1.17  # Arial's line pitch as a multiple of the size (LibreOffice and Word)
AFTER = 2.5  # points after each paragraph in a box
BULLET_INDENT = 14  # points
TITLE_SIZE, META_SIZE, FOOT_SIZE = 16, 9, 7.5
PAGE_HEIGHT = (29.7 - 2 * END_MARGIN) / 2.54 * 72
# The rows are given exactly the estimated heights (plus the spare room), so the page is filled to the
# budget. Measured with LibreOffice on every shipped briefing, with and without a template: all stay on
# one page up to 0.98 of the page, 17 of 42 need a second at 0.985 (the title, notice and borders take
# about 11 pt more than estimated); 0.97 keeps a margin for other word processors.
PAGE_BUDGET = PAGE_HEIGHT * 0.97
KEEP = (1, 1, 1, 1, 99, 3, 99)  # blocks each box keeps whatever happens (questions and further information: all)
DROP_ORDER = (2, 1, 0, 3, 5, 4, 6)  # key information first, then why it matters, background, learning, actions

_WORD = re.compile(r"[a-z]{4,}")
# Sentences about the source document rather than the case ("The deck does not describe ..."): not for a briefing.
_ABOUT_SOURCE = re.compile(r"\b(?:the deck|the index|the slides|does not (?:say|describe|give|record)|do not (?:say|describe))\b", re.IGNORECASE)
_COMMON = frozenset(
    "that this with from were have been they their there when which what would could should about into other"
    " than them then also more most very such only over some does each where while these those being after".split()
)


@dataclass(frozen=True)
class Briefing:
    """The fitted briefing: the same content the Word file shows."""

    title: str
    meta: str
    notice: str | None
    sections: tuple[tuple[str, tuple[Para, ...]], ...]  # ("1. Background", blocks), ...
    footer: str
    size: float  # body text size in points
    one_page: bool  # False: even the least content at the smallest size needs a second page
    budget: float = PAGE_BUDGET  # the page's height for content, in points


def briefing_boxes(published: Published, review: Review, settings: Settings, today: dt.date) -> dict[str, list[Para]]:
    """Every box's content, most important first, with no point in two boxes (box title -> blocks)."""
    history = historic(review, today, settings.historic_after_years)
    theme_titles = [published.themes[t].title for t in review.themes if t in published.themes]

    background = [Para(runs(review.summary))]

    why: list[Para] = []
    for theme_id in review.themes[:2]:
        theme = published.themes.get(theme_id)
        recurs = split_sections(theme.guidance).get("Why it recurs in reviews", "") if theme else ""
        if recurs:
            why.append(Para.of(sentences(plain(recurs))[0]))
    why.append(Para.lead("Themes: ", f"{'; '.join(theme_titles)}."))

    learning: list[Para] = []
    actions: list[str] = []
    for point in review.learning:
        said = sentences(plain(point.point))
        action = None
        for index, sentence in enumerate(said):
            action = _as_action(sentence)
            if action:
                del said[index]
                break
        if action and len(actions) < MAX_ACTIONS and action not in actions:
            actions.append(action)
        elif action:
            said = sentences(plain(point.point))  # no room among the actions: the whole point stays a learning point
        if said:
            learning.append(Para.of(" ".join(said), "bullet"))
    made = [s for text in (*actions, *(p.text for p in learning)) for s in sentences(text)]
    for practice in _good_practice(review, published):
        if len(actions) < 2 and not any(_same_point(practice, other, 0.35) for other in made):
            actions.append(practice)
            made.append(practice)
    todo = [Para.of(a, "bullet") for a in actions] + [Para.of(CLOSING_ACTION, "bullet")]
    summary = [s for s in sentences(plain(review.summary)) if not _ABOUT_SOURCE.search(s)] or [for_print(plain(review.summary))]
    # the summary's sentences that only repeat the learning go
    background = [Para.of(" ".join([summary[0], *(s for s in summary[1:] if not any(_same_point(s, m, 0.5) for m in made))]))]

    taken = [*background, *learning, *todo]
    sections = review.sections
    candidates = items(sections.get("Key figures", ""))
    if not candidates:
        candidates = [b for b in blocks(sections.get("Case study", "")) if b.kind == "text"]
    if not candidates:
        candidates = [b for b in blocks(sections.get("Findings", "")) if b.kind != "subhead" and not b.text.endswith(":")]
    said = [s for t in taken for s in sentences(t.text)]
    key = _new_points(candidates, said)
    if not key:
        key = _new_points([b for b in blocks(sections.get("Overview", "")) if b.kind == "text"], said)[:2]
    facts = [Para.lead("Published: ", f"{format_date(review.published)} by {review.board}.")]
    if review.area:
        facts.insert(0, Para.lead("Area: ", f"{', '.join(review.area)}."))
    if review.ages:
        facts.insert(0, Para.lead("Ages: ", f"{', '.join(review.age_labels)}."))
    key = key + facts if len(key) < 2 else key
    if not learning:
        learning = [Para.of("The learning is written as actions under “What you should do”.")]

    questions = [Para.of(q, "bullet") for q in reflection_questions(review)]

    further: list[Para] = []
    url = settings.entry_url(review.id)
    if url:
        further.append(Para.lead("Full entry: ", url))
    else:
        further.append(Para.of(f"The full entry is in the {settings.kb_name} knowledge base, with a page on each of its themes."))
    links = [f"{published.themes[t].title} {settings.theme_url(t)}" for t in review.themes[:3] if t in published.themes and settings.theme_url(t)]
    if links:
        further.append(Para.lead("Theme pages: ", "; ".join(links)))
    further.append(Para.lead("Local procedures: ", _sentence(settings.procedures_text)))
    if history:
        further.append(Para.lead("Historic learning: ", "use it to reflect on practice, not as a description of today’s procedures."))
    return dict(zip(SECTIONS, (background, why, key, learning, questions, todo, further)))


def _new_points(candidates: list[Para], said: list[str]) -> list[Para]:
    """The candidates without the sentences that make a point already made (in `said`)."""
    kept = []
    for candidate in candidates:
        fresh = [
            s for s in sentences(candidate.text) if not _ABOUT_SOURCE.search(s) and not any(_same_point(s, other, 0.5) for other in said)
        ]
        if len(fresh) == len(sentences(candidate.text)):
            kept.append(candidate)
        elif fresh and candidate.kind == "text":
            kept.append(Para.of(" ".join(fresh)))
    return kept


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _same_point(a: str, b: str, share: float = 0.6) -> bool:
    """Two texts making the same point: most of the shorter one's words (by their first five letters) are in the other."""
    words_a = {w[:5] for w in _WORD.findall(a.lower()) if w not in _COMMON}
    words_b = {w[:5] for w in _WORD.findall(b.lower()) if w not in _COMMON}
    shorter = min(len(words_a), len(words_b))
    return shorter >= 3 and len(words_a & words_b) / shorter >= share


def _good_practice(review: Review, published: Published) -> list[str]:
    practice = []
    for theme_id in review.themes:
        theme = published.themes.get(theme_id)
        found = items(split_sections(theme.guidance).get("What good practice looks like", "")) if theme else []
        if found:
            practice.append(found[0].text)
    return practice


LOGO_HEIGHT = 1.2  # centimetres


def build_briefing(
    published: Published, review_id: str, *, settings: Settings | None = None, today: dt.date | None = None, margins: tuple[float, float] | None = None
) -> Briefing:
    """The briefing with the largest text and the most content that still fit one page.

    `margins` (top, bottom in centimetres) when a template's header and footer need more room than ours.
    """
    settings = settings or Settings()
    top, bottom = margins or (END_MARGIN, END_MARGIN)
    budget = (29.7 - top - bottom) / 2.54 * 72 * PAGE_BUDGET / PAGE_HEIGHT
    if settings.logo:
        budget -= LOGO_HEIGHT / 2.54 * 72 + 6
    today = today or dt.date.today()
    (review,) = select_reviews(published, [review_id])
    boxes = [list(paras) for paras in briefing_boxes(published, review, settings, today).values()]
    history = historic(review, today, settings.historic_after_years)
    source = f"Source: {review.source.attribution()}."
    if review.source.licence:
        source += f" Copying terms: {review.source.licence}."
    made_by = settings.partnership or f"the {settings.kb_name} knowledge base"
    footer = f"{source} Produced {long_date(today)} from {made_by}."
    if settings.footer:
        footer = f"{settings.footer} {footer}"
    title = f"7-minute briefing: {review.title}"
    meta = f"{review.type_label} · {format_date(review.published)} · {review.board}"
    notice = history.notice(review, settings.procedures_text) if history else None

    def make(content: list[list[Para]], size: float, one_page: bool = True) -> Briefing:
        sections = tuple((f"{n}. {name}", tuple(paras)) for n, (name, paras) in enumerate(zip(SECTIONS, content), 1))
        return Briefing(title, meta, notice, sections, footer, size, one_page, budget)

    for size in SIZES:  # everything, at the largest size that fits
        if page_height(make(boxes, size)) <= budget:
            return make(boxes, size)
    for size in (SIZES[-1], SMALLEST):  # then drop the least important sentences, tallest row first
        content = [list(paras) for paras in boxes]
        history: list[list[list[Para]]] = [[] for _ in boxes]  # each box's earlier states, to give back what still fits
        while page_height(make(content, size)) > budget:
            if not _drop_one(content, size, history):
                break
        else:
            _give_back(content, history, lambda c: page_height(make(c, size)) <= budget)
            return make(content, size)
    return make(boxes, SIZES[0], one_page=False)


def _give_back(content: list[list[Para]], history: list[list[list[Para]]], fits) -> None:
    """Put back, most important box first, what was dropped from a box whose row has room after all
    (a drop made while another row was the tall one)."""
    changed = True
    while changed:
        changed = False
        for index in reversed(DROP_ORDER):
            if history[index]:
                trial = [list(paras) for paras in content]
                trial[index] = history[index][-1]
                if fits(trial):
                    content[index] = history[index].pop()
                    changed = True


def _drop_one(content: list[list[Para]], size: float, history: list[list[list[Para]]]) -> bool:
    """Take the last sentence (or block) out of a box that makes its row tall, least important box first.

    False if no such box can spare anything.
    """
    tallest = []
    for row in ROWS:
        heights = {i: _box_height(content[i], SECTIONS[i], size, _box_width(i)) for i in row}
        tallest += [i for i in row if heights[i] >= max(heights.values()) - 1]
    for index in sorted(tallest, key=DROP_ORDER.index):
        paras = content[index]
        history[index].append(list(paras))
        last = paras[-1] if paras else None
        said = sentences(last.text) if last and last.kind in ("text", "bullet") and index not in (4, 5, 6) else []
        if len(said) > 1:
            paras[-1] = last.trimmed(len(" ".join(said[:-1])))
            return True
        if len(paras) > KEEP[index]:
            paras.pop()
            return True
        history[index].pop()
    return False


def _box_width(index: int) -> float:
    """Width for text in a box, in points."""
    columns = 1 if index == 6 else 2
    return (GRID_WIDTH / columns - 2 * CELL_X) / 2.54 * 72 - GUTTER


def _lines(text: str, size: float, width: float, bold: bool = False) -> float:
    """Height of `text` wrapped in `width`: fit's Arial widths, with WIDTH_MARGIN instead of the slides' 10 %."""
    return fit.line_count(text, size * WIDTH_MARGIN / fit.SAFETY, width, bold) * size * LINE


def _box_height(paras: list[Para] | tuple[Para, ...], heading: str, size: float, width: float) -> float:
    total = _lines(heading, size + 1.5, width, bold=True) + 4 + 2 * CELL_Y / 2.54 * 72 + GUTTER
    for para in paras:
        indent = BULLET_INDENT if para.kind in ("bullet", "number") else 0
        bold = any(is_bold for _, is_bold in para.runs)
        total += _lines(para.text, size, width - indent, bold) + AFTER
    return total


def page_height(briefing: Briefing) -> float:
    """Estimated height of the page's content in points: heading lines, the grid's rows and the footer."""
    full = GRID_WIDTH / 2.54 * 72
    total = _lines(briefing.title, TITLE_SIZE, full, bold=True) + 4 + _lines(briefing.meta, META_SIZE, full) + 4
    if briefing.notice:
        total += _lines(briefing.notice, META_SIZE, full - 12, bold=True) + 10
    for row in ROWS:
        total += max(_box_height(briefing.sections[i][1], briefing.sections[i][0], briefing.size, _box_width(i)) for i in row)
    return total + 6 + _lines(briefing.footer, FOOT_SIZE, full)


def _row_heights(briefing: Briefing) -> list[float]:
    """Each row's height, with the page's spare room shared out so the grid fills the page."""
    rows = [max(_box_height(briefing.sections[i][1], briefing.sections[i][0], briefing.size, _box_width(i)) for i in row) for row in ROWS]
    spare = max(0.0, briefing.budget - page_height(briefing)) if briefing.one_page else 0.0
    return [h + spare / len(rows) for h in rows]


def briefing_docx(
    published: Published, review_id: str, *, settings: Settings | None = None, template: bytes | None = None, today: dt.date | None = None
) -> bytes:
    """The .docx bytes of the 7-minute briefing on a published entry (SelectionError if it is not one)."""
    settings = settings or Settings()
    today = today or dt.date.today()
    (review,) = select_reviews(published, [review_id])
    document = _document(f"7-minute briefing: {review.title}", settings, today, template)
    section = document.sections[0]
    margins = (END_MARGIN, END_MARGIN)
    if template is not None:  # the template's header and footer keep the room its margins gave them
        margins = (max(END_MARGIN, section.top_margin.cm), max(END_MARGIN, section.bottom_margin.cm))
    briefing = build_briefing(published, review.id, settings=settings, today=today, margins=margins)
    primary, accent = RGBColor.from_string(settings.primary), RGBColor.from_string(settings.accent)
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(SIDE_MARGIN)
    section.top_margin, section.bottom_margin = Cm(margins[0]), Cm(margins[1])
    word.set_size(document, briefing.size, arial=template is not None)
    if settings.logo:
        document.add_picture(str(settings.logo), height=Cm(LOGO_HEIGHT))
    title = word.add_styled(document, briefing.title, "Title")
    title.runs[0].font.size = Pt(TITLE_SIZE)
    title.runs[0].font.color.rgb = primary
    word.add_block(document, Para.of(briefing.meta), muted=True, size=META_SIZE)
    if briefing.notice:
        label, _, rest = briefing.notice.partition(": ")
        notice = word.add_block(document, Para.lead(f"{label}: ", rest), size=META_SIZE)
        word.shade(notice, "FFF1CC")
        notice.paragraph_format.space_before = Pt(2)
        notice.paragraph_format.space_after = Pt(6)

    table = document.add_table(rows=len(ROWS), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    word.table_layout(table, GRID_WIDTH, CELL_X, CELL_Y, GUTTER)
    for row, indexes, height in zip(table.rows, ROWS, _row_heights(briefing)):
        word.row_height(row, height, keep_together=briefing.one_page)
        cells = row.cells if len(indexes) == 2 else [row.cells[0].merge(row.cells[1])]
        for cell, index in zip(cells, indexes):
            cell.width = Cm(GRID_WIDTH / len(cells))
            word.shade(cell, "EEF3F9" if index % 2 == 0 else "E8F4F2")
            heading, paras = briefing.sections[index]
            number, _, name = heading.partition(". ")
            first = cell.paragraphs[0]
            word.heading_in_cell(first, number, name, briefing.size + 1.5, primary, accent if index % 2 else primary)
            for para in paras:
                block = word.add_block(cell, para, size=briefing.size)
                block.paragraph_format.space_after = Pt(AFTER)
                if para.kind == "bullet":
                    word.hanging(block, BULLET_INDENT)
    foot = word.add_block(document, Para.of(briefing.footer), muted=True, size=FOOT_SIZE)
    foot.paragraph_format.space_before = Pt(4)
    return word.to_bytes(document)


def _document(title: str, settings: Settings, today: dt.date, template: bytes | None):
    try:
        return word.new_document(title, "7-minute briefing", f"{settings.kb_name} knowledge base", today, SIZES[0], template)
    except word.TemplateError as error:
        raise ExportError(str(error)) from None


def briefing_markdown(published: Published, review_id: str, *, settings: Settings | None = None, today: dt.date | None = None) -> str:
    """The same seven sections as Markdown (for e-mail, intranets or a wiki), with every block: no page to fit."""
    settings = settings or Settings()
    today = today or dt.date.today()
    briefing = build_briefing(published, review_id, settings=settings, today=today)
    (review,) = select_reviews(published, [review_id])
    boxes = briefing_boxes(published, review, settings, today)
    lines = [f"# {md_escape(briefing.title, line_start=False)}", "", md_escape(briefing.meta), ""]
    if briefing.notice:
        label, _, rest = briefing.notice.partition(": ")
        lines += [f"> **{label}:** {md_escape(rest, line_start=False)}", ""]
    for number, (heading, paras) in enumerate(boxes.items(), 1):
        lines += [f"## {number}. {heading}", ""]
        for index, para in enumerate(paras):
            if index and (para.kind != paras[index - 1].kind or para.kind not in ("bullet", "number")):
                lines.append("")  # list items stay together; anything else is its own paragraph
            lines.append(_markdown_block(para))
        lines.append("")
    lines += ["---", "", md_escape(briefing.footer), ""]
    return "\n".join(lines)


def _markdown_block(para: Para) -> str:
    if para.kind == "bullet":
        return f"- {md_runs(para)}"
    if para.kind == "number":
        return f"{para.number}. {md_runs(para)}"
    if para.kind == "subhead":
        return f"**{md_escape(para.text, line_start=False)}**"
    return md_runs(para)


_PRACTITIONER_SHOULD = re.compile(
    r"(?:^|, and |; )(?:all |every )?(?:practitioners|professionals|staff|workers|agencies|partners|managers|referrers|services|teams|you|we)\b"
    r"[^.,;:]{0,30}?\b(?:should|must|need to|needs to)\s+(?:always\s+)?(.+)$",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"\b(?:it|its|this|that one|she|he|her|him|his)\b", re.IGNORECASE)  # needs the sentence before
_EARLY_SHOULD = re.compile(r"^((?:\S+\s+){1,8}?)(should|must|needs? to)\s+(?:(?:always|also)\s+)?(\S+)(.*)$", re.IGNORECASE)
_CONDITION = re.compile(r"^(?:whenever|when|if|where|before|after)\b[^,]*,\s*(\w+)", re.IGNORECASE)
_IMPERATIVES = frozenset(
    "act agree apply ask assess attend avoid be build challenge check complete consider contact discuss do document"
    " don't ensure escalate explore find focus follow give identify include involve keep know listen look make note"
    " plan read recognise record refer remember report respond review see seek share speak take talk tell think"
    " treat understand use visit work write always never".split()
)



def _third_person(verb: str) -> str:
    """'carry' -> 'carries', 'reach' -> 'reaches', 'share' -> 'shares'."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return f"{verb}es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return f"{verb[:-1]}ies"
    return f"{verb}s"


def _as_action(sentence: str) -> str | None:
    """A learning point's sentence phrased as something a practitioner can do, or None."""
    if match := _PRACTITIONER_SHOULD.search(sentence):
        rest = re.sub(r"\b(and|or) should\b", r"\1", match.group(1))
        if _DANGLING.search(rest):
            return None
        if rest.lower().startswith("not "):
            return f"Do not {rest[4:]}"
        return rest[0].upper() + rest[1:]
    first = sentence.split(maxsplit=1)[0].strip(",;:").lower() if sentence.split() else ""
    if first in _IMPERATIVES:
        return sentence
    if (condition := _CONDITION.match(sentence)) and condition.group(1).lower() in _IMPERATIVES:
        return sentence
    if early := _EARLY_SHOULD.match(sentence):  # "Assessments should ..." -> "Make sure assessments ..."
        subject, verb, rest = early.group(1).strip(), early.group(3), early.group(4)
        words = [w for w in subject.split() if w.lower() not in ("also", "always", "now")]
        head = words[-1].lower().strip(",") if words else ""
        many = " and " in subject or (head.endswith("s") and not head.endswith("ss"))
        if verb.lower() == "be":
            verb = "are" if many else "is"
        elif not many:
            verb = _third_person(verb)
        return f"Make sure {lower_first(' '.join(words))} {verb}{rest}"
    return None
    return None
