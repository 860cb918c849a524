"""The official lists of administrative units.

The pre-2025 list (provinces, districts, communes) comes with PyPI `vietnam-provinces==0.6.0`. The
2025 two-tier list (provinces directly above communes and wards) ships with the package's later
versions, which cannot be installed beside 0.6.0: `read_2025_list` reads it from the package's
wheel (or its `nested-divisions.json`), fetched with
`python -m pip download vietnam-provinces --no-deps -d data/`.

The store writes what is read here (lib.store.units.setup_district, setup_province).
"""
from __future__ import annotations

import json
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KIND_BY_PREFIX = (("Thị trấn ", "thi_tran"), ("Phường ", "phuong"), ("Xã ", "xa"))


@dataclass(frozen=True)
class Commune:
    code: str  # 5 digits
    name: str
    kind: str  # xa, thi_tran, phuong


@dataclass(frozen=True)
class District:
    code: str  # 3 digits
    name: str
    province: str
    communes: tuple[Commune, ...]


@dataclass(frozen=True)
class Province:
    code: str  # 2 digits
    name: str
    districts: tuple[District, ...]  # empty in the 2025 two-tier layout
    communes: tuple[Commune, ...]  # the 2025 layout's communes and wards (directly below)


def commune_kind(name: str) -> str:
    """Classify by the name's prefix: the list's own type field calls some townships 'xã'."""
    for prefix, kind in KIND_BY_PREFIX:
        if name.startswith(prefix):
            return kind
    return "xa"


@lru_cache(maxsize=1)
def _provinces() -> list[dict]:
    import vietnam_provinces

    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as f:
        return json.load(f)


def normalise_district_code(code: str | int) -> str:
    text = str(code).strip()
    if not text.isdigit():
        raise ValueError(text)
    return f"{int(text):03d}"


def find_district(code: str | int) -> District | None:
    """The district with this GSO code (`76`, `076` and `0076` are the same), or None."""
    wanted = int(normalise_district_code(code))
    for province in _provinces():
        for district in province["districts"]:
            if district["code"] == wanted:
                return District(f"{wanted:03d}", district["name"], province["name"], _communes(district["wards"]))
    return None


def normalise_province_code(code: str | int) -> str:
    text = str(code).strip()
    if not text.isdigit():
        raise ValueError(text)
    return f"{int(text):02d}"


def _communes(wards: list[dict]) -> tuple[Commune, ...]:
    return tuple(Commune(f"{w['code']:05d}", w["name"], commune_kind(w["name"])) for w in wards)


def find_province(code: str | int) -> Province | None:
    """The pre-2025 province with this GSO code (`1`, `01`), with every district and commune."""
    wanted = int(normalise_province_code(code))
    for province in _provinces():
        if province["code"] == wanted:
            districts = tuple(District(f"{d['code']:03d}", d["name"], province["name"], _communes(d["wards"]))
                              for d in province["districts"])
            return Province(f"{wanted:02d}", province["name"], districts, ())
    return None


def read_2025_list(path: Path | str) -> list[dict]:
    """The 2025 two-tier list (provinces with `wards`) from a `vietnam-provinces` wheel of 2025 or
    later, or from its `nested-divisions.json`. Raises ValueError when the file holds no such list."""
    path = Path(path)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as wheel:
                name = next((n for n in wheel.namelist() if n.endswith("data/nested-divisions.json")), None)
                if name is None:
                    raise ValueError(f"{path.name}: no data/nested-divisions.json inside")
                data = json.loads(wheel.read(name).decode("utf-8"))
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path.name}: {error}") from error
    if not (isinstance(data, list) and data and all(isinstance(p, dict) and "wards" in p for p in data)):
        raise ValueError(f"{path.name}: not the 2025 list (provinces directly above communes and wards)")
    return data


def find_province_2025(code: str | int, provinces: list[dict]) -> Province | None:
    """The province with this code in the 2025 list (lib.io.official.read_2025_list)."""
    wanted = int(normalise_province_code(code))
    for province in provinces:
        if province["code"] == wanted:
            return Province(f"{wanted:02d}", province["name"], (), _communes(province["wards"]))
    return None


def merged_into_2025(code: str | int, provinces: list[dict]) -> tuple[str, str, str] | None:
    """For a pre-2025 province that the 2025 merger retired (02, Hà Giang): its name, and the code
    and name of the 2025 province (of `provinces`, read_2025_list) that holds most of its communes'
    codes (08, Tuyên Quang); None for a code that is not a retired province."""
    wanted = int(normalise_province_code(code))
    if any(p["code"] == wanted for p in provinces):
        return None
    old = next((p for p in _provinces() if p["code"] == wanted), None)
    if old is None:
        return None
    home = {w["code"]: p for p in provinces for w in p["wards"]}
    found = Counter(home[w["code"]]["code"] for d in old["districts"] for w in d["wards"] if w["code"] in home)
    if not found:
        return None
    new = next(p for p in provinces if p["code"] == found.most_common(1)[0][0])
    return old["name"], f"{new['code']:02d}", new["name"]


def all_districts() -> list[tuple[str, str, str]]:
    """(code, district name, province name) of every pre-2025 district."""
    return [
        (f"{d['code']:03d}", d["name"], p["name"])
        for p in _provinces() for d in p["districts"]
    ]
