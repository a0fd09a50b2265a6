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

import datetime as dt
from typing import Mapping, Sequence

from ...catalogue import Published
from ...layout import review_path, theme_path
from ...learning import LearningIndex, learning_index
from ..downloads import Download
from .common import Context
from .learning import learning_index_page
from .lists import actions_page, browse_page, search_page
from .review import briefing_page, briefing_path, linked_entries, review_page
from .theme import theme_page, themes_index_page

# --- the pages ---------------------------------------------------------------------------------


def render_pages(
    published: Published,
    related: Mapping[str, Sequence[str]] | None = None,
    downloads: Mapping[str, Sequence[Download]] | None = None,
    *,
    edit_url: str | None = None,
    learning: LearningIndex | None = None,
    today: dt.date | None = None,
) -> dict[str, str]:
    """Every generated page: {site-relative Markdown path: Markdown text}.

    `related` maps a review id to the ids of related entries (ids not in the
    published view are ignored, so a stale index cannot leak an entry);
    `downloads` maps a page path to the files offered on it; `edit_url` is
    the repository's edit address (e.g. https://github.com/org/kb/edit/main/)
    used for the "Edit this page" links; `learning` is the learning index of
    `published`, computed here when not given; `today` decides which actions
    are overdue and which sources have expired (the build's date when not given).
    """
    today = today or dt.date.today()
    related = related or {}
    downloads = downloads or {}
    context = Context(published, learning or learning_index(published))
    linked = linked_entries(published)
    pages: dict[str, str] = {}
    for review in published.reviews:
        path = review_path(review.id)
        pages[path] = review_page(
            review, published, related.get(review.id, ()), downloads.get(path, ()), edit_url, linked=linked.get(review.id, ()), today=today
        )
        pages[briefing_path(review.id)] = briefing_page(review, published, today)
    for theme in published.themes.values():
        path = theme_path(theme.id)
        pages[path] = theme_page(theme, context, downloads.get(path, ()), edit_url)
    pages["themes/index.md"] = themes_index_page(context)
    pages["learning-index.md"] = learning_index_page(context)
    pages["actions.md"] = actions_page(published, today)
    pages["browse.md"] = browse_page(published)
    pages["search.md"] = search_page(published)
    return pages


def clash_message(path: str) -> str:
    """Why a hand-written page may not take the name of a generated one."""
    return (
        f"the hand-written page '{path}' has the same name as a page the knowledge base generates:"
        " rename or remove the hand-written one."
    )
