"""What a change (a pull request, a branch, uncommitted edits) does to the knowledge base.

`compare` is a pure function of two catalogues, so both sides go through the
same loader and validator. `snapshot` writes the knowledge base as it was at a
git revision into a folder, so that it can be loaded like the working tree.
The report covers entries of every status on purpose: it describes the source
files a board reviewer is about to merge, and it calls out every entry that
would appear on, or leave, the website.
"""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .catalogue import Catalogue, load_catalogue
from .errors import UsageProblem
from .layout import REVIEWS_DIR, SETTINGS_FILE, THEMES_DIR
from .model import Review, Theme
from .vocab import PUBLIC_STATUSES, REVIEW_TYPES

# Fields compared one by one, in the order a reviewer reads an entry.
_SCALARS = ("title", "type", "published", "board")
_LISTS = ("area", "themes", "ages")
# A learning point whose wording changed this little counts as changed, not removed and added.
_SIMILAR = 0.6


class GitError(UsageProblem):
    """Git cannot tell what the knowledge base was at a revision: a usage problem, not a crash."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str | list[str]
    after: str | list[str]


@dataclass(frozen=True)
class EntryChange:
    id: str
    path: str
    title: str
    status_before: str
    status_after: str
    fields: tuple[FieldChange, ...] = ()
    points_added: tuple[str, ...] = ()
    points_removed: tuple[str, ...] = ()
    points_reworded: tuple[tuple[str, str], ...] = ()
    point_themes: tuple[tuple[str, list[str], list[str]], ...] = ()  # (point, own themes before, after)
    actions_added: tuple[str, ...] = ()
    actions_removed: tuple[str, ...] = ()
    sections_added: tuple[str, ...] = ()
    sections_removed: tuple[str, ...] = ()
    sections_changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeChange:
    id: str
    title: str
    title_before: str
    synonyms_added: tuple[str, ...] = ()
    synonyms_removed: tuple[str, ...] = ()
    related_added: tuple[str, ...] = ()
    related_removed: tuple[str, ...] = ()
    definition_changed: bool = False
    guidance_changed: bool = False


@dataclass(frozen=True)
class Changes:
    added: tuple[Review, ...] = ()
    removed: tuple[Review, ...] = ()
    changed: tuple[EntryChange, ...] = ()
    themes_added: tuple[Theme, ...] = ()
    themes_removed: tuple[Theme, ...] = ()
    themes_changed: tuple[ThemeChange, ...] = ()
    not_compared: tuple[str, ...] = ()  # files with errors after the change
    theme_titles: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def empty(self) -> bool:
        return not any(
            (self.added, self.removed, self.changed, self.themes_added, self.themes_removed, self.themes_changed, self.not_compared)
        )

    def going_public(self) -> list[tuple[str, str, str]]:
        """(id, title, why) of every entry this change puts on the website."""
        found = [
            (r.id, r.title, "new entry" if r.status == "published" else f"new entry, {r.status}")
            for r in self.added
            if r.status in PUBLIC_STATUSES
        ]
        found += [
            (c.id, c.title, f"status {c.status_before} -> {c.status_after}")
            for c in self.changed
            if c.status_after in PUBLIC_STATUSES and c.status_before not in PUBLIC_STATUSES
        ]
        return found

    def leaving_public(self) -> list[tuple[str, str, str]]:
        """(id, title, why) of every entry this change takes off the website."""
        found = [(r.id, r.title, "entry deleted") for r in self.removed if r.status in PUBLIC_STATUSES]
        found += [
            (c.id, c.title, f"status {c.status_before} -> {c.status_after}")
            for c in self.changed
            if c.status_before in PUBLIC_STATUSES and c.status_after not in PUBLIC_STATUSES
        ]
        return found


def _listed(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(x for x in after if x not in before), tuple(x for x in before if x not in after)


def _pair_points(before: list[str], after: list[str]) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Points only after, only before, and (before, after) pairs that are rewordings of each other."""
    added = [p for p in after if p not in before]
    removed = [p for p in before if p not in after]
    reworded = []
    for old in list(removed):
        scored = [(difflib.SequenceMatcher(None, old, new).ratio(), new) for new in added]
        if scored:
            score, new = max(scored)
            if score >= _SIMILAR:
                reworded.append((old, new))
                removed.remove(old)
                added.remove(new)
    return added, removed, reworded


def _action_statuses(review: Review) -> dict[str, list[str]]:
    """Action text -> the statuses of the actions with that text, in order (a text may repeat)."""
    grouped: dict[str, list[str]] = {}
    for action in review.actions:
        grouped.setdefault(action.action, []).append(action.status)
    return grouped


def compare_review(old: Review, new: Review) -> EntryChange | None:
    """How one entry changed, or None if nothing a reader would see changed."""
    fields = [FieldChange(name, getattr(old, name), getattr(new, name)) for name in _SCALARS if getattr(old, name) != getattr(new, name)]
    fields += [
        FieldChange(name, list(getattr(old, name)), list(getattr(new, name)))
        for name in _LISTS
        if getattr(old, name) != getattr(new, name)
    ]
    if old.summary != new.summary:
        fields.append(FieldChange("summary", old.summary, new.summary))
    if old.source != new.source:
        fields.append(FieldChange("source", old.source.attribution(), new.source.attribution()))
    old_actions, new_actions = _action_statuses(old), _action_statuses(new)
    fields += [
        FieldChange(f"status of action \"{text}\"", before, after)
        for text, statuses in new_actions.items()
        for before, after in zip(old_actions.get(text, []), statuses)
        if before != after
    ]
    old_points = {p.point: p.themes for p in old.learning}
    new_points = {p.point: p.themes for p in new.learning}
    added, removed, reworded = _pair_points(list(old_points), list(new_points))
    point_themes = tuple(
        (text, list(old_points[text]), list(themes))
        for text, themes in new_points.items()
        if text in old_points and old_points[text] != themes
    )
    actions_added, actions_removed = _listed(tuple(old_actions), tuple(new_actions))
    sections_added, sections_removed = _listed(tuple(old.sections), tuple(new.sections))
    sections_changed = tuple(name for name, text in new.sections.items() if name in old.sections and old.sections[name] != text)
    if old.body != new.body and not (sections_added or sections_removed or sections_changed):
        sections_changed = ("text outside the sections",)
    parts = (fields, added, removed, reworded, point_themes, actions_added, actions_removed, sections_added, sections_removed, sections_changed)
    if old.status == new.status and not any(parts):
        return None
    return EntryChange(
        new.id,
        new.path,
        new.title,
        old.status,
        new.status,
        tuple(fields),
        tuple(added),
        tuple(removed),
        tuple(reworded),
        point_themes,
        actions_added,
        actions_removed,
        sections_added,
        sections_removed,
        sections_changed,
    )


def compare_theme(old: Theme, new: Theme) -> ThemeChange | None:
    """How one theme changed (its words change what search finds), or None."""
    synonyms_added, synonyms_removed = _listed(old.synonyms, new.synonyms)
    related_added, related_removed = _listed(old.related, new.related)
    change = ThemeChange(
        new.id,
        new.title,
        old.title,
        synonyms_added,
        synonyms_removed,
        related_added,
        related_removed,
        old.definition != new.definition,
        old.guidance != new.guidance,
    )
    return None if change == ThemeChange(new.id, new.title, new.title) else change


def compare(before: Catalogue, after: Catalogue) -> Changes:
    """What turns `before` into `after`. Files with errors after the change are listed, not guessed at."""
    broken = tuple(sorted({p.path for p in after.errors}))
    broken_set = set(broken)
    added = tuple(r for ident, r in sorted(after.reviews.items()) if ident not in before.reviews)
    removed = tuple(
        r for ident, r in sorted(before.reviews.items()) if ident not in after.reviews and r.path not in broken_set
    )
    changed = tuple(
        change
        for ident, new in sorted(after.reviews.items())
        if ident in before.reviews and (change := compare_review(before.reviews[ident], new))
    )
    themes_changed = tuple(
        change
        for ident, new in sorted(after.themes.items())
        if ident in before.themes and (change := compare_theme(before.themes[ident], new))
    )
    titles = {ident: t.title for ident, t in (before.themes | after.themes).items()}
    return Changes(
        added,
        removed,
        changed,
        tuple(t for ident, t in sorted(after.themes.items()) if ident not in before.themes),
        tuple(t for ident, t in sorted(before.themes.items()) if ident not in after.themes and t.path not in broken_set),
        themes_changed,
        broken,
        titles,
    )


# -- reports ---------------------------------------------------------------


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def headline(changes: Changes) -> str:
    parts = [
        _count(len(changes.added), "new entry", "new entries"),
        _count(len(changes.changed), "changed entry", "changed entries"),
        _count(len(changes.removed), "removed entry", "removed entries"),
    ]
    themes = len(changes.themes_added) + len(changes.themes_removed) + len(changes.themes_changed)
    if themes:
        parts.append(_count(themes, "theme change", "theme changes"))
    return ", ".join(parts) + "."


def _lines(changes: Changes, code: str, quote: str) -> list[tuple[int, str]]:
    """The report as (level, text) lines: level 0 headings, 1 items, 2 details. `code` wraps ids."""

    def ident(value: str) -> str:
        return f"{code}{value}{code}"

    def themes(ids: list[str] | tuple[str, ...], own: bool = False) -> str:
        """Theme titles, each closed by its id: a title may hold a comma, an id cannot, so the list
        reads one way only. A learning point without themes of its own takes the entry's."""
        named = [f"{changes.theme_titles[t]} ({ident(t)})" if t in changes.theme_titles else ident(t) for t in ids]
        return ", ".join(named) or ("the entry's themes" if own else "none")

    out: list[tuple[int, str]] = []
    public, leaving = changes.going_public(), changes.leaving_public()
    if public or leaving:
        out.append((0, "Check before merging"))
        out += [(1, f"Will be published on the website: {title} ({ident(i)}), {why}.") for i, title, why in public]
        out += [(1, f"Will be taken off the website: {title} ({ident(i)}), {why}.") for i, title, why in leaving]
    embargoed = [r for r in changes.added if r.status == "embargoed"]
    embargoed += [c for c in changes.changed if c.status_after == "embargoed" and c.status_before != "embargoed"]
    if embargoed:
        out.append((0, "Embargoed (checked, never published until the status is changed)"))
        out += [(1, f"{r.title} ({ident(r.id)})") for r in embargoed]
    if changes.added:
        out.append((0, "New entries"))
        for r in changes.added:
            out.append((1, f"{r.title} ({ident(r.id)}): {REVIEW_TYPES[r.type]}, published {r.published}, status {r.status}"))
            out.append((2, f"Themes: {themes(r.themes)}"))
            out += [(2, f"Learning point: {quote}{p.point}{quote}") for p in r.learning]
    if changes.changed:
        out.append((0, "Changed entries"))
        for c in changes.changed:
            out.append((1, f"{c.title} ({ident(c.id)})"))
            if c.status_before != c.status_after:
                out.append((2, f"Status: {c.status_before} -> {c.status_after}"))
            for f in c.fields:
                if f.field == "themes":
                    gained, lost = _listed(tuple(f.before), tuple(f.after))
                    out += [(2, f"Themes {label}: {themes(ids)}") for label, ids in (("added", gained), ("removed", lost)) if ids]
                    if not gained and not lost:
                        out.append((2, f"Themes reordered: {themes(f.after)}"))
                elif isinstance(f.before, list):
                    out.append((2, f"{f.field.capitalize()}: {', '.join(f.before) or 'none'} -> {', '.join(f.after) or 'none'}"))
                elif f.field == "summary":
                    out.append((2, f"Summary rewritten, now: {quote}{f.after}{quote}"))
                else:
                    out.append((2, f"{f.field[0].upper()}{f.field[1:]}: {quote}{f.before}{quote} -> {quote}{f.after}{quote}"))
            out += [(2, f"Learning point added: {quote}{p}{quote}") for p in c.points_added]
            out += [(2, f"Learning point removed: {quote}{p}{quote}") for p in c.points_removed]
            out += [(2, f"Learning point reworded: {quote}{old}{quote} -> {quote}{new}{quote}") for old, new in c.points_reworded]
            out += [
                (2, f"Themes of learning point {quote}{p}{quote}: {themes(old, own=True)} -> {themes(new, own=True)}")
                for p, old, new in c.point_themes
            ]
            out += [(2, f"Action added: {quote}{a}{quote}") for a in c.actions_added]
            out += [(2, f"Action removed: {quote}{a}{quote}") for a in c.actions_removed]
            for label, names in (("added", c.sections_added), ("removed", c.sections_removed), ("changed", c.sections_changed)):
                if names:
                    out.append((2, f"Sections {label}: {', '.join(names)}"))
    if changes.removed:
        out.append((0, "Removed entries"))
        out += [(1, f"{r.title} ({ident(r.id)}), status {r.status}") for r in changes.removed]
    if changes.themes_added or changes.themes_removed or changes.themes_changed:
        out.append((0, "Themes"))
        for t in changes.themes_added:
            out.append((1, f"New theme: {t.title} ({ident(t.id)})"))
            out.append((2, f"Definition: {quote}{t.definition}{quote}"))
            if t.synonyms:
                out.append((2, f"Synonyms: {', '.join(t.synonyms)}"))
        out += [(1, f"Removed theme: {t.title} ({ident(t.id)})") for t in changes.themes_removed]
        for t in changes.themes_changed:
            out.append((1, f"Changed theme: {t.title} ({ident(t.id)})"))
            if t.title != t.title_before:
                out.append((2, f"Title: {quote}{t.title_before}{quote} -> {quote}{t.title}{quote}"))
            for label, words in (
                ("Synonyms added", t.synonyms_added),
                ("Synonyms removed", t.synonyms_removed),
                ("Related themes added", t.related_added),
                ("Related themes removed", t.related_removed),
            ):
                if words:
                    out.append((2, f"{label}: {', '.join(words)}"))
            if t.definition_changed:
                out.append((2, "Definition (first paragraph) rewritten"))
            if t.guidance_changed:
                out.append((2, "Guidance rewritten"))
    if changes.not_compared:
        out.append((0, "Not compared: these files have errors (see the check results or 'lscb-kb validate')"))
        out += [(1, ident(path)) for path in changes.not_compared]
    return out


def _since_markdown(since: str) -> str:
    """A ref name ('origin/main') in code; a phrase from `resolve` as plain, escaped text."""
    if not any(c.isspace() for c in since):
        fence = "``" if "`" in since else "`"
        return f"{fence}{since}{fence}" if fence == "`" else f"{fence} {since} {fence}"
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", since)


def as_markdown(changes: Changes, since: str) -> str:
    """A report a board reviewer can read as a pull-request comment or job summary."""
    text = [f"## Knowledge base changes since {_since_markdown(since)}", "", f"**{headline(changes)}**"]
    if changes.empty:
        return "\n".join(text + ["", "No entries or themes were added, changed or removed."]) + "\n"
    for level, line in _lines(changes, "`", '"'):
        if level == 0:
            text += ["", f"### {line}", ""]
        else:
            text.append(f"{'  ' * (level - 1)}- {line}")
    return "\n".join(text) + "\n"


def as_text(changes: Changes, since: str) -> str:
    text = [f"Knowledge base changes since {since}: {headline(changes)}"]
    for level, line in _lines(changes, "", '"'):
        text.append(f"\n{line}:" if level == 0 else f"{'  ' * level}- {line}")
    return "\n".join(text) + "\n"


def _review_json(review: Review) -> dict:
    return {
        "id": review.id,
        "path": review.path,
        "title": review.title,
        "type": review.type,
        "status": review.status,
        "published": review.published,
        "themes": list(review.themes),
        "learning": [p.point for p in review.learning],
    }


def _theme_json(theme: Theme) -> dict:
    return {"id": theme.id, "path": theme.path, "title": theme.title, "synonyms": list(theme.synonyms), "related": list(theme.related)}


def as_json(changes: Changes, since: str) -> str:
    return json.dumps(
        {
            "since": since,
            "added": [_review_json(r) for r in changes.added],
            "removed": [_review_json(r) for r in changes.removed],
            "changed": [asdict(c) for c in changes.changed],
            "published": [{"id": i, "title": t, "why": w} for i, t, w in changes.going_public()],
            "unpublished": [{"id": i, "title": t, "why": w} for i, t, w in changes.leaving_public()],
            "themes_added": [_theme_json(t) for t in changes.themes_added],
            "themes_removed": [_theme_json(t) for t in changes.themes_removed],
            "themes_changed": [asdict(t) for t in changes.themes_changed],
            "not_compared": list(changes.not_compared),
        },
        indent=2,
        ensure_ascii=False,
    )


# -- git -------------------------------------------------------------------


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed, so the earlier version cannot be read.") from None
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout


def _commit(root: Path, ref: str) -> str | None:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        return None


def _default_branch(root: Path) -> str | None:
    """The branch a pull request would go into: the remote's default, else a local main, master or
    the branch `git init` names by default."""
    try:
        remote_head = _git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD").decode().strip()
    except GitError:
        remote_head = ""
    try:
        configured = _git(root, "config", "--get", "init.defaultBranch").decode().strip()
    except GitError:
        configured = ""
    for branch in (remote_head, "origin/main", "origin/master", "main", "master", configured):
        if branch and _commit(root, branch):
            return branch
    return None


def _current_branch(root: Path) -> str:
    try:
        return _git(root, "symbolic-ref", "--quiet", "--short", "HEAD").decode().strip()
    except GitError:
        return ""  # a detached HEAD


def resolve(root: Path, since: str | None) -> tuple[str, str]:
    """The commit to compare with, and how to describe it to a reader (a ref name, or a phrase).

    Without `since`: where this branch left the default branch (the remote's, else a
    local main or master), so a branch's report covers all its commits plus
    uncommitted edits. On the default branch itself, or with none, that is the last
    commit, and the description says that only uncommitted edits are compared.
    """
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree").decode().strip() == "true"
    except GitError:
        inside = False
    if not inside:
        raise GitError(f"{root} is not inside a git repository, so there is no earlier version to compare with.")
    if since is not None:
        commit = _commit(root, since)
        if commit is None:
            raise GitError(
                f"'{since}' is not a commit, branch or tag of this repository."
                " Use a branch name (e.g. origin/main; run 'git fetch' first), a tag or a commit id."
            )
        return commit, since
    head = _commit(root, "HEAD")
    if head is None:
        raise GitError("the repository has no commits yet, so there is no earlier version to compare with.")
    branch = _default_branch(root)
    only_edits = "only edits not yet committed are compared (name an earlier commit with --since to see more)"
    if branch is None:
        return head, f"the last commit ({head[:7]}): there is no main branch, so {only_edits}"
    base = _git(root, "merge-base", "HEAD", branch).decode().strip()
    if base == head:
        where = "the branch you are on" if _current_branch(root) in (branch, branch.removeprefix("origin/")) else "this branch has no commits of its own yet"
        return head, f"{branch} at commit {base[:7]} ({where}): {only_edits}"
    return base, f"{branch} at commit {base[:7]}, where this branch started"


def snapshot(root: Path, commit: str, into: Path) -> None:
    """Write reviews/, themes/ and the settings file as they were at `commit` into the folder `into`."""
    listing = _git(root, "ls-tree", "-r", "-z", commit, "--", REVIEWS_DIR, THEMES_DIR, SETTINGS_FILE)
    files = []
    for record in filter(None, listing.split(b"\0")):
        meta, path = record.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob" and mode in (b"100644", b"100755"):
            files.append((sha.decode(), path.decode("utf-8", "surrogateescape")))
    (into / REVIEWS_DIR).mkdir(parents=True, exist_ok=True)
    (into / THEMES_DIR).mkdir(parents=True, exist_ok=True)
    if not files:
        return
    blobs = _git(root, "cat-file", "--batch", stdin="".join(f"{sha}\n" for sha, _ in files).encode())
    position = 0
    for _sha, path in files:
        header_end = blobs.index(b"\n", position)
        size = int(blobs[position:header_end].split()[2])
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blobs[header_end + 1 : header_end + 1 + size])
        position = header_end + 1 + size + 1  # content is followed by a newline


def changes_since(root: Path, base: str | None, after: Catalogue) -> tuple[Changes, str]:
    """What the knowledge base `after` adds, changes or removes compared with `base` (a git ref), and a label for it."""
    commit, label = resolve(root, base)
    with tempfile.TemporaryDirectory(prefix="lscb-kb-changes-") as folder:
        snapshot(root, commit, Path(folder))
        before = load_catalogue(Path(folder))
    return compare(before, after), label
