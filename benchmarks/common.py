"""Helpers shared by the benchmark scripts: corpora on disk and measured subprocesses."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .corpus import generate

OUT = Path(__file__).resolve().parent / "out"


def corpus(count: int, seed: int = 1) -> Path:
    """A synthetic knowledge base of `count` reviews, generated once and reused."""
    root = OUT / f"corpus-{count}-{seed}"
    marker = root / ".complete"
    if not marker.exists():
        generate(root, count, seed)
        marker.write_text("ok")
    return root


def measure(args: list[str], cwd: Path | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command in a fresh process: (seconds, peak memory in MB, result)."""
    script = (
        "import resource, subprocess, sys, time, json\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "elapsed = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([elapsed, peak, done.returncode]))\n"
        "sys.stderr.write(done.stderr[-2000:])\n"
    )
    wrapper = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=cwd)
    import json

    elapsed, peak, code = json.loads(wrapper.stdout.strip().splitlines()[-1])
    return elapsed, peak, subprocess.CompletedProcess(args, code, "", wrapper.stderr)


def lscb_kb() -> list[str]:
    """The command line of the installed tool, in this interpreter's environment."""
    return [sys.executable, "-m", "lscb_kb"]


def table(rows: list[tuple], header: tuple) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *map(line, rows)])





def transfer_size(request) -> int:
    """The bytes a finished browser request would cost from a server that compresses text (gzip)."""
    import gzip
    import re

    response = request.response()
    body = response.body() if response else b""
    text = re.search(r"\.(html|css|js|json|xml)$|/$", request.url.split("?")[0])
    return len(gzip.compress(body)) if text else len(body)


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """A built site served from a local web server in this process: yields its address."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search_once(browser, base: str, query: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """One question on the search page of a fresh browser context (nothing cached): the requests
    (address, bytes sent with gzip for text files) until the page had loaded, and those after Enter."""
    from playwright.sync_api import expect

    sizes: list[tuple[str, int]] = []
    context = browser.new_context()
    page = context.new_page()
    # The context sees the requests of Pagefind's worker too (the page does not always).
    context.on("requestfinished", lambda request: sizes.append((request.url, transfer_size(request))))
    page.goto(f"{base}search/")
    expect(page.locator("#kb-search-status")).to_contain_text("Type some words", timeout=60_000)
    page.wait_for_load_state("networkidle")
    loaded = len(sizes)
    page.fill("#kb-q", query)
    page.press("#kb-q", "Enter")
    expect(page.locator("#kb-search-status")).to_contain_text(f"\u201c{query}\u201d", timeout=60_000)
    page.wait_for_load_state("networkidle")
    context.close()
    return sizes[:loaded], sizes[loaded:]

