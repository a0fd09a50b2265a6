"""Every mistake a board member could make is reported with the file, the right line, a rule id and a fix.

Each case starts from a valid entry and breaks one thing the way people do
when they edit by hand or in the code host's web editor.
"""

from __future__ import annotations

import re

import pytest

# A valid entry; the comments give each line's number, which the cases below rely on.
BASE = """\
---
id: x
title: Example review
type: scr
status: published
published: 2020-05
board: Example Safeguarding Children Partnership
area: [Exampleshire]
themes: [neglect, voice-of-the-child]
summary: A short summary of an example review.
learning:
  - point: Practitioners should see the child alone.
    themes: [voice-of-the-child]
actions:
  - action: Guidance was updated.
    status: done
source:
  publisher: Example Partnership
  title: Example review report
---

## Overview

What happened.

## Findings

What was found.
"""
assert BASE.splitlines()[8] == "themes: [neglect, voice-of-the-child]" and BASE.splitlines()[23] == "What happened."


def broken(old: str, new: str, *, count: int = 1) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, count)


# name -> (file text or bytes, line, rule, words of the fix the message must give)
CASES = {
    "typo in a key": (broken("summary:", "sumary:"), 10, "unknown-key", "Did you mean 'summary'?"),
    "misspelt theme": (broken("[neglect,", "[profesional-curiosity,"), 9, "unknown-theme", "Did you mean 'professional-curiosity'?"),
    "theme by one of its names": (
        broken("[neglect,", "[lived experience,"),
        9,
        "unknown-theme",
        "Did you mean 'voice-of-the-child'",
    ),
    "theme of a learning point misspelt": (
        broken("    themes: [voice-of-the-child]", "    themes: [voice-of-child]"),
        13,
        "unknown-theme",
        "Did you mean 'voice-of-the-child'?",
    ),
    "type written out": (broken("type: scr", "type: serious case review"), 4, "unknown-type", "Did you mean 'scr'"),
    "type misspelt": (broken("type: scr", "type: lcpsr"), 4, "unknown-type", "Did you mean 'lcspr'?"),
    "themes as text, not a list": (broken("themes: [neglect, voice-of-the-child]", "themes: neglect"), 9, "wrong-type", "themes: [neglect]"),
    "date written the British way": (broken("published: 2020-05", "published: 05/2020"), 6, "invalid-date", "YYYY, YYYY-MM or YYYY-MM-DD"),
    "date in words": (broken("published: 2020-05", "published: July 2016"), 6, "invalid-date", "e.g. 2016-07"),
    "month 13": (broken("published: 2020-05", "published: 2020-13"), 6, "invalid-date", "check the month and day"),
    "date in the future": (broken("published: 2020-05", "published: 2999"), 6, "future-date", "Use the date the review was published"),
    "required field missing": (broken("board: Example Safeguarding Children Partnership\n", ""), 2, "missing-field", "Add"),
    "tab indentation": (broken("  publisher:", "\tpublisher:"), 18, "yaml-syntax", "tab"),
    "unquoted colon": (broken("title: Example review", "title: Child A: the review"), 3, "yaml-syntax", "in quotes"),
    "text starting with a special character": (broken("title: Example review", "title: @Child A"), 3, "yaml-syntax", "in quotes"),
    "quote never closed": (broken("title: Example review", 'title: "Child A'), 3, "yaml-syntax", "closing quote"),
    "key indented too far": (broken("  title: Example review report", "   title: Example review report"), 19, "yaml-syntax", "indentation"),
    "yes as a title": (broken("title: Example review", "title: yes"), 3, "wrong-type", 'title: "yes"'),
    "number as a title": (broken("title: Example review", "title: 2016"), 3, "wrong-type", 'title: "2016"'),
    "duplicate key": (broken("type: scr", "type: scr\ntype: sar"), 5, "duplicate-key", "keep one"),
    "empty learning": (
        broken("learning:\n  - point: Practitioners should see the child alone.\n    themes: [voice-of-the-child]", "learning: []"),
        11,
        "empty-value",
        "Add at least one '- point: ...'",
    ),
    "learning points without 'point:'": (
        broken("  - point: Practitioners should see the child alone.\n    themes: [voice-of-the-child]", "  - Practitioners should see the child alone."),
        12,
        "wrong-type",
        "'- point: ...'",
    ),
    "empty summary": (broken("summary: A short summary of an example review.", "summary:"), 10, "empty-value", "Write the text after the colon"),
    "summary too long": (broken("A short summary of an example review.", "word " * 130), 10, "summary-too-long", "600 or fewer"),
    "unknown status": (broken("status: published", "status: live"), 5, "unknown-status", "published"),
    "unknown action status": (broken("    status: done", "    status: complete"), 16, "unknown-action-status", "Use one of"),
    "unknown age band": (broken("area: [Exampleshire]", "area: [Exampleshire]\nages: [baby]"), 9, "unknown-age-band", "an age band. Use one of"),
    "source as text": (
        broken("source:\n  publisher: Example Partnership\n  title: Example review report", "source: Example review report"),
        17,
        "wrong-type",
        "'publisher:' and 'title:'",
    ),
    "link that is not a web address": (
        broken("  title: Example review report", "  title: Example review report\n  url: ftp://example.org/report.pdf"),
        20,
        "invalid-url",
        "https://",
    ),
    "HTML in the body": (broken("What happened.", "What <b>happened</b>."), 24, "raw-html", "Write it in Markdown"),
    "HTML comment in the body": (broken("What happened.", "<!-- note for the board -->"), 24, "raw-html", "Write it in Markdown"),
    "HTML in the summary": (broken("A short summary", "A <i>short</i> summary"), 10, "raw-html", "Write it in Markdown"),
    "javascript: link": (broken("What was found.", "See [the report](javascript:alert(1))."), 28, "unsafe-link", "https://"),
    "script in the title hidden by escaped backticks": (
        broken("title: Example review", "title: '\\`</title><script>alert(1)</script>\\`'"),
        3,
        "raw-html",
        "in 'title' is not allowed",
    ),
    "script in the title inside a code span": (
        broken("title: Example review", "title: '`</title><script>alert(1)</script>`'"),
        3,
        "raw-html",
        "Write plain text",
    ),
    "HTML in the board": (broken("board: Example", "board: <b>Example</b>"), 7, "raw-html", "in 'board' is not allowed"),
    "HTML in an area": (broken("area: [Exampleshire]", "area: ['<i>Exampleshire</i>']"), 8, "raw-html", "in 'area.0'"),
    "HTML in a learning point": (broken("the child alone.", "the child <u>alone</u>."), 12, "raw-html", "learning.0.point"),
    "HTML in an action": (broken("Guidance was updated.", "Guidance was <img src=x onerror=alert(1)>."), 15, "raw-html", "actions.0.action"),
    "HTML in the source's title": (broken("title: Example review report", "title: Example <svg onload=alert(1)>"), 19, "raw-html", "source.title"),
    "HTML in the source's publisher": (broken("publisher: Example Partnership", "publisher: '<a>Example</a>'"), 18, "raw-html", "source.publisher"),
    "attribute list taking the theme's id": (broken("What happened.", "What happened.\n{: #__config }"), 25, "unsafe-attribute", "Remove the '{...}'"),
    "attribute list with an event": (broken("## Findings", "## Findings {: onclick=alert(1) }"), 26, "unsafe-attribute", "sets onclick"),
    "attribute list in the summary": (broken("example review.", "example review. {#__drawer}"), 10, "unsafe-attribute", "sets #__drawer"),
    "image from another website": (broken("What was found.", "![chart](https://elsewhere.example/t.png)"), 28, "outside-image", "relative path"),
    "image from another website, protocol-relative": (broken("What was found.", "![chart](//elsewhere.example/t.png)"), 28, "outside-image", "another website"),
    "image by reference from another website": (
        broken("What was found.", "![chart][c]\n\n[c]: https://elsewhere.example/t.png"),
        28,
        "outside-image",
        "relative path",
    ),
    "phone number in the body": (broken("What happened.", "Call the family on 0151 233 3800."), 24, "personal-data", "remove it"),
    "e-mail address in a learning point": (
        broken("the child alone.", "the child alone (ask jo.bloggs@example.org)."),
        12,
        "personal-data",
        "remove it",
    ),
    "BOM before the front matter": (b"\xef\xbb\xbf" + broken("[neglect,", "[neglekt,").encode(), 9, "unknown-theme", "Did you mean 'neglect'?"),
    "Windows line endings": (broken("[neglect,", "[neglekt,").replace("\n", "\r\n").encode(), 9, "unknown-theme", "Did you mean 'neglect'?"),
    "not UTF-8": (broken("title: Example review", "title: Café review").encode("latin-1"), 3, "not-utf8", "Save it with UTF-8 encoding"),
    "empty file": ("", 1, "empty-file", "starts with a '---' line"),
    "no front matter": ("# Child A\n\nWhat happened.\n", 1, "no-front-matter", "The first line must be '---'"),
    "front matter never closed": (BASE.replace("---\n\n## Overview", "\n## Overview"), 1, "unclosed-front-matter", "Add a line with just '---'"),
    "front matter written as a list": ("---\n- id: x\n- title: Child A\n---\n\nText.\n", 2, "front-matter-not-mapping", "no '-' in front of the keys"),
    "python tag": (broken("id: x", "id: !!python/object/apply:os.system ['echo hi']"), 2, "unsafe-yaml-tag", "!!python/object/apply:os.system"),
    "YAML anchor and alias": (broken("title: Example review", "title: &a Example review\nboard: *a"), 3, "unsafe-yaml-alias", "Remove '&a'"),
    "YAML alias": (broken("area: [Exampleshire]", "area: *places"), 8, "unsafe-yaml-alias", "Write the value out in full"),
    "tag on a key": (broken("title: Example review", "!!str title: Example review"), 3, "unsafe-yaml-tag", "Remove the tag"),
    "nested too deep": (broken("area: [Exampleshire]", "area: " + "[" * 11 + "]" * 11), 8, "yaml-too-deep", "check the brackets"),
    "file too large": (broken("What happened.", "What happened. " * 70_000), 1, "file-too-large", "link to the full report"),
    "phone number in the board": (broken("board: Example", "board: Call 07700 900123, Example"), 7, "personal-data", "remove it"),
    "id with spaces": (broken("id: x", "id: Child A review"), 2, "invalid-id", "e.g. 'child-a-review'"),
    "id different from the file name": (broken("id: x", "id: child-a"), 2, "id-filename-mismatch", "rename the file to 'child-a.md'"),
    # Format 2: the mistakes real board staff made, each named on its own line
    "status missing": (broken("status: published\n", ""), 2, "missing-field", "status is required: draft, published, archived or embargoed"),
    "# in an unquoted title": (broken("title: Example review", "title: Child Q #2 review"), 3, "hidden-comment", 'title: "Child Q #2 review"'),
    "# in an unquoted learning point": (
        broken("the child alone.", "the child alone #1 priority."),
        12,
        "hidden-comment",
        "YAML reads '#1 priority.' as a comment",
    ),
    "curly quotes around a title": (broken("title: Example review", "title: \u201cExample review\u201d"), 3, "curly-quotes", "straight quotes"),
    "curly quotes around a title with a colon": (
        broken("title: Example review", "title: \u201cChild A: the review\u201d"),
        3,
        "curly-quotes",
        "\u201c (curly opening double quote)",
    ),
    "non-breaking space in the indentation": (broken("  publisher:", "\u00a0\u00a0publisher:"), 18, "non-breaking-space", "non-breaking space"),
    "non-breaking space where YAML reads on": (broken("  title: Example review report", "\u00a0 title: Example review report"), 19, "non-breaking-space", "type them again"),
    "'- >' without 'point:'": (
        broken("  - point: Practitioners should see the child alone.\n", "  - >\n      Practitioners should see the child alone.\n"),
        12,
        "missing-point-key",
        "Write '- point: >'",
    ),
    "learning point indented by four spaces": (
        broken("  - point: Practitioners should see the child alone.\n", "  - point: >\n    Practitioners should see the child alone.\n"),
        13,
        "point-indentation",
        "Indent it by 6 spaces",
    ),
    "template text in a published entry": (broken("A short summary", "TODO - one to three plain sentences. A short summary"), 10, "template-placeholder", "must not show template text"),
    "dates out of order": (
        broken("area: [Exampleshire]", "area: [Exampleshire]\ndates:\n  commissioned: 2019-06\n  completed: 2019-01"),
        11,
        "dates-order",
        "correct the one that is out of place",
    ),
    "completed after published": (broken("area: [Exampleshire]", "area: [Exampleshire]\ndates:\n  completed: 2021"), 10, "dates-order", "'dates.completed' (2021) is after 'published' (2020-05)"),
    "unknown link kind": (
        broken("area: [Exampleshire]", "area: [Exampleshire]\nlinks:\n  - kind: report\n    url: https://example.org/r.pdf"),
        10,
        "unknown-link-kind",
        "full-report",
    ),
    "link that is not http(s)": (
        broken("area: [Exampleshire]", "area: [Exampleshire]\nlinks:\n  - kind: full-report\n    url: file:///c/report.pdf"),
        11,
        "invalid-url",
        "https://",
    ),
    "unknown scope": (broken("area: [Exampleshire]", "area: [Exampleshire]\nscope: county"), 9, "unknown-scope", "Use one of: local, regional, national"),
    "source expired but still published": (
        broken("  title: Example review report", "  title: Example review report\n  expires: 2019"),
        20,
        "source-expired",
        "status: archived",
    ),
    "named_with_consent as text": (broken("area: [Exampleshire]", "area: [Exampleshire]\nnamed_with_consent: yes please"), 9, "wrong-type", "true or false"),
    "action updated in the future": (broken("    status: done", "    status: done\n    updated: 2999-01"), 17, "future-date", "cannot be in the future"),
    "personal data in the reference": (broken("area: [Exampleshire]", "area: [Exampleshire]\nreference: call 07700 900123"), 9, "personal-data", "remove it"),
    "HTML in the author": (broken("area: [Exampleshire]", "area: [Exampleshire]\nauthor: <b>Jo</b>"), 9, "raw-html", "in 'author' is not allowed"),
    "unknown related entry": (broken("area: [Exampleshire]", "area: [Exampleshire]\nrelated: [no-such-entry]"), 9, "unknown-related", "Check the id"),
}

def _problems(kb, text):
    kb.write("x", text=text)
    result = kb.run("validate")
    assert result.exit_code == 1, result.output
    return [line for line in result.output.splitlines() if re.match(r"\S+:\d+: (error|warning): ", line)]


@pytest.mark.parametrize("name", list(CASES))
def test_message_names_the_file_the_line_and_the_rule(kb, name):
    text, line, rule, _fix = CASES[name]
    problems = _problems(kb, text)
    located = [p for p in problems if p.startswith(f"reviews/x.md:{line}: error: ") and p.endswith(f" [{rule}]")]
    assert located, f"expected reviews/x.md:{line}: error: ... [{rule}], got:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", list(CASES))
def test_message_says_how_to_fix_it(kb, name):
    text, _line, rule, fix = CASES[name]
    messages = [p for p in _problems(kb, text) if p.endswith(f" [{rule}]")]
    assert any(fix in m for m in messages), f"no message for [{rule}] says {fix!r}:\n" + "\n".join(messages)


def test_the_example_of_the_issue_is_reported_word_for_word(kb):
    problems = _problems(kb, CASES["misspelt theme"][0])
    assert problems == [
        "reviews/x.md:9: error: 'profesional-curiosity' is not a theme. Did you mean 'professional-curiosity'?"
        " See themes/ for the list. [unknown-theme]"
    ]


def test_duplicate_id_names_the_second_file_and_the_first(kb):
    kb.write("x", text=BASE)
    kb.write("y", text=BASE)
    result = kb.run("validate")
    assert result.exit_code == 1
    assert "reviews/y.md:2: error: the id 'x' is already used by reviews/x.md. Each entry needs its own id. [duplicate-id]" in result.output
    assert "reviews/y.md:2: error: the id 'x' must equal the file name: rename the file to 'x.md' or change the id to 'y'." in result.output


def test_misspelt_section_heading_is_a_warning_on_its_line(kb):
    kb.write("x", text=broken("## Findings", "## Findngs"))
    result = kb.run("validate")
    assert result.exit_code == 0
    assert "reviews/x.md:26: warning: section '## Findngs': did you mean '## Findings'? [section-name]" in result.output


def test_theme_file_problems_name_the_theme_file(kb):
    kb.write("x", text=BASE)
    (kb.root / "themes" / "new-theme.md").write_text(
        "---\nid: new-theme\ntitle: New theme\nrelated: [neglekt]\n---\nA short definition.\n", encoding="utf-8"
    )
    result = kb.run("validate")
    assert "themes/new-theme.md:4: error: 'neglekt' is not a theme. Did you mean 'neglect'? See themes/ for the list. [unknown-theme]" in result.output


def test_github_format_puts_each_problem_on_its_line(kb):
    kb.write("x", text=CASES["misspelt theme"][0])
    result = kb.run("validate", "--format", "github")
    assert "::error file=reviews/x.md,line=9,title=unknown-theme::'profesional-curiosity' is not a theme." in result.output


@pytest.mark.parametrize("name", CASES)
def test_no_message_points_outside_the_file(kb, name):
    text = CASES[name][0]
    lines = max(1, (text if isinstance(text, str) else text.decode("utf-8", "replace")).count("\n") + 1)
    for problem in _problems(kb, text):
        number = int(problem.split(":")[1])
        assert 1 <= number <= lines, problem


def test_messages_quoted_on_the_contribute_page_are_real(kb, repo_root):
    """The Contribute page's table of messages quotes what the validator really says."""
    page = (repo_root / "content" / "contribute.md").read_text(encoding="utf-8")
    table = page[page.index("| the message says | what to do |") :].split("\n\n", 1)[0]
    quoted = re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)
    assert len(quoted) >= 6
    said = "\n".join(line for name, (text, *_rest) in CASES.items() for line in _problems(kb, text))
    assert [q for q in quoted if q not in said] == []
