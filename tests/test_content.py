"""The shipped knowledge base: it validates, holds every review of the seed documents, and keeps their figures."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from lscb_kb.catalogue import load_catalogue
from lscb_kb.cli import cli
from lscb_kb.model import theme_names
from lscb_kb.vocab import KNOWN_SECTIONS

SEED_ENTRIES = {
    # Liverpool Safeguarding Children Board: Learning and Improvement Index
    "liverpool-2016-levels-of-need-front-door-audit": "audit",
    "liverpool-2015-neglect-audit": "audit",
    "liverpool-2015-cse-audit": "audit",
    "liverpool-2014-ofsted-in-the-childs-time-neglect": "inspection",
    "liverpool-2016-child-a-alex": "scr",
    "liverpool-2016-child-c-chris": "scr",
    "liverpool-2016-family-m": "thematic-review",
    "lancashire-2015-child-n": "scr",
    "liverpool-2014-child-mary": "scr",
    "liverpool-2014-child-maisie": "scr",
    "liverpool-2014-john-lcir-1310": "learning-review",
    "liverpool-2014-ltr-1402-m": "thematic-review",
    "liverpool-2016-merseyside-cdop-2015-16": "cdop",
    "liverpool-2016-performance-learning-2015-16": "performance",
    # Cambridgeshire and Peterborough LSCB: 2018 workshop on learning from reviews and audits
    "cambs-peterborough-2018-section-11-audit": "audit",
    "cambs-peterborough-2018-early-help-assessment-audit": "audit",
    "cambs-peterborough-2018-threshold-audit": "audit",
    "cambs-peterborough-2018-sonia-cse-review": "learning-review",
    "cambs-peterborough-2018-scr-learning-themes": "thematic-review",
    "cambs-peterborough-2018-katherine-sar": "sar",
    "cambs-peterborough-2018-domestic-homicide-review-themes": "dhr",
}

# Figures from the seed documents that must be carried over exactly (entry id -> text that must appear).
FIGURES = [
    ("cambs-peterborough-2018-section-11-audit", "30 of 37"),
    ("cambs-peterborough-2018-section-11-audit", "81%"),
    ("cambs-peterborough-2018-section-11-audit", "1042"),
    ("cambs-peterborough-2018-section-11-audit", "732"),
    ("cambs-peterborough-2018-threshold-audit", "2471"),
    ("cambs-peterborough-2018-threshold-audit", "60 cases"),
    ("liverpool-2016-levels-of-need-front-door-audit", "19 of the 32 referrals (60%)"),
    ("liverpool-2016-levels-of-need-front-door-audit", "60%"),
    ("liverpool-2016-levels-of-need-front-door-audit", "91%"),
]

THEME_IDS = """professional-curiosity disguised-compliance voice-of-the-child neglect child-sexual-exploitation
child-sexual-abuse criminal-exploitation-and-youth-violence domestic-abuse physical-abuse-and-injury
babies-and-infants safer-sleep-and-sudi information-sharing multi-agency-working escalation-and-challenge
thresholds-and-early-help referrals-and-the-front-door risk-assessment-and-decision-making
history-and-cumulative-harm planning-drift-and-delay supervision-and-workload was-not-brought
think-family-and-hidden-men culture-language-and-identity parental-vulnerabilities
mental-health-self-harm-and-suicide missing-from-home-or-education transitions-and-transfers
workforce-knowledge-and-training child-deaths adults-at-risk""".split()

# Themes added for real reviews (racism, restrictive practice, disability, capacity, schools, adults' voice, care).
NEW_THEME_IDS = """racism-and-adultification restrictive-practice-and-closed-cultures learning-disability-and-autism
mental-capacity education-settings voice-of-the-adult looked-after-children""".split()

# Words practitioners type that once found nothing, and the theme each must name.
SYNONYMS = {
    "TAF": "thresholds-and-early-help",
    "IRO": "looked-after-children",
    "truancy": "missing-from-home-or-education",
    "YOT": "criminal-exploitation-and-youth-violence",
    "youth justice": "criminal-exploitation-and-youth-violence",
    "APV": "domestic-abuse",
    "CPV": "domestic-abuse",
    "child-to-parent violence": "domestic-abuse",
    "FGM": "domestic-abuse",
    "forced marriage": "domestic-abuse",
    "honour-based abuse": "domestic-abuse",
    "DVRIM": "domestic-abuse",
    "JTAI": "multi-agency-working",
    "S47": "multi-agency-working",
    "CLA": "looked-after-children",
    "DHR": "domestic-abuse",
    "domestic homicide": "domestic-abuse",
    "SAB": "adults-at-risk",
    "DoLS": "mental-capacity",
    "MACSE": "child-sexual-exploitation",
    "MHA": "restrictive-practice-and-closed-cultures",
    # moved out of adults-at-risk into themes of their own
    "mental capacity": "mental-capacity",
    "MCA": "mental-capacity",
    "Making Safeguarding Personal": "voice-of-the-adult",
    "MSP": "voice-of-the-adult",
    "LAC": "looked-after-children",
    "care leavers": "looked-after-children",
    "adultification": "racism-and-adultification",
    "restraint": "restrictive-practice-and-closed-cultures",
    "autism": "learning-disability-and-autism",
    "exclusion": "education-settings",
    "police in schools": "education-settings",
}

# Themes added to shipped entries because their source supports them (entry id -> themes it must carry).
ADDED_THEMES = [
    ("cambs-peterborough-2018-sonia-cse-review", "physical-abuse-and-injury"),
    ("cambs-peterborough-2018-sonia-cse-review", "mental-health-self-harm-and-suicide"),
    ("liverpool-2014-child-maisie", "domestic-abuse"),
    ("liverpool-2015-neglect-audit", "looked-after-children"),
    ("liverpool-2016-levels-of-need-front-door-audit", "education-settings"),
    ("liverpool-2015-cse-audit", "education-settings"),
]


def test_shipped_knowledge_base_has_no_errors(repo_root):
    catalogue = load_catalogue(repo_root)
    assert not catalogue.errors, "\n".join(map(str, catalogue.errors))


def test_every_theme_of_the_starting_taxonomy(shipped):
    assert sorted(shipped.themes) == sorted(THEME_IDS + NEW_THEME_IDS)
    for theme in shipped.themes.values():
        assert theme.definition and len(theme.definition) < 400, theme.id
        assert theme.synonyms and theme.related and theme.guidance, theme.id


@pytest.mark.parametrize("ident, kind", sorted(SEED_ENTRIES.items()))
def test_every_seed_review_is_an_entry(shipped, ident, kind):
    review = shipped.review(ident)
    assert review is not None, f"missing entry {ident}"
    assert review.type == kind
    assert review.source.publisher and review.source.title
    assert review.learning and review.summary
    assert "Overview" in review.sections and "Findings" in review.sections
    assert set(review.sections) <= set(KNOWN_SECTIONS), set(review.sections) - set(KNOWN_SECTIONS)


def test_material_marked_not_for_use_after_2019_is_archived(shipped):
    cambs = [r for r in shipped.reviews if r.id.startswith("cambs-peterborough-")]
    assert len(cambs) == 7
    assert all(r.is_archived for r in cambs)


def test_sonia_has_case_study_and_what_would_happen_today(shipped):
    sonia = shipped.review("cambs-peterborough-2018-sonia-cse-review")
    assert "Case study" in sonia.sections and "What would happen today" in sonia.sections


@pytest.mark.parametrize("ident, figure", FIGURES)
def test_seed_figures_are_exact(shipped, ident, figure):
    review = shipped.review(ident)
    assert figure in review.body or figure in review.summary


def test_pages_exist(repo_root):
    for page in ("index.md", "about.md", "resources.md"):
        assert (repo_root / "content" / page).read_text().strip()


@pytest.mark.parametrize("ident", NEW_THEME_IDS)
def test_new_theme_is_defined_with_good_practice_and_questions(shipped, ident):
    theme = shipped.themes[ident]
    assert 100 < len(theme.definition) < 400, ident
    sections = {}
    for block in theme.guidance.split("## ")[1:]:
        heading, _, text = block.partition("\n")
        sections[heading.strip()] = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(sections.get("What good practice looks like", [])) >= 5, ident
    assert len(sections.get("Questions to ask", [])) >= 5, ident
    assert "Why it recurs in reviews" in sections, ident
    assert len(theme.synonyms) >= 8 and all(r in shipped.themes for r in theme.related), ident


def test_no_theme_name_is_claimed_by_two_themes(repo_root):
    catalogue = load_catalogue(repo_root)
    assert not [p for p in catalogue.problems if p.rule == "shared-synonym"]
    owners = {}
    for theme in catalogue.themes.values():
        for name in {n.casefold() for n in (theme.title, *theme.synonyms)}:
            assert owners.setdefault(name, theme.id) == theme.id, f"{name!r}: {owners[name]} and {theme.id}"


@pytest.mark.parametrize("word, theme_id", sorted(SYNONYMS.items()))
def test_practitioners_words_name_the_theme(shipped, word, theme_id):
    names = theme_names((t.id, t.title, t.synonyms) for t in shipped.themes.values())
    assert names.get(word.casefold()) == theme_id


@pytest.mark.parametrize("word, theme_id", sorted(SYNONYMS.items()))
def test_learning_command_resolves_the_word(repo_root, word, theme_id):
    result = CliRunner().invoke(cli, ["--root", str(repo_root), "learning", word], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"({theme_id})" in result.output.splitlines()[0]


@pytest.mark.parametrize("ident, theme_id", ADDED_THEMES)
def test_entries_carry_the_themes_their_source_supports(shipped, ident, theme_id):
    assert theme_id in shipped.review(ident).all_themes()


def test_katherine_does_not_copy_the_statutory_criteria(shipped):
    katherine = shipped.review("cambs-peterborough-2018-katherine-sar")
    text = " ".join([katherine.summary, *(p.point for p in katherine.learning), katherine.body])
    text = " ".join(text.split())
    for copied in (
        "dies as a result of abuse or neglect, whether known or suspected",
        "could have worked more effectively to protect the adult",
        "has not died, but the SAB knows or suspects that the adult has experienced serious abuse or neglect",
    ):
        assert copied not in text
    assert "Care Act 2014 statutory guidance" in text
    assert "findings the source does not give" in text


@pytest.mark.parametrize(
    "ident, flagged",
    [
        ("liverpool-2016-merseyside-cdop-2015-16", "two of them disagree"),
        ("cambs-peterborough-2018-section-11-audit", "does not reconcile"),
        ("liverpool-2016-performance-learning-2015-16", "do not reconcile"),
    ],
)
def test_figures_that_disagree_within_the_source_are_flagged(shipped, ident, flagged):
    assert flagged in shipped.review(ident).body


@pytest.mark.parametrize(
    "ident",
    ["cambs-peterborough-2018-katherine-sar", "cambs-peterborough-2018-domestic-homicide-review-themes", "cambs-peterborough-2018-scr-learning-themes"],
)
def test_workshop_date_is_not_passed_off_as_the_reviews_date(shipped, ident):
    review = shipped.review(ident)
    assert review.published == "2018"
    assert "date of the workshop" in review.body and "not the date of the review" in review.body


CODED_TITLES = {
    "liverpool-2014-child-mary": ("Child known as Mary", "LSCR 1402"),
    "liverpool-2014-child-maisie": ("Child known as Maisie", "LSCR 1402"),
    "liverpool-2014-john-lcir-1310": ("Child known as John", "LCIR 1310"),
    "liverpool-2014-ltr-1402-m": ("Young person A", "LTR 1402 M"),
}


@pytest.mark.parametrize("ident, words", sorted(CODED_TITLES.items()))
def test_entries_known_by_a_code_have_a_plain_title_that_keeps_the_code(shipped, ident, words):
    title = shipped.review(ident).title
    plain, code = words
    assert title.startswith(plain) and f"({code})" in title


def test_no_title_starts_with_a_reference_code(shipped):
    assert not [r.title for r in shipped.reviews if re.match(r"[A-Z]{3,}\s*\d", r.title)]
