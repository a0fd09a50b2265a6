"""Import speed: a board's spreadsheet of N reviews becomes N draft entries (goal: 5,000 rows under 30 s).

Builds an .xlsx of realistic rows (numbered findings, bulleted actions, dates as boards write
them) and times `lscb-kb import` in a fresh process, start-up and validation of every draft included.
Run: python -m benchmarks.bench_import [SIZES...]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import openpyxl

from .common import measure, table

REPO = Path(__file__).resolve().parent.parent
TYPES = ("Serious Case Review", "Audit", "Thematic Review", "Critical Incident Review", "SCR", "Multi Agency Audit")
DATES = ("June 2014", "2015/16", "Nov 2016", "2014-06", "March – May 2016", "Report to LSCB September 2015")
FINDINGS = (
    "1. The cumulative impact of neglect can go unrecognised where the history is not considered.\n"
    "2. There is confusion between agencies about thresholds for referral.\n"
    "3. Missed health appointments were not followed up, and the child was not brought.\n"
    "4. Professionals did not see the child alone or hear the voice of the child."
)
ACTIONS = "• Learning incorporated into multi-agency training\n• SCR newsletter widely disseminated\n• Audit of referrals (ongoing)"


def workbook(path: Path, rows: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Type of Review", "Name", "Date", "Case Overview", "Summary of Findings / Learning", "Improvement Activity", "Status"])
    for n in range(rows):
        sheet.append([
            TYPES[n % len(TYPES)], f"Child {n} review", DATES[n % len(DATES)],
            "A baby was injured; the family was known to children's social care and health services.", FINDINGS, ACTIONS,
            "Complete\nComplete\nAmber",
        ])  # fmt: skip
    book.save(str(path))
    return path


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "kb"
            (root / "reviews").mkdir(parents=True)
            shutil.copytree(REPO / "themes", root / "themes")
            source = workbook(Path(folder) / "index.xlsx", size)
            seconds, memory, done = measure(
                [sys.executable, "-m", "lscb_kb", "--root", str(root), "import", str(source),
                 "--board", "Exampleshire Safeguarding Children Partnership", "--source-title", "Learning index"]
            )  # fmt: skip
            if done.returncode != 0:
                raise SystemExit(done.stderr or "the import failed")
            written = len(list((root / "reviews").glob("*.md")))
            rows.append((f"{size:,}", f"{written:,}", f"{seconds:.1f}", f"{memory:.0f}"))
    print("Import (.xlsx rows -> draft entries, whole process)")
    print(table(rows, ("rows", "drafts written", "seconds", "peak MB")))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [5000])
