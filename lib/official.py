"""The official pre-2025 list of districts and communes (PyPI `vietnam-provinces==0.6.0`)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

# Agencies every district has (cơ quan chuyên môn thuộc UBND huyện), as (code suffix, name).
DEFAULT_AGENCIES = [
    ("VP", "Văn phòng HĐND và UBND huyện"),
    ("NV", "Phòng Nội vụ"),
    ("TP", "Phòng Tư pháp"),
    ("TCKH", "Phòng Tài chính - Kế hoạch"),
    ("TNMT", "Phòng Tài nguyên và Môi trường"),
    ("LDTBXH", "Phòng Lao động - Thương binh và Xã hội"),
    ("VHTT", "Phòng Văn hóa và Thông tin"),
    ("GDDT", "Phòng Giáo dục và Đào tạo"),
    ("YT", "Phòng Y tế"),
    ("TTR", "Thanh tra huyện"),
    ("KTHT", "Phòng Kinh tế và Hạ tầng"),
    ("NNPTNT", "Phòng Nông nghiệp và Phát triển nông thôn"),
]

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
                communes = tuple(
                    Commune(f"{w['code']:05d}", w["name"], commune_kind(w["name"]))
                    for w in district["wards"]
                )
                return District(f"{wanted:03d}", district["name"], province["name"], communes)
    return None


def all_districts() -> list[tuple[str, str, str]]:
    """(code, district name, province name) of every pre-2025 district."""
    return [
        (f"{d['code']:03d}", d["name"], p["name"])
        for p in _provinces() for d in p["districts"]
    ]
