"""`lscb-kb init`: a new partnership's knowledge base, written from the starter kit in the package.

The kit (`lscb_kb/starter/`) holds the website settings, the settings file, the
pull-request workflow and template, the pre-commit hook and the content pages
with `TODO` placeholders that `validate` reports until the partnership fills
them in; the standard taxonomy comes from the package too (`lscb_kb.taxonomy`),
so a new site builds and can be previewed at once.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib import resources
from pathlib import Path

from . import __version__
from .errors import KnowledgeBaseError, UsageProblem
from .layout import THEMES_DIR

# Files whose names start with a dot are kept in the package without it.
_RENAMED = {"github": ".github", "gitignore": ".gitignore", "pre-commit-config.yaml": ".pre-commit-config.yaml"}
_VERSIONED = {".github/workflows/check.yml", ".github/workflows/publish.yml", ".pre-commit-config.yaml"}  # pin the release that wrote them


class FolderNotEmpty(UsageProblem):
    """`init` never writes into a folder that already holds something."""


def _kit_files() -> dict[str, bytes]:
    """Every file of a new knowledge base, by its path inside it."""
    files: dict[str, bytes] = {}

    def walk(folder, prefix: str) -> None:
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            if item.name == "__pycache__":
                continue
            name = _RENAMED.get(item.name, item.name) if not prefix else item.name
            path = f"{prefix}{name}"
            if item.is_dir():
                walk(item, f"{path}/")
            else:
                files[path] = item.read_bytes()

    walk(resources.files("lscb_kb") / "starter", "")
    for theme in resources.files("lscb_kb.taxonomy").iterdir():
        if theme.name.endswith(".md"):
            files[f"{THEMES_DIR}/{theme.name}"] = theme.read_bytes()
    for path in _VERSIONED:
        files[path] = files[path].replace(b"$version", __version__.encode())
    return files


def create_knowledge_base(dest: Path) -> list[str]:
    """Write a new knowledge base into `dest` (missing or empty); return the paths written.

    Everything is written into a temporary folder beside `dest` and moved into
    place at the end, so an interruption leaves no half-made knowledge base.
    """
    dest = dest.absolute()
    if dest.exists():
        if not dest.is_dir():
            raise FolderNotEmpty(f"{dest} is a file: name a new or empty folder for the knowledge base.")
        if any(dest.iterdir()):
            raise FolderNotEmpty(f"{dest} is not empty: name a new or empty folder, so that nothing in it is overwritten.")
    files = _kit_files()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{dest.name}.init-", dir=dest.parent))
    except OSError as error:
        raise KnowledgeBaseError(f"could not write the knowledge base in {dest}: {error.strerror or error}.") from None
    try:
        for path, data in files.items():
            target = temporary / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if dest.exists():
            dest.rmdir()  # empty, checked above
        temporary.rename(dest)
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise KnowledgeBaseError(f"could not write the knowledge base in {dest}: {error.strerror or error}.") from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return sorted(files)
