"""The XLSX template an officer downloads, fills in and uploads: their units and indicators
already listed, the period filled in, codes stored as text so Excel keeps their leading zeros. The
file is in Vietnamese, as the figures files are (its hints from the message catalogue)."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from lib.core import catalogue as cat
from lib.core.applies import applies_to
from lib.io import sheets
from lib.present import i18n

NOTES = ("template.note_figures", "template.note_yes_no", "template.note_period", "template.note_grey")

COLUMNS = ["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so", "ghi_chu", "ten_don_vi", "ten_chi_tieu",
           "tu_so_la", "mau_so_la"]


def rows_for(catalogue: cat.Catalogue, units: pd.DataFrame, period: str) -> pd.DataFrame:
    """One row per unit and per indicator that applies to it, with the figures left blank."""
    rows = []
    for ind in catalogue.indicators:
        mine = units[applies_to(ind, units)]
        yes_no = ind.measure == "yes_no"
        for unit in mine.itertuples():
            rows.append({
                "ma_don_vi": unit.code, "ma_chi_tieu": ind.code, "ky": period, "tu_so": None,
                "mau_so": None, "ghi_chu": None, "ten_don_vi": unit.name,
                "ten_chi_tieu": ind.name_vi,
                "tu_so_la": i18n.t("template.yes_no_numerator") if yes_no else ind.numerator_vi,
                "mau_so_la": i18n.t("template.yes_no_denominator") if yes_no else ind.denominator_vi,
            })
    return pd.DataFrame(rows, columns=COLUMNS)


def to_xlsx(rows: pd.DataFrame) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "so_lieu"
    sheets.write_table(sheet, rows)  # names as exact text, never formulas
    grey = PatternFill("solid", fgColor="EEEEEE")
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = "@"  # keep 00376 as text
        for cell in row[6:]:
            cell.fill = grey
    for index, width in enumerate((12, 11, 10, 9, 9, 24, 28, 60, 30, 24), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("huong_dan")
    for key in NOTES:
        notes.append([i18n.t(key)])
    notes.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_for(catalogue: cat.Catalogue, units: pd.DataFrame, period: str) -> bytes:
    """The template of these units for `period`, as XLSX bytes."""
    return to_xlsx(rows_for(catalogue, units, period))
