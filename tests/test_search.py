"""The Whoosh search index on real small knowledge bases: building, searching, safety of odd input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from lscb_kb import search as engine
from lscb_kb.catalogue import load_catalogue
from lscb_kb.search import INDEX_DIR, IndexBusy, build_index, build_lock, related, search

BODY = "## Overview\n\n{overview}\n\n## Findings\n\n{findings}\n"


def body(overview: str = "What happened.", findings: str = "What was found.") -> str:
    return BODY.format(overview=overview, findings=findings)


def published(kb):
    catalogue = load_catalogue(kb.root)
    assert not catalogue.errors, "\n".join(map(str, catalogue.errors))
    return catalogue.published()


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


@pytest.fixture
def small(kb):
    """Four entries on different subjects, one archived."""
    kb.write(
        "north-2019-baby-bruising",
        title="Baby B",
        published="2019-03",
        area=["Northshire"],
        themes=["physical-abuse-and-injury", "babies-and-infants"],
        summary="A baby who was not yet crawling had bruises that nobody referred.",
        learning=[{"point": "Any bruising on a non-mobile baby needs a safeguarding referral."}],
        body=body("The health visitor saw a bruise on the baby's cheek."),
    )
    kb.write(
        "south-2021-appointments",
        title="Child D",
        type="lcspr",
        published="2021-06",
        area=["Southdale"],
        themes=["was-not-brought", "neglect"],
        summary="A child who was repeatedly not brought to health appointments.",
        learning=[{"point": "Follow up every missed appointment and tell the GP.", "themes": ["was-not-brought"]}],
        body=body("Eleven hospital appointments were missed over two years."),
    )
    kb.write(
        "south-2015-interpreters",
        title="Family E",
        type="audit",
        status="archived",
        published="2015-01",
        area=["Southdale"],
        themes=["culture-language-and-identity", "domestic-abuse"],
        summary="Relatives were used to interpret for a mother who spoke little English.",
        learning=[{"point": "Always book a professional interpreter; never rely on relatives."}],
        body=body("Her teenage son translated at the domestic abuse risk assessment."),
    )
    kb.write(
        "north-2020-drift",
        title="Child F",
        published="2020-11",
        area=["Northshire"],
        themes=["planning-drift-and-delay", "supervision-and-workload"],
        summary="Plans drifted for years without management oversight.",
        learning=[{"point": "Supervision should spot drift in child in need plans."}],
        body=body(findings="Non-accidental injury was not considered when the child had a fracture."),
    )
    index_dir = kb.root / INDEX_DIR
    build_index(published(kb), index_dir)
    return kb, index_dir


# --- odd input -----------------------------------------------------------------------------

ODD_QUERIES = [
    '"did not attend',
    '"bruising baby"',
    "(baby OR bruising) AND NOT drift",
    "AND",
    "NOT OR AND",
    "*",
    "bru*",
    "?aby",
    "title:baby",
    "themes:neglect type:scr",
    "field: : :",
    "baby^10 ~2 [a TO z] {x}",
    "\\ / ' ` < > & |",
    "👶 bruising 🙂",
    "🙂🙂🙂",
    "ребёнок 儿童 طفل बच्चा",
    "   ",
    "\t\n",
    "the not a of",
    "interpreter " * 2000,
    " ".join(f"word{n}" for n in range(1500)),
    "x" * 10_000,
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=lambda q: repr(q[:30]))
def test_odd_queries_give_results_or_a_clear_message(small, query):
    kb, _ = small
    result = kb.run("search", query)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert "no words to search for" in result.output


def test_an_empty_query_is_a_usage_error(small):
    kb, _ = small
    result = kb.run("search")
    assert result.exit_code == 2
    assert "Type what you are looking for" in result.output


def test_query_syntax_is_just_words(small):
    _, index_dir = small
    assert ids(search(index_dir, "title:baby"))[0] == "north-2019-baby-bruising"
    assert "north-2019-baby-bruising" in ids(search(index_dir, "NOT bruising"))


def test_a_long_paste_uses_its_first_words_and_says_so(small):
    _, index_dir = small
    results = search(index_dir, "interpreter relatives " + " ".join(f"filler{n}" for n in range(100)))
    assert ids(results)[0] == "south-2015-interpreters"
    assert any("first 32" in note for note in results.notes)


# --- what is indexed -----------------------------------------------------------------------


def test_embargoed_and_draft_entries_are_never_indexed(kb):
    kb.write("a-2020-public", summary="An ordinary published review.")
    kb.write("a-2020-embargoed", status="embargoed", summary="Zanzibarquokka pending criminal proceedings.", body=body("zanzibarquokka"))
    kb.write("a-2020-draft", status="draft", summary="Draft about the quetzalwombat.", learning=[{"point": "quetzalwombat"}])
    kb.run("index")
    index_dir = kb.root / INDEX_DIR
    assert search(index_dir, "zanzibarquokka").total == 0
    assert search(index_dir, "quetzalwombat").total == 0
    assert search(index_dir, "", themes=["neglect"]).total == 1
    assert related(index_dir, "a-2020-embargoed") == []
    for path in (kb.root / INDEX_DIR).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"zanzibarquokka" not in data.lower() and b"quetzalwombat" not in data.lower(), path


def test_an_entry_that_is_embargoed_later_leaves_the_index(small):
    kb, index_dir = small
    kb.write("north-2020-drift", status="embargoed", summary="Plans drifted.", themes=["planning-drift-and-delay"])
    report = build_index(published(kb), index_dir)
    assert report.removed == ("north-2020-drift",)
    assert "north-2020-drift" not in ids(search(index_dir, "drift"))


# --- incremental, interrupted and concurrent builds --------------------------------------


def test_only_the_changed_entry_is_reindexed_and_deleted_files_leave(small):
    kb, index_dir = small
    unchanged = build_index(published(kb), index_dir)
    assert not unchanged.changed and unchanged.unchanged == 4

    kb.write("south-2021-appointments", title="Child D", type="lcspr", published="2021-06", themes=["was-not-brought"],
             summary="A child not brought to the dentist.", learning=[{"point": "Check dental neglect."}])
    kb.write("east-2022-new", summary="A new review about a skateboard accident.")
    report = build_index(published(kb), index_dir)

    assert (report.full, report.updated, report.added, report.removed) == (False, ("south-2021-appointments",), ("east-2022-new",), ())
    assert report.unchanged == 3
    assert ids(search(index_dir, "dentist")) == ["south-2021-appointments"]
    assert ids(search(index_dir, "skateboard")) == ["east-2022-new"]

    (kb.root / "reviews" / "north-2020-drift.md").unlink()
    report = build_index(published(kb), index_dir)
    assert report.full and report.removed == ("north-2020-drift",)  # rebuilt: its text must leave the files
    assert "north-2020-drift" not in ids(search(index_dir, "drift supervision", limit=50))
    assert ids(search(index_dir, "dentist")) == ["south-2021-appointments"]


def test_remembered_filters_follow_a_rebuilt_index(small):
    """Filter results are kept per build of the index: a re-tagged entry must show under its new theme."""
    kb, index_dir = small
    assert ids(search(index_dir, "child", themes=["neglect"], limit=50)) == ["south-2021-appointments"]
    kb.write("north-2019-baby-bruising", title="Baby B", published="2019-03", area=["Northshire"],
             themes=["neglect"], summary="A neglected child.", learning=[{"point": "See the child."}])
    build_index(published(kb), index_dir)
    assert set(ids(search(index_dir, "child", themes=["neglect"], limit=50))) == {"south-2021-appointments", "north-2019-baby-bruising"}


def test_a_change_to_a_theme_reindexes_only_the_entries_tagged_with_it(small):
    kb, index_dir = small
    theme = kb.root / "themes" / "planning-drift-and-delay.md"
    theme.write_text(theme.read_text(encoding="utf-8").replace("synonyms: [", "synonyms: [glacial progress, ", 1), encoding="utf-8")
    report = build_index(published(kb), index_dir)
    assert report.updated == ("north-2020-drift",) and not report.full
    assert ids(search(index_dir, "glacial progress"))[0] == "north-2020-drift"


def test_an_interrupted_rebuild_leaves_the_previous_index_searchable(small):
    kb, index_dir = small
    kb.write("east-2022-new", summary="A new review about a skateboard accident.")

    def interrupt(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(published(kb), index_dir, progress=interrupt, rebuild=True)
    assert ids(search(index_dir, "bruising baby"))[0] == "north-2019-baby-bruising"
    assert search(index_dir, "skateboard").total == 0
    assert sorted(p.name for p in index_dir.parent.iterdir()) == ["search-index", "search-index.lock"]

    with pytest.raises(KeyboardInterrupt):  # the same for an incremental update
        build_index(published(kb), index_dir, progress=lambda done, total: interrupt(2, total))
    assert search(index_dir, "skateboard").total == 0
    assert build_index(published(kb), index_dir).added == ("east-2022-new",)
    assert ids(search(index_dir, "skateboard")) == ["east-2022-new"]


KILL_DURING_BUILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from lscb_kb.catalogue import load_catalogue
    from lscb_kb.search import build_index

    root = Path(sys.argv[1])
    def die(done, total):
        if done == 3:
            os.kill(os.getpid(), signal.SIGKILL)
    build_index(load_catalogue(root).published(), root / "build" / "search-index", progress=die, rebuild=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_rebuild_leaves_the_previous_index_and_the_next_build_cleans_up(small):
    kb, index_dir = small
    kb.write("east-2022-new", summary="A new review about a skateboard accident.")
    done = subprocess.run([sys.executable, "-c", KILL_DURING_BUILD, str(kb.root)], capture_output=True)
    assert done.returncode == -9
    assert any(p.name.startswith(".search-index.new-") for p in index_dir.parent.iterdir())
    engine._OPEN.clear()
    assert ids(search(index_dir, "bruising baby"))[0] == "north-2019-baby-bruising"

    build_index(published(kb), index_dir)
    assert not any(p.name.startswith(".") for p in index_dir.parent.iterdir())
    assert ids(search(index_dir, "skateboard")) == ["east-2022-new"]


def test_a_second_build_waits_for_the_first(small):
    kb, index_dir = small
    kb.write("east-2022-new", summary="A new review about a skateboard accident.")
    view = published(kb)
    finished = []
    with build_lock(index_dir, timeout=1):
        worker = threading.Thread(target=lambda: finished.append(build_index(view, index_dir, lock_timeout=10)))
        worker.start()
        time.sleep(0.3)
        assert worker.is_alive() and not finished
    worker.join(10)
    assert finished and finished[0].added == ("east-2022-new",)


def test_a_build_that_waits_too_long_stops_with_a_clear_message(small):
    kb, index_dir = small
    with build_lock(index_dir, timeout=1):
        with pytest.raises(IndexBusy, match="another build of the search index"):
            build_index(published(kb), index_dir, lock_timeout=0.2)
    assert ids(search(index_dir, "bruising baby"))[0] == "north-2019-baby-bruising"


def test_two_builds_at_once_leave_a_sound_index(kb):
    for n in range(40):
        kb.write(f"bulk-2020-{n:03d}", summary=f"Review number {n} about neglect.", body=body(" ".join(["Case notes about home conditions."] * 150)))
    command = [sys.executable, "-m", "lscb_kb", "--root", str(kb.root), "index", "--rebuild"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outcomes = [run.communicate(timeout=120) + (run.returncode,) for run in runs]
    assert all(code == 0 for _, _, code in outcomes), outcomes
    index_dir = kb.root / INDEX_DIR
    assert search(index_dir, "neglect", limit=100).total == 40
    assert sorted(p.name for p in index_dir.parent.iterdir()) == ["learning-index.json", "search-index", "search-index.lock"]


# --- searching -----------------------------------------------------------------------------


def test_the_json_output_is_exactly_the_documented_shape(small):
    kb, _ = small
    result = kb.run("search", "bruising", "baby", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == ["query", "total", "results"]
    assert data["query"] == "bruising baby" and data["total"] >= 1
    first = data["results"][0]
    assert list(first) == ["id", "title", "type", "published", "themes", "score", "snippet", "url"]
    assert first["id"] == "north-2019-baby-bruising"
    assert first["url"] == "reviews/north-2019-baby-bruising/"
    assert first["published"] == "2019-03" and first["type"] == "scr"
    assert first["themes"] == ["physical-abuse-and-injury", "babies-and-infants"]
    assert isinstance(first["score"], float) and "**" in first["snippet"]


def test_no_results_is_exit_0_with_a_hint(small):
    kb, _ = small
    result = kb.run("search", "bruising", "--type", "audit")
    assert result.exit_code == 0
    assert "No entries match" in result.output and "Without --type, 1 entry matches" in result.output
    result = kb.run("search", "neglct")
    assert result.exit_code == 0 and "'neglect'" in result.output
    assert json.loads(kb.run("search", "xylophone", "--json").output) == {"query": "xylophone", "total": 0, "results": []}


def test_filters(small):
    _, index_dir = small
    everything = set(ids(search(index_dir, "child baby plans interpreter", limit=50)))
    assert everything == {"north-2019-baby-bruising", "south-2021-appointments", "south-2015-interpreters", "north-2020-drift"}
    assert set(ids(search(index_dir, "child baby plans interpreter", themes=["neglect"]))) == {"south-2021-appointments"}
    assert set(ids(search(index_dir, "child baby plans interpreter", themes=["DNA"]))) == {"south-2021-appointments"}
    assert ids(search(index_dir, "child baby plans interpreter", themes=["neglect", "babies-and-infants"])) == []
    assert set(ids(search(index_dir, "child baby plans interpreter", types=["audit", "lcspr"]))) == {"south-2015-interpreters", "south-2021-appointments"}
    assert set(ids(search(index_dir, "child baby plans interpreter", since=2019, until=2020))) == {"north-2019-baby-bruising", "north-2020-drift"}
    assert set(ids(search(index_dir, "child baby plans interpreter", area="southdale"))) == {"south-2021-appointments", "south-2015-interpreters"}
    assert len(search(index_dir, "child baby plans interpreter", limit=2).hits) == 2


def test_filters_alone_list_entries_newest_first(small):
    kb, index_dir = small
    assert ids(search(index_dir, "", area="Northshire")) == ["north-2020-drift", "north-2019-baby-bruising"]
    result = kb.run("search", "--area", "Southdale")
    assert result.exit_code == 0 and result.output.index("Child D") < result.output.index("Family E")


def test_theme_filter_on_the_command_line(small):
    kb, _ = small
    by_synonym = json.loads(kb.run("search", "child", "--theme", "missed appointments", "--json").output)
    assert [r["id"] for r in by_synonym["results"]] == ["south-2021-appointments"]
    unknown = kb.run("search", "child", "--theme", "neglet")
    assert unknown.exit_code == 2 and "Did you mean 'neglect'" in unknown.output
    backwards = kb.run("search", "child", "--since", "2021", "--until", "2019")
    assert backwards.exit_code == 2
    bad_type = kb.run("search", "child", "--type", "novel")
    assert bad_type.exit_code == 2


def test_theme_synonyms_and_abbreviations_expand(small):
    _, index_dir = small
    # "did not attend" is a synonym of was-not-brought; the entry never uses the words
    assert ids(search(index_dir, "did not attend"))[0] == "south-2021-appointments"
    assert ids(search(index_dir, "DNA"))[0] == "south-2021-appointments"
    # "NAI" is written out in the body of an entry not tagged with physical abuse
    assert "north-2020-drift" in ids(search(index_dir, "NAI"))
    # and the other way round: the abbreviation in the text, the words in the query
    assert "south-2021-appointments" in ids(search(index_dir, "general practitioner"))
    # everyday words: "translator" and "interpreter" are the same thing
    assert ids(search(index_dir, "translator"))[0] == "south-2015-interpreters"


def test_stemming_matches_other_forms_of_a_word(small):
    _, index_dir = small
    assert ids(search(index_dir, "interpreting"))[0] == "south-2015-interpreters"
    assert ids(search(index_dir, "bruised"))[0] == "north-2019-baby-bruising"


def test_archived_entries_are_marked(small):
    kb, index_dir = small
    hits = {hit.id: hit for hit in search(index_dir, "interpreter relatives").hits}
    assert hits["south-2015-interpreters"].archived
    result = kb.run("search", "interpreter")
    assert "[historic learning]" in result.output


def test_related_entries_share_learning_and_themes(small):
    kb, index_dir = small
    kb.write(
        "west-2022-bruises",
        title="Baby G",
        published="2022-01",
        themes=["physical-abuse-and-injury"],
        summary="Bruises on a baby who could not crawl were explained away.",
        learning=[{"point": "Bruising on a baby needs a referral, whatever the explanation."}],
    )
    build_index(published(kb), index_dir)
    found = related(index_dir, "west-2022-bruises", limit=2)
    assert found[0] == "north-2019-baby-bruising" and "west-2022-bruises" not in found
    assert related(index_dir, "no-such-entry") == []


# --- the command line builds and refreshes the index itself ------------------------------


def test_search_builds_the_index_when_there_is_none_and_refreshes_it_after_edits(kb):
    path = kb.write("a-2020-one", summary="About a trampoline accident.")
    first = kb.run("search", "trampoline")
    assert first.exit_code == 0 and "Example review" in first.output
    assert (kb.root / INDEX_DIR).is_dir() and (kb.root / "build" / "learning-index.json").is_file()

    kb.write("a-2020-one", summary="About a bicycle accident.")
    os.utime(path, (time.time() + 5, time.time() + 5))  # a new modification time, even on coarse clocks
    assert "a-2020-one" in kb.run("search", "bicycle", "--json").output
    assert "No entries match" in kb.run("search", "trampoline").output


# --- what is not public in the files as they are now never comes out, nor stays on disk ---

SECRET = {  # one word per field the index stores, found nowhere else
    "title": "Child Xylofanta",
    "summary": "A review about the quokkazanzibar family.",
    "learning": [{"point": "Never forget the wombatquetzal rule."}],
    "body": body("The narwhalpiano incident."),
}
SECRET_WORDS = ("xylofanta", "quokkazanzibar", "wombatquetzal", "narwhalpiano")


def write_secret(kb, **fields):
    return kb.write("a-2020-secret", **{**SECRET, **fields})


def index_holds(index_dir) -> list[str]:
    """The secret words still in the index: in any file's bytes, or in Whoosh's stored fields and
    term lists counting the documents it has only marked deleted."""
    from whoosh import index as whoosh_index

    found = []
    for path in sorted(index_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes().lower()
            found.extend(f"{path.name}: {word}" for word in SECRET_WORDS if word.encode() in data)
    with whoosh_index.open_dir(str(index_dir)).reader() as reader:
        stored = " ".join(repr(reader.stored_fields(n)) for n in range(reader.doc_count_all())).lower()
        terms = {term.decode() for name in ("title", "key", "body") for term in reader.lexicon(name)}
    found.extend(f"stored: {word}" for word in SECRET_WORDS if word in stored)
    found.extend(f"terms: {word}" for word in SECRET_WORDS if word in terms)
    return found


def found_secret(kb) -> bool:
    result = kb.run("search", "quokkazanzibar", "--json")
    assert result.exit_code == 0, result.output
    return "a-2020-secret" in result.stdout


@pytest.mark.parametrize("change", ["embargoed", "draft", "deleted"])
def test_an_entry_that_stops_being_public_leaves_the_search_and_the_index_files(kb, change):
    kb.write("a-2020-other", summary="An ordinary published review.")
    path = write_secret(kb)
    assert found_secret(kb)
    index_dir = kb.root / INDEX_DIR
    assert index_holds(index_dir)  # the check below can see the words when they are there
    if change == "deleted":
        path.unlink()
    else:
        write_secret(kb, status=change)
    assert not found_secret(kb)
    for word in SECRET_WORDS:
        assert search(index_dir, word).total == 0
    assert index_holds(index_dir) == []
    assert search(index_dir, "ordinary").total == 1


def test_an_entry_embargoed_while_another_file_has_errors_never_comes_out(kb):
    """An error elsewhere must not make search fall back to an index built when the entry was public."""
    kb.write("a-2020-other", summary="An ordinary published review.")
    write_secret(kb)
    assert found_secret(kb)
    kb.write("a-2020-broken", text="---\ntitle: [unclosed\n---\n")
    write_secret(kb, status="embargoed")
    result = kb.run("search", "quokkazanzibar")
    assert result.exit_code == 0
    assert "Xylofanta" not in result.stdout and "No entries match" in result.stdout
    assert "1 file with errors (reviews/a-2020-broken.md)" in result.stderr and "left out" in result.stderr
    assert index_holds(kb.root / INDEX_DIR) == []
    again = kb.run("search", "ordinary")  # the index is current now: the warning still comes
    assert "Example review" in again.stdout and "1 file with errors" in again.stderr


def test_an_entry_whose_own_file_has_errors_is_left_out_of_the_search(kb):
    """Its status cannot be trusted until the file is valid again."""
    kb.write("a-2020-other", summary="An ordinary published review.")
    write_secret(kb)
    assert found_secret(kb)
    write_secret(kb, published="sometime")
    result = kb.run("search", "quokkazanzibar")
    assert result.exit_code == 0 and "Xylofanta" not in result.stdout
    assert "reviews/a-2020-secret.md" in result.stderr
    assert index_holds(kb.root / INDEX_DIR) == []
    write_secret(kb)
    assert found_secret(kb)
    assert "Warning" not in kb.run("search", "ordinary").stderr


def test_search_with_errors_and_no_index_builds_one_from_the_valid_files(kb):
    kb.write("a-2020-one", summary="About a trampoline accident.")
    kb.write("a-2020-broken", text="---\ntitle: [unclosed\n---\n")
    result = kb.run("search", "trampoline")
    assert result.exit_code == 0 and "Example review" in result.stdout
    assert "1 file with errors (reviews/a-2020-broken.md)" in result.stderr


def test_the_index_command_with_errors_still_removes_what_is_no_longer_public_and_exits_1(kb):
    kb.write("a-2020-other", summary="An ordinary published review.")
    write_secret(kb)
    assert kb.run("index").exit_code == 0
    kb.write("a-2020-broken", text="---\ntitle: [unclosed\n---\n")
    write_secret(kb, status="embargoed")
    result = kb.run("index")
    assert result.exit_code == 1
    assert "a-2020-broken.md" in result.stderr and "left out of the indexes" in result.stderr
    index_dir = kb.root / INDEX_DIR
    assert search(index_dir, "quokkazanzibar").total == 0 and index_holds(index_dir) == []
    learning_index = (kb.root / "build" / "learning-index.json").read_text(encoding="utf-8")
    assert "wombatquetzal" not in learning_index.lower()


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_noticed(kb):
    """The freshness check reads content: `touch -r` after a same-length edit must not fool it."""
    kb.write("a-2020-other", summary="An ordinary published review.")
    path = write_secret(kb)
    assert found_secret(kb)
    before, stat = path.read_bytes(), path.stat()
    after = before.replace(b"status: published", b"status: embargoed")
    assert after != before and len(after) == len(before)
    path.write_bytes(after)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert not found_secret(kb)
    assert index_holds(kb.root / INDEX_DIR) == []


def test_the_source_stamp_follows_content_only(kb, tmp_path):
    """The same files written at other times give the same stamp; one byte more anywhere that feeds the index does not."""
    kb.write("a-2020-one")
    stamp = engine.source_stamp(kb.root)
    copy = tmp_path / "copy"
    shutil.copytree(kb.root, copy, copy_function=shutil.copyfile)  # new modification times
    os.utime(copy / "reviews" / "a-2020-one.md", (1, 1))
    assert engine.source_stamp(copy) == stamp
    for name in ("lscb-kb.yml", "themes/neglect.md", "reviews/a-2020-one.md"):
        with open(copy / name, "ab") as handle:
            handle.write(b"\n")
        assert engine.source_stamp(copy) != stamp, name
        stamp = engine.source_stamp(copy)


@pytest.mark.parametrize(
    "args",
    [
        ("search", "neglect", "--since", "99999999999999999999"),
        ("search", "neglect", "--until", "99999999999999999999"),
        ("search", "--since", "-5"),
        ("search", "--until", "2O14"),
        ("learning", "neglect", "--since", "99999999999999999999"),
    ],
    ids=lambda a: " ".join(a),
)
def test_a_year_that_is_not_a_year_is_a_usage_error(kb, args):
    kb.write("a-2020-one")
    result = kb.run(*args)  # an exception here (a traceback for the user) fails the test
    assert result.exit_code == 2 and "is not a year" in result.output and "Traceback" not in result.output


def test_index_command_reports_what_it_did(small):
    kb, _ = small
    result = kb.run("index")
    assert result.exit_code == 0 and "up to date (4 entries)" in result.output
    result = kb.run("index", "--rebuild")
    assert result.exit_code == 0 and "rebuilt" in result.output and "learning-index.json" in result.output


def test_outside_a_knowledge_base_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from lscb_kb.cli import cli

    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "search", "neglect"])
    assert result.exit_code == 2 and "is not a knowledge base" in result.output


def test_no_index_is_a_clear_error_for_the_functions(tmp_path):
    with pytest.raises(engine.NoIndex, match="lscb-kb index"):
        search(tmp_path / "nothing-here", "neglect")


def test_plain_text_drops_markdown_syntax():
    text = engine.plain_text("## Findings\n\n> A **bold** [link](https://example.org) and `code`.\n\n| a | b |")
    assert text == "Findings A bold link and code . a b"


def test_a_damaged_index_is_rebuilt_by_the_next_search(small):
    kb, index_dir = small
    for toc in index_dir.glob("*.toc"):
        toc.write_bytes(b"not an index")
    engine._OPEN.clear()
    result = kb.run("search", "bruising", "baby")
    assert result.exit_code == 0 and "Baby B" in result.output


def test_an_index_with_missing_files_gives_a_clear_message_and_index_repairs_it(small):
    kb, index_dir = small
    assert kb.run("index").exit_code == 0  # records the files' state: the next search trusts the index
    for segment in index_dir.glob("*.seg"):
        segment.unlink()
    engine._OPEN.clear()
    result = kb.run("search", "bruising")
    assert result.exit_code == 1 and "cannot be read" in result.output and "--rebuild" in result.output
    assert kb.run("index").exit_code == 0
    assert ids(search(index_dir, "bruising baby"))[0] == "north-2019-baby-bruising"


def test_a_large_knowledge_base_is_built_in_parallel_and_common_words_still_find_entries(kb):
    """From 500 entries on, a full build uses two processes and words found in most entries (in bodies,
    in over 30% of them) only count where they are rarer; a query made only of such words must still
    find every entry."""
    for n in range(engine.COMMON_FROM + 20):
        harbour = " The harbour office was told." if n % 5 < 2 else ""  # in 40% of the bodies
        kb.write(f"bulk-2020-{n:03d}", title=f"Review {n}", summary="Safeguarding children in the borough.",
                 learning=[{"point": "Share information about the family."}], body=body(f"Case number {n}.{harbour}"))
    kb.write("rare-2021-one", title="Review of a lighthouse keeper", summary="Safeguarding a lighthouse keeper's child by the harbour.")
    index_dir = kb.root / INDEX_DIR
    report = build_index(published(kb), index_dir)
    assert report.full and len(report.added) == engine.COMMON_FROM + 21
    assert len(list(index_dir.glob("*.seg"))) >= 2  # one segment per worker process
    assert search(index_dir, "safeguarding").total == engine.COMMON_FROM + 21
    assert ids(search(index_dir, "safeguarding lighthouse"))[0] == "rare-2021-one"
    assert search(index_dir, "safeguarding lighthouse").total == 1  # "safeguarding" alone tells nothing here
    assert search(index_dir, "harbour lighthouse").total == 1, "a word in 40% of the bodies counts only in summaries"


def test_related_command_lists_entries_like_one(repo_root):
    from click.testing import CliRunner

    from lscb_kb.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(repo_root), "related", "liverpool-2014-child-mary", "--json"])
    assert result.exit_code == 0, result.output
    ids = [entry["id"] for entry in json.loads(result.stdout)]
    assert len(ids) == 5 and "liverpool-2014-child-mary" not in ids
    assert "liverpool-2014-child-maisie" in ids  # the other 2014 infant death review
    missing = runner.invoke(cli, ["--root", str(repo_root), "related", "no-such-entry"])
    assert missing.exit_code == 2 and "no published entry 'no-such-entry'" in missing.output


@pytest.mark.parametrize("args", [("search", "neglect", "--limit", "99999999999999999999"), ("related", "a-2020-one", "--limit", "-99999999999999999999")])
def test_a_huge_limit_is_a_usage_error(kb, args):
    kb.write("a-2020-one")
    result = kb.run(*args)
    assert result.exit_code == 2 and "is not in the range" in result.output
