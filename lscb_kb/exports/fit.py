"""Will this text fit this box? A conservative estimate, and splitting over several slides.

Slide text must never overflow, and python-pptx cannot measure rendered text,
so the height is estimated from the font size, an average character width
(generous for Arial/Liberation Sans) and word wrapping. Lists that do not fit
are split over several slides rather than shrunk.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .text import Para, sentences

POINTS_PER_INCH = 72
# Advance widths of Arial (metric-compatible with Helvetica and Liberation Sans) in 1/1000 em,
# for the printable ASCII characters from space to '~'.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0 to ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P to _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # ` to o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p to ~
)
WIDTHS = {chr(32 + i): w / 1000 for i, w in enumerate(_ASCII_WIDTHS)}
WIDTHS.update({"‘": 0.222, "’": 0.222, "“": 0.333, "”": 0.333, "–": 0.556, "—": 1.0, "…": 1.0, "•": 0.35, "£": 0.556, "€": 0.556})
OTHER_WIDTH = 0.6  # accented letters and anything else not in the table
SAFETY = 1.1  # rendered text is never wider than the table says, plus 10 % for kerning and substitute fonts
BOLD = 1.08  # Arial Bold is about 7 % wider
LINE_HEIGHT = 1.2  # line pitch as a multiple of the font size
INSET_X = 0.1  # text frame insets in inches (the Office defaults, set explicitly)
INSET_Y = 0.05
INDENT = {"bullet": 0.35, "number": 0.45, "text": 0.0, "subhead": 0.0}
SPACE_BEFORE = 8  # points before every paragraph


@lru_cache(maxsize=65536)
def _ems(text: str) -> float:
    return sum(WIDTHS.get(c, OTHER_WIDTH) for c in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` on one line, in points, with the safety margin."""
    return _ems(text) * size * SAFETY * (BOLD if bold else 1.0)


@dataclass(frozen=True)
class Box:
    """A text box on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def text_width(self) -> float:
        """Width available to text, in points."""
        return (self.width - 2 * INSET_X) * POINTS_PER_INCH

    @property
    def text_height(self) -> float:
        return (self.height - 2 * INSET_Y) * POINTS_PER_INCH


def line_count(text: str, size: float, width: float, bold: bool = False) -> int:
    """Lines that `text` wraps to in `width` points at `size` points, breaking at spaces."""
    space = text_width(" ", size, bold)
    lines, used = 1, 0.0
    for word in text.split():
        needed = text_width(word, size, bold)
        if used and used + space + needed <= width:
            used += space + needed
            continue
        if used:
            lines += 1
        while needed > width:  # a word longer than a line breaks anywhere
            lines += 1
            needed -= width
        used = needed
    return lines


def para_height(para: Para, size: float, box: Box) -> float:
    """Height of one paragraph in points, spacing before included (any bold: measured all bold)."""
    bold = para.kind == "subhead" or any(is_bold for _, is_bold in para.runs)
    width = box.text_width - INDENT[para.kind] * POINTS_PER_INCH
    return line_count(para.text, size, width, bold) * size * LINE_HEIGHT + SPACE_BEFORE


def height(paras: list[Para], size: float, box: Box) -> float:
    return sum(para_height(p, size, box) for p in paras)


def fits(paras: list[Para], size: float, box: Box) -> bool:
    return height(paras, size, box) <= box.text_height


def _pieces(para: Para, size: float, box: Box) -> list[Para]:
    """A paragraph too tall for a whole box, cut at sentences (or words) into pieces that fit."""
    if para_height(para, size, box) <= box.text_height:
        return [para]
    units = sentences(para.text)
    if len(units) == 1:
        units = para.text.split()
    pieces: list[Para] = []
    current = ""
    for unit in units:
        candidate = f"{current} {unit}".strip()
        if current and para_height(para.with_text(candidate), size, box) > box.text_height:
            pieces.append(para.with_text(current))
            candidate = unit
        current = candidate
    pieces.append(para.with_text(current))
    return pieces


def _greedy(pieces: list[Para], size: float, box: Box, capacity: float) -> list[list[Para]]:
    pages: list[list[Para]] = []
    page: list[Para] = []
    used = 0.0
    for piece in pieces:
        needed = para_height(piece, size, box)
        if page and used + needed > capacity:
            carry: list[Para] = []
            while len(page) > 1 and (page[-1].kind == "subhead" or page[-1].text.endswith(":")):  # an introduction goes with its list
                carry.insert(0, page.pop())
            if height(carry, size, box) + needed > capacity:
                page, carry = page + carry, []
            pages.append(page)
            page, used = carry, height(carry, size, box)
        page.append(piece)
        used += needed
    if page:
        pages.append(page)
    return pages


def paginate(paras: list[Para], size: float, box: Box) -> list[list[Para]]:
    """Split blocks into as few pages as fit the box, evenly filled; a sub-heading never ends a page."""
    pieces = [p for para in paras for p in _pieces(para, size, box)]
    pages = _greedy(pieces, size, box, box.text_height)
    if len(pages) < 2:
        return pages
    low, high = height(pieces, size, box) / len(pages), box.text_height
    while high - low > 1:  # the smallest page height that still needs no extra page
        middle = (low + high) / 2
        if len(_greedy(pieces, size, box, middle)) == len(pages):
            high = middle
        else:
            low = middle
    return _greedy(pieces, size, box, high)
