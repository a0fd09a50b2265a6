"""Website build on the synthetic corpus: time, peak memory, site size, one review page, one search's download.

Goals (issue 4, on this 2-core machine): `lscb-kb build` (validation, search index,
pages, Pagefind; from scratch) of 1,000 entries in under 30 s and of 5,000 in under
150 s; one search downloads under 300 KB at 5,000 entries; a review page is under 40 KB.

The downloads (a Word briefing per entry, a Word handout and starter slides per
theme) are a plugin option, so each size is built twice: without and with them.
Each build runs in a fresh process on a copy of the corpus with the repository's
current website settings (mkdocs.yml, content/).
Run: python -m benchmarks.bench_site [SIZES...]
"""

from __future__ import annotations

import gzip
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from .common import corpus, lscb_kb, measure, search_once, serving, table

REPO = Path(__file__).resolve().parent.parent
WEBSITE = ("mkdocs.yml", "content")
# Practitioners' searches, from specific to words the synthetic text repeats on every page.
QUERIES = ["bruising", "county lines", "professional curiosity", "escalation", "did not attend", "missed health appointments"]
CHROMIUM = Path("/usr/bin/chromium")


def prepare(size: int, folder: Path, downloads: bool) -> Path:
    root = folder / f"kb-{size}-{'downloads' if downloads else 'plain'}"
    shutil.copytree(corpus(size), root, ignore=shutil.ignore_patterns("site", "build", ".site-*"))
    for name in WEBSITE:
        shutil.rmtree(root / name, ignore_errors=True)
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, root / name)
    settings = root / "mkdocs.yml"
    text = re.sub(r"downloads: (true|false)", f"downloads: {'true' if downloads else 'false'}", settings.read_text(encoding="utf-8"))
    settings.write_text(text, encoding="utf-8")
    return root


def site_figures(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    reviews = sorted(p.stat().st_size for p in (site / "reviews").glob("*/index.html"))
    median_page = next(p for p in (site / "reviews").glob("*/index.html") if p.stat().st_size == reviews[len(reviews) // 2])
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "files": len(files),
        "downloads_mb": sum(p.stat().st_size for p in files if "downloads" in p.parts) / 1e6,
        "review_kb": statistics.median(reviews) / 1000,
        "review_max_kb": reviews[-1] / 1000,
        "review_gzip_kb": len(gzip.compress(median_page.read_bytes())) / 1000,
        "browse_kb": (site / "browse" / "index.html").stat().st_size / 1000,
    }


def search_bytes(site: Path) -> list[tuple]:
    """KB a browser downloads for one search, per query, each in a fresh browser (nothing cached).

    Pagefind's index, filter and result files are compressed on disk; its
    script and the site's pages, styles and scripts are not, so figures are
    given as a server compressing text files with gzip would send them.
    """
    from playwright.sync_api import sync_playwright

    rows = []
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        for query in QUERIES:
            loaded, after = search_once(browser, base, query)
            sizes = loaded + after
            pagefind = sum(size for url, size in sizes if "/pagefind/" in url)
            rows.append((query, sum(size for _, size in loaded), sum(size for _, size in after), pagefind, sum(s for _, s in sizes)))
        browser.close()
    return rows


def main(sizes: list[int]) -> None:
    rows, searches = [], []
    with tempfile.TemporaryDirectory(prefix="lscb-kb-bench-site-") as folder:
        for size in sizes:
            for downloads in (False, True):
                root = prepare(size, Path(folder), downloads)
                seconds, peak, done = measure([*lscb_kb(), "--root", str(root), "build"])
                if done.returncode != 0:
                    raise SystemExit(f"the build failed on the synthetic corpus:\n{done.stderr}")
                figures = site_figures(root / "site")
                rows.append(
                    (
                        f"{size:,}", "yes" if downloads else "no", f"{seconds:.1f}", f"{peak:.0f}", f"{figures['site_mb']:.0f}",
                        f"{figures['files']:,}", f"{figures['downloads_mb']:.0f}", f"{figures['review_kb']:.1f}",
                        f"{figures['review_max_kb']:.1f}", f"{figures['review_gzip_kb']:.1f}", f"{figures['browse_kb']:.0f}",
                    )
                )
                if not downloads and CHROMIUM.exists():
                    for query, *figures in search_bytes(root / "site"):
                        searches.append((f"{size:,}", query, *(f"{kb / 1000:.0f}" for kb in figures)))
                shutil.rmtree(root)
    print("Website build (`lscb-kb build` from scratch: validation, search index, pages, Pagefind; whole process)")
    print(
        table(
            rows,
            ("entries", "downloads", "build s", "peak MB", "site MB", "files", "downloads MB", "review KB (median)",
             "review KB (max)", "review KB gzip", "browse KB"),
        )
    )
    if searches:
        print("\nOne search in Chromium, nothing cached: KB downloaded (text files gzip-compressed, as a web server sends them)")
        header = ("entries", "query", "search page loaded", "query + 10 results", "all Pagefind files", "everything")
        print(table(searches, header))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
