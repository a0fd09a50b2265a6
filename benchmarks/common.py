"""Helpers shared by the benchmark scripts: corpora on disk and measured subprocesses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
