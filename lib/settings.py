"""Settings, read once from the environment (and, in the app, from st.secrets).

Every setting the product reads is declared here with its default and meaning.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_SQLITE_PATH = DATA_DIR / "cchc.db"

SETTINGS_HELP = {
    "DATABASE_URL": "SQLAlchemy URL of the shared database. Unset: SQLite file data/cchc.db.",
    "CCHC_LANG": "Language of command-line messages: vi (default) or en.",
    "CCHC_COOKIE_KEY": "Key that signs the login cookie (or [auth] cookie_key in .streamlit/secrets.toml).",
}


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
