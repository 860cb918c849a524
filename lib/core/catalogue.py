"""The indicator catalogue and the targets, as stored in the database.

The definitions and the 2022 targets are seeded from `data/indicators.csv`, `data/areas.csv`
and `data/targets_2022.csv` by `init-db`; from then on targets live in the database and the
secretariat edits them per year.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction


# The level each kind of unit reports at.
LEVEL_OF_KIND = {
    "tinh": None,  # a province reports nothing itself: its districts and communes do
    "huyen": "district",
    "xa": "commune",
    "thi_tran": "commune",
    "phuong": "commune",
    "co_quan": "agency",
    "dvsn": "psu",
}
UNIT_KINDS = tuple(LEVEL_OF_KIND)
LEVELS = ("district", "agency", "commune", "psu")
LEVEL_NAMES = {
    "district": ("cấp huyện", "district level"),
    "agency": ("cơ quan chuyên môn", "district agencies"),
    "commune": ("cấp xã", "communes"),
    "psu": ("đơn vị sự nghiệp", "public service units"),
}
KIND_NAMES = {
    "tinh": ("Tỉnh", "Province"),
    "huyen": ("Huyện", "District"),
    "xa": ("Xã", "Commune"),
    "thi_tran": ("Thị trấn", "Township"),
    "phuong": ("Phường", "Ward"),
    "co_quan": ("Cơ quan chuyên môn", "District agency"),
    "dvsn": ("Đơn vị sự nghiệp", "Public service unit"),
}
OPERATORS = (">", ">=", "<", "<=")

# The unit tree's layout: a district on its own; a province above its districts (before 2025); a
# province directly above its communes and wards (the two-tier layout since July 2025), whose
# agencies are the province's departments (sở) and whose communes and wards have no township.
LAYOUTS = ("district", "province", "province_2025")
LEVEL_NAMES_2025 = {**LEVEL_NAMES, "agency": ("cơ quan chuyên môn cấp tỉnh", "provincial departments"),
                    "commune": ("xã, phường", "communes and wards")}
KIND_NAMES_2025 = {**KIND_NAMES, "co_quan": ("Sở, ban, ngành", "Provincial department")}
# Indicator wording that speaks of a level the two-tier layout changed: (name_vi, name_en)
NAMES_2025 = {
    "4.1": ("CQCM cấp tỉnh rà soát, ban hành quy định chức năng, nhiệm vụ; đúng số cấp phó",
            "Provincial departments' functions regulated and deputies within the allowed number"),
    "1.2a": ("Kiểm tra CCHC tại UBND xã", "Communes inspected by the province"),
}


def layout_of(kinds) -> str:
    """The layout of a tree holding units of these kinds."""
    kinds = set(kinds)
    if "tinh" not in kinds:
        return "district"
    return "province" if "huyen" in kinds else "province_2025"


def level_name(level: str, lang: str = "vi", layout: str = "district") -> str:
    names = LEVEL_NAMES_2025 if layout == "province_2025" else LEVEL_NAMES
    return names[level][lang == "en"]


def kind_name(kind: str, lang: str = "vi", layout: str = "district") -> str:
    names = KIND_NAMES_2025 if layout == "province_2025" else KIND_NAMES
    return names[kind][lang == "en"]


@dataclass(frozen=True)
class TargetRule:
    op: str
    value: Fraction  # in percent
    tolerance: Fraction  # percentage points
    year: int  # the year whose targets these are (may be earlier than the year scored)


def number_text(value: Fraction | Decimal | float) -> str:
    """A number without needless zeros, with a dot: 20, 98, 12.5 (a target's value, a tolerance, as
    the audit log stores it and the export writes it; lib.present.format writes it for reading)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return format(Decimal(str(value)).normalize(), "f")


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    area: int
    sort: int
    levels: tuple[str, ...]
    measure: str  # yes_no | ratio
    kind: str  # completion | rate
    stock_flow: str  # ratios: stock (a state: read at the latest report) | flow (events: summed); '' for yes/no
    aggregate: str  # share | pooled | unit | worst_level
    scope: str  # '' | not_dbkk | partly_self_financed
    name_vi: str
    name_en: str
    numerator_vi: str
    denominator_vi: str
    numerator_en: str
    denominator_en: str
    usual_period: str = "Q"

    def name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" else self.name_vi

    def numerator_label(self, lang: str = "vi") -> str:
        return self.numerator_en if lang == "en" else self.numerator_vi

    def denominator_label(self, lang: str = "vi") -> str:
        return self.denominator_en if lang == "en" else self.denominator_vi


@dataclass
class Catalogue:
    areas: dict[int, tuple[str, str]]
    indicators: list[IndicatorDef]
    targets: dict[str, dict[int, dict[str, TargetRule]]] = field(default_factory=dict)
    layout: str = "district"  # LAYOUTS: the words of levels, kinds and some indicators follow it

    def __post_init__(self):
        self.by_code = {ind.code: ind for ind in self.indicators}

    def for_layout(self, layout: str) -> Catalogue:
        """The catalogue worded for `layout` (in a 2025 province, 4.1 speaks of its departments)."""
        indicators = self.indicators
        if layout == "province_2025":
            indicators = [replace(ind, name_vi=NAMES_2025[ind.code][0], name_en=NAMES_2025[ind.code][1])
                          if ind.code in NAMES_2025 else ind for ind in indicators]
        return Catalogue(self.areas, indicators, self.targets, layout)

    def level_name(self, level: str, lang: str = "vi") -> str:
        return level_name(level, lang, self.layout)

    def kind_name(self, kind: str, lang: str = "vi") -> str:
        return kind_name(kind, lang, self.layout)

    def area_name(self, area: int, lang: str = "vi") -> str:
        return self.areas[area][lang == "en"]

    def of_area(self, area: int) -> list[IndicatorDef]:
        return [ind for ind in self.indicators if ind.area == area]

    def targets_for(self, code: str, year: int) -> dict[str, TargetRule]:
        """Targets by level for `year`: each level's from the latest year up to `year` that sets it
        (a year that sets one target for all levels replaces earlier per-level ones); before the
        first plan year, the earliest year's."""
        by_year = self.targets.get(code, {})
        if not by_year:
            return {}
        years = sorted(y for y in by_year if y <= year) or [min(by_year)]
        merged: dict[str, TargetRule] = {}
        for y in years:
            if "all" in by_year[y]:
                merged = {}
            merged.update(by_year[y])
        return merged

    def target(self, code: str, year: int, level: str) -> TargetRule | None:
        rules = self.targets_for(code, year)
        return rules.get(level) or rules.get("all")
