"""The website: build, serve, stage."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import KnowledgeBase, cli, pass_kb
from .finding import refresh_indexes


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
    from ..layout import SITE_CONFIG_FILE as CONFIG_FILE

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
    from ..errors import SiteError, UnsafeOutput
    from ..layout import SITE_DIR
    from ..site.build import build
    from ..site.outputs import SITE_MARKER, check_output, interruptible

    _site_config(kb)
    try:  # before anything is written
        check_output(site_dir or kb.root / SITE_DIR, kb.root, SITE_MARKER, "lscb-kb build")
    except UnsafeOutput as error:
        raise click.ClickException(f"the website was not built: {error}") from None
    try:
        with interruptible():
            catalogue = kb.catalogue()
            published = kb.published(catalogue)
            refresh_indexes(kb, catalogue)
            _show_mkdocs_messages(verbose)
            result = build(kb.root, published, site_dir=site_dir)
    except SiteError as error:
        raise click.ClickException(f"the website was not built (the previous site is unchanged): {error}") from None
    except KeyboardInterrupt as error:  # Ctrl-C, or TERM/HUP turned into one: the temporary files are gone by now
        click.echo("Build interrupted: its temporary files were removed (the site folder holds a whole site, never part of one).", err=True)
        sys.exit(128 + getattr(error, "signum", 2))
    click.echo(f"Website built: {result.pages:,} pages in {result.site_dir} ({result.seconds:.1f} s).")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


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
    from ..site.plugin import serve_site

    config_file = _site_config(kb)
    catalogue = kb.catalogue()
    kb.published(catalogue)  # errors stop it here, with the validator's messages
    refresh_indexes(kb, catalogue)
    _show_mkdocs_messages(progress=True)
    click.echo(f"Serving the website on http://127.0.0.1:{port}/ (press Ctrl+C to stop).", err=True)
    try:
        serve_site(config_file, f"127.0.0.1:{port}")
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
    from ..site.build import stage
    from ..site.outputs import interruptible

    _site_config(kb)
    try:
        with interruptible():
            count = stage(kb.root, kb.published(), dest)
    except KeyboardInterrupt as error:
        click.echo(f"Interrupted: its temporary files were removed ({dest} holds a whole stage, never part of one).", err=True)
        sys.exit(128 + getattr(error, "signum", 2))
    click.echo(f"Staged {count:,} generated pages and the hand-written content in {dest}.")
