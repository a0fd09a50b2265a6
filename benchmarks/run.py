"""Run every benchmark at the sizes the issues name and print their figures.

Run from the repository root: python -m benchmarks.run (or `make bench`).
Corpora are generated once into benchmarks/out/ (ignored by git) and reused.
"""

from __future__ import annotations

from . import bench_exports, bench_import, bench_search, bench_site, bench_validate


def main() -> None:
    for title, bench, sizes in (
        ("Validation", bench_validate, [1000, 10000]),
        ("Search index", bench_search, [1000, 10000]),
        ("Website build", bench_site, [1000, 5000]),
        ("Exports", bench_exports, [1000, 5000]),
        ("Import", bench_import, [5000]),
    ):
        print(f"\n== {title} ==", flush=True)
        bench.main(sizes)


if __name__ == "__main__":
    main()
