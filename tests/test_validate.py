"""`lscb-kb validate`: every rule of the file format, and bad input that must never crash."""

from __future__ import annotations

import json

import pytest

from conftest import review_text

GOOD_BODY = "## Overview\n\nWhat happened.\n\n## Findings\n\nWhat was found.\n"


def problems(result) -> list[dict]:
    return json.loads(result.output)["problems"]


def only_rules(result) -> set[str]:
    return {p["rule"] for p in problems(result)}


def test_valid_entry_passes(kb):
    kb.write()
    result = kb.run("validate", "--format", "json")
    assert result.exit_code == 0, result.output
    assert problems(result) == []


@pytest.mark.parametrize(
    "fields, rule, needle",
    [
        ({"theme": ["neglect"]}, "unknown-key", "theme:"),
        ({"title": None}, "missing-field", "id:"),
        ({"title": 1402}, "wrong-type", "title:"),
        ({"board": True}, "wrong-type", "board:"),
        ({"type": "serious-case-review"}, "unknown-type", "type:"),
        ({"status": "hidden"}, "unknown-status", "status:"),
        ({"published": "July 2016"}, "invalid-date", "published:"),
        ({"published": "2016-13"}, "invalid-date", "published:"),
        ({"published": "2016-02-30"}, "invalid-date", "published:"),
        ({"published": "2999-01"}, "future-date", "published:"),
        ({"themes": ["profesional-curiosity"]}, "unknown-theme", "- profesional-curiosity"),
        ({"themes": []}, "empty-value", "themes:"),
        ({"themes": "neglect"}, "wrong-type", "themes:"),
        ({"ages": ["teenager"]}, "unknown-age-band", "- teenager"),
        ({"summary": "x" * 601}, "summary-too-long", "summary:"),
        ({"learning": []}, "empty-value", "learning:"),
        ({"learning": [{"point": "See the child.", "themes": ["neglected"]}]}, "unknown-theme", "- neglected"),
        ({"learning": [{"piont": "See the child."}]}, "unknown-key", "piont:"),
        ({"actions": [{"action": "Do it.", "status": "finished"}]}, "unknown-action-status", "status: finished"),
        ({"source": {"publisher": "P", "title": "T", "url": "javascript:alert(1)"}}, "invalid-url", "url:"),
        ({"source": {"publisher": "P", "title": "T", "url": "ftp://example.org/x"}}, "invalid-url", "url:"),
        ({"source": {"publisher": "P"}}, "missing-field", "source:"),
        ({"id": "Test 2020 Example"}, "invalid-id", "id:"),
        ({"id": "another-id"}, "id-filename-mismatch", "id:"),
    ],
)
def test_field_rules(kb, fields, rule, needle):
    path = kb.write(**fields)
    result = kb.run("validate", "--format", "json")
    assert result.exit_code == 1, result.output
    found = [p for p in problems(result) if p["rule"] == rule]
    assert found, problems(result)
    assert found[0]["path"] == "reviews/test-2020-example.md"
    lines = path.read_text().splitlines()
    expected = next(i for i, text in enumerate(lines, 1) if text.strip().lstrip("- ").startswith(needle.lstrip("- ")))
    assert found[0]["line"] == expected, (found[0], lines[found[0]["line"] - 1])


def test_text_output_names_file_line_and_fix(kb):
    kb.write(themes=["profesional-curiosity"])
    result = kb.run("validate")
    assert result.exit_code == 1
    assert (
        "reviews/test-2020-example.md:11: error: 'profesional-curiosity' is not a theme."
        " Did you mean 'professional-curiosity'? See themes/ for the list. [unknown-theme]"
    ) in result.output


def test_suggestions_for_types_keys_and_synonyms(kb):
    kb.write(type="Serious Case Review", themes=["CSE"], summry="typo", status="publised")
    messages = " ".join(p["message"] for p in problems(kb.run("validate", "--format", "json")))
    assert "Did you mean 'scr'" in messages
    assert "Did you mean 'child-sexual-exploitation'" in messages
    assert "Did you mean 'summary'" in messages
    assert "Did you mean 'published'" in messages


def test_missing_sections_are_warnings_not_errors(kb):
    kb.write(body="Just a paragraph.\n")
    result = kb.run("validate", "--format", "json")
    assert result.exit_code == 0
    assert {p["rule"] for p in problems(result)} == {"missing-section"}
    assert {p["severity"] for p in problems(result)} == {"warning"}


@pytest.mark.parametrize(
    "body, rule",
    [
        ("## Overview\n\nText <br> more.\n\n## Findings\n\nx\n", "raw-html"),
        ("## Overview\n\n<script>alert(1)</script>\n\n## Findings\n\nx\n", "raw-html"),
        ("## Overview\n\n[click](javascript:alert(1))\n\n## Findings\n\nx\n", "unsafe-link"),
        ("## Overview\n\n[click]( JaVa\tScript:alert(1))\n\n## Findings\n\nx\n", "unsafe-link"),
        ("## Overview\n\n[ref]\n\n[ref]: data:text/html;base64,xx\n\n## Findings\n\nx\n", "unsafe-link"),
        ("## Overview\n\nCall 0151 496 0123 today.\n\n## Findings\n\nx\n", "personal-data"),
        ("## Overview\n\nNHS number 943 476 5919.\n\n## Findings\n\nx\n", "personal-data"),
        ("## Overview\n\nNI number AB 12 34 56 C.\n\n## Findings\n\nx\n", "personal-data"),
        ("## Overview\n\nE-mail mum@example.org.\n\n## Findings\n\nx\n", "personal-data"),
        ("## Overview\n\nThey lived at L3 8QA.\n\n## Findings\n\nx\n", "personal-data"),
        ("## Overview\n\nShe was born on 3 May 2010.\n\n## Findings\n\nx\n", "personal-data"),
        ("## Overview\n\nDOB: 03/05/2010.\n\n## Findings\n\nx\n", "personal-data"),
    ],
)
def test_body_rules_report_the_body_line(kb, body, rule):
    kb.write(body=body)
    result = kb.run("validate", "--format", "json")
    assert result.exit_code == 1
    found = [p for p in problems(result) if p["rule"] == rule]
    assert found, problems(result)
    lines = kb.root.joinpath("reviews/test-2020-example.md").read_text().splitlines()
    flagged = lines[found[0]["line"] - 1]
    assert flagged.strip() and flagged in body.splitlines() + [l for l in body.splitlines()], flagged


@pytest.mark.parametrize(
    "text",
    [
        "## Overview\n\nAn invalid NHS-like number 943 476 5918 and 1042 responses in 2016-17.\n\n## Findings\n\nx\n",
        "## Overview\n\nBorn in 2014; 30/37 returned (81%); LTR 1402 M; see <https://example.org>.\n\n## Findings\n\nx\n",
        "## Overview\n\nCode: `<br>` and\n\n```\n<div>shown as code</div>\n```\n\n## Findings\n\n[relative](../themes/neglect.md)\n",
    ],
)
def test_ordinary_text_is_not_flagged(kb, text):
    kb.write(body=text)
    result = kb.run("validate", "--format", "json")
    assert result.exit_code == 0, result.output


def test_personal_data_in_front_matter_is_caught(kb):
    path = kb.write(learning=[{"point": "Ring the mother on 07700 900123."}])
    found = [p for p in problems(kb.run("validate", "--format", "json")) if p["rule"] == "personal-data"]
    assert found and "07700 900123" in path.read_text().splitlines()[found[0]["line"] - 1]


def test_allow_listed_public_contact_detail_passes(kb):
    kb.write(body="## Overview\n\nThe MASH line is 0151 496 0123.\n\n## Findings\n\nx\n")
    assert kb.run("validate").exit_code == 1
    (kb.root / "lscb-kb.yml").write_text('allowed_contact_details:\n  - "0151 496 0123"\n')
    assert kb.run("validate").exit_code == 0


@pytest.mark.parametrize(
    "content, rule, line",
    [
        (b"", "empty-file", 1),
        (b"   \n\n", "empty-file", 1),
        (b"# Just a heading\n\nNo front matter.\n", "no-front-matter", 1),
        (b"---\nid: test-2020-example\ntitle: x\n", "unclosed-front-matter", 1),
        (b"---\nid: test-2020-example\ntitle: [unclosed\n---\nbody\n", "yaml-syntax", 4),
        (b"---\nid: test-2020-example\ntitle: a: b\n---\n", "yaml-syntax", 3),
        (b"---\nid: test\n\ttitle: tab\n---\n", "yaml-syntax", 3),
        (b"---\n- id\n- title\n---\n", "front-matter-not-mapping", 2),
        (b"---\njust text\n---\n", "front-matter-not-mapping", 2),
        (b"---\n---\nbody\n", "empty-front-matter", 2),
        (b"---\nid: !!python/object/apply:os.system ['echo pwned']\n---\n", "unsafe-yaml-tag", 2),
        (b"---\nid: test-2020-example\ntitle: caf\xe9\n---\n", "not-utf8", 3),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not-text", 1),
        (b"---\nid: test-2020-example\nid: again\n---\n", "duplicate-key", 3),
    ],
)
def test_bad_input_gives_a_clear_error_not_a_traceback(kb, content, rule, line):
    path = kb.write(text=content)
    before = path.read_bytes()
    result = kb.run("validate", "--format", "json")
    assert result.exit_code == 1
    found = [p for p in problems(result) if p["rule"] == rule]
    assert found, problems(result)
    assert (found[0]["path"], found[0]["line"]) == ("reviews/test-2020-example.md", line)
    assert "Traceback" not in result.output
    assert path.read_bytes() == before, "validation must never change a file"


def test_python_tag_is_never_executed(kb, tmp_path):
    marker = tmp_path / "pwned"
    kb.write(text=f"---\nid: !!python/object/apply:os.system ['touch {marker}']\n---\n")
    kb.run("validate")
    assert not marker.exists()


def test_bom_and_windows_line_endings_are_fine(kb):
    text = review_text().replace("\n", "\r\n")
    kb.write(text=b"\xef\xbb\xbf" + text.encode())
    result = kb.run("validate", "--format", "json")
    assert result.exit_code == 0, result.output


def test_windows_line_endings_keep_line_numbers(kb):
    text = review_text(themes=["nope"]).replace("\n", "\r\n")
    kb.write(text=b"\xef\xbb\xbf" + text.encode())
    found = problems(kb.run("validate", "--format", "json"))
    assert found[0]["line"] == 11


def test_duplicate_ids_across_files(kb):
    kb.write("test-2020-example")
    kb.write("test-2020-copy", text=review_text("test-2020-example"))
    rules = only_rules(kb.run("validate", "--format", "json"))
    assert {"duplicate-id", "id-filename-mismatch"} <= rules


def test_theme_rules(kb):
    (kb.root / "themes" / "neglect.md").write_text(
        "---\nid: neglect\ntitle: Neglect\nsynonyms: [x]\nrelated: [voice-of-the-chlid]\ncolour: red\n---\n\n"
    )
    result = kb.run("validate", "--format", "json")
    rules = {(p["path"], p["rule"]) for p in problems(result)}
    assert ("themes/neglect.md", "unknown-theme") in rules
    assert ("themes/neglect.md", "unknown-key") in rules
    assert ("themes/neglect.md", "missing-definition") in rules
    assert result.exit_code == 1


def test_validate_named_files_only(kb):
    good = kb.write("test-2020-good")
    kb.write("test-2020-bad", text=b"not an entry")
    assert kb.run("validate", str(good)).exit_code == 0
    assert kb.run("validate").exit_code == 1


def test_validation_never_writes(kb):
    kb.write()
    kb.write("test-2020-bad", text=b"---\nbroken: [\n---\n")
    snapshot = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in kb.root.rglob("*") if p.is_file()}
    kb.run("validate")
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in kb.root.rglob("*") if p.is_file()}
    assert after == snapshot


def test_github_format_annotates_lines(kb):
    kb.write(themes=["nope"])
    result = kb.run("validate", "--format", "github")
    assert result.exit_code == 1
    assert "::error file=reviews/test-2020-example.md,line=11,title=unknown-theme::'nope' is not a theme." in result.output


def test_usage_errors_exit_2(kb, tmp_path):
    assert kb.run("validate", "--format", "xml").exit_code == 2
    assert kb.run("validate", str(tmp_path / "missing.md")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    from click.testing import CliRunner

    from lscb_kb.cli import cli

    result = CliRunner().invoke(cli, ["--root", str(empty), "validate"])
    assert result.exit_code == 2
    assert "is not a knowledge base" in result.output


@pytest.mark.parametrize("threaded", [False, True], ids=["forked", "alongside-a-thread"])
def test_many_entries_use_worker_processes_and_agree(kb, threaded):
    """Above the parallel threshold the result must be what one process would find, with or
    without other threads running (as under `lscb-kb serve`)."""
    import threading

    from lscb_kb import catalogue

    for number in range(catalogue._PARALLEL_FROM + 5):
        kb.write(f"test-2020-n{number}", themes=["neglect"] if number % 50 else ["nope"])
    stop = threading.Event()
    if threaded:
        threading.Thread(target=stop.wait, daemon=True).start()
    try:
        parallel = catalogue.load_catalogue(kb.root)
    finally:
        stop.set()
    assert len(parallel.reviews) == catalogue._PARALLEL_FROM + 5 - 9
    assert sorted(map(str, parallel.errors)) == sorted(
        f"reviews/test-2020-n{n}.md:11: error: 'nope' is not a theme. See themes/ for the list. [unknown-theme]"
        for n in range(0, catalogue._PARALLEL_FROM + 5, 50)
    )


def test_template_text_left_in_a_published_entry_is_an_error_and_in_a_draft_a_warning(kb):
    """Format 2: a public entry must never show 'TODO' (it was a warning, and the pull-request check stayed green)."""
    path = kb.write(summary="TODO: one to three sentences.", body="## Overview\n\nTODO\n\n## Findings\n\nx\n")
    result = kb.run("validate", "--format", "json")
    found = problems(result)
    assert result.exit_code == 1
    assert {(p["rule"], p["severity"]) for p in found} == {("template-placeholder", "error")}
    lines = path.read_text().splitlines()
    assert sorted(lines[p["line"] - 1].strip() for p in found) == ["TODO", "summary: 'TODO: one to three sentences.'"]
    for status in ("archived", "published"):
        kb.write(status=status, summary="TODO: later.")
        assert kb.run("validate").exit_code == 1
    for status in ("draft", "embargoed"):
        kb.write(status=status, summary="TODO: later.")
        result = kb.run("validate", "--format", "json")
        assert result.exit_code == 0
        assert {(p["rule"], p["severity"]) for p in problems(result)} == {("template-placeholder", "warning")}


@pytest.mark.parametrize(
    "front, line, rule",
    [
        ("title: '</title><script>alert(1)</script>'", 3, "raw-html"),
        ("title: '`<script>alert(1)</script>`'", 3, "raw-html"),
        ("title: 'Neglect {: #__config }'", 3, "unsafe-attribute"),
        ("title: Test\nsynonyms: [GCP, '<img src=x onerror=alert(1)>']", 4, "raw-html"),
        ("title: Test\nsynonyms: ['![x](https://elsewhere.example/t.png)']", 4, "outside-image"),
    ],
)
def test_markup_in_a_themes_title_or_synonyms_is_refused_on_its_line(kb, front, line, rule):
    (kb.root / "themes" / "test-theme.md").write_text(f"---\nid: test-theme\n{front}\n---\nA short definition.\n", encoding="utf-8")
    kb.write()
    result = kb.run("validate", "--format", "json")
    assert result.exit_code == 1
    found = [p for p in problems(result) if p["rule"] == rule and p["path"] == "themes/test-theme.md"]
    assert found and found[0]["line"] == line, problems(result)


def test_comparison_signs_and_braces_in_prose_are_not_markup(kb):
    kb.write(
        title="Children aged <5 and a > b",
        summary="The rate fell from >90% to <50% {in two years}.",
        board="A & B Safeguarding Partnership",
        body="## Overview\n\nChildren aged <5 {see below}.\n\n## Findings\n\n![Timeline](../images/timeline.png) x\n",
    )
    result = kb.run("validate", "--format", "json")
    assert not [p for p in problems(result) if p["severity"] == "error"], problems(result)
