"""The indicator catalogue as stored: seeded from data/ by init-db, read by every page and command."""
from __future__ import annotations

import csv
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.engine import Connection

from lib.core.catalogue import Catalogue, IndicatorDef, TargetRule, layout_of
from lib.core.settings import DATA_DIR
from lib.store.models import Area, Indicator, Target, Unit
from lib.store.upsert import upsert


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def seed_catalogue(conn: Connection) -> None:
    """Load the definitions from data/ (updating them) and the 2022 targets (only where missing)."""
    upsert(conn, Area.__table__, [
        {"area": int(r["area"]), "name_vi": r["name_vi"], "name_en": r["name_en"]}
        for r in _read_csv("areas.csv")
    ], keys=["area"])
    rows = []
    for sort, r in enumerate(_read_csv("indicators.csv")):
        rows.append({**r, "area": int(r["area"]), "sort": sort})
    upsert(conn, Indicator.__table__, rows, keys=["code"])
    targets = [
        {"indicator": r["indicator"], "year": int(r["year"]), "level": r["level"], "op": r["op"],
         "value": Decimal(r["value"]), "tolerance": Decimal(r["tolerance"]), "updated_by": "init-db"}
        for r in _read_csv("targets_2022.csv")
    ]
    upsert(conn, Target.__table__, targets, keys=["indicator", "year", "level"], update=False)


def load_catalogue(conn: Connection) -> Catalogue:
    """The catalogue as stored: areas, indicators and every year's targets, worded for the layout
    of the stored units (lib.core.catalogue.LAYOUTS)."""
    areas = {a.area: (a.name_vi, a.name_en) for a in conn.execute(select(Area)).all()}
    indicators = []
    for row in conn.execute(select(Indicator).order_by(Indicator.sort)).mappings():
        row = dict(row)
        row["levels"] = tuple(row["levels"].split(";"))
        indicators.append(IndicatorDef(**row))
    targets: dict[str, dict[int, dict[str, TargetRule]]] = {}
    for t in conn.execute(select(Target.__table__)).mappings():
        rule = TargetRule(
            op=t["op"],
            value=Fraction(Decimal(str(t["value"]))),
            tolerance=Fraction(Decimal(str(t["tolerance"]))),
            year=t["year"],
        )
        targets.setdefault(t["indicator"], {}).setdefault(t["year"], {})[t["level"]] = rule
    tops = conn.execute(select(Unit.kind).where(Unit.kind.in_(("tinh", "huyen"))).distinct()).scalars().all()
    return Catalogue(areas=areas, indicators=indicators, targets=targets).for_layout(layout_of(tops))
