"""The benchmark's data (python -m lib.bench): the units of each size from the official pre-2025
unit list (lib.io.official) and synthetic figures, written as an import file of CONTRACT.md.

- district: the demo district 016 (Sóc Sơn, Hà Nội) with the demo's synthetic figures (lib.store.demo)
  from 01/2022 to the last full month;
- province: every pre-2025 district of province 01 (Hà Nội: 30 districts, 579 communes) over one
  year (2025), every indicator of every unit monthly;
- country: all 63 provinces (lib.store.units.setup_province: 696 districts, 10,051 communes) over one
  year (2025), every indicator of every unit monthly; `quick` uses the first 3 months only.

`floor_rows` gives the same figures as the tuples an import of the file stores (observations and
one audit entry each), for the benchmark's floor: the same rows written raw (lib.store.scratch).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from lib.core import clock, periods
from lib.core.periods import last_full_month
from lib.io import official
from lib.store import demo
from lib.store.queries import all_units
from lib.store.units import known_units, setup_district, setup_province

SIZES = ("district", "province", "country")
PROVINCE = "01"  # Hà Nội: 30 districts, 579 communes
BENCH_YEAR = 2025  # the one year of the province and country sizes
QUICK_MONTHS = 3

# Monthly synthetic figures per level: indicator -> (measure, typical denominator, share met).
COMMUNE_FIGURES = {
    "1.1": ("yes_no", 1, 0.9), "1.2a": ("yes_no", 1, 0.7), "1.2b": ("ratio", 3, 0.8), "1.3": ("yes_no", 1, 0.8),
    "2.1": ("ratio", 1, 0.9), "3.1b": ("ratio", 180, 0.3), "3.2a": ("ratio", 120, 0.97),
    "3.2b": ("ratio", 120, 0.95), "3.3": ("ratio", 400, 0.22), "3.4": ("ratio", 180, 0.97),
    "5.1": ("ratio", 11, 0.85), "5.2": ("ratio", 12, 0.8), "6.1": ("yes_no", 1, 0.9), "7.2": ("ratio", 220, 0.35),
}
DISTRICT_FIGURES = {
    "2.1": ("ratio", 4, 0.9), "3.1a": ("ratio", 180, 0.8), "3.1b": ("ratio", 900, 0.3),
    "3.2a": ("ratio", 310, 0.97), "3.2b": ("ratio", 310, 0.95), "3.3": ("ratio", 2500, 0.22),
    "3.4": ("ratio", 900, 0.97), "6.2": ("yes_no", 1, 0.8), "7.1": ("ratio", 42, 0.55),
}
AGENCY_FIGURES = {"4.1": ("yes_no", 1, 0.85), "6.1": ("yes_no", 1, 0.9), "7.2": ("ratio", 380, 0.42)}
FIGURES_BY_KIND = {"xa": COMMUNE_FIGURES, "thi_tran": COMMUNE_FIGURES, "phuong": COMMUNE_FIGURES,
                   "huyen": DISTRICT_FIGURES, "co_quan": AGENCY_FIGURES}
REPORTING = 0.97  # share of due figures that arrive


def setup_units(engine, size: str) -> None:
    """The size's units from the official list (province and country: lib.store.units.setup_province)."""
    if size == "district":
        setup_district(engine, official.find_district(demo.DEMO_DISTRICT))
        with engine.begin() as conn:
            demo.add_demo_units(conn, demo.DEMO_DISTRICT)
    elif size == "province":
        setup_province(engine, official.find_province(PROVINCE))
    elif size == "country":
        codes = sorted({f"{p['code']:02d}" for p in official._provinces()})
        for code in codes:
            setup_province(engine, official.find_province(code))
    else:
        raise ValueError(size)


def months_of(size: str, quick: bool) -> int:
    return QUICK_MONTHS if quick and size == "country" else 12


def estimate_rows(units: pd.DataFrame, months: int) -> int:
    """Figures before the reporting gaps: units x their level's indicators x months."""
    per_kind = units["kind"].map({k: len(v) for k, v in FIGURES_BY_KIND.items()}).fillna(0)
    return int(per_kind.sum() * months)


def monthly_figures(units: pd.DataFrame, year: int, months: int, seed: int = 2025) -> pd.DataFrame:
    """Every indicator of every unit of the levels that report it, monthly (a few gaps), in the
    import format of CONTRACT.md: ma_don_vi, ma_chi_tieu, ky, tu_so, mau_so, ghi_chu."""
    rng = np.random.default_rng(seed)
    frames = []
    periods = np.array([f"{year}-{m:02d}" for m in range(1, months + 1)])
    for kind, figures in FIGURES_BY_KIND.items():
        codes = units.loc[units["kind"] == kind, "code"].to_numpy()
        if not len(codes):
            continue
        quality = rng.uniform(0.85, 1.1, len(codes))
        for indicator, (measure, typical, share) in figures.items():
            unit = np.repeat(codes, months)
            q = np.repeat(quality, months)
            period = np.tile(periods, len(codes))
            n = len(unit)
            if measure == "yes_no":
                den = np.ones(n, dtype=np.int64)
                num = (rng.random(n) < np.clip(share * q, 0, 1)).astype(np.int64)
            else:
                den = np.maximum(0, rng.normal(typical, max(1.0, typical * 0.25), n).round()).astype(np.int64)
                p = np.clip(share * q + rng.normal(0, 0.02, n), 0, 1)
                num = np.minimum(den, (den * p).round().astype(np.int64))
            keep = rng.random(n) < REPORTING
            frames.append(pd.DataFrame({"ma_don_vi": unit[keep], "ma_chi_tieu": indicator, "ky": period[keep],
                                        "tu_so": num[keep], "mau_so": den[keep], "ghi_chu": ""}))
    return pd.concat(frames, ignore_index=True)


def demo_figures(units: pd.DataFrame) -> pd.DataFrame:
    """The demo district's figures (lib.store.demo.generate) in the import format."""
    rows = demo.generate(units.to_dict("records"), last_full_month())
    return pd.DataFrame(rows, columns=["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so"]).assign(ghi_chu="")


def _demo_span() -> str:
    year, month = last_full_month()
    return f"demo figures (monthly, quarterly, yearly) 01/{demo.FIRST_YEAR}-{month:02d}/{year}"


def figures_file(engine, size: str, quick: bool, folder: Path) -> tuple[Path, int, str]:
    """Write the size's figures file; returns (path, rows, what it holds)."""
    with engine.connect() as conn:
        units = all_units(conn)
    if size == "district":
        frame = demo_figures(units)
        what = _demo_span()
    else:
        months = months_of(size, quick)
        print(f"  [{size}] estimated {estimate_rows(units, months):,} figures "
              f"({len(units):,} units x indicators x {months} months), before {100 - REPORTING * 100:.0f}% gaps",
              flush=True)
        frame = monthly_figures(units, BENCH_YEAR, months)
        what = f"{BENCH_YEAR}-01..{BENCH_YEAR}-{months:02d} monthly"
    path = folder / f"so_lieu_{size}.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    return path, len(frame), what


FLOOR_COLUMNS = {
    "observations": ["unit_id", "indicator", "period", "granularity", "year", "month_from", "month_to", "numerator",
                     "denominator", "note", "source", "created_by", "created_at", "updated_by", "updated_at"],
    "audit_log": ["username", "action", "entity", "old_value", "new_value", "source"],
}


def floor_rows(engine, path: Path, user: str = "cli") -> tuple[list[tuple], list[tuple]]:
    """The rows an import of the figures file at `path` by `user` stores, as ready tuples (columns
    FLOOR_COLUMNS): its observations and their audit entries ("observation.insert", the new figures)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    with engine.connect() as conn:
        ids = {code: unit.id for code, unit in known_units(conn).items()}
    parsed = {text: periods.parse(text) for text in frame["ky"].unique()}
    now, source = clock.now(), path.name[:200]
    observations, audit = [], []
    for code, indicator, text, num, den, note in frame[["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so",
                                                         "ghi_chu"]].itertuples(index=False):
        period = parsed[text]
        num, den, note = int(num), int(den), note or None
        observations.append((ids[code], indicator, period.text, period.granularity, period.year, period.month_from,
                             period.month_to, num, den, note, source, user, now, user, now))
        new = json.dumps({"tu_so": num, "mau_so": den, "ghi_chu": note}, ensure_ascii=False, sort_keys=True)
        audit.append((user, "observation.insert", f"{code}/{indicator}/{period.text}", None, new, source))
    return observations, audit
