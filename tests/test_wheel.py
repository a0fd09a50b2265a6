"""A partnership's first hour, as it meets it: the built wheel installed into a fresh virtual
environment (not editable, with no access to this repository), `init`, one entry from `new`,
`build`, and the site in Chromium: search works, no console errors, the CSP holds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browsing import chromium, serving

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(args, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "LSCB_KB_ROOT")}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, **kwargs)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `lscb-kb` command of a fresh virtual environment holding only the built wheel and its dependencies."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: building writes build/ beside the sources, never into this repository
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for name in ("lscb_kb", "themes"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--quiet", "-w", str(work / "dist")], cwd=work)
    wheel = next((work / "dist").glob("lscb_kb-*.whl"))
    _run([sys.executable, "-m", "venv", str(work / "venv")], cwd=work)
    _run([str(work / "venv/bin/python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=work)
    return work / "venv/bin/lscb-kb"


def test_a_partnership_starts_from_the_wheel_and_gets_a_complete_site(installed, tmp_path):
    command = str(installed)
    _run([command, "init", "our-kb"], cwd=tmp_path)
    kb = tmp_path / "our-kb"
    _run([command, "new", "--type", "lcspr", "--title", "Child B", "--board", "Exampleshire Safeguarding Children Partnership",
          "--published", "2024-03", "--area", "Exampleshire", "--theme", "neglect", "--theme", "voice-of-the-child",
          "--status", "draft", "--id", "exampleshire-2024-child-b"], cwd=kb, input="")
    entry = kb / "reviews/exampleshire-2024-child-b.md"
    text = entry.read_text(encoding="utf-8")
    text = re.sub(r"TODO[^\n\"]*", "Practitioners did not see the baby alone on any of the twelve visits.", text)
    entry.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    validated = subprocess.run([command, "validate"], cwd=kb, capture_output=True, text=True)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    _run([command, "build"], cwd=kb)

    site = kb / "site"
    for page in ("index.html", "search/index.html", "reviews/exampleshire-2024-child-b/index.html", "themes/neglect/index.html"):
        assert (site / page).is_file(), page
    assert (site / "pagefind/pagefind.js").is_file()
    assert list((site / "assets/javascripts").glob("lscb-kb*.js")), "the package's own script is missing"
    assert list((site / "assets/stylesheets").glob("lscb-kb*.css")), "the package's own styles are missing"

    errors: list[str] = []
    with serving(site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "search/?q=twelve+visits")
        page.wait_for_selector("text=Child B", timeout=15000)
        page.goto(base + "reviews/exampleshire-2024-child-b/")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert policy and "script-src" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert errors == [], errors
