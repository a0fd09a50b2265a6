"""Commands for finding learning and following it up: index, search, themes, related, learning, actions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import report
from ..catalogue import Catalogue
from ..layout import review_path
from ..vocab import ACTION_STATUSES, REVIEW_TYPES
from . import KnowledgeBase, cli, pass_kb
from .options import (
    complete_theme,
    format_option,
    since_option,
    theme_option,
    type_option,
    until_option,
)


class _Progress:
    """A progress bar on stderr for long builds (quiet for small ones), fed by the index build."""

    LONG = 200  # entries to (re-)index before a bar is worth showing

    def __init__(self, label: str):
        self.label, self.bar, self.done = label, None, 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < self.LONG:
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def refresh_indexes(kb: KnowledgeBase, catalogue: Catalogue | None = None, *, full: bool = False):
    """Both indexes brought up to date with a progress bar (also used by build and serve)."""
    from ..indexes import rebuild

    progress = _Progress("Indexing entries")
    try:
        return rebuild(kb.root, catalogue or kb.catalogue(), full=full, progress=progress)
    finally:
        progress.close()


def fresh_index(kb: KnowledgeBase) -> Path:
    """The search index in line with the files as they are now, with a warning for files left out."""
    from ..indexes import fresh_index as refreshed

    progress = _Progress("Indexing entries")
    try:
        result = refreshed(kb.root, progress)
    finally:
        progress.close()
    if result.first:
        click.echo("Built the search index (first search).", err=True)
    _warn_left_out(result.left_out)
    return result.index_dir


def _count_files(paths) -> str:
    return f"{len(paths)} file{'' if len(paths) == 1 else 's'}"


def _warn_left_out(paths) -> None:
    if paths:
        named = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        click.echo(
            f"Warning: {_count_files(paths)} with errors ({named}): entries in them are left out of the search."
            " See 'lscb-kb validate'.",
            err=True,
        )


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild the whole search index, not only the entries that changed.")
@pass_kb
def index_command(kb: KnowledgeBase, rebuild: bool) -> None:
    """Build the search index and the cross-theme learning index in build/.

    Only entries whose files changed since the last build are re-indexed,
    and entries that were deleted, embargoed or made drafts leave the index
    and its files. An interrupted build leaves the previous index usable.
    Files with validation errors are left out, and then it exits 1.

    \b
    Examples:
        lscb-kb index
        lscb-kb index --rebuild
    """
    catalogue = kb.catalogue()
    built = refresh_indexes(kb, catalogue, full=rebuild)
    click.echo(built.report.summary())
    click.echo("Learning index written to build/learning-index.json.")
    if catalogue.errors:
        click.echo(report.as_text(catalogue.errors), err=True)
        click.echo(
            f"{len(catalogue.errors)} error(s) in {_count_files(built.left_out)}: their entries were left out of the indexes."
            " Fix them (see 'lscb-kb validate') and index again.",
            err=True,
        )
        sys.exit(1)


def _bold_matches(snippet: str) -> str:
    """Snippets mark matches as **word**: bold in a terminal, plain when piped."""
    parts = snippet.split("**")
    return "".join(click.style(part, bold=True) if i % 2 else part for i, part in enumerate(parts))


@cli.command("search")
@click.argument("query", nargs=-1)
@theme_option("Only entries on this theme: an id, title or synonym (repeat: all of them).")
@type_option()
@since_option
@until_option
@click.option("--area", metavar="AREA", help="Only entries about this local authority area, e.g. Liverpool.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many results to show.")
@format_option("text", "json", help='text for the terminal; json prints {"query", "total", "results": [...]}.', json_alias=True)
@pass_kb
def search_command(kb: KnowledgeBase, query: tuple[str, ...], themes, types, since, until, area, limit, output) -> None:
    """Find entries by what you would say: plain words, no special syntax.

    Ranks entries by how well they match the words, counting matches in
    titles, themes and learning points above passing mentions. Theme
    synonyms and abbreviations (DNA, NAI, CSE, MASH...) are understood.
    With no words but a filter, lists the matching entries newest first.
    Builds or refreshes the index first when the files have changed.

    \b
    Examples:
        lscb-kb search "bruising on a baby who is not crawling"
        lscb-kb search did not attend --type scr --since 2014
        lscb-kb search interpreters --theme "lived experience" --json
    """
    import json

    from .. import search as engine

    text = " ".join(query)
    if since is not None and until is not None and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}: nothing could match.")
    index_dir = fresh_index(kb)
    filters = dict(themes=themes, types=types, since=since, until=until, area=area)
    results = engine.search(index_dir, text, limit=limit, **filters)
    for note in results.notes:
        click.echo(f"Note: {note}", err=True)
    if output == "json":
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
        return
    if not results.hits:
        click.echo("\n".join(engine.no_results_hints(index_dir, text, filters)))
        return
    shown = f"{len(results.hits)} of {results.total}" if results.total > len(results.hits) else str(results.total)
    click.echo(f"{shown} result(s) for \"{text}\":" if text.strip() else f"{shown} entr{'y' if results.total == 1 else 'ies'}, newest first:")
    for rank, hit in enumerate(results.hits, 1):
        historic = click.style("  [historic learning]", fg="yellow") if hit.archived else ""
        click.echo(f"\n{rank:2}. {click.style(hit.title, bold=True)}{historic}")
        more = f" +{len(hit.themes) - 4} more" if len(hit.themes) > 4 else ""
        click.echo(f"    {REVIEW_TYPES[hit.type]}, {hit.published} · {', '.join(hit.themes[:4])}{more}")
        click.echo(f"    {_bold_matches(hit.snippet)}")
        click.echo(f"    {review_path(hit.id)}")
    if results.total > len(results.hits):
        click.echo(f"\n{results.total - len(results.hits)} more: use --limit to see them.")


@cli.command("themes")
@click.option("--sort", type=click.Choice(["id", "title", "entries", "points"]), default="id", show_default=True, help="Order of the rows (counts: most first).")
@format_option("text", "json", help="text for the terminal, json for programs.", json_alias=True)
@pass_kb
def themes_command(kb: KnowledgeBase, sort: str, output: str) -> None:
    """List the themes with how many entries and learning points carry each.

    An entry counts for a theme when it or one of its learning points is
    tagged with it; a learning point counts when it is tagged with the theme,
    or carries no themes of its own and its entry is.

    \b
    Examples:
        lscb-kb themes
        lscb-kb themes --sort points
        lscb-kb themes --json
    """
    import json

    from ..learning import learning_index, theme_rows

    rows = theme_rows(learning_index(kb.published()), sort)
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    id_width = max([len("id"), *(len(r["id"]) for r in rows)])
    title_width = max([len("title"), *(len(r["title"]) for r in rows)])
    click.echo(f"{'id':<{id_width}}  {'title':<{title_width}}  entries  points")
    for row in rows:
        click.echo(f"{row['id']:<{id_width}}  {row['title']:<{title_width}}  {row['entries']:>7}  {row['points']:>6}")


@cli.command("related")
@click.argument("review_id", metavar="ID")
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True, help="How many entries to show.")
@format_option("text", "json", help="text for the terminal, json (ids and titles) for programs.", json_alias=True)
@pass_kb
def related_command(kb: KnowledgeBase, review_id: str, limit: int, output: str) -> None:
    """Entries most like one entry: what to read or teach alongside it.

    Ranks by the key words of the entry's summary and learning points (Whoosh's
    more-like-this) and by shared themes.

    \b
    Example:
        lscb-kb related liverpool-2014-child-mary
    """
    import json

    from ..search import related

    index_dir = fresh_index(kb)
    published = kb.published()
    if published.review(review_id) is None:
        raise click.BadParameter(f"there is no published entry '{review_id}' (see 'lscb-kb search').", param_hint="ID")
    entries = [published.review(ident) for ident in related(index_dir, review_id, limit)]
    if output == "json":
        click.echo(json.dumps([{"id": r.id, "title": r.title, "type": r.type, "published": r.published} for r in entries], indent=2))
        return
    click.echo(f"Entries like '{published.review(review_id).title}':")
    for number, entry in enumerate(entries, 1):
        click.echo(f"{number:2}. {entry.title} ({entry.type_label}, {entry.published})  {review_path(entry.id)}")


@cli.command("learning")
@click.argument("theme", shell_complete=complete_theme)
@since_option
@type_option()
@format_option("text", "markdown", "csv", "json", help="text for the terminal, markdown for a briefing, csv for a spreadsheet, json for programs.")
@pass_kb
def learning_command(kb: KnowledgeBase, theme: str, since: int | None, types: tuple[str, ...], output: str) -> None:
    """Every learning point on a theme across the knowledge base.

    Grouped by entry, newest first, with the year, type and board. THEME
    may be an id, a title or a synonym ('lived experience' finds
    voice-of-the-child).

    \b
    Examples:
        lscb-kb learning voice-of-the-child
        lscb-kb learning "lived experience" --since 2016
        lscb-kb learning neglect --type audit --format csv > neglect.csv
    """
    from .. import learning
    from ..model import theme_names

    published = kb.published()
    names = theme_names((t.id, t.title, t.synonyms) for t in published.themes.values())
    theme_id = learning.find_theme(names, theme)
    chosen = published.themes[theme_id]
    entries = learning.points_on_theme(published, learning.learning_index(published), theme_id, since, types)
    if not entries and output == "text":
        click.echo(f"No learning points on '{chosen.title}' ({theme_id})" + (" with these filters." if since or types else " yet."))
        return
    render = {"text": learning.as_text, "markdown": learning.as_markdown, "csv": learning.as_csv, "json": learning.as_json}[output]
    click.echo(render(chosen, entries), nl=output in ("text", "json"))


@cli.command("actions")
@click.option("--board", metavar="TEXT", help="Only entries of a board whose name contains TEXT (any case).")
@theme_option("Only entries on this theme: an id, a title or a synonym (repeat: any of them).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(list(ACTION_STATUSES)), help="Only actions with this status (repeat: any of them).")
@click.option("--overdue", is_flag=True, help="Only actions that are not done and whose due date has passed.")
@click.option("--owner", metavar="TEXT", help="Only actions whose owner contains TEXT (any case).")
@format_option("text", "markdown", "csv", "json", help="text for the terminal, markdown for a meeting paper, csv for a spreadsheet, json for programs.")
@pass_kb
def actions_command(kb: KnowledgeBase, board, themes, statuses, overdue, owner, output) -> None:
    """Every improvement action of the published entries, overdue first.

    Lists each action with its entry, owner, due date, status and last update,
    for the learning and improvement subgroup that reviews open actions at each
    meeting. An action is overdue when it is not done and its due date (the
    end of the month or year, if that is all it gives) has passed: computed
    from today's date, never written by hand.

    \b
    Examples:
        lscb-kb actions --overdue
        lscb-kb actions --status planned --status in-progress --board Liverpool
        lscb-kb actions --theme "information sharing" --format csv > actions.csv
    """
    import datetime as dt

    from .. import actions as tracking
    from .. import learning
    from ..model import theme_names

    published = kb.published()
    names = theme_names((t.id, t.title, t.synonyms) for t in published.themes.values())
    theme_ids = [learning.find_theme(names, theme) for theme in themes]
    today = dt.date.today()
    chosen = tracking.filter_actions(
        tracking.tracked_actions(published, today), board=board, theme_ids=theme_ids, statuses=statuses, overdue=overdue, owner=owner
    )
    render = {"csv": tracking.as_csv, "markdown": tracking.as_markdown}.get(output)
    if render is not None:
        click.echo(render(chosen) if output == "csv" else render(chosen, today), nl=False)
    elif output == "json":
        click.echo(tracking.as_json(chosen, today))
    else:
        click.echo(tracking.as_text(chosen, today), nl=False)
