"""The pages that list every entry or action, and the search page (filled in the browser by Pagefind)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ...actions import TrackedAction, tracked_actions
from ...actions import counts as action_counts
from ...catalogue import Published
from ...layout import review_path
from ...text import format_date, plural
from ...vocab import ACTION_STATUSES, AGE_BANDS
from .charts import chart_with_table, html_table, scroll_region
from .common import (
    action_details,
    attr,
    entry_meta,
    front_matter,
    link,
    md_inline,
    md_text,
)


def _action_item(item: TrackedAction, published: Published, here: str) -> str:
    """One action: its status (and an overdue marker), text, entry, owner, dates and evidence, with
    the values the page's filters read as data attributes."""
    review, action = item.review, item.action
    marker = '<strong class="kb-overdue">Overdue</strong> ' if item.overdue else ""
    details = [f"[{md_text(review.title)}]({link(review_path(review.id), here)})", md_text(review.board)]
    details += action_details(action)
    lines = [
        f'- <span class="kb-status kb-status--{action.status}">{action.status_label}</span> {marker}{md_inline(action.action)}<br>\n'
        f"  <small>{' · '.join(details)}</small>"
    ]
    if action.evidence:
        lines.append(f"<br>\n  <small>Evidence: {md_inline(action.evidence)}</small>")
    data = {
        "status": action.status_label,
        "owner": action.owner or "",
        "board": review.board,
        "theme": "|".join(published.themes[t].title for t in review.themes),
        "overdue": "yes" if item.overdue else "",
    }
    attributes = " ".join(f'data-{k}="{attr(v)}"' for k, v in data.items() if v)
    lines.append(f"\n  {{ {attributes} }}\n")
    return "".join(lines)


def actions_page(published: Published, today: dt.date | None = None) -> str:
    """Every action, overdue first, then by status: a plain list that the site's script can filter
    by status, owner, board and theme, with the counts at the top and charts below."""
    here = "actions.md"
    today = today or dt.date.today()
    tracked = tracked_actions(published, today)
    out = [
        front_matter({"title": "Improvement actions", "kb_index": False}),
        "# Improvement actions\n\n",
        "What partnerships did, or planned to do, about the learning. An action counts under every theme of its entry;"
        " it is overdue when it is not done and its due date has passed"
        f" (on {format_date(today.isoformat())}, when this page was made).\n\n",
    ]
    if not tracked:
        out.append("No improvement actions have been recorded yet.\n")
        return "".join(out)
    total, by_status, overdue = action_counts(tracked)
    entries = len({t.review.id for t in tracked})
    out.append('<div class="kb-counts" markdown>\n\n')
    out.append(f"- **{total:,}** {'action' if total == 1 else 'actions'} from {plural(entries, 'entry', 'entries')}\n")
    out.extend(f"- **{n:,}** {ACTION_STATUSES[s].lower()}\n" for s, n in by_status.items())
    out.append(f"- **{overdue:,}** overdue\n\n</div>\n\n")
    out.append(
        f'<div id="kb-actions-filters" class="kb-filters" data-status-order="{attr("|".join(ACTION_STATUSES.values()))}" markdown>\n\n'
        "Filtering by status, owner, board or theme needs JavaScript, which is turned off or not available in this browser:"
        " every action is listed below, overdue actions first, then by status.\n\n</div>\n\n"
    )
    out.append('<div id="kb-actions" class="kb-browse kb-actions" markdown>\n\n')
    groups = [("Overdue", [t for t in tracked if t.overdue])]
    groups += [(label, [t for t in tracked if not t.overdue and t.action.status == status]) for status, label in ACTION_STATUSES.items()]
    for label, items in groups:
        if not items:
            continue
        out.append(f"## {label} ({len(items):,})\n\n")
        out.extend(_action_item(item, published, here) for item in items)
        out.append("\n")
    out.append("</div>\n\n")

    rows = [(ACTION_STATUSES[s], n) for s, n in by_status.items()]
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
    for item in tracked:
        for theme_id in item.review.themes:
            per_theme[theme_id][item.action.status] += 1
    themed = sorted(per_theme, key=lambda t: (-sum(per_theme[t].values()), published.themes[t].title))
    table = html_table(
        "Improvement actions by theme and status", ("Theme", *ACTION_STATUSES.values(), "Total"),
        [(published.themes[t].title, *(per_theme[t][s] for s in ACTION_STATUSES), sum(per_theme[t].values())) for t in themed],
    )
    out.append(scroll_region("Improvement actions by theme and status", table) + "\n")
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
