"""Today's units as a units file (CONTRACT.md, `import-units`): a file to start from when flagging
communes (dbkk), partly self-financed units or renaming, which `import-units` reads back unchanged."""
from __future__ import annotations

import pandas as pd

from lib.io import sheets
from lib.io.unit_import import UNIT_COLUMNS, UNIT_FLAG_COLUMNS
from lib.store.units import KnownUnit, every_unit

COLUMNS = [*UNIT_COLUMNS, *UNIT_FLAG_COLUMNS]


def _depth(unit: KnownUnit, units: dict[str, KnownUnit]) -> int:
    depth, parent = 0, unit.parent_code
    while parent is not None and depth <= len(units):
        depth, parent = depth + 1, units[parent].parent_code
    return depth


def units_table(units: dict[str, KnownUnit]) -> pd.DataFrame:
    """One row per unit, parents before their children, then by code."""
    ordered = sorted(units.values(), key=lambda u: (_depth(u, units), u.code))
    return pd.DataFrame([(u.code, u.name, u.kind, u.parent_code or "", int(u.dbkk), int(u.partly_self_financed))
                         for u in ordered], columns=COLUMNS)


def units_file(engine, xlsx: bool = False) -> tuple[bytes, int]:
    """Today's units as CSV (UTF-8 with BOM) or XLSX bytes, and how many units."""
    table = units_table(every_unit(engine))
    data = sheets.xlsx_bytes(table, sheet="don_vi") if xlsx else sheets.csv_bytes(table)
    return data, len(table)
