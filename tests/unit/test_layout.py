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
                 if package_of(name) != "web"
                 and any(n == "streamlit" or n.startswith("streamlit.") for n in imported(path))]
    assert offenders == []


def test_only_the_store_runs_sql():
    running_sql = {name for name, path in modules()
                   if package_of(name) not in ("store", "") and any(n.startswith("sqlalchemy") for n in imported(path))}
    assert running_sql == set(), "SQL outside lib/store"


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
    assert upward == set(), "an import against the layers"
