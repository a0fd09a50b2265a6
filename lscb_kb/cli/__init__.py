"""The `lscb-kb` command: a thin layer over the package's functions.

Each command parses its options, calls library functions and prints what
they return. Errors are mapped in one place (`KnowledgeBaseGroup`): a
`UsageProblem` exits 2 like any usage mistake, any other `KnowledgeBaseError`
exits 1; either way the user sees the message, never a traceback. Commands
import their modules when they run, so that `lscb-kb --help` starts quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__, report
from ..catalogue import Catalogue, Published, load_catalogue
from ..errors import KnowledgeBaseError, UsageProblem


class KnowledgeBase:
    """What every command needs: where the knowledge base is."""

    def __init__(self, root: Path):
        self.root = root

    def catalogue(self, paths: list[Path] | None = None) -> Catalogue:
        return load_catalogue(self.root, paths)

    def published(self, catalogue: Catalogue | None = None) -> Published:
        """The published view, or exit 1 with the validator's messages if any file has errors."""
        catalogue = catalogue or self.catalogue()
        if catalogue.errors:
            click.echo(report.as_text(catalogue.errors), err=True)
            click.echo(f"{len(catalogue.errors)} error(s) in the knowledge base: fix them first (see 'lscb-kb validate').", err=True)
            sys.exit(1)
        return catalogue.published()


pass_kb = click.make_pass_decorator(KnowledgeBase)


class KnowledgeBaseGroup(click.Group):
    """The one place where the package's errors become exit statuses and messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UsageProblem as error:
            raise click.UsageError(report.one_line(str(error))) from None
        except KnowledgeBaseError as error:
            raise click.ClickException(report.one_line(str(error))) from None


@click.group(cls=KnowledgeBaseGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    A new partnership starts with 'lscb-kb init FOLDER'.

    \b
    Example:
        lscb-kb validate
        lscb-kb --root ../our-kb search "did not attend"
    """
    ctx.obj = KnowledgeBase(root)


from . import (  # noqa: E402,F401  (each adds its commands to `cli`)
    entries,
    exports,
    finding,
    website,
)
