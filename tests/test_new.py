"""`lscb-kb new`: ids, the template, prompts in a terminal, options for scripts, never overwriting."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lscb_kb import load
from lscb_kb.catalogue import load_catalogue
from lscb_kb.cli import cli
from lscb_kb.new import SCHEMA_COMMENT, SECTION_GUIDANCE, Entry, derive_id, render, resolve_themes, slugify, theme_menu
from lscb_kb.vocab import KNOWN_SECTIONS, REVIEW_FIELDS

OPTIONS = [
    "--type", "lcspr",
    "--title", "Child B",
    "--board", "Exampleshire Safeguarding Children Partnership",
    "--published", "2024-03",
    "--area", "Exampleshire",
    "--theme", "neglect",
    "--theme", "lived experience",
]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "board", "published", "areas", "expected"),
    [
        ("Child A (Alex)", "Liverpool Safeguarding Children Board", "2016-07", (), "liverpool-2016-child-a-alex"),
        ("Sonia", "Cambridgeshire and Peterborough Local Safeguarding Children Board", "2018", (), "cambridgeshire-and-peterborough-2018-sonia"),
        ("Katherine", "Safeguarding Adults Board", "2018-03-01", (), "safeguarding-adults-board-2018-katherine"),
        ("Child B", "Any Board", "2024-03", ("Wirral", "Sefton"), "wirral-2024-child-b"),
        ("The child's voice: Café review", "Kent & Medway Safeguarding Partnership", "2021", (), "kent-and-medway-2021-the-childs-voice-cafe-review"),
        ("!!!", "Halton LSCP", "2020", (), "halton-2020-review"),
        # Format 2: the distinctive part of the title is kept, and '&' is 'and'
        ("Local Child Safeguarding Practice Review – Child Q", "City & Hackney Safeguarding Children Partnership", "2022", (), "city-and-hackney-2022-child-q"),
        ("Local Child Safeguarding Practice Review – Child Q", "City and Hackney Safeguarding Children Partnership", "2022", (), "city-and-hackney-2022-child-q"),
        ("Serious Case Review: Child A (Alex)", "Liverpool Safeguarding Children Board", "2016", (), "liverpool-2016-child-a-alex"),
        ("Safeguarding Adults Review into the deaths of Adults G, H and J", "Exampleshire SAB", "2023", (), "exampleshire-2023-the-deaths-of-adults-g-h-and-j"),
        ("Serious Case Review", "Exampleshire LSCB", "2015", (), "exampleshire-2015-serious-case-review"),
    ],
)
def test_derive_id(title, board, published, areas, expected):
    assert derive_id(title, board, published, areas) == expected


def test_long_titles_are_cut_at_a_hyphen():
    ident = derive_id("Lessons learned and findings from the latest local Serious Case Reviews", "Halton LSCP", "2018")
    assert ident == "halton-2018-lessons-learned-and-findings-from-the"
    assert len(ident.split("-2018-")[1]) <= 40


def test_slugify_keeps_only_plain_letters_and_digits():
    assert slugify("  Ärzte, 'Child' & Family—Review 2 ") == "arzte-child-and-family-review-2"


def test_themes_from_numbers_ids_titles_and_synonyms(shipped):
    menu = theme_menu(shipped.themes.values())
    assert [t.title for t in menu] == sorted((t.title for t in menu), key=str.casefold)
    first = menu[0].id
    found, unknown = resolve_themes(["1, neglect", "Lived experience", "DNA,", "neglekt", "99"], menu)
    assert found == [first, "neglect", "voice-of-the-child", "was-not-brought"]
    assert unknown == ["neglekt", "99"]
    assert resolve_themes(["1"], menu, numbers=False) == ([], ["1"])
    assert resolve_themes(["Culture, language and identity", "neglect"], menu) == (["culture-language-and-identity", "neglect"], [])


def _entry(**changes) -> Entry:
    fields = dict(
        id="exampleshire-2024-child-b",
        title="Child B",
        type="lcspr",
        published="2024-03",
        board="Exampleshire Safeguarding Children Partnership",
        themes=("neglect", "voice-of-the-child"),
        areas=("Exampleshire",),
    )
    return Entry(**(fields | changes))


def test_template_has_every_field_with_a_note_and_every_section():
    text = render(_entry())
    lines = text.splitlines()
    assert lines[0] == "---" and lines[1] == SCHEMA_COMMENT
    front, body = text.split("\n---\n", 1)
    for name in REVIEW_FIELDS:
        assert f"\n{name}:" in front or f"\n# {name}:" in front, f"no {name} field"
        assert f"\n# {name}:" in front or f"\n# {name} (" in front, f"no note on {name}"
    headings = [line[3:] for line in body.splitlines() if line.startswith("## ")]
    assert headings == list(KNOWN_SECTIONS)
    assert set(SECTION_GUIDANCE) == set(KNOWN_SECTIONS)
    assert "\nstatus: draft\n" in front
    assert "Nothing is published until a board reviewer sets this to 'published'." in front


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"title": "Child A: the review of 'Alex'"},
        {"title": "yes"},
        {"title": "2016", "published": "2016"},
        {"title": '[Draft] "Baby C" & family #2', "board": "Kent & Medway: Safeguarding"},
        {"published": "2016-07-01", "areas": ()},
        {"status": "embargoed"},
        {"status": "published"},
    ],
    ids=lambda changes: ",".join(changes) or "plain",
)
def test_template_validates_without_problems(kb, changes):
    entry = _entry(**changes)
    kb.write(entry.id, text=render(entry))
    catalogue = load_catalogue(kb.root)
    # Template text is reported (Format 2: an error in a published entry, a warning otherwise); nothing else is.
    assert [p for p in catalogue.problems if p.rule != "template-placeholder"] == []
    assert {p.severity for p in catalogue.problems} == {"error" if entry.status == "published" else "warning"}
    if entry.status == "published":  # never publishable until it is filled in
        assert entry.id not in catalogue.reviews
        return
    review = catalogue.reviews[entry.id]
    assert (review.title, review.board, review.published, review.status) == (entry.title, entry.board, entry.published, entry.status)
    assert review.themes == entry.themes and review.area == entry.areas


def test_new_with_options_writes_a_valid_draft(kb):
    result = kb.run("new", *OPTIONS)
    assert result.exit_code == 0, result.output
    path = kb.root / "reviews" / "exampleshire-2024-child-b.md"
    assert "Wrote reviews/exampleshire-2024-child-b.md" in result.output
    assert "lscb-kb validate reviews/exampleshire-2024-child-b.md" in result.output
    assert "pull request" in result.output
    document = load.read(path, "reviews/exampleshire-2024-child-b.md")
    assert document.meta["themes"] == ["neglect", "voice-of-the-child"]
    assert document.meta["status"] == "draft"
    check = kb.run("validate")
    assert check.exit_code == 0 and "0 errors" in check.output
    assert {line.rsplit(" ", 1)[-1] for line in check.output.splitlines() if ": warning: " in line} == {"[template-placeholder]"}
    catalogue = load_catalogue(kb.root)
    assert "exampleshire-2024-child-b" in catalogue.reviews
    assert catalogue.published().review("exampleshire-2024-child-b") is None
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")], "temporary file left behind"


def test_new_takes_id_and_status(kb):
    result = kb.run("new", *OPTIONS, "--id", "child-b", "--status", "embargoed")
    assert result.exit_code == 0, result.output
    assert load_catalogue(kb.root).reviews["child-b"].status == "embargoed"


def test_new_never_overwrites(kb):
    path = kb.write("exampleshire-2024-child-b")
    before = path.read_bytes()
    result = kb.run("new", *OPTIONS)
    assert result.exit_code == 1
    assert "reviews/exampleshire-2024-child-b.md already exists: nothing was written" in result.output
    assert path.read_bytes() == before


def test_new_without_a_terminal_names_the_missing_options(kb):
    result = kb.run("new", "--title", "Child B", input="")
    assert result.exit_code == 2
    assert "missing --type, --board, --published, --theme" in result.output
    assert not list((kb.root / "reviews").iterdir())


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--theme", "neglekt", "'neglekt' is not a theme. Did you mean 'neglect'?"),
        ("--published", "2999", "'2999' is in the future"),
        ("--published", "2016-02-30", "'2016-02-30' is not a real date"),
        ("--published", "July 2016", "'July 2016' is not a date"),
        ("--id", "../outside", "'../outside' is not a plain id"),
        ("--title", "Child B, call 0151 233 3800", "this looks like a phone number"),
        ("--title", "Child <b>B</b>", "raw HTML"),
    ],
)
def test_new_refuses_answers_that_break_a_rule(kb, option, value, message):
    args = list(OPTIONS)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = kb.run("new", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not list((kb.root / "reviews").iterdir())
    assert not (kb.root.parent / "outside.md").exists()


def test_new_outside_a_knowledge_base_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "new", *OPTIONS])
    assert result.exit_code == 2
    assert "is not a knowledge base" in result.output


def test_theme_ids_complete_in_the_shell(kb):
    env = {"_LSCB_KB_COMPLETE": "bash_complete", "COMP_WORDS": f"lscb-kb --root {kb.root} new --theme ne", "COMP_CWORD": "5"}
    result = CliRunner().invoke(cli, [], env=env, prog_name="lscb-kb")
    assert result.output.split() == ["plain,neglect"]


class Terminal:
    """`lscb-kb new` on a real pseudo-terminal, so that it asks its questions."""

    def __init__(self, root: Path):
        main, child = os.openpty()
        env = {**os.environ, "TERM": "dumb", "COLUMNS": "100"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lscb_kb", "--root", str(root), "new"], stdin=child, stdout=child, stderr=child, env=env
        )
        os.close(child)
        self.fd = main
        self.pending = b""
        self.transcript = ""

    def answer(self, prompt: str, text: str) -> str:
        """Wait for `prompt`, type `text`; return what was shown up to the prompt."""
        deadline = time.monotonic() + 20
        while prompt.encode() not in self.pending:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"no prompt {prompt!r} after:\n{self.pending.decode(errors='replace')}")
            self.pending += os.read(self.fd, 4096)
        end = self.pending.index(prompt.encode()) + len(prompt)
        shown, self.pending = self.pending[:end].decode(), self.pending[end:]
        self.transcript += shown
        os.write(self.fd, text.encode() + b"\n")
        return shown

    def finish(self) -> str:
        self.process.wait(timeout=20)
        while select.select([self.fd], [], [], 0.2)[0]:
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            self.pending += chunk
        os.close(self.fd)
        return self.transcript + self.pending.decode()


def test_new_asks_in_a_terminal_and_asks_again_after_a_mistake(kb):
    terminal = Terminal(kb.root)
    shown = terminal.answer("Type (number or code): ", "99")
    assert " 2. lcspr            Local Child Safeguarding Practice Review" in shown
    assert "'99' is not in the list" in terminal.answer("Type (number or code): ", "2")
    terminal.answer("Title (as the source gives it): ", "Child B: the review")
    terminal.answer("Board or partnership: ", "Exampleshire Safeguarding Children Partnership")
    terminal.answer("(YYYY, YYYY-MM or YYYY-MM-DD): ", "July 2016")
    assert "'July 2016' is not a date" in terminal.answer("(YYYY, YYYY-MM or YYYY-MM-DD): ", "2016-07")
    terminal.answer("press Enter for none): ", "Exampleshire, Sefton")
    (kb.root / "reviews" / "taken.md").write_text("", encoding="utf-8")
    shown = terminal.answer("(press Enter to keep it) [exampleshire-2016-child-b-the-review]: ", "taken")
    assert "reviews/taken.md already exists" in terminal.answer("(press Enter to keep it) [exampleshire-2016-child-b-the-review]: ", "")
    (kb.root / "reviews" / "taken.md").unlink()
    shown = terminal.answer("separated by commas): ", "neglekt")
    assert "19. Neglect (neglect)" in shown and "37. Workforce knowledge, training and policy" in shown
    assert "Did you mean 'neglect'?" in terminal.answer("separated by commas): ", "19, lived experience, neglect")
    terminal.answer("Reference (e.g. LSCR 1402; press Enter for none): ", "LSCR 7")
    terminal.answer("Scope (local, regional, national) [local]: ", "")
    terminal.answer("press Enter when done): ", "report ftp://example.org/r.pdf")
    assert "'report' is not a kind of link" in terminal.answer("press Enter when done): ", "https://example.org/r.pdf")
    terminal.answer("press Enter when done): ", "")
    output = terminal.finish()
    assert terminal.process.returncode == 0, output
    assert "Wrote reviews/exampleshire-2016-child-b-the-review.md" in output
    review = load_catalogue(kb.root).reviews["exampleshire-2016-child-b-the-review"]
    assert (review.title, review.type, review.published, review.status) == ("Child B: the review", "lcspr", "2016-07", "draft")
    assert review.area == ("Exampleshire", "Sefton")
    assert review.themes == ("neglect", "voice-of-the-child")
    assert (review.reference, review.scope, review.links[0].kind, review.links[0].url) == ("LSCR 7", "local", "full-report", "https://example.org/r.pdf")


# The example the Contribute page is written around.
PAGE_EXAMPLE = Entry(
    id="exampleshire-2024-child-b",
    title="Child B",
    type="lcspr",
    published="2024-03",
    board="Exampleshire Safeguarding Children Partnership",
    themes=("neglect", "voice-of-the-child"),
    areas=("Exampleshire",),
)


def _fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)\n```$", text, re.MULTILINE | re.DOTALL)


def test_contribute_page_shows_the_template_that_new_writes(repo_root):
    """Web-editor users copy the template from the page: it must be exactly what `lscb-kb new` writes."""
    page = (repo_root / "content" / "contribute.md").read_text(encoding="utf-8")
    templates = [block for block in _fenced_blocks(page) if block.startswith("---\n" + SCHEMA_COMMENT)]
    assert templates == [render(PAGE_EXAMPLE).rstrip("\n")], "copy the output of new.render(PAGE_EXAMPLE) into content/contribute.md"


def test_contribute_page_example_error_is_what_the_check_says(kb, repo_root):
    page = (repo_root / "content" / "contribute.md").read_text(encoding="utf-8")
    text = render(PAGE_EXAMPLE)
    line = text.splitlines().index("themes: [neglect, voice-of-the-child]") + 1
    kb.write(PAGE_EXAMPLE.id, text=text.replace("\nthemes: [neglect, voice-of-the-child]\n", "\nthemes: [neglect, profesional-curiosity]\n"))
    (message,) = [m for m in kb.run("validate").output.splitlines() if "[unknown-theme]" in m]
    assert message.startswith(f"reviews/{PAGE_EXAMPLE.id}.md:{line}: error:")
    assert f"if line {line} says `themes: [neglect, profesional-curiosity]`" in page
    assert f"```text\n{message}\n```" in page


def test_contribute_page_links_to_its_own_sections_and_pages(repo_root):
    from markdown.extensions.toc import slugify as toc_slug

    page = (repo_root / "content" / "contribute.md").read_text(encoding="utf-8")
    outside_code = re.sub(r"^```.*?^```$", "", page, flags=re.MULTILINE | re.DOTALL)
    anchors = {toc_slug(h, "-") for h in re.findall(r"^#{1,6} (.+)$", outside_code, re.MULTILINE)}
    links = re.findall(r"\]\(([^)\s]+)\)", outside_code)
    assert {link[1:] for link in links if link.startswith("#")} <= anchors
    assert {"themes/index.md", "about.md"} <= set(links)
