"""Settings, read once from the environment (and, in the app, from st.secrets).

Every setting the product reads is declared here with its default and meaning.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
DEFAULT_SQLITE_PATH = DATA_DIR / "cchc.db"
MB = 1024 * 1024

SETTINGS_HELP = {
    "DATABASE_URL": "SQLAlchemy URL of the shared database. Unset: SQLite file data/cchc.db.",
    "CCHC_LANG": "Language of command-line messages: vi (default) or en.",
    "CCHC_COOKIE_KEY": "Key that signs the login cookie (or [auth] cookie_key in .streamlit/secrets.toml).",
    "CCHC_MAX_FILE_MB": "Largest figures, units or boundary file accepted, in MB (default 20).",
    "CCHC_MAX_ROWS": "Most data rows in a figures or units file (default 200000).",
    "CCHC_MAX_CELL_CHARS": "Most characters in one cell of a figures or units file (default 2000).",
    "CCHC_MAX_XLSX_MB": "Largest unpacked size of an XLSX file, in MB (default 100).",
    "CCHC_MAX_EVIDENCE_MB": "Largest evidence document (PDF, PNG, JPEG, DOCX, XLSX) accepted, in MB (default 10).",
}
LIMIT_DEFAULTS = {"CCHC_MAX_FILE_MB": 20, "CCHC_MAX_ROWS": 200_000, "CCHC_MAX_CELL_CHARS": 2_000,
                  "CCHC_MAX_XLSX_MB": 100, "CCHC_MAX_EVIDENCE_MB": 10}


@dataclass(frozen=True)
class Settings:
    database_url: str
    embedded: bool
    lang: str


def load() -> Settings:
    url = os.environ.get("DATABASE_URL", "").strip()
    embedded = not url
    if embedded:
        url = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    lang = os.environ.get("CCHC_LANG", "vi").strip().lower() or "vi"
    return Settings(database_url=url, embedded=embedded, lang="en" if lang == "en" else "vi")


@dataclass(frozen=True)
class Limits:
    """What a file read from a user may hold at most (checked before the expensive work)."""

    max_file_bytes: int
    max_rows: int
    max_cell_chars: int
    max_xlsx_bytes: int


def _positive_int(name: str) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return LIMIT_DEFAULTS[name]
    if not text.isdigit() or int(text) == 0:
        raise ValueError(f"{name}={text!r}: a whole number above 0 is needed")
    return int(text)


def limits() -> Limits:
    return Limits(max_file_bytes=_positive_int("CCHC_MAX_FILE_MB") * MB, max_rows=_positive_int("CCHC_MAX_ROWS"),
                  max_cell_chars=_positive_int("CCHC_MAX_CELL_CHARS"),
                  max_xlsx_bytes=_positive_int("CCHC_MAX_XLSX_MB") * MB)


def max_evidence_bytes() -> int:
    """The largest evidence document accepted (CCHC_MAX_EVIDENCE_MB), in bytes."""
    return _positive_int("CCHC_MAX_EVIDENCE_MB") * MB
