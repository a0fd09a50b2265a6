"""The `lscb-kb` command: a thin layer over the package's pure functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, report, rules
from .catalogue import Catalogue, Published, load_catalogue
from .errors import NotAKnowledgeBase
from .vocab import REVIEW_TYPES, STATUSES


class KnowledgeBase:
    """What every command needs: where the knowledge base is."""

    def __init__(self, root: Path):
        self.root = root

    def catalogue(self, paths: list[Path] | None = None) -> Catalogue:
        try:
            return load_catalogue(self.root, paths)
        except NotAKnowledgeBase as error:
            raise click.UsageError(str(error)) from None

    def published(self) -> Published:
        """The published view, or exit 1 with the validator's messages if any file has errors."""
        catalogue = self.catalogue()
        if catalogue.errors:
            click.echo(report.as_text(catalogue.errors), err=True)
            click.echo(
                f"{len(catalogue.errors)} error(s) in the knowledge base: fix them first (see 'lscb-kb validate').", err=True
            )
            sys.exit(1)
        return catalogue.published()


pass_kb = click.make_pass_decorator(KnowledgeBase)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="lscb-kb")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="LSCB_KB_ROOT",
    default=".",
    show_default="current directory",
    help="The knowledge base folder (holding reviews/ and themes/). Also LSCB_KB_ROOT.",
)
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """The learning-and-improvement knowledge base of a safeguarding partnership.

    Review entries live in reviews/, themes in themes/. Start with
    'lscb-kb validate', then 'lscb-kb search', 'lscb-kb build' or 'lscb-kb serve'.

    \b
    Example:
        lscb-kb validate
        lscb-kb --root ../our-kb search "did not attend"
    """
    ctx.obj = KnowledgeBase(root)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for pull-request annotations.",
)
# --list-rules: the rule table (lscb_kb/rules.py) instead of a check
@click.option("--list-rules", is_flag=True, help="List every rule the check applies (id, severity, what it finds, how to fix it) and exit.")
@pass_kb
def validate(kb: KnowledgeBase, paths: tuple[Path, ...], output: str, list_rules: bool) -> None:
    """Check review and theme files against the rules of the file format.

    Checks every file, or only the PATHS named (files or folders). Prints one
    line per problem: path:line: error|warning: message [rule]. Exits 0 when
    there are no errors (warnings allowed), 1 when there are errors.

    \b
    Examples:
        lscb-kb validate
        lscb-kb validate reviews/liverpool-2016-child-a-alex.md
        lscb-kb validate --format github
        lscb-kb validate --list-rules --format json
    """
    if list_rules:
        click.echo(rules.as_json() if output == "json" else rules.as_text())
        return
    files: list[Path] | None = None
    if paths:
        files = []
        for path in paths:
            files.extend(sorted(path.glob("*.md")) if path.is_dir() else [path])
    catalogue = kb.catalogue(files)
    problems = catalogue.problems
    if output == "json":
        click.echo(report.as_json(problems, catalogue.files_checked))
    else:
        if problems:
            click.echo(report.as_github(problems) if output == "github" else report.as_text(problems))
        click.echo(report.summary(problems, catalogue.files_checked), err=True)
    sys.exit(1 if catalogue.errors else 0)


@cli.command("init")
@click.argument("folder", type=click.Path(file_okay=True, path_type=Path))
def init_command(folder: Path) -> None:
    """Start a new knowledge base for a partnership in FOLDER (new or empty).

    Writes reviews/ (empty), themes/ (the standard taxonomy, to extend as you
    need), content/ (home, about, accessibility, contribute and resources
    pages), mkdocs.yml, lscb-kb.yml, the pull-request check and template and a
    pre-commit hook. The pages' TODO placeholders are reported by 'lscb-kb
    validate' until you fill them in; the website builds at once.

    \b
    Example:
        lscb-kb init our-learning
        cd our-learning && lscb-kb new && lscb-kb serve
    """
    from .scaffold import FolderNotEmpty, create_knowledge_base

    try:
        written = create_knowledge_base(folder)
    except FolderNotEmpty as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"could not write the knowledge base: {error.strerror or error}") from None
    click.echo(f"Wrote a new knowledge base in {folder} ({len(written)} files).")
    click.echo("Next: fill in the TODO placeholders ('lscb-kb validate' lists them), add a review with")
    click.echo("'lscb-kb new', and preview the website with 'lscb-kb serve'.")


# -- adding and changing entries: new, schema, changes ------------------------



def _complete_theme(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Theme ids for shell completion of --theme: the file names in themes/, read without validating."""
    from click.shell_completion import CompletionItem

    root = Path(ctx.find_root().params.get("root") or ".")
    return [CompletionItem(p.stem) for p in sorted((root / "themes").glob("*.md")) if p.stem.startswith(incomplete)]


# --type: a review type by its code or name, in any case ('SAR', 'Serious Case Review'), by new.resolve_type as the prompt
class _ReviewType(click.ParamType):
    name = "type"

    def convert(self, value, param, ctx):
        from . import new as entry

        found = entry.resolve_type(value, numbers=False) if isinstance(value, str) else None
        if found is None:
            self.fail(f"'{value}' is not a review type. Use one of: {', '.join(REVIEW_TYPES)}.", param, ctx)
        return found

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(code) for code in REVIEW_TYPES if code.startswith(incomplete.casefold())]


REVIEW_TYPE = _ReviewType()
# -- end of --type


def _ask_type() -> str:
    from . import new as entry

    click.echo("Types of review:")
    for number, (code, label) in enumerate(REVIEW_TYPES.items(), 1):
        click.echo(f"  {number:2}. {code:<16} {label}")

    def convert(answer: str) -> str:
        found = entry.resolve_type(answer)
        if found is None:
            raise click.BadParameter(f"'{answer}' is not in the list: type its number or its code (e.g. scr).")
        return found

    return click.prompt("Type (number or code)", value_proc=convert)


def _ask_date() -> str:
    import datetime as dt

    from . import new as entry

    def convert(answer: str) -> str:
        problem = entry.date_problem(answer, dt.date.today())
        if problem:
            raise click.BadParameter(problem)
        return answer.strip()

    return click.prompt("Publication date (YYYY, YYYY-MM or YYYY-MM-DD)", value_proc=convert)


def _ask_links() -> list[tuple[str, str]]:
    from . import new as entry

    found: list[tuple[str, str]] = []

    def convert(answer: str):
        link = entry.parse_link(answer)
        problem = link and entry.link_problem(*link)
        if problem:
            raise click.BadParameter(problem)
        return link

    while True:
        link = click.prompt(
            "Link to the original (an address, or a kind and an address such as 'executive-summary https://...';"
            " press Enter when done)",
            default="",
            show_default=False,
            value_proc=convert,
        )
        if not link:
            return found
        found.append(link)


def _theme_problem(unknown: list[str], catalogue: Catalogue) -> str:
    from . import new as entry

    return entry.themes_message(unknown, catalogue.themes.values())


def _ask_themes(catalogue: Catalogue) -> list[str]:
    from . import new as entry

    menu = entry.theme_menu(catalogue.themes.values())
    click.echo("Themes:")
    for number, theme in enumerate(menu, 1):
        click.echo(f"  {number:2}. {theme.title} ({theme.id})")

    def convert(answer: str) -> list[str]:
        found, unknown = entry.resolve_themes([answer], menu)
        if unknown:
            raise click.BadParameter(_theme_problem(unknown, catalogue))
        if not found:
            raise click.BadParameter("choose at least one theme.")
        return found

    return click.prompt("Themes (numbers, ids or names, separated by commas)", value_proc=convert)


@cli.command()
@click.option("--type", "kind", type=REVIEW_TYPE, help="The kind of review: a code or a name, e.g. sar (asked, with a list, if left out).")
@click.option("--title", help="The review's name as the source gives it, e.g. 'Child A (Alex)'.")
@click.option("--board", help="The partnership that commissioned or published it.")
@click.option("--published", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--area", "areas", multiple=True, help="A local authority area (repeat for several).")
@click.option(
    "--theme",
    "themes",
    multiple=True,
    shell_complete=_complete_theme,
    help="A theme id, title or synonym (repeat for several; ids complete with Tab).",
)
@click.option("--id", "ident", help="The entry's id and file name. [default: <area or board>-<year>-<title>]")
@click.option("--status", type=click.Choice(list(STATUSES)), help="Who can see the entry.  [default: draft]")
# Format 2: the fields a board fills in at the start, and answers from a file or standard input
@click.option("--reference", help="The review's official reference, e.g. 'LSCR 1402'.")
@click.option("--scope", type=click.Choice(["local", "regional", "national"]), help="How wide the review looked.  [default: local]")
@click.option("--link", "links", nargs=2, multiple=True, metavar="KIND URL", help="A 'Read the original' link, e.g. --link full-report https://... (repeat).")
@click.option("--answers", type=click.File("r", encoding="utf-8"), help="Read the answers from a file ('-': standard input) of 'name: value' lines.")
@pass_kb
def new(
    kb: KnowledgeBase,
    kind: str | None,
    title: str | None,
    board: str | None,
    published: str | None,
    areas: tuple[str, ...],
    themes: tuple[str, ...],
    ident: str | None,
    status: str | None,
    reference: str | None,
    scope: str | None,
    links: tuple[tuple[str, str], ...],
    answers,
) -> None:
    """Write a new review entry, with a note on every field, ready to fill in.

    Asks for whatever is not given as an option or in --answers (in a terminal),
    proposes an id and file name and lets you change it, and writes
    reviews/<id>.md with every field and body section. The entry starts as a
    draft, so nothing is published until the board sets 'status: published'
    (and an entry with template text left in it cannot be). Never overwrites
    an existing file.

    \b
    Examples:
        lscb-kb new
        lscb-kb new --type lcspr --title "Child B" --board "Exampleshire Safeguarding Children Partnership" \\
            --published 2024-03 --area Exampleshire --theme neglect --theme voice-of-the-child
        lscb-kb new --answers answers.yml
    """
    import datetime as dt
    import os

    from . import load
    from . import new as entry
    from .catalogue import allowed_contact_details
    from .errors import UsageProblem
    from .layout import REVIEWS_DIR
    from .validate import ThemeVocabulary, validate_review

    catalogue = kb.catalogue()
    reviews = kb.root / REVIEWS_DIR
    options = {"type": kind, "title": title, "board": board, "published": published, "area": areas, "themes": themes, "id": ident}
    options |= {"status": status, "reference": reference, "scope": scope, "links": links}
    try:
        from_file = entry.read_answers(answers.read(), "standard input" if answers.name == "<stdin>" else answers.name) if answers else {}
        given = entry.gather(options, from_file, catalogue.themes.values(), reviews, dt.date.today())
    except entry.GivenProblem as error:
        raise click.BadParameter(str(error), param_hint=error.option) from None
    except entry.EntryExists as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except UsageProblem as error:
        raise click.UsageError(str(error)) from None
    missing = given.missing
    if missing and not (sys.stdin and sys.stdin.isatty() and not (answers and answers.name == "<stdin>")):
        raise click.UsageError(
            f"missing {', '.join(missing)}. Give them as options or in an answers file (--answers FILE, or - for"
            " standard input), or run 'lscb-kb new' in a terminal to be asked."
        )
    kind, title, board, published, areas, theme_ids = given.type, given.title, given.board, given.published, given.areas, list(given.themes)
    ident, status, reference, scope, links = given.id, given.status, given.reference, given.scope, given.links
    kind = kind or _ask_type()
    title = title or click.prompt("Title (as the source gives it)").strip()
    board = board or click.prompt("Board or partnership").strip()
    published = published or _ask_date()
    if not areas and missing:
        answer = click.prompt("Areas (separated by commas; press Enter for none)", default="", show_default=False)
        areas = tuple(a.strip() for a in answer.split(",") if a.strip())
    proposed = entry.derive_id(title, board, published, areas)
    if ident is None and missing:  # show the proposed id; a clash is found before the other questions

        def check_id(answer: str) -> str:
            problem = entry.id_problem(answer.strip(), reviews)
            if problem:
                raise click.BadParameter(problem)
            return answer.strip()

        ident = click.prompt("Id and file name (press Enter to keep it)", default=proposed, value_proc=check_id)
    ident = ident or proposed
    if (reviews / f"{ident}.md").exists():
        click.echo(f"{REVIEWS_DIR}/{ident}.md already exists: nothing was written. Choose another title, or another id with --id.", err=True)
        sys.exit(1)
    theme_ids = theme_ids or _ask_themes(catalogue)
    if missing:
        reference = reference or click.prompt("Reference (e.g. LSCR 1402; press Enter for none)", default="", show_default=False).strip() or None
        scope = scope or click.prompt("Scope", type=click.Choice(["local", "regional", "national"]), default="local")
        links = links or tuple(_ask_links())

    record = entry.Entry(ident, title, kind, published.strip(), board, tuple(theme_ids), tuple(areas), status, reference, scope, tuple(links))
    display = f"{REVIEWS_DIR}/{ident}.md"
    target = reviews / f"{ident}.md"

    # The same loader and rules as 'lscb-kb validate': an answer that breaks a rule writes nothing.
    # Template text is the one error allowed: a published entry stays unpublishable until it is filled in.
    text = entry.render(record)
    document = load.parse(text, display, ident)
    allowed, _ = allowed_contact_details(kb.root)
    vocabulary = ThemeVocabulary(frozenset(catalogue.themes), ThemeVocabulary.from_themes(catalogue.themes.values()).words)
    _, problems = validate_review(document, vocabulary, allowed)
    errors = [p for p in problems if p.is_error and p.rule != "template-placeholder"]
    if errors:
        raise click.UsageError("nothing was written: " + " ".join(report.one_line(f"{p.message} [{p.rule}]") for p in errors))

    temporary = target.parent / f".{ident}.{os.getpid()}.tmp"
    try:
        with open(temporary, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.link(temporary, target)  # fails if the file appeared meanwhile: never overwrites
    except FileExistsError:
        click.echo(f"{display} already exists: nothing was written. Choose another title, or another id with --id.", err=True)
        sys.exit(1)
    except OSError as error:
        raise click.ClickException(f"{display} cannot be written: {error.strerror}.") from None
    finally:
        temporary.unlink(missing_ok=True)
    click.echo(f"Wrote {display} (status: {status}).")
    warnings = [p for p in problems if not p.is_error and p.rule != "template-placeholder"]
    if warnings:
        click.echo(report.as_text(warnings))
    if any(p.is_error for p in problems):
        click.echo("It cannot be published until every text starting with 'TODO' is replaced: 'lscb-kb validate' reports each as an error.")
    click.echo(entry.next_steps(display))


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for review.schema.json and theme.schema.json. [default: build/schema in the knowledge base]",
)
@pass_kb
def schema(kb: KnowledgeBase, out: Path | None) -> None:
    """Write the JSON Schema of review and theme front matter, for editors.

    Generated from the same rules as 'lscb-kb validate', with the theme ids of
    this knowledge base, so an editor that reads it can complete theme ids and
    flag mistakes while you type. 'lscb-kb validate' remains the full check.

    \b
    Examples:
        lscb-kb schema
        lscb-kb schema --out schemas
    """
    from . import schema as schemas

    catalogue = kb.catalogue()
    folder = out if out is not None else kb.root / schemas.SCHEMA_DIR
    try:
        written = schemas.write(folder, {ident: theme.title for ident, theme in catalogue.themes.items()})
    except OSError as error:
        raise click.ClickException(f"{folder} cannot be written: {error.strerror}.") from None
    for path in written:
        click.echo(f"Wrote {path}")


@cli.command("changes")
@click.option(
    "--since",
    metavar="REF",
    help="Branch, tag or commit to compare with. [default: where this branch left origin/main, else the last commit]",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for the terminal, markdown for a pull-request comment, json for programs.",
)
@pass_kb
def changes_command(kb: KnowledgeBase, since: str | None, output: str) -> None:
    """Describe what a change adds to, changes in or removes from the knowledge base.

    Compares the knowledge base at REF with the files as they are now
    (uncommitted edits included): new, changed and removed entries, learning
    points added, removed or reworded, entries that will be published or
    taken off the website, and theme changes. Written for the board member
    who reviews a pull request.

    \b
    Examples:
        lscb-kb changes
        lscb-kb changes --since origin/main --format markdown
    """
    import tempfile

    from . import changes as report_changes

    after = kb.catalogue()
    try:
        commit, label = report_changes.resolve(kb.root, since)
        with tempfile.TemporaryDirectory(prefix="lscb-kb-changes-") as folder:
            report_changes.snapshot(kb.root, commit, Path(folder))
            before = load_catalogue(Path(folder))
    except report_changes.GitError as error:
        raise click.UsageError(str(error)) from None
    found = report_changes.compare(before, after)
    render = {"text": report_changes.as_text, "markdown": report_changes.as_markdown, "json": report_changes.as_json}[output]
    click.echo(render(found, label), nl=output == "json")


# -- search and the cross-theme learning index: index, search, themes, learning --------


class _Progress:
    """A progress bar on stderr for long builds (quiet for small ones), fed by build_index."""

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


def _build_indexes(kb: KnowledgeBase, published: Published, stamp: str, rebuild: bool = False):
    """Bring the search index and the learning index in build/ up to date with the published view."""
    from .learning import LEARNING_INDEX, write_learning_index
    from .search import INDEX_DIR, SearchError, build_index

    progress = _Progress("Indexing entries")
    try:
        report = build_index(published, kb.root / INDEX_DIR, progress=progress, stamp=stamp, rebuild=rebuild)
    except SearchError as error:
        raise click.ClickException(str(error)) from None
    finally:
        progress.close()
    write_learning_index(published, kb.root / LEARNING_INDEX)
    return report


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild the whole search index, not only the entries that changed.")
@pass_kb
def index_command(kb: KnowledgeBase, rebuild: bool) -> None:
    """Build the search index and the cross-theme learning index in build/.

    Only entries whose files changed since the last build are re-indexed,
    and entries that were deleted, embargoed or made drafts leave the index.
    An interrupted build leaves the previous index usable. Exits 1 if the
    knowledge base has validation errors.

    \b
    Examples:
        lscb-kb index
        lscb-kb index --rebuild
    """
    from .search import source_stamp

    stamp = source_stamp(kb.root)
    report = _build_indexes(kb, kb.published(), stamp, rebuild)
    click.echo(report.summary())
    click.echo("Learning index written to build/learning-index.json.")


def _fresh_index(kb: KnowledgeBase) -> Path:
    """The search index, first built or refreshed if the files changed since it was built (a cheap check)."""
    from .search import INDEX_DIR, has_index, is_current, source_stamp

    index_dir = kb.root / INDEX_DIR
    if is_current(index_dir, kb.root):
        return index_dir
    stamp = source_stamp(kb.root)
    catalogue = kb.catalogue()
    if catalogue.errors:
        if not has_index(index_dir):
            click.echo(report.as_text(catalogue.errors), err=True)
            raise click.ClickException(
                f"{len(catalogue.errors)} error(s) in the knowledge base: fix them before searching (see 'lscb-kb validate')."
            )
        click.echo(
            f"Warning: {len(catalogue.errors)} error(s) in the knowledge base (see 'lscb-kb validate'):"
            " searching the index as it was last built.",
            err=True,
        )
        return index_dir
    if not has_index(index_dir):
        click.echo("Building the search index (first search)...", err=True)
    _build_indexes(kb, catalogue.published(), stamp)
    return index_dir


def _bold_matches(snippet: str) -> str:
    """Snippets mark matches as **word**: bold in a terminal, plain when piped."""
    parts = snippet.split("**")
    return "".join(click.style(part, bold=True) if i % 2 else part for i, part in enumerate(parts))


@cli.command("search")
@click.argument("query", nargs=-1)
@click.option("--theme", "themes", multiple=True, metavar="THEME", help="Only entries on this theme: an id, title or synonym (repeat: all of them).")
@click.option("--type", "types", multiple=True, type=REVIEW_TYPE, help="Only this type of review: a code or a name (repeat: any of them).")
@click.option("--since", type=int, metavar="YEAR", help="Only entries published in or after this year.")
@click.option("--until", type=int, metavar="YEAR", help="Only entries published in or before this year.")
@click.option("--area", metavar="AREA", help="Only entries about this local authority area, e.g. Liverpool.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many results to show.")
@click.option("--json", "as_json", is_flag=True, help='Print {"query", "total", "results": [...]} as JSON.')
@pass_kb
def search_command(kb: KnowledgeBase, query: tuple[str, ...], themes, types, since, until, area, limit, as_json) -> None:
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

    from . import search as engine
    from .learning import UnknownTheme

    text = " ".join(query)
    if since is not None and until is not None and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}: nothing could match.")
    index_dir = _fresh_index(kb)
    filters = dict(themes=themes, types=types, since=since, until=until, area=area)
    try:
        results = engine.search(index_dir, text, limit=limit, **filters)
    except UnknownTheme as error:
        raise click.BadParameter(str(error), param_hint="'--theme'") from None
    except engine.EmptyQuery as error:
        raise click.UsageError(str(error)) from None
    except engine.SearchError as error:
        raise click.ClickException(str(error)) from None
    for note in results.notes:
        click.echo(f"Note: {note}", err=True)
    if as_json:
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
        return
    if not results.hits:
        click.echo(_no_results(index_dir, text, filters))
        return
    shown = f"{len(results.hits)} of {results.total}" if results.total > len(results.hits) else str(results.total)
    click.echo(f"{shown} result(s) for \"{text}\":" if text.strip() else f"{shown} entr{'y' if results.total == 1 else 'ies'}, newest first:")
    for rank, hit in enumerate(results.hits, 1):
        historic = click.style("  [historic learning]", fg="yellow") if hit.archived else ""
        click.echo(f"\n{rank:2}. {click.style(hit.title, bold=True)}{historic}")
        more = f" +{len(hit.themes) - 4} more" if len(hit.themes) > 4 else ""
        click.echo(f"    {REVIEW_TYPES[hit.type]}, {hit.published} · {', '.join(hit.themes[:4])}{more}")
        click.echo(f"    {_bold_matches(hit.snippet)}")
        click.echo(f"    reviews/{hit.id}.md")
    if results.total > len(results.hits):
        click.echo(f"\n{results.total - len(results.hits)} more: use --limit to see them.")


def _no_results(index_dir: Path, text: str, filters: dict) -> str:
    """What to try when nothing matched: fewer filters, or a theme whose name is close."""
    from . import search as engine

    lines = [f"No entries match \"{text}\"." if text.strip() else "No entries match these filters."]
    options = {"themes": "--theme", "types": "--type", "since": "--since", "until": "--until", "area": "--area"}
    used = [options[name] for name, value in filters.items() if value is not None and value != ()]
    if used and text.strip():
        without = engine.search(index_dir, text, limit=1).total
        if without:
            lines.append(f"Without {', '.join(used)}, {without} entr{'y matches' if without == 1 else 'ies match'}: try removing a filter.")
        else:
            lines.append(f"Nothing matches even without {', '.join(used)}.")
    elif used:
        lines.append(f"Try removing one of {', '.join(used)}.")
    themes = engine.theme_suggestions(index_dir, text) if text.strip() else []
    if themes:
        lines.append(f"Close to the theme {' or '.join(repr(t) for t in themes)}: try 'lscb-kb learning {themes[0]}'.")
    elif text.strip():
        lines.append("Try other or fewer words, or spell out an abbreviation.")
    return "\n".join(lines)


@cli.command("themes")
@click.option("--sort", type=click.Choice(["id", "title", "entries", "points"]), default="id", show_default=True, help="Order of the rows (counts: most first).")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@pass_kb
def themes_command(kb: KnowledgeBase, sort: str, as_json: bool) -> None:
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

    from .learning import learning_index, theme_rows

    rows = theme_rows(learning_index(kb.published()), sort)
    if as_json:
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
@click.option("--json", "as_json", is_flag=True, help="Print the ids and titles as JSON.")
@pass_kb
def related_command(kb: KnowledgeBase, review_id: str, limit: int, as_json: bool) -> None:
    """Entries most like one entry: what to read or teach alongside it.

    Ranks by the key words of the entry's summary and learning points (Whoosh's
    more-like-this) and by shared themes.

    \b
    Example:
        lscb-kb related liverpool-2014-child-mary
    """
    import json

    from .search import related

    index_dir = _fresh_index(kb)
    published = kb.published()
    if published.review(review_id) is None:
        raise click.BadParameter(f"there is no published entry '{review_id}' (see 'lscb-kb search').", param_hint="ID")
    entries = [published.review(ident) for ident in related(index_dir, review_id, limit)]
    if as_json:
        click.echo(json.dumps([{"id": r.id, "title": r.title, "type": r.type, "published": r.published} for r in entries], indent=2))
        return
    click.echo(f"Entries like '{published.review(review_id).title}':")
    for number, entry in enumerate(entries, 1):
        click.echo(f"{number:2}. {entry.title} ({entry.type_label}, {entry.published})  reviews/{entry.id}.md")


@cli.command("learning")
@click.argument("theme")
@click.option("--since", type=int, metavar="YEAR", help="Only entries published in or after this year.")
@click.option("--type", "types", multiple=True, type=REVIEW_TYPE, help="Only this type of review: a code or a name (repeat: any of them).")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "markdown", "csv", "json"]),
    default="text",
    show_default=True,
    help="text for the terminal, markdown for a briefing, csv for a spreadsheet, json for programs.",
)
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
    from . import learning
    from .model import theme_names

    published = kb.published()
    names = theme_names((t.id, t.title, t.synonyms) for t in published.themes.values())
    try:
        theme_id = learning.find_theme(names, theme)
    except learning.UnknownTheme as error:
        raise click.BadParameter(str(error), param_hint="'THEME'") from None
    chosen = published.themes[theme_id]
    entries = learning.points_on_theme(published, learning.learning_index(published), theme_id, since, types)
    if not entries and output == "text":
        click.echo(f"No learning points on '{chosen.title}' ({theme_id})" + (" with these filters." if since or types else " yet."))
        return
    render = {"text": learning.as_text, "markdown": learning.as_markdown, "csv": learning.as_csv, "json": learning.as_json}[output]
    click.echo(render(chosen, entries), nl=output in ("text", "json"))


# --- lscb-kb export: workshop deck, 7-minute briefing, handout -------------------------------


@cli.group("export")
def export_group() -> None:
    """Workshop material from the knowledge base: slide deck, 7-minute briefing, handout.

    Only published and archived entries are exported. Naming an unknown,
    embargoed or draft entry, or an unknown theme, is a usage error (exit 2)
    and nothing is written. An existing output file is replaced only by a
    complete new one. Themes may be named by id, title or synonym.

    \b
    Example (a workshop on neglect and the voice of the child):
        lscb-kb export deck --theme neglect --theme "lived experience" \\
            --review cambs-peterborough-2018-sonia-cse-review --out workshop.pptx
        lscb-kb export handout --theme neglect --out neglect-handout.docx
        lscb-kb export briefing cambs-peterborough-2018-sonia-cse-review --out sonia.docx
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
    raise click.BadParameter(f"'{out.name}' does not end in {endings}: use one of those extensions (or --format).", param_hint="'--out'")


def _export_write(kb: KnowledgeBase, out: Path, build, hints: dict[str, str]) -> None:
    """Build the file's content, then write it atomically; a refused selection writes nothing."""
    from .exports import ExportError, SelectionError
    from .files import write_atomic

    try:
        content = build()
    except SelectionError as error:
        message = str(error)
        entry = kb.catalogue().reviews.get(error.name) if error.kind == "review" else None
        if entry is not None and not entry.is_public:
            message = f"'{error.name}' is {entry.status}: {entry.status} entries are never exported (see {entry.path})."
        raise click.BadParameter(message, param_hint=hints[error.kind]) from None
    except ExportError as error:
        raise click.UsageError(str(error)) from None
    try:
        write_atomic(out, content.encode("utf-8") if isinstance(content, str) else content)
    except OSError as error:
        click.echo(f"Error: cannot write {out}: {error.strerror or error}.", err=True)
        sys.exit(1)
    click.echo(f"Wrote {out}")


@export_group.command("deck")
@click.option("--theme", "themes", multiple=True, metavar="THEME", help="A theme to cover: id, title or synonym (repeat for several).")
@click.option("--review", "reviews", multiple=True, metavar="ID", help="An entry to present, by id (repeat for several).")
@click.option("--title", help="The title slide's title. [default: from the themes or the review]")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .pptx file to write.")
@pass_kb
def export_deck(kb: KnowledgeBase, themes: tuple[str, ...], reviews: tuple[str, ...], title: str | None, out: Path) -> None:
    """Write a 16:9 PowerPoint workshop deck from themes and entries.

    Title slide; aims and learning outcomes; for each theme its definition,
    a chart of how often it recurs, good practice and learning from other
    reviews; for each entry its overview, key figures, learning points, case
    study and questions for reflection; resources. Sources are in the
    speaker notes. Long lists continue over several slides.

    \b
    Example:
        lscb-kb export deck --theme neglect --theme voice-of-the-child \\
            --review cambs-peterborough-2018-sonia-cse-review --out workshop.pptx
    """
    _export_format(out, None, ("pptx",))
    if not themes and not reviews:
        raise click.UsageError("Name at least one --theme or --review for the deck.")
    from .exports.deck import build_deck

    published = kb.published()
    _export_write(kb, out, lambda: build_deck(published, themes, reviews, title), {"review": "'--review'", "theme": "'--theme'"})


@export_group.command("briefing")
@click.argument("review_id", metavar="ID")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .docx or .md file to write.")
@click.option("--format", "file_format", type=click.Choice(["docx", "md"]), help="Word or Markdown. [default: from the --out extension]")
@pass_kb
def export_briefing(kb: KnowledgeBase, review_id: str, out: Path, file_format: str | None) -> None:
    """Write a one-page 7-minute briefing on one entry (Word or Markdown).

    Seven numbered sections: 1 Background, 2 Why it matters, 3 Key
    information, 4 Learning, 5 Questions for reflection, 6 What you should
    do, 7 Further information; with the source and the date it was produced.

    \b
    Example:
        lscb-kb export briefing cambs-peterborough-2018-sonia-cse-review --out sonia.docx
        lscb-kb export briefing liverpool-2016-child-a-alex --out alex.md
    """
    chosen = _export_format(out, file_format, ("docx", "md"))
    from .exports import briefing

    published = kb.published()
    build = briefing.briefing_docx if chosen == "docx" else briefing.briefing_markdown
    _export_write(kb, out, lambda: build(published, review_id), {"review": "'ID'"})


@export_group.command("handout")
@click.option("--theme", required=True, metavar="THEME", help="The theme: id, title or synonym.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .md or .docx file to write.")
@click.option("--format", "file_format", type=click.Choice(["md", "docx"]), help="Markdown or Word. [default: from the --out extension]")
@pass_kb
def export_handout(kb: KnowledgeBase, theme: str, out: Path, file_format: str | None) -> None:
    """Write a handout of every learning point on a theme, grouped by entry.

    Entries come newest first, each with its year, type, board and source.

    \b
    Example:
        lscb-kb export handout --theme neglect --out neglect.md
        lscb-kb export handout --theme "lived experience" --format docx --out voice.docx
    """
    chosen = _export_format(out, file_format, ("md", "docx"))
    from .exports import handout

    published = kb.published()
    build = handout.handout_docx if chosen == "docx" else handout.handout_markdown
    _export_write(kb, out, lambda: build(published, theme), {"theme": "'--theme'"})


# --- the website: build, serve, stage ------------------------------------------------------------


def _show_mkdocs_messages(progress: bool) -> None:
    """MkDocs' warnings and errors (and its progress, if asked) on stderr, as short lines."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if progress else logging.WARNING)
    logger.propagate = False


def _site_config(kb: KnowledgeBase) -> Path:
    from .layout import SITE_CONFIG_FILE as CONFIG_FILE

    config_file = kb.root / CONFIG_FILE
    if not config_file.exists():
        raise click.UsageError(f"{kb.root.resolve()} has no {CONFIG_FILE}: the website's settings are missing.")
    return config_file


@cli.command("build")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the website.  [default: site/ in the knowledge base]",
)
@click.option("--verbose", is_flag=True, help="Show MkDocs' progress messages as well as its warnings.")
@pass_kb
def build_command(kb: KnowledgeBase, site_dir: Path | None, verbose: bool) -> None:
    """Validate, index and build the website into site/.

    Any validation error stops the build with the validator's messages. The
    site is built in a temporary folder and moved into place when complete,
    so a failed build leaves the previous site/ as it was. Embargoed and
    draft entries are never in it. Exits 1 if the build fails.

    \b
    Examples:
        lscb-kb build
        lscb-kb build --site-dir public
    """
    from .search import source_stamp
    from .errors import SiteError, UnsafeOutput
    from .layout import SITE_DIR
    from .site.build import build
    from .site.outputs import SITE_MARKER, check_output, interruptible

    _site_config(kb)
    try:  # before anything is written
        check_output(site_dir or kb.root / SITE_DIR, kb.root, SITE_MARKER, "lscb-kb build")
    except UnsafeOutput as error:
        raise click.ClickException(f"the website was not built: {error}") from None
    try:
        with interruptible():
            published = kb.published()
            _build_indexes(kb, published, source_stamp(kb.root))
            _show_mkdocs_messages(verbose)
            result = build(kb.root, published, site_dir=site_dir)
    except SiteError as error:
        raise click.ClickException(f"the website was not built (the previous site is unchanged): {error}") from None
    except KeyboardInterrupt as error:  # Ctrl-C, or TERM/HUP turned into one: the temporary files are gone by now
        click.echo("Build interrupted: its temporary files were removed (the site folder holds a whole site, never part of one).", err=True)
        sys.exit(128 + getattr(error, "signum", 2))
    click.echo(f"Website built: {result.pages:,} pages in {result.site_dir} ({result.seconds:.1f} s).")


@cli.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port on 127.0.0.1.")
@pass_kb
def serve_command(kb: KnowledgeBase, port: int) -> None:
    """Show the website on http://127.0.0.1:8000 and rebuild it as you edit.

    Validates and indexes first (errors stop it with the validator's
    messages), then serves a preview that rebuilds, site search included,
    whenever a file in reviews/, themes/ or content/ changes. While it runs,
    validation errors are shown here, and the preview updates again once they
    are fixed. Stop it with Ctrl+C.

    \b
    Examples:
        lscb-kb serve
        lscb-kb serve --port 8001
    """
    from .site.plugin import serve_site
    from .search import source_stamp
    from .errors import SiteError

    config_file = _site_config(kb)
    _build_indexes(kb, kb.published(), source_stamp(kb.root))
    _show_mkdocs_messages(progress=True)
    click.echo(f"Serving the website on http://127.0.0.1:{port}/ (press Ctrl+C to stop).", err=True)
    try:
        serve_site(config_file, f"127.0.0.1:{port}")
    except SiteError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot serve on port {port} ({error.strerror}): try another with --port.") from None


@cli.command("stage")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@pass_kb
def stage_command(kb: KnowledgeBase, dest: Path) -> None:
    """Write the website's pages as plain Markdown files into DEST.

    The generated pages (entries, themes, browse, learning index, actions,
    search) and the hand-written pages of content/, for another site
    generator. DEST must be new, empty or an earlier stage folder; it is
    written in a temporary folder first and then replaced as a whole.

    \b
    Example:
        lscb-kb stage staged-site
    """
    from .errors import SiteError
    from .site.build import stage
    from .site.outputs import interruptible

    _site_config(kb)
    try:
        with interruptible():
            count = stage(kb.root, kb.published(), dest)
    except SiteError as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt as error:
        click.echo(f"Interrupted: its temporary files were removed ({dest} holds a whole stage, never part of one).", err=True)
        sys.exit(128 + getattr(error, "signum", 2))
    click.echo(f"Staged {count:,} generated pages and the hand-written content in {dest}.")
