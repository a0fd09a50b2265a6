"""Machine-readable files of the site: the Atom feed of new entries and the learning index as JSON."""

from __future__ import annotations

import datetime as dt
import json

from ..catalogue import Published
from ..layout import page_url, review_path
from ..learning import LearningIndex

FEED_FILE = "feed.xml"
LEARNING_FILE = "learning-index.json"
FEED_SIZE = 50

# --- feed and data -------------------------------------------------------------------------------------


def _date(value: str) -> dt.datetime:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.timezone.utc)


def atom_feed(published: Published, site_name: str, site_url: str = "", *, use_directory_urls: bool = True) -> bytes:
    """An Atom feed of the newest entries. Without a site URL, links are relative to the feed and ids are tag URIs."""
    from feedgen.feed import FeedGenerator

    base = site_url.rstrip("/") + "/" if site_url else ""
    newest = published.reviews[:FEED_SIZE]
    feed = FeedGenerator()
    feed.id(base + FEED_FILE if base else "tag:lscb-kb,2024:feed")
    feed.title(site_name)
    feed.subtitle("New entries in the knowledge base of learning from safeguarding reviews")
    feed.author({"name": site_name})
    feed.link(href=base + FEED_FILE, rel="self", type="application/atom+xml")
    feed.link(href=base or "./", rel="alternate", type="text/html")
    feed.language("en-GB")
    feed.updated(_date(newest[0].published) if newest else dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
    for review in newest:
        url = base + page_url(review_path(review.id), use_directory_urls)
        entry = feed.add_entry(order="append")
        entry.id(url if base else f"tag:lscb-kb,2024:review/{review.id}")
        entry.title(review.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.summary(" ".join(review.summary.split()))
        entry.published(_date(review.published))
        entry.updated(_date(review.published))
        entry.author({"name": review.board})
        for theme_id in review.themes:
            entry.category(term=theme_id, label=published.themes[theme_id].title)
    return feed.atom_str(pretty=True)


def learning_json(learning: LearningIndex) -> bytes:
    return json.dumps(learning.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
