"""Evidence documents (tài liệu kiểm chứng) judged by their content: which kinds are accepted (PDF,
PNG, JPEG, Word .docx, Excel .xlsx), each recognised by its first bytes and, for .docx and .xlsx, by
a zip holding the parts of such a document, never by its name alone; a name that says another kind
is refused too. The size is bounded (settings.max_evidence_bytes), and so is what a .docx or .xlsx
unpacks to (settings CCHC_MAX_XLSX_MB, the parts' declared sizes, which Python's zipfile holds each
part to; as lib.io.tabular does for the figures' XLSX): a zip bomb is refused without unpacking it.
The name a document is stored and downloaded under is made safe here. Nothing is ever opened,
rendered or run: only checked and stored (lib.store.evidence)."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from lib.core import settings
from lib.core.errors import Refused

# kind -> (the file name endings that say it, its MIME type)
KINDS = {
    "pdf": ((".pdf",), "application/pdf"),
    "png": ((".png",), "image/png"),
    "jpeg": ((".jpg", ".jpeg"), "image/jpeg"),
    "docx": ((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
MAGIC = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"))
ZIP_MAGIC = b"PK\x03\x04"
# an Office document: its main part and the content type [Content_Types].xml gives it
OFFICE_PARTS = {
    "docx": ("word/document.xml", b"wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", b"spreadsheetml.sheet.main+xml"),
}
CONTENT_TYPES = "[Content_Types].xml"
MAX_PARTS = 2000  # a Word or Excel file holds tens of parts; thousands is a crafted zip
MAX_CONTENT_TYPES_BYTES = 1 << 20
NAME_CHARS = 100  # the stored name's length, before its ending
_UNSAFE = re.compile(r"[^\w\s().,-]+")


class EvidenceError(Refused):
    """An evidence document, or a step on one, was refused (nothing was stored or changed)."""
    topic = "evidence"


@dataclass(frozen=True)
class Checked:
    """A document that passed `check`: its kind, MIME type and the safe name to store it under."""

    kind: str
    mime: str
    name: str


def kind_of(data: bytes, max_unpacked: int) -> str | None:
    """The kind of the document by its content, or None when it is none of KINDS; EvidenceError
    when a zip would unpack beyond `max_unpacked` bytes or holds too many parts."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return _office_kind(data, max_unpacked) if data.startswith(ZIP_MAGIC) else None


def _office_kind(data: bytes, max_unpacked: int) -> str | None:
    """docx or xlsx when the zip holds that document's main part and declares its content type."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > max_unpacked:
                raise EvidenceError("zip_too_big", limit=max_unpacked // settings.MB)
            names = {p.filename: p for p in parts}
            types = names.get(CONTENT_TYPES)
            if types is None or types.file_size > MAX_CONTENT_TYPES_BYTES \
                    or any(n.lower().endswith("vbaproject.bin") for n in names):  # macros: never
                return None
            declared = archive.read(types)
    except EvidenceError:
        raise
    except Exception:  # not a zip after all, a damaged one, an encrypted part...
        return None
    return next((kind for kind, (main, content_type) in OFFICE_PARTS.items()
                 if main in names and content_type in declared), None)


def safe_name(filename: str, kind: str) -> str:
    """The name to store and download a document under: no folder, no character a file system or a
    header could take otherwise, at most NAME_CHARS before the kind's ending (`tai-lieu.pdf` when
    nothing is left)."""
    base = unicodedata.normalize("NFC", re.split(r"[\\/]", filename or "")[-1])
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"\s+", " ", _UNSAFE.sub("_", stem)).strip(" ._")[:NAME_CHARS].strip(" ._")
    return f"{stem or 'tai-lieu'}{KINDS[kind][0][0]}"


def check(data: bytes, filename: str, max_bytes: int | None = None, max_unpacked: int | None = None) -> Checked:
    """The document `data` sent as `filename`, checked: EvidenceError when it is empty, larger than
    `max_bytes` (default CCHC_MAX_EVIDENCE_MB), none of KINDS by its content, a zip unpacking beyond
    `max_unpacked` (default CCHC_MAX_XLSX_MB), or named as another kind than it is."""
    max_bytes = max_bytes or settings.max_evidence_bytes()
    max_unpacked = max_unpacked or settings.limits().max_xlsx_bytes
    name = re.split(r"[\\/]", filename or "")[-1]
    if not data:
        raise EvidenceError("empty", name=name)
    if len(data) > max_bytes:
        raise EvidenceError("too_big", name=name, limit=max_bytes // settings.MB)
    kind = kind_of(data, max_unpacked)
    if kind is None:
        raise EvidenceError("type_unknown", name=name)
    endings, mime = KINDS[kind]
    if not name.lower().endswith(endings):
        raise EvidenceError("type_mismatch", name=name, ending=endings[0])
    return Checked(kind, mime, safe_name(name, kind))
