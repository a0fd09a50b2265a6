"""The search vocabulary the website's search page needs, generated from the one the command line uses.

One source for both engines: the sector's equivalences (`search.EQUIVALENTS`)
and every theme's title and synonyms. The browser gets them as a small JSON
file, with each theme's page and entry count (for a theme card among the
results) and a word list from the entries' own titles, summaries and learning
points (for "Did you mean"), in a large knowledge base the share of entries each
frequent stem finds, and, once Pagefind has indexed the site, the bounds and size
of each part of its index. The page's script reads it to keep phrases whole,
expand a query to its equivalents, find the themes a query names, and search a
question's rarer ideas first, as many as fit its download budget.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter

import snowballstemmer

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


COMMON_FROM = 50  # in a knowledge base this big, the page is told how many entries each frequent stem finds:
FREQUENT_SHARE = 0.1  # a stem found in more than this share of the entries' pages is listed with its share (%).
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
_PAGEFIND_WORD = re.compile(r"[a-z0-9]+")  # Pagefind splits words at hyphens (and drops apostrophes)


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
    for review in published.reviews:
        text = " ".join((review.title, review.summary, *(p.point for p in review.learning), review.board, *review.area))
        counts.update(w for w in set(_words(text)) if len(w) >= MIN_WORD)
    for theme in published.themes.values():
        counts.update(w for name in (theme.title, *theme.synonyms) for w in _words(name) if len(w) >= MIN_WORD)
    words = sorted(w for w, _ in counts.most_common(MAX_WORDS))
    many = len(published.reviews)
    return {
        "version": 1,
        "entry_token": ENTRY_TOKEN,
        "entries": len(published.reviews),
        "with_age": sum(1 for review in published.reviews if review.ages),
        "stop": STOP_WORDS,
        "groups": [[phrase.casefold() for phrase in group] for group in EQUIVALENTS],
        "themes": themes,
        "words": words,
        "frequent": frequent_stems(published) if many >= COMMON_FROM else {},
    }


def frequent_stems(published: Published) -> dict[str, int]:
    """The share of entries (%) a search for each frequent stem finds, counted as Pagefind matches words.

    Pagefind indexes stems (Snowball English) and a search for a word finds every stem that begins with
    the word's stem: "exploited" finds "exploitation" too. So each stem counts the entries whose page
    (title, summary, learning, body, themes and their other words) has a stem beginning with it.
    """
    stemmer = snowballstemmer.stemmer("english")
    stem_of: dict[str, str] = {}
    found: dict[str, set[int]] = {}  # stem -> the entries whose page has it
    for n, review in enumerate(published.reviews):
        themes = [published.themes[t] for t in review.all_themes() if t in published.themes]
        page = " ".join((
            review.title, review.summary, *(p.point for p in review.learning), review.board, *review.area,
            review.type_label, *(name for theme in themes for name in (theme.title, *theme.synonyms)), plain_text(review.body),
        ))
        for word in set(_PAGEFIND_WORD.findall(page.casefold().replace("'", "").replace("\u2019", ""))):
            stem = stem_of.get(word) or stem_of.setdefault(word, stemmer.stemWord(word))
            found.setdefault(stem, set()).add(n)
    stems = sorted(found)
    least = FREQUENT_SHARE * len(published.reviews)
    shares = {}
    for at, stem in enumerate(stems):
        extended = [found[longer] for longer in stems[at : bisect.bisect_left(stems, stem + "\uffff")]]
        if sum(map(len, extended)) > least and len(entries := set().union(*extended)) > least:
            shares[stem] = round(100 * len(entries) / len(published.reviews))
    return shares


def vocabulary_json(published: Published, *, use_directory_urls: bool = True) -> bytes:
    return _encoded(browser_vocabulary(published, use_directory_urls=use_directory_urls))


def with_index_parts(vocabulary: bytes, parts: list[list]) -> bytes:
    """The vocabulary file with the bounds and sizes of the parts of Pagefind's index (known once the site
    is indexed): the page adds up what each search would download and keeps a question within its budget."""
    data = json.loads(vocabulary)
    data["index_parts"] = parts
    return _encoded(data)


def _encoded(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
