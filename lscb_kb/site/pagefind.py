"""Pagefind, the website's search engine: the filter markup of each page and the index of the built site."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path
from typing import Mapping

from ..errors import SiteError

# --- Pagefind -------------------------------------------------------------------------------------------


def pagefind_markup(meta: Mapping) -> str:
    """Hidden elements carrying a page's Pagefind filters, metadata and sort keys (from its front matter)."""
    spec = meta.get("pagefind") or {}
    parts = []
    for key, values in (spec.get("filters") or {}).items():
        parts.extend(f'<span data-pagefind-filter="{html.escape(key)}:{html.escape(str(v))}"></span>' for v in values)
    for kind in ("meta", "sort"):
        for key, value in (spec.get(kind) or {}).items():
            parts.append(f'<span data-pagefind-{kind}="{html.escape(key)}:{html.escape(str(value))}"></span>')
    return f'<div hidden data-pagefind-ignore>{"".join(parts)}</div>' if parts else ""


# Heading permalinks (their pilcrow would show in titles and excerpts) and the edit button.
EXCLUDED_FROM_SEARCH = ".headerlink, .md-content__button"


def index_site(site_dir: Path) -> None:
    """Write the Pagefind search bundle into site_dir/pagefind/ (its binary ships in the pagefind wheel)."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--exclude-selectors", EXCLUDED_FROM_SEARCH, "--quiet"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not (Path(site_dir) / "pagefind" / "pagefind.js").exists():
        raise SiteError(f"Pagefind could not index the site: {(done.stderr or done.stdout).strip()[-2000:]}")
