"""`lscb-kb changes`: what a branch or pull request does to the knowledge base, on a real git history."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import review_text

from lscb_kb.catalogue import load_catalogue
from lscb_kb.changes import compare
from lscb_kb.cli import cli

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Board officer",
    "GIT_AUTHOR_EMAIL": "officer@example.org",
    "GIT_COMMITTER_NAME": "Board officer",
    "GIT_COMMITTER_EMAIL": "officer@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


POINT_A = "Practitioners should see the child alone at every visit."
POINT_B = "Escalate disagreements about thresholds to a manager within two days."


@pytest.fixture
def history(kb):
    """main: four entries. The working tree then changes them the way a pull request would."""
    git(kb.root, "init", "-q", "-b", "main")
    kb.write("exampleshire-2019-child-a", title="Child A", learning=[{"point": POINT_A}, {"point": POINT_B}])
    kb.write("exampleshire-2019-child-c", title="Child C", status="draft")
    kb.write("exampleshire-2019-child-d", title="Child D")
    kb.write("exampleshire-2019-old-audit", title="Old audit")
    base = commit(kb.root, "Four entries")

    kb.write("exampleshire-2024-child-b", title="Child B", type="lcspr", published="2024-03", themes=["neglect", "was-not-brought"])
    kb.write(
        "exampleshire-2019-child-a",
        title="Child A",
        themes=["neglect", "voice-of-the-child", "professional-curiosity"],
        learning=[
            {"point": POINT_A.replace("at every visit", "at each visit")},
            {"point": "Record who lives in the household and check new partners."},
        ],
        body="## Overview\n\nWhat happened.\n\n## Findings\n\nWhat was found, now in full.\n",
    )
    kb.write("exampleshire-2019-child-c", title="Child C", status="published")
    kb.write("exampleshire-2019-child-d", title="Child D", status="embargoed")
    (kb.root / "reviews" / "exampleshire-2019-old-audit.md").unlink()
    neglect = kb.root / "themes" / "neglect.md"
    neglect.write_text(neglect.read_text(encoding="utf-8").replace("synonyms: [", "synonyms: [home conditions, "), encoding="utf-8")
    (kb.root / "themes" / "online-harm.md").write_text(
        "---\nid: online-harm\ntitle: Online harm\nsynonyms: [cyberbullying]\n---\nHarm that happens through phones and the internet.\n",
        encoding="utf-8",
    )
    return kb, base


def run(kb, *args: str):
    return kb.run("changes", *args)


def test_markdown_report_of_a_pull_request(history):
    kb, base = history
    result = run(kb, "--since", base, "--format", "markdown")
    assert result.exit_code == 0, result.output
    report = result.output
    assert report.startswith(f"## Knowledge base changes since `{base}`")
    assert "**1 new entry, 3 changed entries, 1 removed entry, 2 theme changes.**" in report
    # What the board must notice before merging.
    assert "### Check before merging" in report
    assert "- Will be published on the website: Child B (`exampleshire-2024-child-b`), new entry." in report
    assert "- Will be published on the website: Child C (`exampleshire-2019-child-c`), status draft -> published." in report
    assert "- Will be taken off the website: Child D (`exampleshire-2019-child-d`), status published -> embargoed." in report
    assert "- Will be taken off the website: Old audit (`exampleshire-2019-old-audit`), entry deleted." in report
    assert "### Embargoed (checked, never published until the status is changed)\n\n- Child D (`exampleshire-2019-child-d`)" in report
    # The new entry, with its themes by name and its learning.
    assert "- Child B (`exampleshire-2024-child-b`): Local Child Safeguarding Practice Review, published 2024-03, status published" in report
    assert "  - Themes: Neglect (`neglect`), Was not brought and missed appointments (`was-not-brought`)" in report
    assert '  - Learning point: "Practitioners should see the child alone."' in report
    # The changed entry: themes, learning points reworded, added and removed, a section.
    assert "- Child A (`exampleshire-2019-child-a`)" in report
    assert "  - Themes added: Professional curiosity (`professional-curiosity`)\n" in report and "Themes removed" not in report
    assert f'  - Learning point reworded: "{POINT_A}" -> "{POINT_A.replace("at every visit", "at each visit")}"' in report
    assert '  - Learning point added: "Record who lives in the household and check new partners."' in report
    assert f'  - Learning point removed: "{POINT_B}"' in report
    assert "  - Sections changed: Findings" in report
    assert "  - Status: draft -> published" in report
    # Removed entries and themes.
    assert "### Removed entries\n\n- Old audit (`exampleshire-2019-old-audit`), status published" in report
    assert "- New theme: Online harm (`online-harm`)" in report
    assert '  - Definition: "Harm that happens through phones and the internet."' in report
    assert "- Changed theme: Neglect (`neglect`)\n  - Synonyms added: home conditions" in report


def test_an_unchanged_entry_is_not_reported(history):
    kb, base = history
    kb.write("exampleshire-2019-child-a", title="Child A", learning=[{"point": POINT_A}, {"point": POINT_B}])
    report = run(kb, "--since", base).output
    assert "exampleshire-2019-child-a" not in report


def test_text_and_json_formats(history):
    kb, base = history
    text = run(kb, "--since", base).output
    assert text.startswith(f"Knowledge base changes since {base}: 1 new entry, 3 changed entries")
    assert "\nNew entries:\n  - Child B (exampleshire-2024-child-b)" in text
    data = json.loads(run(kb, "--since", base, "--format", "json").output)
    assert [r["id"] for r in data["added"]] == ["exampleshire-2024-child-b"]
    assert [r["id"] for r in data["removed"]] == ["exampleshire-2019-old-audit"]
    assert {c["id"] for c in data["changed"]} == {"exampleshire-2019-child-a", "exampleshire-2019-child-c", "exampleshire-2019-child-d"}
    assert [p["id"] for p in data["published"]] == ["exampleshire-2024-child-b", "exampleshire-2019-child-c"]
    assert [t["id"] for t in data["themes_added"]] == ["online-harm"]


def test_default_compares_with_where_the_branch_left_main(history):
    kb, base = history
    git(kb.root, "switch", "-q", "-c", "new-review")
    commit(kb.root, "Child B and other changes")
    kb.write("exampleshire-2024-child-e", title="Child E", status="draft")  # not committed yet
    git(kb.root, "switch", "-q", "main")
    git(kb.root, "switch", "-q", "new-review")
    # main moves on after the branch was made: its changes are not this branch's.
    git(kb.root, "worktree", "add", "-q", str(kb.root.parent / "main-copy"), "main")
    other = kb.root.parent / "main-copy"
    (other / "reviews" / "exampleshire-2019-child-d.md").write_text(review_text("exampleshire-2019-child-d", title="Child D on main"), encoding="utf-8")
    commit(other, "Change on main")

    report = run(kb, "--format", "markdown").output
    # Readable: the branch and the commit, no raw 'origin/HEAD (at ...)' in code.
    assert report.startswith(f"## Knowledge base changes since main at commit {base[:7]}, where this branch started\n")
    assert "Child E (`exampleshire-2024-child-e`)" in report
    assert "Child B (`exampleshire-2024-child-b`)" in report
    assert "Child D on main" not in report


def test_without_a_main_branch_it_says_only_uncommitted_edits_are_compared(kb):
    git(kb.root, "init", "-q", "-b", "trunk")
    kb.write("exampleshire-2019-child-a", title="Child A")
    head = commit(kb.root, "First")
    kb.write("exampleshire-2019-child-f", title="Child F")
    result = run(kb)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"Knowledge base changes since the last commit ({head[:7]}): there is no main branch, so only edits not yet"
        " committed are compared (name an earlier commit with --since to see more): 1 new entry, 0 changed entries"
    )


def test_on_main_itself_after_committing_it_says_why_nothing_is_reported(kb):
    """A clone without a remote, working on main: once the edit is committed the report says what it compared."""
    git(kb.root, "init", "-q", "-b", "main")
    kb.write("exampleshire-2019-child-a", title="Child A")
    first = commit(kb.root, "First")
    kb.write("exampleshire-2019-child-f", title="Child F")
    head = commit(kb.root, "Child F")
    report = run(kb, "--format", "markdown").output
    assert report.startswith(
        f"## Knowledge base changes since main at commit {head[:7]} (the branch you are on): only edits not yet committed"
        " are compared (name an earlier commit with --since to see more)\n"
    )
    assert "No entries or themes were added, changed or removed." in report
    assert "1 new entry" in run(kb, "--since", first).output


def test_a_branch_of_master_is_compared_with_where_it_left_master(kb):
    git(kb.root, "init", "-q", "-b", "master")
    kb.write("exampleshire-2019-child-a", title="Child A")
    base = commit(kb.root, "First")
    git(kb.root, "switch", "-q", "-c", "add-child-f")
    kb.write("exampleshire-2019-child-f", title="Child F")
    commit(kb.root, "Child F")
    text = run(kb).output
    assert text.startswith(f"Knowledge base changes since master at commit {base[:7]}, where this branch started: 1 new entry")


def test_the_remote_default_branch_is_named_not_origin_head(history, tmp_path):
    kb, base = history
    commit(kb.root, "The pull request's changes")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(kb.root), str(clone)], env={**os.environ, **GIT_ENV}, check=True)
    git(clone, "switch", "-q", "-c", "add-child-g")
    (clone / "reviews" / "exampleshire-2019-child-g.md").write_text(review_text("exampleshire-2019-child-g", title="Child G"), encoding="utf-8")
    head = git(clone, "rev-parse", "HEAD")
    commit(clone, "Child G")
    result = CliRunner().invoke(cli, ["--root", str(clone), "changes", "--format", "markdown"])
    assert result.output.startswith(f"## Knowledge base changes since origin/main at commit {head[:7]}, where this branch started\n")
    assert "origin/HEAD" not in result.output and "Child G (`exampleshire-2019-child-g`)" in result.output


def test_theme_titles_with_commas_are_listed_unambiguously(kb):
    (kb.root / "themes" / "abuse-neglect.md").write_text(
        "---\nid: abuse-neglect\ntitle: Abuse, neglect and exploitation\n---\nA theme whose title has a comma.\n", encoding="utf-8"
    )
    before = load_catalogue(kb.root)
    kb.write("exampleshire-2019-child-a", title="Child A", themes=["abuse-neglect", "neglect"])
    from lscb_kb.changes import as_markdown, as_text

    changes = compare(before, load_catalogue(kb.root))
    assert "  - Themes: Abuse, neglect and exploitation (`abuse-neglect`), Neglect (`neglect`)\n" in as_markdown(changes, "main")
    assert "    - Themes: Abuse, neglect and exploitation (abuse-neglect), Neglect (neglect)\n" in as_text(changes, "main")


def test_files_with_errors_are_listed_not_reported_as_removed(history):
    kb, base = history
    kb.write("exampleshire-2019-child-a", title="Child A", themes=["neglekt"])
    report = run(kb, "--since", base, "--format", "markdown").output
    assert "### Not compared: these files have errors" in report
    assert "- `reviews/exampleshire-2019-child-a.md`" in report
    assert "Child A (`exampleshire-2019-child-a`), status" not in report


def test_knowledge_base_added_in_a_subfolder_of_the_repository(tmp_path):
    from conftest import KnowledgeBaseFactory

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("A repository whose knowledge base comes later.\n", encoding="utf-8")
    first = commit(repo, "Start")
    kb = KnowledgeBaseFactory(repo / "kb")
    kb.write("exampleshire-2019-child-a", title="Child A")
    commit(repo, "Knowledge base")
    kb.write("exampleshire-2019-child-b", title="Child B")
    since_first = run(kb, "--since", first).output
    assert "2 new entries" in since_first and "37 theme changes" in since_first
    since_head = run(kb, "--since", "HEAD").output
    assert "1 new entry, 0 changed entries, 0 removed entries." in since_head


def test_unknown_ref_is_a_usage_error(history):
    kb, _base = history
    result = run(kb, "--since", "origin/no-such-branch")
    assert result.exit_code == 2
    assert "'origin/no-such-branch' is not a commit, branch or tag of this repository" in result.output


def test_outside_a_git_repository_is_a_usage_error(kb):
    result = run(kb)
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.output


def test_repository_without_commits_is_a_usage_error(kb):
    git(kb.root, "init", "-q")
    result = run(kb)
    assert result.exit_code == 2
    assert "has no commits yet" in result.output


def test_compare_is_a_pure_function_of_two_catalogues(kb, tmp_path):
    kb.write("exampleshire-2019-child-a", title="Child A", learning=[{"point": POINT_A, "themes": ["neglect"]}])
    before = load_catalogue(kb.root)
    kb.write("exampleshire-2019-child-a", title="Child A, revised", learning=[{"point": POINT_A, "themes": ["voice-of-the-child"]}])
    after = load_catalogue(kb.root)
    changes = compare(before, after)
    (change,) = changes.changed
    assert [(f.field, f.before, f.after) for f in change.fields] == [("title", "Child A", "Child A, revised")]
    assert change.point_themes == ((POINT_A, ["neglect"], ["voice-of-the-child"]),)
    assert not changes.going_public() and not changes.leaving_public()
    assert compare(after, after).empty


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["changes", "--help"])
    assert "Example" in result.output and "--since" in result.output


def test_actions_with_the_same_text_are_compared_in_order(kb):
    actions = [{"action": "Guidance was updated.", "status": "done"}, {"action": "Guidance was updated.", "status": "planned"}]
    kb.write("exampleshire-2019-child-a", actions=actions)
    before = load_catalogue(kb.root)
    assert compare(before, load_catalogue(kb.root)).empty
    kb.write("exampleshire-2019-child-a", actions=[actions[0], actions[1] | {"status": "done"}])
    (change,) = compare(before, load_catalogue(kb.root)).changed
    assert [(f.field, f.before, f.after) for f in change.fields] == [('status of action "Guidance was updated."', "planned", "done")]
