"""Validation speed: `lscb-kb validate` against a bare python-frontmatter parse of the same files.

Goal (issue 2): 10,000 entries in under 2x the bare parse and under 10 s on a 2-core machine.
Run: python -m benchmarks.bench_validate [SIZES...]
"""

from __future__ import annotations

import sys

from .common import corpus, lscb_kb, measure, table

BARE_PARSE = (
    "import frontmatter, pathlib, sys\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).glob('*/*.md')):\n"
    "    frontmatter.loads(path.read_text(encoding='utf-8'))\n"
)


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        root = corpus(size)
        bare_s, bare_mb, _ = measure([sys.executable, "-c", BARE_PARSE, str(root)])
        val_s, val_mb, done = measure([*lscb_kb(), "--root", str(root), "validate"])
        if done.returncode != 0:
            raise SystemExit(f"validate failed on the synthetic corpus:\n{done.stderr}")
        rows.append((f"{size:,}", f"{val_s:.2f}", f"{val_mb:.0f}", f"{bare_s:.2f}", f"{bare_mb:.0f}", f"{val_s / bare_s:.2f}x"))
    print("Validation (seconds, peak MB; whole process, including start-up)")
    print(table(rows, ("entries", "validate s", "validate MB", "bare parse s", "bare MB", "ratio")))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
