"""The shipped knowledge base: it validates, holds every review of the seed documents, and keeps their figures."""

from __future__ import annotations

import pytest

from lscb_kb.catalogue import load_catalogue
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


def test_shipped_knowledge_base_has_no_errors(repo_root):
    catalogue = load_catalogue(repo_root)
    assert not catalogue.errors, "\n".join(map(str, catalogue.errors))


def test_every_theme_of_the_starting_taxonomy(shipped):
    assert sorted(shipped.themes) == sorted(THEME_IDS)
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
