"""The `lscb-kb` command: a thin layer over the package's pure functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, report
from .catalogue import Catalogue, NotAKnowledgeBase, Published, load_catalogue


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
@pass_kb
def validate(kb: KnowledgeBase, paths: tuple[Path, ...], output: str) -> None:
    """Check review and theme files against the rules of the file format.

    Checks every file, or only the PATHS named (files or folders). Prints one
    line per problem: path:line: error|warning: message [rule]. Exits 0 when
    there are no errors (warnings allowed), 1 when there are errors.

    \b
    Examples:
        lscb-kb validate
        lscb-kb validate reviews/liverpool-2016-child-a-alex.md
        lscb-kb validate --format github
    """
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


