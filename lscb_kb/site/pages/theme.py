"""The page of one theme, and the list of all themes."""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence
from urllib.parse import quote_plus

from ...layout import review_path, theme_path
from ...model import Theme
from ...text import plural
from ..downloads import Download
from .charts import chart_with_table, html_table
from .common import (
    HEADLINE_THEMES,
    OFTEN_WITH,
    Context,
    entry_meta,
    front_matter,
    link,
    md_inline,
    md_text,
)
from .review import edit_link, theme_links


def theme_page(theme: Theme, context: Context, downloads: Sequence[Download] = (), edit_url: str | None = None) -> str:
    published = context.published
    learning = context.of(theme.id)
    here = theme_path(theme.id)
    source = f"themes/{theme.id}.md"
    meta = {
        "title": theme.title,
        "description": " ".join(theme.definition.split()),
        "kb_source": source,
        "pagefind": {"filters": {"theme": [theme.title], "type": ["Theme"], "section": ["Theme"]}, "meta": {"kind": "Theme"}},
    }
    out = [front_matter(meta), f"# {md_text(theme.title)}\n\n", f"{theme.definition}\n{{ .kb-lead }}\n\n"]
    if theme.synonyms:
        out.append(f"**Also searched as:** {md_text(', '.join(theme.synonyms))}\n{{ .kb-synonyms }}\n\n")
    if theme.related:
        out.append(f"**Related themes:** {theme_links(theme.related, published, here)}\n\n")
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
    out.append(edit_link(edit_url, source))
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
