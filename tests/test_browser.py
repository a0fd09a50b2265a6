"""The built website in a real browser (Playwright driving Debian's Chromium), served over HTTP on 127.0.0.1.

Search finds the right entry and its filters narrow the results, theme and
browse pages work, nothing is requested from anywhere else, axe-core finds no
WCAG 2.2 A/AA violations, nothing scrolls sideways at 320 px, and search
works with the keyboard alone.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import cbor2
import pytest
from browsing import chromium, serving
from built_site import built_site
from conftest import REPO
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MARY = "Child known as Mary (LSCR 1402)"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with serving(built_site(tmp_path_factory) / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


class Visit:
    """A browser page that records every request it makes and every console error (e.g. a blocked script)."""

    def __init__(self, browser, width: int = 1280, javascript: bool = True):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_visit(width: int = 1280, javascript: bool = True) -> Visit:
        opened.append(Visit(browser, width, javascript))
        return opened[-1]

    yield open_visit
    for item in opened:
        item.close()


def search(page, base_url: str, words: str) -> None:
    page.goto(f"{base_url}search/")
    page.fill("#kb-q", words)
    page.press("#kb-q", "Enter")
    expect_results(page)


def expect_results(page) -> None:
    """Wait (without evaluating strings, which the site's policy forbids) until results are listed."""
    expect(page.locator("#kb-search-status")).to_contain_text(re.compile(r"\d results?"))


def expect_fewer(page, than: int) -> None:
    expect(page.locator("#kb-search-status")).not_to_have_text(re.compile(rf"^{than} results?"))


def open_filter(page, facet: str) -> None:
    """Open a facet's list of filters (on a phone, first the folded filter panel)."""
    panel = page.locator("details.kb-search__panel")
    if not panel.evaluate("details => details.open"):
        page.click("summary:has-text('Filter results')")
    page.click(f"details.kb-facet > summary:has-text('{facet}')")
    expect(page.locator(f"details.kb-facet[open]:has(summary:has-text('{facet}')) input").first).to_be_visible()


def result_count(page) -> int:
    status = page.text_content("#kb-search-status")
    found = re.match(r"([\d,]+) results?", status)
    assert found, status
    return int(found.group(1).replace(",", ""))


def result_titles(page) -> list[str]:
    return page.locator("#kb-results .kb-result__title a").all_text_contents()


def test_did_not_attend_finds_mary_and_a_theme_filter_narrows_the_results(visit, base_url):
    page = visit().page
    search(page, base_url, "did not attend")
    assert MARY in result_titles(page)
    everything = result_count(page)

    open_filter(page, "Theme")
    page.check("label:has-text('Safer sleep and sudden unexpected death in infancy') input")
    expect_fewer(page, everything)
    assert 0 < result_count(page) < everything
    assert MARY in result_titles(page)
    assert "theme=Safer+sleep" in page.url, "the filtered search can be bookmarked"


def test_the_header_search_box_leads_to_the_search_results(visit, base_url):
    page = visit().page
    page.goto(f"{base_url}reviews/liverpool-2016-child-a-alex/")
    page.fill("#kb-header-q", "did not attend")
    page.press("#kb-header-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=did\+not\+attend"))
    expect_results(page)
    assert MARY in result_titles(page)


def test_a_theme_page_lists_its_entries(visit, base_url, shipped):
    page = visit().page
    page.goto(f"{base_url}themes/was-not-brought/")
    listed = page.locator(".kb-theme-learning h3 a:not(.headerlink)").all_text_contents()
    expected = [r.title for r in shipped.with_theme("was-not-brought")]
    assert listed == expected and MARY in listed
    page.click("text=See them on the browse page")
    page.wait_for_url(re.compile(r"/browse/\?theme=Was\+not\+brought"))
    expect(page.locator(".kb-status-line")).to_contain_text(f"Showing {len(expected)} entries of")
    assert visible_entries(page) == expected, "the browse page opens filtered by the theme"
    page.go_back()
    page.click(f".kb-theme-learning a:has-text('{MARY}')")
    page.wait_for_url(re.compile(r"/reviews/liverpool-2014-child-mary/$"))


def visible_entries(page) -> list[str]:
    return page.locator("#kb-browse li:visible > a").all_text_contents()


def test_browse_filters_narrow_the_list(visit, base_url, shipped):
    page = visit().page
    page.goto(f"{base_url}browse/")
    assert visible_entries(page) == [r.title for r in shipped.reviews]

    page.select_option("#kb-filter-type", "Serious Case Review")
    scr = [r.title for r in shipped.reviews if r.type == "scr"]
    assert visible_entries(page) == scr
    page.select_option("#kb-filter-theme", "Was not brought and missed appointments")
    assert visible_entries(page) == [r.title for r in shipped.with_theme("was-not-brought") if r.type == "scr"] == [MARY]
    assert "Showing 1 entry of" in page.text_content(".kb-status-line")
    assert page.locator("#kb-browse h2:visible").evaluate_all("hs => hs.map(h => h.firstChild.textContent)") == ["2014"], "years with no entry left are hidden"

    page.click("text=Clear filters")
    assert len(visible_entries(page)) == len(shipped.reviews)
    page.goto(f"{base_url}browse/?type=Audit")
    assert visible_entries(page) == [r.title for r in shipped.reviews if r.type == "audit"]


def test_without_javascript_browse_is_a_plain_list_and_search_points_to_it(visit, base_url, shipped):
    page = visit(javascript=False).page
    page.goto(f"{base_url}browse/")
    assert page.locator("#kb-browse li > a").all_text_contents() == [r.title for r in shipped.reviews]
    page.goto(f"{base_url}search/")
    assert "Search needs JavaScript" in page.text_content("#kb-search")


def test_every_request_goes_to_the_site_itself_and_nothing_is_blocked(visit, base_url):
    seen = visit()
    for path in ("", "reviews/liverpool-2014-child-mary/", "themes/neglect/", "learning-index/", "browse/", "actions/", "about/"):
        seen.page.goto(base_url + path)
        seen.page.wait_for_load_state("networkidle")
    search(seen.page, base_url, "did not attend")
    open_filter(seen.page, "Type")
    seen.page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in url for url in seen.requests), "the search was not loaded"
    outside = [url for url in seen.requests if not url.startswith(base_url)]
    assert not outside, f"requests to other origins: {outside}"
    assert not seen.errors, f"errors in the browser (a blocked script or style?): {seen.errors}"


AXE_PAGES = {
    "home": "",
    "review": "reviews/liverpool-2014-child-mary/",
    "archived review": "reviews/cambs-peterborough-2018-katherine-sar/",
    "theme": "themes/neglect/",
    "learning index": "learning-index/",
    "browse": "browse/",
}


def assert_no_violations(page, where: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in result.response["violations"]]
    assert not violations, f"{where}: {violations}"


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", AXE_PAGES)
def test_pages_have_no_wcag_violations(visit, base_url, name, width):
    page = visit(width).page
    page.goto(base_url + AXE_PAGES[name])
    assert_no_violations(page, name)


@pytest.mark.parametrize("width", [1280, 375])
def test_search_results_have_no_wcag_violations(visit, base_url, width):
    page = visit(width).page
    search(page, base_url, "did not attend")
    open_filter(page, "Theme")
    assert_no_violations(page, "search results")


NARROW_PAGES = [
    "", "search/?q=neglect", "browse/", "themes/", "themes/criminal-exploitation-and-youth-violence/",
    "learning-index/", "actions/", "about/", "accessibility/", "resources/", "contribute/", "404.html",
    "reviews/liverpool-2014-child-mary/", "reviews/cambs-peterborough-2018-section-11-audit/",
]


@pytest.mark.parametrize("path", NARROW_PAGES)
def test_nothing_scrolls_sideways_at_320_px(visit, base_url, path):
    page = visit(320).page
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{path or 'home'} is {width} px wide"


def press_tab_until(page, condition: str, limit: int = 200, key: str = "Tab") -> None:
    """Press Tab (or `key`) until the focused element satisfies a JavaScript condition on `el`."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"):
            return
    raise AssertionError(f"never reached an element where {condition}")


def test_search_and_its_results_work_with_the_keyboard_alone(visit, base_url):
    page = visit().page
    page.goto(f"{base_url}search/")
    expect(page.locator("#kb-q")).to_be_focused()
    page.keyboard.type("did not attend")
    page.keyboard.press("Enter")
    expect_results(page)
    expect(page.locator("#kb-results-title")).to_be_focused()  # not left at the top of the page
    assert_focus_visible(page)
    press_tab_until(page, f"el.tagName === 'A' && el.textContent === {MARY!r}", limit=8)
    everything = result_count(page)

    press_tab_until(page, "el.tagName === 'SUMMARY' && el.textContent.trim() === 'Type'", key="Shift+Tab")
    page.keyboard.press("Enter")
    press_tab_until(page, "el.type === 'checkbox' && el.value === 'Serious Case Review'")
    assert_focus_visible(page)
    page.keyboard.press("Enter")  # Enter applies a filter, as Space does
    expect_fewer(page, everything)
    assert result_count(page) < everything

    press_tab_until(page, f"el.tagName === 'A' && el.textContent === {MARY!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/reviews/liverpool-2014-child-mary/$"))


def assert_focus_visible(page) -> None:
    """The focused element draws a visible outline (or a box shadow) that it does not have unfocused."""
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    outline_style, outline_width, shadow = style
    assert (outline_style != "none" and outline_width not in ("0px", "")) or shadow != "none", f"no visible focus: {style}"


def test_the_header_search_box_and_filters_show_focus(visit, base_url):
    page = visit().page
    page.goto(f"{base_url}themes/neglect/")
    press_tab_until(page, "el.id === 'kb-header-q'")
    assert_focus_visible(page)
    page.goto(f"{base_url}browse/")
    press_tab_until(page, "el.id === 'kb-filter-theme'")
    assert_focus_visible(page)


def test_a_sentence_finds_entries_and_says_it_relaxed_the_match(visit, base_url):
    page = visit().page
    search(page, base_url, "bruising on a baby who is not crawling")
    assert result_titles(page)[0] == "Child A (Alex)"
    expect(page.locator("#kb-search-status")).to_contain_text("No entry has all of your words; these have most of them")
    meta = page.locator("#kb-results .kb-result__meta").first.text_content()
    assert "Serious Case Review" in meta and "2016" in meta and "Liverpool" in meta
    assert page.locator("#kb-results .kb-result__excerpt mark").count() > 0, "matched words are marked"


def test_dna_finds_a_theme_card_and_an_entry_tagged_through_a_learning_point(visit, base_url):
    page = visit().page
    search(page, base_url, "DNA")
    expect(page.locator(".kb-theme-card")).to_contain_text("Was not brought and missed appointments")
    assert page.locator(".kb-theme-card__label").first.text_content() == "Theme"
    titles = result_titles(page)
    assert MARY in titles and any(t.startswith("Sonia") for t in titles)
    historic = page.locator("#kb-results li:has(a:text-matches('^Sonia')) .kb-result__historic")
    expect(historic).to_have_text("Historic learning")


def test_in_a_large_knowledge_base_a_word_in_most_entries_is_left_out_unless_it_is_all_there_is(visit, base_url):
    """The search page as a large knowledge base's vocabulary file would describe it, with 'housing'
    in 95% of the entries. Beside a rarer word it changes nothing (it tells no entry apart, and would
    download a large part of the index); alone, it is still searched."""
    page = visit().page
    search(page, base_url, "housing")
    housing = result_count(page)

    def large(route):
        data = json.loads(route.fetch().text())
        data["frequent"] = {"hous": 95}  # the stem of "housing", as Pagefind indexes it
        route.fulfill(body=json.dumps(data), content_type="application/json")

    page.route(f"{base_url}search-vocabulary.json", large)
    search(page, base_url, "bruising")
    alone = result_titles(page)
    search(page, base_url, "housing bruising")
    assert result_titles(page) == alone
    expect(page.locator("#kb-search-status")).not_to_contain_text("these have most of them")
    search(page, base_url, "housing")
    assert result_count(page) == housing


# Words each rule of the Snowball English stemmer treats apart (exceptions, prefixes, -eed, -ing, doubles, y).
STEMMER_CASES = """
skis skies dying lying tying idly gently ugly early only singly sky news howe atlas cosmos bias andes inning outing
canning herring earring evening evenings proceed proceeded exceed exceeding succeed succeeded agreed feed bleeding
generous generation communism communication arsenal emergency interest international later laterally organisation
organic past pasted pasting pastime universal university added adding ebbed egged erred hoping hopping filing filling
biologist apologist archaeology analogies logical happily relational conditional rational hesitancy responsibly
possibility activities effectiveness hopefulness callousness formality formalism electrical carefully carelessly
helplessly differently cries cried ties tied flies buying saying playing boys yelling youths eyes enjoyed annoyance
crying possessives rooms ways bus buses gas gasses kisses dentists nationalization sensational controlled reliability
dependency independently adjustments governance referrals occurred falls hopelessness skilfully
""".split()


def pagefind_stems(words: list[str], folder: Path) -> dict[str, str]:
    """The stem Pagefind's index keeps for each word: a page of the words, indexed by Pagefind. Each index
    entry lists the positions of its stem in the page (as differences, after weight markers below zero),
    and each position is one of the words."""
    from lscb_kb.site.pagefind import SIGNATURE, index_site

    (folder / "index.html").write_text(f"<html lang='en'><body><main>{' '.join(words)}</main></body></html>")
    index_site(folder)
    at: dict[int, str] = {}
    for path in (folder / "pagefind" / "index").glob("*.pf_index"):
        for stem, pages, *_ in cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])[0]:
            position = 0
            for step in (step for step in pages[0][1] if step >= 0):
                position += step
                at[position] = stem
    return {word: at[n] for n, word in enumerate(words)}


def test_the_page_stems_words_as_pagefinds_index_does(visit, base_url, tmp_path):
    """The search page predicts what a search downloads from the stems Pagefind's index is made of: its
    stemmer gives the same stem as Pagefind for every word of the knowledge base and each rule's cases."""
    text = " ".join(path.read_text(encoding="utf-8") for folder in ("reviews", "themes") for path in (REPO / folder).rglob("*.md"))
    words = sorted(set(re.findall(r"[a-z]+", text.casefold())) | set(STEMMER_CASES))
    expected = pagefind_stems(words, tmp_path)
    page = visit().page
    page.goto(base_url)
    stems = page.evaluate("words => words.map(word => lscbStem(word))", words)
    wrong = {word: (stem, expected[word]) for word, stem in zip(words, stems) if stem != expected[word]}
    assert len(words) > 2000 and not wrong, wrong


def index_requests(visit, base_url: str, words: str, sizes: int | None = None) -> tuple[list[str], int]:
    """Search in a fresh browser (nothing cached), the vocabulary saying each part of the index costs
    `sizes` KB: the parts of the index downloaded after Enter (the worker's requests too), and the results."""
    opened = visit()
    page = opened.page
    if sizes is not None:
        def priced(route):
            data = json.loads(route.fetch().text())
            data["index_parts"] = [[first, last, sizes] for first, last, _ in data["index_parts"]]
            route.fulfill(body=json.dumps(data), content_type="application/json")

        page.route(f"{base_url}search-vocabulary.json", priced)
    requested: list[str] = []
    page.goto(f"{base_url}search/")
    expect(page.locator("#kb-search-status")).to_contain_text("Type some words")
    page.wait_for_load_state("networkidle")
    opened.context.on("request", lambda request: requested.append(request.url))
    page.fill("#kb-q", words)
    page.press("#kb-q", "Enter")
    expect_results(page)
    return [url for url in requested if url.endswith(".pf_index")], result_count(page)


def test_a_question_downloads_no_more_of_the_index_than_its_budget(visit, base_url):
    """'fire' and 'smoking' sit in different parts of the index. At their real size both are searched;
    said to cost 150 KB each, only the first fits the page's budget (200 KB), and the question is
    answered with it; said to cost 500 KB each, the one that costs least is still searched."""
    both, _ = index_requests(visit, base_url, "fire smoking")
    assert len(set(both)) == 2
    fire, found = index_requests(visit, base_url, "fire")
    budgeted, answered = index_requests(visit, base_url, "fire smoking", sizes=150)
    assert budgeted == fire and answered == found
    over, answered = index_requests(visit, base_url, "fire smoking", sizes=500)
    assert over == fire and answered == found


def test_phrases_stay_whole(visit, base_url):
    page = visit().page
    search(page, base_url, "was not brought")
    titles = result_titles(page)
    assert titles and titles[0] == MARY, titles
    search(page, base_url, "brought together")
    assert MARY not in result_titles(page)[:1]


def test_a_misspelt_word_gets_a_suggestion_from_the_site_words(visit, base_url):
    page = visit().page
    search(page, base_url, "disguised complience")
    expect(page.locator(".kb-search__suggestion")).to_have_text("Did you mean disguised compliance?")
    page.click(".kb-search__suggestion a")
    expect(page.locator("#kb-search-status")).to_contain_text("\u201cdisguised compliance\u201d")
    assert result_count(page) > 0


def test_a_review_page_leads_with_the_learning_on_a_phone(visit, base_url):
    page = visit(375).page
    page.goto(f"{base_url}reviews/liverpool-2016-child-a-alex/")
    learning = page.locator("h2#learning-points").bounding_box()["y"]
    themes = page.locator(".kb-theme-line").bounding_box()["y"]
    facts = page.locator(".kb-facts").bounding_box()["y"]
    assert learning < themes < facts
    assert learning < 900, f"the learning points start {learning} px down"
    headings = page.locator("article h2").all_text_contents()
    assert "Improvement actions" in " ".join(headings) and "Improvement activity" not in " ".join(headings)
    assert not page.locator("details.kb-synonyms-fold").evaluate("d => d.open"), "synonyms are folded away"
    page.click("text=7-minute briefing")
    page.wait_for_url(re.compile(r"/briefings/liverpool-2016-child-a-alex/$"))
    assert page.locator(".kb-briefing__box").count() == 7
    assert_no_violations(page, "briefing")


def test_browse_takes_a_year_range_and_says_how_many_entries_have_an_age_band(visit, base_url, shipped):
    page = visit().page
    page.goto(f"{base_url}browse/?since=2016")
    assert visible_entries(page) == [r.title for r in shipped.reviews if r.year >= 2016]
    page.select_option("#kb-filter-until", "2016")
    assert visible_entries(page) == [r.title for r in shipped.reviews if r.year == 2016]
    page.goto(f"{base_url}browse/")
    page.select_option("#kb-filter-age", index=1)
    aged = sum(1 for r in shipped.reviews if r.ages)
    expect(page.locator(".kb-status-line")).to_contain_text(f"Only {aged} of {len(shipped.reviews)} entries record an age band")


def test_the_search_page_without_javascript_says_the_words_were_not_searched(visit, base_url):
    page = visit(javascript=False).page
    page.goto(f"{base_url}search/?q=DNA")
    assert "could not be searched" in page.text_content("#kb-search")
    page.click("summary:has-text('Themes and the words for them')")
    page.click("a:has-text('Was not brought and missed appointments')")
    page.wait_for_url(re.compile(r"/themes/was-not-brought/$"))


def test_newest_first_orders_a_relaxed_search_by_date(visit, base_url):
    page = visit().page
    search(page, base_url, "neglect in teenagers")
    page.select_option("#kb-sort", "date")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # the same status line: give the re-ordered results time to replace the others
    years = [int(re.search(r"\b(20\d\d)\b", m).group(1)) for m in page.locator("#kb-results .kb-result__meta").all_text_contents()]
    assert len(years) > 1 and years == sorted(years, reverse=True), years


# -- the improvement actions page: filters, keyboard, focus, no JavaScript ------------------------------


def visible_actions(page) -> int:
    return page.locator("#kb-actions li:visible").count()


def test_actions_filters_narrow_the_list(visit, base_url, shipped):
    page = visit().page
    page.goto(f"{base_url}actions/")
    every = sum(len(r.actions) for r in shipped.reviews)
    expect(page.locator("#kb-actions-filters .kb-status-line")).to_have_text(f"Showing all {every} actions.")
    assert visible_actions(page) == every
    assert "needs JavaScript" not in page.text_content("#kb-actions-filters"), "the note for browsers without JavaScript goes"
    hint = page.text_content("#kb-actions-filters .kb-filters__hint")
    assert "status" in hint and "board" in hint and "age band" not in hint, f"the hint names filters the page does not have: {hint}"
    # Statuses are offered in their natural order, each with its count.
    options = page.locator("#kb-filter-status option").all_text_contents()
    done = sum(1 for r in shipped.reviews for a in r.actions if a.status == "done")
    assert options[0] == "Any status" and options[1].startswith("Planned (") and f"Done ({done})" in options

    page.select_option("#kb-filter-status", "Done")
    assert visible_actions(page) == done
    assert page.locator("#kb-actions li:visible .kb-status--done").count() == done
    assert page.locator("#kb-actions h2:visible").all_text_contents()[0].startswith("Done"), "groups left empty are hidden"
    liverpool = sum(1 for r in shipped.reviews for a in r.actions if a.status == "done" and r.board == "Liverpool Safeguarding Children Board")
    page.select_option("#kb-filter-board", "Liverpool Safeguarding Children Board")
    assert visible_actions(page) == liverpool < done
    assert f"Showing {liverpool} action" in page.text_content("#kb-actions-filters .kb-status-line")
    assert "status=Done" in page.url and "board=Liverpool" in page.url

    theme = shipped.themes["was-not-brought"].title
    page.click("text=Clear filters")
    page.select_option("#kb-filter-theme", theme)
    expected = sum(len(r.actions) for r in shipped.reviews if "was-not-brought" in r.themes)
    assert visible_actions(page) == expected


def test_actions_filters_work_with_the_keyboard_and_show_focus(visit, base_url, shipped):
    page = visit().page
    page.goto(f"{base_url}actions/")
    press_tab_until(page, "el.id === 'kb-filter-status'")
    select = page.locator("#kb-filter-status")
    expect(select).to_be_focused()
    outline = select.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + parseFloat(getComputedStyle(el).outlineWidth)")
    style, width = outline.split()
    assert style != "none" and float(width) >= 2, f"no visible focus ring: {outline}"
    page.keyboard.press("ArrowDown")  # a closed <select> changes with the arrow keys, firing 'change'
    planned = sum(1 for r in shipped.reviews for a in r.actions if a.status == "planned")
    expect(page.locator("#kb-actions-filters .kb-status-line")).to_have_text(f"Showing {planned} actions of {sum(len(r.actions) for r in shipped.reviews)}.")
    press_tab_until(page, "el.textContent === 'Clear filters'")
    page.keyboard.press("Enter")
    expect(page.locator("#kb-filter-status")).to_be_focused()
    assert page.locator("#kb-filter-status").input_value() == ""


def test_without_javascript_the_actions_page_is_a_plain_list_and_says_so(visit, base_url, shipped):
    page = visit(javascript=False).page
    page.goto(f"{base_url}actions/")
    assert page.locator("#kb-actions li").count() == sum(len(r.actions) for r in shipped.reviews)
    assert "Filtering by status, owner, board or theme needs JavaScript" in page.text_content("#kb-actions-filters")
    assert page.locator("#kb-actions-filters select").count() == 0


@pytest.mark.parametrize("width", [1280, 375])
def test_the_actions_page_has_no_wcag_violations(visit, base_url, width):
    page = visit(width).page
    page.goto(f"{base_url}actions/")
    assert_no_violations(page, "actions")
    page.select_option("#kb-filter-status", "Planned")
    assert_no_violations(page, "actions, filtered")
