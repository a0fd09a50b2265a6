"""The generated pages (a pure function of the published view) and the site's HTML safety helpers."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html import escape as html_escape
from xml.etree import ElementTree

import markdown
import pytest
import yaml

from lscb_kb.catalogue import Published, load_catalogue
from lscb_kb.site.downloads import Download
from lscb_kb.site.feed import atom_feed
from lscb_kb.site.pagefind import pagefind_markup
from lscb_kb.site.pages import render_pages
from lscb_kb.site.pages.charts import bar_chart
from lscb_kb.site.pages.common import HEADLINE_THEMES, link, md_text
from lscb_kb.site.pages.home import fill_home
from lscb_kb.site.safety import add_csp, inline_scripts, sanitise
from lscb_kb.text import format_date

EDIT = "https://github.com/example/kb/edit/main/"
MARY = "liverpool-2014-child-mary"
EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]


@pytest.fixture(scope="module")
def pages(shipped):
    related = {MARY: ["liverpool-2016-child-a-alex", "not-a-published-entry"]}
    downloads = {f"reviews/{MARY}.md": [Download("7-minute briefing (Word document)", f"downloads/briefings/{MARY}.docx")]}
    return render_pages(shipped, related, downloads, edit_url=EDIT)


def split(page: str) -> tuple[dict, str]:
    _, meta, body = page.split("---\n", 2)
    return yaml.safe_load(meta), body.lstrip("\n")


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_every_published_entry_and_theme_gets_a_page_and_the_lists_exist(pages, shipped):
    assert {f"reviews/{r.id}.md" for r in shipped.reviews} <= set(pages)
    assert {f"themes/{t}.md" for t in shipped.themes} <= set(pages)
    assert {"themes/index.md", "browse.md", "learning-index.md", "actions.md", "search.md"} <= set(pages)
    assert {f"briefings/{r.id}.md" for r in shipped.reviews} <= set(pages), "a 7-minute briefing page per entry"
    assert len(pages) == 2 * len(shipped.reviews) + len(shipped.themes) + 5


def test_a_review_page_has_its_facts_themes_learning_actions_body_and_source(pages, shipped):
    meta, body = split(pages[f"reviews/{MARY}.md"])
    mary = shipped.review(MARY)
    assert meta["title"] == mary.title and meta["kb_source"] == f"reviews/{MARY}.md"
    assert body.startswith(f"# {md_text(mary.title)}\n")
    html = to_html(body)
    assert "<dt>Type</dt>\n<dd>Serious Case Review</dd>" in html
    assert "<dt>Published</dt>\n<dd>June 2014</dd>" in html
    assert "<dt>Age bands</dt>\n<dd>Under 1</dd>" in html
    # Themes are one line of links; the words practitioners search with are folded away under them.
    assert '<strong>Themes:</strong> <a href="../themes' in html
    assert '<a href="../themes/was-not-brought.md">Was not brought and missed appointments</a>' in html
    assert re.search(r"<li>Was not brought and missed appointments: did not attend, DNA, WNB,[^<]*</li>", html)
    assert html.index('id="learning-points"') < html.index("<strong>Themes:</strong>") < html.index("<dt>Type</dt>")
    # One actions section: the body's "Improvement activity" repeats the actions, so it is not shown (its words are still searched).
    assert html.count("Improvement activity") == 0 or "Improvement activity" not in html.split('class="kb-search-terms"')[0]
    assert '<div class="kb-search-terms" hidden' in html and "Search terms for this entry:" in html
    terms = html.split('class="kb-search-terms"')[1]
    assert "kbentry" in terms and "wasnotbroughtkbtheme" in terms, "the words the search page finds an entry's themes by"
    assert "DNA" not in terms, "theme synonyms are found through the theme, not repeated on every entry"
    # Each learning point names its themes.
    assert "the term Did Not Attend is misleading" in html
    assert '<small data-pagefind-ignore>Themes: <a href="../themes/was-not-brought.md">' in html
    assert '<span class="kb-status kb-status--done">Done</span> An SCR newsletter on Mary was widely circulated.' in html
    assert '<h2 id="findings">Findings</h2>' in html and '<h2 id="questions-for-reflection">' in html
    assert "Liverpool Safeguarding Children Board, <em>Learning and Improvement Index (Appendix 1)</em>." in html
    assert f'<a href="../downloads/briefings/{MARY}.docx">7-minute briefing (Word document)</a>' in html
    assert f'<a class="kb-edit" href="{EDIT}reviews/{MARY}.md">Edit this page</a>' in html
    assert "Historic learning" not in html


def test_related_entries_are_only_published_ones(pages):
    html = to_html(split(pages[f"reviews/{MARY}.md"])[1])
    related = html[html.index("Related entries") :]
    assert '<a href="liverpool-2016-child-a-alex.md">Child A (Alex)</a>' in related
    assert "not-a-published-entry" not in html


def test_archived_entries_carry_the_historic_learning_notice(pages, shipped):
    archived = [r for r in shipped.reviews if r.is_archived]
    assert archived
    for review in archived:
        html = to_html(split(pages[f"reviews/{review.id}.md"])[1])
        assert '<p class="admonition-title">Historic learning</p>' in html


def test_review_pages_carry_their_search_filters(pages, shipped):
    meta, _ = split(pages[f"reviews/{MARY}.md"])
    filters = meta["pagefind"]["filters"]
    assert filters["type"] == ["Serious Case Review"] and filters["year"] == ["2014"] and filters["area"] == ["Liverpool"]
    assert filters["age"] == ["Under 1"]
    assert filters["theme"] == [shipped.themes[t].title for t in shipped.review(MARY).all_themes()]
    assert meta["pagefind"]["sort"] == {"date": "2014-06"}


def test_a_theme_page_has_guidance_synonyms_and_every_point_by_entry_newest_first(pages, shipped):
    meta, body = split(pages["themes/was-not-brought.md"])
    theme = shipped.themes["was-not-brought"]
    html = to_html(body)
    assert theme.definition in body
    assert "<strong>Also searched as:</strong> did not attend, DNA" in html
    assert '<strong>Related themes:</strong> <a href="disguised-compliance.md">' in html
    assert "What good practice looks like" in html
    entries = re.findall(r'<h3 id="[^"]*"><a href="\.\./reviews/([^"]+)\.md">', html)
    assert entries == [r.id for r in shipped.with_theme("was-not-brought")]
    assert "the term Did Not Attend is misleading" in html
    assert '<svg class="kb-chart__svg"' in html and '<th scope="row">2014</th><td class="kb-num">1</td>' in html
    assert f'<a class="kb-edit" href="{EDIT}themes/was-not-brought.md">Edit this page</a>' in html
    assert meta["pagefind"]["filters"] == {"theme": [theme.title], "type": ["Theme"], "section": ["Theme"]}


def test_the_themes_index_puts_the_priority_themes_first(pages, shipped):
    body = split(pages["themes/index.md"])[1]
    priority, everything = body.split("## All themes")
    assert re.findall(r"\]\(([a-z-]+)\.md\)", priority) == list(HEADLINE_THEMES)
    assert len(re.findall(r"^- \*\*\[", everything, re.M)) == len(shipped.themes)


def test_the_learning_index_page_has_charts_with_tables_heat_table_and_pairs(pages, shipped):
    html = to_html(split(pages["learning-index.md"])[1])
    assert html.count('role="img"') == html.count("<desc id=") == 3  # themes, years, actions over time
    assert html.count('class="kb-data"') == 3, "each chart has its data table"
    assert '<table class="kb-heat">' in html and 'class="kb-num kb-heat-4"' in html
    assert "Themes that occur together" in html and "Entries with both" in html
    assert '<a href="learning-index.json">data (JSON)</a>' in html


def test_the_browse_page_lists_every_entry_newest_first_with_its_facets(pages, shipped):
    html = to_html(split(pages["browse.md"])[1])
    listed = re.findall(r'<a href="reviews/([^"]+)\.md">', html)
    assert listed == [r.id for r in shipped.reviews]
    item = re.search(rf'<li ([^>]*)><a href="reviews/{MARY}\.md">', html).group(1)
    assert 'data-type="Serious Case Review"' in item and 'data-year="2014"' in item and 'data-age="Under 1"' in item
    assert "Was not brought and missed appointments" in item
    assert re.findall(r"<h2 [^>]*>(\d{4})", html) == sorted({str(r.year) for r in shipped.reviews}, reverse=True)


def test_search_page_explains_itself_without_javascript(pages):
    meta, body = split(pages["search.md"])
    assert meta["kb_index"] is False
    assert "Search needs JavaScript" in body and "(browse.md)" in body


def test_actions_page_counts_by_status_and_theme(pages, shipped):
    html = to_html(split(pages["actions.md"])[1])
    done = sum(1 for r in shipped.reviews for a in r.actions if a.status == "done")
    assert f'<h2 id="done-{done}">Done ({done})</h2>' in html
    assert "Improvement actions by theme and status" in html


def test_unpublished_entries_never_reach_a_page(kb):
    kb.write("test-2020-public", title="Public review")
    kb.write("test-2021-embargoed", title="Embargoed zebra review", status="embargoed")
    kb.write("test-2022-draft", title="Draft zebra review", status="draft")
    published = load_catalogue(kb.root).published()
    pages = render_pages(published, {"test-2020-public": ["test-2021-embargoed", "test-2022-draft"]})
    assert "reviews/test-2020-public.md" in pages
    everything = "".join(pages.values()) + fill_home("# Home\n\nIntro.\n", published, "")
    assert "zebra" not in everything.lower() and "test-2021" not in everything and "test-2022" not in everything


def test_contributed_text_cannot_inject_markup_or_attributes(kb):
    """The validator refuses these values; the pages escape them anyway (values built by code skip the validator)."""
    title = "Child [X] {: #evil .evil } *star* `code` | pipe <script>alert(1)</script> &amp;"
    kb.write("test-2020-odd", board="Board_with_underscores_")
    catalogue = load_catalogue(kb.root)
    assert not catalogue.errors, catalogue.errors
    published = catalogue.published()
    review = dataclasses.replace(published.review("test-2020-odd"), title=title, area=("Area {: .evil }",))
    published = Published(published.themes, tuple(review if r.id == review.id else r for r in published.reviews))
    html = to_html(split(render_pages(published)["reviews/test-2020-odd.md"])[1])
    assert "<script" not in html and "&lt;script&gt;" in html
    title = html_escape(title, quote=False)  # shown exactly as written, "&amp;" included
    assert f">{title}</h1>" in html
    assert 'class="evil"' not in html and 'id="evil"' not in html and "<em>star</em>" not in html and "<code>" not in html
    assert "<dd>Board_with_underscores_</dd>" in html and "<dd>Area {: .evil }</dd>" in html


def test_home_placeholders_are_replaced_or_the_blocks_added_after_the_first_paragraph(shipped):
    filled = fill_home("# Home\n\nIntro.\n\n{{ whats_new }}\n\n## More\n\n{{ headline_themes }}\n", shipped, "SEARCH")
    assert "{{" not in filled
    assert filled.index("## What's new") < filled.index("## More") < filled.index("## Priority themes")
    assert "SEARCH" not in filled, "only the placeholders present are filled"
    assert f"[{md_text(shipped.reviews[0].title)}](reviews/{shipped.reviews[0].id}.md)" in filled
    fallback = fill_home("# Home\n\nIntro paragraph\nstill intro.\n\n## How to use it\n", shipped, "SEARCH")
    assert fallback.index("still intro.") < fallback.index("SEARCH") < fallback.index("## Priority themes") < fallback.index("## How to use it")


def test_small_helpers():
    assert format_date("2014") == "2014" and format_date("2014-06") == "June 2014" and format_date("2014-06-07") == "7 June 2014"
    assert link("themes/a.md", "reviews/b.md") == "../themes/a.md"
    assert link("themes/a.md", "themes/index.md") == "a.md"
    assert link("reviews/b.md", "browse.md") == "reviews/b.md"
    assert md_text("a_b *c* [d]") == r"a\_b \*c\* \[d\]"


def test_charts_are_accessible_svg_with_a_name_and_description():
    svg = bar_chart("c1", "Entries per theme", "Neglect has most.", [("Neglect", 5), ("A very long theme name " * 4, 2)])
    assert 'role="img" aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Entries per theme</title><desc id="c1-desc">Neglect has most.</desc>' in svg
    assert svg.count('class="kb-chart__bar"') == 2
    assert svg.count('class="kb-chart__label"') == 3, "the long label wraps onto a second line"
    ElementTree.fromstring(svg)  # well-formed


def test_sanitiser_keeps_the_markup_of_the_pages_and_drops_anything_active():
    safe = '<h2 id="x">T<a class="headerlink" href="#x">¶</a></h2><svg role="img" viewBox="0 0 1 1"><title id="t">A</title><rect x="0" y="0" width="1" height="1"></rect></svg>'
    cleaned = sanitise(safe)
    assert 'viewBox="0 0 1 1"' in cleaned and "<rect" in cleaned and 'class="headerlink"' in cleaned
    hostile = '<p onclick="x()" style="color:red">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><iframe src="https://evil"></iframe><img src=x onerror=alert(1)></p>'
    cleaned = sanitise(hostile)
    for bad in ("onclick", "style=", "<script", "alert(1)</", "javascript:", "<iframe", "onerror"):
        assert bad not in cleaned, bad


def test_pagefind_markup_carries_filters_meta_and_sort_keys():
    markup = pagefind_markup({"pagefind": {"filters": {"theme": ["Crime, gangs & violence"]}, "meta": {"kind": "Audit"}, "sort": {"date": "2014-06"}}})
    assert markup.startswith("<div hidden data-pagefind-ignore>")
    assert '<span data-pagefind-filter="theme:Crime, gangs &amp; violence"></span>' in markup
    assert '<span data-pagefind-meta="kind:Audit"></span>' in markup and '<span data-pagefind-sort="date:2014-06"></span>' in markup
    assert pagefind_markup({}) == ""


def test_the_policy_allows_only_the_sites_own_inline_scripts_never_the_pages():
    page = '<html><head><meta charset="utf-8"><script>var a=1</script><script src="x.js"></script></head><body><script>alert(1)</script><script id="__config" type="application/json">{}</script></body></html>'
    result = add_csp(page, ["var a=1"])
    digest = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert result.index("Content-Security-Policy") < result.index("<script")
    policy = re.search(r'content="([^"]+)"', result[result.index("Content-Security-Policy") :]).group(1)
    assert f"script-src 'self' 'wasm-unsafe-eval' 'sha256-{digest}';" in policy
    assert policy.count("sha256-") == 1, "the page's own inline script (alert) gets no hash"
    assert "sha256-" not in add_csp(page), "without the site's scripts, no inline script is allowed"
    assert inline_scripts(page) == ["var a=1", "alert(1)"], "neither external scripts nor JSON data are inline scripts"


def test_the_sanitiser_drops_ids_that_stand_in_for_the_themes_or_the_sites_elements():
    cleaned = sanitise('<h2 id="__config">a</h2><p id="__drawer">b</p><h2 id="kb-search">c</h2><div id="kb-browse">d</div><h2 id="overview">e</h2>')
    assert 'id="__' not in cleaned and '<h2 id="kb-search"' not in cleaned
    assert '<div id="kb-browse">' in cleaned and '<h2 id="overview">' in cleaned, "the site's own ids and headings' anchors stay"


def test_the_feed_has_the_newest_fifty_entries(kb):
    for year in range(1960, 2020):
        kb.write(f"test-{year}-entry", title=f"Entry {year}", published=str(year))
    published = load_catalogue(kb.root).published()
    feed = ElementTree.fromstring(atom_feed(published, "Knowledge base"))
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 50
    assert entries[0].find("{http://www.w3.org/2005/Atom}title").text == "Entry 2019"
    assert entries[0].find("{http://www.w3.org/2005/Atom}link").get("href") == "reviews/test-2019-entry/"
    assert entries[0].find("{http://www.w3.org/2005/Atom}id").text == "tag:lscb-kb,2024:review/test-2019-entry"


def test_an_empty_knowledge_base_still_has_every_list_page(kb):
    published = load_catalogue(kb.root).published()
    assert not published.reviews
    pages = render_pages(published)
    assert "There are no published entries yet." in pages["browse.md"] and "There are no published entries yet." in pages["learning-index.md"]
    assert "No improvement actions have been recorded yet." in pages["actions.md"]
    assert "No published entry has this theme yet." in pages["themes/neglect.md"]
    assert ElementTree.fromstring(atom_feed(published, "Knowledge base")).findall("{http://www.w3.org/2005/Atom}entry") == []
