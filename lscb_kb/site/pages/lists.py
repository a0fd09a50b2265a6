"""The pages that list every entry or action, and the search page (filled in the browser by Pagefind)."""

from __future__ import annotations

from collections import Counter, defaultdict

from ...catalogue import Published
from ...layout import review_path
from ...text import plural
from ...vocab import ACTION_STATUSES, AGE_BANDS
from .charts import chart_with_table, html_table, scroll_region
from .common import attr, entry_meta, front_matter, link, md_inline, md_text


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
        f"All {plural(len(published.reviews), 'entry', 'entries')}, newest first. Each [theme's page]({link('themes/index.md', here)})"
        f" lists its entries, and [search]({link('search.md', here)}) finds words.\n\n",
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


def search_page(published: Published | None = None) -> str:
    """The search page: the site's script builds the search form, filters and results inside #kb-search.

    Without JavaScript nothing can read the words typed (the site is static files), so the page says so
    and lists every theme with its other names, each linking to the theme's page of entries.
    """
    themes_by_words = ""
    if published is not None and published.themes:
        rows = [
            f"- [{md_text(t.title)}](themes/{t.id}.md)" + (f": {md_text(', '.join(t.synonyms))}" if t.synonyms else "")
            for t in sorted(published.themes.values(), key=lambda t: t.title.casefold())
        ]
        themes_by_words = '<details class="kb-nojs-themes" markdown>\n<summary>Themes and the words for them</summary>\n\n' + "\n".join(rows) + "\n\n</details>\n\n"
    return "".join(
        [
            front_matter({"title": "Search", "kb_index": False, "hide": ["toc"]}),
            "# Search\n\n",
            f'<div id="kb-search" class="kb-search" data-age-order="{attr("|".join(AGE_BANDS.values()))}" data-pagefind-ignore markdown>\n\n',
            "Search needs JavaScript, which is turned off or not available in this browser, so the words you typed"
            " could not be searched. Every entry is listed on the [browse page](browse.md), newest first, and every theme,"
            " with the words practitioners use for it, is below: its page lists its entries.\n"
            "{ .kb-nojs }\n\n",
            themes_by_words,
            "</div>\n\n",
            "Search looks for your words in every entry and theme; theme names and the words practitioners use"
            " for them (such as *DNA*, *invisible men* or *county lines*) find the theme and its entries."
            " Narrow the results by theme, type, year, area or age band.\n{ .kb-search-help }\n",
        ]
    )
