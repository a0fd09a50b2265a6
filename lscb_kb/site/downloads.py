"""The files offered for download on the site (briefings, handouts, decks), made in worker processes.

`start_downloads` makes them while MkDocs builds the pages (the plugin collects them after), and
copies a file unchanged from the previous build when nothing it is made from has changed: its
entry and themes (for a theme's files, every published entry and theme), the date (historic
learning depends on it) and the code of the exports. A manifest of these keys travels with the
files (`downloads/.lscb-kb-downloads.json`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

from ..catalogue import Published
from ..layout import review_path, theme_path
from .outputs import HELD_SIGNALS, signals_held


class Download(NamedTuple):
    """A file offered for download on a page: its link text and its path in the site."""

    label: str
    path: str


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


def _init_worker(published: Published) -> None:
    global _WORKER_VIEW
    _WORKER_VIEW = published
    parent = multiprocessing.parent_process()
    if parent is not None:
        # The main process handles interrupts and ends its workers; a forked worker must not inherit its handlers.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)  # started while they were held back
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
    from ..exports.briefing import briefing_docx
    from ..exports.deck import build_deck
    from ..exports.handout import handout_docx

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
            with signals_held():
                pool = multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(published,))
            pool.starmap(_make_download, zip(wanted, map(str, wanted.values())), chunksize=16)
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
    return wanted


# --- made alongside the pages, reused when unchanged ----------------------------------------------------

MANIFEST = "downloads/.lscb-kb-downloads.json"  # site path -> key of what the file was made from


def _code_key() -> str:
    """The exports' code: a new version of it makes every file again."""
    digest = hashlib.sha256()
    folder = Path(__file__).resolve().parent.parent / "exports"
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def download_keys(published: Published, plan: Mapping[str, Sequence[Download]], today: dt.date) -> dict[str, str]:
    """What each planned file is made from, as a hash: {site path: key}."""
    base = f"{_code_key()}|{today.isoformat()}|"
    whole = hashlib.sha256((base + repr((published.reviews, sorted(published.themes.items())))).encode("utf-8", "surrogatepass")).hexdigest()
    keys: dict[str, str] = {}
    for review in published.reviews:
        held = repr((review, [published.themes.get(t) for t in review.all_themes()]))
        keys[f"downloads/briefings/{review.id}.docx"] = hashlib.sha256((base + held).encode("utf-8", "surrogatepass")).hexdigest()
    wanted = {d.path for downloads in plan.values() for d in downloads}
    return {path: keys.get(path, whole) for path in wanted}


class PendingDownloads:
    """Downloads being made in worker processes; `wait` gives {site path: file}, `stop` ends the workers."""

    def __init__(self, wanted: dict[str, Path], keys: dict[str, str], folder: Path, pool=None, result=None, reused: int = 0):
        self.wanted, self.keys, self.folder, self.pool, self.result, self.reused = wanted, keys, folder, pool, result, reused

    def wait(self) -> dict[str, Path]:
        try:
            if self.result is not None:
                self.result.get()
        finally:
            self.stop()
        manifest = self.folder / MANIFEST
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps(self.keys, sort_keys=True), encoding="utf-8")
        return {**self.wanted, MANIFEST: manifest}

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def _previous_keys(previous: Path | None) -> dict[str, str]:
    if previous is None:
        return {}
    try:
        keys = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in keys.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(keys, dict) else {}


def start_downloads(
    published: Published,
    plan: Mapping[str, Sequence[Download]],
    folder: Path,
    *,
    previous: Path | None = None,
    jobs: int | None = None,
    today: dt.date | None = None,
) -> PendingDownloads:
    """Begin making every planned download into `folder`, in worker processes that run while the caller
    goes on (MkDocs building the pages); files of the `previous` site whose key is unchanged are copied."""
    wanted = {d.path: Path(folder) / d.path for downloads in plan.values() for d in downloads}
    keys = download_keys(published, plan, today or dt.date.today())
    old = _previous_keys(previous)
    todo = {}
    for site_path, target in wanted.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        source = previous / site_path if previous is not None else None
        if old.get(site_path) == keys[site_path] and source is not None and source.is_file() and not source.is_symlink():
            shutil.copyfile(source, target)
        else:
            todo[site_path] = target
    reused = len(wanted) - len(todo)
    jobs = jobs or min(os.cpu_count() or 1, 8)
    if not todo:
        return PendingDownloads(wanted, keys, Path(folder), reused=reused)
    if jobs == 1 or len(todo) < 50:
        _init_worker(published)
        for site_path, target in todo.items():
            _make_download(site_path, str(target))
        return PendingDownloads(wanted, keys, Path(folder), reused=reused)
    pool = None
    try:
        with signals_held():
            pool = multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(published,))
        result = pool.starmap_async(_make_download, zip(todo, map(str, todo.values())), chunksize=16)
    except BaseException:
        if pool is not None:
            pool.terminate()
            pool.join()
        raise
    return PendingDownloads(wanted, keys, Path(folder), pool, result, reused)
