"""Script injection stopped at every depth of a real build, and proved in Chromium.

The validator refuses markup in every field (tests/test_adversarial_markup.py),
so these tests go past it: the published view is built in the test with a
payload in a review's title, summary, board, area, source and body and in a
theme's title, synonyms and definition, and handed straight to the site build.
The pages must print it as text; and a test-only template that prints the
title the way Material's own default title template does (`striptags`, no
escaping) shows that a script which still reaches a page gets no hash in the
Content-Security-Policy and does not run. The allowed hashes must be exactly
those of the inline scripts in the shipped templates.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from browsing import chromium, serving
from conftest import REPO

from lscb_kb.catalogue import Published, load_catalogue
from lscb_kb.site import build as site_build
from lscb_kb.site.plugin import THEME_DIR
from lscb_kb.site.safety import inline_scripts, script_hash

pytestmark = pytest.mark.slow

PAYLOAD = "</title><script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
REVIEW = "liverpool-2014-child-mary"
THEME = "neglect"
RAW_PRINTING = '<div class="kb-test-raw" hidden>{% if page.meta and page.meta.title %}{{ page.meta.title | striptags }}{% endif %}</div>\n'
BODY = (
    "## Overview\n\n<script>window.__pwned=3</script>\n\n<p onclick=\"window.__pwned=4\">click</p>\n\n"
    "## Findings {: #__config }\n\nText {: onclick=\"window.__pwned=5\" }\n"
)


def injected(published: Published) -> Published:
    """The shipped view with the payload in every text value of one review and one theme (validator bypassed)."""
    review = published.review(REVIEW)
    review = dataclasses.replace(
        review,
        title=f"Mary {PAYLOAD}",
        summary=f"Summary {PAYLOAD}",
        board=f"Board {PAYLOAD}",
        area=(f"Area {PAYLOAD}",),
        source=dataclasses.replace(review.source, title=f"Report {PAYLOAD}", publisher=f"Publisher {PAYLOAD}"),
        body=BODY,
    )
    theme = published.themes[THEME]
    theme = dataclasses.replace(theme, title=f"Neglect {PAYLOAD}", synonyms=(f"GCP {PAYLOAD}",), body=f"Definition {PAYLOAD}\n")
    themes = dict(published.themes, **{THEME: theme})
    return Published(themes, tuple(review if r.id == REVIEW else r for r in published.reviews))


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("injected") / "kb"
    root.mkdir()
    for name in ("reviews", "themes", "content"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "lscb-kb.yml"):
        shutil.copy(REPO / name, root / name)
    settings = root / "mkdocs.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("downloads: true", "downloads: false").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
        encoding="utf-8",
    )
    # A template of the knowledge base's own that forgets to escape, as Material's own default title
    # does: the last line of defence is the policy.
    footer = root / "overrides" / "partials" / "copyright.html"
    footer.parent.mkdir(parents=True)
    footer.write_text((THEME_DIR / "partials" / "copyright.html").read_text(encoding="utf-8") + RAW_PRINTING, encoding="utf-8")
    catalogue = load_catalogue(root)
    assert not catalogue.errors, catalogue.errors
    site_build.build(root, injected(catalogue.published()))
    return root


def page_of(root: Path, path: str) -> str:
    return (root / "site" / path / "index.html").read_text(encoding="utf-8")


POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def script_src(html: str) -> set[str]:
    return set(re.search(r"script-src ([^;]+);", POLICY.search(html).group(1)).group(1).split())


def shipped_script_hashes(base_url: str) -> set[str]:
    """The hashes of the inline scripts in Material's templates and the package's theme, for a page at base_url."""
    import material

    folders = [THEME_DIR, Path(material.__file__).parent / "templates"]
    hashes = set()
    for folder in folders:
        for template in folder.rglob("*.html"):
            if "languages" in template.parts:
                continue
            for code in inline_scripts(template.read_text(encoding="utf-8")):
                try:  # a script that needs a page's own values (a redirect's target) is never allowed
                    rendered = jinja2.Environment().from_string(code).render(config={"extra": {}}, base_url=base_url)
                except jinja2.UndefinedError:
                    continue
                hashes.add(script_hash(rendered))
    return hashes


class Elements(HTMLParser):
    """Every element's attributes and every script's text, as a browser would parse the page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_the_payload_is_printed_as_text_in_title_description_header_and_page(root):
    for path in (f"reviews/{REVIEW}", f"themes/{THEME}", "themes", "browse", "", "learning-index"):
        html = page_of(root, path)
        before_raw = html.split('<div class="kb-test-raw"')[0]
        elements = Elements(before_raw)
        assert not [s for s in elements.scripts if "__pwned" in s], path
        assert not [a for a in elements.attributes if a[1].startswith("on")], path
        assert [a for a in Elements(html).attributes if a[1] == "id" and a[2] == "__config"] == [("script", "id", "__config")], path
    review = page_of(root, f"reviews/{REVIEW}")
    escaped = "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;"
    assert re.search(r"<title>Mary " + re.escape(escaped), review), "the <title> holds the title as text"
    assert '<meta name="description" content="Summary ' + escaped in review
    header = review[review.index('data-md-component="header-topic"') :][:400]
    assert "Mary " + escaped in header
    theme = page_of(root, f"themes/{THEME}")
    assert re.search(r"<title>Neglect " + re.escape(escaped), theme)
    assert '<meta name="description" content="Definition ' + escaped in theme


def test_the_policy_lists_exactly_the_shipped_templates_scripts_and_nothing_from_the_page(root):
    site_dir = root / "site"
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        relative = page.relative_to(site_dir).parent.as_posix()
        base_url = posixpath.relpath(".", relative) if relative != "." else "."
        if page.name == "404.html":
            base_url = "/"
        allowed = {s for s in script_src(html) if s.startswith("'sha256-")}
        assert allowed == shipped_script_hashes(base_url), page
    injected_page, plain_page = page_of(root, f"reviews/{REVIEW}"), page_of(root, "reviews/cambs-peterborough-2018-katherine-sar")
    assert "<script>window.__pwned=1</script>" in injected_page, "the test-only template printed the payload raw"
    assert POLICY.search(injected_page).group(1) == POLICY.search(plain_page).group(1), "the injected script got no hash"
    injected_hash = script_hash("window.__pwned=1")
    assert all(injected_hash not in p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html"))


# --- in Chromium ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(root):
    with serving(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def chromium_browser():
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize("path", [f"reviews/{REVIEW}/", f"themes/{THEME}/", "themes/", "browse/", "", "learning-index/", "search/?q=pwned"])
def test_no_injected_script_runs_and_the_sites_own_scripts_do(chromium_browser, base_url, path):
    context = chromium_browser.new_context()
    try:
        page = context.new_page()
        dialogs, blocked = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        if path.startswith("search/"):
            page.wait_for_selector("#kb-results li", timeout=15000)  # results with the payload in titles and excerpts
            assert "<script>window.__pwned=1</script>" in page.text_content("#kb-results"), "shown as text"
        assert page.evaluate("typeof window.__pwned") == "undefined", "an injected script ran"
        assert not dialogs
        assert page.evaluate("typeof window.__md_scope") == "object", "Material's own inline script ran (allowed by its hash)"
        if path == f"reviews/{REVIEW}/":
            assert any("inline script" in text for text in blocked), "the raw-printed script was refused by the policy"
            assert "</title><script>window.__pwned=1</script>" in page.title(), "the title shows the payload as text"
    finally:
        context.close()
