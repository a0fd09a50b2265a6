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
import re
from typing import Iterable, Sequence

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..catalogue import Published
from ..model import Review, Theme
from ..text import format_date, plural, split_sections
from . import fit
from .common import (
    ExportError,
    ThemeCounts,
    for_print,
    historic,
    long_date,
    reflection_questions,
    select_reviews,
    select_themes,
    short_name,
    theme_counts,
    themes_in_words,
)
from .settings import Settings
from .text import Para, blocks, items, join_words, lower_first, runs, sentences

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
FOOTER_BOX = fit.Box(0.6, 7.1, 4.6, 0.36)
MARK_BOX = fit.Box(5.3, 7.1, 5.9, 0.36)
NUMBER_BOX = fit.Box(11.3, 7.1, 1.43, 0.36)
FOOTER_SIZE = 12
GREY_TEXT = RGBColor(0x55, 0x55, 0x55)
AMBER = RGBColor(0x9A, 0x5B, 0x00)

BODY_SIZE = 22
TITLE_SIZES = (32, 28)  # one line at 32 pt, else up to two lines at 28 pt
COVER_SIZES = (40, 36, 32, 28)
COVER_SUBTITLE_SIZE = 24
CHART_SIZE = 18
THEME_LEARNING_MAX = 6  # learning points quoted on a theme's "learning from reviews" slide

LAYOUT_COVER, LAYOUT_CONTENT = 0, 1


LENGTHS = (60, 90, 120)
# Minutes for each part of the running order, by the workshop's length in minutes.
PLAN = {
    60: {"welcome": 5, "themes": 10, "activity": 0, "break": 0, "case": 35, "close": 10},
    90: {"welcome": 5, "themes": 15, "activity": 10, "break": 10, "case": 40, "close": 10},
    120: {"welcome": 10, "themes": 20, "activity": 15, "break": 15, "case": 50, "close": 10},
}
MIN_CHART_ENTRIES = 10  # below this many entries on a theme a chart by year says nothing true
GROUND_RULES = (
    "What is said in the room stays in the room: talk about the learning, not the people in it.",
    "Respect other agencies' views: we are here to learn together, not to blame.",
    "Phones on silent; take calls outside.",
    "It is fine to step out at any time, for any reason.",
    "No question is a silly question; challenge ideas, not people.",
)
COMMITMENTS = (
    "Write down one thing you will do differently in your practice from tomorrow.",
    "Who will you tell about it: your team, your manager, your supervisor?",
    "What might get in the way, and what would help?",
)
EVALUATION = (
    "How confident were you about this topic before the session, and how confident are you now (1 to 5)?",
    "What was the most useful part of the session?",
    "What will you do differently as a result?",
    "What would have made the session better?",
)
_DATED = re.compile(r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d\d\b")


def build_deck(
    published: Published,
    theme_ids: Sequence[str],
    review_ids: Sequence[str],
    title: str | None = None,
    *,
    length: int = 90,
    settings: Settings | None = None,
    template: bytes | None = None,
    today: dt.date | None = None,
    carried: set[str] | None = None,
) -> bytes:
    """The .pptx bytes of a workshop deck on the chosen themes (ids, titles or synonyms) and entries.

    The running order fits `length` minutes (60, 90 or 120): welcome, agenda,
    ground rules, aims, a content warning before any case, the themes with a
    small-group activity, a break, each case with its chronology, learning,
    "what would you do today" and reflection, then commitments, local
    contacts, resources and evaluation. `carried`, when given, receives the
    ids of every entry whose material is on a slide. Raises SelectionError naming any
    theme or entry that is not published, and ExportError when nothing is
    chosen or the title cannot fit its slide.
    """
    settings = settings or Settings()
    if length not in PLAN:
        raise ExportError(f"a workshop is 60, 90 or 120 minutes long, not {length}.")
    themes = select_themes(published, theme_ids)
    reviews = select_reviews(published, review_ids)
    if not themes and not reviews:
        raise ExportError("a deck needs at least one theme or one review: name them with --theme or --review.")
    today = today or dt.date.today()
    title = " ".join((title or default_title(themes, reviews)).split())
    if not title:
        raise ExportError("the deck's title is empty: give a title with some words in it, or leave it out.")

    _cover_size(title)  # refuse a title that cannot fit before doing any work
    plan = PLAN[length]
    deck = _Deck(title, settings, today, template)
    for review in published.reviews:
        history = historic(review, today, settings.historic_after_years)
        if history:
            deck.historic[review.id] = history.label(review)
    kb_name = settings.kb_name
    agenda = _agenda(themes, reviews, plan)
    minutes = {key: m for key, _, m in agenda}
    made_by = settings.partnership or f"the {kb_name} knowledge base"
    aims, outcomes = _aims(themes, reviews, kb_name)
    one_aims_slide = fit.fits([Para.of("Aims", "subhead"), *aims, *outcomes], BODY_SIZE, BODY_BOX)
    cover_time, agenda_time, rules_time, aims_time, warning_time = _split(minutes["welcome"], (2, 1, 3, 2, 1))
    deck.cover(title, [f"A {length}-minute workshop · {long_date(today)}", f"Built from {made_by}"], _plan_notes(title, length, agenda, cover_time))
    deck.text_slides(
        "Agenda",
        [Para.of(f"{m} min – {label}", "bullet") for _, label, m in agenda],
        notes=_notes("Walk through the running order so people know when the break and the activities are.", timing=_minutes(agenda_time)),
    )
    deck.text_slides(
        "Ground rules",
        [Para.of(rule, "bullet") for rule in GROUND_RULES],
        notes=_notes(
            "Agree the ground rules with the group and ask whether anyone wants to add one.",
            run="Invite additions; write them on a flip chart and keep it visible.",
            timing=_minutes(rules_time),
        ),
    )
    if one_aims_slide:
        deck.text_slides("Aims and learning outcomes", [Para.of("Aims", "subhead"), *aims, *outcomes], notes=_notes(
            "Read the aims, then the outcomes: they are what the evaluation asks about at the end.", timing=_minutes(aims_time)))
    else:
        first, second = _split(aims_time, (1, 1))
        deck.text_slides("Aims", aims, notes=_notes("Read the aims: what the session is for.", timing=_minutes(first)))
        deck.text_slides("Learning outcomes", outcomes, notes=_notes(
            "Read the outcomes: they are what the evaluation asks about at the end.", timing=_minutes(second)))
    deck.text_slides("Content warning and support", _warning(themes, reviews, settings), notes=_notes(
        "Say this before any case material: the cases are real, and some people in the room may have personal or professional experience of them.",
        run="Pause after reading the slide. Remind people they can step out, and say where you will be at the break.",
        timing=_minutes(warning_time),
    ))

    selected = {r.id for r in reviews}
    quoted: dict[str, Review] = {}
    with_learning = length >= 90
    per_theme = _split(minutes.get("themes", 0), [1] * len(themes)) if themes else []
    for theme, theme_time in zip(themes, per_theme):
        for review in _theme_slides(deck, published, theme, selected, theme_time, with_learning):
            quoted.setdefault(review.id, review)
    if minutes.get("activity"):
        _theme_activity(deck, themes, minutes["activity"])
    if minutes.get("break"):
        deck.text_slides("Break", [Para.of(f"{minutes['break']} minutes. Please be back on time: we start again with the case.")],
                         notes=_notes("Say when to be back. Stay in the room in case anyone wants to talk about the content.", timing=_minutes(minutes["break"])))
    for review, case_time in zip(reviews, _split(minutes["case"], [1] * len(reviews)) if reviews else []):
        _review_slides(deck, published, review, settings, case_time, today)
    if not reviews:
        _theme_cases_discussion(deck, themes, minutes["case"])
    commit_time, contacts_time, resources_time, evaluation_time = _split(minutes["close"], (4, 2, 1, 3))
    deck.text_slides("One thing I will do differently", [Para.of(c, "bullet") for c in COMMITMENTS], notes=_notes(
        "Ask everyone to write one commitment on a card or sticky note, and share it with the person next to them.",
        run="Give two minutes of quiet writing, then pairs. Invite two or three people to share with the room.",
        timing=_minutes(commit_time),
    ))
    deck.text_slides("Local contacts and escalation", _contacts(settings), notes=_notes(
        "These are the routes that apply today in our area. Make sure everyone knows how to raise a concern and how to escalate a disagreement.",
        timing=_minutes(contacts_time),
    ))
    sources = [*reviews, *(r for r in quoted.values() if r.id not in selected)]
    deck.text_slides("Resources and sources", _resources(themes, sources, settings), notes=_notes(
        "Point people to the full entries and theme pages for the detail behind each slide.",
        source="\n".join(f"{r.title}: copying terms: {r.source.licence}" for r in sources if r.source.licence),
        timing=_minutes(resources_time),
    ))
    deck.text_slides("Evaluation", [Para.of(q, "bullet") for q in EVALUATION], notes=_notes(
        "Thank everyone. Ask them to complete the evaluation before they leave: it is how we show the learning made a difference.",
        run="Hand out the evaluation form (or the link) and collect the commitment cards if people are willing to share them.",
        timing=_minutes(evaluation_time),
    ))
    if carried is not None:
        carried.update(*deck.carried)
    return deck.save()


def default_title(themes: Sequence[Theme], reviews: Sequence[Review]) -> str:
    """A title a trainer would write: 'Neglect and the voice of the child', 'Learning from Child A (Alex)'."""
    if themes:
        return themes_in_words(themes, capital=True)
    if len(reviews) == 1:
        return f"Learning from {reviews[0].title}"
    return "Learning from case reviews"


def _notes(say: str, *, run: str = "", timing: str = "", source: str = "") -> str:
    """Facilitator notes: what to say, how to run it, how long, and (once per entry) the source."""
    parts = [f"Say: {say}"]
    if run:
        parts.append(f"How to run it: {run}")
    if timing:
        parts.append(f"Timing: {timing}.")
    if source:
        parts.append(source)
    return "\n\n".join(parts)


def _spoken(text: str) -> str:
    """Text for the facilitator to say: no web-page phrases ('the case study below', 'the deck')."""
    return "\n".join(for_print(line) for line in text.splitlines() if for_print(line))


def _printed(paras: list[Para]) -> list[Para]:
    """Entry blocks for a slide, through `for_print` (a block left with nothing goes)."""
    result = []
    for para in paras:
        text = for_print(para.text)
        if text == para.text:
            result.append(para)
        elif text:
            result.append(para.with_text(text))
    return result


def _agenda(themes: Sequence[Theme], reviews: Sequence[Review], plan: dict[str, int]) -> list[tuple[str, str, int]]:
    """The running order as (part, label, minutes), adding up to the workshop's length."""
    parts = [("welcome", "Welcome, ground rules and aims", plan["welcome"])]
    spare = 0
    if themes:
        parts.append(("themes", f"What the reviews say about {join_words([short_name(t) for t in themes])}", plan["themes"]))
        if plan["activity"]:
            parts.append(("activity", "Small-group activity", plan["activity"]))
    else:
        spare = plan["themes"] + plan["activity"]  # no themes: their time goes to the case
    if plan["break"]:
        parts.append(("break", "Break", plan["break"]))
    if reviews:
        parts.append(("case", f"The {'case' if len(reviews) == 1 else 'cases'}: {join_words([r.title for r in reviews])}", plan["case"] + spare))
    else:
        parts.append(("case", "Discussion: what would you do today?", plan["case"] + spare))
    parts.append(("close", "Commitments, local contacts and evaluation", plan["close"]))
    return parts


def _split(total: int, weights: Sequence[int]) -> list[int]:
    """`total` minutes shared by weight, in whole minutes that add up to it exactly."""
    if not weights:
        return []
    exact = [total * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    for index in sorted(range(len(exact)), key=lambda i: exact[i] - shares[i], reverse=True)[: total - sum(shares)]:
        shares[index] += 1
    return shares


def _minutes(count: int) -> str:
    return "under a minute" if count <= 0 else plural(count, "minute")


def _plan_notes(title: str, length: int, agenda: list[tuple[str, str, int]], timing: int) -> str:
    lines = [f"Plan for this {length}-minute workshop ('{title}'):"]
    start = 0
    for _, part, minutes in agenda:
        lines.append(f"{start:>3}–{start + minutes} min: {part}")
        start += minutes
    lines.append("Before the session: check the local contacts slide, print the handout and the briefings, and have the evaluation ready.")
    return _notes("Welcome everyone, introduce yourself and the session, and do housekeeping (exits, toilets, breaks).", timing=_minutes(timing), source="\n".join(lines))


def _warning(themes: Sequence[Theme], reviews: Sequence[Review], settings: Settings) -> list[Para]:
    topics = sorted({t for r in reviews for t in _review_topics(r.all_themes())} | set(_review_topics([t.id for t in themes])))
    about = f" including {join_words(topics[:5])}" if topics else ""
    paras = [
        Para.of(f"This session includes details of harm to children and adults from real cases{about}."),
        Para.of("Look after yourself: you can step out at any time, and talk to the facilitator at the break or afterwards.", "bullet"),
    ]
    support = settings.support or ("Your manager, supervisor or your organisation's employee support service.",)
    paras.extend(Para.of(line, "bullet") for line in support)
    return paras


def _review_topics(theme_ids: Iterable[str]) -> list[str]:
    """The kinds of harm named in a content warning, from the themes."""
    words = {"child-sexual-exploitation": "sexual exploitation", "mental-health-self-harm-and-suicide": "self-harm",
             "physical-abuse-and-injury": "physical abuse", "neglect": "neglect", "domestic-abuse": "domestic abuse",
             "child-sexual-abuse": "sexual abuse", "child-deaths": "the death of a child", "adults-at-risk": "harm to adults"}
    return [words[t] for t in theme_ids if t in words]


def _contacts(settings: Settings) -> list[Para]:
    paras = [Para.of("Worried about a child or an adult?", "subhead")]
    if settings.contacts:
        paras.extend(Para.lead(f"{c.name}: ", c.detail, "bullet") for c in settings.contacts)
    else:
        paras.append(Para.of("Your local children's and adults' front door (MASH): set 'training: contacts' in lscb-kb.yml to show its published details here.", "bullet"))
    paras.append(Para.of("If you disagree with a decision", "subhead"))
    paras.append(Para.of(settings.escalation or "Use your partnership's escalation (resolving professional differences) procedure: talk to the worker, then their manager, then the named safeguarding lead.", "bullet"))
    paras.append(Para.lead("Procedures: ", settings.procedures_text, "bullet"))
    return paras


def _cover_size(title: str) -> int:
    """The largest font size at which the deck's title fits the title slide."""
    for size in COVER_SIZES:
        if fit.line_count(title, size, COVER_TITLE_BOX.text_width, bold=True) * size * fit.LINE_HEIGHT <= COVER_TITLE_BOX.text_height:
            return size
    raise ExportError(f"the title '{title[:60]}…' is too long for the title slide: use at most about 120 characters.")


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
                f"To explore {join_words([short_name(t) for t in themes])}: what "
                f"{'it means' if len(themes) == 1 else 'they mean'} and how often "
                f"{'it recurs' if len(themes) == 1 else 'they recur'} in reviews.",
                "bullet",
            )
        )
    paras.append(Para.of("To put the learning back into front-line practice, for the safety of the children, adults and families we work with.", "bullet"))
    outcomes = [Para.of("By the end of the session you will be able to", "subhead")]
    outcomes.extend(Para.of(f"describe {short_name(t)} and why it keeps recurring in case reviews", "bullet") for t in themes)
    if len(reviews) <= 3:
        outcomes.extend(Para.of(f"summarise the key learning from {r.title}", "bullet") for r in reviews)
    else:
        outcomes.append(Para.of("summarise the key learning from each review and audit presented", "bullet"))
    outcomes.append(Para.of("reflect on what the learning means for your own practice and your team", "bullet"))
    outcomes.append(Para.of(f"find the full reviews and further resources in the {kb_name} knowledge base", "bullet"))
    return paras, outcomes


def _theme_slides(deck: _Deck, published: Published, theme: Theme, selected: set[str], minutes: int, learning: bool) -> list[Review]:
    """Definition and counts (a chart only when there are enough entries), good practice, learning from other reviews."""
    counts = theme_counts(published, theme)
    guidance = split_sections(theme.guidance)
    practice = items(guidance.get("What good practice looks like", ""))
    quoted = _theme_learning(published, theme, selected, counts, deck.historic) if learning else None
    what_time, practice_time, learning_time = _split(minutes, (1, 1 if practice else 0, 1 if quoted else 0))
    recurs = _plain_section(guidance.get("Why it recurs in reviews", ""))
    notes = _notes(
        f"Introduce {lower_first(theme.title)}: read the definition, then ask the room where they have seen it in their own work."
        + (f" Why it recurs: {recurs}" if recurs else ""),
        timing=_minutes(what_time),
    )
    definition = [Para(runs(theme.definition)), Para.of(counts.sentence())]
    heading = f"{theme.title}: what it is and how often it recurs"
    if counts.entries >= MIN_CHART_ENTRIES and fit.fits(definition, BODY_SIZE, LEFT_BOX):
        slide = deck.text_slide(deck.title_for(heading), definition, LEFT_BOX, notes)
        base: dict[int, int] = {}
        for review in published.reviews:
            base[review.year] = base.get(review.year, 0) + 1
        deck.chart(slide, counts, base)
    else:
        deck.text_slides(f"{theme.title}: what it is", definition, notes=notes)

    if practice:
        deck.text_slides(f"{theme.title}: what good practice looks like", practice, notes=_notes(
            "Go through what good practice looks like; ask for one example of each from the room.", timing=_minutes(practice_time)))

    if quoted:
        paras, reviews = quoted
        listing = "\n".join(f"{r.title} ({r.year}): {r.source.attribution()}" for r in reviews)
        deck.entries = {r.id for r in reviews}
        deck.text_slide(deck.title_for(f"{theme.title}: learning from reviews"), paras, BODY_BOX, _notes(
            "The same learning recurs across reviews and years: ask which of these points the group still sees today.",
            timing=_minutes(learning_time), source=f"Sources quoted on this slide:\n{listing}"))
        deck.entries = set()
        return reviews
    return []


def _theme_activity(deck: _Deck, themes: Sequence[Theme], minutes: int) -> None:
    """Small groups on the themes' 'questions to ask': the prompts trainers would otherwise hide in notes."""
    paras = [Para.of(f"In groups of three or four, {minutes - 5} minutes: choose two questions and share an example from your own work.")]
    for theme in themes:
        questions = items(split_sections(theme.guidance).get("Questions to ask", ""))[: 6 // len(themes) or 1]
        if questions:
            if len(themes) > 1:
                paras.append(Para.of(theme.title, "subhead"))
            paras.extend(Para.of(q.text, "bullet") for q in questions)
    deck.text_slides("Small-group activity: questions to ask", paras, notes=_notes(
        "These are the questions practitioners can ask themselves in a case. Ask groups to pick two and talk about a real (anonymised) example.",
        run=f"Groups of three or four for {minutes - 5} minutes, then five minutes of feedback: one point from each group on a flip chart.",
        timing=_minutes(minutes),
    ))


def _theme_cases_discussion(deck: _Deck, themes: Sequence[Theme], minutes: int) -> None:
    paras = [Para.of("Think of a case you know (anonymised) where one of these themes mattered.")]
    paras += [Para.of(q, "bullet") for q in ("What did you notice, and when?", "What did you do, and what would you do today?", "Who else needed to know?")]
    deck.text_slides("Discussion: what would you do today?", paras, notes=_notes(
        "Bring the themes back to the group's own practice.", run="Pairs, then feedback to the room.", timing=_minutes(minutes)))


def _theme_learning(
    published: Published, theme: Theme, selected: set[str], counts: ThemeCounts, historic_ids: set[str] = frozenset()
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
            mark = ", historic learning" if review.id in historic_ids else ""
            para = Para((*runs(points.pop(0).point), (f" ({review.title}, {review.year}{mark})", False)), "bullet")
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


def _review_slides(deck: _Deck, published: Published, review: Review, settings: Settings, minutes: int, today: dt.date) -> None:
    """One case: overview, chronology, key figures, learning, the case, what would you do today, reflection."""
    history = historic(review, today, settings.historic_after_years)
    source = f"Source: {review.source.attribution()}"
    if review.source.licence:
        source += f"\nCopying terms: {review.source.licence}"
    if history:
        source += f"\n{history.notice(review, settings.procedures_text)}"
    url = settings.entry_url(review.id)
    if url:
        source += f"\nThe full entry: {url}"
    sections = review.sections
    deck.entries = {review.id}
    has_case, chronology = bool(sections.get("Case study")), _chronology(sections.get("Case study", ""))
    # overview, the case, chronology, key figures, learning, what would you do today, reflection
    weights = (1, 2 if has_case else 0, 1 if chronology else 0, 1 if sections.get("Key figures") else 0, 2, 2, 3)
    overview_time, case_time, chronology_time, figures_time, learning_time, today_time, reflection_time = _split(minutes, weights)

    overview = [
        Para((("Type: ", True), (review.type_label, False), ("    Published: ", True), (format_date(review.published), False))),
        Para.lead("Board: ", review.board),
    ]
    if review.area:
        overview.append(Para.lead("Area: ", ", ".join(review.area)))
    overview.extend(_printed([Para(runs(review.summary))]))
    if history:
        overview.append(Para.lead(f"{history.label(review)}: ", "check today's procedures before acting on it (the notes say why)."))
    background = _spoken(" ".join(b.text for b in blocks(sections.get("Overview", ""))))
    deck.text_slides(review.title, overview, notes=_notes(
        f"Introduce the case: what kind of review it was, who carried it out and when. {background}".strip(),
        timing=_minutes(overview_time)), source=source)

    if sections.get("Case study"):
        deck.text_slides(review.title, _printed(blocks(sections["Case study"])), "the case", notes=_notes(
            "Tell the case in your own words, slowly; pause for reactions before moving on.", timing=_minutes(case_time)))
    if chronology:
        deck.text_slides(review.title, chronology, "chronology", notes=_notes(
            "The dated events in order. Ask: at which point could someone have done something differently?",
            run="Ask people to call out the moments they would have acted; mark them on the slide or a flip chart.", timing=_minutes(chronology_time)))
    figures = _printed(items(sections.get("Key figures", "")))
    if figures:
        deck.text_slides(review.title, figures, "key figures", notes=_notes(
            "Pick out two or three figures that matter most for this audience; the rest are for reference.", timing=_minutes(figures_time)))
    findings = _spoken(_plain_section(sections.get("Findings", "")))
    learning = [Para(runs(p.point), "bullet") for p in review.learning]
    deck.text_slides(review.title, learning, "learning points", notes=_notes(
        "Go through the learning points. For each, ask: does this still happen here?", timing=_minutes(learning_time)),
        source=f"What the review found, for reference:\n{findings}" if findings else "")
    today_blocks = [Para.of("Discuss first: if this case came to you today, what would you do, who would you tell, and which procedure would you follow?")]
    today_blocks += _at_the_time(sections.get("What would happen today", ""), review)
    today_blocks.append(Para.lead("Today: ", f"check {settings.procedures_text}, and the local contacts at the end of this session."))
    label = "what would you do today?"
    deck.text_slides(review.title, today_blocks, label, notes=_notes(
        f"Ask the group what they would do today before showing the answers. What is on the slide is what the source said in {review.year}: routes, forms and contacts may have changed since.",
        run="Pairs for three minutes, then take answers from the room; correct anything that is out of date against today's procedures.",
        timing=_minutes(today_time)))
    questions = [Para.of("Small groups: discuss one or two of these, then share one point with the room.")]
    questions += [Para.of(q, "bullet") for q in reflection_questions(review)]
    deck.text_slides(review.title, questions, "small-group reflection", notes=_notes(
        "Give each group one or two questions; ask for one point per group in feedback.",
        run="Groups of three or four; note feedback on a flip chart and keep it for the commitments at the end.",
        timing=_minutes(reflection_time)))
    deck.entries = set()


def _chronology(markdown: str) -> list[Para]:
    """The case study's dated sentences, in order, when the text gives at least two."""
    dated = []
    for sentence in sentences(" ".join(b.text for b in blocks(markdown) if b.kind == "text")):
        found = _DATED.search(sentence)
        if found:
            said = re.sub(rf"^(?:In|By|From|On)\s+{re.escape(found.group(0))},?\s+", "", sentence)
            dated.append(Para.lead(f"{found.group(0)}: ", said[:1].upper() + said[1:], "bullet"))
    return dated if len(dated) >= 2 else []


def _at_the_time(markdown: str, review: Review) -> list[Para]:
    """'What would happen today' as what the source said at the time, in its own year."""
    paras = []
    for block in _printed(blocks(markdown)):
        paras.append(block)
    if paras:
        paras.insert(0, Para.of(f"What the source said in {review.year} (check today's procedures before acting on it):", "subhead"))
    return paras


def _resources(themes: Sequence[Theme], sources: Iterable[Review], settings: Settings) -> list[Para]:
    kb_name, site_url = settings.kb_name, settings.site_url
    page = f": {site_url.rstrip('/')}/resources/" if site_url else ""
    paras = [
        Para.of("Find out more", "subhead"),
        Para.of(f"The Resources page of the {kb_name} knowledge base: assessment tools, guidance, helplines and reporting routes{page}", "bullet"),
    ]
    for theme in themes:
        where = f": {settings.theme_url(theme.id)}" if settings.theme_url(theme.id) else ""
        paras.append(Para.of(f"{theme.title}: every learning point across the knowledge base, with practice guidance{where}", "bullet"))
    paras.append(Para.of("Sources of the learning in this deck", "subhead"))
    by_source: dict[str, list[str]] = {}
    for review in sources:  # one line per source document, however many entries come from it
        url = settings.entry_url(review.id)
        by_source.setdefault(review.source.attribution(), []).append(f"{review.title}{f' ({url})' if url else ''}")
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
    """A 16:9 presentation with a title band in the partnership's colours, built slide by slide.

    `entries` names the entries whose material the slides being made carry, so
    that `save` can mark every such slide of a historic entry in its footer.
    """

    def __init__(self, title: str, settings: Settings, today: dt.date, template: bytes | None = None):
        self.template = template is not None
        self.prs = _from_template(template) if template is not None else Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(SLIDE_WIDTH), Inches(SLIDE_HEIGHT)
        self.settings = settings
        self.primary, self.accent = RGBColor.from_string(settings.primary), RGBColor.from_string(settings.accent)
        self.historic: dict[str, str] = {}  # entry id -> its mark, for every historic published entry
        self.entries: set[str] = set()
        self.carried: list[set[str]] = []  # per slide, the entries whose material it shows
        properties = self.prs.core_properties
        properties.title = title[:255]  # the file format's limit
        properties.subject = "Workshop slides"
        properties.author = f"{settings.partnership or settings.kb_name + ' knowledge base'}"[:255]
        properties.last_modified_by = properties.author
        properties.language = "en-GB"
        properties.created = properties.modified = dt.datetime.combine(today, dt.time())
        properties.revision = 1
        self.on_band = self.primary if self.template else RGBColor(0xFF, 0xFF, 0xFF)  # title text: the template has no band
        if not self.template:
            self._draw_master()

    def _draw_master(self) -> None:
        """The title band and accent lines, on the master and layout so they are background, not content."""
        master = self.prs.slide_master
        tree = master.shapes._spTree
        anchor = tree.find(qn("p:grpSpPr"))
        for offset, (name, top, height, colour) in enumerate(
            (("Title band", 0, BAND_HEIGHT, self.primary), ("Accent line", BAND_HEIGHT, 0.06, self.accent))
        ):
            anchor.addnext(_rectangle(100 + offset, name, 0, top, SLIDE_WIDTH, height, colour))
            anchor = anchor.getnext()
        cover = self.prs.slide_layouts[LAYOUT_COVER]
        cover._element.set("showMasterSp", "0")
        left, top = COVER_TITLE_BOX.left + fit.INSET_X, COVER_TITLE_BOX.top + COVER_TITLE_BOX.height + 0.15
        cover.shapes._spTree.find(qn("p:grpSpPr")).addnext(_rectangle(100, "Accent line", left, top, 2.5, 0.08, self.accent))

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
        self.carried.append(set(self.entries))
        return self.prs.slides.add_slide(_layouts(self.prs)[layout])

    def cover(self, title: str, lines: list[str], notes: str) -> None:
        slide = self._slide(LAYOUT_COVER)
        slide.notes_slide.notes_text_frame.text = notes
        if not self.template:
            background = slide.background.fill
            background.solid()
            background.fore_color.rgb = self.primary
        if self.settings.logo:
            slide.shapes.add_picture(str(self.settings.logo), Inches(SLIDE_WIDTH - 3.1), Inches(0.4), height=Inches(1.1)).name = "Logo"
        shape = slide.shapes.title
        _place(shape, COVER_TITLE_BOX)
        _write(shape.text_frame, [Para.of(title)], _cover_size(title), colour=self.on_band, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        subtitle = [Para.of(line) for line in lines]
        if not fit.fits(subtitle, COVER_SUBTITLE_SIZE, COVER_SUBTITLE_BOX):
            raise ExportError("the knowledge base name is too long for the title slide.")
        shape = slide.placeholders[1]
        _place(shape, COVER_SUBTITLE_BOX)
        _write(shape.text_frame, subtitle, COVER_SUBTITLE_SIZE, colour=INK if self.template else PALE)

    def text_slide(self, title: tuple[str, int], paras: list[Para], box: fit.Box, notes: str = ""):
        slide = self._slide(LAYOUT_CONTENT)
        text, size = title
        heading = slide.shapes.title
        _place(heading, TITLE_BOX)
        _write(heading.text_frame, [Para.of(text)], size, colour=self.on_band, bold=True, anchor=MSO_ANCHOR.MIDDLE)
        body = slide.placeholders[1]
        _place(body, box)
        _write(body.text_frame, paras, BODY_SIZE, colour=INK, heading=self.primary, bullet=self.accent)
        slide.notes_slide.notes_text_frame.text = notes
        return slide

    def text_slides(self, subject: str, paras: list[Para], label: str | None = None, notes: str = "", source: str = "") -> None:
        """As many slides as the text needs, titled '... (2 of 3)' when there is more than one; the source on the first only."""
        pages = fit.paginate(paras, BODY_SIZE, BODY_BOX)
        for number, page in enumerate(pages, 1):
            suffix = f" ({number} of {len(pages)})" if len(pages) > 1 else ""
            text = f"{notes}\n\n{source}" if source and number == 1 else notes
            if number > 1:  # the time is given once, on the first of the slides
                say = notes.split("\n\n", 1)[0]
                text = f"{say}\n\nTiming: part of the time on the first of these {len(pages)} slides."
            self.text_slide(self.title_for(subject, label, suffix), page, BODY_BOX, text)

    def chart(self, slide, counts: ThemeCounts, base: dict[int, int]) -> None:
        """A native column chart of entries on the theme against all entries, by year (counts with their base)."""
        years = [y for y in sorted(base) if counts.years and counts.years[0] <= y <= counts.years[-1]]
        data = CategoryChartData()
        data.categories = [str(y) for y in years]
        entries = [counts.entries_by_year.get(y, 0) for y in years]
        points = [base[y] for y in years]
        data.add_series("Entries on this theme", entries)
        data.add_series("All entries", points)
        box = CHART_BOX
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height), data
        )
        name = f"Entries on {lower_first(counts.theme.title)}, of all entries, by year"
        by_year = "; ".join(f"{y}: {e} of {plural(p, 'entry', 'entries')}" for y, e, p in zip(years, entries, points))
        properties = frame._element.nvGraphicFramePr.cNvPr
        properties.set("title", name)
        properties.set(
            "descr",
            f"Column chart of the entries on {lower_first(counts.theme.title)} and of all entries in the knowledge base, by year. {by_year}."
            " The knowledge base holds the reviews a partnership chose to add, not every review: the counts do not show trends.",
        )

        chart = frame.chart
        chart.font.name, chart.font.size = FONT, Pt(CHART_SIZE)
        chart.has_title = True
        chart.chart_title.text_frame.text = name
        title_font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
        title_font.size, title_font.bold, title_font.color.rgb = Pt(CHART_SIZE), True, self.primary
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
        for series, colour in zip(plot.series, (self.primary, GRID)):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour

    def save(self) -> bytes:
        """Number every slide, add the footer, and mark each slide carrying historic material; then the bytes."""
        total = len(self.prs.slides)
        name = f"{self.settings.kb_name} knowledge base"
        footer = self.settings.footer or self.settings.partnership or name[:1].upper() + name[1:]
        for number, (slide, carried) in enumerate(zip(self.prs.slides, self.carried), 1):
            marks = sorted({self.historic[e] for e in carried if e in self.historic})
            if number > 1:
                _footer_box(slide, "Footer", FOOTER_BOX, footer, GREY_TEXT, PP_ALIGN.LEFT)
            number_colour = RGBColor(0xFF, 0xFF, 0xFF) if number == 1 and not self.template else GREY_TEXT
            _footer_box(slide, "Slide number", NUMBER_BOX, f"{number} / {total}", number_colour, PP_ALIGN.RIGHT)
            if marks:
                old = [e for e in carried if e in self.historic]
                many = "every entry quoted here" if len(old) == len(carried) else f"{len(old)} of the {len(carried)} entries quoted here"
                text = self.historic[old[0]] if len(carried) == 1 else f"Historic learning: {many}"
                _footer_box(slide, "Historic learning mark", MARK_BOX, text, AMBER, PP_ALIGN.CENTER, bold=True)
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _from_template(template: bytes):
    """The partnership's own .pptx as the base: its masters, layouts and theme; its slides removed."""
    try:
        prs = Presentation(io.BytesIO(template))
    except Exception as error:  # python-pptx raises several kinds for a file that is not a presentation
        raise ExportError(f"the template is not a PowerPoint (.pptx) file that can be read: {error}.") from None
    width, height = Emu(prs.slide_width).inches, Emu(prs.slide_height).inches
    if abs(width - SLIDE_WIDTH) > 0.02 or abs(height - SLIDE_HEIGHT) > 0.02:
        raise ExportError(
            f"the template's slides are {width:.2f} x {height:.2f} inches: save it with the Widescreen (16:9,"
            f" {SLIDE_WIDTH} x {SLIDE_HEIGHT} in) slide size and try again."
        )
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    _layouts(prs)  # refuse a template without the layouts a deck needs, before any work
    return prs


def _layouts(prs) -> tuple:
    """The title-slide layout and the title-and-content layout (PowerPoint's first two, or found by their placeholders)."""
    def has(layout, kinds) -> bool:
        found = {p.placeholder_format.idx: p.placeholder_format.type for p in layout.placeholders}
        return 0 in found and 1 in found and (kinds is None or found[1] in kinds)

    layouts = list(prs.slide_layouts)
    cover = next((l for l in layouts if has(l, (PP_PLACEHOLDER.SUBTITLE,))), None)
    content = next((l for l in layouts if has(l, (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT))), None)
    if cover is None or content is None:
        raise ExportError("the template needs a 'Title Slide' layout (title and subtitle) and a 'Title and Content' layout.")
    return cover, content


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


def _footer_box(slide, name: str, box: fit.Box, text: str, colour: RGBColor, align, bold: bool = False) -> None:
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    shape.name = name
    frame = shape.text_frame
    while fit.line_count(text, FOOTER_SIZE, box.text_width, bold) > 1 and len(text.split()) > 1:
        text = " ".join(text.split()[:-1])  # a footer is one line: a long partnership name loses its last words
    _write(frame, [Para.of(text)], FOOTER_SIZE, colour=colour, bold=bold, anchor=MSO_ANCHOR.MIDDLE)
    frame.paragraphs[0].alignment = align
    frame.paragraphs[0].space_before = Pt(0)


def _place(shape, box: fit.Box) -> None:
    shape.left, shape.top, shape.width, shape.height = Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)


def _write(
    frame, paras: list[Para], size: int, colour: RGBColor, bold: bool = False, anchor=MSO_ANCHOR.TOP, heading: RGBColor = NAVY, bullet: RGBColor = TEAL
) -> None:
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
        _bullet(paragraph, para, bullet)
        for text, is_bold in para.runs:
            run = paragraph.add_run()
            run.text = text
            font = run.font
            font.name, font.size = FONT, Pt(size)
            font.bold = bold or is_bold or para.kind == "subhead"
            font.color.rgb = heading if para.kind == "subhead" else colour
            font.language_id = MSO_LANGUAGE_ID.ENGLISH_UK


def _bullet(paragraph, para: Para, bullet_colour: RGBColor = TEAL) -> None:
    properties = paragraph._p.get_or_add_pPr()
    indent = Inches(fit.INDENT[para.kind])
    properties.set("marL", str(indent))
    properties.set("indent", str(-indent))
    if para.kind == "bullet":
        colour = etree.SubElement(properties, qn("a:buClr"))
        etree.SubElement(colour, qn("a:srgbClr")).set("val", str(bullet_colour))
        etree.SubElement(properties, qn("a:buFont")).set("typeface", FONT)
        etree.SubElement(properties, qn("a:buChar")).set("char", "•")
    elif para.kind == "number":
        numbering = etree.SubElement(properties, qn("a:buAutoNum"))
        numbering.set("type", "arabicPeriod")
        numbering.set("startAt", str(max(1, para.number)))
    else:
        etree.SubElement(properties, qn("a:buNone"))
