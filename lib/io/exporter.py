"""The export table of CONTRACT.md (page download and `export`); lib.io.sheets writes it as CSV or XLSX."""
from __future__ import annotations

import pandas as pd

from lib.core import status as st
from lib.core.catalogue import Catalogue
from lib.core.periods import span_text
from lib.core.scoring import WHOLE_CODES, Scores
from lib.io import sheets
from lib.present import format as fmt
from lib.present import i18n

COLUMNS = ["Lĩnh vực", "Mã chỉ tiêu", "Chỉ tiêu", "Mã đơn vị", "Đơn vị", "Kỳ", "Tử số", "Mẫu số",
           "Giá trị (%)", "Chỉ tiêu giao", "Trạng thái"]


def _count(value) -> str:
    return "" if pd.isna(value) else str(int(value))


def export_frame(catalogue: Catalogue, scores: Scores, area: int | None = None) -> pd.DataFrame:
    """One row per indicator for the district as a whole, then one per unit of its levels."""
    period = span_text(scores.year, scores.month)
    district = scores.district.set_index("indicator")
    rows = []
    for ind in catalogue.indicators:
        if area is not None and ind.area != area:
            continue
        if ind.code not in district.index:
            continue
        head = [catalogue.area_name(ind.area), ind.code, ind.name_vi]
        d = district.loc[ind.code]
        shown = d["status"] in (st.MET, st.CLOSE, st.NOT_MET)
        rows.append(head + [WHOLE_CODES[scores.whole], i18n.whole(scores.whole), period, _count(d["numerator"]), _count(d["denominator"]),
                            fmt.percent_text(d["numerator"], d["denominator"]) if shown else "",
                            fmt.target_export(d["target"]), st.label(d["status"])])
        # an indicator whose levels have no unit in this district (no PSU yet, say) has no unit rows
        for u in scores.units[scores.units["indicator"] == ind.code].itertuples():
            shown = u.status in (st.MET, st.CLOSE, st.NOT_MET)
            rows.append(head + [u.unit_code, u.unit_name, period, _count(u.numerator), _count(u.denominator),
                                fmt.percent_text(u.numerator, u.denominator) if shown else "",
                                fmt.target_export(u.target), st.label(u.status)])
    return pd.DataFrame(rows, columns=COLUMNS, dtype=str)


def to_xlsx_bytes(frame: pd.DataFrame, sample: bool = False) -> bytes:
    """The same table as an Excel workbook (lib.io.sheets); the counts and the value as numbers."""
    typed = frame.copy()
    for col in ("Tử số", "Mẫu số", "Giá trị (%)"):
        typed[col] = pd.to_numeric(typed[col].replace("", None), errors="coerce")
    for col in ("Tử số", "Mẫu số"):  # whole numbers, shown as such (not 180,00)
        typed[col] = typed[col].astype("Int64")
    return sheets.xlsx_bytes(typed, sample=sample, widths=[28, 10, 60, 14, 30, 18, 10, 10, 12, 14, 16])


def raw_files(engine) -> tuple[bytes, bytes]:
    """Every unit and every stored figure, as a units file and a figures file in the import
    format of CONTRACT.md (UTF-8 CSV): what `import-units` and `import` read back."""
    from lib.store.observations import units_and_figures

    units, figures = units_and_figures(engine)
    code_of = dict(zip(units["id"], units["code"]))
    units_file = pd.DataFrame({
        "ma_don_vi": units["code"], "ten_don_vi": units["name"], "loai": units["kind"],
        "ma_cha": units["parent_id"].map(code_of).fillna(""),
        "dbkk": units["dbkk"].astype(int), "tu_chu_mot_phan": units["psf"].astype(int),
    })
    figures.insert(0, "ma_don_vi", figures.pop("unit_id").map(code_of))
    return units_file.to_csv(index=False).encode("utf-8-sig"), figures.to_csv(index=False).encode("utf-8")
