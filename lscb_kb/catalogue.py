"""The validated knowledge base, and its published view: the only thing outputs read.

Data flows one way: files -> load -> validate -> Catalogue -> outputs. Embargoed
and draft entries are validated but `Catalogue.published()` leaves them out, so
no output can leak them.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from . import load
from .errors import NotAKnowledgeBase
from .layout import (
    CONTENT_DIR,
    REVIEWS_DIR,
    SETTINGS_FILE,
    SITE_CONFIG_FILE,
    THEMES_DIR,
)
from .model import Problem, Review, Theme, name_key, theme_names
from .validate import ThemeVocabulary, validate_review, validate_theme
from .vocab import PUBLIC_STATUSES

_PLACEHOLDER = re.compile(r"(?<![`'\w])TODO\b(?![`'])")  # not a quoted mention of the word
_FENCE = re.compile(r"^\s*(```|~~~)")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE)



@dataclass(frozen=True)
class Published:
    """Published and archived entries only, newest first."""

    themes: dict[str, Theme]
    reviews: tuple[Review, ...]
    _by_id: dict[str, Review] = field(default_factory=dict, repr=False)
    _names: dict[str, str] = field(default_factory=dict, repr=False)  # every name of a theme -> its id

    def __post_init__(self) -> None:
        self._by_id.update({r.id: r for r in self.reviews})

    def review(self, ident: str) -> Review | None:
        return self._by_id.get(ident)

    def with_theme(self, theme_id: str) -> tuple[Review, ...]:
        """Entries tagged with a theme, at entry level or on any learning point."""
        return tuple(r for r in self.reviews if theme_id in r.all_themes())

    def resolve_theme(self, text: str) -> Theme | None:
        """A theme from its id, title or one of its synonyms ('lived experience' -> voice-of-the-child)."""
        if not self._names:
            self._names.update(theme_names((t.id, t.title, t.synonyms) for t in self.themes.values()))
        found = self._names.get(name_key(text))
        return self.themes[found] if found else None


@dataclass(frozen=True)
class Catalogue:
    root: Path
    themes: dict[str, Theme]
    reviews: dict[str, Review]  # every entry without errors, whatever its status
    problems: tuple[Problem, ...]
    files_checked: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def published(self) -> Published:
        public = sorted((r for r in self.reviews.values() if r.is_public), key=lambda r: (r.published, r.id), reverse=True)
        return Published(dict(sorted(self.themes.items())), tuple(public))


def find_root(root: Path) -> Path:
    root = root.resolve()
    if not (root / REVIEWS_DIR).is_dir() or not (root / THEMES_DIR).is_dir():
        raise NotAKnowledgeBase(
            f"{root} is not a knowledge base: it has no '{REVIEWS_DIR}/' and '{THEMES_DIR}/' folders."
            " Run the command inside the knowledge base, or point to it with --root PATH."
        )
    return root


def _config(root: Path) -> tuple[dict, list[Problem]]:
    """The settings in lscb-kb.yml, read with the same safety rules as an entry's front matter."""
    path = root / SETTINGS_FILE
    if not path.exists():
        return {}, []
    try:
        with path.open("rb") as stream:
            raw = stream.read(load.MAX_FILE_SIZE + 1)
        if len(raw) > load.MAX_FILE_SIZE:
            return {}, [Problem(SETTINGS_FILE, 1, "error", f"the settings file is larger than {load.MAX_FILE_SIZE:,} bytes.", "config")]
        text = raw.decode("utf-8-sig")
        unsafe = load.screen(text, SETTINGS_FILE, 1)
        if unsafe is not None:
            return {}, [unsafe]
        config = yaml.safe_load(text) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
        return {}, [Problem(SETTINGS_FILE, 1, "error", f"the settings file cannot be read: {error}", "config")]
    if not isinstance(config, dict):
        return {}, [Problem(SETTINGS_FILE, 1, "error", "the settings file must hold 'name: value' lines.", "config")]
    return config, []


def allowed_contact_details(root: Path) -> tuple[tuple[str, ...], list[Problem]]:
    """The reviewed allow-list of organisations' public contact details in lscb-kb.yml."""
    config, problems = _config(root)
    if problems:
        return (), problems
    values = config.get("allowed_contact_details", [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return (), [Problem(SETTINGS_FILE, 1, "error", "'allowed_contact_details' must be a list of quoted values.", "config")]
    return tuple(values), []


def max_file_size(root: Path) -> tuple[int, list[Problem]]:
    """The largest entry file, in bytes, that is read at all (`max_file_size` in lscb-kb.yml)."""
    config, problems = _config(root)
    value = config.get("max_file_size", load.MAX_FILE_SIZE)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return load.MAX_FILE_SIZE, [
            Problem(SETTINGS_FILE, 1, "error", f"'max_file_size' must be a whole number of bytes, e.g. {load.MAX_FILE_SIZE}.", "config")
        ]
    return value, []


def _display(path: Path, root: Path) -> str:
    """The path as users see it in messages: relative to the knowledge base when inside it."""
    for candidate in (path, path.resolve()):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def _entry_files(folder: Path) -> list[Path]:
    """Every *.md in the folder but its README (a note for contributors), symbolic links and
    unreadable files included: reading reports them, never skips them."""
    return sorted(p for p in folder.glob("*.md") if p.name.casefold() != "readme.md")


def placeholder_problems(root: Path) -> list[Problem]:
    """A warning for each `TODO` left in the website's own pages and settings by `lscb-kb init`.

    Warnings, not errors: a new knowledge base must build and be previewable at once,
    while the partnership fills in who it is.
    """
    problems = []
    for path in [root / SITE_CONFIG_FILE, *sorted((root / CONTENT_DIR).glob("*.md"))]:
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        fenced = False
        for number, line in enumerate(lines, 1):
            if _FENCE.match(line):
                fenced = not fenced
            elif not fenced and _PLACEHOLDER.search(line):
                problems.append(
                    Problem(_display(path, root), number, "warning", "this placeholder is still to be filled in with your partnership's own text.", "placeholder")
                )
    return problems


def _linked_content(root: Path) -> list[Problem]:
    """A symbolic link among the hand-written pages could publish any file on the disk: each one is an error."""
    content = root / CONTENT_DIR
    if not content.is_dir() or content.is_symlink():
        return [Problem(CONTENT_DIR, 1, "error", load.link_message(f"{CONTENT_DIR}/"), "symbolic-link")] if content.is_symlink() else []
    problems = []
    for path in sorted(content.rglob("*")):
        if path.is_symlink():
            display = path.relative_to(root).as_posix()
            problems.append(Problem(display, 1, "error", load.link_message(display), "symbolic-link"))
    return problems


def load_catalogue(root: Path, paths: Sequence[Path] | None = None, today: dt.date | None = None) -> Catalogue:
    """Load and validate the knowledge base at `root` (only the named files, if `paths` is given).

    Themes are always loaded, since reviews are checked against them; their
    problems are reported when no paths are named or a theme file is named.
    """
    root = find_root(root)
    allowed, problems = allowed_contact_details(root)
    if paths is None:
        problems.extend(_linked_content(root))
    max_size, size_problems = max_file_size(root)
    problems.extend(p for p in size_problems if p not in problems)
    theme_dir, review_dir = root / THEMES_DIR, root / REVIEWS_DIR
    given = [Path(os.path.abspath(p)) for p in paths] if paths else None  # a named link is read as a link
    named = [p.resolve() for p in given] if given else None

    theme_docs, theme_problems = _read_all(_entry_files(theme_dir), root, max_size)
    theme_ids = frozenset(str(d.meta.get("id") or d.stem) for d in theme_docs)
    themes: dict[str, Theme] = {}
    for doc in theme_docs:
        theme, found = validate_theme(doc, theme_ids, allowed)
        theme_problems.extend(found)
        if theme:
            themes[theme.id] = theme
    theme_problems.extend(_synonym_clashes(themes.values()))
    if named is None:
        problems.extend(theme_problems)
        problems.extend(placeholder_problems(root))
    else:
        problems.extend(p for p in theme_problems if (root / p.path).resolve() in named)

    review_files = [p for p in given if p.parent.name != THEMES_DIR] if given else _entry_files(review_dir)
    vocabulary = ThemeVocabulary(theme_ids, ThemeVocabulary.from_themes(themes.values()).words)
    reviews: dict[str, Review] = {}
    first_path: dict[str, str] = {}
    statuses: dict[str, object] = {}  # every entry id read -> its status as written
    for review, found, ident, path, id_line, status in _check_reviews(review_files, root, vocabulary, allowed, today, max_size):
        problems.extend(found)
        if ident is not None:
            statuses.setdefault(ident, status)
        if ident in first_path:
            problems.append(
                Problem(path, id_line, "error", f"the id '{ident}' is already used by {first_path[ident]}. Each entry needs its own id.", "duplicate-id")
            )
            continue
        if ident is not None:
            first_path[ident] = path
        if review:
            reviews[review.id] = review
    problems.extend(_related_problems(reviews, statuses, review_dir, root, max_size, complete=named is None))
    checked = len(review_files) + (len(theme_docs) if named is None else sum(1 for p in named if p.parent.name == THEMES_DIR))
    return Catalogue(root, themes, reviews, tuple(problems), checked)


_Checked = tuple[Review | None, list[Problem], str | None, str, int, object]
_PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves


def _start_method() -> str:
    """Fork when it is safe (one thread: the command line); forking a threaded process, such as
    `lscb-kb serve`, can deadlock, so then start clean workers instead."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _check_chunk(
    files: list[Path], root: Path, vocabulary: ThemeVocabulary, allowed: tuple[str, ...], today, max_size: int = load.MAX_FILE_SIZE
) -> list[_Checked]:
    results: list[_Checked] = []
    for file in files:
        doc = load.read(file, _display(file, root), max_size)
        if isinstance(doc, Problem):
            results.append((None, [doc], None, doc.path, doc.line, None))
            continue
        review, found = validate_review(doc, vocabulary, allowed, today)
        ident = doc.meta.get("id")
        results.append((review, found, ident if isinstance(ident, str) else None, doc.path, doc.line("id"), doc.meta.get("status")))
    return results


def _check_reviews(
    files: list[Path], root: Path, vocabulary: ThemeVocabulary, allowed: tuple[str, ...], today, max_size: int = load.MAX_FILE_SIZE
) -> list[_Checked]:
    """Read and validate review files, on every core when there are many (validation is CPU-bound)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < _PARALLEL_FROM or workers == 1:
        return _check_chunk(files, root, vocabulary, allowed, today, max_size)
    size = -(-len(files) // (workers * 4))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(_start_method())) as pool:
        parts = pool.map(_check_chunk, chunks, *zip(*[(root, vocabulary, allowed, today, max_size)] * len(chunks)))
        return [result for part in parts for result in part]


def _related_problems(
    reviews: dict[str, Review], statuses: dict[str, object], review_dir: Path, root: Path, max_size: int, complete: bool
) -> list[Problem]:
    """`related` must name entries that exist, and public ones when the entry itself is public; so must links in its text.

    When only some files were checked (not `complete`), the others are read (not validated) to learn their ids and statuses.
    """
    linked = {review.id: _linked_entries(review) for review in reviews.values() if review.is_public}
    wanted = {other for review in reviews.values() for other in review.related}
    wanted |= {other for links in linked.values() for _target, other in links}
    if not complete and wanted - set(statuses):
        for doc in _read_all(_entry_files(review_dir), root, max_size)[0]:
            ident = doc.meta.get("id")
            if isinstance(ident, str):
                statuses.setdefault(ident, doc.meta.get("status"))
    problems = []
    for review in reviews.values():
        for index, other in enumerate(review.related):
            if other not in statuses:
                message, rule = f"'{other}' is not an entry of this knowledge base (no reviews/{other}.md). Check the id.", "unknown-related"
            elif review.is_public and statuses[other] not in PUBLIC_STATUSES:
                message = (
                    f"'{other}' is not public (its status is {statuses[other] or 'missing'}), so a link to it from this"
                    " published entry would lead nowhere. Remove it until that entry is published."
                )
                rule = "related-not-public"
            else:
                continue
            doc = load.read(root / review.path, review.path, max_size)  # the line of the item: only read when there is a problem
            line = doc.line("related", index) if isinstance(doc, load.Document) else 1
            problems.append(Problem(review.path, line, "error", message, rule))
    for ident, links in linked.items():
        review = reviews[ident]
        for target, other in links:
            if other in statuses and statuses[other] not in PUBLIC_STATUSES:
                try:
                    text = (root / review.path).read_text(encoding="utf-8-sig")
                except (OSError, UnicodeError):
                    text = ""
                line = text.count("\n", 0, max(0, text.find(target))) + 1
                problems.append(
                    Problem(
                        review.path,
                        line,
                        "error",
                        f"the link '{target[:60]}' leads to '{other}', which is not public (its status is {statuses[other] or 'missing'}):"
                        " on the website it would lead nowhere. Remove the link until that entry is published.",
                        "link-not-public",
                    )
                )
    return problems


def _linked_entries(review: Review) -> set[tuple[str, str]]:
    """(link target, entry id) of the relative links in an entry's Markdown that could name another entry."""
    texts = [review.body, review.summary, *(p.point for p in review.learning), *(a.action for a in review.actions), *(a.evidence or "" for a in review.actions)]
    found = set()
    for text in texts:
        for match in _MARKDOWN_LINK.finditer(text) if "](" in text or "]:" in text else ():
            target = (match.group(1) or match.group(2) or "").strip()
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^#|^//", target, re.IGNORECASE):
                continue
            parts = [p for p in re.split(r"[?#]", target, maxsplit=1)[0].split("/") if p not in ("", ".")]
            if parts and parts[-1] in ("index.md", "index.html"):
                parts.pop()
            if parts:
                found.add((target, re.sub(r"\.(md|html)$", "", parts[-1])))
    return found


def _read_all(files: Iterable[Path], root: Path, max_size: int = load.MAX_FILE_SIZE) -> tuple[list[load.Document], list[Problem]]:
    docs, problems = [], []
    for file in files:
        result = load.read(file, _display(file, root), max_size)
        (problems if isinstance(result, Problem) else docs).append(result)
    return docs, problems


def _synonym_clashes(themes: Iterable[Theme]) -> list[Problem]:
    """A word that stands for two themes makes search ambiguous: warn on the second."""
    owner: dict[str, str] = {}
    problems = []
    for theme in themes:
        for word in (theme.title, *theme.synonyms):
            key = name_key(word)  # by the rule every command names themes by
            if key in owner and owner[key] != theme.id:
                problems.append(
                    Problem(theme.path, 2, "warning", f"'{word}' is also a name of theme '{owner[key]}': search cannot tell them apart.", "shared-synonym")
                )
            owner.setdefault(key, theme.id)
    return problems
