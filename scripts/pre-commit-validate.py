"""The pre-commit hook of this repository: checks the review and theme files of a commit with the
repository's own lscb-kb, the one in `.venv` (made by `make install`, or on Windows by
`py -m venv .venv` and `.venv\\Scripts\\pip install -e .`).

pre-commit runs this script with a Python of its own, so nothing needs to be activated; the script
then runs `.venv`'s Python (bin/ on Linux and macOS, Scripts\\ on Windows), so the hook always
uses the code of the working tree with its pinned dependencies.

Usage (pre-commit passes the file names): pre-commit-validate.py [--root FOLDER] FILE...
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def main(args: list[str]) -> int:
    root = REPOSITORY
    if args[:1] == ["--root"] and len(args) > 1:
        root, args = Path(args[1]), args[2:]
    for python in (REPOSITORY / ".venv" / "bin" / "python", REPOSITORY / ".venv" / "Scripts" / "python.exe"):
        if python.is_file():
            return subprocess.call([str(python), "-m", "lscb_kb", "--root", str(root), "validate", *args])
    print(
        "The check needs the repository's environment, which is not set up yet. In this folder, run\n"
        "  make install\n"
        "or, on Windows:\n"
        "  py -m venv .venv\n"
        "  .venv\\Scripts\\pip install -e .\n"
        "and commit again.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
