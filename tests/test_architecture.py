"""The layers, read from the import graph (ast), so a wrong-way import fails here.

    base (errors, progress, formatting, paths, settings, __init__)
      ← records ← storage ← {views, transcription, importers, export, timescales}
      ← services ← {ui, commands, cli, demo, __main__}

Only ui/ imports Qt. No SQL outside storage/. No import cycles between packages.
"""

from __future__ import annotations

import ast
import functools
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "familyrecord"

BASE = {"familyrecord", "errors", "progress", "formatting", "paths", "settings"}
LAYER = {name: 0 for name in BASE}
LAYER.update(records=1, storage=2, views=3, transcription=3, importers=3, export=3, timescales=3,
             services=4, ui=5, commands=5, cli=5, demo=5, __main__=5)
# Siblings in layer 3 may use each other only along these arrows (no cycles).
SIBLING_ARROWS = {("export", "views"), ("export", "timescales"), ("views", "timescales"),
                  ("export", "importers")}
QT = ("PySide6", "shiboken6")
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+"
                 r"(TABLE|INDEX|VIRTUAL)|PRAGMA\s)", re.IGNORECASE)


def _package(module: str) -> str:
    """familyrecord.storage.vault -> storage; familyrecord.errors -> errors; familyrecord -> familyrecord."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        name = ".".join(rel.parts)
        found[name.removesuffix(".__init__")] = path
    return found


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    """Every module this one imports (also inside functions and TYPE_CHECKING), with line numbers."""
    tree = _tree(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.append((target, node.lineno))
            # `from familyrecord import services` imports the package services.
            out += [(f"{target}.{alias.name}", node.lineno) for alias in node.names
                    if f"{target}.{alias.name}" in MODULES]
    return out


MODULES = _modules()


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else path.name


def _arrow_problem(source: str, dest: str) -> str | None:
    """Why package `source` may not import package `dest`, or None when it may."""
    if source not in LAYER or dest not in LAYER:
        return "package not in the layer table (add it to tests/test_architecture.py)"
    if dest == source or dest == "familyrecord":
        return None
    if LAYER[dest] > LAYER[source]:
        return f"{source} (layer {LAYER[source]}) may not import {dest} (layer {LAYER[dest]})"
    if LAYER[dest] == LAYER[source] == 3 and (source, dest) not in SIBLING_ARROWS:
        return f"{source} may not import its sibling {dest}"
    if LAYER[dest] == LAYER[source] == 0 and (source, dest) != ("settings", "paths"):
        return "base modules stay independent of each other"
    return None


def forbidden_imports() -> list[str]:
    problems = []
    for module, path in sorted(MODULES.items()):
        source = _package(module)
        for target, line in _imports(module, path):
            where = f"{_shown(path)}:{line} imports {target}"
            if target.split(".")[0] in QT and source != "ui":
                problems.append(f"{where}: only familyrecord/ui may import Qt")
            if target == "familyrecord" or target.startswith("familyrecord."):
                problem = _arrow_problem(source, _package(target))
                if problem is not None:
                    problems.append(f"{where}: {problem}")
    return problems


def package_cycles() -> list[str]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        source = _package(module)
        for target, _line in _imports(module, path):
            if target.startswith("familyrecord.") and _package(target) != source:
                graph[source].add(_package(target))
    cycles = []
    for start in list(graph):
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    cycles.append(" → ".join([*trail, start]))
                elif nxt not in trail:
                    stack.append((nxt, [*trail, nxt]))
    return sorted(set(cycles))


def sql_outside_storage() -> list[str]:
    found = []
    for module, path in sorted(MODULES.items()):
        if _package(module) == "storage":
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                found.append(f"{_shown(path)}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_no_import_runs_against_the_layers() -> None:
    assert forbidden_imports() == []


def test_no_import_cycles_between_packages() -> None:
    assert package_cycles() == []


def test_no_sql_outside_storage() -> None:
    assert sql_outside_storage() == []


def test_services_keeps_the_vault_private() -> None:
    from familyrecord.services import Services

    assert "vault" not in dir(Services)


@pytest.mark.parametrize("package", ["export", "transcription", "views", "importers", "timescales"])
def test_the_rule_catches_a_wrong_way_import(package: str, monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    """Adding `from familyrecord.services import Services` to a lower package is caught."""
    victim = sorted(p for name, p in MODULES.items() if _package(name) == package)[0]
    planted = tmp_path / victim.name
    planted.write_text(victim.read_text(encoding="utf-8")
                       + "\nfrom familyrecord.services import Services\n", encoding="utf-8")
    name = next(n for n, p in MODULES.items() if p == victim)
    monkeypatch.setitem(MODULES, name, planted)
    assert any("may not import services" in p for p in forbidden_imports())
