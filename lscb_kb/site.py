"""Building the website: MkDocs renders the pages, Pagefind indexes them, and the result is swapped into site/.

This module holds what the site needs beyond MkDocs itself: the HTML
sanitiser (an allow-list matched to the Markdown extensions in mkdocs.yml), the
Content-Security-Policy, the Pagefind filter markup, the Atom feed, the
downloadable briefings, handouts and decks, and the atomic build and stage
steps. MkDocs itself is only driven from `lscb_kb.plugin`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import nh3

from .catalogue import Published
from .learning import LearningIndex, learning_index
from .load import link_message
from .pages import Download, related_by_themes, render_pages, review_path, theme_path

SITE_DIR = "site"
CONFIG_FILE = "mkdocs.yml"
FEED_FILE = "feed.xml"
LEARNING_FILE = "learning-index.json"
FEED_SIZE = 50
STAGE_MARKER = ".lscb-kb-stage"  # marks a folder written by `lscb-kb stage`, so only such folders are replaced
SITE_MARKER = ".lscb-kb-site"  # marks a folder written by `lscb-kb build`, so only such folders are replaced
DOWNLOADS_PREFIX = "lscb-kb-downloads-"  # the plugin's scratch folder in the temporary folder, named with its pid
# What the knowledge base's own files live in: an output folder may never be one of them or inside one.
SOURCE_FOLDERS = ("reviews", "themes", "content", "overrides", ".git")
# A site built before the marker existed is recognised by the files only `lscb-kb build` writes together.
_EARLIER_SITE_FILES = ("feed.xml", "learning-index.json", "pagefind/pagefind.js")


class SiteError(Exception):
    """The website could not be built; the message says why (the previous site/ is left as it was)."""


class UnsafeOutput(SiteError):
    """The output folder given would replace something the build did not make: refused, nothing written."""


class Interrupted(KeyboardInterrupt):
    """A TERM or HUP signal, raised like Ctrl-C so that every clean-up step runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


# --- sanitising ------------------------------------------------------------------------------------

# What Python-Markdown and the extensions in mkdocs.yml produce (toc, admonition, attr_list,
# def_list, footnotes, md_in_html, tables), plus the generated pages' own markup: definition
# lists of facts, details blocks, figures with inline SVG charts and scrollable tables.
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "kbd", "li", "mark", "ol", "p",
    "pre", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
    "svg", "g", "rect", "text", "title", "desc",
}
ALLOWED_ATTRIBUTES = {
    "*": {
        "id", "class", "title", "role", "lang", "tabindex", "aria-label", "aria-labelledby", "aria-describedby",
        "aria-hidden", "data-pagefind-ignore", "data-theme", "data-type", "data-year", "data-area", "data-age",
        "data-age-order",
    },
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type"},
    "li": {"value"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "details": {"open"},
    "svg": {"viewbox", "viewBox", "width", "height", "focusable"},
    "rect": {"x", "y", "width", "height", "rx"},
    "text": {"x", "y"},
}


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    """No id that could stand in for the theme's or the site's own elements.

    Material's ids start with '__' (`__config`, `__drawer`, ...); the site's
    script finds its own by 'kb-' ids, which only the generated pages' <div>
    elements carry. A heading or an attribute list of a contributor could
    otherwise take one over (the validator refuses such attribute lists too).
    """
    if name == "id" and (value.startswith("__") or (value.startswith("kb-") and tag != "div")):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    attribute_filter=_keep_attribute,
)


def sanitise(fragment: str) -> str:
    """Rendered page content with anything outside the allow-list removed (scripts, handlers, styles, iframes)."""
    return _CLEANER.clean(fragment)


# --- Pagefind -------------------------------------------------------------------------------------------


def pagefind_markup(meta: Mapping) -> str:
    """Hidden elements carrying a page's Pagefind filters, metadata and sort keys (from its front matter)."""
    spec = meta.get("pagefind") or {}
    parts = []
    for key, values in (spec.get("filters") or {}).items():
        parts.extend(f'<span data-pagefind-filter="{html.escape(key)}:{html.escape(str(v))}"></span>' for v in values)
    for kind in ("meta", "sort"):
        for key, value in (spec.get(kind) or {}).items():
            parts.append(f'<span data-pagefind-{kind}="{html.escape(key)}:{html.escape(str(value))}"></span>')
    return f'<div hidden data-pagefind-ignore>{"".join(parts)}</div>' if parts else ""


# Heading permalinks (their pilcrow would show in titles and excerpts) and the edit button.
EXCLUDED_FROM_SEARCH = ".headerlink, .md-content__button"


def index_site(site_dir: Path) -> None:
    """Write the Pagefind search bundle into site_dir/pagefind/ (its binary ships in the pagefind wheel)."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--exclude-selectors", EXCLUDED_FROM_SEARCH, "--quiet"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not (Path(site_dir) / "pagefind" / "pagefind.js").exists():
        raise SiteError(f"Pagefind could not index the site: {(done.stderr or done.stdout).strip()[-2000:]}")


# --- Content-Security-Policy -------------------------------------------------------------------------------

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_scripts(markup: str) -> list[str]:
    """The code of the inline scripts a browser would run (not `src=` files, not JSON data), in order.

    Used on templates (to learn the site's own scripts), never on a finished
    page to decide what it may run.
    """
    return [
        match.group("code")
        for match in _INLINE_SCRIPT.finditer(markup)
        if "src=" not in match.group("attrs") and "application/json" not in match.group("attrs")
    ]


def script_hash(code: str) -> str:
    """A CSP source for one inline script: 'sha256-...' of its exact text."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(code.encode('utf-8')).digest()).decode()}'"


def content_security_policy(own_scripts: Iterable[str] = ()) -> str:
    """The site's Content-Security-Policy: only the site's own scripts run.

    - Scripts: files from this origin ('self'), and inline scripts only by the
      hash of a script the site itself ships (`own_scripts`: the inline
      scripts of the theme's and the project's templates, rendered for the
      page's depth by the plugin). The hashes never come from page content, so
      a script that reached a page some other way has no hash and does not run.
      'wasm-unsafe-eval' lets Pagefind compile its WebAssembly; nothing else
      may evaluate code.
    - Styles, fonts, images, requests and workers come from this origin only
      (images may also be data: URLs, which Material uses for icons): no third
      party sees a reader's visit.
    - No plugins, frames, <base> changes or form posts elsewhere.
    """
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *dict.fromkeys(map(script_hash, own_scripts))])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; font-src 'self';"
        " connect-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
    )


def add_csp(page: str, own_scripts: Iterable[str] = ()) -> str:
    """The page with its Content-Security-Policy meta tag first in <head>, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(own_scripts)}">'
    charset = re.search(r"<meta charset=[^>]*>", page, re.IGNORECASE)
    if charset:
        return page[: charset.end()] + "\n    " + tag + page[charset.end() :]
    head = re.search(r"<head[^>]*>", page, re.IGNORECASE)
    if not head:
        return page
    return page[: head.end()] + tag + page[head.end() :]


# --- feed and data -------------------------------------------------------------------------------------


def _date(value: str) -> dt.datetime:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.timezone.utc)


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL of a generated page path ('reviews/x.md' -> 'reviews/x/')."""
    stem = path[: -len(".md")]
    if stem.endswith("index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def atom_feed(published: Published, site_name: str, site_url: str = "", *, use_directory_urls: bool = True) -> bytes:
    """An Atom feed of the newest entries. Without a site URL, links are relative to the feed and ids are tag URIs."""
    from feedgen.feed import FeedGenerator

    base = site_url.rstrip("/") + "/" if site_url else ""
    newest = published.reviews[:FEED_SIZE]
    feed = FeedGenerator()
    feed.id(base + FEED_FILE if base else "tag:lscb-kb,2024:feed")
    feed.title(site_name)
    feed.subtitle("New entries in the knowledge base of learning from safeguarding reviews")
    feed.author({"name": site_name})
    feed.link(href=base + FEED_FILE, rel="self", type="application/atom+xml")
    feed.link(href=base or "./", rel="alternate", type="text/html")
    feed.language("en-GB")
    feed.updated(_date(newest[0].published) if newest else dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
    for review in newest:
        url = base + page_url(review_path(review.id), use_directory_urls)
        entry = feed.add_entry(order="append")
        entry.id(url if base else f"tag:lscb-kb,2024:review/{review.id}")
        entry.title(review.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.summary(" ".join(review.summary.split()))
        entry.published(_date(review.published))
        entry.updated(_date(review.published))
        entry.author({"name": review.board})
        for theme_id in review.themes:
            entry.category(term=theme_id, label=published.themes[theme_id].title)
    return feed.atom_str(pretty=True)


def learning_json(learning: LearningIndex) -> bytes:
    return json.dumps(learning.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")


# --- downloads -------------------------------------------------------------------------------------------


def plan_downloads(published: Published) -> dict[str, list[Download]]:
    """The files each page offers: a 7-minute briefing per review; a handout and a starter deck per theme."""
    plan: dict[str, list[Download]] = {}
    for review in published.reviews:
        plan[review_path(review.id)] = [Download("7-minute briefing (Word document)", f"downloads/briefings/{review.id}.docx")]
    for theme in published.themes.values():
        plan[theme_path(theme.id)] = [
            Download("Handout for practitioners (Word document)", f"downloads/handouts/{theme.id}.docx"),
            Download("Starter workshop slides (PowerPoint)", f"downloads/decks/{theme.id}.pptx"),
        ]
    return plan


_WORKER_VIEW: Published | None = None
_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # the signals that interrupt a build


def _init_worker(published: Published) -> None:
    global _WORKER_VIEW
    _WORKER_VIEW = published
    parent = multiprocessing.parent_process()
    if parent is not None:
        # The main process handles interrupts and ends its workers; a forked worker must not inherit its handlers.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # started while they were held back
        _end_with(parent.pid)


def _end_with(parent: int) -> None:
    """On Linux, have the kernel end this worker when the build process dies, even by KILL (nothing else can)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request was in place
        os._exit(1)


def _make_download(site_path: str, target: str) -> str:
    """Write one download (in a worker process) and return its site path."""
    from .exports.briefing import briefing_docx
    from .exports.deck import build_deck
    from .exports.handout import handout_docx

    published = _WORKER_VIEW
    kind, name = site_path.split("/")[1], Path(site_path).stem
    if kind == "briefings":
        data = briefing_docx(published, name)
    elif kind == "handouts":
        data = handout_docx(published, name)
    else:
        data = build_deck(published, [name], [], title=None)
    Path(target).write_bytes(data)
    return site_path


def write_downloads(published: Published, plan: Mapping[str, Sequence[Download]], folder: Path, *, jobs: int | None = None) -> dict[str, Path]:
    """Generate every planned download into `folder`: {site path: file}. Uses several processes for large sites."""
    wanted = {d.path: Path(folder) / d.path for downloads in plan.values() for d in downloads}
    for target in wanted.values():
        target.parent.mkdir(parents=True, exist_ok=True)
    jobs = jobs or min(os.cpu_count() or 1, 8)
    if jobs == 1 or len(wanted) < 50:
        _init_worker(published)
        for site_path, target in wanted.items():
            _make_download(site_path, str(target))
    else:
        # multiprocessing.Pool, not ProcessPoolExecutor: it can be terminated at once, also when the build is
        # interrupted, instead of waiting for the queued work. It is started with interruptions held back, so
        # that one cannot come between starting the workers and the promise to end them.
        pool = None
        try:
            with _signals_held():
                pool = multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(published,))
            pool.starmap(_make_download, zip(wanted, map(str, wanted.values())), chunksize=16)
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
    return wanted


# --- home page search box --------------------------------------------------------------------------------

HOME_SEARCH_SLOT = '<div id="kb-home-search"></div>'


def search_form(action: str) -> str:
    """The home page's search box: a plain GET form to the search page, so it works without JavaScript."""
    return (
        f'<form class="kb-home-search" role="search" aria-label="Search the knowledge base" action="{html.escape(action)}" method="get">'
        '<label class="kb-home-search__label" for="kb-home-q">Search the learning from reviews</label>'
        '<div class="kb-home-search__row">'
        '<input class="kb-home-search__input" id="kb-home-q" name="q" type="search" autocomplete="off" enterkeyhint="search"'
        ' placeholder="e.g. did not attend, bruising, escalation">'
        '<button class="md-button md-button--primary kb-home-search__button" type="submit">Search</button>'
        "</div></form>"
    )


def clash_message(path: str) -> str:
    return (
        f"the hand-written page '{path}' has the same name as a page the knowledge base generates:"
        " rename or remove the hand-written one."
    )


# --- building and staging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float


def _swap_in(new: Path, target: Path) -> None:
    """Replace `target` by the finished folder `new`; if the move fails, the old folder is put back."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}-swap")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --- never replacing what the build did not make --------------------------------------------------------


def _is_earlier_site(folder: Path) -> bool:
    return all((folder / name).is_file() for name in _EARLIER_SITE_FILES)


def check_output(target: Path, root: Path, marker: str, command: str) -> Path:
    """The real folder that `command` may replace with its output; else `UnsafeOutput` saying why and what to do.

    Symbolic links are followed first, so a link cannot lead the
    replacement into the knowledge base. A folder may be replaced only if it is
    new, empty, or carries `marker` (written by the command itself); never if
    it holds or is inside the knowledge base's own files or a Git repository.
    """
    root = Path(root).resolve()
    shown = f"'{target}'"
    try:
        folder = Path(target).resolve()
        if folder == root or root.is_relative_to(folder):
            raise UnsafeOutput(
                f"{shown} holds the knowledge base itself ({root}), so '{command}' will not replace it."
                f" Give a folder of its own, such as {root / SITE_DIR if marker == SITE_MARKER else root.parent / 'staged-site'}."
            )
        for name in SOURCE_FOLDERS:
            if folder.is_relative_to(root / name):
                raise UnsafeOutput(f"{shown} is (or is inside) the knowledge base's {name}/ folder: give a folder outside it.")
        if ".git" in folder.parts or (folder / ".git").exists():
            raise UnsafeOutput(f"{shown} holds a Git repository, so '{command}' will not replace it: give a new or empty folder.")
        if folder.exists():
            if not folder.is_dir():
                raise UnsafeOutput(f"{shown} is a file, not a folder: give a new or empty folder.")
            made_here = (folder / marker).is_file() or (marker == SITE_MARKER and _is_earlier_site(folder))
            if any(folder.iterdir()) and not made_here:
                raise UnsafeOutput(
                    f"{shown} already exists and was not written by '{command}' (it has no {marker} file),"
                    " so it is not replaced. Give a new or empty folder; if it holds nothing you need, delete it yourself first."
                )
    except OSError as error:
        raise UnsafeOutput(f"{shown} cannot be used: {error.strerror or error}. Give a folder you can write to.") from None
    except RuntimeError as error:  # a loop of symbolic links
        raise UnsafeOutput(f"{shown} cannot be used: {error}.") from None
    return folder


# --- interruptions: clean up on every signal that can be caught, and after those that cannot -------------


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True


def remove_leftovers(folder: Path, prefix: str, *, unnamed_after: float = 3600) -> list[Path]:
    """Remove the scratch folders `prefix<pid>-...` in `folder` whose process no longer runs (killed builds).

    A folder of a build that is still running is left alone. Scratch folders
    from versions that did not name the process are removed once an hour old.
    """
    removed = []
    try:
        candidates = [p for p in Path(folder).iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for path in candidates:
        rest = path.name[len(prefix) :]
        owner, _, tail = rest.partition("-")
        try:
            if path.is_symlink() or not path.is_dir():
                continue
            if owner.isdigit() and tail:
                stale = not _running(int(owner))
            else:
                stale = time.time() - path.stat().st_mtime > unnamed_after
        except OSError:
            continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextmanager
def interruptible():
    """While inside, TERM and HUP raise `Interrupted` (as Ctrl-C raises KeyboardInterrupt), so finally blocks run.

    A signal the caller ignores (e.g. HUP under nohup) stays ignored.
    Signal handlers can only be set in the main thread; elsewhere nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Interrupted(signum)

    previous = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextmanager
def _signals_held():
    """Hold back INT, TERM and HUP during a swap, so that an interruption never leaves the output folder missing."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _remove_all_leftovers(output: Path) -> None:
    remove_leftovers(output.parent, f".{output.name}-build-")
    remove_leftovers(output.parent, f".{output.name}-stage-")
    remove_leftovers(output.parent, f".{output.name}-old-")
    remove_leftovers(Path(tempfile.gettempdir()), DOWNLOADS_PREFIX)


def _cannot_write(folder: Path, error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"cannot write to {folder}: {error.strerror or error}{where}. Give a folder you can write to."


# --- building and staging ----------------------------------------------------------------------------------


def build(root: Path, published: Published, *, site_dir: Path | None = None) -> BuildResult:
    """Build the website into a temporary folder, then move it into site/ (a failed build changes nothing).

    Only a folder an earlier build made (or a new or empty one) is replaced:
    see `check_output`. Scratch folders of builds that were killed are removed first.
    """
    from . import plugin

    root = Path(root).resolve()  # MkDocs reads relative paths from the settings file's folder
    config_file = root / CONFIG_FILE
    if not config_file.exists():
        raise SiteError(f"there is no {CONFIG_FILE} in {root}: the website's settings are missing.")
    site_dir = check_output(Path(site_dir) if site_dir else root / SITE_DIR, root, SITE_MARKER, "lscb-kb build")
    _remove_all_leftovers(site_dir)
    started = time.monotonic()
    temporary = None
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _signals_held():  # so that an interruption cannot come between making the folder and knowing it
            temporary = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-{os.getpid()}-", dir=site_dir.parent))
        plugin.build_site(config_file, temporary, published)
        pages = sum(1 for _ in temporary.rglob("*.html"))
        (temporary / SITE_MARKER).write_text("Written by 'lscb-kb build': the next build replaces this folder.\n")
        with _signals_held():
            _swap_in(temporary, site_dir)
    except OSError as error:
        raise SiteError(_cannot_write(site_dir, error)) from None
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    return BuildResult(site_dir, pages, time.monotonic() - started)


def stage(root: Path, published: Published, dest: Path) -> int:
    """Write the generated pages and the hand-written content as plain Markdown into `dest`, atomically.

    Returns the number of pages written. `dest` must be new, empty or an
    earlier stage folder: anything else is refused rather than replaced.
    """
    from . import plugin
    from .pages import fill_home

    root = Path(root).resolve()
    dest = check_output(dest, root, STAGE_MARKER, "lscb-kb stage")
    _remove_all_leftovers(dest)
    settings = plugin.read_settings(root / CONFIG_FILE)
    learning = learning_index(published)
    related = related_by_themes(published, settings.related)
    pages = render_pages(published, related, edit_url=settings.edit_url or None, learning=learning)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{dest.name}-stage-{os.getpid()}-", dir=dest.parent))
    except OSError as error:
        raise SiteError(_cannot_write(dest, error)) from None
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
        (temporary / STAGE_MARKER).write_text("Written by 'lscb-kb stage': the next stage replaces this folder.\n")
        with _signals_held():
            _swap_in(temporary, dest)
    except OSError as error:
        raise SiteError(_cannot_write(dest, error)) from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return len(pages)
