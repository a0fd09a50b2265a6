"""Charts drawn as inline SVG, each with a data table as its text alternative (no script, no image
from elsewhere: the Content-Security-Policy allows neither)."""

from __future__ import annotations

import html
from typing import Iterable, Sequence

from ...text import plural
from .common import attr

# --- charts and tables -------------------------------------------------------------------------

CHART_WIDTH = 360  # SVG units: drawn at phone width so labels stay readable when scaled to fit
LABEL_CHARACTERS = 52  # a label longer than this wraps onto a second line
LINE_HEIGHT = 16


def _label_lines(label: str) -> list[str]:
    lines = [""]
    for word in label.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > LABEL_CHARACTERS:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def bar_chart(chart_id: str, title: str, description: str, rows: Sequence[tuple[str, int]]) -> str:
    """A horizontal bar chart as accessible inline SVG: one line, safe to place in Markdown.

    Labels sit above their bars (wrapping when long) so that theme names fit
    at 320 px; the caller puts a data table next to it as the text alternative.
    """
    top = max((value for _, value in rows), default=0) or 1
    longest = max((len(f"{value:,}") for _, value in rows), default=1)
    bar_room = CHART_WIDTH - 12 - 9 * longest
    parts, y = [], 0
    for label, value in rows:
        lines = _label_lines(label)
        width = max(2, round(bar_room * value / top)) if value else 0
        text = "".join(
            f'<text class="kb-chart__label" x="0" y="{y + 13 + i * LINE_HEIGHT}">{html.escape(line)}</text>' for i, line in enumerate(lines)
        )
        bar_y = y + 18 + (len(lines) - 1) * LINE_HEIGHT
        parts.append(
            f'<g class="kb-chart__row">{text}<rect class="kb-chart__bar" x="0" y="{bar_y}" width="{width}" height="12" rx="2"></rect>'
            f'<text class="kb-chart__value" x="{width + 6}" y="{bar_y + 11}">{value:,}</text></g>'
        )
        y = bar_y + 16
    return _svg(chart_id, title, description, parts, y + 4)


def _svg(chart_id: str, title: str, description: str, parts: Sequence[str], height: int) -> str:
    """A chart's drawing as accessible inline SVG: an image named by its title and description."""
    return "".join(
        [
            f'<svg class="kb-chart__svg" viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" height="{height}"'
            f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
            f'<title id="{chart_id}-title">{html.escape(title)}</title>',
            f'<desc id="{chart_id}-desc">{html.escape(description)}</desc>',
            *parts,
            "</svg>",
        ]
    )


def stacked_bar_chart(
    chart_id: str, title: str, description: str, series: Sequence[tuple[str, str]], rows: Sequence[tuple[str, Sequence[int]]]
) -> str:
    """Horizontal bars split into segments, one per series (`series`: (css key, label)), with a legend:
    as accessible inline SVG on one line. Segment colours come from the style sheet
    (`kb-chart__seg--KEY`), so both colour schemes work; the caller adds a data table."""
    top = max((sum(values) for _, values in rows), default=0) or 1
    longest = max((len(f"{sum(values):,}") for _, values in rows), default=1)
    bar_room = CHART_WIDTH - 12 - 9 * longest
    parts, x = [], 0
    for key, label in series:  # the legend, on one line at phone width
        parts.append(
            f'<rect class="kb-chart__seg kb-chart__seg--{attr(key)}" x="{x}" y="2" width="10" height="10"></rect>'
            f'<text class="kb-chart__label" x="{x + 14}" y="11">{html.escape(label)}</text>'
        )
        x += 24 + 7 * len(label)
    y = 20
    for label, values in rows:
        segments, left = [], 0
        for (key, name), value in zip(series, values):
            if not value:
                continue
            width = max(2, round(bar_room * value / top))
            segments.append(
                f'<rect class="kb-chart__seg kb-chart__seg--{attr(key)}" x="{left}" y="{y + 18}" width="{width}" height="12">'
                f"<title>{html.escape(label)}, {html.escape(name)}: {value:,}</title></rect>"
            )
            left += width
        parts.append(
            f'<g class="kb-chart__row"><text class="kb-chart__label" x="0" y="{y + 13}">{html.escape(label)}</text>{"".join(segments)}'
            f'<text class="kb-chart__value" x="{left + 6}" y="{y + 29}">{sum(values):,}</text></g>'
        )
        y += 34
    return _svg(chart_id, title, description, parts, y + 4)


def html_table(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain HTML table (one line), first column as row headers, numbers right-aligned."""
    out = [f'<table class="kb-table"><caption>{html.escape(caption)}</caption><thead><tr>']
    out.extend(f'<th scope="col">{html.escape(h)}</th>' for h in header)
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            text = f"{cell:,}" if isinstance(cell, int) else html.escape(str(cell))
            if i == 0:
                out.append(f'<th scope="row">{text}</th>')
            else:
                out.append(f'<td class="kb-num">{text}</td>' if isinstance(cell, int) else f"<td>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def scroll_region(label: str, content: str) -> str:
    """A wide table in a keyboard-scrollable region, so the page itself never scrolls sideways."""
    return f'<div class="kb-scroll" role="region" aria-label="{attr(label)}" tabindex="0">{content}</div>'


def chart_with_table(chart_id: str, title: str, description: str, rows: Sequence[tuple[str, int]], table: str) -> str:
    """A figure with the chart, then the same figures as a table in a details block."""
    return (
        f'<figure class="kb-chart">{bar_chart(chart_id, title, description, rows)}'
        f"<figcaption>{html.escape(title)}</figcaption></figure>\n\n"
        f'<details class="kb-data"><summary>{html.escape(title)}: data table</summary>{scroll_region(title, table)}</details>\n'
    )


def describe_ranking(rows: Sequence[tuple[str, int]], unit: str, units: str) -> str:
    if not rows:
        return "No data."
    leaders = ", ".join(f"{label} ({plural(value, unit, units)})" for label, value in rows[:3])
    return f"Bar chart of {len(rows)} bars, longest first: {leaders}. The table below gives every figure."
