"""Search index speed on the synthetic corpus: build, incremental update, warm and cold queries.

Goals (issue 3, on a 2-core machine, at 10,000 entries): full build under 60 s,
one changed entry re-indexed under 1 s, warm query p95 under 50 ms, cold
`lscb-kb search` (process start to printed results) under 0.6 s. The cold
search includes the freshness check, which reads and hashes every file
(shown on its own); one embargoed entry means a full rebuild, so that its
text leaves the index files.

Each measurement runs in a fresh process on a copy of the corpus, so the
shared corpus in benchmarks/out is never modified.
Run: python -m benchmarks.bench_search [SIZES...]
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import corpus, table

QUERIES = [
    "missed health appointments", "bruising on a baby who is not crawling", "did not attend", "dad not assessed",
    "family members used as interpreters", "domestic abuse", "NAI", "poor home conditions", "going missing",
    "exploitation by older young people", "information sharing at transfer", "MASH referral", "safer sleep",
    "self-neglect", "professional curiosity", "the mother's low mood", "cannabis use by the carer", "CSE",
    "start again syndrome", "school attendance", "previous child protection plan", "health visitor", "GP",
    "escalation", "early help step-down", "unexplained injury", "coercive control", "the father's history",
    "move between areas", "the nursery referral", "probation officer", "housing officer", "substance misuse",
    "lived experience of the child", "disguised compliance", "threshold for referral", "neglect", "WNB",
    "midwife concerns", "school nurse", "designated safeguarding lead", "wish to stay with a relative",
    "repeated domestic abuse incidents", "DV", "county lines", "infant injuries", "multi-agency review",
    "thematic review of neglect", "audit of the front door", "practice review",
]
FILTERS = {"themes": ["neglect"], "since": 2015, "types": ["scr", "lcspr", "audit", "learning-review"]}


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child process, in MB."""
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )


def worker_build(root: Path) -> dict:
    from lscb_kb.catalogue import load_catalogue
    from lscb_kb.search import INDEX_DIR, build_index

    published = load_catalogue(root).published()
    start = time.perf_counter()
    build_index(published, root / INDEX_DIR, rebuild=True)
    seconds = time.perf_counter() - start
    parent, child = _peak_mb()
    return {"entries": len(published.reviews), "seconds": seconds, "parent_mb": parent, "child_mb": child}


def worker_update(root: Path) -> dict:
    from lscb_kb.catalogue import load_catalogue
    from lscb_kb.search import INDEX_DIR, build_index

    entry = sorted((root / "reviews").glob("*.md"))[len(list((root / "reviews").glob("*.md"))) // 2]
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("## Findings\n", "## Findings\n\nA benchmark edit mentioning a zeppelin.\n", 1), encoding="utf-8")
    published = load_catalogue(root).published()
    start = time.perf_counter()
    report = build_index(published, root / INDEX_DIR)
    seconds = time.perf_counter() - start
    assert not report.full and len(report.updated) == 1, report
    return {"seconds": seconds}


def worker_embargo(root: Path) -> dict:
    from lscb_kb.catalogue import load_catalogue
    from lscb_kb.search import INDEX_DIR, build_index

    entries = sorted((root / "reviews").glob("*.md"))
    entry = next(e for e in entries[len(entries) // 3 :] if "\nstatus: published\n" in e.read_text(encoding="utf-8"))
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("\nstatus: published\n", "\nstatus: embargoed\n", 1), encoding="utf-8")
    published = load_catalogue(root).published()
    start = time.perf_counter()
    report = build_index(published, root / INDEX_DIR)
    seconds = time.perf_counter() - start
    assert report.full and len(report.removed) == 1, report
    return {"seconds": seconds}


def worker_stamp(root: Path) -> dict:
    from lscb_kb.search import source_stamp

    timings = []
    for _ in range(5):
        start = time.perf_counter()
        source_stamp(root)
        timings.append(time.perf_counter() - start)
    return {"seconds": statistics.median(timings)}


def worker_queries(root: Path) -> dict:
    from lscb_kb.search import INDEX_DIR, search

    index_dir = root / INDEX_DIR
    search(index_dir, "warm up")  # opens the index once, as a long-running process would
    timings: dict[str, list[float]] = {"plain": [], "filtered": []}
    for kind, filters in (("plain", {}), ("filtered", FILTERS)):
        for query in QUERIES:
            start = time.perf_counter()
            search(index_dir, query, **filters)
            timings[kind].append((time.perf_counter() - start) * 1000)
    return {kind: _percentiles(values) for kind, values in timings.items()}


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"p50": statistics.median(ordered), "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)]}


WORKERS = {"build": worker_build, "update": worker_update, "embargo": worker_embargo, "stamp": worker_stamp, "queries": worker_queries}


def _run_worker(name: str, root: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_search", "--worker", name, str(root)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent,
    )
    if done.returncode != 0:
        raise SystemExit(f"the {name} benchmark failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cold_search(root: Path, runs: int = 5) -> float:
    """Median seconds from process start to printed results, with an up-to-date index."""
    script = Path(sys.executable).with_name("lscb-kb")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "lscb_kb"]
    timings = []
    for query in QUERIES[:runs]:
        start = time.perf_counter()
        done = subprocess.run([*command, "--root", str(root), "search", query], capture_output=True, text=True)
        timings.append(time.perf_counter() - start)
        if done.returncode != 0 or "result" not in done.stdout:
            raise SystemExit(f"cold search failed:\n{done.stdout}\n{done.stderr}")
    return statistics.median(timings)


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="lscb-kb-bench-search-") as folder:
            root = Path(folder) / "kb"
            shutil.copytree(corpus(size), root)
            build = _run_worker("build", root)
            subprocess.run([sys.executable, "-m", "lscb_kb", "--root", str(root), "index"], check=True, capture_output=True)
            stamp = _run_worker("stamp", root)
            cold = _cold_search(root)
            queries = _run_worker("queries", root)
            update = _run_worker("update", root)
            embargo = _run_worker("embargo", root)
        rows.append(
            (
                f"{build['entries']:,}",
                f"{build['seconds']:.1f}",
                f"{build['parent_mb']:.0f} + {build['child_mb']:.0f}",
                f"{update['seconds']:.2f}",
                f"{embargo['seconds']:.2f}",
                f"{queries['plain']['p50']:.1f} / {queries['plain']['p95']:.1f}",
                f"{queries['filtered']['p50']:.1f} / {queries['filtered']['p95']:.1f}",
                f"{stamp['seconds']:.2f}",
                f"{cold:.2f}",
            )
        )
    print("Search index (seconds; memory: peak MB of the builder + its largest worker process)")
    header = (
        "entries", "full build s", "build peak MB", "1 changed s", "1 embargoed s", "query p50/p95 ms", "filtered p50/p95 ms",
        "freshness check s", "cold search s",
    )
    print(table(rows, header))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        print(json.dumps(WORKERS[sys.argv[2]](Path(sys.argv[3]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 10000])
