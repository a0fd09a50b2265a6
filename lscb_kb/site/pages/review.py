"""The page of one review entry."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from ...catalogue import Published
from ...layout import review_path, theme_path
from ...model import Review
from ...text import format_date
from ...vocab import REVIEW_DATES
from ..downloads import Download
from ..vocabulary import ENTRY_TOKEN, theme_token
from .common import (
    HISTORIC_NOTICE,
    action_details,
    entry_meta,
    front_matter,
    link,
    md_inline,
    md_text,
)

_URL_UNSAFE = str.maketrans({c: f"%{ord(c):02X}" for c in '()<>"\'[]\\` '})


def url(address: str) -> str:
    """A validated http(s) address made safe as a Markdown link target (nothing can close the link)."""
    return address.translate(_URL_UNSAFE)


def linked_entries(published: Published) -> dict[str, list[str]]:
    """For each entry, the public entries it names in `related` and those that name it: shown both
    ways, in the order named, then newest first. Computed once for the whole site."""
    found: dict[str, dict[str, None]] = {}
    for review in published.reviews:
        for other in review.related:
            if other != review.id and published.review(other) is not None:
                found.setdefault(review.id, {})[other] = None
    for review in published.reviews:  # newest first
        for other in review.related:
            if other != review.id and published.review(other) is not None:
                found.setdefault(other, {})[review.id] = None
    return {ident: list(others) for ident, others in found.items()}


def historic_notice(review: Review, today: dt.date) -> str:
    """The 'historic learning' notice of an archived entry, or of one whose source has expired."""
    if review.source.has_expired(today):
        return (
            '!!! warning "Historic learning"\n'
            f"    The source asks that its material is not used after {format_date(str(review.source.expires))}."
            " Its learning is kept as a record: check current local guidance before acting on it.\n"
        )
    return HISTORIC_NOTICE if review.is_archived else ""


def facts(review: Review) -> list[tuple[str, str]]:
    """The facts block: what the review is, who made it and when, each value escaped."""
    found = [("Type", md_text(review.type_label))]
    if review.scope != "local":  # the default: saying it on every page, inspections included, would mislead
        found.append(("Scope", md_text(review.scope_label)))
    if review.reference:
        found.append(("Reference", md_text(review.reference)))
    found += [("Published", format_date(review.published)), ("Board", md_text(review.board))]
    if review.area:
        found.append(("Area", md_text(", ".join(review.area))))
    if review.ages:
        found.append(("Age bands", md_text(", ".join(review.age_labels))))
    found += [(label, format_date(str(review.dates[name]))) for name, label in REVIEW_DATES.items() if review.dates.get(name)]
    if review.author:
        found.append(("Author", md_text(review.author)))
    return found


def originals(review: Review) -> str:
    """'Read the original': the source document and every link, or where to ask for the report."""
    src = review.source
    items = []
    if src.url:
        items.append(f"- [{md_text(src.title)}]({url(src.url)}) <small>(the source of this entry)</small>\n")
    for item in review.links:
        kind = f" <small>({md_text(item.kind_label)})</small>" if item.title else ""
        items.append(f"- [{md_text(item.label)}]({url(item.url)}){kind}\n")
    if not items:
        return f"\n### Read the original\n\nThe report is not linked here: ask {md_text(src.publisher)} for a copy.\n"
    return "\n### Read the original\n\n" + "".join(items)


def edit_link(edit_url: str | None, source: str) -> str:
    return f"[Edit this page]({edit_url.rstrip('/')}/{source}){{ .kb-edit }}\n" if edit_url else ""


def theme_links(theme_ids: Iterable[str], published: Published, here: str) -> str:
    return ", ".join(f"[{md_text(published.themes[t].title)}]({link(theme_path(t), here)})" for t in theme_ids)


# Sections of an entry's body that list what the structured `actions` already list: shown once.
ACTION_SECTIONS = ("improvement activity", "improvement actions", "actions")
SEARCH_TERMS_LABEL = "Search terms for this entry"  # the search page's script ends excerpts before these words
BRIEFINGS_DIR = "briefings"


def briefing_path(review_id: str) -> str:
    """The site path of an entry's 7-minute briefing page ('briefings/x.md')."""
    return f"{BRIEFINGS_DIR}/{review_id}.md"


def _body_without(body: str, headings: Sequence[str]) -> tuple[str, str]:
    """The body without its level-2 sections whose heading is one of `headings` (case ignored), and those sections' text."""
    kept, dropped, skipping = [], [], False
    for line in body.splitlines():
        if line.startswith("## "):
            skipping = line[3:].strip().casefold() in headings
        (dropped if skipping else kept).append(line)
    return "\n".join(kept), " ".join(line.lstrip("#-* ") for line in dropped)


def search_terms(review: Review, published: Published, repeated: str = "") -> str:
    """What search finds the entry by beyond its own words: the titles of all its themes (learning
    points' too), its type, board, area, ages, source and historic status. Indexed in a
    hidden block at the end of the page, so that it never becomes the excerpt shown under a result."""
    words = [review.type_label, review.board, *review.area, *review.age_labels, review.source.publisher, review.source.title]
    # Theme titles only: the search page finds a theme's synonyms through search-vocabulary.json and the
    # theme filter, so that an entry's own use of a word ("JTAI" in its findings) outranks its theme's list.
    words.extend(published.themes[t].title for t in review.all_themes())
    words.append(" ".join([ENTRY_TOKEN, *(theme_token(t) for t in review.all_themes())]))
    if review.is_archived:
        words.append("Historic learning, archived")
    if repeated.strip():  # a body section the actions list repeats: shown once, its words still found
        words.append(repeated)
    return f"{SEARCH_TERMS_LABEL}: " + "; ".join(md_text(w) for w in words if w)


def review_page(
    review: Review,
    published: Published,
    related_ids: Sequence[str] = (),
    downloads: Sequence[Download] = (),
    edit_url: str | None = None,
    *,
    linked: Sequence[str] = (),
    today: dt.date | None = None,
    briefing: bool = True,
) -> str:
    """An entry's page, learning first: on a phone the summary and learning points come before anything else.

    `linked`: ids of the entries this one names in `related` or that name it (see `linked_entries`);
    `today` decides which actions are overdue and whether the source has expired. Pagefind weights:
    the title (its default), summary and learning points count most; the facts, notice and theme
    lists are left out of the index and their words indexed once in the hidden search terms at the
    end (see `search_terms`), so that they are searchable but never the excerpt.
    """
    today = today or dt.date.today()
    here = review_path(review.id)
    source = f"reviews/{review.id}.md"
    themes = [published.themes[t] for t in review.themes]
    notice = historic_notice(review, today)
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
                "section": ["Entry"],
            },
            "meta": {
                "kind": review.type_label,
                "date": format_date(review.published),
                "year": str(review.year),
                "where": ", ".join(review.area) or review.board,
                "historic": "Historic learning" if notice else "",
            },
            "sort": {"date": review.published},
        },
    }
    out = [front_matter(meta), f"# {md_text(review.title)}\n\n"]
    if notice:
        out.append('<div class="kb-historic" data-pagefind-ignore markdown>\n\n' + notice + "\n</div>\n\n")
    out.append(f"{md_inline(review.summary)}\n{{ .kb-lead data-pagefind-weight=\"4\" }}\n\n")

    out.append("## Learning points\n\n")
    out.append('<div class="kb-learning" data-pagefind-weight="3" markdown>\n\n')
    for number, point in enumerate(review.learning, 1):
        out.append(
            f"{number}. {md_inline(point.point)}<br>\n"
            f"   <small data-pagefind-ignore>{'Theme' if len(review.point_themes(point)) == 1 else 'Themes'}:"
            f" {theme_links(review.point_themes(point), published, here)}</small>\n"
        )
    out.append("\n</div>\n\n")

    # Themes as one line of links; the words search knows them by fold away (and are indexed once, below).
    out.append('<div class="kb-themes" data-pagefind-ignore markdown>\n\n')
    out.append(f"**Themes:** {theme_links(review.themes, published, here)}\n{{ .kb-theme-line }}\n\n")
    synonyms = [(t.title, t.synonyms) for t in themes if t.synonyms]
    if synonyms:
        out.append('<details class="kb-synonyms-fold" markdown>\n<summary>Other words for these themes</summary>\n\n')
        out.extend(f"- {md_text(title)}: {md_text(', '.join(words))}\n" for title, words in synonyms)
        out.append("\n</details>\n\n")
    out.append("</div>\n\n")

    out.append('<div class="kb-facts" data-pagefind-ignore markdown>\n\n')
    out.extend(f"{name}\n:   {value}\n\n" for name, value in facts(review))
    out.append("</div>\n\n")
    if review.named_with_consent:
        out.append("This review names the people it is about with their family's agreement.\n{ .kb-consent }\n\n")
    out.append('<div class="kb-originals" data-pagefind-ignore markdown>\n' + originals(review) + "\n</div>\n\n")

    if review.actions:
        out.append("## Improvement actions\n\n")
        for action in review.actions:
            overdue = '<strong class="kb-overdue">Overdue</strong> ' if action.overdue(today) else ""
            out.append(f'- <span class="kb-status kb-status--{action.status}">{action.status_label}</span> {overdue}{md_inline(action.action)}')
            details = action_details(action)
            if details:
                out.append(f"<br>\n  <small>{' · '.join(details)}</small>")
            if action.evidence:
                out.append(f"<br>\n  <small>Evidence: {md_inline(action.evidence)}</small>")
            out.append("\n")
        out.append("\n")
    body, repeated = _body_without(review.body, ACTION_SECTIONS) if review.actions else (review.body, "")
    if body.strip():
        out.append(f"\n{body.strip()}\n")

    src = review.source
    out.append(f"\n## Source\n\n{md_text(src.publisher)}, *{md_text(src.title)}*.")
    if src.licence:
        out.append(f" Licence: {md_text(src.licence)}.")
    out.append("\n")
    if downloads or briefing:
        out.append('\n<div class="kb-downloads" data-pagefind-ignore markdown>\n\n## Use it with your team\n\n')
        if briefing:
            out.append(f"- [7-minute briefing (web page, prints on one page)]({link(briefing_path(review.id), here)})\n")
        out.extend(f"- [{md_text(d.label)}]({link(d.path, here)})\n" for d in downloads)
        out.append("\n</div>\n")
    out.append(f'\n<div class="kb-search-terms" hidden markdown>\n\n{search_terms(review, published, repeated)}\n{{ data-pagefind-weight="0.5" }}\n\n</div>\n')
    named = [published.review(i) for i in linked if i != review.id and published.review(i)]
    entries = [published.review(i) for i in related_ids if i != review.id and published.review(i) and i not in linked]
    if named or entries or edit_url:
        out.append('\n<div class="kb-related" data-pagefind-ignore markdown>\n\n')
        if named:
            out.append("## Linked entries\n\nReviews of the same case or work, linked by the board.\n\n")
            out.extend(f"- [{md_text(r.title)}]({link(review_path(r.id), here)})<br>\n  <small>{entry_meta(r)}</small>\n" for r in named)
            out.append("\n")
        if entries:
            out.append("## Related entries\n\n")
            out.extend(f"- [{md_text(r.title)}]({link(review_path(r.id), here)})<br>\n  <small>{entry_meta(r)}</small>\n" for r in entries)
            out.append("\n")
        out.append(edit_link(edit_url, source))
        out.append("\n</div>\n")
    return "".join(out)


def briefing_page(review: Review, published: Published, today: dt.date | None = None) -> str:
    """The entry's 7-minute briefing as a web page: the seven boxes of the Word briefing, laid out to print on A4."""
    from ...exports.briefing import briefing_boxes
    from ...exports.settings import Settings
    from ...exports.text import md_runs

    boxes = briefing_boxes(published, review, Settings(), today or dt.date.today())
    here = briefing_path(review.id)
    out = [
        front_matter({"title": f"7-minute briefing: {review.title}", "kb_index": False, "hide": ["toc", "navigation"]}),
        f"# 7-minute briefing: {md_text(review.title)}\n\n",
        f"{entry_meta(review)} · [The full entry]({link(review_path(review.id), here)})\n{{ .kb-briefing__meta }}\n\n",
    ]
    if review.is_archived:
        out.append('!!! warning "Historic learning"\n    Use it to reflect on practice, not as a description of today\u2019s procedures.\n\n')
    out.append('<div class="kb-briefing" markdown>\n\n')
    for number, (title, paras) in enumerate(boxes.items(), 1):
        out.append(f'<section class="kb-briefing__box" markdown>\n\n## {number}. {md_text(title)}\n\n')
        for para in paras:
            text = md_runs(para)
            out.append(f"- {text}\n" if para.kind in ("bullet", "number") else f"\n{text}\n\n")
        out.append("\n</section>\n\n")
    out.append("</div>\n")
    return "".join(out)
