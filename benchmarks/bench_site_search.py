"""The website's search and build against plain tools (issue "Practitioners find the learning on the website").

1. Search at 5,000 synthetic entries, in Chromium from a local server: KB downloaded per query
   once the search page has loaded (nothing cached; text files counted gzip-compressed, as a web
   server sends them), including the relaxed match's extra searches, for the practitioners'
   questions of the relevance test; and the time from pressing Enter to the results shown (warm
   page), median and 95th percentile.
   Goals: <= 300 KB per question, p95 <= 300 ms.
2. Site build at 1,000 entries: `lscb-kb build` (downloads on) against plain Material for MkDocs
   building the pages `lscb-kb stage` writes, plus Pagefind on its output. Goal: <= 2x.

Run: python -m benchmarks.bench_site_search [SEARCH_SIZE [BUILD_SIZE]]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .bench_site import CHROMIUM, REPO, prepare
from .common import OUT, lscb_kb, measure, search_once, serving, table

QUESTIONS = [item["q"] for item in yaml.safe_load((REPO / "tests" / "data" / "practitioner_questions.yaml").read_text(encoding="utf-8"))]


SHOWN = "words => document.getElementById('kb-search-status').textContent.includes(words)"


def search_figures(site: Path, queries: list[str]) -> tuple[list[tuple], list[float]]:
    """(per query: KB after the page loaded, Pagefind requests), and the Enter-to-results times in ms."""
    from playwright.sync_api import expect, sync_playwright

    rows, times = [], []
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        for query in queries:
            loaded, after = search_once(browser, base, query)
            rows.append((query, sum(s for _, s in loaded), sum(s for _, s in after), sum(1 for u, _ in after if "/pagefind/" in u)))
        # Time from Enter to results shown, on a warm page (search loaded once, as a person searching again).
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}search/")
        expect(page.locator("#kb-search-status")).to_contain_text("Type some words", timeout=60_000)
        for query in queries + queries:  # the second round: files already fetched
            page.fill("#kb-q", "")
            page.fill("#kb-q", query)
            started = time.perf_counter()
            page.press("#kb-q", "Enter")
            # Checked at every frame the browser draws: `expect` polls at 100-500 ms steps, which would
            # round each time up to the next step.
            page.wait_for_function(SHOWN, arg=f"\u201c{query}\u201d", polling="raf", timeout=20_000)
            times.append((time.perf_counter() - started) * 1000)
        context.close()
        browser.close()
    return rows, times


def plain_stack(root: Path, folder: Path) -> tuple[float, float]:
    """Seconds for plain Material for MkDocs on `lscb-kb stage`'s pages, and for Pagefind on its output."""
    staged = folder / "staged"
    done = measure([*lscb_kb(), "--root", str(root), "stage", str(staged)])[2]
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    settings = folder / "plain-mkdocs.yml"
    # The navigation our site has (entry, theme and briefing pages are reached from the lists, not the
    # sidebar): with every page in the sidebar, Material's build grows with the square of the pages.
    top = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*.md") if not p.relative_to(staged).as_posix().startswith(("reviews/", "briefings/", "themes/")))
    nav = "".join(f"  - {path}\n" for path in [*top, "themes/index.md"])
    settings.write_text(
        f"site_name: Plain\ndocs_dir: {staged}\nsite_dir: {folder / 'plain-site'}\ntheme:\n  name: material\n"
        "markdown_extensions: [attr_list, md_in_html, admonition, def_list, tables, toc]\nplugins: []\n"
        f"nav:\n{nav}",
        encoding="utf-8",
    )
    mkdocs_seconds, _, done = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(settings)])
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    pagefind_seconds, _, done = measure([sys.executable, "-m", "pagefind", "--site", str(folder / "plain-site"), "--quiet"])
    return mkdocs_seconds, pagefind_seconds


def main(search_size: int = 5000, build_size: int = 1000) -> None:
    with tempfile.TemporaryDirectory(prefix="lscb-kb-bench-site-search-") as name:
        folder = Path(name)
        if build_size:
            root = prepare(build_size, folder, downloads=True)
            ours, _, done = measure([*lscb_kb(), "--root", str(root), "build"])
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            print(f"lscb-kb build: {ours:.1f} s", flush=True)
            again, _, done = measure([*lscb_kb(), "--root", str(root), "build"])
            print(f"rebuild: {again:.1f} s", flush=True)
            mkdocs_seconds, pagefind_seconds = plain_stack(root, folder)
            plain = mkdocs_seconds + pagefind_seconds
            print(f"Site build, {build_size:,} entries")
            print(table(
                [(f"{build_size:,}", f"{ours:.1f}", f"{again:.1f}", f"{mkdocs_seconds:.1f} + {pagefind_seconds:.1f}",
                  f"{ours / plain:.1f}x", f"{again / plain:.1f}x")],
                ("entries", "lscb-kb build s (first)", "rebuild s (nothing changed)", "plain Material + Pagefind s",
                 "ratio (first)", "ratio (rebuild)"),
            ))
            shutil.rmtree(root)
        if search_size and CHROMIUM.exists():
            # The built site is kept in benchmarks/out (the build takes minutes); delete it to measure new code.
            kept = OUT / f"site-search-{search_size}"
            if not (kept / "site" / "search-vocabulary.json").exists():
                root = prepare(search_size, folder, downloads=False)
                done = measure([*lscb_kb(), "--root", str(root), "build"])[2]
                if done.returncode != 0:
                    raise SystemExit(done.stderr)
                shutil.rmtree(kept, ignore_errors=True)
                kept.mkdir(parents=True)
                shutil.move(str(root / "site"), kept / "site")
            theme = REPO / "lscb_kb" / "site" / "theme" / "assets"  # the current script and styles, without a rebuild
            for name in ("javascripts/porter2.js", "javascripts/lscb-kb.js", "stylesheets/lscb-kb.css"):
                shutil.copyfile(theme / name, kept / "site" / "assets" / name)
            rows, times = search_figures(kept / "site", QUESTIONS)
            print(f"\nSearch, {search_size:,} entries, {len(rows)} practitioners' questions, Chromium, nothing cached")
            per_query = [after for _, _, after, _ in rows]
            print(table(
                [(f"{search_size:,}", f"{statistics.median([r[1] for r in rows]) / 1000:.0f}",
                  f"{statistics.median(per_query) / 1000:.0f}", f"{max(per_query) / 1000:.0f}",
                  f"{statistics.median([r[3] for r in rows]):.0f}",
                  f"{statistics.median(times):.0f}", f"{statistics.quantiles(times, n=20)[-1]:.0f}")],
                ("entries", "page load KB", "per query KB (median)", "per query KB (max)", "Pagefind requests (median)",
                 "Enter to results ms (median)", "p95 ms"),
            ))
            within = sum(1 for kb in per_query if kb <= 300_000)
            print(f"questions within 300 KB: {within} of {len(rows)}")
            heaviest = sorted(rows, key=lambda r: -r[2])[:3]
            print("heaviest: " + "; ".join(f"{q!r} {kb / 1000:.0f} KB" for q, _, kb, _ in heaviest))


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]]
    main(*sizes)
