"""A one-page 7-minute briefing on one entry, as Word (.docx) and Markdown.

The seven numbered sections are the format safeguarding partnerships use for
team briefings. Each section takes the opening of the matching part of the
entry and trims it, so the briefing stays about one page however long the
entry is; the full entry is one click away under "Further information".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from docx.shared import Pt

from ..catalogue import Published
from ..model import Review
from ..validate import split_sections
from . import fit, word
from .common import (
    DEFAULT_KB_NAME,
    HISTORIC_NOTICE,
    long_date,
    published_date,
    reflection_questions,
    select_reviews,
)
from .text import Para, blocks, items, md_escape, md_runs, plain, plural, runs, sentences

SECTIONS = (
    "Background",
    "Why it matters",
    "Key information",
    "Learning",
    "Questions for reflection",
    "What you should do",
    "Further information",
)
MAX_ACTIONS = 4
CLOSING_ACTION = "Talk about this briefing with your team or in supervision, and agree one thing you will do differently."

_PRACTITIONER_SHOULD = re.compile(
    r"(?:^|, and |; )(?:all |every )?(?:practitioners|professionals|staff|workers|agencies|partners|managers|referrers|services|teams|you|we)\b"
    r"[^.,;:]{0,30}?\b(?:should|must|need to|needs to)\s+(?:always\s+)?(.+)$",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"\b(?:it|its|this|that one|she|he|her|him|his)\b", re.IGNORECASE)  # needs the sentence before
_EARLY_SHOULD = re.compile(r"^(?:\S+\s+){1,8}?(?:should|must|needs? to)\b", re.IGNORECASE)
_CONDITION = re.compile(r"^(?:whenever|when|if|where|before|after)\b[^,]*,\s*(\w+)", re.IGNORECASE)
_IMPERATIVES = frozenset(
    "act agree apply ask assess attend avoid be build challenge check complete consider contact discuss do document"
    " don't ensure escalate explore find focus follow give identify include involve keep know listen look make note"
    " plan read recognise record refer remember report respond review see seek share speak take talk tell think"
    " treat understand use visit work write always never".split()
)


@dataclass(frozen=True)
class Briefing:
    """The briefing's content, laid out the same way in Word and Markdown."""

    title: str
    meta: str
    notice: str | None
    sections: tuple[tuple[str, tuple[Para, ...]], ...]
    produced: str


def briefing_docx(
    published: Published, review_id: str, *, kb_name: str = DEFAULT_KB_NAME, site_url: str | None = None, today: dt.date | None = None
) -> bytes:
    """The .docx bytes of the 7-minute briefing on a published entry (SelectionError if it is not one)."""
    today = today or dt.date.today()
    briefing = build_briefing(published, review_id, kb_name=kb_name, site_url=site_url, today=today)
    document = word.new_document(briefing.title, "7-minute briefing", f"{kb_name} knowledge base", today, BODY_SIZE)
    word.add_styled(document, briefing.title, "Title")
    word.add_block(document, Para.of(briefing.meta))
    if briefing.notice:
        label, _, rest = briefing.notice.partition(": ")
        word.add_block(document, Para.lead(f"{label}: ", rest))
    for heading, paras in briefing.sections:
        word.add_styled(document, heading, "Heading 1")
        for para in paras:
            word.add_block(document, para)
    word.add_block(document, Para.of(briefing.produced), muted=True).paragraph_format.space_before = Pt(8)
    return word.to_bytes(document)


def briefing_markdown(
    published: Published, review_id: str, *, kb_name: str = DEFAULT_KB_NAME, site_url: str | None = None, today: dt.date | None = None
) -> str:
    """The same briefing as Markdown (for e-mail, intranets or a wiki)."""
    briefing = build_briefing(published, review_id, kb_name=kb_name, site_url=site_url, today=today or dt.date.today())
    lines = [f"# {md_escape(briefing.title, line_start=False)}", "", md_escape(briefing.meta), ""]
    if briefing.notice:
        label, _, rest = briefing.notice.partition(": ")
        lines += [f"**{label}:** {md_escape(rest, line_start=False)}", ""]
    for heading, paras in briefing.sections:
        lines += [f"## {heading}", ""]
        for index, para in enumerate(paras):
            if index and (para.kind != paras[index - 1].kind or para.kind not in ("bullet", "number")):
                lines.append("")  # list items stay together; anything else is its own paragraph
            lines.append(_markdown_block(para))
        lines.append("")
    lines += [f"*{md_escape(briefing.produced, line_start=False)}*", ""]
    return "\n".join(lines)


def _markdown_block(para: Para) -> str:
    if para.kind == "bullet":
        return f"- {md_runs(para)}"
    if para.kind == "number":
        return f"{para.number}. {md_runs(para)}"
    if para.kind == "subhead":
        return f"**{md_escape(para.text, line_start=False)}**"
    return md_runs(para)


@dataclass(frozen=True)
class _Budget:
    """How much of each section a briefing keeps (characters and items)."""

    background: int
    why: int
    figures: int
    findings: int
    learning: int
    point: int
    questions: int
    actions: int


# From generous to tight: the first budget whose briefing fits one A4 page is used.
BUDGETS = (
    _Budget(background=520, why=450, figures=5, findings=600, learning=5, point=230, questions=3, actions=4),
    _Budget(background=460, why=400, figures=5, findings=520, learning=5, point=200, questions=3, actions=4),
    _Budget(background=420, why=360, figures=4, findings=460, learning=4, point=200, questions=3, actions=3),
    _Budget(background=370, why=320, figures=4, findings=400, learning=4, point=180, questions=3, actions=3),
    _Budget(background=330, why=280, figures=3, findings=360, learning=4, point=170, questions=2, actions=3),
    _Budget(background=250, why=200, figures=3, findings=260, learning=3, point=150, questions=2, actions=2),
)
BODY_SIZE = 10  # the briefing's body text, in points
PAGE_WIDTH = (21.0 - 2 * word.SIDE_MARGIN) / 2.54 * 72  # A4 less the margins, in points
PAGE_HEIGHT = (29.7 - 2 * word.END_MARGIN) / 2.54 * 72
# The estimate measures text 10 % wider than Arial (fit.SAFETY). Of the shipped briefings at every
# budget, the smallest estimate LibreOffice needed a second page for was 1.08 x PAGE_HEIGHT, so
# 1.03 uses the page well and keeps a margin for other word processors.
PAGE_BUDGET = PAGE_HEIGHT * 1.03


def build_briefing(published: Published, review_id: str, *, kb_name: str, site_url: str | None, today: dt.date) -> Briefing:
    """The entry's briefing with the most content that still fits one page."""
    (review,) = select_reviews(published, [review_id])
    for budget in BUDGETS:
        briefing = _briefing(published, review, budget, kb_name, site_url, today)
        if _page_height(briefing) <= PAGE_BUDGET:
            break
    return briefing


def _page_height(briefing: Briefing) -> float:
    """Estimated height of the Word layout in points (Arial at the styles' sizes, single spacing)."""
    body = fit.Box(0, 0, PAGE_WIDTH / 72 + 2 * fit.INSET_X, 1)

    def lines(text: str, size: float, indent: float = 0, bold: bool = False) -> float:
        return fit.line_count(text, size, body.text_width - indent, bold) * size * 1.15  # Arial's line pitch

    total = lines(briefing.title, 18, bold=True) + 12 + lines(briefing.meta, BODY_SIZE) + 3
    if briefing.notice:
        total += lines(briefing.notice, BODY_SIZE) + 3
    for heading, paras in briefing.sections:
        total += lines(heading, 12.5, bold=True) + 8
        previous = ""
        for para in paras:
            listed = para.kind in ("bullet", "number")
            total += lines(para.text, BODY_SIZE, 18 if listed else 0) + (0 if listed and previous == para.kind else 3)
            previous = para.kind
    return total + 8 + lines(briefing.produced, BODY_SIZE) + 3


def _briefing(published: Published, review: Review, budget: _Budget, kb_name: str, site_url: str | None, today: dt.date) -> Briefing:
    """Pick and trim the content of each of the seven sections from the entry."""
    sections = review.sections
    theme_titles = [published.themes[t].title for t in review.themes if t in published.themes]

    background = _take(blocks(sections.get("Overview", "")), budget.background, 3, kinds=("text",))
    summary = Para(runs(review.summary)).trimmed(budget.why)
    why = [Para.lead("Themes: ", f"{'; '.join(theme_titles)}.")]
    if background:
        why.insert(0, summary)
    else:  # no overview: the summary is the background
        background = [summary]
    if review.ages:
        why.append(Para.lead("Ages: ", f"{', '.join(review.age_labels)}."))

    figures = items(sections.get("Key figures", ""))
    if figures:
        key = [f.trimmed(170) for f in figures[: budget.figures]]
        if len(figures) > budget.figures:
            key.append(Para.of(f"The full entry gives {len(figures) - budget.figures} more figures."))
    else:
        findings = [b for b in blocks(sections.get("Findings", "")) if not b.text.endswith(":")]  # no list introductions
        key = _take(findings, budget.findings, 5) or [Para.of("See the learning below.")]

    learning = [Para(runs(p.point), "bullet").trimmed(budget.point) for p in review.learning[: budget.learning]]
    if len(review.learning) > budget.learning:
        learning.append(Para.of(f"The full entry has {plural(len(review.learning) - budget.learning, 'more learning point')}."))

    questions = [Para.of(q, "bullet").trimmed(200) for q in reflection_questions(review, budget.questions)]
    actions = [Para.of(a, "bullet").trimmed(200) for a in practitioner_actions(review, published)[: budget.actions]]
    actions.append(Para.of(CLOSING_ACTION, "bullet"))

    source = Para.lead("Source: ", review.source.attribution())
    if review.source.licence:
        source = Para((*source.runs, (". Copying terms: ", True), (review.source.licence, False)))
    further = [source]
    where = f" ({site_url.rstrip('/')})" if site_url else ""
    further.append(
        Para.of(
            f"The full entry, related reviews and a page on each of its themes, with every learning point on it,"
            f" are in the {kb_name} knowledge base{where}."
        )
    )

    contents = (background, why, key, learning, questions, actions, further)
    return Briefing(
        title=f"7-minute briefing: {review.title}",
        meta=f"{review.type_label} · {published_date(review.published)} · {review.board}",
        notice=HISTORIC_NOTICE if review.is_archived else None,
        sections=tuple((f"{number}. {name}", tuple(paras)) for number, (name, paras) in enumerate(zip(SECTIONS, contents), 1)),
        produced=f"Produced {long_date(today)} from {review.source.attribution()}.",
    )


def _take(found: list[Para], budget: int, limit: int, kinds: tuple[str, ...] = ("text", "bullet", "number", "subhead")) -> list[Para]:
    """The opening blocks (of the given kinds) of a section within a character budget, the last one trimmed to fit."""
    taken: list[Para] = []
    used = 0
    for block in [b for b in found if b.kind in kinds][:limit]:
        if used + len(block.text) > budget:
            room = budget - used
            if room >= 120 or not taken:
                taken.append(block.trimmed(max(room, 120)))
            break
        taken.append(block)
        used += len(block.text)
    while taken and (taken[-1].kind == "subhead" or taken[-1].text.endswith(":")):
        last = taken.pop()  # an introduction to a list that did not fit: keep the sentences before it
        kept = sentences(last.text)[:-1] if last.kind != "subhead" else []
        if kept:
            taken.append(last.trimmed(len(" ".join(kept))))
    return taken


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
    if _EARLY_SHOULD.match(sentence):
        return sentence
    return None


def practitioner_actions(review: Review, published: Published) -> list[str]:
    """What to do: the learning points that say what should happen, as actions; else theme good practice."""
    actions: list[str] = []
    for point in review.learning:
        for sentence in sentences(plain(point.point)):
            action = _as_action(sentence)
            if action:
                actions.append(action)
                break
        if len(actions) == MAX_ACTIONS:
            return actions
    for theme_id in review.themes:
        theme = published.themes.get(theme_id)
        practice = items(split_sections(theme.guidance).get("What good practice looks like", "")) if theme else []
        if practice and practice[0].text not in actions:
            actions.append(practice[0].text)
        if len(actions) == MAX_ACTIONS:
            break
    return actions
