"""Output folders: never replacing what the build did not make, swapping a finished folder in whole,
and cleaning up after builds that were interrupted."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import UnsafeOutput
from ..layout import SITE_DIR

STAGE_MARKER = ".lscb-kb-stage"  # marks a folder written by `lscb-kb stage`, so only such folders are replaced
DOWNLOADS_PREFIX = "lscb-kb-downloads-"  # the downloads' scratch folder in the temporary folder, named with its pid
SITE_MARKER = ".lscb-kb-site"  # marks a folder written by `lscb-kb build`, so only such folders are replaced
# What the knowledge base's own files live in: an output folder may never be one of them or inside one.
SOURCE_FOLDERS = ("reviews", "themes", "content", "overrides", ".git")
# A site built before the marker existed is recognised by the files only `lscb-kb build` writes together.
_EARLIER_SITE_FILES = ("feed.xml", "learning-index.json", "pagefind/pagefind.js")

HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # the signals that interrupt a build


class Interrupted(KeyboardInterrupt):
    """A TERM or HUP signal, raised like Ctrl-C so that every clean-up step runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def swap_in(new: Path, target: Path) -> None:
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
        _received.append(signum)
        raise Interrupted(signum)

    def unraisable(info):
        if not isinstance(info.exc_value, Interrupted):  # swallowed ones are raised again before any swap
            hook(info)

    _received.clear()
    hook, sys.unraisablehook = sys.unraisablehook, unraisable
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
        sys.unraisablehook = hook


_received: list[int] = []  # signals `interruptible` turned into `Interrupted`


def raise_if_interrupted() -> None:
    """Raise `Interrupted` for a signal whose exception was swallowed: one that came while a library
    called back into Python (the HTML sanitiser's attribute filter) is reported there and dropped."""
    if _received:
        raise Interrupted(_received[-1])


@contextmanager
def signals_held():
    """Hold back INT, TERM and HUP during a swap, so that an interruption never leaves the output folder missing."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def remove_all_leftovers(output: Path) -> None:
    remove_leftovers(output.parent, f".{output.name}-build-")
    remove_leftovers(output.parent, f".{output.name}-stage-")
    remove_leftovers(output.parent, f".{output.name}-old-")
    remove_leftovers(Path(tempfile.gettempdir()), DOWNLOADS_PREFIX)


def cannot_write(folder: Path, error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"cannot write to {folder}: {error.strerror or error}{where}. Give a folder you can write to."
