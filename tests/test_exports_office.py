"""Real office software opens the exports: LibreOffice converts decks, briefings and a handout to PDF.

What a trainer would otherwise check by eye, page by page: every briefing is one
A4 page of seven boxes with no sentence cut short; no slide text runs off its
slide or into the footer; every slide has a number and a title; the content
warning comes before the case; historic material is marked wherever it shows.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from lscb_kb.exports.briefing import SECTIONS, briefing_docx
from lscb_kb.exports.deck import BODY_BOX, build_deck
from lscb_kb.exports.handout import handout_docx

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None,
        reason="LibreOffice (soffice) is not installed: run scripts/install-system-deps.sh (Debian packages libreoffice-impress, libreoffice-writer)",
    ),
]

SONIA = "cambs-peterborough-2018-sonia-cse-review"
TODAY = dt.date(2025, 11, 22)
FOOTERS = ("Footer", "Slide number", "Historic learning mark")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def to_pdf(files: list[Path], folder: Path) -> dict[str, Path]:
    """Convert with headless LibreOffice, using a throwaway profile so no user settings or locks interfere."""
    profile = folder / "libreoffice-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {f.stem: folder / f"{f.stem}.pdf" for f in files}


def pages(pdf: Path) -> int:
    """The PDF's page count: pdfinfo (poppler-utils) when installed, else the /Type /Page objects."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def words_by_page(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Each page's size and its words with their boxes, from `pdftotext -bbox`."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [
        (float(w), float(h), [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(body)])
        for w, h, body in _PAGE.findall(out)
    ]


def page_text(page) -> str:
    return " ".join(word[4] for word in page[2])


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed: run scripts/install-system-deps.sh")


@pytest.fixture(scope="module")
def converted(shipped, tmp_path_factory):
    """Two decks (60 and 120 minutes), every shipped entry's briefing and a two-theme handout, as PDFs."""
    folder = tmp_path_factory.mktemp("office")
    files = []
    for length in (60, 120):
        path = folder / f"deck-{length}.pptx"
        path.write_bytes(build_deck(shipped, ["neglect", "voice of the child"], [SONIA, "liverpool-2016-child-a-alex"], length=length, today=TODAY))
        files.append(path)
    for review in shipped.reviews:
        path = folder / f"briefing-{review.id}.docx"
        path.write_bytes(briefing_docx(shipped, review.id, today=TODAY))
        files.append(path)
    path = folder / "handout.docx"
    path.write_bytes(handout_docx(shipped, ["professional curiosity", "voice of the child"], today=TODAY))
    files.append(path)
    return {"pdfs": to_pdf(files, folder), "files": {f.stem: f for f in files}}


def test_every_shipped_briefing_is_one_page_of_seven_boxes_without_a_cut_sentence(shipped, converted):
    too_long = {}
    for review in shipped.reviews:
        pdf = converted["pdfs"][f"briefing-{review.id}"]
        assert pdf.read_bytes().startswith(b"%PDF")
        if pages(pdf) != 1:
            too_long[review.id] = pages(pdf)
    assert not too_long, f"briefings longer than one page: {too_long}"


@needs_poppler
def test_briefing_pages_show_the_seven_boxes_and_the_marks(shipped, converted):
    for review in shipped.reviews:
        (page,) = words_by_page(converted["pdfs"][f"briefing-{review.id}"])
        width, height, words = page
        text = page_text(page)
        for number, name in enumerate(SECTIONS, 1):
            assert f"{number} {name}" in text, (review.id, name)
        assert "…" not in text, review.id
        assert all(0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height for x0, y0, x1, y1, _ in words), review.id
        if review.is_archived or review.year < 2020:
            assert "Historic learning" in text, review.id
    sonia = page_text(words_by_page(converted["pdfs"][f"briefing-{SONIA}"])[0])
    assert "not used after 2019" in sonia and sonia.count("not to be used after 2019") == 1


@needs_poppler
@pytest.mark.parametrize("length", [60, 120])
def test_decks_convert_with_numbers_titles_notes_and_no_text_off_the_slide(shipped, converted, length):
    deck = converted["files"][f"deck-{length}"]
    prs = Presentation(deck)
    pdf_pages = words_by_page(converted["pdfs"][f"deck-{length}"])
    total = len(prs.slides)
    assert len(pdf_pages) == total
    body_bottom = (BODY_BOX.top + BODY_BOX.height) * 72
    titles = []
    for number, (slide, page) in enumerate(zip(prs.slides, pdf_pages), 1):
        title = slide.shapes.title.text
        titles.append(title)
        assert title.strip(), f"slide {number} has no title"
        width, height, words = page
        text = page_text(page)
        assert f"{number} / {total}" in text, f"slide {number} shows no number"
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.startswith("Say: "), f"slide {number} has no notes"
        footer_words = {w for s in slide.shapes if s.name in FOOTERS for w in s.text_frame.text.split()}
        for x0, y0, x1, y1, word in words:
            assert 0 <= x0 and x1 <= width + 0.5 and 0 <= y0 and y1 <= height + 0.5, f"slide {number} ({title}): '{word}' is off the slide"
            if y1 > body_bottom + 2 and number > 1:
                assert word in footer_words, f"slide {number} ({title}): '{word}' runs into the footer"
        for shape in slide.shapes:  # the geometry of every text box, as well as the rendered words
            assert shape.left >= 0 and shape.top >= 0
            assert Emu(shape.left + shape.width).inches <= 13.34 and Emu(shape.top + shape.height).inches <= 7.51
        for ident in (SONIA, "liverpool-2016-child-a-alex"):
            if title.startswith(shipped.review(ident).title):
                assert "Historic learning" in text, f"slide {number} ({title}) carries historic material unmarked"
        if title.startswith(shipped.review(SONIA).title):
            assert "source expired 2019" in text
    warning = titles.index("Content warning and support")
    first_case = min(i for i, t in enumerate(titles) if t.startswith((shipped.review(SONIA).title, "Child A")))
    assert warning < first_case


def test_two_theme_handout_converts_to_a4(converted):
    pdf = converted["pdfs"]["handout"]
    assert pages(pdf) >= 2
    if shutil.which("pdftotext"):
        width, height, _ = words_by_page(pdf)[0]
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        pages_ = words_by_page(pdf)
        text = " ".join(page_text(p) for p in pages_)
        assert "Questions to ask" in text and "Sources" in text
        last = page_text(pages_[-1]).split()
        assert last[0] == "Notes" and len(last) >= 20 and set("".join(last[1:])) == {"_"}, "a page of ruled lines for notes, on its own"
