"""The personal-data corpus: every form in must_flag.txt is caught, nothing in must_not_flag.txt is.

Both files are run through `personal_data.find`, and through `lscb-kb validate` with the
text in the body and in a front-matter field of a review (and a theme's title and
synonyms), so a field that skips the check fails here. Add the next missed form or the
next false alarm to the text files; no code change is needed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from lscb_kb import personal_data
from lscb_kb.catalogue import allowed_contact_details

CORPUS = Path(__file__).parent / "adversarial" / "personal_data"


def _must_flag() -> list[tuple[str, str]]:
    """(kind, text) for every case line, the kind from the last comment line naming one."""
    cases, kind = [], None
    for line in (CORPUS / "must_flag.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            word = line[1:].strip()
            kind = word if word in personal_data.KINDS else kind
        elif line.strip():
            cases.append((kind, line))
    return cases


def _must_not_flag() -> tuple[list[str], list[str]]:
    """(allowed contact details, text lines)."""
    allowed, lines = [], []
    for line in (CORPUS / "must_not_flag.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# allowed:"):
            allowed.append(line.split(":", 1)[1].strip())
        elif line.strip() and not line.startswith("#"):
            lines.append(line)
    return allowed, lines


FLAG = _must_flag()
ALLOWED, ORDINARY = _must_not_flag()
FIELDS = ("title", "summary", "board", "area", "learning", "actions", "source.publisher", "source.title", "source.licence")


def test_the_corpus_is_big_enough():
    assert len(FLAG) >= 44 and len(ORDINARY) >= 40
    assert {kind for kind, _ in FLAG} == set(personal_data.KINDS)


@pytest.mark.parametrize("kind, text", FLAG, ids=[text for _, text in FLAG])
def test_every_form_is_found(kind, text):
    found = list(personal_data.find(text))
    assert [f.kind for f in found][:1] == [kind], found
    assert found[0].text in text


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_review_text_is_not_flagged(text):
    assert list(personal_data.find(text, ALLOWED)) == []


@pytest.mark.parametrize("kind, text", FLAG, ids=[text for _, text in FLAG])
def test_every_form_is_found_deep_in_a_long_body_among_look_alikes(kind, text):
    """Where a body is long (dates of birth are looked for around the words that start them, codes
    around digits), after many words that start nothing: pre-birth, born in 2016, case 1402, L1."""
    noise = "A pre-birth assessment for babies born in 2016 (case 1402, L1) was started. " * 40
    found = list(personal_data.find(f"{noise}{text} {noise}"))
    assert [f.kind for f in found] == [kind], found


def _with_field(field: str, text: str, ident: str) -> dict:
    if field == "area":
        return {"area": ["Exampleshire", text]}
    if field == "learning":
        return {"learning": [{"point": f"Practitioners should act. {text}", "themes": ["neglect"]}]}
    if field == "actions":
        return {"actions": [{"action": text, "status": "done"}]}
    if field.startswith("source."):
        source = {"publisher": "Example Partnership", "title": "Example review report"}
        source[field.split(".")[1]] = text
        return {"source": source}
    return {field: text}


def _problems(kb) -> dict[str, list[dict]]:
    result = kb.run("validate", "--format", "json")
    found: dict[str, list[dict]] = {}
    for problem in json.loads(result.output)["problems"]:
        found.setdefault(problem["path"], []).append(problem)
    return found


def test_the_validator_flags_every_form_in_the_body_and_in_every_field(kb):
    expected = {}
    for number, (_, text) in enumerate(FLAG):
        body_id, field_id = f"test-2020-body-{number}", f"test-2020-field-{number}"
        kb.write(body_id, body=f"## Overview\n\nWhat happened.\n{text}\n\n## Findings\n\nx\n")
        field = FIELDS[number % len(FIELDS)]
        kb.write(field_id, **_with_field(field, text, field_id))
        expected[f"reviews/{body_id}.md"] = ("body", text)
        expected[f"reviews/{field_id}.md"] = (field, text)
    for number, (_, text) in enumerate(FLAG[:12]):
        key = "title" if number % 2 else "synonyms"
        meta = {"id": f"theme-{number}", "title": text if key == "title" else "A theme", "synonyms": ["other words", text] if key == "synonyms" else []}
        kb.root.joinpath("themes", f"theme-{number}.md").write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nA definition.\n", encoding="utf-8"
        )
        expected[f"themes/theme-{number}.md"] = (key, text)

    found = _problems(kb)
    for path, (field, text) in expected.items():
        rules = [p for p in found.get(path, []) if p["rule"] == "personal-data"]
        assert rules, (path, field, text, found.get(path))
        lines = kb.root.joinpath(path).read_text(encoding="utf-8").splitlines()
        flagged = lines[rules[0]["line"] - 1]
        if field == "body":
            assert flagged == text
        else:
            assert field.split(".")[-1] in flagged or flagged.lstrip().startswith("-"), (path, flagged)
        assert all(p["rule"] == "personal-data" for p in found[path] if p["severity"] == "error"), found[path]


def test_the_validator_passes_ordinary_text_in_the_body_and_in_every_field(kb):
    (kb.root / "lscb-kb.yml").write_text(yaml.safe_dump({"allowed_contact_details": ALLOWED}))
    for number, text in enumerate(ORDINARY):
        kb.write(f"test-2020-body-{number}", body=f"## Overview\n\nWhat happened.\n{text}\n\n## Findings\n\nx\n")
        field = FIELDS[number % len(FIELDS)]
        kb.write(f"test-2020-field-{number}", **_with_field(field, text, str(number)))
    found = _problems(kb)
    assert not [p for problems in found.values() for p in problems if p["severity"] == "error"], found


@pytest.mark.parametrize(
    "board, ident, shown",
    [
        ("Call 07700 900123", None, "07700 900123"),
        ("Exampleshire Partnership", "exampleshire-2024-0151-496-0123", "0151-496-0123"),
        ("Exampleshire Partnership", "exampleshire-2024-l3-8qa", "l3-8qa"),
    ],
)
def test_new_refuses_personal_data_in_its_answers_and_its_id(kb, board, ident, shown):
    args = ["new", "--type", "scr", "--title", "Child B", "--board", board, "--published", "2024-03", "--theme", "neglect"]
    result = kb.run(*args, *(["--id", ident] if ident else []))
    assert result.exit_code == 2, result.output
    assert "nothing was written" in result.output and "personal-data" in result.output and shown in result.output
    assert "'id'" in result.output
    assert list((kb.root / "reviews").iterdir()) == []


def test_no_shipped_page_has_personal_data():
    allowed, problems = allowed_contact_details(REPO)
    assert problems == []
    checked = 0
    for folder in ("reviews", "themes", "content"):
        for path in sorted((REPO / folder).rglob("*.md")):
            findings = list(personal_data.find(path.read_text(encoding="utf-8"), allowed))
            assert findings == [], (path.relative_to(REPO), findings)
            checked += 1
    assert checked > 50


def test_thousands_of_findings_are_listed_up_to_a_limit_then_counted(kb):
    from lscb_kb.validate import MAX_FINDINGS

    kb.write(body="## Overview\n\n" + "Call 07700 900123 or born on 3 March 2015.\n" * 20_000 + "\n## Findings\n\nx\n")
    kb.write("test-2020-field", learning=[{"point": "Ring 07700 900123. " * 2_000}])
    found = [p for p in json.loads(kb.run("validate", "--format", "json").output)["problems"] if p["rule"] == "personal-data"]
    body = [p for p in found if p["path"] == "reviews/test-2020-example.md"]
    assert len(body) == MAX_FINDINGS + 1 and "39,950 more" in body[-1]["message"]
    assert body[-1]["line"] == body[-2]["line"] + 1  # where the first unlisted one is
    field = [p for p in found if p["path"] == "reviews/test-2020-field.md"]
    assert len(field) == MAX_FINDINGS + 1 and "1,950 more" in field[-1]["message"] and "'learning.0.point'" in field[-1]["message"]


@pytest.mark.parametrize(
    "fields",
    [
        {"reference": "LSCR 1402, mum on 07700 900123"},
        {"author": "J Smith (jsmith at example dot org)"},
        {"links": [{"kind": "full-report", "url": "https://example.org/r.pdf", "title": "Ring 0151 496 0123"}]},
        {"source": {"publisher": "Example", "title": "Report", "url": "https://example.org/?tel=07700900123"}},
    ],
)
def test_every_front_matter_value_is_checked_whatever_its_field(kb, fields):
    kb.write(**fields)
    found = json.loads(kb.run("validate", "--format", "json").output)["problems"]
    assert any(p["rule"] == "personal-data" for p in found), found
