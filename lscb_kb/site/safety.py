"""What keeps contributed text from running as code on the site: the HTML sanitiser (an allow-list
matched to the Markdown extensions in mkdocs.yml) and the Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Iterable

import nh3

# --- sanitising ------------------------------------------------------------------------------------

# What Python-Markdown and the extensions in mkdocs.yml produce (toc, admonition, attr_list,
# def_list, footnotes, md_in_html, tables), plus the generated pages' own markup: definition
# lists of facts, details blocks, figures with inline SVG charts and scrollable tables.
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "kbd", "li", "mark", "ol", "p",
    "pre", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
    "svg", "g", "rect", "text", "title", "desc",
}
ALLOWED_ATTRIBUTES = {
    "*": {
        "id", "class", "title", "role", "lang", "tabindex", "aria-label", "aria-labelledby", "aria-describedby",
        "aria-hidden", "data-pagefind-ignore", "data-theme", "data-type", "data-year", "data-area", "data-age",
        "data-age-order", "data-status", "data-status-order", "data-owner", "data-board", "data-overdue",
        "data-pagefind-weight",
    },
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type"},
    "li": {"value"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "details": {"open"},
    "div": {"hidden"},  # an entry's search terms: indexed, never shown
    "svg": {"viewbox", "viewBox", "width", "height", "focusable"},
    "rect": {"x", "y", "width", "height", "rx"},
    "text": {"x", "y"},
}


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    """No id that could stand in for the theme's or the site's own elements.

    Material's ids start with '__' (`__config`, `__drawer`, ...); the site's
    script finds its own by 'kb-' ids, which only the generated pages' <div>
    elements carry. A heading or an attribute list of a contributor could
    otherwise take one over (the validator refuses such attribute lists too).
    """
    if name == "id" and (value.startswith("__") or (value.startswith("kb-") and tag != "div")):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    attribute_filter=_keep_attribute,
)


def sanitise(fragment: str) -> str:
    """Rendered page content with anything outside the allow-list removed (scripts, handlers, styles, iframes)."""
    return _CLEANER.clean(fragment)


# --- Content-Security-Policy -------------------------------------------------------------------------------

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_scripts(markup: str) -> list[str]:
    """The code of the inline scripts a browser would run (not `src=` files, not JSON data), in order.

    Used on templates (to learn the site's own scripts), never on a finished
    page to decide what it may run.
    """
    return [
        match.group("code")
        for match in _INLINE_SCRIPT.finditer(markup)
        if "src=" not in match.group("attrs") and "application/json" not in match.group("attrs")
    ]


def script_hash(code: str) -> str:
    """A CSP source for one inline script: 'sha256-...' of its exact text."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(code.encode('utf-8')).digest()).decode()}'"


def content_security_policy(own_scripts: Iterable[str] = ()) -> str:
    """The site's Content-Security-Policy: only the site's own scripts run.

    - Scripts: files from this origin ('self'), and inline scripts only by the
      hash of a script the site itself ships (`own_scripts`: the inline
      scripts of the theme's and the project's templates, rendered for the
      page's depth by the plugin). The hashes never come from page content, so
      a script that reached a page some other way has no hash and does not run.
      'wasm-unsafe-eval' lets Pagefind compile its WebAssembly; nothing else
      may evaluate code.
    - Styles, fonts, images, requests and workers come from this origin only
      (images may also be data: URLs, which Material uses for icons): no third
      party sees a reader's visit.
    - No plugins, frames, <base> changes or form posts elsewhere.
    """
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *dict.fromkeys(map(script_hash, own_scripts))])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; font-src 'self';"
        " connect-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
    )


def add_csp(page: str, own_scripts: Iterable[str] = ()) -> str:
    """The page with its Content-Security-Policy meta tag first in <head>, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(own_scripts)}">'
    charset = re.search(r"<meta charset=[^>]*>", page, re.IGNORECASE)
    if charset:
        return page[: charset.end()] + "\n    " + tag + page[charset.end() :]
    head = re.search(r"<head[^>]*>", page, re.IGNORECASE)
    if not head:
        return page
    return page[: head.end()] + tag + page[head.end() :]
