"""The cross-theme learning index page: counts by theme and year, and themes that occur together."""

from __future__ import annotations

import html
from collections import Counter

from ...layout import theme_path
from ...text import plural
from ...vocab import ACTION_STATUSES
from .charts import (
    chart_with_table,
    describe_ranking,
    html_table,
    scroll_region,
    stacked_bar_chart,
)
from .common import TOP_PAIRS, Context, front_matter, link, md_text


def _heat_level(value: int, top: int) -> int:
    """0 for none, then 1-4 by quarters of the largest count."""
    return 0 if not value else min(4, 1 + (4 * value - 1) // max(top, 1))


def heat_table(context: Context) -> str:
    ranked = context.ranked_themes()
    years = context.years()
    counts = {t.id: dict(context.of(t.id).by_year) for t in ranked}
    top = max((n for per_year in counts.values() for n in per_year.values()), default=1)
    cells = ['<table class="kb-heat"><caption>Entries per theme and year</caption><thead><tr><th scope="col">Theme</th>']
    cells.extend(f'<th scope="col" class="kb-num">{y}</th>' for y in years)
    cells.append('<th scope="col" class="kb-num">Total</th></tr></thead><tbody>')
    for theme in ranked:
        per_year = counts[theme.id]
        cells.append(f'<tr><th scope="row">{html.escape(theme.title)}</th>')
        cells.extend(f'<td class="kb-num kb-heat-{_heat_level(per_year.get(y, 0), top)}">{per_year.get(y, "")}</td>' for y in years)
        cells.append(f'<td class="kb-num">{context.entries(theme.id)}</td></tr>')
    cells.append("</tbody></table>")
    return scroll_region("Entries per theme and year", "".join(cells))


def actions_over_time(context: Context) -> str:
    """The improvement actions of the entries of each year, by status: whether the learning of
    each year's reviews has been acted on. Empty when no entry records an action."""
    per_year: dict[int, Counter] = {}
    for review in context.published.reviews:
        if review.actions:
            per_year.setdefault(review.year, Counter()).update(a.status for a in review.actions)
    if not per_year:
        return ""
    statuses = list(ACTION_STATUSES)
    rows = [(str(year), [per_year[year][s] for s in statuses]) for year in sorted(per_year, reverse=True)]
    description = "Stacked bar chart of improvement actions by the year their entry was published, newest year first: " + "; ".join(
        f"{year}: " + ", ".join(f"{ACTION_STATUSES[s].lower()} {n}" for s, n in zip(statuses, values) if n) for year, values in rows
    ) + "."
    table = html_table(
        "Improvement actions by year of the entry and status",
        ("Year", *ACTION_STATUSES.values(), "Total"),
        [(year, *values, sum(values)) for year, values in rows],
    )
    title = "Improvement actions by year and status"
    return "".join(
        [
            "\n## Improvement actions over time\n\n",
            "The improvement actions recorded for the entries of each year, by how far they have got. Every action is"
            " listed on the [improvement actions page](actions.md).\n\n",
            f'<figure class="kb-chart">{stacked_bar_chart("chart-actions-years", title, description, [(s, ACTION_STATUSES[s]) for s in statuses], rows)}'
            f"<figcaption>{html.escape(title)}</figcaption></figure>\n\n",
            f'<details class="kb-data"><summary>{html.escape(title)}: data table</summary>{scroll_region(title, table)}</details>\n',
        ]
    )


def learning_index_page(context: Context) -> str:
    published = context.published
    here = "learning-index.md"
    ranked = context.ranked_themes()
    total_points = sum(len(r.learning) for r in published.reviews)
    out = [
        front_matter({"title": "Learning index", "kb_index": False}),
        "# Learning index\n\n",
        f"The learning index looks across all {plural(len(published.reviews), 'entry', 'entries')} and their"
        f" {plural(total_points, 'learning point')}: which themes come up most, how that changes over the years and which"
        " themes come up together. Each theme's page lists every learning point on it."
        f" The same figures are available as [data (JSON)]({link('learning-index.json', here)}).\n\n",
    ]
    if not ranked:
        return "".join(out) + "There are no published entries yet.\n"

    rows = [(t.title, context.entries(t.id)) for t in ranked]
    table = html_table(
        "Entries and learning points per theme",
        ("Theme", "Entries", "Learning points"),
        [(t.title, context.entries(t.id), len(context.of(t.id).points)) for t in ranked],
    )
    out.append("## Themes by number of entries\n\n")
    out.append(chart_with_table("chart-themes", "Entries per theme", describe_ranking(rows, "entry", "entries"), rows, table))
    out.append(f"\nEvery theme, with its definition, is on the [themes page]({link('themes/index.md', here)}).\n\n")

    out.append("## Themes by year\n\n")
    out.append(
        "How many entries on each theme were published each year. Darker cells mean more entries; every cell"
        " also shows its number.\n\n"
    )
    out.append(heat_table(context) + "\n\n")
    years = Counter(r.year for r in published.reviews)
    year_rows = [(str(y), years[y]) for y in sorted(years, reverse=True)]
    description = "Bar chart of entries per year, newest year first: " + ", ".join(f"{y}: {n}" for y, n in year_rows) + "."
    out.append(
        chart_with_table("chart-years", "Entries per year", description, year_rows, html_table("Entries per year", ("Year", "Entries"), year_rows))
    )

    out.append(actions_over_time(context))

    out.append("\n## Themes that occur together\n\n")
    pairs = context.pairs()[:TOP_PAIRS]
    if not pairs:
        return "".join(out) + "No entry has more than one theme yet.\n"
    out.append(
        "The pairs of themes found together in the most entries. Recurring pairs suggest where learning"
        " and training on one theme should also cover the other.\n\n"
    )
    out.append("| Theme | Found with | Entries with both |\n|:--|:--|--:|\n")
    for a, b, n in pairs:
        first, second = published.themes[a], published.themes[b]
        out.append(
            f"| [{md_text(first.title)}]({link(theme_path(a), here)}) | [{md_text(second.title)}]({link(theme_path(b), here)}) | {n:,} |\n"
        )
    return "".join(out)
