"""The website's pages as Markdown: a pure function of the published view.

`render_pages` returns {site-relative path: Markdown text}. The MkDocs plugin
adds these pages to the site and `lscb-kb stage` writes them as plain files,
so the content is not tied to one site generator. Only the `Published` view is
read, so embargoed and draft entries cannot appear on any page.

Contributed text (titles, boards, areas, synonyms) is escaped before it goes
into Markdown or HTML; summaries, learning points and bodies are Markdown that
the validator has already checked, and the plugin sanitises the rendered HTML.
Charts are inline SVG drawn here, each with a data table as its alternative.

Front matter of each page carries what the site needs beyond the text: the
Pagefind filters, metadata and sort keys of a page (`pagefind`), whether it is
searchable at all (`kb_index: false` for lists that repeat other pages) and
the file a contributor edits (`kb_source`).
"""

from __future__ import annotations

import calendar
import html
import math
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, NamedTuple, Sequence
from urllib.parse import quote_plus

import yaml

from .catalogue import Published
from .learning import LearningIndex, ThemeLearning, learning_index
from .model import Review, Theme
from .vocab import ACTION_STATUSES, AGE_BANDS

# The five themes the partnership named first (DESIGN.md): shown first on the home and themes pages.
HEADLINE_THEMES = ("professional-curiosity", "disguised-compliance", "voice-of-the-child", "neglect", "child-sexual-exploitation")
WHATS_NEW = 5  # newest entries on the home page
TOP_PAIRS = 20  # theme pairs in the "occur together" table
OFTEN_WITH = 5  # co-occurring themes named on a theme page

# Lines of the hand-written home page (content/index.md) that generated blocks replace.
HOME_PLACEHOLDERS = ("{{ search_box }}", "{{ headline_themes }}", "{{ whats_new }}")

HISTORIC_NOTICE = (
    '!!! warning "Historic learning"\n'
    "    This entry is archived. Its learning is still worth knowing, but the procedures, forms and contacts"
    " it mentions may no longer apply: check current local guidance before acting on it.\n"
)


class Download(NamedTuple):
    """A file offered for download on a page: its link text and its path in the site."""

    label: str
    path: str


def review_path(review_id: str) -> str:
    return f"reviews/{review_id}.md"


def theme_path(theme_id: str) -> str:
    return f"themes/{theme_id}.md"


# --- text helpers --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}>#|])")


def md_text(text: str) -> str:
    """Plain text made safe to place anywhere in a Markdown line (no markup, links, HTML or attributes).

    '&' and '<' become entities (Markdown has no backslash escape for '<'), so
    the text shows exactly as written and can never open a tag.
    """
    text = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_inline(text: str) -> str:
    """Contributed Markdown (a summary, a learning point) on one line, without attribute lists."""
    return " ".join(str(text).split()).replace("{", "\\{").replace("}", "\\}")


def attr(text: str) -> str:
    """A value for an attr_list attribute or an HTML attribute: no quotes or braces can break out."""
    return html.escape(re.sub(r'["{}]', "'", " ".join(str(text).split())), quote=True)


def link(target: str, here: str) -> str:
    """A relative link from page `here` to site path `target` (both like 'reviews/x.md')."""
    here_dir, target_dir = posixpath.dirname(here), posixpath.dirname(target)
    if here_dir == target_dir:
        return posixpath.basename(target)
    return "../" * here.count("/") + target


def format_date(value: str) -> str:
    """'2014-06' -> 'June 2014'; '2014-06-07' -> '7 June 2014'; '2014' stays."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available: 5,000 pages' front matter


def front_matter(meta: Mapping) -> str:
    text = yaml.dump(dict(meta), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{text}---\n\n"


def entry_meta(review: Review) -> str:
    """'Serious Case Review · June 2014 · Liverpool': the line under an entry's title in lists."""
    return " · ".join(md_text(p) for p in (review.type_label, format_date(review.published), ", ".join(review.area)) if p)


# --- the learning index, as the pages read it ------------------------------------------------------


@dataclass
class Context:
    """What several pages share: the published view and its learning index (computed once)."""

    published: Published
    learning: LearningIndex
    _themes: dict[str, ThemeLearning] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._themes.update({t.theme_id: t for t in self.learning.themes})

    def of(self, theme_id: str) -> ThemeLearning:
        return self._themes[theme_id]

    def entries(self, theme_id: str) -> int:
        return len(self._themes[theme_id].entries)

    def ranked_themes(self) -> list[Theme]:
        """Themes with entries, most entries first."""
        themes = [t for t in self.published.themes.values() if self.entries(t.id)]
        return sorted(themes, key=lambda t: (-self.entries(t.id), t.title))

    def years(self) -> list[int]:
        return sorted({r.year for r in self.published.reviews})

    def pairs(self) -> list[tuple[str, str, int]]:
        """Each pair of co-occurring themes once, most entries first."""
        found = {(min(t.theme_id, other), max(t.theme_id, other)): n for t in self.learning.themes for other, n in t.co_occurring}
        return sorted(((a, b, n) for (a, b), n in found.items()), key=lambda item: (-item[2], item[0], item[1]))


# --- related entries -----------------------------------------------------------------------------

RELATED_CANDIDATES = 50  # entries sharing the most themes, re-ranked by how rare the shared themes are


def related_by_themes(published: Published, limit: int = 5) -> dict[str, list[str]]:
    """For each entry, the entries sharing its rarest themes: shared themes weighted by inverse frequency, newest first on ties.

    Fast enough for every page of a large site: candidates come from counting
    shared themes (a C-level count per theme list), then only the best few are
    weighted and ranked.
    """
    if limit <= 0:
        return {}
    reviews = published.reviews  # newest first: a lower position is newer
    themes_of = [set(r.all_themes()) for r in reviews]
    members: dict[str, list[int]] = defaultdict(list)
    for position, themes in enumerate(themes_of):
        for theme_id in themes:
            members[theme_id].append(position)
    weight = {t: math.log(len(reviews) / len(m)) + 1 for t, m in members.items()}
    related = {}
    for position, review in enumerate(reviews):
        shared: Counter = Counter()
        for theme_id in themes_of[position]:
            shared.update(members[theme_id])
        del shared[position]
        candidates = [other for other, _ in shared.most_common(RELATED_CANDIDATES)]
        score = {o: sum(weight[t] for t in themes_of[position] & themes_of[o]) for o in candidates}
        best = sorted(candidates, key=lambda o: (-score[o], o))[:limit]
        related[review.id] = [reviews[o].id for o in best]
    return related


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
    height = y + 4
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


# --- the pages ---------------------------------------------------------------------------------


def render_pages(
    published: Published,
    related: Mapping[str, Sequence[str]] | None = None,
    downloads: Mapping[str, Sequence[Download]] | None = None,
    *,
    edit_url: str | None = None,
    learning: LearningIndex | None = None,
) -> dict[str, str]:
    """Every generated page: {site-relative Markdown path: Markdown text}.

    `related` maps a review id to the ids of related entries (ids not in the
    published view are ignored, so a stale index cannot leak an entry);
    `downloads` maps a page path to the files offered on it; `edit_url` is
    the repository's edit address (e.g. https://github.com/org/kb/edit/main/)
    used for the "Edit this page" links; `learning` is the learning index of
    `published`, computed here when not given.
    """
    related = related or {}
    downloads = downloads or {}
    context = Context(published, learning or learning_index(published))
    pages: dict[str, str] = {}
    for review in published.reviews:
        path = review_path(review.id)
        pages[path] = review_page(review, published, related.get(review.id, ()), downloads.get(path, ()), edit_url)
    for theme in published.themes.values():
        path = theme_path(theme.id)
        pages[path] = theme_page(theme, context, downloads.get(path, ()), edit_url)
    pages["themes/index.md"] = themes_index_page(context)
    pages["learning-index.md"] = learning_index_page(context)
    pages["actions.md"] = actions_page(published)
    pages["browse.md"] = browse_page(published)
    pages["search.md"] = search_page()
    return pages


def _edit_link(edit_url: str | None, source: str) -> str:
    return f"[Edit this page]({edit_url.rstrip('/')}/{source}){{ .kb-edit }}\n" if edit_url else ""


def _theme_links(theme_ids: Iterable[str], published: Published, here: str) -> str:
    return ", ".join(f"[{md_text(published.themes[t].title)}]({link(theme_path(t), here)})" for t in theme_ids)


def review_page(
    review: Review,
    published: Published,
    related_ids: Sequence[str] = (),
    downloads: Sequence[Download] = (),
    edit_url: str | None = None,
) -> str:
    here = review_path(review.id)
    source = f"reviews/{review.id}.md"
    themes = [published.themes[t] for t in review.themes]
    meta = {
        "title": review.title,
        "description": " ".join(review.summary.split()),
        "kb_source": source,
        "pagefind": {
            "filters": {
                "theme": [published.themes[t].title for t in review.all_themes()],
                "type": [review.type_label],
                "year": [str(review.year)],
                "area": list(review.area),
                "age": list(review.age_labels),
            },
            "meta": {"kind": review.type_label, "date": format_date(review.published)},
            "sort": {"date": review.published},
        },
    }
    out = [front_matter(meta), f"# {md_text(review.title)}\n\n"]
    if review.is_archived:
        out.append(HISTORIC_NOTICE + "\n")
    out.append(f"{md_inline(review.summary)}\n{{ .kb-lead }}\n\n")

    facts = [("Type", md_text(review.type_label)), ("Published", format_date(review.published)), ("Board", md_text(review.board))]
    if review.area:
        facts.append(("Area", md_text(", ".join(review.area))))
    if review.ages:
        facts.append(("Age bands", md_text(", ".join(review.age_labels))))
    out.append('<div class="kb-facts" markdown>\n\n')
    out.extend(f"{name}\n:   {value}\n\n" for name, value in facts)
    out.append("</div>\n\n")

    out.append("## Themes\n\n")
    for theme in themes:
        out.append(f"- [{md_text(theme.title)}]({link(theme_path(theme.id), here)})")
        if theme.synonyms:
            out.append(f"<br>\n  <small>Also searched as: {md_text(', '.join(theme.synonyms))}</small>")
        out.append("\n")
    out.append("\n## Learning points\n\n")
    for number, point in enumerate(review.learning, 1):
        # The point's themes are for readers: search has them already (filters, the themes list above).
        out.append(
            f"{number}. {md_inline(point.point)}<br>\n"
            f"   <small data-pagefind-ignore>{'Theme' if len(review.point_themes(point)) == 1 else 'Themes'}:"
            f" {_theme_links(review.point_themes(point), published, here)}</small>\n"
        )
    if review.actions:
        out.append("\n## Improvement actions\n\n")
        for action in review.actions:
            out.append(
                f'- <span class="kb-status kb-status--{action.status}">{action.status_label}</span> {md_inline(action.action)}\n'
            )
    if review.body.strip():
        out.append(f"\n{review.body.strip()}\n")

    src = review.source
    out.append(f"\n## Source\n\n{md_text(src.publisher)}, *{md_text(src.title)}*.")
    if src.url:
        out.append(f" [Read the source document]({src.url.replace('(', '%28').replace(')', '%29')}).")
    if src.licence:
        out.append(f" Licence: {md_text(src.licence)}.")
    out.append("\n")
    if downloads:
        out.append("\n## Downloads\n\n")
        out.extend(f"- [{md_text(d.label)}]({link(d.path, here)})\n" for d in downloads)
    entries = [published.review(i) for i in related_ids if i != review.id and published.review(i)]
    if entries or edit_url:
        out.append('\n<div class="kb-related" data-pagefind-ignore markdown>\n\n')
        if entries:
            out.append("## Related entries\n\n")
            out.extend(f"- [{md_text(r.title)}]({link(review_path(r.id), here)})<br>\n  <small>{entry_meta(r)}</small>\n" for r in entries)
            out.append("\n")
        out.append(_edit_link(edit_url, source))
        out.append("\n</div>\n")
    return "".join(out)


def theme_page(theme: Theme, context: Context, downloads: Sequence[Download] = (), edit_url: str | None = None) -> str:
    published = context.published
    learning = context.of(theme.id)
    here = theme_path(theme.id)
    source = f"themes/{theme.id}.md"
    meta = {
        "title": theme.title,
        "description": " ".join(theme.definition.split()),
        "kb_source": source,
        "pagefind": {"filters": {"theme": [theme.title], "type": ["Theme"]}, "meta": {"kind": "Theme"}},
    }
    out = [front_matter(meta), f"# {md_text(theme.title)}\n\n", f"{theme.definition}\n{{ .kb-lead }}\n\n"]
    if theme.synonyms:
        out.append(f"**Also searched as:** {md_text(', '.join(theme.synonyms))}\n{{ .kb-synonyms }}\n\n")
    if theme.related:
        out.append(f"**Related themes:** {_theme_links(theme.related, published, here)}\n\n")
    if learning.co_occurring:
        named = ", ".join(
            f"[{md_text(published.themes[t].title)}]({link(theme_path(t), here)}) ({plural(n, 'entry', 'entries')})"
            for t, n in learning.co_occurring[:OFTEN_WITH]
        )
        out.append(f"**Often found with:** {named}\n\n")
    if theme.guidance:
        out.append(f"{theme.guidance}\n\n")
    if downloads:
        out.append("## Workshop materials\n\n")
        out.extend(f"- [{md_text(d.label)}]({link(d.path, here)})\n" for d in downloads)
        out.append("\n")

    out.append("## Learning from reviews\n\n")
    if not learning.entries:
        out.append("No published entry has this theme yet.\n\n")
    else:
        out.append(
            f"{plural(len(learning.points), 'learning point')} on this theme in {plural(len(learning.entries), 'entry', 'entries')},"
            f" newest first. [See them on the browse page]({link('browse.md', here)}?theme={quote_plus(theme.title)}).\n\n"
        )
        rows = [(str(year), count) for year, count in reversed(learning.by_year)]
        title = f"Entries on {theme.title} by year"
        description = "Bar chart of entries per year, newest year first: " + ", ".join(f"{y}: {n}" for y, n in rows) + "."
        out.append(chart_with_table(f"chart-{theme.id}-years", title, description, rows, html_table(title, ("Year", "Entries"), rows)))
        points: dict[str, list[str]] = defaultdict(list)
        for tagged in learning.points:
            points[tagged.review_id].append(tagged.point)
        out.append('\n<div class="kb-theme-learning" data-pagefind-ignore markdown>\n\n')
        for review in map(published.review, learning.entries):
            out.append(f"### [{md_text(review.title)}]({link(review_path(review.id), here)})\n\n<small>{entry_meta(review)}</small>\n\n")
            if points[review.id]:
                out.extend(f"- {md_inline(point)}\n" for point in points[review.id])
            else:  # tagged at entry level while its points name other themes
                out.append(f"{md_inline(review.summary)}\n")
            out.append("\n")
        out.append("</div>\n\n")
    out.append(_edit_link(edit_url, source))
    return "".join(out)


def _theme_item(theme: Theme, context: Context, here: str) -> str:
    return (
        f"- **[{md_text(theme.title)}]({link(theme_path(theme.id), here)})** · {plural(context.entries(theme.id), 'entry', 'entries')}<br>\n"
        f"  {md_inline(theme.definition)}\n"
    )


def themes_index_page(context: Context) -> str:
    published = context.published
    here = "themes/index.md"
    headline = [published.themes[t] for t in HEADLINE_THEMES if t in published.themes]
    out = [
        front_matter({"title": "Themes", "kb_index": False}),
        "# Themes\n\n",
        "Every entry is tagged with the themes of its learning. Each theme page gives a short definition, what good"
        " practice looks like and every learning point on the theme from all the reviews."
        f" The [learning index]({link('learning-index.md', here)}) shows how the themes compare.\n\n",
    ]
    if headline:
        out.append("## Priority themes\n\n")
        out.extend(_theme_item(t, context, here) for t in headline)
        out.append("\n")
    out.append("## All themes\n\n")
    out.extend(_theme_item(t, context, here) for t in sorted(published.themes.values(), key=lambda t: t.title.casefold()))
    return "".join(out)


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


def actions_page(published: Published) -> str:
    here = "actions.md"
    actions = [(review, action) for review in published.reviews for action in review.actions]
    out = [
        front_matter({"title": "Improvement actions", "kb_index": False}),
        "# Improvement actions\n\n",
        f"What partnerships did, or planned to do, about the learning: {plural(len(actions), 'action')} from"
        f" {plural(len({r.id for r, _ in actions}), 'entry', 'entries')}. An action counts under every theme of its entry.\n\n",
    ]
    if not actions:
        out.append("No improvement actions have been recorded yet.\n")
        return "".join(out)
    by_status = Counter(a.status for _, a in actions)
    rows = [(label, by_status[status]) for status, label in ACTION_STATUSES.items()]
    out.append("## Actions by status\n\n")
    out.append(
        chart_with_table(
            "chart-actions", "Improvement actions by status",
            "Bar chart of actions per status: " + ", ".join(f"{label}: {n}" for label, n in rows) + ".",
            rows, html_table("Improvement actions by status", ("Status", "Actions"), rows),
        )
    )
    out.append("\n## Actions by theme\n\n")
    per_theme: dict[str, Counter] = defaultdict(Counter)
    for review, action in actions:
        for theme_id in review.themes:
            per_theme[theme_id][action.status] += 1
    themed = sorted(per_theme, key=lambda t: (-sum(per_theme[t].values()), published.themes[t].title))
    table = html_table(
        "Improvement actions by theme and status", ("Theme", *ACTION_STATUSES.values(), "Total"),
        [(published.themes[t].title, *(per_theme[t][s] for s in ACTION_STATUSES), sum(per_theme[t].values())) for t in themed],
    )
    out.append(scroll_region("Improvement actions by theme and status", table) + "\n\n")
    for status, label in ACTION_STATUSES.items():
        mine = [(r, a) for r, a in actions if a.status == status]
        if not mine:
            continue
        out.append(f"## {label} ({len(mine):,})\n\n")
        for review, action in mine:
            out.append(
                f"- {md_inline(action.action)}<br>\n"
                f"  <small>[{md_text(review.title)}]({link(review_path(review.id), here)}) · {entry_meta(review)}</small>\n"
            )
        out.append("\n")
    return "".join(out)


def browse_page(published: Published) -> str:
    """Every entry, newest first, grouped by year: a plain list that the site's script can filter."""
    here = "browse.md"
    out = [
        front_matter({"title": "Browse all entries", "kb_index": False}),
        "# Browse all entries\n\n",
        f"All {plural(len(published.reviews), 'entry', 'entries')}, newest first. Narrow the list by theme, type,"
        f" year, area or age band, or [search]({link('search.md', here)}) for words.\n\n",
        f'<div id="kb-browse-filters" class="kb-filters" data-age-order="{attr("|".join(AGE_BANDS.values()))}"></div>\n\n',
        '<div id="kb-browse" class="kb-browse" markdown>\n\n',
    ]
    year = None
    for review in published.reviews:
        if review.year != year:
            year = review.year
            out.append(f"\n## {year}\n\n")
        data = {
            "theme": "|".join(published.themes[t].title for t in review.all_themes()),
            "type": review.type_label,
            "year": str(review.year),
            "area": "|".join(review.area),
            "age": "|".join(review.age_labels),
        }
        attributes = " ".join(f'data-{k}="{attr(v)}"' for k, v in data.items() if v)
        out.append(
            f"- [{md_text(review.title)}]({link(review_path(review.id), here)})<br>\n"
            f"  <small>{entry_meta(review)}</small>\n  {{ {attributes} }}\n"
        )
    if not published.reviews:
        out.append("There are no published entries yet.\n")
    out.append("\n</div>\n")
    return "".join(out)


def search_page() -> str:
    """The search page: the site's script builds the search form, filters and results inside #kb-search."""
    return "".join(
        [
            front_matter({"title": "Search", "kb_index": False, "hide": ["toc"]}),
            "# Search\n\n",
            f'<div id="kb-search" class="kb-search" data-age-order="{attr("|".join(AGE_BANDS.values()))}" data-pagefind-ignore markdown>\n\n',
            "Search needs JavaScript, which is turned off or not available in this browser."
            " Every entry is listed on the [browse page](browse.md), and every theme on the [themes page](themes/index.md).\n"
            "{ .kb-nojs }\n\n",
            "</div>\n\n",
            "Search looks for your words in every entry and theme; theme names and the words practitioners use"
            " for them (such as *DNA*, *invisible men* or *county lines*) find the theme and its entries."
            " Narrow the results by theme, type, year, area or age band.\n{ .kb-search-help }\n",
        ]
    )


# --- the home page's generated blocks -----------------------------------------------------------------


def whats_new(published: Published, here: str = "index.md") -> str:
    out = ["## What's new\n\n"]
    if not published.reviews:
        return "".join(out) + "There are no published entries yet.\n"
    for review in published.reviews[:WHATS_NEW]:
        out.append(f"- [{md_text(review.title)}]({link(review_path(review.id), here)})<br>\n  <small>{entry_meta(review)}</small>\n")
    out.append(
        f"\n[All entries, newest first]({link('browse.md', here)}) · [Feed of new entries (Atom)]({link('feed.xml', here)})\n"
    )
    return "".join(out)


def headline_themes(published: Published, here: str = "index.md") -> str:
    counts = Counter(t for r in published.reviews for t in r.all_themes())  # entries per theme, as on the themes page
    out = ["## Priority themes\n\n", '<div class="grid cards" markdown>\n\n']
    for theme_id in HEADLINE_THEMES:
        theme = published.themes.get(theme_id)
        if theme is None:
            continue
        out.append(
            f"-   **[{md_text(theme.title)}]({link(theme_path(theme.id), here)})**\n\n"
            f"    {md_inline(theme.definition)}\n\n"
            f"    {plural(counts[theme.id], 'entry', 'entries')}\n\n"
        )
    out.append(f"</div>\n\n[All themes]({link('themes/index.md', here)})\n")
    return "".join(out)


def fill_home(markdown: str, published: Published, search_box: str) -> str:
    """The home page with its placeholder lines replaced by generated blocks.

    A home page without any placeholder gets all three after its first
    paragraph, so that search, the priority themes and what is new are there.
    """
    blocks = {
        "{{ search_box }}": search_box,
        "{{ headline_themes }}": headline_themes(published),
        "{{ whats_new }}": whats_new(published),
    }
    lines = markdown.split("\n")
    if not any(line.strip() in blocks for line in lines):
        insert_at = _after_first_paragraph(lines)
        lines[insert_at:insert_at] = ["", *HOME_PLACEHOLDERS, ""]
    return "\n".join(f"\n{blocks[line.strip()]}\n" if line.strip() in blocks else line for line in lines)


def _after_first_paragraph(lines: list[str]) -> int:
    """Index of the line after the first paragraph that is not a heading or front matter."""
    start = 0
    if lines and lines[0].strip() == "---":  # skip front matter
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    in_paragraph = False
    for i, line in enumerate(lines[start:], start):
        text = line.strip()
        if in_paragraph and not text:
            return i
        if text and not text.startswith("#") and text != "---":
            in_paragraph = True
    return len(lines)
