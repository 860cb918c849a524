"""Every spreadsheet the app writes (the area export, the ranking, the chase list, the audit log,
the upload template) is written here, so that no name or note can run as a formula:

- CSV: a text cell that a spreadsheet would read as a formula (it begins with =, +, -, @, a tab
  or a line break, or with spaces before =, +, - or @) and is not a number gets a leading
  apostrophe; numbers such as -5 or -1.5 stay as they are.
- XLSX: text is stored as a string cell holding exactly the text (no apostrophe), numbers as
  numbers.

The XLSX is the file for people, the CSV the one for other programs:
- XLSX: whole numbers shown with a thousands separator (`#,##0`), decimals with two places
  (`#,##0.00`: 97,50 beside 100,00), times and dates as Excel dates in Vietnam's time
  (`dd/mm/yyyy hh:mm`); printed landscape on A4, one page wide, the bold header row repeated on
  every page.
- CSV: times and dates in ISO 8601 (`2026-12-01T07:46:00+07:00`), which no locale misreads.
"""
from __future__ import annotations

import io
import numbers
import re
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

SAMPLE_NOTE = "DỮ LIỆU MẪU: số liệu minh họa, không phải số liệu thật."
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DATE_FORMAT = "dd/mm/yyyy"


def csv_cell(value):
    """The value as a CSV cell that no spreadsheet reads as a formula; a time or a date in ISO 8601."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return value
    bare = value.lstrip()
    if value[:1] in ("\t", "\r", "\n") or (bare[:1] in ("=", "+", "-", "@") and not _NUMBER.match(bare)):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV: UTF-8 with BOM (Excel reads the Vietnamese right), every cell through `csv_cell`."""
    return frame.map(csv_cell).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def put(cell, value) -> None:
    """Put a value in an XLSX cell: nothing for a missing value, numbers as numbers, dates as dates,
    anything else as its exact text in a string cell, which is never a formula. (Characters that XML
    cannot hold, such as control characters, are left out.)"""
    if not isinstance(value, str) and pd.isna(value):
        cell.value = None
    elif isinstance(value, datetime):
        # Excel has no time zones: the time as the reader's clock shows it (a stored time is already in Vietnam's)
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, bool):
        cell.value = value
    elif isinstance(value, numbers.Integral):
        cell.value = value
        cell.number_format = INTEGER_FORMAT
    elif isinstance(value, numbers.Number):
        cell.value = value
        cell.number_format = DECIMAL_FORMAT
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.data_type = "s"


def write_table(sheet, frame: pd.DataFrame) -> None:
    """The frame's headers in bold, then its rows, cell by cell through `put`."""
    for column, header in enumerate(frame.columns, start=1):
        put(sheet.cell(row=1, column=column), header)
        sheet.cell(row=1, column=column).font = Font(bold=True)
    for row, values in enumerate(frame.itertuples(index=False, name=None), start=2):
        for column, value in enumerate(values, start=1):
            put(sheet.cell(row=row, column=column), value)


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "CCHC", sample: bool = False,
               widths: list[float] | None = None) -> bytes:
    """A table as an Excel workbook: the header row frozen, the columns `widths` wide (or sized to
    their contents), set up for printing (landscape, one page wide, the header on every page), and
    with `sample` a second sheet saying the figures are sample data."""
    book = Workbook()
    table = book.active
    table.title = sheet
    write_table(table, frame)
    if widths is None:
        widths = [min(60, max(8, max([len(str(column))] + [len(str(v)) for v in frame[column].head(500)]) + 2))
                  for column in frame.columns]
    for index, width in enumerate(widths, start=1):
        table.column_dimensions[get_column_letter(index)].width = width
    table.freeze_panes = "A2"
    # printed: landscape A4, every column on one page's width, the header row on every page
    table.page_setup.orientation = "landscape"
    table.page_setup.paperSize = table.PAPERSIZE_A4
    table.page_setup.fitToWidth = 1
    table.page_setup.fitToHeight = 0
    table.sheet_properties.pageSetUpPr.fitToPage = True
    table.print_title_rows = "1:1"
    if sample:
        write_table(book.create_sheet("Ghi chú"), pd.DataFrame({"Ghi chú": [SAMPLE_NOTE]}))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
