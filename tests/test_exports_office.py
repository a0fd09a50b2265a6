"""Real office software opens the exports: LibreOffice converts a deck and briefings to PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from lscb_kb.exports.briefing import briefing_docx
from lscb_kb.exports.deck import build_deck

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None,
        reason="LibreOffice (soffice) is not installed: run scripts/install-system-deps.sh (Debian packages libreoffice-impress, libreoffice-writer)",
    ),
]

SONIA = "cambs-peterborough-2018-sonia-cse-review"
TODAY = dt.date(2025, 11, 22)


def to_pdf(files: list[Path], folder: Path) -> dict[str, Path]:
    """Convert with headless LibreOffice, using a throwaway profile so no user settings or locks interfere."""
    profile = folder / "libreoffice-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {f.stem: folder / f"{f.stem}.pdf" for f in files}


def pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def test_libreoffice_converts_a_deck_and_a_briefing(shipped, tmp_path):
    deck = tmp_path / "workshop.pptx"
    deck.write_bytes(build_deck(shipped, ["neglect", "voice-of-the-child"], [SONIA], today=TODAY))
    briefing = tmp_path / "sonia-briefing.docx"
    briefing.write_bytes(briefing_docx(shipped, SONIA, today=TODAY))

    pdfs = to_pdf([deck, briefing], tmp_path)

    for pdf in pdfs.values():
        assert pdf.exists() and pdf.stat().st_size > 1000
        assert pdf.read_bytes().startswith(b"%PDF")
    assert pages(pdfs["workshop"]) == len(Presentation(deck).slides)
    assert pages(pdfs["sonia-briefing"]) == 1


def test_every_shipped_briefing_fits_one_page(shipped, tmp_path):
    files = []
    for review in shipped.reviews:
        path = tmp_path / f"{review.id}.docx"
        path.write_bytes(briefing_docx(shipped, review.id, today=TODAY))
        files.append(path)

    pdfs = to_pdf(files, tmp_path)

    too_long = {name: pages(pdf) for name, pdf in pdfs.items() if pages(pdf) != 1}
    assert not too_long, f"briefings longer than one page: {too_long}"
