"""Format 2 on the website: the facts block, "Read the original", linked entries both ways, actions
with owner, due date and an overdue marker, historic learning once a source has expired, and the
actions page and chart. Rendered from the fixtures that use every new field."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from lscb_kb.catalogue import Published, load_catalogue
from lscb_kb.model import Action, Link
from lscb_kb.site.pages import render_pages

FIXTURES = Path(__file__).parent / "fixtures" / "format2"
NATIONAL = "exampleshire-2023-national-review"
SAR = "exampleshire-2024-sar-three-adults"
EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
TODAY = dt.date(2024, 7, 1)  # the national review's March 2024 action is overdue, the SAR's June 2024 one too


def html(page: str) -> str:
    _, _meta, body = page.split("---\n", 2)
    return markdown.markdown(body.lstrip("\n"), extensions=EXTENSIONS)


@pytest.fixture
def published(kb) -> Published:
    for path in FIXTURES.glob("*.md"):
        shutil.copy(path, kb.root / "reviews" / path.name)
    kb.write("exampleshire-2019-plain", title="A plain review", published="2019-04", actions=None)
    catalogue = load_catalogue(kb.root)
    assert not catalogue.errors, "\n".join(map(str, catalogue.errors))
    return catalogue.published()


def replaced(published: Published, review) -> Published:
    return Published(published.themes, tuple(review if r.id == review.id else r for r in published.reviews))


def test_the_facts_block_shows_reference_scope_dates_author_and_consent(published):
    page = html(render_pages(published, today=TODAY)[f"reviews/{NATIONAL}.md"])
    for name, value in [
        ("Type", "National Child Safeguarding Practice Review"), ("Scope", "National review"), ("Reference", "NSI-EX-0001"),
        ("Published", "24 May 2023"), ("Incident", "June 2020"), ("Notified", "18 June 2020"), ("Rapid review", "July 2020"),
        ("Commissioned", "September 2020"), ("Completed", "February 2023"),
        ("Author", "An independent panel of reviewers (invented for tests)"),
    ]:
        assert f"<dt>{name}</dt>\n<dd>{value}</dd>" in page, name
    facts = page[page.index('<div class="kb-facts"') :][: page[page.index('<div class="kb-facts"') :].index("</div>")]
    assert facts.index("<dt>Incident</dt>") < facts.index("<dt>Completed</dt>") < facts.index("<dt>Author</dt>")
    assert '<p class="kb-consent">This review names the people it is about with their family\'s agreement.</p>' in page
    sar = html(render_pages(published, today=TODAY)[f"reviews/{SAR}.md"])
    assert "<dt>Notified</dt>" not in sar and "<dt>Scope</dt>" not in sar  # local is the default, not worth a line
    assert "<dt>Reference</dt>\n<dd>SAR 2024/01</dd>" in sar and "<dt>Completed</dt>\n<dd>30 November 2023</dd>" in sar
    assert "family's agreement" not in sar  # named_with_consent: false


def test_read_the_original_lists_the_source_and_every_link_with_its_kind(published):
    pages = render_pages(published, today=TODAY)
    national = html(pages[f"reviews/{NATIONAL}.md"])
    original = national[national.index("Read the original") :]
    assert '<a href="https://www.example.org/national-review.pdf">Children E and F: a national review</a> <small>(the source of this entry)</small>' in original
    assert '<a href="https://www.example.org/national-review.pdf">Children E and F: the full report</a> <small>(Full report)</small>' in original
    assert '<a href="https://www.example.org/national-review-response">Response</a>' in original
    sar = html(pages[f"reviews/{SAR}.md"])
    assert '<a href="https://www.example.org/sar-summary.pdf">Executive summary</a>' in sar
    assert '<a href="https://www.example.org/sar-easy-read.pdf">Easy read summary</a> <small>(Easy read version)</small>' in sar
    assert '<a href="http://www.example.org/sar-action-plan">Action plan</a>' in sar
    plain = html(pages["reviews/exampleshire-2019-plain.md"])
    assert "<p>The report is not linked here: ask Example Partnership for a copy.</p>" in plain


def test_linked_entries_are_shown_both_ways_apart_from_the_theme_based_list(published):
    sar = published.review(SAR)
    one_way = replaced(published, dataclasses.replace(sar, related=()))  # only the national review names the other
    pages = render_pages(one_way, {SAR: ["exampleshire-2019-plain", NATIONAL]}, today=TODAY)
    for ident, other in ((NATIONAL, "exampleshire-2024-sar-three-adults.md"), (SAR, "exampleshire-2023-national-review.md")):
        page = html(pages[f"reviews/{ident}.md"])
        linked = page[page.index("Linked entries") :]
        assert f'<a href="{other}">' in linked, ident
    sar_page = html(pages[f"reviews/{SAR}.md"])
    related = sar_page[sar_page.index("Related entries") :]
    assert "exampleshire-2019-plain.md" in related and "exampleshire-2023-national-review.md" not in related  # not listed twice
    # An entry that is not public is never linked, whichever side names it.
    national = published.review(NATIONAL)
    hidden = Published(published.themes, tuple(r for r in published.reviews if r.id != SAR))
    page = html(render_pages(hidden, today=TODAY)[f"reviews/{NATIONAL}.md"])
    assert "Linked entries" not in page and SAR not in page and national.related == (SAR,)


def test_actions_show_owner_due_date_last_update_evidence_and_overdue(published):
    page = html(render_pages(published, today=TODAY)[f"reviews/{NATIONAL}.md"])
    actions = page[page.index("Improvement actions") : page.index('id="overview"')]
    assert (
        '<span class="kb-status kb-status--in-progress">In progress</span> <strong class="kb-overdue">Overdue</strong>'
        " Agree one way of passing on records when a family moves.<br>\n"
        "  <small>Owner: Example Children's Services · Due March 2024 · Last update 15 January 2024</small><br>\n"
        "  <small>Evidence: An audit of moves between the two areas in the following year.</small>"
    ) in actions
    assert actions.count("kb-overdue") == 1, "a done action is never overdue"
    earlier = html(render_pages(published, today=dt.date(2024, 3, 31))[f"reviews/{NATIONAL}.md"])
    assert "kb-overdue" not in earlier, "due March 2024 is not overdue until March is over"


def test_an_expired_source_makes_the_page_historic_learning(published):
    assert '<p class="admonition-title">Historic learning</p>' not in html(render_pages(published, today=TODAY)[f"reviews/{SAR}.md"])
    page = html(render_pages(published, today=dt.date(2040, 1, 1))[f"reviews/{SAR}.md"])
    assert '<p class="admonition-title">Historic learning</p>' in page
    assert "The source asks that its material is not used after 2039." in page


def test_every_new_value_is_escaped(published):
    sar = published.review(SAR)
    odd = dataclasses.replace(
        sar,
        reference="<script>x</script> [r](javascript:x)",
        author="*Reviewer* {: #evil }",
        links=(Link("other", 'https://www.example.org/a)b"<x>', "Title <img src=x> [t](u)"),),
        actions=(Action("Act.", "planned", owner="<b>Owner</b>", due="2024-06", evidence="Seen {: .evil }"),),
    )
    page = html(render_pages(replaced(published, odd), today=TODAY)[f"reviews/{SAR}.md"])
    assert "<script" not in page and "<img" not in page and "<b>Owner</b>" not in page
    assert 'id="evil"' not in page and 'class="evil"' not in page and 'href="javascript' not in page
    assert "&lt;script&gt;x&lt;/script&gt; [r](javascript:x)" in page
    assert 'href="https://www.example.org/a%29b%22%3Cx%3E"' in page
    actions = html(render_pages(replaced(published, odd), today=TODAY)["actions.md"])
    assert "<b>Owner</b>" not in actions and 'data-owner="&lt;b&gt;Owner&lt;/b&gt;"' in actions


def test_the_actions_page_counts_lists_overdue_first_and_carries_the_filter_values(published):
    page = render_pages(published, today=TODAY)["actions.md"]
    _, meta, _ = page.split("---\n", 2)
    assert yaml.safe_load(meta)["kb_index"] is False
    text = html(page)
    counts = text[text.index('<div class="kb-counts">') :]
    assert "<li><strong>3</strong> actions from 2 entries</li>" in counts
    assert "<li><strong>1</strong> planned</li>" in counts and "<li><strong>1</strong> in progress</li>" in counts
    assert "<li><strong>1</strong> done</li>" in counts and "<li><strong>0</strong> not known</li>" in counts
    assert "<li><strong>2</strong> overdue</li>" in counts
    assert "needs JavaScript, which is turned off or not available in this browser: every action is listed below" in text
    headings = [line for line in text.splitlines() if line.startswith("<h2")]
    assert [h.split(">")[1].split("<")[0] for h in headings][:2] == ["Overdue (2)", "Done (1)"]
    overdue = text[text.index("Overdue (2)") : text.index("Done (1)")]
    assert overdue.index("Agree one way") < overdue.index("self-neglect procedure"), "earliest due first"
    item = text[text.index("<li", text.index("Overdue (2)")) :]
    item = item[: item.index("</li>")]
    for attribute in ('data-status="In progress"', "data-owner=\"Example Children&#x27;s Services\"", 'data-board="Example National Review Panel"',
                      'data-theme="Physical abuse and injury|Information sharing and record keeping"', 'data-overdue="yes"'):
        assert attribute in item or attribute.replace("&#x27;", "'") in item, attribute
    assert '<a href="reviews/exampleshire-2023-national-review.md">' in item


def test_the_learning_index_charts_actions_by_status_over_time(published):
    text = html(render_pages(published, today=TODAY)["learning-index.md"])
    section = text[text.index("Improvement actions over time") :]
    assert 'aria-labelledby="chart-actions-years-title chart-actions-years-desc"' in section
    assert "newest year first: 2024: planned 1; 2023: in progress 1, done 1." in section
    assert 'class="kb-chart__seg kb-chart__seg--in-progress"' in section and 'class="kb-chart__seg kb-chart__seg--done"' in section
    table = section[section.index('<table class="kb-table">') :]
    assert "<caption>Improvement actions by year of the entry and status</caption>" in table
    assert '<tr><th scope="row">2023</th><td class="kb-num">0</td><td class="kb-num">1</td><td class="kb-num">1</td><td class="kb-num">0</td><td class="kb-num">2</td></tr>' in table
    assert "2019" not in table, "years without actions have no row"
