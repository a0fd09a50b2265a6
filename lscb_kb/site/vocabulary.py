"""The search vocabulary the website's search page needs, generated from the one the command line uses.

One source for both engines: the sector's equivalences (`search.EQUIVALENTS`)
and every theme's title and synonyms. The browser gets them as a small JSON
file, with each theme's page and entry count (for a theme card among the
results) and a word list from the entries' own titles, summaries and learning
points (for "Did you mean"), and, in a large knowledge base, the share of entries
that use each frequent word. The page's script reads it to keep phrases whole,
expand a query to its equivalents, find the themes a query names and search a
question's rarer ideas first.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from ..catalogue import Published
from ..layout import page_url, theme_path
from ..search import EQUIVALENTS
from ..text import plain_text

VOCABULARY_FILE = "search-vocabulary.json"
# One word on every entry page, and one per theme on its entries' pages (in their hidden search terms):
# the search page finds "every entry" or "a theme's entries" by searching one word, which downloads one
# small part of Pagefind's index (a search by filters alone downloads all of it).
ENTRY_TOKEN = "kbentry"


def theme_token(theme_id: str) -> str:
    """The theme's id first, so that each token sits in another part of Pagefind's alphabetical index
    (all of them together would make one large part that every theme search downloads)."""
    return re.sub(r"[^a-z0-9]", "", theme_id.casefold()) + "kbtheme"


COMMON_FROM = 50  # in a knowledge base this big, the page is told how many entries use each frequent word:
FREQUENT_SHARE = 0.1  # a word in more than this share of the entries' text is listed with its share (%).
# The page searches the rarer ideas of a question first and leaves out words in more than half of the
# entries: they tell no entry apart, and each word searched downloads the part of Pagefind's index that
# holds it (a frequent word's part is large).
MAX_WORDS = 4000  # the commonest words kept for spelling suggestions: about 30 KB, 12 KB compressed
MIN_WORD = 4  # shorter words are too easily "corrected"

# Words that narrow nothing on their own; inside a known phrase ("did not attend") they are kept.
STOP_WORDS = (
    "a about an and any are as at be been but by can could did do does for from had has have he her his how i if in"
    " into is it its me my no nor not of on or our said say says she so than that the their them then there these"
    " they this those to too us was we were what when where which who whom why will with would you your"
    " find happen happened happens know like look looks must should tell went"  # how questions are asked
    " across after being between every just keep keeps kept while"
).split()

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("\u2019", "'"))


def browser_vocabulary(published: Published, *, use_directory_urls: bool = True) -> dict:
    """What the search page needs to plan a query (see the module docstring); JSON-ready."""
    entries = Counter(t for review in published.reviews for t in review.all_themes())
    themes = [
        {
            "title": theme.title,
            "url": page_url(theme_path(theme.id), use_directory_urls),
            "names": sorted({name.casefold() for name in (theme.title, *theme.synonyms)}),
            "entries": entries[theme.id],
            "token": theme_token(theme.id),
        }
        for theme in published.themes.values()
    ]
    counts: Counter = Counter()  # entries (and themes) whose own words use each word: for "Did you mean"
    indexed: Counter = Counter()  # entries whose page text (body included) uses each word: its cost in the index
    for review in published.reviews:
        text = " ".join((review.title, review.summary, *(p.point for p in review.learning), review.board, *review.area))
        counts.update(w for w in set(_words(text)) if len(w) >= MIN_WORD)
        indexed.update(set(_words(f"{text} {plain_text(review.body)}")))
    for theme in published.themes.values():
        counts.update(w for name in (theme.title, *theme.synonyms) for w in _words(name) if len(w) >= MIN_WORD)
    words = sorted(w for w, _ in counts.most_common(MAX_WORDS))
    many = len(published.reviews)
    frequent = {w: round(100 * n / many) for w, n in sorted(indexed.items()) if many >= COMMON_FROM and n > FREQUENT_SHARE * many}
    return {
        "version": 1,
        "entry_token": ENTRY_TOKEN,
        "entries": len(published.reviews),
        "with_age": sum(1 for review in published.reviews if review.ages),
        "stop": STOP_WORDS,
        "groups": [[phrase.casefold() for phrase in group] for group in EQUIVALENTS],
        "themes": themes,
        "words": words,
        "frequent": frequent,
    }


def vocabulary_json(published: Published, *, use_directory_urls: bool = True) -> bytes:
    data = browser_vocabulary(published, use_directory_urls=use_directory_urls)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
