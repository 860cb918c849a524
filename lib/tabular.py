"""Reading the CSV and Excel files people send in, as a table of stripped text cells.

`read_table` returns a DataFrame whose cells are all `str` ('' for a blank cell), whose column
names are normalised (stripped, lower-case, no BOM) and whose index is the spreadsheet row
number of each row (the header is row 1, so the first data row is row 2). Fully blank rows
are dropped; the row numbers of the others stay what the user sees in Excel.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

ROW_INDEX_NAME = "row"
DELIMITERS = (",", ";", "\t")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls format
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class TableError(ValueError):
    """The file cannot be read as a table. `reason` is one of: empty, xls, unreadable."""

    def __init__(self, filename: str, reason: str, detail: str = ""):
        self.filename = filename
        self.reason = reason
        self.detail = detail
        explanation = {
            "empty": "the file is empty",
            "xls": "old Excel .xls files are not supported; save it as .xlsx or CSV",
            "unreadable": "the file is neither a readable CSV nor an Excel .xlsx file",
        }[reason]
        super().__init__(f"{filename}: {explanation}" + (f" ({detail})" if detail else ""))


def read_table(source, filename: str | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX file given as a path, bytes, or a file-like object (e.g. an upload)."""
    data = _read_bytes(source)
    filename = filename or source_name(source)
    if not data.strip():
        raise TableError(filename, "empty")
    if data.startswith(_OLE2_MAGIC):
        raise TableError(filename, "xls")
    if data.startswith(_ZIP_MAGIC):
        rows = _xlsx_rows(data, filename)
    else:
        rows = _csv_rows(_decode(data, filename))
    return _to_frame(rows)


def _read_bytes(source) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes()
    if hasattr(source, "getvalue"):
        return bytes(source.getvalue())
    if hasattr(source, "read"):
        return source.read()
    raise TypeError(f"cannot read a table from {type(source).__name__}")


def source_name(source) -> str:
    if isinstance(source, (str, Path)):
        return Path(source).name
    return getattr(source, "name", None) or "?"


# --- CSV --------------------------------------------------------------------------------------

def _decode(data: bytes, filename: str) -> str:
    """UTF-16 (with BOM), UTF-8 (with or without BOM), else Windows-1258; always NFC."""
    if data.startswith(_UTF16_BOMS):
        text = _try_decode(data, "utf-16", filename)
    elif data.startswith(_UTF8_BOM):
        text = _try_decode(data, "utf-8-sig", filename)
    elif b"\x00" in data:
        raise TableError(filename, "unreadable", "binary content")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _try_decode(data, "cp1258", filename)
    # Windows-1258 spells tones as combining marks; compose them as UTF-8 sources do.
    return unicodedata.normalize("NFC", text)


def _try_decode(data: bytes, encoding: str, filename: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TableError(filename, "unreadable", f"not valid {encoding}") from exc


def _sniff_delimiter(text: str) -> str:
    """The delimiter among , ; and tab that occurs most often in the header line."""
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    return [[cell.strip() for cell in row] for row in reader]


# --- XLSX -------------------------------------------------------------------------------------

def _xlsx_rows(data: bytes, filename: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a zip that is not a workbook, a damaged file...
        raise TableError(filename, "unreadable", str(exc)) from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers record wrong dimensions; read every row
        return [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def cell_text(value) -> str:
    """An Excel cell as text: 12 and 12.0 -> '12', 2.5 -> '2.5', dates -> ISO, blank -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


# --- Both -------------------------------------------------------------------------------------

def normalise_header(name: str) -> str:
    return name.replace("\ufeff", "").strip().lower()


def _unique_headers(names: list[str]) -> list[str]:
    """Repeated names get a suffix (tu_so, tu_so.1) so that the first one is the one used."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        if name in seen:
            seen[name] += 1
            unique.append(f"{name}.{seen[name]}")
        else:
            seen[name] = 0
            unique.append(name)
    return unique


def _to_frame(rows: list[list[str]]) -> pd.DataFrame:
    header = [normalise_header(h) for h in (rows[0] if rows else [])]
    while header and not header[-1]:
        header.pop()  # trailing empty header cells (Excel's formatted-but-empty columns)
    header = _unique_headers(header)
    width = len(header)
    body, numbers = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = (row + [""] * width)[:width]
        if any(cells):
            body.append(cells)
            numbers.append(number)
    frame = pd.DataFrame(body, columns=header, index=pd.Index(numbers, name=ROW_INDEX_NAME), dtype=str)
    return frame
