"""Render the page images in docs/images/ that show trainers what the exports look like.

Run from the repository root after changing an export:  .venv/bin/python scripts/render-export-images.py
Needs LibreOffice (soffice) and poppler-utils (pdftoppm): scripts/install-system-deps.sh.
The date is fixed so that the images change only when the exports do.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from lscb_kb.catalogue import load_catalogue
from lscb_kb.exports.briefing import briefing_docx
from lscb_kb.exports.deck import build_deck
from lscb_kb.exports.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
TODAY = dt.date(2025, 11, 22)
SONIA = "cambs-peterborough-2018-sonia-cse-review"
ALEX = "liverpool-2016-child-a-alex"
DECK_SLIDES = ("Agenda", "Content warning and support", "chronology", "what would you do today? (1", "small-group reflection", "Local contacts")


def convert(files: list[Path], folder: Path) -> None:
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)], check=True, capture_output=True)


def render(pdf: Path, prefix: Path, dpi: int, first: int = 1, last: int | None = None) -> list[Path]:
    command = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(first)]
    if last:
        command += ["-l", str(last)]
    subprocess.run([*command, str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def sheet(images: list[Path], out: Path, columns: int) -> None:
    """A contact sheet: the slides side by side with a thin grey gap."""
    opened = [Image.open(i).convert("RGB") for i in images]
    width, height = opened[0].size
    rows = -(-len(opened) // columns)
    result = Image.new("RGB", (columns * width + (columns - 1) * 8, rows * height + (rows - 1) * 8), (200, 200, 200))
    for index, image in enumerate(opened):
        result.paste(image, ((index % columns) * (width + 8), (index // columns) * (height + 8)))
    result.quantize(colors=128).save(out, optimize=True)


def main() -> int:
    published = load_catalogue(ROOT).published()
    settings = read_settings(ROOT)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        deck = folder / "workshop.pptx"
        deck.write_bytes(build_deck(published, ["neglect", "voice of the child"], [SONIA], length=90, settings=settings, today=TODAY))
        briefings = []
        for ident in (SONIA, ALEX):
            path = folder / f"briefing-{ident}.docx"
            path.write_bytes(briefing_docx(published, ident, settings=settings, today=TODAY))
            briefings.append(path)
        convert([deck, *briefings], folder)

        from pptx import Presentation

        titles = [s.shapes.title.text for s in Presentation(deck).slides]
        wanted = [1] + [next(i for i, t in enumerate(titles, 1) if label in t) for label in DECK_SLIDES[:5]]
        slides = [render(folder / "workshop.pdf", folder / f"slide{n}", 48, n, n)[0] for n in wanted]
        sheet(slides, OUT / "deck-90-minutes.png", columns=2)
        for path, name in zip(briefings, ("briefing-sonia.png", "briefing-alex.png")):
            (page,) = render(folder / f"{path.stem}.pdf", folder / path.stem, 80)
            Image.open(page).convert("RGB").quantize(colors=128).save(OUT / name, optimize=True)
    for image in sorted(OUT.glob("*.png")):
        print(f"{image.relative_to(ROOT)}: {image.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
