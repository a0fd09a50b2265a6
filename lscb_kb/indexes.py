"""Keeping the search index and the learning index in build/ in line with the files as they are now.

Every command that reads an index asks here first. A cheap check of the
files' content tells whether the index is current; if not, it is updated from
the entries that are valid and public now. Files with errors are left out
(and named, so that the command can warn), and an index built before is never
searched instead: it may hold an entry that has since been embargoed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .catalogue import Catalogue, load_catalogue
from .learning import LEARNING_INDEX, write_learning_index

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Refreshed:
    """What an index refresh did: the search index's report, and the files left out for their errors."""

    index_dir: Path
    left_out: tuple[str, ...]
    report: object | None = None  # search.BuildReport, when the index was (re)built
    first: bool = False  # there was no index before


def files_with_errors(catalogue: Catalogue) -> tuple[str, ...]:
    return tuple(sorted({problem.path for problem in catalogue.errors}))


def rebuild(root: Path, catalogue: Catalogue, *, full: bool = False, progress: Progress | None = None, stamp: str | None = None) -> Refreshed:
    """Bring both indexes up to date with the catalogue's published entries (all of them again if `full`)."""
    from .search import INDEX_DIR, build_index, has_index, source_stamp

    index_dir = root / INDEX_DIR
    first = not has_index(index_dir)
    left_out = files_with_errors(catalogue)
    published = catalogue.published()
    stamp = stamp or source_stamp(root)
    report = build_index(published, index_dir, progress=progress, stamp=stamp, rebuild=full, left_out=left_out)
    write_learning_index(published, root / LEARNING_INDEX)
    return Refreshed(index_dir, left_out, report, first)


def fresh_index(root: Path, progress: Progress | None = None) -> Refreshed:
    """The search index, updated first if the files changed since it was built."""
    from .search import INDEX_DIR, files_left_out, is_current, source_stamp

    index_dir = root / INDEX_DIR
    if is_current(index_dir, root):
        return Refreshed(index_dir, tuple(files_left_out(index_dir)))
    stamp = source_stamp(root)  # before reading: an edit made meanwhile is noticed by the next search
    return rebuild(root, load_catalogue(root), progress=progress, stamp=stamp)
