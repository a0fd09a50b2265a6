"""Word documents (.docx) with real Title and Heading styles, in Arial, A4, British English."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from .text import Para

FONT = "Arial"
NAVY = RGBColor(0x1B, 0x36, 0x5D)
GREY = RGBColor(0x55, 0x55, 0x55)
SIDE_MARGIN, END_MARGIN = 1.7, 1.5  # page margins in centimetres
STYLE_IDS = {"Title": "Title", "Heading 1": "Heading1", "Heading 2": "Heading2", "List Bullet": "ListBullet"}


KEPT_STYLES = frozenset(
    {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "ListParagraph", "Title", "TitleChar"}
    | {"Heading1", "Heading1Char", "Heading2", "Heading2Char", "ListBullet"}
)
UNUSED_PARTS = frozenset({"thumbnail", "stylesWithEffects", "customXml"})


@lru_cache(maxsize=4)
def _template(body_size: float) -> bytes:
    """An empty A4 document whose styles name Arial directly (no theme fonts that vary by machine).

    Made once: python-docx's default template carries 800 KB of styles and a
    thumbnail that took longer to parse and save than the briefing itself, so
    the styles and parts these documents never use are dropped.
    """
    document = Document()
    for relationships in (document.part.package.rels, document.part.rels):
        for key, relationship in list(relationships.items()):
            if relationship.reltype.rsplit("/", 1)[-1] in UNUSED_PARTS:
                relationships.pop(key)
    styles = document.styles.element
    styles.remove(styles.find(qn("w:latentStyles")))
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEPT_STYLES:
            styles.remove(style)

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(SIDE_MARGIN)
    section.top_margin = section.bottom_margin = Cm(END_MARGIN)

    run_defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults)
    run_defaults.find(qn("w:lang")).set(qn("w:val"), "en-GB")

    normal = document.styles["Normal"]
    normal.font.size = Pt(body_size)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for name, size, before, after in (("Title", 18, 0, 4), ("Heading 1", 12.5, 7, 1), ("Heading 2", 11.5, 6, 1)):
        style = document.styles[name]
        _set_fonts(style.element.get_or_add_rPr())
        style.font.size, style.font.bold, style.font.color.rgb = Pt(size), True, NAVY
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
    title_border = document.styles["Title"].element.pPr.find(qn("w:pBdr"))
    title_border.find(qn("w:bottom")).set(qn("w:color"), str(NAVY))
    return to_bytes(document)


def new_document(title: str, subject: str, author: str, today: dt.date, body_size: float = 10.5, template: bytes | None = None) -> DocumentObject:
    """An empty styled document with its properties (title, author, language, date) set.

    With `template` (the partnership's .docx or .dotx), its styles, headers,
    footers and logo are kept and its body emptied; the styles the exports use
    are added from ours when it lacks them.
    """
    document = from_template(template, body_size) if template is not None else Document(io.BytesIO(_template(body_size)))
    properties = document.core_properties
    properties.title, properties.subject, properties.author = title[:255], subject, author[:255]  # the format's limit
    properties.last_modified_by = author[:255]
    properties.language = "en-GB"
    properties.created = properties.modified = dt.datetime.combine(today, dt.time())
    properties.revision = 1
    return document


class TemplateError(ValueError):
    """A --template that is not a Word document or template."""


def from_template(template: bytes, body_size: float) -> DocumentObject:
    try:
        with zipfile.ZipFile(io.BytesIO(template)) as source:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
                for item in source.infolist():
                    data = source.read(item.filename)
                    if item.filename == "[Content_Types].xml":  # a .dotx opens as a document
                        data = data.replace(b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml")
                    copy.writestr(item, data)
        document = Document(io.BytesIO(buffer.getvalue()))
    except (zipfile.BadZipFile, ValueError, KeyError) as error:
        raise TemplateError(f"the template is not a Word document or template (.docx, .dotx) that can be read: {error}.") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    ours = Document(io.BytesIO(_template(body_size))).styles.element
    styles = document.styles.element
    present = {style.get(qn("w:styleId")) for style in styles.findall(qn("w:style"))}
    for style in ours.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in present:
            styles.append(style)
    return document


def _set_fonts(run_properties) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def add_styled(document: DocumentObject, text: str, style: str) -> Paragraph:
    """A paragraph in a built-in style, e.g. 'Title' or 'Heading 1'.

    Sets the style id directly: python-docx's lookup by name scans every
    style for each paragraph, which made a briefing four times slower.
    """
    paragraph = document.add_paragraph(text)
    paragraph._p.style = STYLE_IDS[style]
    return paragraph


def add_block(container, para: Para, muted: bool = False, size: float | None = None) -> Paragraph:
    """A block as a paragraph of a document or table cell: bullets in 'List Bullet', numbered items keep their number."""
    paragraph = container.add_paragraph()
    if para.kind == "bullet":
        paragraph._p.style = STYLE_IDS["List Bullet"]
    if para.kind == "number":
        paragraph.add_run(f"{para.number}. ")
        paragraph.paragraph_format.left_indent = Cm(0.63)
        paragraph.paragraph_format.first_line_indent = Cm(-0.63)
    for text, bold in para.runs:
        run = paragraph.add_run()
        run._r.add_t(text)  # python-docx's `text=` parses tabs and breaks one character at a time
        run.bold = bold or para.kind == "subhead" or None
        if muted:
            run.font.color.rgb = GREY
        if size:
            run.font.size = Pt(size)
    if para.kind == "subhead":
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def set_size(document: DocumentObject, body_size: float, arial: bool = False) -> None:
    """The body text size of the Normal style; `arial` puts the styles in use in Arial, as a fitted page is measured in it."""
    document.styles["Normal"].font.size = Pt(body_size)
    if arial:  # and the single line spacing it is measured with, whatever the template's defaults
        normal = document.styles["Normal"].paragraph_format
        normal.space_after, normal.line_spacing_rule = Pt(3), WD_LINE_SPACING.SINGLE
        styles = document.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}") if defaults is not None else None
        if spacing is not None:
            spacing.getparent().remove(spacing)
        run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        if run_defaults is not None:
            _set_fonts(run_defaults)
        for style in styles.findall(qn("w:style")):
            if style.get(qn("w:styleId")) in KEPT_STYLES:
                _set_fonts(style.get_or_add_rPr())
                if style.get(qn("w:styleId")) == "ListBullet" and style.pPr is not None and style.pPr.spacing is not None:
                    style.pPr.remove(style.pPr.spacing)


def shade(item, fill: str) -> None:
    """A background colour (hex) on a paragraph or a table cell."""
    if isinstance(item, Paragraph):
        properties = item._p.get_or_add_pPr()
    else:
        properties = item._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def table_layout(table, width_cm: float, cell_x: float, cell_y: float, gutter: float) -> None:
    """A fixed-width grid with the given cell margins and white borders as gutters between cells."""
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    table_width = OxmlElement("w:tblW")
    table_width.set(qn("w:w"), str(int(width_cm / 2.54 * 1440)))
    table_width.set(qn("w:type"), "dxa")
    properties.append(table_width)
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", cell_y), ("left", cell_x), ("bottom", cell_y), ("right", cell_x)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(value / 2.54 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(int(gutter * 8)))
        element.set(qn("w:color"), "FFFFFF")
        borders.append(element)
    properties.append(borders)
    for column in table.columns:
        column.width = Cm(width_cm / len(table.columns))


def row_height(row, points: float, keep_together: bool = True) -> None:
    """A row at least this tall (content that needs more still shows in full), on one page if `keep_together`."""
    properties = row._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(points * 20)))
    height.set(qn("w:hRule"), "atLeast")
    properties.append(height)
    if keep_together:  # never for a row that may be taller than a page: Word would cut it off
        properties.append(OxmlElement("w:cantSplit"))


def heading_in_cell(paragraph: Paragraph, number: str, name: str, size: float, colour: RGBColor, badge: RGBColor) -> None:
    """A box's numbered heading: a real Heading 1 (for navigation), the number in a coloured badge."""
    paragraph._p.style = STYLE_IDS["Heading 1"]
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.keep_with_next = True
    badge_run = paragraph.add_run()
    badge_run._r.add_t(f" {number} ")
    badge_run.font.size, badge_run.font.bold = Pt(size), True
    badge_run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), str(badge))
    badge_run._r.get_or_add_rPr().append(shading)
    run = paragraph.add_run()
    run._r.add_t(f"  {name}")
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, colour


def ruled_line(document: DocumentObject) -> Paragraph:
    """A line to write on: a tab with an underline leader to the right margin (borders of
    neighbouring paragraphs merge into one box, leaders do not)."""
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    paragraph.add_run()._r.add_tab()
    return paragraph


def hanging(paragraph: Paragraph, points: float) -> None:
    paragraph.paragraph_format.left_indent = Pt(points)
    paragraph.paragraph_format.first_line_indent = Pt(-points)


def to_bytes(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
