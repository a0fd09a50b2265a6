"""Commands for the files themselves: validate, init, new, schema, changes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import report
from ..catalogue import Catalogue
from ..vocab import REVIEW_TYPES, STATUSES
from . import KnowledgeBase, cli, pass_kb
from .options import REVIEW_TYPE, format_option, theme_option


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@format_option("text", "json", "github", help="text for people, json for programs, github for pull-request annotations.")
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
        from .. import rules

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
        if output == "github":
            _job_summary(problems, catalogue.files_checked)
    sys.exit(1 if catalogue.errors else 0)


def _job_summary(problems, files_checked: int) -> None:
    """GitHub shows ten annotations of each level per step: when there are more, the job summary lists them all."""
    import os

    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    table = report.github_step_summary(problems, files_checked)
    if table and summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as stream:
                stream.write(table)
        except OSError as error:
            click.echo(f"The job summary ({summary_file}) cannot be written: {error.strerror}.", err=True)


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
    from ..scaffold import create_knowledge_base

    written = create_knowledge_base(folder)
    click.echo(f"Wrote a new knowledge base in {folder} ({len(written)} files).")
    click.echo("Next: fill in the TODO placeholders ('lscb-kb validate' lists them), add a review with")
    click.echo("'lscb-kb new', and preview the website with 'lscb-kb serve'.")


def _ask_type() -> str:
    from .. import new as entry

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

    from .. import new as entry

    def convert(answer: str) -> str:
        problem = entry.date_problem(answer, dt.date.today())
        if problem:
            raise click.BadParameter(problem)
        return answer.strip()

    return click.prompt("Publication date (YYYY, YYYY-MM or YYYY-MM-DD)", value_proc=convert)


def _ask_links() -> list[tuple[str, str]]:
    from .. import new as entry

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
    from .. import new as entry

    return entry.themes_message(unknown, catalogue.themes.values())


def _ask_themes(catalogue: Catalogue) -> list[str]:
    from .. import new as entry

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
@theme_option("A theme id, title or synonym (repeat for several; ids complete with Tab).")
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

    from .. import load
    from .. import new as entry
    from ..catalogue import allowed_contact_details
    from ..layout import REVIEWS_DIR
    from ..validate import ThemeVocabulary, validate_review

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
    from .. import schema as schemas

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
    "--base",
    metavar="REF",
    help="Branch, tag or commit to compare with. [default: where this branch left origin/main, else the last commit]",
)
@click.option("--since", "old_base", metavar="REF", help="Deprecated: the old name of --base (--since is a year in search and learning).")
@format_option("text", "markdown", "json", help="text for the terminal, markdown for a pull-request comment, json for programs.")
@pass_kb
def changes_command(kb: KnowledgeBase, base: str | None, old_base: str | None, output: str) -> None:
    """Describe what a change adds to, changes in or removes from the knowledge base.

    Compares the knowledge base at REF with the files as they are now
    (uncommitted edits included): new, changed and removed entries, learning
    points added, removed or reworded, entries that will be published or
    taken off the website, and theme changes. Written for the board member
    who reviews a pull request.

    \b
    Examples:
        lscb-kb changes
        lscb-kb changes --base origin/main --format markdown
    """
    from .. import changes as report_changes

    found, label = report_changes.changes_since(kb.root, base or old_base, kb.catalogue())
    render = {"text": report_changes.as_text, "markdown": report_changes.as_markdown, "json": report_changes.as_json}[output]
    click.echo(render(found, label), nl=output == "json")


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mapping", "mapping_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A mapping file (YAML) saying which column or label is which field.")
@click.option("--write-mapping", "write_mapping", type=click.Path(dir_okay=False, path_type=Path), help="Write the proposed mapping to this file to check and edit; nothing else is written.")
@click.option("--dry-run", is_flag=True, help="Show the mapping and the entries that would be written; write nothing.")
@format_option("text", "json", help="The summary as text, or as JSON for programs.")
@click.option("--sheet", help="The sheet of an .xlsx or .ods workbook to read. [default: the first]")
@click.option("--board", help="The partnership, for rows that do not name one.")
@click.option("--area", help="Local authority areas (separated by commas), for rows that do not name them.")
@click.option("--source-title", help="The document's title, e.g. 'Learning and Improvement Index'. [default: the mapping's, else TODO]")
@click.option("--max-rows", type=click.IntRange(1, 1_000_000), default=None, help="Read at most this many rows. [default: 10,000]")
@pass_kb
def import_command(kb: KnowledgeBase, file: Path, mapping_file, write_mapping, dry_run, output, sheet, board, area, source_title, max_rows) -> None:
    """Bring in an existing learning index: one draft entry per review in a Word table or spreadsheet.

    Reads a .docx table (one block of labelled cells, or one row, per
    review), an .xlsx, .csv or .ods sheet (a header row, then one row per
    review). Proposes which column is which field; check it with --dry-run,
    save it with --write-mapping, edit it and give it back with --mapping.
    Writes reviews/<id>.md as drafts, never over an existing file: running it
    again writes only new rows and lists rows whose entry exists but differs.
    Personal data is never written: it is reported with its row and column.

    \b
    Examples:
        lscb-kb import index.docx --board "Liverpool Safeguarding Children Board" --area Liverpool --dry-run
        lscb-kb import index.docx --write-mapping mapping.yml
        lscb-kb import actions.xlsx --sheet Reviews --mapping mapping.yml
    """
    import json

    from .. import importer

    run = importer.import_file(
        kb.root, kb.catalogue(), file, mapping_file=mapping_file, write_mapping=write_mapping, dry_run=dry_run,
        sheet=sheet, board=board, area=area, source_title=source_title, max_rows=max_rows,
    )
    if run.mapping_written:
        click.echo(f"Wrote the proposed mapping to {run.mapping_written}: check it, then run 'lscb-kb import {file} --mapping {run.mapping_written}'.")
        return
    result = importer.summary(run.plan, run.outcome, dry_run)
    if output == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    if dry_run:
        click.echo("The mapping (save it with --write-mapping, give it back with --mapping):")
        click.echo(importer.mapping_yaml(run.mapping))
    click.echo(importer.summary_text(result))
