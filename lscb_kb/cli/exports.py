"""lscb-kb export: workshop deck, 7-minute briefing, handout."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from ..catalogue import Published
from . import KnowledgeBase, cli, pass_kb
from .options import theme_option


@cli.group("export")
def export_group() -> None:
    """Workshop material from the knowledge base: slide deck, 7-minute briefing, handout.

    Only published and archived entries are exported. Naming an unknown,
    embargoed or draft entry, or an unknown theme, is a usage error (exit 2)
    and nothing is written. An existing output file is replaced only by a
    complete new one. Themes may be named by id, title or synonym ("voice of
    the child"); entries by id or a title fragment matching one entry
    ("Sonia"). The knowledge base is the current folder, or give --root
    before 'export' (lscb-kb --root ../our-kb export ...).

    \b
    Example (a 90-minute workshop on neglect and the voice of the child):
        lscb-kb export deck --theme neglect --theme "voice of the child" \\
            --review Sonia --length 90 --out workshop.pptx
        lscb-kb export handout --theme neglect --theme "voice of the child" --out handout.docx
        lscb-kb export briefing Sonia --out sonia.docx
    """


def _export_format(out: Path, chosen: str | None, allowed: tuple[str, ...]) -> str:
    """The file format: --format if given (it must agree with a known extension), else the extension."""
    suffix = out.suffix.lower().lstrip(".")
    suffix = "md" if suffix == "markdown" else suffix
    if chosen:
        if suffix in allowed and suffix != chosen:
            raise click.BadParameter(f"'{out.name}' ends in .{suffix} but --format is {chosen}: make them agree.", param_hint="'--out'")
        return chosen
    if suffix in allowed:
        return suffix
    endings = " or ".join(f".{a}" for a in allowed)
    also = " (or give --format)" if len(allowed) > 1 else ""
    raise click.BadParameter(f"'{out.name}' does not end in {endings}: use {'one of those extensions' if len(allowed) > 1 else 'that extension'}{also}.", param_hint="'--out'")


def _template_bytes(template: Path | None, allowed: tuple[str, ...], chosen: str | None = None) -> bytes | None:
    """The --template file's bytes, after checking it suits the output."""
    if template is None:
        return None
    if chosen == "md":
        raise click.BadParameter("a template styles Word output: leave it out for Markdown, or write a .docx.", param_hint="'--template'")
    if template.suffix.lower().lstrip(".") not in allowed:
        endings = " or ".join(f".{a}" for a in allowed)
        raise click.BadParameter(f"'{template.name}' is not a {endings} file.", param_hint="'--template'")
    try:
        return template.read_bytes()
    except OSError as error:
        raise click.BadParameter(f"cannot read '{template}': {error.strerror or error}.", param_hint="'--template'") from None


def _export_settings(kb: KnowledgeBase):
    """The partnership's settings for exports (lscb-kb.yml 'training:'); a wrong one is a usage error."""
    from ..exports.settings import read_settings

    return read_settings(kb.root)


def _review_id(published: Published, name: str) -> str:
    """An entry named by id or by a title fragment matching exactly one published entry."""
    from ..exports.common import resolve_review

    return resolve_review(published, name).id


def _warn_expired(published: Published, ids, settings) -> None:
    """Say on the command line when exported material's source has asked not to be used any more."""
    import datetime as dt

    from ..exports.common import is_expired, source_expiry
    from ..text import format_date

    expired = [r for r in (published.review(i) for i in dict.fromkeys(ids)) if r is not None and is_expired(r, dt.date.today())]
    if not expired:
        return
    if len(expired) == 1:
        (review,) = expired
        said = f"the source of '{review.id}' asked that its material is not used after {format_date(source_expiry(review.source))}"
    else:
        listed = "; ".join(f"{r.id} (after {format_date(source_expiry(r.source))})" for r in expired)
        said = f"the sources of {len(expired)} entries in this export asked that their material is not used any more: {listed}"
    click.echo(f"Warning: {said}. The export marks it as historic learning; check the copying terms before you use it.", err=True)


def _export_write(kb: KnowledgeBase, out: Path, build, hints: dict[str, str]) -> None:
    """Build the file's content, then write it atomically; a refused selection writes nothing."""
    from ..errors import KnowledgeBaseError
    from ..exports import SelectionError
    from ..files import write_atomic

    try:
        content = build()
    except SelectionError as error:
        message = str(error)
        entry = kb.catalogue().reviews.get(error.name) if error.kind == "review" else None
        if entry is not None and not entry.is_public:
            message = f"'{error.name}' is {entry.status}: {entry.status} entries are never exported (see {entry.path})."
        raise click.BadParameter(message, param_hint=hints[error.kind]) from None
    try:
        write_atomic(out, content.encode("utf-8") if isinstance(content, str) else content)
    except OSError as error:
        raise KnowledgeBaseError(f"cannot write {out}: {error.strerror or error}.") from None
    click.echo(f"Wrote {out}")


@export_group.command("deck")
@theme_option("A theme to cover: id, title or synonym, e.g. \"voice of the child\" (repeat for several).")
@click.option("--review", "reviews", multiple=True, metavar="ENTRY", help="An entry to present: its id, or a title fragment matching one entry, e.g. Sonia (repeat for several).")
@click.option("--length", type=click.Choice(["60", "90", "120"]), default="90", show_default=True, help="The workshop's length in minutes: picks the running order.")
@click.option("--title", help="The title slide's title. [default: from the themes or the review]")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .pptx file to write.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The partnership's own 16:9 .pptx to build on (its masters, layouts and theme).")
@pass_kb
def export_deck(
    kb: KnowledgeBase, themes: tuple[str, ...], reviews: tuple[str, ...], length: str, title: str | None, out: Path, template: Path | None
) -> None:
    """Write a 16:9 PowerPoint workshop deck from themes and entries.

    A workshop's running order for --length minutes: title (the plan is in
    its notes), agenda, ground rules, aims, a content warning with support
    before any case, each theme (definition, good practice, learning from
    other reviews) with a small-group activity, a break (90 and 120
    minutes), each case (chronology, learning, "what would you do today?",
    small-group reflection), commitments, local contacts and escalation,
    resources and evaluation. Every slide has a number, a footer and
    facilitator notes; historic and expired material is marked on every
    slide that carries it. Contacts, support lines, procedures, logo and
    colours come from lscb-kb.yml ('training:'). The knowledge base is the
    current folder, or --root before 'export'.

    \b
    Example (a 90-minute workshop):
        lscb-kb export deck --theme neglect --theme "voice of the child" \\
            --review Sonia --length 90 --out workshop.pptx
    """
    _export_format(out, None, ("pptx",))
    if not themes and not reviews:
        raise click.UsageError("Name at least one --theme or --review for the deck.")
    base = _template_bytes(template, ("pptx",))
    from ..exports.common import select_reviews
    from ..exports.deck import build_deck

    published = kb.published()
    settings = _export_settings(kb)

    def make():
        carried: set[str] = set()
        content = build_deck(published, themes, reviews, title, length=int(length), settings=settings, template=base, carried=carried)
        _warn_expired(published, [*(r.id for r in select_reviews(published, reviews)), *sorted(carried)], settings)
        return content

    _export_write(kb, out, make, {"review": "'--review'", "theme": "'--theme'"})


@export_group.command("briefing")
@click.argument("review_id", metavar="ENTRY")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .docx or .md file to write.")
@click.option("--format", "file_format", type=click.Choice(["docx", "md"]), help="Word or Markdown. [default: from the --out extension]")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The partnership's own .dotx or .docx (styles, header, footer, logo) for Word output.")
@pass_kb
def export_briefing(kb: KnowledgeBase, review_id: str, out: Path, file_format: str | None, template: Path | None) -> None:
    """Write a one-page 7-minute briefing on one entry (Word or Markdown).

    ENTRY is an entry's id, or a fragment of its title that matches one
    published entry ("Sonia"). Seven numbered boxes on one A4 page:
    1 Background, 2 Why it matters, 3 Key information, 4 Learning,
    5 Questions for reflection, 6 What you should do, 7 Further
    information; the source and its copying terms once, at the foot.
    Historic and expired material is marked. Local procedures, web links
    and branding come from lscb-kb.yml ('training:'). The knowledge base
    is the current folder, or --root before 'export'.

    \b
    Example:
        lscb-kb export briefing Sonia --out sonia.docx
        lscb-kb --root ../our-kb export briefing liverpool-2016-child-a-alex --out alex.md
    """
    chosen = _export_format(out, file_format, ("docx", "md"))
    from ..exports import briefing

    published = kb.published()
    settings = _export_settings(kb)
    base = _template_bytes(template, ("docx", "dotx"), chosen)
    build = functools.partial(briefing.briefing_docx, template=base) if chosen == "docx" else briefing.briefing_markdown

    def make():
        ident = _review_id(published, review_id)
        _warn_expired(published, [ident], settings)
        if chosen == "docx" and not briefing.build_briefing(published, ident, settings=settings).one_page:
            click.echo("Note: this entry has too much to fit one page even at the smallest text size: the briefing runs onto a second page.", err=True)
        return build(published, ident, settings=settings)

    _export_write(kb, out, make, {"review": "'ENTRY'"})


@export_group.command("handout")
@theme_option("A theme: id, title or synonym (repeat for several).", required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .md or .docx file to write.")
@click.option("--format", "file_format", type=click.Choice(["md", "docx"]), help="Markdown or Word. [default: from the --out extension]")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The partnership's own .dotx or .docx (styles, header, footer, logo) for Word output.")
@pass_kb
def export_handout(kb: KnowledgeBase, themes: tuple[str, ...], out: Path, file_format: str | None, template: Path | None) -> None:
    """Write an A4 handout on one or more themes.

    For each theme: its definition, what good practice looks like, the
    questions to ask, and every learning point on it grouped by entry
    (newest first, with a link to each entry when the site's address is
    set); each source once at the end; space for notes. The knowledge base
    is the current folder, or --root before 'export'.

    \b
    Example:
        lscb-kb export handout --theme neglect --theme "voice of the child" --out handout.docx
        lscb-kb export handout --theme "lived experience" --format md --out voice.md
    """
    chosen = _export_format(out, file_format, ("md", "docx"))
    from ..exports import handout

    published = kb.published()
    settings = _export_settings(kb)
    base = _template_bytes(template, ("docx", "dotx"), chosen)
    build = functools.partial(handout.handout_docx, template=base) if chosen == "docx" else handout.handout_markdown

    def make():
        content = handout.build_handout(published, themes, settings=settings)
        _warn_expired(published, list(dict.fromkeys(r.id for part in content.parts for r, _ in part.groups)), settings)
        return build(published, themes, settings=settings)

    _export_write(kb, out, make, {"theme": "'--theme'"})
