"""Where things are: the folders and files of a knowledge base, and the address of each page.

One home for these names, so that a folder is renamed in one place and every
link honours MkDocs' `use_directory_urls` (a page is `reviews/x/` or `reviews/x.html`).
"""

from __future__ import annotations

REVIEWS_DIR = "reviews"
THEMES_DIR = "themes"
CONTENT_DIR = "content"  # the hand-written pages (MkDocs' docs_dir)
SETTINGS_FILE = "lscb-kb.yml"  # the knowledge base's own settings
SITE_CONFIG_FILE = "mkdocs.yml"  # the website's settings
SITE_DIR = "site"  # where `lscb-kb build` writes the website
BUILD_DIR = "build"  # indexes and schemas made from the entries


def review_path(review_id: str) -> str:
    """The site path of an entry's page ('reviews/x.md')."""
    return f"{REVIEWS_DIR}/{review_id}.md"


def theme_path(theme_id: str) -> str:
    """The site path of a theme's page ('themes/x.md')."""
    return f"{THEMES_DIR}/{theme_id}.md"


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL of a page path ('reviews/x.md' -> 'reviews/x/' or 'reviews/x.html')."""
    stem = path[: -len(".md")]
    if stem.endswith("index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def review_url(review_id: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL of an entry's page."""
    return page_url(review_path(review_id), use_directory_urls)
