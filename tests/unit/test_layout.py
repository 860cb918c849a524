"""The layout of lib/ holds: only lib/web imports Streamlit, only lib/store runs SQL, and the
packages import each other only downwards (core <- store, io, present <- web)."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

LIB = ROOT / "lib"
PACKAGES = ("core", "store", "io", "present", "web")
ENTRY_POINTS = {"cli", "bench"}  # lib/cli.py, lib/bench.py: commands that may use every package
# What each package may import from the others (itself always).
MAY_IMPORT = {
    "core": set(),
    "store": {"core"},
    "io": {"core", "store", "present"},
    "present": {"core"},
    "web": {"core", "store", "io", "present"},
}
# Modules outside lib/store that still run SQL themselves: the data-access work of the issue "One
# home per idea" moves it into lib/store, module by module. The list may only shrink.
SQL_NOT_YET_IN_STORE = {
    "core/completeness", "core/ranking", "core/trends",
}
# Imports against the layers today; the list may only shrink. Messages move to one catalogue that
# every layer may read, reads to lib/store, the export's number text to lib/present.
UPWARD_NOT_YET_MOVED = {
    ("core/completeness", "store"), ("core/completeness", "present"),
    ("core/ranking", "store"), ("core/ranking", "present"), ("core/trends", "store"), ("core/trends", "present"),
}


def modules():
    for path in sorted(LIB.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path.relative_to(LIB).with_suffix("").as_posix(), path


def imported(path: Path) -> set[str]:
    """Every module name imported anywhere in the file (inside functions too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def package_of(name: str) -> str:
    return name.split("/")[0] if "/" in name else ""


def test_lib_is_packages_named_for_their_layer():
    assert {p.name for p in LIB.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(PACKAGES)
    assert {p.stem for p in LIB.glob("*.py")} == {"__init__"} | ENTRY_POINTS


def test_only_the_web_package_imports_streamlit():
    offenders = [name for name, path in modules()
                 if package_of(name) != "web" and name not in ENTRY_POINTS
                 and any(n == "streamlit" or n.startswith("streamlit.") for n in imported(path))]
    assert offenders == []


def test_only_the_store_runs_sql():
    running_sql = {name for name, path in modules()
                   if package_of(name) not in ("store", "") and any(n.startswith("sqlalchemy") for n in imported(path))}
    assert running_sql - SQL_NOT_YET_IN_STORE == set(), "new SQL outside lib/store"
    assert SQL_NOT_YET_IN_STORE - running_sql == set(), "moved into the store: take it off the list"


def test_packages_import_only_downwards():
    upward = set()
    for name, path in modules():
        own = package_of(name)
        if not own:
            continue
        for target in imported(path):
            parts = target.split(".")
            if parts[0] == "lib" and len(parts) > 1 and parts[1] in PACKAGES and parts[1] != own \
                    and parts[1] not in MAY_IMPORT[own]:
                upward.add((name, parts[1]))
    assert upward - UPWARD_NOT_YET_MOVED == set(), "an import against the layers"
    assert UPWARD_NOT_YET_MOVED - upward == set(), "fixed: take it off the list"
