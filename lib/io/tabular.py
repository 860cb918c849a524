"""Reading the CSV and Excel files people send in, as a table of stripped text cells.

`read_table` returns a DataFrame whose cells are all `str` ('' for a blank cell), whose column
names are normalised (stripped, lower-case, no BOM) and whose index is the spreadsheet row
number of each row (the header is row 1, so the first data row is row 2). Fully blank rows
are dropped; the row numbers of the others stay what the user sees in Excel.

A file that could exhaust the server is refused before the expensive work (`settings.Limits`):
its bytes first, then an XLSX's unpacked size and any DOCTYPE in its XML, then its rows and
cells while they are turned into text (stopping at the first row over a limit). A CSV mixing
encodings or with a quote left open is refused too, naming the row and column.
"""
from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from lib.core import settings
from lib.core.errors import Refused

ROW_INDEX_NAME = "row"
DELIMITERS = (",", ";", "\t")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls format
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# a multi-byte UTF-8 character: a Windows-1258 file holding one may have UTF-8 lines in it
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DOCTYPES = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))
_END = "\ue000"  # appended after the text: a quote left open swallows it

# cells are checked against Limits.max_cell_chars after reading; csv's own limit (131,072) must
# not refuse them first, without a row and column
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


class TableError(Refused):
    """The file cannot be read as a table: the key is file_<reason>, the reason one of empty, xls,
    unreadable, too_big, xlsx_too_big, xml_doctype, mixed_encoding, open_quote, too_many_rows,
    cell_too_long (its words: the catalogue's import.file_*); `row` and `column` say where when one
    row or cell is at fault; `detail` is what the reader said, for the log."""
    topic = "import"

    def __init__(self, key: str, filename: str, detail: str = "", row: int | None = None,
                 column: str | None = None, **params):
        super().__init__(key, **params)
        self.filename, self.detail, self.row, self.column = filename, detail, row, column

    def __str__(self) -> str:
        where = "".join([f", row {self.row}" if self.row is not None else "",
                         f", column {self.column}" if self.column else ""])
        return f"{self.filename}{where}: {self.key}" + (f" ({self.detail})" if self.detail else "")


HEADER_SEARCH_ROWS = 30  # how far down a file's header is looked for (find_header)


def read_table(source, filename: str | None = None, limits: settings.Limits | None = None,
               find_header=None) -> pd.DataFrame:
    """Read a CSV or XLSX file given as a path, bytes, or a file-like object (e.g. an upload).

    The header is row 1, unless `find_header` is given: a function of the file's first
    HEADER_SEARCH_ROWS rows (lists of text cells, blank rows included) returning the spreadsheet
    numbers of the rows the header takes (consecutive; the data starts below the last) and the
    column names. The frame's `attrs["header_rows"]` says which rows the header took."""
    filename = filename or source_name(source)
    limits = limits or settings.limits()
    data = _read_bytes(source, filename, limits.max_file_bytes)
    if not data.strip():
        raise TableError("file_empty", filename)
    if data.startswith(_OLE2_MAGIC):
        raise TableError("file_xls", filename)
    if data.startswith(_ZIP_MAGIC):
        rows = _xlsx_rows(data, filename, limits)
    else:
        rows = _csv_rows(_decode(data, filename), filename)
    header_rows = [1]
    if find_header is not None:
        head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
        header_rows, names = find_header(head)
        rows = itertools.chain([names], head[header_rows[-1]:], rows)
    frame = _to_frame(rows, filename, limits, first=header_rows[-1] + 1)
    frame.attrs["header_rows"] = list(header_rows)
    return frame


def _read_bytes(source, filename: str, limit: int) -> bytes:
    """The file's bytes, refused (before reading a path) when there are more than `limit`."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, Path)):
        if Path(source).stat().st_size > limit:
            raise TableError("file_too_big", filename, limit=limit // settings.MB)
        data = Path(source).read_bytes()
    elif hasattr(source, "getvalue"):
        data = bytes(source.getvalue())
    elif hasattr(source, "read"):
        data = source.read(limit + 1)
    else:
        raise TypeError(f"cannot read a table from {type(source).__name__}")
    if len(data) > limit:
        raise TableError("file_too_big", filename, limit=limit // settings.MB)
    return data


def source_name(source) -> str:
    if isinstance(source, (str, Path)):
        return Path(source).name
    return getattr(source, "name", None) or "?"


def column_name(header: list[str] | None, index: int) -> str:
    """A column as the user knows it: its header, else its Excel letter (A, B, ... AA)."""
    name = normalise_header(header[index]) if header and index < len(header) else ""
    return name or get_column_letter(index + 1)


# --- CSV --------------------------------------------------------------------------------------

def _decode(data: bytes, filename: str) -> str:
    """UTF-16 (with BOM), UTF-8 (with or without BOM), else Windows-1258; always NFC. A file with
    lines in UTF-8 and lines in another encoding is refused, naming the first odd row."""
    bom = data.startswith(_UTF8_BOM)
    if data.startswith(_UTF16_BOMS):
        text = _try_decode(data, "utf-16", filename)
    elif b"\x00" in data and not bom:
        raise TableError("file_unreadable", filename, "binary content")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if bom or _UTF8_MULTIBYTE.search(data):
                _refuse_mixed_encodings(data, filename)
            text = _try_decode(data, "utf-8-sig" if bom else "cp1258", filename)
    # Windows-1258 spells tones as combining marks; compose them as UTF-8 sources do.
    return unicodedata.normalize("NFC", text)


def _try_decode(data: bytes, encoding: str, filename: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TableError("file_unreadable", filename, f"not valid {encoding}") from exc


def _refuse_mixed_encodings(data: bytes, filename: str) -> None:
    """Raise when some cells are UTF-8 and others are not (Windows-1258): the file's encoding is
    that of its first cell with a non-ASCII letter (a BOM counts), the first cell of the other
    one is named. The delimiters and quotes are ASCII in both, so the rows are those of the file."""
    text = data.decode("latin-1")  # one character per byte: each cell's bytes come back intact
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    header, encoding = None, None
    for number, row in enumerate(reader, start=1):
        header = header or row
        for index, cell in enumerate(row):
            raw = cell.encode("latin-1")
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
                kind = "UTF-8"
            except UnicodeDecodeError:
                kind = "Windows-1258"
            encoding = encoding or kind
            if kind != encoding:
                raise TableError("file_mixed_encoding", filename, row=number, column=column_name(header, index),
                                 encoding=encoding, other=kind)


def _sniff_delimiter(text: str) -> str:
    """The delimiter among , ; and tab that occurs most often in the header line (or, when the first
    line has none, a title above the header, in the first HEADER_SEARCH_ROWS lines)."""
    lines = text.lstrip("\ufeff").split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    for chosen in (lines[:1], lines):
        counts = {d: sum(line.count(d) for line in chosen) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d])
        if counts[best]:
            return best
    return ","


def _csv_rows(text: str, filename: str):
    """The rows of a CSV text, one at a time; a quote left open (which would swallow the rest of
    the file into one cell) is refused, naming the row and column where it opened."""
    reader = csv.reader(io.StringIO(text + "\n" + _END, newline=""), delimiter=_sniff_delimiter(text))
    header = None
    for number, row in enumerate(reader, start=1):
        if row == [_END]:
            return
        if row and row[-1].endswith(_END):
            raise TableError("file_open_quote", filename, row=number, column=column_name(header, len(row) - 1))
        header = header or row
        yield list(map(str.strip, row))


# --- XLSX -------------------------------------------------------------------------------------

def _check_xlsx(data: bytes, filename: str, limits: settings.Limits) -> None:
    """Before the workbook is opened: the parts' unpacked size (a small file can unpack to
    gigabytes) and no DOCTYPE in its XML (entity declarations, which Excel never writes, can
    expand without end). The sizes are those the zip declares, which Python's zipfile holds each
    part to."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if sum(part.file_size for part in parts) > limits.max_xlsx_bytes:
                raise TableError("file_xlsx_too_big", filename, limit=limits.max_xlsx_bytes // settings.MB)
            for part in parts:
                if part.filename.endswith((".xml", ".rels")) and _has_doctype(archive, part):
                    raise TableError("file_xml_doctype", filename, part=part.filename)
    except TableError:
        raise
    except Exception as exc:  # not a zip, a damaged one, an encrypted part...
        raise TableError("file_unreadable", filename, str(exc)) from exc


def _has_doctype(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            if any(mark in window for mark in _DOCTYPES):
                return True
            tail = window[-32:]
    return False


def _xlsx_rows(data: bytes, filename: str, limits: settings.Limits):
    """The first sheet's rows, one at a time, once the file passed `_check_xlsx`, read with
    python-calamine: 0.6 s for 50,000 rows and 2.6 s for 200,000, where openpyxl (which still
    writes the app's XLSX files) took 4.7 s and 17 s, in the same memory. Calamine parses the whole
    sheet before the first row (bounded by the unpacked size checked above); the rows are turned
    into text only as far as the limits allow. Its rows start at the sheet's row 1
    but its cells at the first column holding data: the columns before it are put back, so that
    row numbers and column letters are those the user sees in Excel."""
    from python_calamine import CalamineWorkbook

    _check_xlsx(data, filename, limits)
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            sheet = workbook.get_sheet_by_index(0)
    except Exception as exc:  # a zip that is not a workbook, damaged XML...
        raise TableError("file_unreadable", filename, str(exc)) from exc
    before = [""] * (sheet.start[1] if sheet.start else 0)
    for row in sheet.iter_rows():
        yield before + [cell_text(v) for v in row]


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


def _to_frame(rows, filename: str, limits: settings.Limits, first: int = 2) -> pd.DataFrame:
    """The table of `rows` (an iterator: read only as far as the limits allow): the header, then
    the rows from spreadsheet row `first`."""
    rows = iter(rows)
    header = [normalise_header(h) for h in next(rows, [])]
    while header and not header[-1]:
        header.pop()  # trailing empty header cells (Excel's formatted-but-empty columns)
    header = _unique_headers(header)
    width, padding = len(header), [""] * len(header)
    body, numbers = [], []
    for number, row in enumerate(rows, start=first):
        cells = row if len(row) == width else (row + padding)[:width]
        if not any(cells):
            continue
        if max(map(len, cells)) > limits.max_cell_chars:
            index = next(i for i, cell in enumerate(cells) if len(cell) > limits.max_cell_chars)
            raise TableError("file_cell_too_long", filename, row=number, column=column_name(header, index),
                             length=len(cells[index]), limit=limits.max_cell_chars)
        if len(body) == limits.max_rows:
            raise TableError("file_too_many_rows", filename, row=number, limit=limits.max_rows)
        body.append(cells)
        numbers.append(number)
    frame = pd.DataFrame(body, columns=header, index=pd.Index(numbers, name=ROW_INDEX_NAME), dtype=str)
    return frame
