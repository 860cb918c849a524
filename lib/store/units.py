"""Units: those known by code, writing units (an import's, or a district or a province of the
official list, read by lib.io.official and handed in, with the default agencies)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from lib.core import clock
from lib.core.errors import Refused
from lib.store.models import Unit
from lib.store.transaction import Write, writing
from lib.store.upsert import upsert

# Agencies every district has (cơ quan chuyên môn thuộc UBND huyện), as (code suffix, name).
DEFAULT_AGENCIES = [
    ("VP", "Văn phòng HĐND và UBND huyện"),
    ("NV", "Phòng Nội vụ"),
    ("TP", "Phòng Tư pháp"),
    ("TCKH", "Phòng Tài chính - Kế hoạch"),
    ("TNMT", "Phòng Tài nguyên và Môi trường"),
    ("LDTBXH", "Phòng Lao động - Thương binh và Xã hội"),
    ("VHTT", "Phòng Văn hóa và Thông tin"),
    ("GDDT", "Phòng Giáo dục và Đào tạo"),
    ("YT", "Phòng Y tế"),
    ("TTR", "Thanh tra huyện"),
    ("KTHT", "Phòng Kinh tế và Hạ tầng"),
    ("NNPTNT", "Phòng Nông nghiệp và Phát triển nông thôn"),
]

# Departments every province has since the 2025 reorganisation (sở, ban, ngành; Nghị định
# 45/2025/NĐ-CP), as (code suffix, name); "{city}" is "tỉnh" or "thành phố". A province with more
# (Sở Dân tộc và Tôn giáo, Sở Ngoại vụ...) adds them with import-units.
DEFAULT_DEPARTMENTS = [
    ("VP", "Văn phòng UBND {city}"),
    ("SNV", "Sở Nội vụ"),
    ("STP", "Sở Tư pháp"),
    ("STC", "Sở Tài chính"),
    ("SCT", "Sở Công Thương"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SXD", "Sở Xây dựng"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SYT", "Sở Y tế"),
    ("TTR", "Thanh tra {city}"),
]


class KnownUnit(NamedTuple):
    """A stored unit as a file's rows are checked against it."""

    id: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    dbkk: bool
    partly_self_financed: bool


def known_units(conn: Connection) -> dict[str, KnownUnit]:
    """Every stored unit by code, with its parent's code."""
    parent = Unit.__table__.alias("parent")
    rows = conn.execute(
        select(Unit.id, Unit.code, Unit.name, Unit.kind, parent.c.code, Unit.dbkk, Unit.partly_self_financed)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
    ).all()
    return {r[1]: KnownUnit(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6])) for r in rows}


def every_unit(engine: Engine) -> dict[str, KnownUnit]:
    """`known_units`, read in a connection of its own."""
    with engine.connect() as conn:
        return known_units(conn)


def write_changed(write: Write, units: list[dict]) -> None:
    """Write the new and changed units of an import (`change` other than `same`), parents first."""
    changed = [u for u in units if u["change"] != "same"]
    if changed:
        write_units(write.conn, changed)
        write.data_changed()


@dataclass
class SetupResult:
    district: object  # lib.io.official.District
    communes: int
    agencies: int
    changes: Changes


def _ids(conn: Connection, codes: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(codes), 5000):  # SQLite caps the number of bound values
        found.update(conn.execute(select(Unit.code, Unit.id).where(Unit.code.in_(codes[i:i + 5000]))).all())
    return found


def write_units(conn: Connection, rows: list[dict]) -> dict[str, int]:
    """Insert or update units given as dicts with `code`, `name`, `kind`, `parent_code`, `dbkk`,
    `partly_self_financed`, parents before children (a parent not among the rows must exist);
    returns code -> id of those units. One statement per level of the tree, its rows in code order
    (a stable lock order for concurrent writers)."""
    now = clock.now()
    ids = _ids(conn, sorted({r["parent_code"] for r in rows if r.get("parent_code")}))
    pending = rows
    while pending:
        ready = sorted((r for r in pending if not r.get("parent_code") or r["parent_code"] in ids),
                       key=lambda r: r["code"])
        if not ready:
            raise LookupError(f"unknown parent unit {pending[0]['parent_code']}")
        upsert(conn, Unit.__table__, [{
            "code": r["code"], "name": r["name"], "kind": r["kind"],
            "parent_id": ids[r["parent_code"]] if r.get("parent_code") else None,
            "dbkk": bool(r.get("dbkk", False)),
            "partly_self_financed": bool(r.get("partly_self_financed", False)),
            "updated_at": now,
        } for r in ready], keys=["code"])
        ids.update(_ids(conn, [r["code"] for r in ready]))
        done = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in done]
    return {r["code"]: ids[r["code"]] for r in rows}


def district_rows(district) -> list[dict]:
    """The district, its communes/townships and the default agencies, as unit rows."""
    rows = [{"code": district.code, "name": district.name, "kind": "huyen", "parent_code": None}]
    rows += [
        {"code": f"{district.code}-{suffix}", "name": name, "kind": "co_quan", "parent_code": district.code}
        for suffix, name in DEFAULT_AGENCIES
    ]
    rows += [
        {"code": c.code, "name": c.name, "kind": c.kind, "parent_code": district.code}
        for c in district.communes
    ]
    return rows


class UnitMoved(Refused):
    """A unit of the list already belongs to another parent: nothing was written (said as the
    setup-province command's refusal)."""
    topic = "cli"


@dataclass(frozen=True)
class Changes:
    """What writing a list of units did: units created, updated (name, kind or parent) and unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _refresh(write: Write, rows: list[dict]) -> Changes:
    """Write `rows` over what is stored: flags set by the secretariat (dbkk, partly self-financed)
    are kept, a district already placed under its province stays there, and a unit is never moved
    from one parent to another (two layouts of the same codes in one database are refused)."""
    stored = known_units(write.conn)
    created = updated = 0
    for row in rows:
        unit = stored.get(row["code"])
        if unit is None:
            created += 1
            continue
        row["dbkk"], row["partly_self_financed"] = unit.dbkk, unit.partly_self_financed
        if row.get("parent_code") is None:
            row["parent_code"] = unit.parent_code
        elif unit.parent_code is not None and unit.parent_code != row["parent_code"]:
            raise UnitMoved("unit_moved", code=row["code"], old=unit.parent_code, new=row["parent_code"])
        updated += (unit.name, unit.kind, unit.parent_code) != (row["name"], row["kind"], row["parent_code"])
    changes = Changes(created, updated, len(rows) - created - updated)
    if created or updated:
        write_units(write.conn, rows)
        write.data_changed()
    return changes


def setup_district(engine: Engine, district) -> SetupResult:
    """Create (or refresh) a district of the official pre-2025 list (lib.io.official.find_district)
    with its communes and the default agencies."""
    with writing(engine, "setup-district") as write:
        changes = _refresh(write, district_rows(district))
    return SetupResult(district, len(district.communes), len(DEFAULT_AGENCIES), changes)


@dataclass
class ProvinceResult:
    province: object  # lib.io.official.Province
    districts: int
    communes: int
    agencies: int
    changes: Changes


def department_rows(province) -> list[dict]:
    """A 2025 province's default departments (DEFAULT_DEPARTMENTS) as agencies."""
    city = "thành phố" if province.name.startswith("Thành phố") else "tỉnh"
    return [{"code": f"{province.code}-{suffix}", "name": name.format(city=city), "kind": "co_quan",
             "parent_code": province.code} for suffix, name in DEFAULT_DEPARTMENTS]


def province_rows(province) -> list[dict]:
    """The province, then (pre-2025) each district with its communes and agencies, or (2025) its
    departments and its communes and wards directly."""
    rows = [{"code": province.code, "name": province.name, "kind": "tinh", "parent_code": None}]
    if province.communes:
        rows += department_rows(province)
    for district in province.districts:
        below = district_rows(district)
        below[0]["parent_code"] = province.code
        rows += below
    rows += [{"code": c.code, "name": c.name, "kind": c.kind, "parent_code": province.code}
             for c in province.communes]
    return rows


def setup_province(engine: Engine, province) -> ProvinceResult:
    """Create (or refresh) a province of the official list with everything below it: from the
    pre-2025 list (lib.io.official.find_province: districts, communes), or from the 2025 list
    (find_province_2025: communes and wards directly). Raises UnitMoved (nothing written) when the
    database already holds the same units under other parents."""
    rows = province_rows(province)
    with writing(engine, "setup-province") as write:
        changes = _refresh(write, rows)
    communes = len(province.communes) + sum(len(d.communes) for d in province.districts)
    agencies = sum(row["kind"] == "co_quan" for row in rows)
    return ProvinceResult(province, len(province.districts), communes, agencies, changes)
