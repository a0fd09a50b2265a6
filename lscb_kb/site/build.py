"""`lscb-kb build` and `lscb-kb stage`: the website built (or its pages staged as Markdown) into a
temporary folder and swapped into place whole, so a failed or interrupted build changes nothing.

MkDocs itself is only driven from `plugin`; the output folders' rules are `outputs`'.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..catalogue import Published
from ..errors import SiteError
from ..layout import SITE_CONFIG_FILE, SITE_DIR
from ..learning import learning_index, related_by_themes
from ..load import link_message
from .feed import FEED_FILE, LEARNING_FILE, atom_feed, learning_json
from .outputs import (
    SITE_MARKER,
    STAGE_MARKER,
    cannot_write,
    check_output,
    raise_if_interrupted,
    remove_all_leftovers,
    signals_held,
    swap_in,
)
from .pages import clash_message, render_pages
from .pages.home import fill_home
from .plugin import build_site, read_settings
from .vocabulary import VOCABULARY_FILE, vocabulary_json

# --- building and staging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float
    warnings: tuple[str, ...] = ()  # settings still to be filled in before the site is published


# Words of the starter kit's and the examples' addresses: a setting holding one is still to be filled in.
PLACEHOLDER_ADDRESSES = ("your-partnership", "your-knowledge-base", "example.org", "example.com")


def placeholder_warnings(site_url: str, edit_url: str) -> tuple[str, ...]:
    """What a published site would get wrong while `site_url` or `edit_url` is unset or still the
    example: a warning, not an error, so that a new knowledge base can be built and previewed at once."""
    found = []
    if not site_url or any(word in site_url for word in PLACEHOLDER_ADDRESSES):
        found.append(
            f"{SITE_CONFIG_FILE}: 'site_url' is {'not set' if not site_url else f'still the example ({site_url})'}:"
            " set it to the website's published address, so that the feed and the sitemap carry full links."
        )
    if not edit_url or any(word in edit_url for word in PLACEHOLDER_ADDRESSES):
        found.append(
            f"{SITE_CONFIG_FILE}: 'edit_url' under 'plugins: - lscb-kb:' is {'not set' if not edit_url else f'still the example ({edit_url})'}:"
            " set it to your repository's edit address (e.g. https://github.com/ORGANISATION/REPOSITORY/edit/main/),"
            " so that the \"Edit this page\" links open your files."
        )
    return tuple(found)


# --- building and staging ----------------------------------------------------------------------------------


def build(root: Path, published: Published, *, site_dir: Path | None = None) -> BuildResult:
    """Build the website into a temporary folder, then move it into site/ (a failed build changes nothing).

    Only a folder an earlier build made (or a new or empty one) is replaced:
    see `check_output`. Scratch folders of builds that were killed are removed first.
    """

    root = Path(root).resolve()  # MkDocs reads relative paths from the settings file's folder
    config_file = root / SITE_CONFIG_FILE
    if not config_file.exists():
        raise SiteError(f"there is no {SITE_CONFIG_FILE} in {root}: the website's settings are missing.")
    settings = read_settings(config_file)
    site_dir = check_output(Path(site_dir) if site_dir else root / SITE_DIR, root, SITE_MARKER, "lscb-kb build")
    remove_all_leftovers(site_dir)
    started = time.monotonic()
    temporary = None
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with signals_held():  # so that an interruption cannot come between making the folder and knowing it
            temporary = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-{os.getpid()}-", dir=site_dir.parent))
        previous = site_dir if (site_dir / SITE_MARKER).is_file() else None
        build_site(config_file, temporary, published, previous)
        pages = sum(1 for _ in temporary.rglob("*.html"))
        (temporary / SITE_MARKER).write_text("Written by 'lscb-kb build': the next build replaces this folder.\n")
        with signals_held():
            raise_if_interrupted()
            swap_in(temporary, site_dir)
    except OSError as error:
        raise SiteError(cannot_write(site_dir, error)) from None
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    return BuildResult(site_dir, pages, time.monotonic() - started, placeholder_warnings(settings.site_url, settings.edit_url))


def stage(root: Path, published: Published, dest: Path) -> int:
    """Write the generated pages and the hand-written content as plain Markdown into `dest`, atomically.

    Returns the number of pages written. `dest` must be new, empty or an
    earlier stage folder: anything else is refused rather than replaced.
    """

    root = Path(root).resolve()
    dest = check_output(dest, root, STAGE_MARKER, "lscb-kb stage")
    remove_all_leftovers(dest)
    settings = read_settings(root / SITE_CONFIG_FILE)
    learning = learning_index(published)
    related = related_by_themes(published, settings.related)
    pages = render_pages(published, related, edit_url=settings.edit_url or None, learning=learning)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{dest.name}-stage-{os.getpid()}-", dir=dest.parent))
    except OSError as error:
        raise SiteError(cannot_write(dest, error)) from None
    try:
        for source in sorted(settings.docs_dir.rglob("*")):
            relative = source.relative_to(settings.docs_dir).as_posix()
            if relative in pages:
                raise SiteError(clash_message(relative))
            if source.is_symlink():
                raise SiteError(link_message(f"{settings.docs_dir.name}/{relative}"))
            if source.is_file():
                (temporary / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, temporary / relative)
        home = temporary / "index.md"
        if home.exists():
            search_link = "[Search the knowledge base](search.md)"
            home.write_text(fill_home(home.read_text(encoding="utf-8"), published, search_link), encoding="utf-8")
        for relative, text in pages.items():
            (temporary / relative).parent.mkdir(parents=True, exist_ok=True)
            (temporary / relative).write_text(text, encoding="utf-8")
        (temporary / FEED_FILE).write_bytes(atom_feed(published, settings.site_name, settings.site_url))
        (temporary / LEARNING_FILE).write_bytes(learning_json(learning))
        (temporary / VOCABULARY_FILE).write_bytes(vocabulary_json(published))
        (temporary / STAGE_MARKER).write_text("Written by 'lscb-kb stage': the next stage replaces this folder.\n")
        with signals_held():
            raise_if_interrupted()
            swap_in(temporary, dest)
    except OSError as error:
        raise SiteError(cannot_write(dest, error)) from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return len(pages)
