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


def review_page(
    review: Review,
    published: Published,
    related_ids: Sequence[str] = (),
    downloads: Sequence[Download] = (),
    edit_url: str | None = None,
    *,
    linked: Sequence[str] = (),
    today: dt.date | None = None,
) -> str:
    """`linked`: ids of the entries this one names in `related` or that name it (see `linked_entries`);
    `today` decides which actions are overdue and whether the source has expired."""
    today = today or dt.date.today()
    here = review_path(review.id)
    source = f"reviews/{review.id}.md"
    themes = [published.themes[t] for t in review.themes]
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
            },
            "meta": {"kind": review.type_label, "date": format_date(review.published)},
            "sort": {"date": review.published},
        },
    }
    out = [front_matter(meta), f"# {md_text(review.title)}\n\n"]
    notice = historic_notice(review, today)
    if notice:
        out.append(notice + "\n")
    out.append(f"{md_inline(review.summary)}\n{{ .kb-lead }}\n\n")

    out.append('<div class="kb-facts" markdown>\n\n')
    out.extend(f"{name}\n:   {value}\n\n" for name, value in facts(review))
    out.append("</div>\n\n")
    if review.named_with_consent:
        out.append("This review names the people it is about with their family's agreement.\n{ .kb-consent }\n\n")

    out.append("## Themes\n\n")
    for theme in themes:
        out.append(f"- [{md_text(theme.title)}]({link(theme_path(theme.id), here)})")
        if theme.synonyms:
            out.append(f"<br>\n  <small>Also searched as: {md_text(', '.join(theme.synonyms))}</small>")
        out.append("\n")
    out.append("\n## Learning points\n\n")
    for number, point in enumerate(review.learning, 1):
        # The point's themes are for readers: search has them already (filters, the themes list above).
        out.append(
            f"{number}. {md_inline(point.point)}<br>\n"
            f"   <small data-pagefind-ignore>{'Theme' if len(review.point_themes(point)) == 1 else 'Themes'}:"
            f" {theme_links(review.point_themes(point), published, here)}</small>\n"
        )
    if review.actions:
        out.append("\n## Improvement actions\n\n")
        for action in review.actions:
            overdue = '<strong class="kb-overdue">Overdue</strong> ' if action.overdue(today) else ""
            out.append(f'- <span class="kb-status kb-status--{action.status}">{action.status_label}</span> {overdue}{md_inline(action.action)}')
            details = action_details(action)
            if details:
                out.append(f"<br>\n  <small>{' · '.join(details)}</small>")
            if action.evidence:
                out.append(f"<br>\n  <small>Evidence: {md_inline(action.evidence)}</small>")
            out.append("\n")
    if review.body.strip():
        out.append(f"\n{review.body.strip()}\n")

    src = review.source
    out.append(f"\n## Source\n\n{md_text(src.publisher)}, *{md_text(src.title)}*.")
    if src.licence:
        out.append(f" Licence: {md_text(src.licence)}.")
    out.append("\n")
    out.append(originals(review))
    if downloads:
        out.append("\n## Downloads\n\n")
        out.extend(f"- [{md_text(d.label)}]({link(d.path, here)})\n" for d in downloads)
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
