"""The files offered for download on the site (briefings, handouts, decks), made in worker processes."""

from __future__ import annotations

import multiprocessing
import os
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
