"""The home page's generated blocks: a search box, the headline themes and what is new."""

from __future__ import annotations

import html
from collections import Counter

from ...catalogue import Published
from ...layout import review_path, theme_path
from ...text import plural
from .common import (
    HEADLINE_THEMES,
    HOME_PLACEHOLDERS,
    WHATS_NEW,
    entry_meta,
    link,
    md_inline,
    md_text,
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


# --- home page search box --------------------------------------------------------------------------------

HOME_SEARCH_SLOT = '<div id="kb-home-search"></div>'


def search_form(action: str) -> str:
    """The home page's search box: a plain GET form to the search page, so it works without JavaScript."""
    return (
        f'<form class="kb-home-search" role="search" aria-label="Search the knowledge base" action="{html.escape(action)}" method="get">'
        '<label class="kb-home-search__label" for="kb-home-q">Search the learning from reviews</label>'
        '<div class="kb-home-search__row">'
        '<input class="kb-home-search__input" id="kb-home-q" name="q" type="search" autocomplete="off" enterkeyhint="search"'
        ' placeholder="e.g. did not attend, bruising, escalation">'
        '<button class="md-button md-button--primary kb-home-search__button" type="submit">Search</button>'
        "</div></form>"
    )
