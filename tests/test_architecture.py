"""The package's shape, kept true: imports run one way, and one module owns each outside library.

cli -> site.build -> site.plugin -> site.pages -> learning -> catalogue, with the
site's leaf modules (safety, pagefind, feed, downloads, outputs) used from above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lscb_kb"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function, as absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py") if "taxonomy" not in p.parts}


def importers_of(prefix: str) -> set[str]:
    return {m for m, imported in MODULES.items() if any(i == prefix or i.startswith(prefix + ".") for i in imported)}


def test_only_the_search_module_imports_whoosh():
    assert importers_of("whoosh") == {"lscb_kb.search"}


def test_only_the_plugin_talks_to_mkdocs():
    assert importers_of("mkdocs") == {"lscb_kb.site.plugin"}


@pytest.mark.parametrize(
    "lower, higher",
    [
        ("lscb_kb.site.pages", "lscb_kb.site.plugin"),
        ("lscb_kb.site.pages", "lscb_kb.site.build"),
        ("lscb_kb.site.plugin", "lscb_kb.site.build"),
        ("lscb_kb.learning", "lscb_kb.site"),
        ("lscb_kb.catalogue", "lscb_kb.learning"),
        ("lscb_kb.catalogue", "lscb_kb.site"),
        ("lscb_kb", "lscb_kb.cli"),
    ],
)
def test_imports_run_one_way(lower, higher):
    """Nothing in a lower layer imports a higher one (the CLI is the top: nothing imports it)."""
    offenders = {
        m
        for m in importers_of(higher)
        if (m == lower or m.startswith(lower + ".")) and not (m == higher or m.startswith(higher + ".")) and m != "lscb_kb.__main__"
    }
    assert not offenders, f"{sorted(offenders)} import {higher}"


@pytest.mark.parametrize("leaf", ["safety", "pagefind", "feed", "outputs", "downloads"])
def test_the_site_leaves_import_no_other_part_of_the_site_but_outputs(leaf):
    name = f"lscb_kb.site.{leaf}"
    others = {i for i in MODULES[name] if i.startswith("lscb_kb.site.") and not i.startswith(("lscb_kb.site.outputs", name))}
    assert not others, f"{name} imports {sorted(others)}"


def test_no_import_cycle_between_modules():
    graph = {
        m: {i for i in imported if i in MODULES and i != m and not m.startswith(i + ".")}
        for m, imported in MODULES.items()
    }
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in graph[node]:
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                if not (target.endswith("lscb_kb.cli") or any(p == "lscb_kb.cli" for p in cycle)):
                    pytest.fail("import cycle: " + " -> ".join(cycle))
            elif target not in state:
                visit(target, path + [target])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
