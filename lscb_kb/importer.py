"""Bring in a board's existing learning index: a Word table or a spreadsheet -> draft entries.

Pure functions, in the order the import runs them: read the rows of the file
(`read_table`), find its layout and propose a mapping from its headers or
labels to fields (`propose_mapping`), turn each row or block into a record
(`records`), read types, dates, statuses and lists the way boards write them,
and build one draft entry per record (`plan_import`). `write_drafts` is the
only part that touches `reviews/`: each file is written whole and never
replaces an existing one.

Nothing is dropped: text the import does not understand goes into the entry's
body under "## Imported text to resolve" with a TODO, so the validator lists it.
Personal data is never written: it is replaced by a marker and reported with its
row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import yaml

from . import personal_data
from .errors import KnowledgeBaseError, UsageProblem
from .layout import REVIEWS_DIR
from .vocab import REVIEW_TYPES, SUMMARY_MAX

MAX_ROWS = 10_000  # rows read from one file; the rest are counted and reported (`--max-rows`)
MAX_CELL = 20_000  # characters kept from one cell; a longer cell is cut and reported
HEADING = "heading"  # the column of a Word heading outside the tables
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and every password-protected Office file

# The fields a column or label can map to. `keep` puts the text in the body as it is; `ignore` leaves it out.
FIELDS: dict[str, str] = {
    "type": "the kind of review (Serious Case Review, Audit, Thematic Review...)",
    "title": "the review's name",
    "source_name": "where the learning came from, used as the title when there is no name",
    "date": "when it was published or reported (June 2014, 2015/16, Nov 2016, 2014-06)",
    "board": "the partnership",
    "area": "local authority areas, separated by commas",
    "reference": "the board's own reference, e.g. LSCR 1402",
    "summary": "one to three sentences",
    "overview": "what happened or how the audit was done (the body's Overview)",
    "learning": "the findings or learning points (one point per numbered, bulleted or separate line)",
    "actions": "the improvement activity (one action per numbered, bulleted or separate line)",
    "action_status": "the status of the actions (Complete, Ongoing, Green, Amber...)",
    "owner": "who is responsible for the actions",
    "due": "when the actions are due",
    "themes": "theme names, separated by commas",
    "keep": "text to keep in the body under its own heading",
    "ignore": "not imported",
}

# Header names and cell labels as boards write them -> field. Compared after `_key` (lower case, letters only).
LABELS: dict[str, str] = {
    "type": "type", "type of review": "type", "review type": "type", "kind": "type", "kind of review": "type",
    "review activity": "type", "activity": "type", "category": "type",
    "name": "title", "title": "title", "review": "title", "review name": "title", "name of review": "title",
    "case": "title", "case name": "title", "review title": "title",
    "source": "source_name",
    "date": "date", "date period covered": "date", "period covered": "date", "period": "date",
    "date published": "date", "published": "date", "publication date": "date", "year": "date",
    "date of report": "date", "report date": "date", "date completed": "date",
    "board": "board", "partnership": "board", "lscb": "board", "lscp": "board", "sab": "board",
    "area": "area", "areas": "area", "local authority": "area", "la": "area",
    "reference": "reference", "ref": "reference", "ref no": "reference", "reference number": "reference", "id": "reference",
    "summary": "summary", "short summary": "summary", "abstract": "summary",
    "case overview methodology": "overview", "case overview": "overview", "methodology": "overview",
    "overview": "overview", "background": "overview", "what happened": "overview", "description": "overview",
    "summary of findings learning": "learning", "summary of findings": "learning", "findings": "learning",
    "learning": "learning", "key learning": "learning", "learning points": "learning", "lessons": "learning",
    "lessons learned": "learning", "key findings": "learning", "findings learning": "learning",
    "improvement activity": "actions", "actions": "actions", "action": "actions", "improvement actions": "actions",
    "action plan": "actions", "recommendations": "actions", "actions taken": "actions", "improvement": "actions",
    "status": "action_status", "action status": "action_status", "progress": "action_status", "rag": "action_status",
    "rag status": "action_status",
    "owner": "owner", "lead": "owner", "action owner": "owner", "responsible": "owner", "lead agency": "owner",
    "due": "due", "due date": "due", "deadline": "due", "target date": "due", "by when": "due", "timescale": "due",
    "themes": "themes", "theme": "themes", "topics": "themes",
    "impact": "keep", "evidence of impact": "keep", "notes": "keep", "comments": "keep",
}
# Labels that start a new block in a Word table laid out as label/value cells.
BLOCK_STARTS = ("type",)

# Review types as boards write them -> type code; longest phrases are tried first.
TYPE_WORDS: dict[str, str] = {
    "serious case review": "scr", "scr": "scr", "lscr": "scr",
    "local child safeguarding practice review": "lcspr", "lcspr": "lcspr", "cspr": "lcspr",
    "child safeguarding practice review": "lcspr",
    "national review": "cspr", "national child safeguarding practice review": "cspr",
    "rapid review": "rapid-review",
    "safeguarding adults review": "sar", "safeguarding adult review": "sar", "sar": "sar",
    "domestic homicide review": "dhr", "dhr": "dhr",
    "critical case review": "learning-review", "critical incident review": "learning-review", "lcir": "learning-review",
    "learning review": "learning-review", "learning lessons review": "learning-review",
    "multi agency learning review": "learning-review", "case review": "learning-review",
    "thematic review": "thematic-review", "multi agency thematic review": "thematic-review", "ltr": "thematic-review",
    "audit": "audit", "case file audit": "audit", "multi agency audit": "audit", "audits": "audit",
    "ofsted": "inspection", "inspection": "inspection", "thematic inspection": "inspection", "jtai": "inspection",
    "cqc": "inspection",
    "cdop": "cdop", "child death overview panel": "cdop", "child death": "cdop", "child deaths": "cdop",
    "performance": "performance", "performance management": "performance", "performance data": "performance",
}

# Action statuses as boards write them (including RAG ratings) -> status code.
STATUS_WORDS: dict[str, str] = {
    "done": "done", "complete": "done", "completed": "done", "achieved": "done", "closed": "done",
    "implemented": "done", "delivered": "done", "green": "done", "blue": "done", "met": "done", "finished": "done",
    "in progress": "in-progress", "ongoing": "in-progress", "on going": "in-progress", "underway": "in-progress",
    "started": "in-progress", "amber": "in-progress", "partially complete": "in-progress", "on track": "in-progress",
    "partly done": "in-progress", "in hand": "in-progress",
    "planned": "planned", "not started": "planned", "to do": "planned", "open": "planned", "proposed": "planned",
    "scheduled": "planned", "red": "planned", "not yet started": "planned", "agreed": "planned",
    "unknown": "unknown", "not known": "unknown",
}
# Words in an action's own text that say how far it got, when there is no status column.
_DONE_TEXT = re.compile(
    r"(?i)\b(?:has been|have been|was|were)\s+(?:\w+\s+)?(?:developed|delivered|undertaken|completed|launched|"
    r"disseminated|circulated|held|implemented|given|presented|uploaded|produced|published)\b|"
    r"\b(?:delivered|disseminated|presented|uploaded|incorporated|completed|undertaken)\b"
)
_ONGOING_TEXT = re.compile(r"(?i)\b(?:ongoing|on-going|is being|are being|currently|continuing)\b")
_PLANNED_TEXT = re.compile(r"(?i)\b(?:will|to develop|to be|taking place|planned|proposed)\b")

_MONTHS = {m.casefold(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"

# List markers: numbers (1. 1) (1) a) i.), bullets of every word processor, dashes.
_MARKER = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)](?!\d)|\(\d{1,2}\)|\(?[a-hj-z][.)]\s|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]\s|"
    r"[•\u2022\u25cf\u25cb\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\uf0b7\uf0a7\uf076\uf0d8\u27a2\u2794*§\-–—]\s?|o\s)\s*",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(?:\(?\d{1,2}[.)](?!\d)|\(\d{1,2}\))")
_WORD = re.compile(r"[a-z0-9]+")


class ImportProblem(KnowledgeBaseError):
    """The file cannot be imported as it is; the message names it and says what to do."""


@dataclass(frozen=True)
class Cell:
    """One cell's text and where it is, as the user would find it: 'row 12, column C'."""

    row: int
    column: str
    text: str

    @property
    def where(self) -> str:
        return f"row {self.row}, column {self.column}"


@dataclass
class Table:
    """The rows of the file, as cells with their places; merged cells appear once."""

    kind: str  # docx, xlsx, csv, ods
    rows: list[list[Cell]]
    sheet: str | None = None
    rows_total: int = 0  # rows in the file, read or not
    rows_cut: int = 0  # rows past the row limit, not read
    notes: list[str] = field(default_factory=list)


@dataclass
class Record:
    """One review: the cells of one block or one row, by the label or header they came under."""

    row: int  # the first row of the block, for messages
    cells: list[tuple[str, Cell]]  # (label as written, cell)
    context: str = ""  # a heading row above the block, e.g. "Learning from Audit"

    def where(self) -> str:
        return f"row {self.row}"


@dataclass
class ColumnMapping:
    """Which header or label means which field, and the defaults for what the rows leave out."""

    layout: str  # "blocks" (label: value cells) or "header" (one row per review under a header row)
    columns: dict[str, str]  # header or label as written -> field
    defaults: dict[str, Any] = field(default_factory=dict)
    source_title: str = ""

    def field_of(self, label: str) -> str | None:
        wanted = _key(label)
        for name, target in self.columns.items():
            if _key(name) == wanted:
                return target
        return None


@dataclass
class Draft:
    """One entry the import would write, and what the officer still has to do to it."""

    row: int
    id: str
    text: str  # the whole file
    fields: dict[str, Any]
    to_complete: list[str]
    personal_data: list[str]


@dataclass
class Plan:
    """What an import would do: the drafts, and the rows it skips with the reason."""

    table: Table
    mapping: ColumnMapping
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    personal_data: list[str] = field(default_factory=list)
    records: int = 0


# --- reading files -------------------------------------------------------------------------------


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sniff(path: Path) -> str:
    """What the file really is, by its content: docx, xlsx, ods, ole (old or encrypted Office file) or text."""
    try:
        with open(path, "rb") as file:
            head = file.read(8)
    except OSError as error:
        raise UsageProblem(f"{path} cannot be read: {error.strerror}.") from None
    if head == OLE_SIGNATURE:
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                    return "ods"
        except (zipfile.BadZipFile, OSError):
            return "broken-zip"
        return "zip"
    return "text"


_KIND_NAMES = {"docx": "a Word document (.docx)", "xlsx": "an Excel workbook (.xlsx)", "ods": "an OpenDocument spreadsheet (.ods)"}


def read_table(path: Path, sheet: str | None = None, max_rows: int = MAX_ROWS) -> Table:
    """The rows of a .docx table, an .xlsx/.ods sheet or a .csv file, at most `max_rows` of them."""
    kind = sniff(path)
    suffix = path.suffix.casefold().lstrip(".")
    if kind == "ole":
        raise ImportProblem(
            f"{path} is password-protected or an old-style Office file (.doc/.xls): the import cannot open it."
            " Open it in Word or Excel, remove the password (File > Info > Protect), save it as .docx or .xlsx,"
            " and run the import on the saved copy."
        )
    if kind == "pdf":
        raise ImportProblem(
            f"{path} is a PDF, whose tables cannot be read reliably: import the Word document or spreadsheet it was"
            " made from, or copy the table into a spreadsheet and save it as .xlsx or .csv."
        )
    if kind in ("broken-zip", "zip"):
        raise ImportProblem(f"{path} is not a Word document or spreadsheet the import can read (it may be damaged): save it again as .docx, .xlsx or .csv.")
    if kind in _KIND_NAMES and suffix in _KIND_NAMES and kind != suffix:
        raise ImportProblem(
            f"{path} is {_KIND_NAMES[kind]} with a .{suffix} name: rename it to end in .{kind} and run the import again."
        )
    if kind == "text" and suffix in _KIND_NAMES:
        raise ImportProblem(f"{path} is not a real .{suffix} file (it holds plain text): if it is a CSV file, rename it to end in .csv.")
    if kind == "docx":
        return _read_docx(path, max_rows)
    if kind == "xlsx":
        return _read_xlsx(path, sheet, max_rows, "xlsx")
    if kind == "ods":
        return _read_ods(path, sheet, max_rows)
    return _read_csv(path, max_rows)


def _cut(text: str, where: str, notes: list[str]) -> str:
    if len(text) > MAX_CELL:
        notes.append(f"{where}: the cell holds {len(text):,} characters; the first {MAX_CELL:,} were imported.")
        return text[:MAX_CELL]
    return text


def _paragraph_text(paragraph) -> str:
    """A paragraph's text, with a bullet in front when Word's list formatting (not a typed character) makes it an item."""
    text = paragraph.text
    ppr = paragraph._p.pPr
    numbered = ppr is not None and ppr.numPr is not None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if (numbered or style.startswith("List")) and text.strip() and not _MARKER.match(text):
        return "• " + text
    return text


def _read_docx(path: Path, max_rows: int) -> Table:
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds for a damaged package
        raise ImportProblem(f"{path} cannot be read as a Word document ({error}): open it in Word and save it again as .docx.") from None
    tables = document.tables
    if not tables:
        raise ImportProblem(
            f"{path} has no table: the import reads a Word table (one block or row per review)."
            " Put the index in a table, or save it as a spreadsheet, and run the import again."
        )
    from docx.table import Table as WordTable

    rows: list[list[Cell]] = []
    notes: list[str] = []
    total = 0
    number = 0
    for part in document.iter_inner_content():
        if not isinstance(part, WordTable):
            # A heading between tables ("Learning from Audit") names the section: it can tell a block's type.
            style = (part.style.name if part.style is not None else "") or ""
            if style.startswith(("Heading", "Title")) and part.text.strip() and len(rows) < max_rows:
                rows.append([Cell(number, HEADING, part.text.strip())])
            continue
        for row in part.rows:
            total += 1
            number += 1
            if len(rows) >= max_rows:
                continue
            seen: set = set()
            cells = []
            for index, cell in enumerate(row.cells):
                if cell._tc in seen:  # a merged cell is listed once per column it spans
                    continue
                seen.add(cell._tc)
                text = "\n".join(_paragraph_text(p) for p in cell.paragraphs)
                for inner in cell.tables:  # a table inside a cell: its text, row by row
                    text += "\n" + "\n".join(" | ".join(c.text for c in r.cells) for r in inner.rows)
                where = f"table row {number}, cell {index + 1}"
                cells.append(Cell(number, _column_letter(index), _cut(text, where, notes)))
            rows.append(cells)
    return Table("docx", rows, None, total, max(0, total - max_rows), notes)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, sheet: str | None, max_rows: int, kind: str, shown: Path | None = None) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    shown = shown or path
    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportProblem(f"{shown} cannot be read as a spreadsheet ({error}): open it and save it again as .xlsx.") from None
    try:
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                raise UsageProblem(f"{shown} has no sheet '{sheet}': its sheets are {', '.join(workbook.sheetnames)}.")
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        rows: list[list[Cell]] = []
        notes: list[str] = []
        total = 0
        declared = worksheet.max_row  # from the sheet's own dimension record, when it has one
        for number, values in enumerate(worksheet.iter_rows(values_only=True), 1):
            total = number
            if len(rows) >= max_rows:
                if declared and declared >= number:
                    total = declared  # the rest are counted, not read
                    break
                continue
            cells = [
                Cell(number, _column_letter(index), _cut(_cell_text(value), f"row {number}, column {_column_letter(index)}", notes))
                for index, value in enumerate(values)
                if value is not None and _cell_text(value).strip()
            ]
            rows.append(cells)
        return Table(kind, rows, worksheet.title, total, max(0, total - max_rows), notes)
    finally:
        workbook.close()


def _read_ods(path: Path, sheet: str | None, max_rows: int) -> Table:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise ImportProblem(
            f"{path} is an OpenDocument spreadsheet, which the import reads through LibreOffice, and LibreOffice is not"
            " installed: install it, or open the file and save it as .xlsx or .csv."
        )
    with tempfile.TemporaryDirectory(prefix="lscb-import-") as folder:
        try:
            subprocess.run(
                [office, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "xlsx",
                 "--outdir", folder, str(path)],
                check=True, capture_output=True, timeout=300,
            )
        except (subprocess.SubprocessError, OSError):
            raise ImportProblem(f"LibreOffice could not convert {path}: open it and save it as .xlsx or .csv.") from None
        converted = Path(folder) / f"{path.stem}.xlsx"
        if not converted.exists():  # soffice says "source file could not be loaded" and exits 0 when Calc is missing
            raise ImportProblem(
                f"LibreOffice could not convert {path} (is LibreOffice Calc installed?): open the file and save it"
                " as .xlsx or .csv, and import that."
            )
        table = _read_xlsx(converted, sheet, max_rows, "ods", shown=path)
    return table


def _read_csv(path: Path, max_rows: int) -> Table:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportProblem(f"{path} is not text: save it as CSV (UTF-8).")
    if "\x00" in text[:4096]:
        raise ImportProblem(f"{path} is not a CSV file (it holds binary data): save the index as .docx, .xlsx or CSV.")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Cell]] = []
    notes: list[str] = []
    total = 0
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
            total = number
            if len(rows) >= max_rows:
                continue
            rows.append([
                Cell(number, _column_letter(index), _cut(value, f"row {number}, column {_column_letter(index)}", notes))
                for index, value in enumerate(values)
                if value.strip()
            ])
    except csv.Error as error:
        raise ImportProblem(f"{path}: row {total + 1} cannot be read as CSV ({error}).") from None
    return Table("csv", rows, None, total, max(0, total - max_rows), notes)


# --- layout and mapping --------------------------------------------------------------------------


def _key(text: str) -> str:
    """A label compared by its words only: 'Summary of Findings/ Learning:' -> 'summary of findings learning'."""
    plain = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    return " ".join(_WORD.findall(plain))


_LABEL_AT_START = re.compile(r"^\s*([A-Za-z][A-Za-z /&()'’-]{0,40}?)\s*:\s*")


def split_label(text: str) -> tuple[str, str] | None:
    """'Date: Report to LSCB June 2014' -> ('Date', 'Report to LSCB June 2014') when 'Date' is a known label."""
    match = _LABEL_AT_START.match(text)
    if match and _key(match.group(1)) in LABELS:
        return match.group(1).strip(), text[match.end():].strip()
    first, _, rest = text.strip().partition("\n")
    if first.strip() and _key(first) in LABELS and len(first) <= 40 and ":" not in first:  # a label alone on its line
        return first.strip(), rest.strip()
    return None


def detect_layout(table: Table) -> str:
    """'blocks' when cells carry their own labels ('Type of Review: Audit'), else 'header' (a header row)."""
    labelled = sum(1 for row in table.rows[:400] for cell in row if _LABEL_AT_START.match(cell.text) and split_label(cell.text))
    header = _header_row(table)
    if header is None or labelled >= 4:
        if labelled:
            return "blocks"
        if header is None:
            raise ImportProblem(
                "no header row or labelled cells found: the first row should name the columns (Type, Name, Date,"
                " Learning, Actions...), or give a mapping file with --mapping."
            )
    return "header"


def _header_row(table: Table, names: Iterable[str] = ()) -> int | None:
    """The index of the first row at least two of whose cells are known column names (or the mapping's)."""
    wanted = set(LABELS) | {_key(name) for name in names}
    for index, row in enumerate(table.rows[:20]):
        known = [c for c in row if _key(c.text) in wanted and len(c.text) <= 60]
        if len(known) >= 2:
            return index
    return None


def propose_mapping(table: Table, board: str | None = None, area: str | None = None, source_title: str = "") -> ColumnMapping:
    """The mapping the import would use: every header or label it found, with the field it means."""
    layout = detect_layout(table)
    columns: dict[str, str] = {}
    if layout == "header":
        header = table.rows[_header_row(table)]
        for cell in header:
            columns[cell.text.strip()] = LABELS.get(_key(cell.text), "keep")
    else:
        for row in table.rows:
            for cell in row:
                found = split_label(cell.text)
                if found and found[0] not in columns:
                    columns[found[0]] = LABELS[_key(found[0])]
    defaults: dict[str, Any] = {}
    if board:
        defaults["board"] = board
    if area:
        defaults["area"] = [a.strip() for a in area.split(",") if a.strip()]
    return ColumnMapping(layout, columns, defaults, source_title)


def mapping_yaml(mapping: ColumnMapping) -> str:
    """The mapping file: reviewed and edited by the user, then given back with --mapping."""
    data = {
        "layout": mapping.layout,
        "columns": dict(mapping.columns),
        "defaults": mapping.defaults or {"board": "TODO: the partnership's name"},
        "source_title": mapping.source_title or "TODO: the document's title, e.g. Learning and Improvement Index",
    }
    head = (
        "# lscb-kb import mapping: which header or label of the file means which field.\n"
        "# Fields: " + ", ".join(FIELDS) + ".\n"
        "# Change a field on the right, or set it to 'ignore'. 'defaults' fill what the rows leave out\n"
        "# (board, area, type, date, themes); 'source_title' names the document the entries come from.\n"
    )
    return head + yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)


def load_mapping(text: str, name: str) -> ColumnMapping:
    """A mapping file read back; every mistake is named with the fix."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise UsageProblem(f"{name}{line}: not valid YAML ({getattr(error, 'problem', error)}); compare it with the file --write-mapping writes.") from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise UsageProblem(f"{name}: a mapping needs 'columns:' with one 'Header: field' line each (write one with --write-mapping).")
    layout = data.get("layout", "header")
    if layout not in ("header", "blocks"):
        raise UsageProblem(f"{name}: 'layout' is '{layout}': write 'header' (a header row) or 'blocks' (label: value cells).")
    columns: dict[str, str] = {}
    for header, target in data["columns"].items():
        if target not in FIELDS:
            raise UsageProblem(f"{name}: '{header}: {target}' is not a field; use one of: {', '.join(FIELDS)}.")
        columns[str(header)] = target
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise UsageProblem(f"{name}: 'defaults' must hold 'field: value' lines, e.g. 'board: Exampleshire Safeguarding Children Partnership'.")
    defaults = {k: v for k, v in defaults.items() if not (isinstance(v, str) and v.startswith("TODO"))}
    source_title = data.get("source_title") or ""
    if not isinstance(source_title, str) or source_title.startswith("TODO"):
        source_title = ""
    return ColumnMapping(layout, columns, defaults, source_title)


def records(table: Table, mapping: ColumnMapping) -> tuple[list[Record], list[tuple[int, str]]]:
    """The reviews in the table: one per block (blocks layout) or per row under the header; rows skipped and why."""
    skipped: list[tuple[int, str]] = []
    found: list[Record] = []
    if mapping.layout == "header":
        header_index = _header_row(table, mapping.columns)
        if header_index is None:
            raise ImportProblem(
                "no header row found in the first 20 rows: the columns' names (Type, Name, Date, Learning,"
                " Actions...) should be in one row above the reviews, and a mapping file's 'columns:' should"
                " name them as the file writes them."
            )
        header = {cell.column: cell.text.strip() for cell in table.rows[header_index]} if table.rows else {}
        empty: list[int] = []
        first_row = table.rows[header_index][0].row if table.rows and table.rows[header_index] else header_index + 1
        for number, row in enumerate(table.rows[header_index + 1:], first_row + 1):
            if row and all(cell.column == HEADING for cell in row):
                continue  # a Word heading between tables
            if not row:
                empty.append(number)  # an empty row: reported once the last row with data is known
                continue
            cells = [(header.get(cell.column, ""), cell) for cell in row]
            found.append(Record(row[0].row, cells))
        last = found[-1].row if found else 0
        empty = [n for n in empty if n < last]
        if len(empty) <= 20:
            skipped.extend((n, "empty row") for n in empty)
        else:
            skipped.append((empty[0], f"empty, like {len(empty) - 1:,} other rows between the rows with data"))
        return found, skipped
    current: Record | None = None
    context = ""
    for row in table.rows:
        for cell in row:
            labelled = split_label(cell.text)
            if labelled is None:
                if current is None or not cell.text.strip():
                    if cell.text.strip() and len(cell.text) < 120 and "\n" not in cell.text.strip():
                        context = cell.text.strip()
                    elif cell.text.strip():
                        shown = " ".join(cell.text.split())[:60]
                        skipped.append((cell.row, f"text outside any review block, not imported: '{shown}...'"))
                    continue
                if len(row) == 1 and len(cell.text) < 120 and "\n" not in cell.text.strip() and (
                    cell.column == HEADING or _starts_section(cell.text)
                ):
                    context = cell.text.strip()  # a heading row between blocks: "Learning from Merseyside CDOP"
                    if current is not None:
                        found.append(current)
                        current = None
                    continue
                current.cells.append(("", cell))  # text with no label: kept, never dropped
                continue
            label, value = labelled
            target = mapping.field_of(label) or LABELS.get(_key(label))
            if target in BLOCK_STARTS and current is not None and any(mapping.field_of(l) in BLOCK_STARTS for l, _ in current.cells if l):
                found.append(current)
                current = None
            if current is None:
                current = Record(cell.row, [], context)
            current.cells.append((label, Cell(cell.row, cell.column, value)))
    if current is not None:
        found.append(current)
    return [_split_inline(r, mapping) for r in found], skipped


def _starts_section(text: str) -> bool:
    return bool(re.match(r"(?i)\s*(learning from|national|section|part)\b", text))


def _split_inline(record: Record, mapping: ColumnMapping) -> Record:
    """Labels typed one after another in one cell ('Type of Review: Audit Name: X') become separate cells."""
    cells: list[tuple[str, Cell]] = []
    for label, cell in record.cells:
        text = cell.text
        parts = re.split(r"\s+(?=(?:Name|Source|Date(?: / Period Covered)?)\s*:)", text) if label else [text]
        if len(parts) > 1 and all(split_label(p) for p in parts[1:]):
            cells.append((label, Cell(cell.row, cell.column, parts[0].strip())))
            for part in parts[1:]:
                inner_label, inner_value = split_label(part)
                cells.append((inner_label, Cell(cell.row, cell.column, inner_value)))
        else:
            cells.append((label, cell))
    return Record(record.row, cells, record.context)


# --- reading values as boards write them ---------------------------------------------------------


def parse_type(text: str) -> str | None:
    """A review type code from the words a board uses: 'Serious Case Review (Lancashire SCB)' -> 'scr'."""
    words = " " + _key(text.replace("-", " ")) + " "
    if not words.strip():
        return None
    for code in REVIEW_TYPES:
        if words.strip() == code.replace("-", " "):
            return code
    for phrase in sorted(TYPE_WORDS, key=len, reverse=True):
        if f" {phrase} " in words:
            return TYPE_WORDS[phrase]
    return None


def parse_date(text: str, today: dt.date | None = None, future: bool = False) -> str | None:
    """The date a board wrote, as YYYY, YYYY-MM or YYYY-MM-DD: the end of a range or period, never in the future.

    'Report to LSCB NOVEMBER 2016' -> 2016-11; 'June 2014'; 'Nov 2016'; '2014-06'; '07.11.14' -> 2014-11-07;
    '2015/16' (a financial year, ending in March) -> 2016; 'March – May 2016' -> 2016-05.
    """
    today = today or dt.date.today()
    value = unicodedata.normalize("NFKC", text).casefold()
    found: list[tuple[int, str]] = []  # (position, date) so that the last one in the text wins
    for match in re.finditer(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b", value):
        year, month, day = match.group(1), int(match.group(2)), match.group(3)
        if 1 <= month <= 12:
            found.append((match.end(), f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")))
    for match in re.finditer(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b", value):
        day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
        year = int(year) + (2000 if len(year) == 2 else 0)
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((match.end(), f"{year}-{month:02d}-{day:02d}"))
    for match in re.finditer(rf"\b(\d{{1,2}})?(?:st|nd|rd|th)?\s*\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b", value):
        month = _MONTHS[match.group(2)]
        day = match.group(1)
        found.append((match.end(), f"{match.group(3)}-{month:02d}" + (f"-{int(day):02d}" if day else "")))
    for match in re.finditer(r"\b(20\d{2}|19\d{2})\s*[/-]\s*(\d{2})\b(?!\s*[/-]\s*\d)", value):
        first, second = int(match.group(1)), int(match.group(2))
        if second == (first + 1) % 100:  # a financial or academic year: it ends in the second year
            found.append((match.end(), str(first - first % 100 + second + (100 if second < first % 100 else 0))))
    if not found:
        years = re.findall(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/.-])", value)
        if years:
            found.append((0, years[-1]))
    for _, date in sorted(found, key=lambda f: f[0], reverse=True):
        parts = [int(p) for p in date.split("-")]
        try:
            first_day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            continue
        if future or first_day <= today:
            return date
    return None


def parse_status(text: str) -> str | None:
    """An action status from a board's word for it, RAG ratings included: 'Complete' -> done, 'Amber' -> in-progress."""
    words = _key(text)
    if not words:
        return None
    if words in STATUS_WORDS:
        return STATUS_WORDS[words]
    for phrase in sorted(STATUS_WORDS, key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}\b", words):
            return STATUS_WORDS[phrase]
    return None


def status_from_text(action: str) -> str:
    """How far an action got, from its own words when there is no status column ('...delivered' -> done)."""
    if _ONGOING_TEXT.search(action):
        return "in-progress"
    if _DONE_TEXT.search(action):
        return "done"
    if _PLANNED_TEXT.search(action):
        return "planned"
    if parse_date(action):  # "Authors presentation to LSCB June 2014": an event with a date that has passed
        return "done"
    return "unknown"


def split_points(text: str) -> tuple[list[str], list[str]]:
    """A cell's points (numbered, bulleted or one per line) and its other lines (headings, notes).

    When a cell has both numbered and bulleted items, the numbered ones are the points and the
    bullets stay with the other lines: boards number their findings and bullet the evidence.
    """
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    marked = [bool(_MARKER.match(line)) and len(_MARKER.sub("", line, count=1).strip()) > 1 for line in lines]
    if not any(marked):
        parts = [line for line in lines if line]
        return parts, []
    numbered = [bool(_NUMBERED.match(line)) for line in lines]
    use_numbers = any(numbered) and any(m and not n for m, n in zip(marked, numbered))
    points: list[str] = []
    other: list[str] = []
    last_was_point = False
    for line, is_marked, is_numbered in zip(lines, marked, numbered):
        if not line:
            last_was_point = False if not points else last_was_point
            continue
        if is_marked and (is_numbered or not use_numbers):
            points.append(_MARKER.sub("", line, count=1).strip())
            last_was_point = True
        elif last_was_point and points and line[:1].islower():
            points[-1] += " " + line  # a wrapped line of the same point
        else:
            other.append(line)
            last_was_point = False
    return [p for p in points if p], other


def _words(text: str) -> list[str]:
    return _WORD.findall(_key(text))


# --- themes --------------------------------------------------------------------------------------


class ThemeSuggester:
    """Suggests themes from their ids, titles and synonyms and the sector's abbreviations (search's vocabulary)."""

    def __init__(self, themes: Iterable[tuple[str, str, Sequence[str]]], equivalents: Iterable[Sequence[str]] = ()):
        self.phrases: list[tuple[tuple[str, ...], str]] = []
        names: dict[tuple[str, ...], str] = {}
        self.strong: set[tuple[str, ...]] = set()  # a theme's own id or title: enough on its own
        for theme_id, title, synonyms in themes:
            for index, name in enumerate((theme_id.replace("-", " "), title, *synonyms)):
                words = tuple(_stem(w) for w in _words(name))
                if words and (len(words) > 1 or len(words[0]) > 2):
                    names.setdefault(words, theme_id)
                    if index < 2:
                        self.strong.add(words)
        self.phrases = sorted(names.items(), key=lambda item: -len(item[0]))
        self.groups = [[tuple(_stem(w) for w in _words(p)) for p in group] for group in equivalents]
        self._index()

    def _index(self) -> None:
        """Phrases by their first word, so that a text is read once whatever the size of the taxonomy."""
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, theme_id in self.phrases:
            self.by_first.setdefault(phrase[0], []).append((phrase, theme_id))
        self.group_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for number, group in enumerate(self.groups):
            for phrase in group:
                if phrase:
                    self.group_first.setdefault(phrase[0], []).append((phrase, number))

    def _text_words(self, text: str) -> list[str]:
        """The text's words, then every other way of saying a phrase it contains (DNA -> did not attend)."""
        words = [_stem(w) for w in _words(text)]
        groups: set[int] = set()
        for index, word in enumerate(words):
            for phrase, number in self.group_first.get(word, ()):
                if tuple(words[index:index + len(phrase)]) == phrase:
                    groups.add(number)
        extra: list[str] = []
        for number in sorted(groups):
            for phrase in self.groups[number]:
                extra.extend(phrase + ("|",))
        return words + ["|"] + extra

    def scores(self, text: str) -> dict[str, int]:
        """How strongly the text names each theme: a phrase counts by its words, a theme's own name twice.

        A theme named only once by a one-word synonym ("disclosure", "policies") scores 1 and is
        not suggested: such words are too common in review text to say what it is about.
        """
        words = self._text_words(text)
        found: dict[str, int] = {}
        for index, word in enumerate(words):
            for phrase, theme_id in self.by_first.get(word, ()):
                if tuple(words[index:index + len(phrase)]) == phrase:
                    weight = len(phrase) + (1 if phrase in self.strong else 0)
                    found[theme_id] = found.get(theme_id, 0) + weight
        return found

    def suggest(self, text: str, limit: int) -> list[str]:
        """The best-named themes, at most `limit` of them."""
        scores = {t: score for t, score in self.scores(text).items() if score >= 2}
        return [t for t, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]]


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# --- building drafts -----------------------------------------------------------------------------


@dataclass
class Context:
    """What a plan needs from the knowledge base: themes, existing ids, allowed contact details."""

    suggester: ThemeSuggester
    theme_ids: frozenset[str]
    resolve_theme: Any  # callable: a name -> theme id or None
    allowed: tuple[str, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)


def _redact(cell: Cell, label: str, context: Context, report: list[str]) -> str:
    """The cell's text with personal data replaced by a marker; each finding reported with its row and column."""
    text = cell.text
    findings = list(personal_data.find(text, context.allowed))
    for finding in reversed(findings):
        text = text[: finding.offset] + f"[removed: {finding.description}]" + text[finding.offset + len(finding.text):]
    for finding in findings:
        report.append(f"{cell.where} ({label or 'no header'}): {finding.description} was found and not imported")
    return text


def _summary_from(text: str) -> str:
    """One to three sentences, within the summary's limit."""
    lines = [_MARKER.sub("", line, count=1).strip() for line in text.split("\n") if line.strip()]
    flat = " ".join(line if line[-1:] in ".!?:;" else line + "." for line in lines if line)
    sentences = re.split(r"(?<=[.!?])\s+", flat)
    summary = ""
    for sentence in sentences[:3]:
        if len(summary) + len(sentence) + 1 > SUMMARY_MAX:
            break
        summary = f"{summary} {sentence}".strip()
    if not summary:
        summary = flat[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"
    return summary


def build_draft(record: Record, mapping: ColumnMapping, context: Context) -> tuple[Draft | None, str | None]:
    """One draft entry from a record, or None and the reason the record is skipped."""
    from . import new as new_entry

    report: list[str] = []
    values: dict[str, list[tuple[str, str]]] = {}
    unknown: list[tuple[str, str]] = []  # (label, text) nobody mapped
    for label, cell in record.cells:
        target = mapping.field_of(label) if label else None
        if label and target is None:
            target = "keep"
        text = _redact(cell, label, context, report).strip()
        if not text or target == "ignore":
            continue
        if target is None:
            unknown.append(("Text with no label", text))
        elif target == "keep":
            unknown.append((label, text))
        else:
            values.setdefault(target, []).append((label, text))

    def first(name: str) -> str:
        return values[name][0][1] if name in values else ""

    if unknown and not values.get("learning"):
        # A cell with no label in a block with no learning (labels vary): its numbered or bulleted
        # items are taken as the learning and the rest as the overview; the officer is told.
        label, text = unknown.pop(0)
        found, other = split_points(text)
        if found and any(_MARKER.match(line) for line in text.split("\n")):
            values["learning"] = [("", "\n".join(line for line in text.split("\n") if _MARKER.match(line.strip())))]
            rest = "\n".join(line for line in text.split("\n") if not _MARKER.match(line.strip()))
            if rest.strip():
                values.setdefault("overview" if not values.get("overview") else "keep", []).append(("", rest))
            notes_unlabelled = True
        else:
            unknown.insert(0, (label, text))
            notes_unlabelled = False
    else:
        notes_unlabelled = False
    if not any(values.get(k) for k in ("title", "learning", "actions", "overview", "summary", "source_name")):
        return None, "empty: no name, learning or actions (a blank template row or block)"
    resolve: list[str] = []
    to_complete: list[str] = []
    if notes_unlabelled:
        resolve.append("A cell had no label: the import took its list as the learning and the rest as the overview. Check both.")

    # A field that holds one value: any further cell for it is kept for the officer, never dropped.
    for name in ("type", "title", "source_name", "date", "board", "area", "reference"):
        unknown.extend(values.get(name, [])[1:])
    if first("title") and first("source_name"):
        unknown.append(values["source_name"][0])

    title = first("title") or first("source_name")
    if first("title") == "" and first("source_name") and first("date"):
        period = first("date")
        if re.fullmatch(r"\s*\d{4}\s*/\s*\d{2}\s*", period) and period.strip() not in title:
            title = f"{title} {period.strip()}"
    title = " ".join(title.split())
    if not title:
        return None, "no name or title: add one in the file, or map the column that holds it"

    kind_text = first("type")
    kind = parse_type(kind_text) or parse_type(title) or parse_type(record.context) or mapping.defaults.get("type")
    if kind not in REVIEW_TYPES:
        shown = kind_text or "(empty)"
        return None, f"type '{shown}' is not one the import knows ({', '.join(REVIEW_TYPES)}): write one of them, or set 'type' under defaults in the mapping"
    if kind_text and parse_type(kind_text) is None:
        resolve.append(f"The type was given as '{kind_text}'; the import used '{kind}'.")

    date_text = first("date")
    published = parse_date(date_text, context.today) if date_text else None
    if published is None:
        default = mapping.defaults.get("date") or mapping.defaults.get("published")
        published = parse_date(str(default), context.today) if default else None
        if published is None:
            return None, f"no date the import understands in '{date_text or '(empty)'}': write e.g. June 2014, Nov 2016, 2015/16 or 2014-06, or set 'date' under defaults in the mapping"
    elif re.search(r"\d", date_text) and not re.fullmatch(r"\s*(\d{4}(-\d{2}(-\d{2})?)?)\s*", date_text):
        resolve.append(f"The date was given as '{' '.join(date_text.split())}'; the import used {published}.")

    board = first("board") or mapping.defaults.get("board")
    if not board:
        return None, "no board: give --board, add a board column, or set 'board' under defaults in the mapping"
    areas_text = first("area")
    areas = [a.strip() for a in re.split(r"[,;]", areas_text) if a.strip()] if areas_text else list(mapping.defaults.get("area") or [])
    if isinstance(areas, str):
        areas = [areas]

    # Learning points and actions: one per numbered, bulleted or separate line.
    # (The cells' other lines, such as headings, stay in the Findings and Improvement activity sections.)
    points = [point for _, text in values.get("learning", []) for point in split_points(text)[0]]
    actions = [action for _, text in values.get("actions", []) for action in split_points(text)[0]]
    status_lines = []
    for _, text in values.get("action_status", []):
        status_lines.extend(split_points(text)[0])
    owners = [t for _, t in values.get("owner", [])]
    dues = [t for _, t in values.get("due", [])]

    # Themes: named in a column, else suggested from the row's words.
    named: list[str] = []
    for _, text in values.get("themes", []):
        for name in re.split(r"[,;\n]", text):
            if name.strip():
                ident = context.resolve_theme(name.strip())
                if ident and ident not in named:
                    named.append(ident)
                elif not ident:
                    resolve.append(f"The theme '{name.strip()}' is not in the taxonomy.")
    # What the review is about, not what was done after it (actions are mostly training and newsletters).
    all_text = "\n".join(t for k in ("title", "summary", "overview", "learning") for _, t in values.get(k, []))
    suggested = named or context.suggester.suggest(all_text, 5)
    if not suggested:
        suggested = [context.resolve_theme(t) for t in mapping.defaults.get("themes", []) if context.resolve_theme(t)]
    if not suggested:
        return None, "no theme could be suggested from its words: add a themes column, or set 'themes' under defaults in the mapping"

    learning = []
    for point in points:
        point_themes = context.suggester.suggest(point, 3)
        item: dict[str, Any] = {"point": point}
        if point_themes:
            item["themes"] = point_themes
        learning.append(item)
    if not learning:
        learning = [{"point": "TODO: the learning from this review, one point per item."}]
        to_complete.append("learning")

    owner_lines = [line for text in owners for line in split_points(text)[0]]
    due_lines = [line for text in dues for line in split_points(text)[0]]
    action_items = []
    for index, action in enumerate(actions):
        # One status for every action, or one per action in the same order.
        status_text = status_lines[index] if len(status_lines) == len(actions) else (status_lines[0] if len(status_lines) == 1 else "")
        status = parse_status(status_text) if status_text else None
        if status_text and status is None:
            resolve.append(f"The status of action {index + 1} was given as '{status_text}'.")
        item = {"action": action, "status": status or status_from_text(action)}
        # One owner or due date for every action, or one per action in the same order.
        for key, lines in (("owner", owner_lines), ("due", due_lines)):
            value = lines[index] if len(lines) == len(actions) else (lines[0] if len(lines) == 1 else None)
            if value and key == "due":
                due = parse_date(value, context.today, future=True)
                if due is None:
                    resolve.append(f"The due date of action {index + 1} was given as '{value}'.")
                value = due
            if value:
                item[key] = " ".join(value.split())
        action_items.append(item)
    for what, lines in (("Statuses", status_lines), ("Owners", owner_lines), ("Due dates", due_lines)):
        if lines and len(lines) not in (1, len(actions)):
            resolve.append(f"{what} (not one per action): " + "; ".join(lines) + ".")

    summary_source = first("summary") or first("overview")
    if summary_source:
        summary = _summary_from(summary_source)
    else:
        summary = "TODO: one to three sentences on what happened and what was learned."
        to_complete.append("summary")
    if len(summary) > SUMMARY_MAX:
        summary = summary[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"

    ident = new_entry.derive_id(title, board, published, areas)
    data: dict[str, Any] = {
        "id": ident,
        "title": title,
        "type": kind,
        "status": "draft",
        "published": published,
        "board": board,
    }
    if areas:
        data["area"] = areas
    reference = " ".join(first("reference").split()) or _reference_in(title)
    if reference:
        data["reference"] = reference
    if re.search(r"(?i)\bcompleted?\b", date_text or ""):
        data["dates"] = {"completed": published}  # "Report Completed July 2016"
    data["themes"] = suggested
    data["summary"] = summary
    data["learning"] = learning
    if action_items:
        data["actions"] = action_items
    data["source"] = {"publisher": board, "title": mapping.source_title or "TODO: the document this entry was imported from"}
    if not mapping.source_title:
        to_complete.append("source.title")
    to_complete.append("themes (suggested: confirm)")

    body: list[str] = []
    overview = "\n\n".join(t for _, t in values.get("overview", []))
    long_summary = [(label, text) for label, text in values.get("summary", []) if " ".join(text.split()) != summary]
    if long_summary and not overview:  # a summary cell longer than a summary: the whole text is the overview
        overview = "\n\n".join(text for _, text in long_summary)
    elif long_summary:
        unknown.extend(long_summary)  # kept whole for the officer, never cut off
    body.append("## Overview\n\n" + (_as_markdown(overview) if overview else "TODO: what happened, or what the audit or review looked at and how."))
    if not overview:
        to_complete.append("overview")
    findings = "\n\n".join(t for _, t in values.get("learning", []))
    body.append("## Findings\n\n" + (_as_markdown(findings) if findings else "TODO: the findings in full."))
    if values.get("actions"):
        body.append("## Improvement activity\n\n" + _as_markdown("\n\n".join(t for _, t in values["actions"])))
    kept = values.get("keep", []) + unknown
    if kept or resolve or report:
        lines = ["## Imported text to resolve", "", "TODO: the import kept this text because it did not know where it"
                 " belongs. Move it to the right field or section, or delete it, then delete this section."]
        for label, text in kept:
            lines += ["", f"**{_md_escape(label)}:**", "", _as_markdown(text)]
        for note in resolve:
            lines += ["", f"- {_md_escape(note)}"]
        for finding in report:
            lines += ["", f"- Personal data: {finding}: re-enter the text without it."]
        body.append("\n".join(lines))
        to_complete.append("imported text to resolve")

    text = render(data, "\n\n".join(body))
    return Draft(record.row, ident, text, data, to_complete, report), None


_REFERENCE = re.compile(r"\b(?:LSCR|LCIR|LTR|LCSPR|CSPR|SCR|SAR|DHR|CPR|APR|CMR)\s?\d{2,6}(?:\s[A-Z]\b)?")


def _reference_in(title: str) -> str:
    """A board's own reference in a title: 'LSCR 1402 (known as Child Maisie)' -> 'LSCR 1402'."""
    match = _REFERENCE.search(title)
    return match.group() if match else ""


def _md_escape(text: str) -> str:
    return re.sub(r"([<>\[\]*_`#|\\])", r"\\\1", text)


def _as_markdown(text: str) -> str:
    """A cell's text as Markdown paragraphs and lists (a blank line between them); markup characters escaped."""
    out: list[str] = []
    previous = ""  # "list" or "paragraph"
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        match = _MARKER.match(line)
        if match and _NUMBERED.match(line):
            number = re.search(r"\d+", match.group()).group()
            item, kind = f"{number}. {_md_escape(line[match.end():].strip())}", "list"
        elif match:
            item, kind = f"- {_md_escape(line[match.end():].strip())}", "list"
        else:
            item, kind = re.sub(r"^(\d+)([.)])(\s)|^([+=])", r"\1\\\2\3\4", _md_escape(line)), "paragraph"  # not a list
        if out and (kind == "paragraph" or previous == "paragraph"):
            out.append("")  # paragraphs are separated, and a list starts after a blank line
        out.append(item)
        previous = kind
    return "\n".join(out).strip()


class _Dumper(yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper):  # type: ignore[misc]
    """Lists of short words on one line, as the shipped entries write them: `area: [Liverpool]`."""


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = bool(value) and all(isinstance(v, str) and len(v) < 60 and "\n" not in v for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(list, _list)
_DUMPER = _Dumper
# The order of the shipped entries' front matter.
FIELD_ORDER = (
    "id", "title", "type", "status", "published", "board", "area", "themes", "ages", "summary", "learning", "actions",
    "source", "reference", "scope", "dates",
)  # fmt: skip


def render(data: Mapping[str, Any], body: str) -> str:
    """The entry file: front matter in the shipped entries' order, the themes marked as suggestions, then the body."""
    ordered = {k: data[k] for k in FIELD_ORDER if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    front = yaml.dump(ordered, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    front = front.replace(
        "\nthemes:", "\n# Themes suggested by lscb-kb import from the row's words: confirm or change them.\nthemes:", 1
    )
    return f"---\n{front}---\n\n{body.strip()}\n"


def plan_import(table: Table, mapping: ColumnMapping, context: Context) -> Plan:
    """Every draft the import would write, and every row it would skip, without touching any file."""
    found, skipped = records(table, mapping)
    plan = Plan(table, mapping, skipped=list(skipped), records=len(found))
    seen: dict[str, int] = {}
    for record in found:
        draft, reason = build_draft(record, mapping, context)
        if draft is None:
            plan.skipped.append((record.row, reason or "not understood"))
            continue
        plan.personal_data.extend(draft.personal_data)
        if draft.id in seen:
            plan.skipped.append((record.row, f"the same entry as row {seen[draft.id]} (id {draft.id})"))
            continue
        seen[draft.id] = record.row
        plan.drafts.append(draft)
    return plan


# --- writing -------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What writing did: files written, entries that were already there (same or different)."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    differs: list[tuple[str, int, list[str]]] = field(default_factory=list)  # (path, row, fields that differ)
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (row, validator's message)


COMPARED = ("title", "type", "published", "board", "summary", "learning", "actions")


def _compare(existing: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    differ = []
    for name in COMPARED:
        old, fresh = existing.get(name), new.get(name)
        if name == "learning":
            old = [p.get("point") if isinstance(p, dict) else p for p in old or []]
            fresh = [p["point"] for p in fresh or []]
        if name == "actions":
            old = [a.get("action") if isinstance(a, dict) else a for a in old or []]
            fresh = [a["action"] for a in fresh or []]
        if _normal(old) != _normal(fresh):
            differ.append(name)
    return differ


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def check_draft(draft: Draft, validate) -> str | None:
    """The validator's first error for the draft, or None: nothing invalid is written."""
    problems = validate(draft)
    errors = [p for p in problems if p.is_error]
    return "; ".join(f"{p.message} [{p.rule}]" for p in errors[:3]) if errors else None


def same_review_key(title: str, published: str) -> tuple[frozenset[str], str]:
    """What makes two entries the same review whatever their ids: the title's words, in any order, and the year."""
    return frozenset(_words(title.replace("’", "'").replace("'s", ""))) - {"the", "of", "a", "as"}, str(published)[:4]


def write_drafts(plan: Plan, root: Path, validate, known: Iterable[tuple[str, str, str]] = ()) -> Outcome:
    """Write each new draft whole into reviews/; an existing entry is compared, never replaced.

    `known` lists the knowledge base's entries as (id, title, published): a draft with the same
    title words and year as one of them is that entry under another id (renamed by an officer,
    or written by hand), and is compared with it rather than written again.
    """
    from . import load

    outcome = Outcome()
    folder = root / REVIEWS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    same = {same_review_key(title, published): ident for ident, title, published in known}
    for draft in plan.drafts:
        ident = same.get(same_review_key(draft.fields["title"], draft.fields["published"]), draft.id)
        display = f"{REVIEWS_DIR}/{ident}.md"
        target = folder / f"{ident}.md"
        if target.exists() or target.is_symlink():
            document = load.read(target, display)
            meta = getattr(document, "meta", {}) or {}
            differ = _compare(meta, draft.fields)
            if differ:
                outcome.differs.append((display, draft.row, differ))
            else:
                outcome.unchanged.append(display)
            continue
        problem = check_draft(draft, validate)
        if problem:
            outcome.invalid.append((draft.row, problem))
            continue
        temporary = folder / f".{draft.id}.{os.getpid()}.import.tmp"
        try:
            with open(temporary, "x", encoding="utf-8", newline="\n") as out:
                out.write(draft.text)
            os.link(temporary, target)  # fails if the file appeared meanwhile: never overwrites
            outcome.written.append(display)
        except FileExistsError:
            outcome.unchanged.append(display)
        except OSError as error:
            raise KnowledgeBaseError(f"{display} cannot be written: {error.strerror}. The entries listed before it were written whole.") from None
        finally:
            temporary.unlink(missing_ok=True)
    return outcome


# --- the summary ---------------------------------------------------------------------------------


def summary(plan: Plan, outcome: Outcome | None, dry_run: bool) -> dict[str, Any]:
    """Rows read, entries written, rows skipped and why, fields left to complete: for text and JSON."""
    table = plan.table
    to_complete: dict[str, int] = {}
    for draft in plan.drafts:
        for name in draft.to_complete:
            to_complete[name] = to_complete.get(name, 0) + 1
    result: dict[str, Any] = {
        "file_kind": table.kind,
        "sheet": table.sheet,
        "layout": plan.mapping.layout,
        "rows_read": table.rows_total - table.rows_cut,
        "rows_in_file": table.rows_total,
        "rows_not_read": table.rows_cut,
        "reviews_found": plan.records,
        "dry_run": dry_run,
        "entries": [
            {"row": d.row, "id": d.id, "path": f"{REVIEWS_DIR}/{d.id}.md", "title": d.fields["title"], "type": d.fields["type"],
             "published": d.fields["published"], "themes": d.fields["themes"], "learning": len(d.fields["learning"]),
             "actions": len(d.fields.get("actions", [])), "to_complete": d.to_complete}
            for d in plan.drafts
        ],
        "written": outcome.written if outcome else [],
        "unchanged": outcome.unchanged if outcome else [],
        "differs": [{"path": p, "row": r, "fields": f} for p, r, f in (outcome.differs if outcome else [])],
        "skipped": sorted(
            [{"row": r, "reason": why} for r, why in plan.skipped]
            + [{"row": r, "reason": f"not valid: {why}"} for r, why in (outcome.invalid if outcome else [])],
            key=lambda item: item["row"],
        ),
        "personal_data": plan.personal_data,
        "to_complete": to_complete,
        "notes": table.notes,
        "mapping": {"layout": plan.mapping.layout, "columns": plan.mapping.columns, "defaults": plan.mapping.defaults},
    }
    return result


def summary_text(result: Mapping[str, Any]) -> str:
    """The summary as people read it."""
    from .text import plural

    lines = []
    read = f"Read {plural(result['rows_read'], 'row')}"
    if result["sheet"]:
        read += f" of sheet '{result['sheet']}'"
    lines.append(f"{read} ({result['layout']} layout): {plural(result['reviews_found'], 'review')} found.")
    if result["rows_not_read"]:
        lines.append(
            f"Stopped at the row limit: {plural(result['rows_not_read'], 'row')} of {result['rows_in_file']:,} were not read."
            " Split the file, or raise the limit with --max-rows."
        )
    if result["dry_run"]:
        lines.append(f"Dry run: {plural(len(result['entries']), 'entry', 'entries')} would be written (nothing was written).")
        for entry in result["entries"]:
            lines.append(
                f"  row {entry['row']}: {entry['path']}  {entry['type']}, {entry['published']}, "
                f"{plural(entry['learning'], 'point')}, {plural(entry['actions'], 'action')}: {entry['title']}"
            )
    else:
        lines.append(f"Wrote {plural(len(result['written']), 'draft entry', 'draft entries')} (status: draft).")
        for path in result["written"]:
            lines.append(f"  {path}")
    if result["unchanged"]:
        lines.append(f"Already there and the same: {plural(len(result['unchanged']), 'entry', 'entries')} (not written again).")
    for item in result["differs"]:
        lines.append(f"Already there but different: {item['path']} (row {item['row']}: {', '.join(item['fields'])}); not changed.")
    if result["skipped"]:
        lines.append(f"Skipped {plural(len(result['skipped']), 'row')}:")
        lines.extend(f"  row {s['row']}: {s['reason']}" for s in result["skipped"])
    if result["personal_data"]:
        lines.append("Personal data found and NOT imported (replaced by '[removed: ...]'):")
        lines.extend(f"  {item}" for item in result["personal_data"])
    for note in result["notes"]:
        lines.append(f"Note: {note}")
    if result["to_complete"]:
        lines.append("Left for the officer to complete: " + ", ".join(f"{name} ({count})" for name, count in result["to_complete"].items()) + ".")
        lines.append("Each is marked TODO in the draft. Set 'status: published' when it is complete: 'lscb-kb validate' then lists any TODO left.")
    return "\n".join(lines)


@dataclass
class ImportRun:
    """What `lscb-kb import` did: the mapping used, the plan, and what was written (None on a dry run)."""

    mapping: ColumnMapping
    plan: Plan | None = None
    outcome: Any = None
    mapping_written: Path | None = None


def import_file(
    root: Path,
    catalogue,
    file: Path,
    *,
    mapping_file: Path | None = None,
    write_mapping: Path | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
    board: str | None = None,
    area: str | None = None,
    source_title: str | None = None,
    max_rows: int | None = None,
) -> ImportRun:
    """Read a board's learning index and write one validated draft per review (see the module docstring).

    With `write_mapping`, only the proposed mapping is written; with `dry_run`,
    nothing is. Every draft is checked by the validator before it is written.
    """
    from . import load
    from .catalogue import allowed_contact_details
    from .files import write_atomic
    from .model import theme_names
    from .search import EQUIVALENTS
    from .validate import ThemeVocabulary, validate_review

    table = read_table(file, sheet, max_rows or MAX_ROWS)
    if mapping_file:
        mapping = load_mapping(mapping_file.read_text(encoding="utf-8", errors="replace"), str(mapping_file))
        if board:
            mapping.defaults["board"] = board
        if area:
            mapping.defaults["area"] = [a.strip() for a in area.split(",") if a.strip()]
        if source_title:
            mapping.source_title = source_title
    else:
        mapping = propose_mapping(table, board, area, source_title or "")
    if write_mapping:
        if write_mapping.exists():
            raise UsageProblem(f"{write_mapping} already exists: choose another name (the import never replaces a file).")
        write_atomic(write_mapping, mapping_yaml(mapping).encode("utf-8"))
        return ImportRun(mapping, mapping_written=write_mapping)
    themes = list(catalogue.themes.values())
    names = theme_names((t.id, t.title, t.synonyms) for t in themes)
    context = Context(
        ThemeSuggester(((t.id, t.title, t.synonyms) for t in themes), EQUIVALENTS),
        frozenset(catalogue.themes),
        lambda name: names.get(name.casefold()) or names.get(name.casefold().replace("-", " ")),
        allowed_contact_details(root)[0],
    )
    plan = plan_import(table, mapping, context)
    if dry_run:
        return ImportRun(mapping, plan)
    vocabulary = ThemeVocabulary(frozenset(catalogue.themes), ThemeVocabulary.from_themes(themes).words)

    def validate(draft):
        document = load.parse(draft.text, f"{REVIEWS_DIR}/{draft.id}.md", draft.id)
        if not hasattr(document, "meta"):
            return [document]
        return validate_review(document, vocabulary, context.allowed)[1]

    known = [(r.id, r.title, r.published) for r in catalogue.reviews.values()]
    return ImportRun(mapping, plan, write_drafts(plan, root, validate, known))
