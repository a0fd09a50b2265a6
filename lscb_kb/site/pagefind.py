"""Pagefind, the website's search engine: the filter markup of each page and the index of the built site."""

from __future__ import annotations

import gzip
import html
import json
import subprocess
import sys
from pathlib import Path
from typing import Mapping

import cbor2

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


SIGNATURE = b"pagefind_dcd"  # what Pagefind's index files start with, once unzipped

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


def index_parts(site_dir: Path) -> list[list]:
    """Each part of the site's Pagefind word index, in order: [first word, last word, KB to download].

    Pagefind cuts its alphabetical word index into parts of about 20,000 word positions and downloads,
    for each word searched, the parts whose bounds hold it: a rare word next to a very common one costs
    as much as the common word. The search page reads these bounds to choose searches that fit its budget.
    (The bounds are in the index's page list, `pagefind.<language>.pf_meta`: gzip, a signature, then CBOR.)
    """
    bundle = Path(site_dir) / "pagefind"
    try:
        languages = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        language = max(languages.values(), key=lambda found: found["page_count"])  # the site's own language
        meta = gzip.decompress((bundle / f"pagefind.{language['hash']}.pf_meta").read_bytes())
        if not meta.startswith(SIGNATURE):
            raise ValueError("no signature")
        parts = cbor2.loads(meta[len(SIGNATURE):])[2]
        return [[first, last, -(-(bundle / "index" / f"{name}.pf_index").stat().st_size // 1024)] for first, last, name in parts]
    except (OSError, ValueError, KeyError, IndexError, TypeError, cbor2.CBORDecodeError) as error:
        raise SiteError(f"Pagefind's index is not in the form this version of lscb-kb reads ({error}); reinstall lscb-kb with its pinned Pagefind.") from None
