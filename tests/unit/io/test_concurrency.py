"""Several app servers on one database: imports of overlapping files at the same time, each in its
own process (`python -m lib.cli import FILE`), neither deadlock nor lose a row.

What is right, and what these tests hold the importer to: every import takes a lock per unit (in
unit id order, so never a deadlock) before it reads the stored figures, and keeps it until it
commits. Two imports that touch the same units therefore run one after the other, as if in
sequence: both exit 0, the later one updates what the earlier one wrote (for the whole overlap, the
later file wins), its summary counts and its audit entries (old value = the earlier file's value)
are exactly what running the two in that order would give. Neither import is refused: a file that
passes every check is imported, whoever wrote the figures before. This holds on PostgreSQL also
where the server's default isolation is serializable (the import runs at READ COMMITTED, which the
locks rely on; before that was set, such a server failed the imports with "could not serialize
access", even for disjoint units), and on SQLite.
"""
from __future__ import annotations

import csv
import json
import os
import random
import re
import subprocess
import sys
import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from conftest import ROOT, fresh_url
from lib.io import official
from lib.store import db, transaction
from lib.store.models import AuditEntry, Observation, Unit
from lib.store.units import setup_district

DISTRICT = "016"  # Sóc Sơn: the district, 26 communes/townships, 12 agencies
TIMEOUT = 60  # seconds for all the imports of a round: a deadlock or a lock never released fails here
SUMMARY = re.compile(r"thêm mới (\d+), cập nhật (\d+), không đổi (\d+)")


@pytest.fixture
def shared_db(request, tmp_path, postgres_admin_if_needed):
    """A fresh, migrated database with the district's units: (url, engine, unit codes by kind).
    `postgresql_serializable`: a PostgreSQL database whose transactions are serializable by default
    (`ALTER DATABASE ... SET default_transaction_isolation`), as some servers are configured."""
    url = fresh_url(request, tmp_path, "migrated")
    if request.param == "postgresql_serializable":
        name = url.rsplit("/", 1)[1]
        with postgres_admin_if_needed.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_isolation = \'serializable\''))
    engine = db.get_engine(url)
    setup_district(engine, official.find_district(DISTRICT))
    with engine.connect() as conn:
        kinds = dict(conn.execute(select(Unit.code, Unit.kind)).all())
    yield url, engine, kinds
    engine.dispose()
    db.get_engine.cache_clear()


@pytest.fixture
def postgres_admin_if_needed(request):
    return request.getfixturevalue("postgres_admin") if request.node.callspec.params["shared_db"] != "sqlite" \
        else None


def figures_keys(kinds: dict[str, str]) -> list[tuple[str, str, str]]:
    """The keys both files share: monthly 3.4 and 3.1b of the district and its communes for 2022,
    and quarterly 7.2 of the communes and the agencies (800 keys over 39 units)."""
    communes = sorted(c for c, k in kinds.items() if k in ("xa", "thi_tran"))
    agencies = sorted(c for c, k in kinds.items() if k == "co_quan")
    keys = [(u, i, f"2022-{m:02d}") for u in [DISTRICT, *communes] for i in ("3.4", "3.1b") for m in range(1, 13)]
    keys += [(u, "7.2", f"2022-Q{q}") for u in communes + agencies for q in range(1, 5)]
    return keys


def figures(keys, variant: int, changed_every: int) -> dict[tuple, tuple[int, int, str]]:
    """Figures for `keys`: the same in every variant except one key in `changed_every`."""
    rows = {}
    for n, key in enumerate(keys):
        den = 100 + n % 37
        num = den - n % 11
        note = ""
        if variant and n % changed_every == variant % changed_every:
            num, note = num - variant, f"bản {variant}"
        rows[key] = (num, den, note)
    return rows


def write_csv(path, rows: dict, order: str, seed: int = 0) -> None:
    keys = sorted(rows)
    if order == "reversed":
        keys.reverse()
    elif order == "shuffled":
        random.Random(seed).shuffle(keys)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so", "ghi_chu"])
        for key in keys:
            writer.writerow([*key, *rows[key]])


# Each process loads its modules, says it is ready, and waits for the signal to run the command, so
# that the imports really overlap (starting Python takes longer than importing 800 rows). The
# command is `python -m lib.cli import FILE` exactly: the same main() with the same arguments.
LAUNCH = """
import os, sys, time
from lib import cli
ready, go, path = sys.argv[1:4]
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.005)
began = time.time()
code = cli.main(["import", path])
print(f"[{began:.3f} {time.time():.3f}]")
sys.exit(code)
"""


def run_at_once(url: str, paths) -> tuple[list[subprocess.CompletedProcess], float]:
    """`python -m lib.cli import PATH` for every path, all at the same moment; waits for all.
    Returns the results and the seconds from the first start to the last end."""
    env = {**os.environ, "DATABASE_URL": url, "CCHC_LANG": "vi", "PYTHONPATH": str(ROOT)}
    go = paths[0].parent / "go"
    ready = [p.parent / f"{p.name}.ready" for p in paths]
    processes = [subprocess.Popen([sys.executable, "-c", LAUNCH, str(r), str(go), str(p)], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for p, r in zip(paths, ready)]
    try:
        deadline = time.time() + TIMEOUT
        while not all(r.exists() for r in ready):
            assert all(process.poll() is None for process in processes), "a process died while starting"
            assert time.time() < deadline, "the processes did not start"
            time.sleep(0.01)
        go.touch()
        signal = time.time()
        results = []
        for p, process in zip(paths, processes):
            out, err = process.communicate(timeout=max(1.0, signal + TIMEOUT - time.time()))
            results.append(subprocess.CompletedProcess([*process.args[:-1], str(p)], process.returncode, out, err))
    except subprocess.TimeoutExpired:
        pytest.fail(f"the imports did not finish within {TIMEOUT} s: a deadlock or a lock never released")
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        go.unlink(missing_ok=True)
        for r in ready:
            r.unlink(missing_ok=True)
    spans = [tuple(map(float, re.search(r"\[([\d.]+) ([\d.]+)\]", r.stdout).groups())) for r in results
             if r.returncode == 0]
    assert all(began < signal + 1.0 for began, _ in spans), "the processes started their imports together"
    return results, (max(end for _, end in spans) - signal) if spans else 0.0


def stored(engine) -> dict[tuple, tuple[int, int, str]]:
    o = Observation.__table__.c
    with engine.connect() as conn:
        rows = conn.execute(select(Unit.code, o.indicator, o.period, o.numerator, o.denominator, o.note)
                            .join(Unit, Unit.id == o.unit_id)).all()
    result = {(u, i, p): (n, d, note or "") for u, i, p, n, d, note in rows}
    assert len(result) == len(rows), "one stored row per unit, indicator and period"
    return result


def audit_by_file(engine, names) -> dict[str, list]:
    with engine.connect() as conn:
        entries = conn.execute(select(AuditEntry.id, AuditEntry.source, AuditEntry.action, AuditEntry.entity,
                                      AuditEntry.old_value, AuditEntry.new_value)
                               .where(AuditEntry.source.in_(names)).order_by(AuditEntry.id)).all()
    return {name: [e for e in entries if e.source == name] for name in names}


def replay(before: dict, files: list[tuple[str, dict]]):
    """What importing `files` one after the other, in this order, does: the final figures and, per
    file, its (inserted, updated, unchanged) counts and its changes {entity: (action, old, new)}."""
    state = dict(before)
    counts, changes = {}, {}
    for name, rows in files:
        inserted = updated = 0
        changes[name] = {}
        for key, value in rows.items():
            entity = "/".join(key)
            if key not in state:
                inserted += 1
                changes[name][entity] = ("observation.insert", None, value)
            elif state[key] != value:
                updated += 1
                changes[name][entity] = ("observation.update", state[key], value)
            state[key] = value
        counts[name] = (inserted, updated, len(rows) - inserted - updated)
    return state, counts, changes


def figure_of(value: str | None):
    if value is None:
        return None
    data = json.loads(value)
    return data["tu_so"], data["mau_so"], data["ghi_chu"] or ""


def check_round(engine, before: dict, files: dict[str, dict], results, version_before: int) -> list[str]:
    """Every assertion on a round of imports run at once; returns the order they committed in."""
    for result in results:
        assert result.returncode == 0, f"{result.args[-1]}: {result.stderr}"
    audit = audit_by_file(engine, list(files))
    assert all(audit.values()), "every file changed something, so each has audit entries"
    # The imports ran one after the other: the audit entries of each file come in one block.
    order = sorted(files, key=lambda name: audit[name][0].id)
    for earlier, later in zip(order, order[1:]):
        assert audit[earlier][-1].id < audit[later][0].id, f"{earlier} and {later} interleaved"
    expected, counts, changes = replay(before, [(name, files[name]) for name in order])
    # No row lost or duplicated; the final value of every figure is the last file's in commit order
    # (for a key in only one file, that file's).
    final = stored(engine)
    assert set(final) == set(before) | {key for rows in files.values() for key in rows}
    assert final == expected
    for key, value in final.items():
        assert value in [rows[key] for rows in files.values() if key in rows] or (
            key in before and value == before[key])
    # Each process printed what it did, and it agrees with the audit log and with the replay.
    for result in results:
        name = os.path.basename(result.args[-1])
        printed = tuple(map(int, SUMMARY.search(result.stdout).groups()))
        assert printed == counts[name], f"{name}: printed {printed}, expected {counts[name]}"
        logged = {e.entity: (e.action, figure_of(e.old_value), figure_of(e.new_value)) for e in audit[name]}
        assert len(logged) == len(audit[name]), f"{name}: one audit entry per changed figure"
        assert logged == changes[name]
    assert db.data_version(engine) == version_before + len(files), "each import bumped the data version once"
    return order


@pytest.mark.parametrize("shared_db", ["postgresql", "postgresql_serializable", "sqlite"], indirect=True)
def test_overlapping_imports_at_once_neither_deadlock_nor_lose_a_row(shared_db, tmp_path):
    url, engine, kinds = shared_db
    keys = figures_keys(kinds)
    communes = sorted(c for c, k in kinds.items() if k in ("xa", "thi_tran"))
    # Round 1, an empty database: three files over the same 800 keys (sorted, reversed, shuffled),
    # each with some figures of its own, and keys that only one file has (3.4 / 3.1b for 2023).
    files = {}
    for variant, order, indicator in ((0, "sorted", "3.4"), (1, "reversed", "3.1b"), (2, "shuffled", None)):
        rows = figures(keys, variant, changed_every=3)
        if indicator:
            rows |= {(u, indicator, f"2023-{m:02d}"): (90, 100, "") for u in communes for m in (1, 2, 3)}
        name = f"so_lieu_{variant}.csv"
        write_csv(tmp_path / name, rows, order, seed=variant)
        files[name] = rows
    version = db.data_version(engine)
    results, seconds = run_at_once(url, [tmp_path / name for name in files])
    order = check_round(engine, {}, files, results, version)
    print(f"\n{engine.dialect.name}: 3 imports of 800-878 rows at once, in {seconds:.2f} s; committed {order}")

    # Round 2, over those figures: two files that change different figures, in opposite orders.
    before = stored(engine)
    files = {}
    for variant, order_name in ((3, "shuffled"), (4, "reversed")):
        rows = figures(keys, variant, changed_every=5)
        name = f"sua_{variant}.csv"
        write_csv(tmp_path / name, rows, order_name, seed=variant)
        files[name] = rows
    version = db.data_version(engine)
    results, seconds = run_at_once(url, [tmp_path / name for name in files])
    order = check_round(engine, before, files, results, version)
    print(f"{engine.dialect.name}: 2 re-imports of 800 rows at once, in {seconds:.2f} s; committed {order}")


@pytest.mark.parametrize("shared_db", ["postgresql", "sqlite"], indirect=True)
def test_imports_of_different_units_at_once_all_land(shared_db, tmp_path):
    """Files over disjoint sets of units do not wait for each other's units, and all land."""
    url, engine, kinds = shared_db
    keys = figures_keys(kinds)
    rows = figures(keys, 0, changed_every=3)
    by_unit = sorted({k[0] for k in keys})
    halves = [set(by_unit[::2]), set(by_unit[1::2])]
    files = {}
    for n, (units, order) in enumerate(zip(halves, ("reversed", "shuffled"))):
        part = {k: v for k, v in rows.items() if k[0] in units}
        name = f"nua_{n}.csv"
        write_csv(tmp_path / name, part, order, seed=n)
        files[name] = part
    version = db.data_version(engine)
    results, seconds = run_at_once(url, [tmp_path / name for name in files])
    for result in results:
        assert result.returncode == 0, result.stderr
    assert stored(engine) == rows
    audit = audit_by_file(engine, list(files))
    assert sum(len(entries) for entries in audit.values()) == len(rows)
    assert all(e.action == "observation.insert" for entries in audit.values() for e in entries)
    assert db.data_version(engine) == version + 2
    print(f"\n{engine.dialect.name}: 2 imports of disjoint units at once, in {seconds:.2f} s")


class _ServerError(Exception):
    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def test_a_transaction_the_server_rolled_back_is_run_again():
    """Deadlock (40P01) and serialization failure (40001): run again, up to WRITE_ATTEMPTS times;
    any other database error is raised at once."""
    calls = []

    def fails(times, sqlstate):
        def write():
            calls.append(sqlstate)
            if len(calls) <= times:
                raise DBAPIError("INSERT ...", {}, _ServerError(sqlstate))
            return "written"
        return write

    assert transaction.retrying(fails(2, "40P01")) == "written" and len(calls) == 3
    calls.clear()
    with pytest.raises(DBAPIError):
        transaction.retrying(fails(transaction.WRITE_ATTEMPTS, "40001"))
    assert len(calls) == transaction.WRITE_ATTEMPTS
    calls.clear()
    with pytest.raises(DBAPIError):
        transaction.retrying(fails(1, "23505"))  # a unique violation is not retried
    assert len(calls) == 1
