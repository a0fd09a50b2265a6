"""The Whoosh search index: building it incrementally and searching it as practitioners type.

This is the only module that imports Whoosh. Queries are never parsed as a
query language: the user's words are analysed like the indexed text (English
stemming, stop words removed) and the query is built here, so quotes,
brackets, AND/OR/NOT, `*` or `field:` in a query are just words. Theme names
and synonyms from themes/, and the sector's abbreviations below, expand to one
another, so "did not attend" finds entries tagged `was-not-brought`.

Ranking: any of the words may match (BM25F), a match in the title, summary,
learning points or theme names counts more than one in the body, words typed
next to each other count more when they are next to each other in the text,
and among the best candidates, entries with more of the words rank higher.

The index lives in `build/search-index/` and is only ever written under a lock
file next to it. A full rebuild is written to a temporary folder and swapped
in; an incremental update is a single Whoosh commit. When an entry leaves
the index (embargoed, made a draft, deleted, or its file now has errors) the
index is rebuilt in full, so that its text leaves the files too. Either way
an interrupted build leaves the previous index searchable.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from whoosh import highlight, scoring
from whoosh import index as whoosh_index
from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.porter import stem
from whoosh.query import And, Every, NumericRange, Or, Phrase, Term

from .catalogue import Published
from .errors import KnowledgeBaseError, UsageProblem
from .files import write_atomic
from .layout import review_url
from .learning import close_themes, find_theme
from .model import Review, theme_names
from .text import plain_text

INDEX_DIR = Path("build") / "search-index"
SCHEMA_VERSION = 4  # bump when the schema or the indexed text changes: forces a full rebuild
MANIFEST = "lscb-manifest.json"  # themes, source stamp and build id: read by every search
HASHES = "lscb-hashes.json"  # content hash per entry: read by builds only
LOCK_TIMEOUT = 120.0  # seconds a build waits for another build to finish
MAX_QUERY_WORDS = 32  # words used from a long paste
PARALLEL_FROM = 500  # entries from which a full build uses two processes
PHRASE_WORDS = 8  # phrase boosts are built from the first words only

Progress = Callable[[int, int], None]  # (entries done, entries to do)


class SearchError(KnowledgeBaseError):
    """A problem the user can fix, reported as a message (never a traceback)."""


class NoIndex(SearchError):
    """There is no usable index yet: build one with `lscb-kb index`."""


class IndexBusy(SearchError):
    """Another build held the lock for longer than the timeout."""


class EmptyQuery(SearchError, UsageProblem):
    """The query has no searchable words and there are no filters to list by."""


# Groups of words that mean the same in safeguarding practice: each expands to the others.
# Abbreviations first; then everyday words practitioners type for the words reviews use.
EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("DNA", "did not attend"),
    ("WNB", "was not brought"),
    ("CSE", "child sexual exploitation"),
    ("CCE", "child criminal exploitation", "criminal exploitation of children"),
    ("CSA", "child sexual abuse"),
    ("HSB", "harmful sexual behaviour"),
    ("NAI", "non-accidental injury", "non accidental injury"),
    ("SUDI", "sudden unexpected death in infancy"),
    ("SIDS", "sudden infant death syndrome", "cot death"),
    ("MASH", "multi-agency safeguarding hub"),
    ("EHAT", "early help assessment tool"),
    ("EHA", "early help assessment"),
    ("CAF", "common assessment framework"),
    ("CIN", "child in need", "children in need"),
    ("CP", "child protection"),
    ("CPP", "child protection plan"),
    ("ICPC", "initial child protection conference"),
    ("DV", "domestic violence"),
    ("DA", "domestic abuse"),
    ("LAC", "looked after children", "looked after child", "children in care"),
    ("CLA", "children looked after"),
    ("CAMHS", "child and adolescent mental health services"),
    ("GP", "general practitioner", "family doctor"),
    ("HV", "health visitor"),
    ("SAR", "safeguarding adults review"),
    ("SAB", "safeguarding adults board"),
    ("SCR", "serious case review"),
    ("LCSPR", "local child safeguarding practice review"),
    ("CSPR", "child safeguarding practice review"),
    ("DHR", "domestic homicide review"),
    ("CDOP", "child death overview panel"),
    ("LSCB", "local safeguarding children board"),
    ("LSCP", "local safeguarding children partnership"),
    ("MARAC", "multi-agency risk assessment conference"),
    ("MAPPA", "multi-agency public protection arrangements"),
    ("IDVA", "independent domestic violence adviser", "independent domestic violence advisor"),
    ("DASH", "domestic abuse stalking and harassment"),
    ("LADO", "local authority designated officer"),
    ("IRO", "independent reviewing officer"),
    ("YOT", "youth offending team", "youth offending service"),
    ("RHI", "return home interview"),
    ("CME", "children missing education", "child missing education"),
    ("FGM", "female genital mutilation"),
    ("GCP", "graded care profile"),
    ("PLO", "public law outline", "pre-proceedings"),
    ("SGO", "special guardianship order"),
    ("UASC", "unaccompanied asylum seeking children"),
    ("NRM", "national referral mechanism"),
    ("CSC", "children's social care"),
    ("MCA", "mental capacity act"),
    ("DoLS", "deprivation of liberty safeguards"),
    ("ASD", "autism spectrum disorder", "autism"),
    ("ADHD", "attention deficit hyperactivity disorder"),
    ("MACSE", "multi-agency child sexual exploitation"),
    ("dad", "father"),
    ("stepdad", "stepfather"),
    ("mum", "mother"),
    ("baby", "infant"),
    ("teenager", "adolescent", "young person"),
    ("interpreter", "translator"),
    ("bruise", "bruising"),
    ("social worker", "social care"),
)

# How much a match counts, by field: what the entry is about outweighs a passing mention.
# `key` holds the summary and the learning points; `theme_names` the names and synonyms of its themes.
FIELD_BOOSTS: dict[str, float] = {"title": 3.0, "key": 1.75, "theme_names": 1.0, "body": 1.0, "board": 0.5}
PHRASE_FIELDS = ("title", "key", "theme_names")  # for words typed next to each other (bodies are too long to check)
PHRASE_BOOST = 1.5  # two query words next to each other in the text
EQUIVALENT_WEIGHT = 0.8  # another way of saying a phrase the user typed
THEME_BOOST = 1.5  # an entry tagged with a theme the query names
COORD_FLOOR = 0.5  # score share kept by an entry that has none of the other words typed in its key fields
RERANK_POOL = 50  # best candidates re-ranked by how many of the words they contain
# In large knowledge bases, what costs much and tells little is not checked: a word found in that field of
# over half the entries (from 500 entries on; in bodies, which are long and so share more words, over
# 30%), or a phrase whose words are each in that field of over 500 entries (checking a phrase costs about
# five times more than a word).
COMMON_FROM, COMMON_SHARE, PHRASE_LIMIT = 500, 0.5, 500
COMMON_SHARE_IN = {"body": 0.3}


class EnglishAnalyzer(Tokenizer):
    """Words, lowercased, English stop words removed, Porter-stemmed, positions renumbered.

    Gives exactly the tokens of Whoosh's StemmingAnalyzer in one pass instead
    of a chain of generators: about twice as fast, which matters for building
    large indexes.
    """

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for match in _WORD.finditer(value):
            word = match.group().lower()
            if len(word) < 2 or word in STOP_WORDS:
                continue
            stemmed = _STEMS.get(word)
            if stemmed is None:
                if len(_STEMS) >= 100_000:  # bounded, for long-running processes
                    _STEMS.clear()
                stemmed = _STEMS[word] = stem(word)
            token.text, token.boost, token.stopped = stemmed, 1.0, False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = position
                position += 1
            if chars:
                token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
            yield token


_WORD = re.compile(r"\w+(\.?\w+)*")  # StemmingAnalyzer's words
_STEMS: dict[str, str] = {}
_ANALYZER = EnglishAnalyzer()


def _schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=_ANALYZER, stored=True),
        board=TEXT(analyzer=_ANALYZER),
        type=ID(stored=True),
        published=ID(stored=True, sortable=True),
        year=NUMERIC(int),
        status=ID(stored=True),
        themes=KEYWORD(stored=True, scorable=True),
        theme_names=TEXT(analyzer=_ANALYZER),
        area=KEYWORD(commas=True, lowercase=True),
        ages=KEYWORD(),
        key=TEXT(analyzer=_ANALYZER),
        body=TEXT(analyzer=_ANALYZER, stored=True),
        summary=STORED(),
        learning=STORED(),
        key_terms=COLUMN(),  # the distinct words of title, key and theme names: for the coordination bonus
    )


# --- building -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildReport:
    """What a build did: `full` when the whole index was rewritten."""

    full: bool
    added: tuple[str, ...]
    updated: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    seconds: float

    @property
    def changed(self) -> bool:
        return bool(self.full or self.added or self.updated or self.removed)

    def summary(self) -> str:
        kind = "rebuilt" if self.full else "updated"
        if not self.changed:
            return f"Search index up to date ({self.unchanged} entries)."
        return (
            f"Search index {kind} in {self.seconds:.1f} s: {len(self.added)} added, {len(self.updated)} changed,"
            f" {len(self.removed)} removed, {self.unchanged} unchanged."
        )


def _theme_names(review: Review, published: Published) -> str:
    names = []
    for theme_id in review.all_themes():
        theme = published.themes.get(theme_id)
        if theme:
            names.extend((theme.title, *theme.synonyms))
    return " . ".join(names)


def _document(review: Review, published: Published) -> dict:
    themes = review.all_themes()
    learning = "\n".join(p.point for p in review.learning)
    key = f"{review.summary}\n{learning}"
    names = _theme_names(review, published)
    return {
        "id": review.id,
        "title": review.title,
        "board": review.board,
        "type": review.type,
        "published": review.published,
        "year": review.year,
        "status": review.status,
        "themes": " ".join(themes),
        "theme_names": names,
        "area": ",".join(review.area),
        "ages": " ".join(review.ages),
        "key": key,
        "body": plain_text(review.body),
        "summary": review.summary,
        "learning": learning,
        "key_terms": " ".join(sorted(set(_words(f"{review.title}\n{key}\n{names}")))).encode("utf-8"),
    }


def _content_hash(review: Review, published: Published) -> str:
    """Changes whenever anything the index holds for the entry changes (its file, or its themes' names)."""
    held = (
        SCHEMA_VERSION, review.id, review.title, review.type, review.published, review.status, review.all_themes(),
        _theme_names(review, published), review.area, review.ages, review.board, review.summary,
        tuple(p.point for p in review.learning),
    )
    digest = hashlib.blake2b(repr(held).encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(review.body.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def source_stamp(root: Path) -> str:
    """A fingerprint of the bytes of everything the index is built from: every theme and review file
    and lscb-kb.yml (which decides what the validator allows).

    From content, never from sizes and modification times: an edit that keeps
    both (the same length, `touch -r`) can flip an entry to embargoed, and the
    next search must notice it. SHA-256 (in hardware on most processors) over
    plain reads: about 0.1 s for 10,000 entries of 10 KB, inside every search.
    """
    digest = hashlib.sha256()
    for folder in ("themes", "reviews"):
        try:
            names = sorted(entry.name for entry in os.scandir(root / folder) if entry.name.endswith(".md"))
        except OSError:
            continue
        directory = os.fspath(root / folder)
        for name in names:
            _stamp_file(digest, f"{folder}/{name}", os.path.join(directory, name))
    _stamp_file(digest, "lscb-kb.yml", os.fspath(root / "lscb-kb.yml"))
    return digest.hexdigest()


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)  # a link is an error the validator reports, never followed


def _stamp_file(digest, name: str, path: str) -> None:
    """Adds a file's name, length and bytes; a missing or unreadable file still changes the fingerprint."""
    try:
        handle = os.open(path, _READ_FLAGS)  # about twice as fast as open() for many small files
        try:
            data = os.read(handle, 1 << 16)
            while more := os.read(handle, 1 << 20):
                data += more
        finally:
            os.close(handle)
    except OSError as error:
        data, marker = b"", f"unreadable {error.errno}"
    else:
        marker = str(len(data))
    digest.update(f"{name}\0{marker}\0".encode("utf-8", "surrogateescape"))
    digest.update(data)


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_json(path: Path, data: dict) -> None:
    """Write to a temporary file and move it into place: never half-written."""
    write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _manifest(published: Published, stamp: str | None, left_out: Sequence[str] = ()) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "build": uuid.uuid4().hex,
        "stamp": stamp,
        "left_out": sorted(left_out),
        "themes": {t.id: {"title": t.title, "synonyms": list(t.synonyms)} for t in published.themes.values()},
    }


def _usable_manifest(index_dir: Path) -> dict | None:
    """The manifest of a complete index of the current schema, else None."""
    manifest = _read_json(Path(index_dir) / MANIFEST)
    if not manifest or manifest.get("schema") != SCHEMA_VERSION:
        return None
    try:
        return manifest if whoosh_index.exists_in(str(index_dir)) else None
    except Exception:  # a damaged table of contents: whatever Whoosh raises, there is no usable index
        return None


def has_index(index_dir: Path) -> bool:
    """True when a complete index of the current schema is there (it may be out of date)."""
    return _usable_manifest(index_dir) is not None


@contextmanager
def build_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    """Only one build at a time: the lock file lives next to the index, which a full rebuild replaces."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    path = index_dir.with_name(index_dir.name + ".lock")
    with open(path, "a+b") as handle:
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise IndexBusy(
                    f"another build of the search index has been running for over {timeout:.0f} s"
                    f" (lock file {path}). Try again when it has finished."
                )
            time.sleep(0.05)
        try:
            yield
        finally:
            _unlock(handle)


try:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)

except ImportError:  # Windows
    import msvcrt

    def _try_lock(handle) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def _remove_leftovers(index_dir: Path) -> None:
    """Temporary folders of builds that were killed before they could clean up."""
    for leftover in index_dir.parent.glob(f".{index_dir.name}.*"):
        shutil.rmtree(leftover, ignore_errors=True)


def build_index(
    published: Published,
    index_dir: Path,
    *,
    progress: Progress | None = None,
    stamp: str | None = None,
    rebuild: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
    left_out: Sequence[str] = (),
) -> BuildReport:
    """Bring the index in line with the published view, re-indexing only entries that changed.

    `stamp` (from `source_stamp`) is recorded so that `is_current` can later
    tell cheaply whether the files changed, and `left_out` (the files with
    errors, whose entries the published view lacks) so that every search can
    say so. A missing or outdated index, `rebuild`, changes to most entries,
    or an entry that must leave the index, mean a full rebuild in a temporary
    folder that is swapped in when complete.
    """
    started = time.monotonic()
    index_dir = Path(index_dir)
    with build_lock(index_dir, lock_timeout):
        _remove_leftovers(index_dir)
        hashes = {r.id: _content_hash(r, published) for r in published.reviews}
        old = _read_json(index_dir / HASHES) if has_index(index_dir) and not rebuild else None
        old_hashes: dict[str, str] = old or {}
        new = [i for i in hashes if i not in old_hashes]
        changed = [i for i in hashes if i in old_hashes and old_hashes[i] != hashes[i]]
        removed = sorted(set(old_hashes) - set(hashes))
        mostly_new = len(new) + len(changed) > max(100, len(hashes) // 2)  # then a full build is faster
        # An entry that leaves must leave the files too, but Whoosh only marks a document deleted: its stored
        # text stays until its segment is rewritten, which costs more than a full build in two processes.
        ix = _readable(index_dir) if old is not None and not mostly_new and not removed else None
        if ix is None:
            _full_build(published, index_dir, hashes, _manifest(published, stamp, left_out), progress)
            return BuildReport(True, tuple(hashes), (), tuple(removed), 0, time.monotonic() - started)
        try:
            if new or changed or removed:
                _update(ix, published, new + changed, removed, progress)
                _write_json(index_dir / HASHES, hashes)
        finally:
            ix.close()
        fresh, manifest = _manifest(published, stamp, left_out), _read_json(index_dir / MANIFEST) or {}
        if new or changed or removed or any(manifest.get(key) != fresh[key] for key in ("stamp", "themes", "left_out")):
            _write_json(index_dir / MANIFEST, fresh)  # a new build id: open searchers reopen the index
        unchanged = len(hashes) - len(new) - len(changed)
        return BuildReport(False, tuple(new), tuple(changed), tuple(removed), unchanged, time.monotonic() - started)


def _add_all(writer, published: Published, ids: Iterable[str], progress: Progress | None, update: bool) -> None:
    ids = list(ids)
    for done, ident in enumerate(ids, 1):
        document = _document(published.review(ident), published)
        (writer.update_document if update else writer.add_document)(**document)
        if progress:
            progress(done, len(ids))


def _full_build(published: Published, index_dir: Path, hashes: dict, manifest: dict, progress: Progress | None) -> None:
    temporary = index_dir.with_name(f".{index_dir.name}.new-{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    try:
        ix = whoosh_index.create_in(str(temporary), _schema())
        parallel = len(hashes) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
        # Whoosh's multi-process writer: each process writes its own segment (multisegment), merged later.
        writer = ix.writer(procs=2, limitmb=128, multisegment=True) if parallel else ix.writer(limitmb=256)
        try:
            _add_all(writer, published, hashes, progress, update=False)
        except BaseException:
            for task in getattr(writer, "tasks", ()):  # its sub-processes would otherwise wait forever
                task.terminate()
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        _write_json(temporary / HASHES, hashes)
        _write_json(temporary / MANIFEST, manifest)
        previous = index_dir.with_name(f".{index_dir.name}.old-{os.getpid()}")
        if index_dir.exists():
            os.replace(index_dir, previous)
        os.replace(temporary, index_dir)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _readable(index_dir: Path):
    """The index opened for an update, or None if it cannot be read (it is then rebuilt from the files)."""
    try:
        ix = whoosh_index.open_dir(str(index_dir))
        ix.reader().close()  # opens every segment's files
    except Exception:  # a damaged or foreign index: whatever Whoosh raises, the cure is a rebuild
        return None
    return ix


def _update(ix, published: Published, ids: list[str], removed: list[str], progress: Progress | None) -> None:
    writer = ix.writer(limitmb=256)
    try:
        for ident in removed:
            writer.delete_by_term("id", ident)
        _add_all(writer, published, ids, progress, update=True)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def is_current(index_dir: Path, root: Path) -> bool:
    """True when the index exists and the files' content has not changed since it was built (a cheap check)."""
    manifest = _usable_manifest(index_dir)
    return bool(manifest and manifest.get("stamp") == source_stamp(root))


def files_left_out(index_dir: Path) -> list[str]:
    """The files with errors whose entries the index was built without, as recorded by `build_index`."""
    manifest = _read_json(Path(index_dir) / MANIFEST) or {}
    found = manifest.get("left_out")
    return [str(path) for path in found] if isinstance(found, list) else []


# --- searching ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    type: str
    published: str
    themes: tuple[str, ...]
    score: float
    snippet: str  # plain text with the matched words in **bold** (Markdown)
    url: str  # relative site URL: reviews/<id>/
    archived: bool

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "type": self.type,
            "published": self.published,
            "themes": list(self.themes),
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "url": self.url,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: tuple[SearchHit, ...]
    notes: tuple[str, ...] = ()  # e.g. that only the first words of a long paste were used

    def to_dict(self) -> dict:
        return {"query": self.query, "total": self.total, "results": [h.to_dict() for h in self.hits]}


_FRAGMENTER = highlight.ContextFragmenter(maxchars=120, surround=40)


class _MarkFormatter(highlight.Formatter):
    """Matched words in **bold**: readable as text, Markdown for programs."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return f"**{highlight.get_text(text, token, replace)}**"


@dataclass
class _OpenIndex:
    build: str
    searcher: object
    names: dict[str, str]  # every name of a theme -> its id
    phrases: list[tuple[tuple[str, ...], str]]  # analysed theme name -> theme id
    filtered: dict[tuple, set[int]] = field(default_factory=dict)  # filter -> matching documents (never changed)


FILTERS_KEPT = 64  # filters remembered per open index: a user refining a search reuses them


_OPEN: dict[Path, _OpenIndex] = {}
OPEN_INDEXES = 4  # indexes kept open at once (a website build uses one)


def _words(text: str) -> list[str]:
    """Text as indexed terms: lowercased, English stop words removed, stemmed."""
    return [token.text for token in _ANALYZER(text)]


def _open(index_dir: Path) -> _OpenIndex:
    """The index opened once per build, so that repeated searches (the website's related entries) stay fast."""
    index_dir = Path(index_dir).resolve()
    manifest = _usable_manifest(index_dir)
    if manifest is None:  # a full rebuild swaps folders: look again in case it was caught in between
        time.sleep(0.2)
        manifest = _usable_manifest(index_dir)
    if manifest is None:
        raise NoIndex(f"there is no search index in {index_dir}. Build it with 'lscb-kb index'.")
    cached = _OPEN.pop(index_dir, None)
    if cached and cached.build == manifest["build"]:
        _OPEN[index_dir] = cached  # most recently used last
        return cached
    if cached:
        cached.searcher.close()
    while len(_OPEN) >= OPEN_INDEXES:
        _OPEN.pop(next(iter(_OPEN))).searcher.close()
    try:
        searcher = whoosh_index.open_dir(str(index_dir)).searcher(weighting=scoring.BM25F())
    except Exception:  # a damaged index: whatever Whoosh raises, the cure is a rebuild
        raise NoIndex(f"the search index in {index_dir} cannot be read. Rebuild it with 'lscb-kb index --rebuild'.") from None
    themes = manifest["themes"]
    phrases = []
    for theme_id, theme in themes.items():
        for name in (theme["title"], *theme["synonyms"]):
            words = tuple(_words(name))
            if words:
                phrases.append((words, theme_id))
    names = theme_names((theme_id, t["title"], t["synonyms"]) for theme_id, t in themes.items())
    opened = _OpenIndex(manifest["build"], searcher, names, phrases)
    _OPEN[index_dir] = opened
    return opened


_EQUIVALENT_WORDS = [tuple(tuple(_words(phrase)) for phrase in group) for group in EQUIVALENTS]


def _first_distinct(words: list[str], count: int) -> list[str]:
    """The words up to the point where `count` different ones have been seen, in order."""
    seen: set[str] = set()
    for position, word in enumerate(words):
        seen.add(word)
        if len(seen) > count:
            return words[:position]
    return words


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == tuple(phrase) for i in range(len(words) - n + 1))


def _phrase_clauses(words: Sequence[str], weight: float, searcher) -> list:
    """A word or phrase in each field where it tells entries apart. All clauses of a query are
    summed in one flat Or (Whoosh 2.7's DisjunctionMax scores documents it is not positioned on)."""
    kind = Term if len(words) == 1 else Phrase
    text = words[0] if len(words) == 1 else list(words)
    return [kind(field, text, boost=boost * weight) for field, boost in FIELD_BOOSTS.items() if _telling(searcher, field, words)]


def _telling(searcher, field: str, words: Sequence[str]) -> bool:
    """Whether a word or phrase is worth checking in a field of a large knowledge base.

    Not when it is absent from the field, nor for a word found there in most
    entries, nor for a phrase whose words are each found there in many: they
    say little about which entry is relevant, and checking them in every entry
    is what makes searching thousands of entries slow. Such a word still counts
    in the fields where it is rarer.
    """
    if searcher.doc_count() < COMMON_FROM:
        return True
    rarest = min(searcher.doc_frequency(field, word) for word in words)
    return 0 < rarest <= (COMMON_SHARE_IN.get(field, COMMON_SHARE) * searcher.doc_count() if len(words) == 1 else PHRASE_LIMIT)


def _build_query(words: list[str], opened: _OpenIndex) -> tuple[object, list[frozenset[str]]]:
    """Any of the words, with phrases, equivalents and the themes the words name counting extra.

    Also returns, for each word typed, the indexed terms that count as finding
    it (the word, or a word of an equivalent), for the coordination bonus.
    """
    typed = list(dict.fromkeys(words))
    searcher = opened.searcher
    clauses = [clause for word in typed for clause in _phrase_clauses([word], 1.0, searcher)]
    if not clauses:  # only words found in most entries: still find them
        clauses = [Term(field, word, boost=boost) for word in typed for field, boost in FIELD_BOOSTS.items()]
    lead = words[:PHRASE_WORDS]
    for first, second in zip(lead, lead[1:]):
        clauses.extend(
            Phrase(field, [first, second], slop=2, boost=FIELD_BOOSTS[field] * PHRASE_BOOST)
            for field in PHRASE_FIELDS
            if _telling(searcher, field, (first, second))
        )
    concepts = {word: {word} for word in typed}
    said = [words]
    for group in _EQUIVALENT_WORDS:
        found = [phrase for phrase in group if phrase and _contains(words, phrase)]
        others = [phrase for phrase in group if phrase and phrase not in found]
        if found and others:
            clauses.extend(clause for phrase in others for clause in _phrase_clauses(phrase, EQUIVALENT_WEIGHT, searcher))
            said.extend(others)
            for word in {w for phrase in found for w in phrase}:
                concepts[word].update(w for phrase in others for w in phrase)
    named = {theme_id for phrase, theme_id in opened.phrases if any(_contains(s, phrase) for s in said)}
    clauses.extend(Term("themes", theme_id, boost=THEME_BOOST) for theme_id in sorted(named))
    return Or(clauses), [frozenset(terms) for terms in concepts.values()]


def _coordinated(searcher, hits, concepts: list[frozenset[str]], limit: int) -> list[tuple[float, object]]:
    """Re-rank the best candidates so that having more of the words typed (in title, summary,
    learning or theme names) counts for more."""
    key_terms = searcher.reader().column_reader("key_terms")
    ranked = []
    for hit in hits:
        found = set(key_terms[hit.docnum].decode("utf-8").split())
        share = sum(1 for terms in concepts if terms & found) / len(concepts)
        ranked.append((hit.score * (COORD_FLOOR + (1 - COORD_FLOOR) * share), hit))
    ranked.sort(key=lambda pair: -pair[0])
    return ranked[:limit]


def _filter(opened: _OpenIndex, themes, types, since, until, area) -> set[int] | None:
    """The documents that pass the filters, remembered for this build of the index."""
    key = (tuple(themes), tuple(types), since, until, area)
    if key in opened.filtered:
        return opened.filtered[key]
    parts = [Term("themes", find_theme(opened.names, t)) for t in themes]
    if types:
        parts.append(Or([Term("type", t) for t in types]))
    if since is not None or until is not None:
        parts.append(NumericRange("year", since, until))
    if area:
        parts.append(Term("area", area.strip().casefold()))
    if not parts:
        return None
    if len(opened.filtered) >= FILTERS_KEPT:
        opened.filtered.clear()
    opened.filtered[key] = set(opened.searcher.docs_for_query(And(parts)))
    return opened.filtered[key]


def search(
    index_dir: Path,
    query: str,
    *,
    themes: Sequence[str] = (),
    types: Sequence[str] = (),
    since: int | None = None,
    until: int | None = None,
    area: str | None = None,
    limit: int = 10,
) -> SearchResults:
    """Entries matching what a practitioner typed, best first, within the filters.

    All filters must hold (every theme named, any of the types). An empty
    query with filters lists the matching entries newest first.
    """
    opened = _open(index_dir)
    filter_query = _filter(opened, themes, types, since, until, area)
    words = _words(query)
    notes = []
    if len(set(words)) > MAX_QUERY_WORDS:
        words = _first_distinct(words, MAX_QUERY_WORDS)
        notes.append(f"The query is long: only its first {MAX_QUERY_WORDS} different words were used.")
    if not words and filter_query is None:
        raise EmptyQuery(
            "the query has no words to search for"
            + (" (very common words such as 'the' or 'not', symbols and emoji are left out)." if query.strip() else ".")
            + " Type what you are looking for, e.g. lscb-kb search \"missed appointments\"."
        )
    if filter_query is not None and not filter_query:  # Whoosh would read an empty filter as none at all
        return SearchResults(query, 0, (), tuple(notes))
    searcher = opened.searcher
    if not words:
        results = searcher.search(Every(), limit=limit, filter=filter_query, sortedby="published", reverse=True)
        hits = tuple(_hit(hit.fields(), 0.0, frozenset()) for hit in results)
        return SearchResults(query, len(results), hits, tuple(notes))
    query_object, concepts = _build_query(words, opened)
    # Whoosh scores every matching entry anyway: without a limit the total comes for free.
    results = searcher.search(query_object, limit=None, filter=filter_query)
    ranked = _coordinated(searcher, results[: max(limit, RERANK_POOL)], concepts, limit)
    marked = frozenset().union(*concepts)
    hits = tuple(_hit(hit.fields(), score, marked) for score, hit in ranked)
    return SearchResults(query, len(results), hits, tuple(notes))


def _hit(fields: dict, score: float, marked: frozenset[str]) -> SearchHit:
    return SearchHit(
        id=fields["id"],
        title=fields["title"],
        type=fields["type"],
        published=fields["published"],
        themes=tuple(fields["themes"].split()),
        score=score,
        snippet=_snippet(fields, marked),
        url=review_url(fields['id']),
        archived=fields["status"] == "archived",
    )


def _snippet(fields: dict, marked: frozenset[str]) -> str:
    """The best passage with the words searched for: learning points first, then the summary, then the body."""
    if marked:
        for text in (fields["learning"], fields["summary"], fields["body"]):
            found = highlight.highlight(text, marked, _ANALYZER, _FRAGMENTER, _MarkFormatter(), top=2)
            if found:
                return " ".join(found.split())
    return _shorten(fields["summary"])


def _shorten(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def related(index_dir: Path, review_id: str, limit: int = 5) -> list[str]:
    """Ids of the entries most like this one, by the key words of its learning and summary and by its themes."""
    opened = _open(index_dir)
    searcher = opened.searcher
    docnum = searcher.document_number(id=review_id)
    if docnum is None:
        return []
    fields = searcher.stored_fields(docnum)
    key_terms = searcher.key_terms_from_text("key", f"{fields['summary']}\n{fields['learning']}", numterms=12)
    clauses = [Term("key", word, boost=weight) for word, weight in key_terms]
    clauses.extend(Term("themes", theme_id, boost=0.5) for theme_id in fields["themes"].split())
    results = searcher.search(Or(clauses), limit=limit + 1)
    return [hit["id"] for hit in results if hit["id"] != review_id][:limit]


def theme_suggestions(index_dir: Path, query: str) -> list[str]:
    """Themes whose names are close to the query: a hint when nothing was found."""
    return close_themes(_open(index_dir).names, query, cutoff=0.7)


def no_results_hints(index_dir: Path, text: str, filters: Mapping) -> list[str]:
    """What to say when nothing matched: which filter to drop, or a theme whose name is close."""
    lines = [f"No entries match \"{text}\"." if text.strip() else "No entries match these filters."]
    options = {"themes": "--theme", "types": "--type", "since": "--since", "until": "--until", "area": "--area"}
    used = [options[name] for name, value in filters.items() if value is not None and value != ()]
    if used and text.strip():
        without = search(index_dir, text, limit=1).total
        if without:
            lines.append(f"Without {', '.join(used)}, {without} entr{'y matches' if without == 1 else 'ies match'}: try removing a filter.")
        else:
            lines.append(f"Nothing matches even without {', '.join(used)}.")
    elif used:
        lines.append(f"Try removing one of {', '.join(used)}.")
    themes = theme_suggestions(index_dir, text) if text.strip() else []
    if themes:
        lines.append(f"Close to the theme {' or '.join(repr(t) for t in themes)}: try 'lscb-kb learning {themes[0]}'.")
    elif text.strip():
        lines.append("Try other or fewer words, or spell out an abbreviation.")
    return lines
