"""Search quality on the built website, in the real browser: the command line's relevance set and
practitioners' questions typed as sentences (tests/data/practitioner_questions.yaml).

Each query is typed into the search page and submitted with Enter, as a person would. The test
prints hit rate at 5 and mean reciprocal rank on the site, how many of the site's first five
entries are among the command line's first five, and fails below the goals. It also checks that
no excerpt under a result is a synonym list, the facts of an entry or a notice.
Run with -s to see the figures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from lscb_kb.search import build_index
from lscb_kb.search import search as cli_search
from test_browser import base_url, browser  # noqa: F401 - fixtures
from test_relevance import CASES

pytestmark = pytest.mark.slow

QUESTIONS = [(item["q"], tuple(item["want"])) for item in yaml.safe_load((Path(__file__).parent / "data" / "practitioner_questions.yaml").read_text(encoding="utf-8"))]
GOAL_HIT_RATE, GOAL_MRR, GOAL_OVERLAP = 0.95, 0.85, 0.6
# What an excerpt must never start with: the words search knows a theme by, an entry's facts, a notice.
NOT_AN_EXCERPT = re.compile(r"^(…\s*)?(Also searched as|Search terms for this entry|Other words for these themes|(Type|Published|Board|Area|Age bands)\s|Historic learning|This entry is archived)")


@pytest.fixture(scope="module")
def answers(browser, base_url):  # noqa: F811 - fixtures
    """Every query typed on the site's search page: {query: [(entry id or page path, excerpt), ...]}."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}search/")
    found = {}
    for query, _ in CASES + QUESTIONS:
        page.fill("#kb-q", query)
        page.press("#kb-q", "Enter")
        expect(page.locator("#kb-search-status")).to_contain_text(f"\u201c{query}\u201d")
        links = page.locator("#kb-results .kb-result__title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        excerpts = page.locator("#kb-results .kb-result__excerpt").all_text_contents()
        found[query] = [(re.sub(r"^.*/reviews/([^/]+)/$", r"\1", href), text.strip()) for href, text in zip(links, excerpts)]
    context.close()
    assert not errors, errors
    return found


@pytest.fixture(scope="module")
def cli_answers(shipped, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("site-relevance") / "search-index"
    build_index(shipped, index_dir)
    return {query: [hit.id for hit in cli_search(index_dir, query, limit=5).hits] for query, _ in CASES + QUESTIONS}


def figures(cases, answers) -> tuple[float, float, list[str]]:
    hits, reciprocal, misses = 0, [], []
    for query, wanted in cases:
        ranked = [ident for ident, _ in answers[query]]
        if all(ident in ranked[:5] for ident in wanted):
            hits += 1
        else:
            misses.append(f"  {query!r}: wanted {', '.join(wanted)}; got {', '.join(ranked[:5])}")
        first = min((ranked.index(i) + 1 for i in wanted if i in ranked), default=None)
        reciprocal.append(1 / first if first else 0.0)
    return hits / len(cases), sum(reciprocal) / len(cases), misses


def test_the_questions_are_sentences_and_name_real_entries(shipped):
    assert len(QUESTIONS) >= 30
    for query, wanted in QUESTIONS:
        assert len(query.split()) >= 4, f"{query!r} is not a question as practitioners type it"
        assert all(shipped.review(ident) for ident in wanted), query


@pytest.mark.parametrize("name", ["command line set", "practitioners' questions"])
def test_the_site_finds_what_the_command_line_finds(name, answers, cli_answers):
    cases = CASES if name == "command line set" else QUESTIONS
    hit_rate, mrr, misses = figures(cases, answers)
    # The share of the site's first five entries that are among the command line's first five.
    overlap = sum(len(set(cli_answers[q]) & {i for i, _ in answers[q][:5]}) / max(1, len(answers[q][:5])) for q, _ in cases) / len(cases)
    empty = [q for q, _ in cases if cli_answers[q] and not answers[q]]
    print(f"\nsite, {name}: {len(cases)} queries, hit rate at 5 = {hit_rate:.3f}, MRR = {mrr:.3f},"
          f" share of the site's first five among the command line's first five = {overlap:.2f}, empty answers = {len(empty)}")
    if misses:
        print("missed:\n" + "\n".join(misses))
    assert not empty, f"the command line answers these, the site returns nothing: {empty}"
    assert hit_rate >= GOAL_HIT_RATE, "\n".join(misses)
    assert mrr >= GOAL_MRR
    assert overlap >= GOAL_OVERLAP


def test_no_excerpt_is_a_synonym_list_the_facts_or_a_notice(answers):
    bad = [(query, text[:80]) for query, shown in answers.items() for _, text in shown if NOT_AN_EXCERPT.search(text) or "Search terms for this entry" in text]
    assert not bad, bad
    assert all(text for shown in answers.values() for _, text in shown), "every result has an excerpt"
