"""The built website: nothing unpublished in it, a strict Content-Security-Policy, no third-party requests, atomic builds."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from built_site import DRAFT_CANARY, EMBARGO_CANARY, SITE_URL, build, build_output, built_site, copy_knowledge_base

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def kb_root(tmp_path_factory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def site(kb_root: Path) -> Path:
    return kb_root / "site"


def readable_parts(path: Path) -> list[bytes]:
    """Every text a file holds: as it is, gunzipped (Pagefind's chunks, the sitemap) or unzipped (Word, PowerPoint)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return [gzip.decompress(data)]
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [archive.read(name) for name in archive.namelist()]
    return [data]


def site_texts(site: Path) -> dict[str, bytes]:
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        for i, part in enumerate(readable_parts(path)):
            texts[f"{path.relative_to(site)}#{i}"] = part.lower()
    return texts


def test_embargoed_and_draft_entries_are_nowhere_in_the_site(site: Path):
    texts = site_texts(site)
    assert any(name.startswith("pagefind/fragment/") for name in texts), "the Pagefind chunks were not read"
    # The check can see published words in every kind of file, so it would see a canary too.
    assert any(b"careline" in text for name, text in texts.items() if name.startswith("pagefind/fragment/"))
    assert any(b"careline" in text for name, text in texts.items() if name.startswith("downloads/briefings/"))
    assert b"liverpool-2014-child-mary" in texts["sitemap.xml.gz#0"]
    for canary in (EMBARGO_CANARY, DRAFT_CANARY):
        prefix = canary.lower()[:11]  # survives Pagefind's stemming of indexed words
        leaks = [name for name, text in texts.items() if prefix.encode() in text]
        assert not leaks, f"{canary} leaked into {leaks}"
    assert not list(site.rglob("*canary*"))


def test_every_published_entry_and_theme_has_its_page_and_downloads(kb_root: Path, site: Path, shipped):
    for review in shipped.reviews:
        assert (site / "reviews" / review.id / "index.html").exists()
        assert (site / "downloads" / "briefings" / f"{review.id}.docx").exists()
    for theme_id in shipped.themes:
        assert (site / "themes" / theme_id / "index.html").exists()
        assert (site / "downloads" / "handouts" / f"{theme_id}.docx").exists()
        assert (site / "downloads" / "decks" / f"{theme_id}.pptx").exists()
    for page in ("search", "browse", "learning-index", "actions", "themes", "accessibility", "about"):
        assert (site / page / "index.html").exists(), page
    assert not list(kb_root.glob(".site-*")), "temporary build folders were left behind"


def test_review_pages_link_their_downloads_edit_link_and_notice(site: Path):
    mary = (site / "reviews" / "liverpool-2014-child-mary" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../downloads/briefings/liverpool-2014-child-mary.docx"' in mary
    assert "https://github.com/your-partnership/lscb-kb/edit/main/reviews/liverpool-2014-child-mary.md" in mary
    assert "Historic learning" not in mary
    archived = (site / "reviews" / "cambs-peterborough-2018-katherine-sar" / "index.html").read_text(encoding="utf-8")
    assert "Historic learning" in archived
    theme = (site / "themes" / "neglect" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../downloads/decks/neglect.pptx"' in theme
    assert 'href="../../reviews/liverpool-2014-child-mary/"' in theme


def test_feed_lists_the_newest_entries(site: Path, shipped):
    feed = ElementTree.fromstring((site / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [r.title for r in shipped.reviews[:50]]
    assert entries[0].find(f"{ATOM}link").get("href") == f"{SITE_URL}reviews/{shipped.reviews[0].id}/"


def test_learning_index_is_published_as_json(site: Path, shipped):
    data = json.loads((site / "learning-index.json").read_text(encoding="utf-8"))
    assert set(data["themes"]) == set(shipped.themes)
    assert "liverpool-2014-child-mary" in data["themes"]["was-not-brought"]["entries"]


INLINE_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL)


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    return pages


def test_every_page_has_a_policy_that_allows_only_its_own_scripts(site: Path):
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert found, f"{page} has no Content-Security-Policy"
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        policy = dict(part.strip().split(" ", 1) for part in found.group(1).split(";"))
        assert policy["default-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert "unsafe-inline" not in policy["script-src"]
        assert "'wasm-unsafe-eval'" in policy["script-src"]
        for attrs, code in INLINE_SCRIPT.findall(html):
            if "src=" in attrs or "application/json" in attrs:
                continue
            digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in policy["script-src"], f"an inline script of {page} is not allowed by hash"


EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_scripts_styles_fonts_and_images_come_from_the_site_itself(site: Path):
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|img|iframe|source|video|audio)\b[^>]*>", html):
            src = re.search(r'\ssrc="([^"]*)"', tag)
            assert not (src and EXTERNAL.match(src.group(1))), f"{page}: {tag}"
        for tag in re.findall(r"<link\b[^>]*>", html):
            if re.search(r'rel="(canonical|alternate|prev|next)"', tag):
                continue  # links to pages, not loaded resources
            href = re.search(r'href="([^"]*)"', tag)
            assert not (href and EXTERNAL.match(href.group(1))), f"{page}: {tag}"
    for sheet in site.rglob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            assert not EXTERNAL.match(url), f"{sheet}: {url}"
        assert "@import" not in css or not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", css)


def test_search_indexes_only_the_main_content(site: Path):
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):]) for p in (site / "pagefind" / "fragment").iterdir()]
    urls = {f["url"] for f in fragments}
    assert "/reviews/liverpool-2014-child-mary/" in urls
    assert "/themes/neglect/" in urls
    assert not urls & {"/browse/", "/search/", "/", "/learning-index/", "/actions/", "/themes/"}, "lists of other pages are not indexed"
    mary = next(f for f in fragments if f["url"] == "/reviews/liverpool-2014-child-mary/")
    assert "did not attend" in mary["content"].lower()  # the theme's synonyms, in small print on the page
    assert mary["meta"]["title"] == "Child known as Mary (LSCR 1402)"
    assert "Serious Case Review" in mary["filters"]["type"]
    assert "Was not brought and missed appointments" in mary["filters"]["theme"]
    for words in ("Table of contents", "Accessibility statement", "Related entries", "Edit this page", "¶"):
        assert words not in mary["content"], words


def test_a_failed_build_leaves_the_previous_site_intact(kb_root: Path, tmp_path: Path):
    root = tmp_path / "kb"
    shutil.copytree(kb_root, root)
    before = {p.relative_to(root / "site"): p.stat().st_mtime_ns for p in (root / "site").rglob("*")}

    (root / "content" / "browse.md").write_text("# A hand-written page where a generated one goes\n", encoding="utf-8")
    result = build(root)
    assert result.exit_code == 1
    assert "the previous site is unchanged" in result.output
    (root / "content" / "browse.md").unlink()

    bad = root / "reviews" / "liverpool-2014-child-mary.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("type: scr", "type: nonsense"), encoding="utf-8")
    result = build(root)
    assert result.exit_code == 1
    assert "reviews/liverpool-2014-child-mary.md:" in result.output and "error" in result.output

    after = {p.relative_to(root / "site"): p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    assert after == before
    assert not list(root.glob(".site-*"))


def test_stage_writes_the_pages_as_plain_markdown(kb_root: Path, tmp_path: Path):
    root = tmp_path / "kb"
    shutil.copytree(kb_root, root, ignore=shutil.ignore_patterns("site"))
    from click.testing import CliRunner

    from lscb_kb.cli import cli

    dest = tmp_path / "staged"
    result = CliRunner().invoke(cli, ["--root", str(root), "stage", str(dest)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    mary = (dest / "reviews" / "liverpool-2014-child-mary.md").read_text(encoding="utf-8")
    assert mary.startswith("---\ntitle: Child known as Mary (LSCR 1402)\n")
    assert "(../themes/was-not-brought.md)" in mary
    assert (dest / "about.md").read_text(encoding="utf-8") == (root / "content" / "about.md").read_text(encoding="utf-8")
    home = (dest / "index.md").read_text(encoding="utf-8")
    assert "## What's new" in home and "[Search the knowledge base](search.md)" in home
    assert not list(dest.rglob("*canary*"))
    assert EMBARGO_CANARY not in "".join(p.read_text(encoding="utf-8") for p in dest.rglob("*.md"))

    result = CliRunner().invoke(cli, ["--root", str(root), "stage", str(dest)], catch_exceptions=False)
    assert result.exit_code == 0, "an earlier stage folder is replaced"
    other = tmp_path / "someone-elses-folder"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(cli, ["--root", str(root), "stage", str(other)], catch_exceptions=False)
    assert result.exit_code == 1 and "not written by 'lscb-kb stage'" in result.output
    assert (other / "notes.txt").read_text() == "keep me"


def test_building_without_website_settings_is_a_usage_error(kb):
    kb.write()
    result = kb.run("build")
    assert result.exit_code == 2
    assert "mkdocs.yml" in result.output


def test_copy_helper_adds_both_canaries(tmp_path: Path):
    root = copy_knowledge_base(tmp_path / "kb")
    from lscb_kb.catalogue import load_catalogue

    catalogue = load_catalogue(root)
    assert not catalogue.errors, catalogue.errors
    assert {"zz-2020-embargoed-canary", "zz-2021-draft-canary"} <= set(catalogue.reviews)
    assert not {"zz-2020-embargoed-canary", "zz-2021-draft-canary"} & {r.id for r in catalogue.published().reviews}


def test_a_rebuild_copies_unchanged_downloads_and_makes_changed_ones_again(shipped, tmp_path):
    import datetime as dt

    from lscb_kb.site.downloads import MANIFEST, plan_downloads, start_downloads

    plan = {path: downloads for path, downloads in plan_downloads(shipped).items() if path.startswith("reviews/")}
    today = dt.date(2026, 12, 2)
    first = start_downloads(shipped, plan, tmp_path / "first", today=today)
    made = first.wait()
    assert first.reused == 0 and MANIFEST in made and len(made) == len(shipped.reviews) + 1
    again = start_downloads(shipped, plan, tmp_path / "again", previous=tmp_path / "first", today=today)
    again.wait()
    assert again.reused == len(shipped.reviews), "nothing changed: every file copied"
    briefing = f"downloads/briefings/{shipped.reviews[0].id}.docx"
    assert (tmp_path / "again" / briefing).read_bytes() == (tmp_path / "first" / briefing).read_bytes()

    keys = json.loads((tmp_path / "first" / MANIFEST).read_text())
    keys[briefing] = "made from something else"
    (tmp_path / "first" / MANIFEST).write_text(json.dumps(keys))
    changed = start_downloads(shipped, plan, tmp_path / "changed", previous=tmp_path / "first", today=today)
    changed.wait()
    assert changed.reused == len(shipped.reviews) - 1, "the file whose sources changed is made again"
    later = start_downloads(shipped, plan, tmp_path / "later", previous=tmp_path / "again", today=today + dt.timedelta(days=1))
    later.wait()
    assert later.reused == 0, "historic learning depends on the date: another day makes every file again"


def test_the_site_ships_the_command_lines_search_vocabulary(site: Path, shipped):
    from lscb_kb.search import EQUIVALENTS

    vocabulary = json.loads((site / "search-vocabulary.json").read_text(encoding="utf-8"))
    assert ["dna", "did not attend"] in vocabulary["groups"] and len(vocabulary["groups"]) == len(EQUIVALENTS)
    themes = {t["title"]: t for t in vocabulary["themes"]}
    wnb = themes[shipped.themes["was-not-brought"].title]
    assert "dna" in wnb["names"] and wnb["url"] == "themes/was-not-brought/"
    assert wnb["entries"] == sum(1 for r in shipped.reviews if "was-not-brought" in r.all_themes()), "learning points' themes count"
    assert "compliance" in vocabulary["words"] and "not" in vocabulary["stop"]
    assert vocabulary["entries"] == len(shipped.reviews) and vocabulary["with_age"] == sum(1 for r in shipped.reviews if r.ages)
    assert len((site / "search-vocabulary.json").read_bytes()) < 60_000
    assert "Qzembargocanaryx".casefold() not in json.dumps(vocabulary).casefold()


def test_a_large_knowledge_base_tells_the_search_page_how_many_entries_each_frequent_stem_finds(shipped):
    """From 50 entries on, stems that a search finds in more than a tenth of the entries are listed with
    their share, counted as Pagefind matches: by stem (Snowball English), bodies included, and every stem
    that begins with the one searched ("zanzi" finds "Zanzibar" too)."""
    from dataclasses import replace

    from lscb_kb.catalogue import Published
    from lscb_kb.site.vocabulary import COMMON_FROM, browser_vocabulary

    assert browser_vocabulary(shipped)["frequent"] == {}, "a small knowledge base searches every word"
    copies = -(-COMMON_FROM // len(shipped.reviews))
    reviews = [replace(r, id=f"{r.id}-{n}") for n in range(copies) for r in shipped.reviews]
    marked = [replace(r, body=f"{r.body}\n\n{'Zanzibar' if n % 4 == 0 else ''} {'Zanzis' if n % 3 == 0 else ''}.") for n, r in enumerate(reviews)]
    frequent = browser_vocabulary(Published(shipped.themes, tuple(marked)))["frequent"]

    def share(*every):
        return round(100 * sum(1 for n in range(len(marked)) if any(n % k == 0 for k in every)) / len(marked))

    assert frequent["zanzibar"] == share(4)
    assert frequent["zanzi"] == share(4, 3), "'Zanzis' is stemmed, and the search finds 'Zanzibar' too"
    assert all(10 < value <= 100 for value in frequent.values())


def test_the_search_page_is_told_the_bounds_and_size_of_each_part_of_the_index(site: Path):
    """Once the site is indexed, the vocabulary lists the parts of Pagefind's word index in order, each
    with the words it runs from and to and its size, so the page can keep a question within its budget."""
    parts = json.loads((site / "search-vocabulary.json").read_text(encoding="utf-8"))["index_parts"]
    files = list((site / "pagefind" / "index").glob("*.pf_index"))
    assert len(parts) == len(files) > 1
    assert sorted(kb for *_, kb in parts) == sorted(-(-f.stat().st_size // 1024) for f in files)
    assert all(first <= last for first, last, _ in parts)
    assert all(before[1] < after[0] for before, after in zip(parts, parts[1:])), "in alphabetical order, without overlap"


def test_an_index_this_version_cannot_read_stops_the_build_with_a_clear_message(site: Path, tmp_path: Path):
    from lscb_kb.errors import SiteError
    from lscb_kb.site.pagefind import index_parts

    copy = tmp_path / "site"
    shutil.copytree(site / "pagefind", copy / "pagefind")
    meta = next((copy / "pagefind").glob("*.pf_meta"))
    meta.write_bytes(gzip.compress(b"something else"))
    with pytest.raises(SiteError, match="not in the form this version of lscb-kb reads"):
        index_parts(copy)


def test_the_build_warns_while_the_edit_address_is_the_example(site: Path):
    output = build_output()
    assert "Website built:" in output
    assert "warning: mkdocs.yml: 'edit_url' under 'plugins: - lscb-kb:' is still the example" in output
    assert "https://github.com/your-partnership/lscb-kb/edit/main/" in output
