"""Nothing is lost: output folders that are not the build's own are refused, interrupted builds leave nothing behind,
symbolic links and the names of generated pages are refused rather than followed or overwritten."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from built_site import copy_knowledge_base
from conftest import REPO, review_text
from lscb_kb.cli import cli
from lscb_kb.site.outputs import SITE_MARKER, remove_leftovers
from lscb_kb.vocab import RESERVED_IDS

OUTPUT_FOLDERS = yaml.safe_load((Path(__file__).parent / "adversarial" / "paths" / "output_folders.yml").read_text(encoding="utf-8"))


def snapshot(top: Path) -> dict[str, str]:
    """Every path under `top` with its kind and content hash (links by their target, never followed)."""
    seen = {}
    for folder, dirs, files in os.walk(top, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            relative = path.relative_to(top).as_posix()
            if path.is_symlink():
                seen[relative] = "link:" + os.readlink(path)
            elif path.is_dir():
                seen[relative] = "folder"
            else:
                seen[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


@pytest.fixture
def site_kb(tmp_path: Path) -> Path:
    """The shipped knowledge base and website settings in tmp/outer/kb, kept in a Git repository."""
    root = copy_knowledge_base(tmp_path / "outer" / "kb")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".git" / "keep-me").write_text("the repository's own file\n")
    return root


def prepare(root: Path, case: dict) -> Path:
    target = root / case["path"]
    make = case.get("make")
    if make == "git":
        (target / ".git").mkdir(parents=True)
        (target / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    elif make == "notes":
        target.mkdir()
        (target / "notes.txt").write_text("keep me\n")
    elif make == "file":
        target.write_text("keep me\n")
    elif make == "link-to-kb":
        target.symlink_to(root, target_is_directory=True)
    elif make == "link-to-reviews":
        target.symlink_to(root / "reviews", target_is_directory=True)
    return target


@pytest.mark.parametrize("command", ["build", "stage"])
@pytest.mark.parametrize("case", OUTPUT_FOLDERS, ids=[c["why"] for c in OUTPUT_FOLDERS])
def test_an_output_folder_the_command_did_not_make_is_refused_and_nothing_changes(site_kb: Path, tmp_path: Path, case, command):
    target = prepare(site_kb, case)
    before = snapshot(tmp_path)
    args = ["build", "--site-dir", str(target)] if command == "build" else ["stage", str(target)]
    result = CliRunner().invoke(cli, ["--root", str(site_kb), *args], catch_exceptions=False)
    assert result.exit_code in (1, 2), result.output  # 2: Click itself refuses a file given as a folder
    assert "Traceback" not in result.output
    assert any(words in result.output for words in ("holds the knowledge base", "folder: give a folder outside it", "Git repository", "not written by", "is a file")), result.output
    assert snapshot(tmp_path) == before


def test_an_unwritable_site_folder_is_a_clear_error(site_kb: Path):
    result = CliRunner().invoke(cli, ["--root", str(site_kb), "build", "--site-dir", "/proc/x"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "cannot write to /proc/x" in result.output and "Give a folder you can write to" in result.output
    assert not list(site_kb.glob(".*-build-*"))


# --- folders the build made ----------------------------------------------------------------------------


@pytest.mark.slow
def test_the_build_replaces_only_its_own_folder(site_kb: Path, tmp_path: Path):
    public = tmp_path / "outer" / "public"
    public.mkdir()  # new and empty: accepted
    run = lambda: CliRunner().invoke(cli, ["--root", str(site_kb), "build", "--site-dir", str(public)], catch_exceptions=False)  # noqa: E731
    result = run()
    assert result.exit_code == 0, result.output
    assert (public / SITE_MARKER).is_file() and (public / "index.html").is_file()
    assert run().exit_code == 0, "a folder an earlier build made is replaced"

    (public / SITE_MARKER).unlink()  # a site built before the marker: recognised by the files only the build writes
    assert run().exit_code == 0
    (public / SITE_MARKER).unlink()
    (public / "feed.xml").unlink()
    result = run()
    assert result.exit_code == 1 and "not written by 'lscb-kb build'" in result.output and "delete it yourself" in result.output


# --- interrupted builds --------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting to be reaped."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_build(root: Path, scratch: Path) -> tuple[subprocess.Popen, set[int]]:
    """A real `lscb-kb build`, returned once it has made its scratch folders and started its download workers."""
    env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen(
        [sys.executable, "-m", "lscb_kb", "--root", str(root), "build"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        workers |= _children(process.pid)
        if list(scratch.glob(f"lscb-kb-downloads-{process.pid}-*")) and list(root.glob(".site-build-*")) and len(workers) >= 2:
            return process, workers
        time.sleep(0.02)
    process.kill()
    pytest.fail(f"the build never started its download workers: {process.communicate()[0]}")


def _leftovers(root: Path, scratch: Path) -> list[Path]:
    return [*root.glob(".site-*"), *scratch.glob("lscb-kb-downloads-*")]


def _gone(pids: set[int], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while any(_alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: signal.Signals(s).name)
def test_an_interrupted_build_leaves_nothing_behind(site_kb: Path, tmp_path: Path, signum):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    process, workers = _start_build(site_kb, scratch)
    process.send_signal(signum)
    output = process.communicate(timeout=60)[0]
    assert process.returncode == 128 + signum, output
    assert "Build interrupted" in output and "Traceback" not in output
    assert _leftovers(site_kb, scratch) == []
    assert _gone(workers), "download workers still running"
    assert not (site_kb / "site").exists()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
def test_the_next_build_removes_what_a_killed_build_left(site_kb: Path, tmp_path: Path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    process, workers = _start_build(site_kb, scratch)
    process.kill()
    process.communicate(timeout=60)
    assert _leftovers(site_kb, scratch), "KILL cannot be caught: the scratch folders stay until the next build"
    assert _gone(workers), "the workers end with the killed build"

    env = {**os.environ, "TMPDIR": str(scratch)}
    done = subprocess.run([sys.executable, "-m", "lscb_kb", "--root", str(site_kb), "build"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _leftovers(site_kb, scratch) == []
    assert (site_kb / "site" / SITE_MARKER).is_file()


def test_leftovers_of_a_running_process_are_kept(tmp_path: Path):
    running = tmp_path / f".site-build-{os.getpid()}-abc"
    dead = tmp_path / ".site-build-999999999-abc"
    unnamed_old, unnamed_new = tmp_path / ".site-build-old12345", tmp_path / ".site-build-new12345"
    for folder in (running, dead, unnamed_old, unnamed_new):
        folder.mkdir()
    os.utime(unnamed_old, (time.time() - 7200, time.time() - 7200))
    removed = remove_leftovers(tmp_path, ".site-build-")
    assert sorted(removed) == sorted([dead, unnamed_old])
    assert running.exists() and unnamed_new.exists()


# --- symbolic links and unreadable files ---------------------------------------------------------------


@pytest.mark.parametrize("target", ["nowhere.md", "OUTSIDE"], ids=["dangling", "outside the knowledge base"])
@pytest.mark.parametrize("folder", ["reviews", "themes"])
def test_a_linked_entry_is_refused_by_every_command(kb, tmp_path: Path, target: str, folder: str):
    kb.write()
    outside = tmp_path / "secret.md"
    if folder == "themes":
        theme = (REPO / "themes" / "neglect.md").read_text(encoding="utf-8")
        outside.write_text(theme.replace("id: neglect", "id: linked").replace("title: Neglect", "title: Secret outside"), encoding="utf-8")
    else:
        outside.write_text(review_text("linked", title="Secret outside"), encoding="utf-8")
    link = kb.root / folder / "linked.md"
    link.symlink_to(outside if target == "OUTSIDE" else kb.root / folder / target)

    result = kb.run("validate")
    assert result.exit_code == 1
    assert f"{folder}/linked.md:1: error: this file is a symbolic link" in result.output
    assert "Replace the link with the file itself" in result.output
    for command in (["index"], ["search", "child"], ["validate", str(link)]):
        result = CliRunner().invoke(cli, ["--root", str(kb.root), *command])
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        assert "Traceback" not in result.output and "Secret outside" not in result.output


def test_an_unreadable_entry_is_an_error_not_a_crash(kb):
    path = kb.write()
    os.mkfifo(kb.root / "reviews" / "pipe.md")  # reading it would wait for ever
    if os.geteuid() != 0:  # root reads every file
        path.chmod(0)
    try:
        result = kb.run("validate")
    finally:
        path.chmod(0o644)
    assert result.exit_code == 1
    assert "reviews/pipe.md:1: error: this is not a regular file" in result.output
    assert os.geteuid() == 0 or "cannot be read" in result.output


def test_a_linked_page_in_content_is_refused(site_kb: Path, tmp_path: Path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Not for publishing\n")
    (site_kb / "content" / "leak.md").symlink_to(secret)
    result = CliRunner().invoke(cli, ["--root", str(site_kb), "validate"])
    assert result.exit_code == 1 and "content/leak.md:1: error:" in result.output and "symbolic link" in result.output
    for args in (["build"], ["stage", str(tmp_path / "staged")]):
        result = CliRunner().invoke(cli, ["--root", str(site_kb), *args], catch_exceptions=False)
        assert result.exit_code == 1 and "content/leak.md" in result.output
    assert not (site_kb / "site").exists() and not (tmp_path / "staged").exists()


# --- ids of generated pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("ident", RESERVED_IDS)
def test_a_theme_cannot_take_the_name_of_a_generated_page(kb, ident: str):
    text = (REPO / "themes" / "neglect.md").read_text(encoding="utf-8")
    (kb.root / "themes" / f"{ident}.md").write_text(text.replace("id: neglect", f"id: {ident}").replace("title: Neglect", f"title: Theme {ident}"), encoding="utf-8")
    result = kb.run("validate")
    assert result.exit_code == 1
    assert f"themes/{ident}.md:2: error: the id '{ident}' is the name of a page the site generates" in result.output


@pytest.mark.parametrize("ident", ["index", "search", "downloads"])
def test_an_entry_cannot_take_the_name_of_a_generated_page(kb, ident: str):
    kb.write(ident)
    result = kb.run("validate")
    assert result.exit_code == 1 and f"the id '{ident}' is the name of a page the site generates" in result.output


def test_new_refuses_a_reserved_id(kb):
    options = ["--type", "scr", "--title", "Child B", "--board", "Exampleshire Partnership", "--published", "2024-03", "--theme", "neglect"]
    result = kb.run("new", *options, "--id", "index")
    assert result.exit_code == 2 and "is the name of a page the site generates" in result.output
    assert not list((kb.root / "reviews").iterdir())


def test_an_interruption_swallowed_inside_the_sanitiser_still_stops_the_build_before_the_swap():
    """A signal that comes while nh3 runs its Python attribute filter raises there, and nh3 drops the
    exception: the build must still stop before its site is swapped in, with no traceback shown."""
    import os

    import nh3

    from lscb_kb.site.outputs import Interrupted, interruptible, raise_if_interrupted

    def filter_that_is_interrupted(tag, name, value):
        os.kill(os.getpid(), signal.SIGTERM)
        return value

    reported: list = []  # what Python would print as "Exception ignored in ..." with a traceback
    hook, sys.unraisablehook = sys.unraisablehook, reported.append
    try:
        with pytest.raises(Interrupted) as raised:
            with interruptible():
                nh3.clean('<p title="x">text</p>', attribute_filter=filter_that_is_interrupted, attributes={"p": {"title"}})
                raise_if_interrupted()
    finally:
        sys.unraisablehook = hook
    assert raised.value.signum == signal.SIGTERM
    assert reported == []
