"""The page of one review entry."""

from __future__ import annotations

from typing import Iterable, Sequence

from ...catalogue import Published
from ...layout import review_path, theme_path
from ...model import Review
from ...text import format_date
from ..downloads import Download
from .common import HISTORIC_NOTICE, entry_meta, front_matter, link, md_inline, md_text


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
) -> str:
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
    if review.is_archived:
        out.append(HISTORIC_NOTICE + "\n")
    out.append(f"{md_inline(review.summary)}\n{{ .kb-lead }}\n\n")

    facts = [("Type", md_text(review.type_label)), ("Published", format_date(review.published)), ("Board", md_text(review.board))]
    if review.area:
        facts.append(("Area", md_text(", ".join(review.area))))
    if review.ages:
        facts.append(("Age bands", md_text(", ".join(review.age_labels))))
    out.append('<div class="kb-facts" markdown>\n\n')
    out.extend(f"{name}\n:   {value}\n\n" for name, value in facts)
    out.append("</div>\n\n")

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
            out.append(
                f'- <span class="kb-status kb-status--{action.status}">{action.status_label}</span> {md_inline(action.action)}\n'
            )
    if review.body.strip():
        out.append(f"\n{review.body.strip()}\n")

    src = review.source
    out.append(f"\n## Source\n\n{md_text(src.publisher)}, *{md_text(src.title)}*.")
    if src.url:
        out.append(f" [Read the source document]({src.url.replace('(', '%28').replace(')', '%29')}).")
    if src.licence:
        out.append(f" Licence: {md_text(src.licence)}.")
    out.append("\n")
    if downloads:
        out.append("\n## Downloads\n\n")
        out.extend(f"- [{md_text(d.label)}]({link(d.path, here)})\n" for d in downloads)
    entries = [published.review(i) for i in related_ids if i != review.id and published.review(i)]
    if entries or edit_url:
        out.append('\n<div class="kb-related" data-pagefind-ignore markdown>\n\n')
        if entries:
            out.append("## Related entries\n\n")
            out.extend(f"- [{md_text(r.title)}]({link(review_path(r.id), here)})<br>\n  <small>{entry_meta(r)}</small>\n" for r in entries)
            out.append("\n")
        out.append(edit_link(edit_url, source))
        out.append("\n</div>\n")
    return "".join(out)
