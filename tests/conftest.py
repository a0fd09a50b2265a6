"""Shared fixtures: the shipped knowledge base, and small knowledge bases built in tmp_path."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lscb_kb.cli import cli

REPO = Path(__file__).resolve().parent.parent


def review_text(ident: str = "test-2020-example", body: str | None = None, **fields) -> str:
    """A valid review entry; keyword arguments replace or add front-matter fields (None removes one)."""
    meta = {
        "id": ident,
        "title": "Example review",
        "type": "scr",
        "status": "published",
        "published": "2020-05",
        "board": "Example Safeguarding Children Partnership",
        "area": ["Exampleshire"],
        "themes": ["neglect", "voice-of-the-child"],
        "summary": "A short summary of an example review.",
        "learning": [{"point": "Practitioners should see the child alone.", "themes": ["voice-of-the-child"]}],
        "actions": [{"action": "Guidance was updated.", "status": "done"}],
        "source": {"publisher": "Example Partnership", "title": "Example review report"},
    }
    for key, value in fields.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    if body is None:
        body = "## Overview\n\nWhat happened.\n\n## Findings\n\nWhat was found.\n"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n\n{body}"


class KnowledgeBaseFactory:
    """A knowledge base in a temporary folder: the shipped themes plus the reviews a test writes."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPO / "themes", root / "themes")
        (root / "reviews").mkdir()
        shutil.copy(REPO / "lscb-kb.yml", root / "lscb-kb.yml")

    def write(self, ident: str = "test-2020-example", text: str | bytes | None = None, **fields) -> Path:
        path = self.root / "reviews" / f"{ident}.md"
        content = review_text(ident, **fields) if text is None else text
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
        return path

    def run(self, *args: str, input: str | None = None):
        return CliRunner().invoke(cli, ["--root", str(self.root), *args], input=input, catch_exceptions=False)


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBaseFactory:
    return KnowledgeBaseFactory(tmp_path / "kb")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shipped():
    """The published view of the shipped knowledge base."""
    from lscb_kb.catalogue import load_catalogue

    catalogue = load_catalogue(REPO)
    assert not catalogue.errors, "\n".join(map(str, catalogue.errors))
    return catalogue.published()
