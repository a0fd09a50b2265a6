"""Trainers' exports: open the generated .pptx and .docx files and check what a trainer relies on."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu

from lscb_kb.exports import ExportError, SelectionError
from lscb_kb.exports.briefing import PAGE_BUDGET, SECTIONS, briefing_docx, briefing_markdown, build_briefing
from lscb_kb.exports.common import theme_counts
from lscb_kb.files import write_atomic
from lscb_kb.exports.deck import build_deck
from lscb_kb.exports.handout import handout_docx, handout_markdown
from lscb_kb.exports.text import blocks, items, plain

SONIA = "cambs-peterborough-2018-sonia-cse-review"
FOOTERS = ("Footer", "Slide number", "Historic learning mark")
SECTION_11 = "cambs-peterborough-2018-section-11-audit"
TODAY = dt.date(2025, 11, 22)


def squash(text: str) -> str:
    return " ".join(text.split())


def frame_text(shape) -> str:
    return "\n".join(p.text for p in shape.text_frame.paragraphs) if shape.has_text_frame else ""


def slide_text(slide) -> str:
    return squash(" ".join(frame_text(s) for s in slide.shapes))


def notes_text(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


@pytest.fixture(scope="module")
def deck(shipped):
    """The workshop of the issue: neglect and voice of the child, the Sonia review, and an audit with key figures."""
    data = build_deck(shipped, ["neglect", "lived experience"], [SONIA, SECTION_11], today=TODAY)
    return Presentation(io.BytesIO(data))


def test_deck_is_widescreen(deck):
    assert (round(Emu(deck.slide_width).inches, 2), round(Emu(deck.slide_height).inches, 2)) == (13.33, 7.5)


def test_every_slide_has_a_real_title_first_in_reading_order(deck):
    for number, slide in enumerate(deck.slides, 1):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder, f"slide {number} has no title placeholder"
        assert title.text.strip(), f"slide {number} has an empty title"
        assert slide.shapes[0].shape_id == title.shape_id, f"slide {number}: the title is not first in reading order"


def test_deck_has_a_workshops_shape(deck, shipped):
    titles = [slide.shapes.title.text for slide in deck.slides]
    sonia = shipped.review(SONIA).title
    audit = shipped.review(SECTION_11).title
    assert titles[0] == "Neglect and the voice of the child"
    assert titles[1:3] == ["Agenda", "Ground rules"]
    assert titles[3:5] == ["Aims", "Learning outcomes"]  # too much for one slide, so split at the sub-heading
    outcomes = slide_text(deck.slides[4])
    assert "describe neglect and why it keeps recurring" in outcomes and f"summarise the key learning from {sonia}" in outcomes
    warning = titles.index("Content warning and support")
    first_case = next(i for i, t in enumerate(titles) if t.startswith((sonia, audit)))
    assert warning < first_case, "the content warning comes before any case"
    assert "sexual exploitation" in slide_text(deck.slides[warning])
    assert "Neglect: what it is" in titles and "Neglect: what good practice looks like" in titles
    activity = " ".join(slide_text(s) for s in deck.slides if s.shapes.title.text.startswith("Small-group activity"))
    assert "When did anyone last see this child" in activity  # a theme's "questions to ask"
    assert titles.index("Break") < first_case
    for label in ("the case", "chronology", "learning points", "what would you do today?", "small-group reflection"):
        assert any(t.startswith(f"{sonia} – {label}") for t in titles), label
    assert any(t.startswith(f"{audit} – key figures") for t in titles)
    assert not any(t.startswith(f"{sonia} – key figures") for t in titles), "Sonia has no key figures section"
    assert titles[-5:] == ["One thing I will do differently", "Local contacts and escalation", *titles[-3:-1], "Evaluation"]
    assert titles[-3].startswith("Resources and sources")
    cover = slide_text(deck.slides[0])
    assert "A 90-minute workshop · 22 November 2025" in cover and "Built from the safeguarding case reviews knowledge base" in cover


def test_every_slide_has_a_number_a_footer_and_facilitator_notes(deck, shipped):
    total = len(deck.slides)
    for number, slide in enumerate(deck.slides, 1):
        names = {shape.name: shape for shape in slide.shapes}
        assert names["Slide number"].text_frame.text == f"{number} / {total}"
        assert number == 1 or "knowledge base" in names["Footer"].text_frame.text
        notes = notes_text(slide)
        assert notes.startswith("Say: ") and "Timing: " in notes, (number, slide.shapes.title.text)
        assert not re.search(r"\b(below|above|the deck)\b", notes), (number, notes)
    plan = notes_text(deck.slides[0])
    assert "Plan for this 90-minute workshop" in plan and "Break" in plan


def test_length_picks_a_running_order_whose_parts_add_up(shipped):
    from lscb_kb.exports.deck import PLAN

    decks = {}
    for length in (60, 90, 120):
        prs = Presentation(io.BytesIO(build_deck(shipped, ["voice of the child"], ["Sonia"], length=length, today=TODAY)))
        decks[length] = [s.shapes.title.text for s in prs.slides]
        minutes = [int(m) for m in re.findall(r"(\d+) min – ", slide_text(prs.slides[1]))]
        assert sum(minutes) == length == sum(PLAN[length].values())
        timings = [int(m) for s in prs.slides for m in re.findall(r"^Timing: (\d+) minutes?", notes_text(s), re.M)]
        assert sum(timings) == length, "the facilitator notes' timings add up to the workshop"
    assert "Break" not in decks[60] and "Break" in decks[90] and "Break" in decks[120]
    assert not any(t.startswith("Small-group activity") for t in decks[60])
    with pytest.raises(ExportError, match="60, 90 or 120"):
        build_deck(shipped, ["neglect"], [], length=45)


def test_historic_material_is_marked_on_every_slide_that_carries_it(deck, shipped):
    sonia = shipped.review(SONIA).title
    for slide in deck.slides:
        title = slide.shapes.title.text
        marks = [s.text_frame.text for s in slide.shapes if s.name == "Historic learning mark"]
        if title.startswith(sonia):
            assert marks and "source expired 2019" in marks[0], title
        if title.endswith("learning from reviews"):
            assert marks and "historic learning" in slide_text(slide), title
        if title in ("Agenda", "Ground rules", "Evaluation"):
            assert not marks, title
    today_slide = next(s for s in deck.slides if "what would you do today?" in s.shapes.title.text)
    text = slide_text(today_slide)
    assert "What the source said in 2018" in text and "the deck" not in text.lower()


def test_long_lists_continue_over_numbered_slides(deck, shipped):
    audit = shipped.review(SECTION_11).title
    figure_slides = [s.shapes.title.text for s in deck.slides if s.shapes.title.text.startswith(f"{audit} – key figures")]
    assert len(figure_slides) > 1, "21 key figures cannot fit one slide at a readable size"
    assert figure_slides == [f"{audit} – key figures ({n} of {len(figure_slides)})" for n in range(1, len(figure_slides) + 1)]


def test_every_learning_point_and_key_figure_of_the_selection_is_present(deck, shipped):
    everything = squash(" ".join(slide_text(s) for s in deck.slides))
    for ident in (SONIA, SECTION_11):
        for point in shipped.review(ident).learning:
            assert squash(plain(point.point)) in everything
    for figure in items(shipped.review(SECTION_11).sections["Key figures"]):
        assert squash(figure.text) in everything


def test_markdown_comes_out_as_clean_text(deck):
    everything = " ".join(slide_text(s) for s in deck.slides)
    assert "**" not in everything and "](" not in everything
    # the Sonia entry links "[Cambridgeshire Police website](http://www.cambs.police.uk)": the link text stays
    assert "Cambridgeshire Police website" in everything


def estimated_height(shape) -> float:
    """An independent estimate (points) of the text's height: Arial prose averages 0.42 em a character."""
    frame = shape.text_frame
    width = Emu(shape.width - frame.margin_left - frame.margin_right).pt
    total = 0.0
    for paragraph in frame.paragraphs:
        text = "".join(r.text for r in paragraph.runs)
        size = max(r.font.size.pt for r in paragraph.runs)
        indent = Emu(int(paragraph._p.pPr.get("marL", "0"))).pt
        per_line = int((width - indent) / (0.42 * size))
        lines, used = 1, 0
        for word in text.split():
            if used and used + 1 + len(word) > per_line:
                lines, used = lines + 1, len(word)
            else:
                used += (1 if used else 0) + len(word)
        total += lines * 1.2 * size + (paragraph.space_before.pt if paragraph.space_before else 0)
    return total


def test_no_text_box_overflows_its_box_or_the_slide(deck):
    slide_width, slide_height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, f"slide {number}: {shape.name} starts off the slide"
            assert shape.left + shape.width <= slide_width and shape.top + shape.height <= slide_height, f"slide {number}: {shape.name}"
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            frame = shape.text_frame
            room = Emu(shape.height - frame.margin_top - frame.margin_bottom).pt
            assert estimated_height(shape) <= room, f"slide {number} ({slide.shapes.title.text}): {shape.name} overflows"


def test_fonts_are_readable_from_the_back_of_the_room(deck):
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                minimum = 28 if shape.shape_id == slide.shapes.title.shape_id else 12 if shape.name in FOOTERS else 18
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is not None and run.font.size.pt >= minimum, f"slide {number}: '{run.text[:30]}'"
            if shape.has_chart:
                assert shape.chart.font.size.pt >= 18


def test_a_theme_chart_shows_counts_with_their_base_and_only_when_there_are_enough_entries(deck, shipped):
    assert not any(shape.has_chart for slide in deck.slides for shape in slide.shapes), "6 and 9 entries: no chart"
    prs = Presentation(io.BytesIO(build_deck(shipped, ["information sharing"], [], today=TODAY)))
    charts = [(slide, shape) for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    slide, frame = charts[0]
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    description = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert "of all entries" in chart.chart_title.text_frame.text and "do not show trends" in description
    counts = theme_counts(shipped, shipped.themes["information-sharing"])
    on_theme, everything = chart.plots[0].series
    years = [int(y) for y in chart.plots[0].categories]
    assert list(on_theme.values) == [counts.entries_by_year.get(y, 0) for y in years]
    assert list(everything.values) == [sum(r.year == y for r in shipped.reviews) for y in years]
    assert counts.sentence() in slide_text(slide)


def test_speaker_notes_give_the_source_once_per_entry(deck, shipped):
    for ident in (SONIA, SECTION_11):
        review = shipped.review(ident)
        slides = [s for s in deck.slides if s.shapes.title.text.startswith(review.title)]
        assert len(slides) >= 4
        with_source = [s for s in slides if review.source.attribution() in notes_text(s)]
        assert with_source == slides[:1], "the source once, on the entry's first slide"
        assert "Historic learning" in notes_text(slides[0])  # both entries are archived
        assert "Historic learning" in slide_text(slides[0]) + slide_text(slides[1])


def test_a_deck_from_one_review_alone(shipped):
    review = shipped.review("liverpool-2016-child-a-alex")
    prs = Presentation(io.BytesIO(build_deck(shipped, [], [review.id], today=TODAY)))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[0] == f"Learning from {review.title}"
    assert not any(s.has_chart for slide in prs.slides for s in slide.shapes)
    overview = next(s for s in prs.slides if s.shapes.title.text.startswith(review.title))
    assert review.source.attribution() in notes_text(overview)
    assert "more than 5 years ago" in slide_text(overview) + notes_text(overview)  # published in 2016: historic by age
    recent = Presentation(io.BytesIO(build_deck(shipped, [], [review.id], today=dt.date(2019, 1, 1))))
    assert not any(s.name == "Historic learning mark" for slide in recent.slides for s in slide.shapes)


def test_a_long_entry_is_split_and_nothing_is_lost(kb):
    points = [{"point": f"Learning point number {n}: " + "practitioners should see the child and record what they say. " * 3} for n in range(30)]
    body = "## Overview\n\nWhat happened.\n\n## Findings\n\nFound.\n\n## Case study\n\n" + ("A long paragraph of the case study. " * 120)
    kb.write("test-2020-long", learning=points, body=body)
    from lscb_kb.catalogue import load_catalogue

    published = load_catalogue(kb.root).published()
    prs = Presentation(io.BytesIO(build_deck(published, [], ["test-2020-long"], title="A very long entry", today=TODAY)))
    titles = [s.shapes.title.text for s in prs.slides]
    learning = [t for t in titles if "learning points (" in t]
    assert len(learning) >= 3 and learning[-1].endswith(f"({len(learning)} of {len(learning)})")
    assert sum("the case (" in t for t in titles) >= 2
    everything = squash(" ".join(slide_text(s) for s in prs.slides))
    for point in points:
        assert squash(point["point"]) in everything
    for slide in prs.slides:
        body = slide.placeholders[1]
        room = Emu(body.height - body.text_frame.margin_top - body.text_frame.margin_bottom).pt
        assert estimated_height(body) <= room, slide.shapes.title.text
    assert "small-group reflection" in " ".join(titles)  # questions generated from the points


def test_a_title_too_long_for_the_title_slide_is_refused(shipped):
    with pytest.raises(ExportError, match="too long"):
        build_deck(shipped, ["neglect"], [], title="A workshop " * 40)


@pytest.mark.parametrize("builder", ["deck", "briefing_docx", "briefing_markdown"])
@pytest.mark.parametrize("status", ["embargoed", "draft"])
def test_unpublished_and_unknown_entries_are_refused_by_name(kb, builder, status):
    kb.write("test-2020-public")
    kb.write("test-2020-hidden", status=status)
    from lscb_kb.catalogue import load_catalogue

    published = load_catalogue(kb.root).published()
    build = {
        "deck": lambda ident: build_deck(published, [], ["test-2020-public", ident]),
        "briefing_docx": lambda ident: briefing_docx(published, ident),
        "briefing_markdown": lambda ident: briefing_markdown(published, ident),
    }[builder]
    for ident in ("test-2020-hidden", "test-2020-no-such-entry"):
        with pytest.raises(SelectionError, match=ident) as caught:
            build(ident)
        assert caught.value.name == ident and caught.value.kind == "review"


@pytest.mark.parametrize("builder", [handout_markdown, handout_docx, lambda p, t: build_deck(p, [t], [])])
def test_unknown_themes_are_refused_with_a_suggestion(shipped, builder):
    with pytest.raises(SelectionError, match="'neglct'.*Did you mean 'neglect'"):
        builder(shipped, "neglct")


def briefing_boxes_of(document) -> dict[str, str]:
    """The grid's boxes: heading (without its number) -> the box's text."""
    (table,) = document.tables
    boxes = {}
    for cell in {c._tc: c for row in table.rows for c in row.cells}.values():
        heading, *rest = cell.paragraphs
        assert heading.style.name == "Heading 1"
        boxes[squash(heading.text)] = "\n".join(p.text for p in rest)
    return boxes


def test_briefing_is_seven_numbered_boxes_in_a_grid(shipped):
    review = shipped.review(SONIA)
    document = Document(io.BytesIO(briefing_docx(shipped, SONIA, today=TODAY)))
    assert document.paragraphs[0].style.name == "Title" and review.title in document.paragraphs[0].text
    boxes = briefing_boxes_of(document)
    assert list(boxes) == [f"{n} {name}" for n, name in enumerate(SECTIONS, 1)]
    assert all(text.strip() for text in boxes.values()), boxes
    assert len(document.tables[0].rows) == 4 and len(document.tables[0].columns) == 2
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Historic learning" in text and "not used after 2019" in text
    assert text.count(review.source.licence) == 1, "the copying terms are stated once, at the foot"
    assert review.source.licence not in boxes["7 Further information"]
    assert "Produced 22 November 2025" in text
    assert document.core_properties.title == document.paragraphs[0].text


def test_briefing_keeps_every_question_no_cut_sentence_and_no_point_twice(shipped):
    from lscb_kb.exports.common import reflection_questions

    def words(text):
        return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}

    def same(a, b):  # most words of both sentences shared: the same point said twice
        return len(words(a) & words(b)) / max(len(words(a)), len(words(b)), 1) >= 0.6

    for review in shipped.reviews:
        briefing = build_briefing(shipped, review.id, today=TODAY)
        assert briefing.one_page, review.id
        boxes = dict(briefing.sections)
        questions = [p.text for p in boxes["5. Questions for reflection"]]
        assert questions == reflection_questions(review), review.id
        blocks_ = [(name, p.text) for name, paras in briefing.sections for p in paras]
        assert not any("…" in text for _, text in blocks_), review.id
        points = [(name, s) for name, text in blocks_ if not name.startswith(("5.", "7.")) for s in text.split(". ") if len(s) > 40]
        for index, (name, sentence) in enumerate(points):
            twice = [other for other_name, other in points[index + 1 :] if other_name != name and same(sentence, other)]
            assert not twice, (review.id, name, sentence, twice)


def test_briefing_names_what_the_issue_found_missing_or_repeated(shipped):
    sonia = dict(build_briefing(shipped, SONIA, today=TODAY).sections)
    assert any("what life was like for her" in p.text for p in sonia["4. Learning"])
    alex = build_briefing(shipped, "liverpool-2016-child-a-alex", today=TODAY)
    bruising = [name for name, paras in alex.sections for p in paras if "bruis" in p.text.lower() and not name.startswith("5.")]
    assert len(bruising) == 1, bruising
    assert "Historic learning" in alex.notice and "more than 5 years ago" in alex.notice


def test_briefing_markdown_keeps_the_seven_sections_and_clean_source_line(shipped):
    markdown = briefing_markdown(shipped, SONIA, today=TODAY)
    assert markdown.startswith(f"# 7-minute briefing: {shipped.review(SONIA).title}\n")
    assert re.findall(r"^## (.+)$", markdown, re.M) == [f"{n}. {name}" for n, name in enumerate(SECTIONS, 1)]
    assert "Produced 22 November 2025" in markdown
    source_line = [line for line in markdown.splitlines() if line.startswith("Source:")]
    assert len(source_line) == 1 and "*" not in source_line[0]
    assert "**Historic learning:**" in markdown


def test_briefing_actions_are_phrased_for_practitioners(shipped):
    markdown = briefing_markdown(shipped, SONIA, today=TODAY)
    actions = markdown.split("## 6. What you should do", 1)[1].split("## 7.", 1)[0]
    bullets = [line[2:] for line in actions.splitlines() if line.startswith("- ")]
    assert bullets[0] == "Whenever a child or young person goes missing, consider child sexual exploitation and complete home and safe and well checks."
    assert "Check that parents and carers understand what a letter says." in bullets
    assert bullets[-1].startswith("Talk about this briefing")
    from lscb_kb.exports.briefing import _as_action

    assert _as_action("Assessments should take account of fathers.") == "Make sure assessments take account of fathers."
    assert _as_action("A referral should carry the history.") == "Make sure a referral carries the history."
    assert _as_action("Neglect should be assessed with a tool.") == "Make sure neglect is assessed with a tool."


def test_a_briefing_fits_one_page_however_long_the_entry(kb):
    long = "A sentence about what happened in this family over many years. " * 60
    points = [{"point": "Practitioners should " + "keep asking about the child's daily life and record it. " * 4} for _ in range(12)]
    figures = "\n".join(f"- {n} of 100 cases ({n}%) met the standard." for n in range(40))
    body = f"## Overview\n\n{long}\n\n{long}\n\n## Key figures\n\n{figures}\n\n## Findings\n\n{long}\n"
    kb.write("test-2020-long", learning=points, body=body, type="audit", summary="A sentence about what happened in this family over many years. " * 6)
    from lscb_kb.catalogue import load_catalogue
    from lscb_kb.exports.briefing import page_height

    published = load_catalogue(kb.root).published()
    briefing = build_briefing(published, "test-2020-long", today=TODAY)
    assert briefing.one_page and page_height(briefing) <= PAGE_BUDGET
    assert not [p.text for _, paras in briefing.sections for p in paras if "…" in p.text]


def test_handout_lists_every_point_on_the_theme_newest_first(shipped):
    markdown = handout_markdown(shipped, ["voice-of-the-child"], today=TODAY)
    assert markdown.startswith("# The voice of the child: learning from reviews")
    expected = [
        (review, [p for p in review.learning if "voice-of-the-child" in review.point_themes(p)])
        for review in shipped.with_theme("voice-of-the-child")
    ]
    expected = [(review, points) for review, points in expected if points]
    headings = re.findall(r"^#### (.+)$", markdown, re.M)
    assert headings == [review.title for review, _ in expected]
    assert [r.published for r, _ in expected] == sorted((r.published for r, _ in expected), reverse=True)
    for review, points in expected:
        section = markdown.split(f"#### {review.title}\n", 1)[1].split("\n#", 1)[0]
        assert f"{review.year} · {review.type_label} · {review.board}" in section
        for point in points:
            assert squash(plain(point.point)) in squash(section.replace("\\", ""))


def test_handout_covers_several_themes_with_guidance_sources_once_and_notes(shipped):
    from lscb_kb.exports.settings import Settings

    settings = Settings(site_url="https://learning.example.org/")
    data = handout_docx(shipped, ["professional curiosity", "voice of the child"], settings=settings, today=TODAY)
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Professional curiosity", "Voice and lived experience of the child", "Sources", "Notes"]
    assert paragraphs[0] == "Professional curiosity and the voice of the child: learning from reviews"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"].count("Questions to ask") == 2
    assert "What have I actually seen for myself, and what have I only been told?" in paragraphs
    text = "\n".join(paragraphs)
    cambs = shipped.review(SONIA).source
    assert text.count(cambs.licence) == 1 and text.count(cambs.attribution()) == 1, "each source once"
    assert "https://learning.example.org/reviews/cambs-peterborough-2018-sonia-cse-review/" in text
    assert "Historic learning (2018; archived; source expired 2019)" in text
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    notes = [p for p in document.paragraphs if p.style.name == "Heading 1" and p.text == "Notes"][0]
    assert notes.paragraph_format.page_break_before


def test_handout_docx_accepts_a_synonym(shipped):
    document = Document(io.BytesIO(handout_docx(shipped, ["lived experience"], today=TODAY)))
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "The voice of the child: learning from reviews"
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets and all("**" not in p.text for p in bullets)


def test_markdown_is_turned_into_text_and_blocks():
    assert plain("**Bold** and [a link](https://example.org/a_(b)) and *emphasis* and `code` &amp; more") == "Bold and a link and emphasis and code & more"
    found = blocks("Intro:\n\n- **Lead.** one\n  continued\n- two\n\n1. first\n2. second\n\n**A heading**\n\nText.")
    assert [(b.kind, b.text) for b in found] == [
        ("text", "Intro:"),
        ("bullet", "Lead. one continued"),
        ("bullet", "two"),
        ("number", "first"),
        ("number", "second"),
        ("subhead", "A heading"),
        ("text", "Text."),
    ]
    assert found[1].runs[0] == ("Lead.", True)


def test_write_atomic_replaces_whole_files_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out" / "deck.pptx"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # fails half-way: after the temporary file was made
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["deck.pptx"]


# The command line ------------------------------------------------------------------------------


def test_cli_writes_a_deck_a_briefing_and_a_handout(kb, tmp_path):
    kb.write("test-2020-example")
    out = tmp_path / "exports"
    result = kb.run("export", "deck", "--theme", "neglect", "--theme", "lived experience", "--review", "test-2020-example", "--out", str(out / "w.pptx"))
    assert result.exit_code == 0, result.output
    assert len(Presentation(out / "w.pptx").slides) > 5
    for name in ("b.docx", "b.md"):
        result = kb.run("export", "briefing", "test-2020-example", "--out", str(out / name))
        assert result.exit_code == 0, result.output
    assert "## 1. Background" in (out / "b.md").read_text(encoding="utf-8")
    assert Document(out / "b.docx").paragraphs[0].style.name == "Title"
    result = kb.run("export", "handout", "--theme", "DNA", "--format", "docx", "--out", str(out / "h"))
    assert result.exit_code == 0, result.output
    assert Document(out / "h").paragraphs[0].text.startswith("Was not brought")
    assert sorted(p.name for p in out.iterdir()) == ["b.docx", "b.md", "h", "w.pptx"]


@pytest.mark.parametrize("status", ["embargoed", "draft"])
def test_cli_refuses_unpublished_entries_and_keeps_the_old_file(kb, tmp_path, status):
    kb.write("test-2020-example")
    kb.write("test-2020-secret", status=status)
    deck, briefing = tmp_path / "deck.pptx", tmp_path / "brief.docx"
    deck.write_bytes(b"the trainer's previous deck")
    result = kb.run("export", "deck", "--review", "test-2020-example", "--review", "test-2020-secret", "--out", str(deck))
    assert result.exit_code == 2
    assert f"'test-2020-secret' is {status}" in result.output and "never exported" in result.output
    assert "Traceback" not in result.output
    assert deck.read_bytes() == b"the trainer's previous deck"
    result = kb.run("export", "briefing", "test-2020-secret", "--out", str(briefing))
    assert result.exit_code == 2 and "test-2020-secret" in result.output
    assert not briefing.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx", "kb"]


def test_cli_unknown_names_and_bad_file_names_are_usage_errors(kb, tmp_path):
    kb.write("test-2020-example")
    cases = [
        (("export", "deck", "--review", "test-2020-exampel", "--out", "x.pptx"), "Did you mean 'test-2020-example'"),
        (("export", "deck", "--theme", "neglct", "--out", "x.pptx"), "Did you mean 'neglect'"),
        (("export", "deck", "--out", "x.pptx"), "at least one --theme or --review"),
        (("export", "deck", "--theme", "neglect", "--out", "x.ppt"), "does not end in .pptx"),
        (("export", "briefing", "no-such-entry", "--out", "x.docx"), "'no-such-entry' is not a published entry"),
        (("export", "briefing", "test-2020-example", "--out", "x.txt"), "does not end in .docx or .md"),
        (("export", "handout", "--theme", "neglect", "--format", "docx", "--out", "x.md"), "ends in .md but --format is docx"),
        (("export", "handout", "--theme", "nothing-like-it", "--out", "x.md"), "'nothing-like-it' is not a theme"),
    ]
    for args, message in cases:
        result = kb.run(*[str(tmp_path / a) if a.startswith("x.") else a for a in args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb"]


def test_every_export_command_has_help_with_an_example(kb):
    for command in ("deck", "briefing", "handout"):
        result = kb.run("export", command, "--help")
        assert result.exit_code == 0 and "Example" in result.output


def test_cli_names_themes_and_entries_as_trainers_do(tmp_path):
    from click.testing import CliRunner

    from lscb_kb.cli import cli
    from tests.conftest import REPO

    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, ["--root", str(REPO), "export", *args])

    deck = tmp_path / "w.pptx"
    result = run("deck", "--theme", "voice of the child", "--theme", "child exploitation", "--review", "Sonia", "--length", "60", "--out", str(deck))
    assert result.exit_code == 0, result.output
    assert "Warning: the source of 'cambs-peterborough-2018-sonia-cse-review' asked that its material is not used after 2019" in result.output
    titles = [s.shapes.title.text for s in Presentation(deck).slides]
    assert titles[0] == "The voice of the child and child sexual exploitation"
    result = run("deck", "--theme", "exploitation", "--out", str(deck))
    assert result.exit_code == 2
    assert "could mean 2 themes" in result.output and "child-sexual-exploitation" in result.output and "criminal-exploitation-and-youth-violence" in result.output
    result = run("deck", "--review", "Child", "--out", str(deck))
    assert result.exit_code == 2 and "matches" in result.output and "liverpool-2016-child-a-alex" in result.output
    result = run("deck", "--theme", "neglect", "--out", str(tmp_path / "w.ppt"))
    assert result.exit_code == 2 and "--format" not in result.output
    handout = tmp_path / "h.md"
    result = run("handout", "--theme", "neglect", "--theme", "voice of the child", "--out", str(handout))
    assert result.exit_code == 0, result.output
    assert result.output.count("Warning") == 1 and "the sources of 5 entries" in result.output
    text = handout.read_text(encoding="utf-8")
    assert "## Neglect" in text and "## Voice and lived experience of the child" in text
    result = run("briefing", "Sonia", "--out", str(tmp_path / "b.docx"))
    assert result.exit_code == 0 and "Warning" in result.output and "second page" not in result.output
    for command in ("deck", "briefing", "handout"):
        assert "--root" in run(command, "--help").output


def test_settings_come_from_lscb_kb_yml_and_a_wrong_one_names_its_line(kb, tmp_path):
    from lscb_kb.exports.settings import read_settings

    kb.write("test-2020-example")
    settings = read_settings(kb.root)
    assert settings.historic_after_years == 5 and settings.contacts and settings.support
    config = kb.root / "lscb-kb.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("  # colours: {primary", "  colours: {primary: navy}\n  # colours: {primary"), encoding="utf-8")
    result = kb.run("export", "briefing", "test-2020-example", "--out", str(tmp_path / "b.docx"))
    line = config.read_text(encoding="utf-8").splitlines().index("  colours: {primary: navy}") + 1
    assert result.exit_code == 2 and f"lscb-kb.yml:{line}: 'primary' must be a colour" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "b.docx").exists()
    config.write_text(original.replace("  contacts:", "  contact:"), encoding="utf-8")
    result = kb.run("export", "briefing", "test-2020-example", "--out", str(tmp_path / "b.docx"))
    assert result.exit_code == 2 and "'contact' is not a training setting. Did you mean 'contacts'?" in result.output
    config.write_text(original.replace("historic_after_years: 5", "historic_after_years: 0").replace("# site_url:", "site_url:"), encoding="utf-8")
    settings = read_settings(kb.root)
    assert settings.historic_after_years == 0 and settings.entry_url("x") == "https://learning.example.org/reviews/x/"


def test_branding_from_settings_and_the_partnerships_own_templates(shipped, tmp_path):
    from docx import Document as NewDocument
    from PIL import Image
    from pptx.util import Inches

    from lscb_kb.exports.settings import Settings

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (200, 30, 30)).save(logo)
    settings = Settings(logo=logo, primary="7A1F5C", accent="F2A900", footer="Exampleshire Partnership – learning from reviews")
    prs = Presentation(io.BytesIO(build_deck(shipped, ["neglect"], [], settings=settings, today=TODAY)))
    assert any(s.name == "Logo" for s in prs.slides[0].shapes)
    assert str(prs.slides[0].background.fill.fore_color.rgb) == "7A1F5C"
    footers = {s.text_frame.text for slide in prs.slides for s in slide.shapes if s.name == "Footer"}
    assert footers == {"Exampleshire Partnership – learning from reviews"}
    document = Document(io.BytesIO(briefing_docx(shipped, SONIA, settings=settings, today=TODAY)))
    assert document.inline_shapes and "Exampleshire Partnership" in document.paragraphs[-1].text

    template = NewDocument()
    template.sections[0].header.paragraphs[0].text = "EXAMPLESHIRE PARTNERSHIP"
    template.add_paragraph("Text of the template that must not appear.")
    buffer = io.BytesIO()
    template.save(buffer)
    for data in (briefing_docx(shipped, SONIA, template=buffer.getvalue(), today=TODAY), handout_docx(shipped, ["neglect"], template=buffer.getvalue(), today=TODAY)):
        made = Document(io.BytesIO(data))
        assert made.sections[0].header.paragraphs[0].text == "EXAMPLESHIRE PARTNERSHIP"
        assert "Text of the template" not in "\n".join(p.text for p in made.paragraphs)
    with pytest.raises(ExportError, match="not a Word document"):
        briefing_docx(shipped, SONIA, template=b"not a zip", today=TODAY)

    base = Presentation()
    base.slide_width, base.slide_height = Inches(13.333), Inches(7.5)
    base.slides.add_slide(base.slide_layouts[5]).shapes.title.text = "The template's own slide"
    buffer = io.BytesIO()
    base.save(buffer)
    prs = Presentation(io.BytesIO(build_deck(shipped, ["neglect"], [], template=buffer.getvalue(), today=TODAY)))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[0] == "Neglect" and "The template's own slide" not in titles
    narrow = Presentation()
    buffer = io.BytesIO()
    narrow.save(buffer)
    with pytest.raises(ExportError, match="Widescreen"):
        build_deck(shipped, ["neglect"], [], template=buffer.getvalue())


def test_no_web_page_phrases_or_the_deck_in_any_slide_notes_or_briefing(shipped):
    phrase = re.compile(r"\bthe deck\b|\bthe case study below\b|\b(?:listed|given|shown) (?:above|below)\b", re.IGNORECASE)
    prs = Presentation(io.BytesIO(build_deck(shipped, ["neglect"], [r.id for r in shipped.reviews], length=120, today=TODAY)))
    for number, slide in enumerate(prs.slides, 1):
        found = phrase.search(slide_text(slide) + " " + notes_text(slide))
        assert not found, (number, slide.shapes.title.text, found.group(0))
    for review in shipped.reviews:
        briefing = build_briefing(shipped, review.id, today=TODAY)
        text = " ".join(p.text for _, paras in briefing.sections for p in paras)
        assert not phrase.search(text), (review.id, phrase.search(text).group(0))


def test_markdown_bold_after_punctuation_is_still_bold():
    from lscb_kb.exports.text import Para, md_runs

    text = md_runs(Para((("Source: ", True), ("Audits", False), (". Copying terms: ", True), ("free", False))))
    assert text == "**Source:** Audits. **Copying terms:** free"


def test_an_entry_that_cannot_fit_one_page_runs_on_and_the_command_says_so(kb, tmp_path):
    questions = "\n".join(f"- Question {n}: what would you do if this happened in your own team, and who would you tell first?" for n in range(45))
    kb.write("test-2020-many", body=f"## Overview\n\nWhat happened.\n\n## Findings\n\nFound.\n\n## Questions for reflection\n\n{questions}\n")
    result = kb.run("export", "briefing", "test-2020-many", "--out", str(tmp_path / "b.docx"))
    assert result.exit_code == 0, result.output
    assert "runs onto a second page" in result.output
    document = Document(tmp_path / "b.docx")
    boxes = briefing_boxes_of(document)
    assert boxes["5 Questions for reflection"].count("Question ") == 45, "every question kept"
    assert "cantSplit" not in document.tables[0]._tbl.xml
    result = kb.run("export", "briefing", "test-2020-many", "--out", str(tmp_path / "b.md"))
    assert result.exit_code == 0 and "second page" not in result.output
