"""One real build of the shipped knowledge base, plus canary entries that must never be published.

Shared by the site and browser tests (built once per test session): the
shipped reviews, themes, content and website settings are copied into a
temporary folder, an embargoed and a draft entry carrying canary words are
added, and `lscb-kb build` builds the site there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import REPO, review_text
from lscb_kb.cli import cli

EMBARGO_CANARY = "Qzembargocanaryx"
DRAFT_CANARY = "Qzdraftcanaryx"
COPIED = ("reviews", "themes", "content", "mkdocs.yml", "lscb-kb.yml")
SITE_URL = "https://learning.example.org/"  # set, so that the sitemap and the feed carry full links

_BUILT: dict[str, Path] = {}


def canary_entry(ident: str, status: str, canary: str) -> str:
    """An entry with the canary word in every field that could reach the site."""
    return review_text(
        ident,
        body=f"## Overview\n\nWhat happened to {canary}.\n\n## Findings\n\nThe {canary} findings.\n",
        title=f"Review of {canary}",
        status=status,
        board=f"{canary} Safeguarding Partnership",
        area=[f"{canary}shire"],
        themes=["was-not-brought", "neglect"],
        summary=f"The {canary} child did not attend appointments.",
        learning=[{"point": f"Missed appointments for {canary} were not followed up.", "themes": ["was-not-brought"]}],
        actions=[{"action": f"The {canary} protocol was written.", "status": "planned"}],
        source={"publisher": f"{canary} Board", "title": f"{canary} report", "url": "https://example.org/canary-report"},
    )


def copy_knowledge_base(root: Path) -> Path:
    """The shipped knowledge base and website settings, with an embargoed and a draft canary entry."""
    root.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"\nsite_url: {SITE_URL}\n")
    (root / "reviews" / "zz-2020-embargoed-canary.md").write_text(
        canary_entry("zz-2020-embargoed-canary", "embargoed", EMBARGO_CANARY), encoding="utf-8"
    )
    (root / "reviews" / "zz-2021-draft-canary.md").write_text(canary_entry("zz-2021-draft-canary", "draft", DRAFT_CANARY), encoding="utf-8")
    return root


def build(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), "build", *args], catch_exceptions=False)


def built_site(tmp_path_factory) -> Path:
    """The knowledge base folder holding the built site/ (built on first use in a session)."""
    if "root" not in _BUILT:
        root = copy_knowledge_base(tmp_path_factory.mktemp("site-build") / "kb")
        result = build(root)
        assert result.exit_code == 0, result.output
        _BUILT["root"] = root
        _BUILT["output"] = result.output
    return _BUILT["root"]


def build_output() -> str:
    """What `lscb-kb build` printed when it built the shared site."""
    return str(_BUILT["output"])
