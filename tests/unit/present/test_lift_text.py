"""The words for what would lift the whole to target (lib.present.lift_text), in Vietnamese and English:
each kind of set, each reason none exists, the units left out for having no figures, the slides' line."""
from __future__ import annotations

import csv

from conftest import ROOT

from lib.core import lift as lf
from lib.core.catalogue import Catalogue, IndicatorDef
from lib.core.lift import Lift, Step
from lib.present import lift_text


def catalogue() -> Catalogue:
    """The catalogue's indicators (data/indicators.csv), without targets or a database."""
    with open(ROOT / "data" / "indicators.csv", encoding="utf-8", newline="") as f:
        indicators = [IndicatorDef(**{**r, "area": int(r["area"]), "sort": i, "levels": tuple(r["levels"].split(";"))})
                      for i, r in enumerate(csv.DictReader(f))]
    return Catalogue(areas={}, indicators=indicators)


CAT = catalogue()
ON_TIME = CAT.by_code["3.4"]
SELF_CHECK = CAT.by_code["1.3"]
THREE = Lift("3.4", "ratio", (Step("00421", "Xã Việt Long", "commune", 41), Step("00418", "Xã Phù Linh", "commune", 12),
                              Step("00376", "Thị trấn Sóc Sơn", "commune", 1234)))


def test_a_set_of_units_and_what_each_adds():
    assert lift_text.sentence(THREE, ON_TIME, CAT, "huyen") == (
        "Để toàn huyện đạt, cần 3 đơn vị đạt chỉ tiêu của mình: Xã Việt Long thêm 41, Xã Phù Linh thêm 12, "
        "Thị trấn Sóc Sơn thêm 1.234 (tổng cộng 1.287 hồ sơ đúng hạn).")
    assert lift_text.sentence(THREE, ON_TIME, CAT, "tinh", "en") == (
        "To lift the whole province to target, 3 units must reach their own target: Xã Việt Long with 41 more, "
        "Xã Phù Linh with 12 more, Thị trấn Sóc Sơn with 1,234 more (1,287 dossiers on time in all).")


def test_one_unit():
    one = Lift("3.4", "ratio", (Step("00421", "Xã Việt Long", "commune", 41),))
    assert lift_text.sentence(one, ON_TIME, CAT, "huyen") == (
        "Để toàn huyện đạt, cần 1 đơn vị đạt chỉ tiêu của mình: Xã Việt Long thêm 41 hồ sơ đúng hạn.")
    assert lift_text.sentence(one, ON_TIME, CAT, "huyen", "en") == (
        "To lift the whole district to target, 1 unit must reach its own target: Xã Việt Long with 41 more "
        "dossiers on time.")


def test_a_yes_no_share_names_the_units_to_be_done():
    two = Lift("1.3", "yes_no", (Step("00394", "Xã Tân Hưng", "commune", 1),
                                 Step("00421", "Xã Việt Long", "commune", 1)))
    assert lift_text.sentence(two, SELF_CHECK, CAT, "huyen") == (
        "Để toàn huyện đạt, cần thêm 2 đơn vị đạt: Xã Tân Hưng, Xã Việt Long.")
    assert lift_text.sentence(two, SELF_CHECK, CAT, "huyen", "en") == (
        "To lift the whole district to target, 2 more units must meet it: Xã Tân Hưng, Xã Việt Long.")
    one = Lift("1.3", "yes_no", two.steps[:1])
    assert lift_text.sentence(one, SELF_CHECK, CAT, "huyen", "en") == (
        "To lift the whole district to target, 1 more unit must meet it: Xã Tân Hưng.")


def test_units_without_figures_are_said_to_be_left_out():
    left_out = Lift("1.3", "yes_no", (Step("00394", "Xã Tân Hưng", "commune", 1),), no_data=("Xã Đông Xuân",))
    assert lift_text.sentence(left_out, SELF_CHECK, CAT, "huyen").endswith(
        " Chưa tính 1 đơn vị chưa có số liệu (chưa có mẫu số): Xã Đông Xuân.")
    two = Lift("1.3", "yes_no", left_out.steps, no_data=("Xã Đông Xuân", "Xã Bắc Sơn"))
    assert lift_text.sentence(two, SELF_CHECK, CAT, "huyen", "en").endswith(
        " 2 units without figures are left out (they have no denominator): Xã Đông Xuân, Xã Bắc Sơn.")


def test_why_no_set_exists():
    def said(reason, lang="vi", level=""):
        return lift_text.sentence(Lift("3.4", "ratio", reason=reason, level=level), ON_TIME, CAT, "huyen", lang)

    assert said(lf.EVEN_ALL) == "Dù mọi đơn vị đều đạt chỉ tiêu của mình, toàn huyện vẫn chưa đạt."
    assert said(lf.EVEN_ALL, "en") == ("Even with every unit at its own target, the whole district would still fall "
                                       "short.")
    assert said(lf.UPPER_BOUND) == ("Chỉ tiêu là mức tối đa: không có nhóm đơn vị nào giúp toàn huyện đạt bằng cách "
                                    "làm thêm.")
    assert said(lf.LEVEL_NO_DATA, level="agency") == ("Cơ quan chuyên môn chưa có số liệu nên chưa tính được nhóm "
                                                      "đơn vị giúp toàn huyện đạt.")
    assert said(lf.LEVEL_NO_DATA, "en", "agency").startswith("District agencies: no figures yet")
    assert said(lf.TOO_LARGE, "en") == ("Too many units to work out exactly which would lift the whole district to "
                                        "target.")


def test_the_slide_names_a_few_units_and_counts_the_rest():
    assert lift_text.short(THREE, limit=2) == "Để đạt: 3 đơn vị (Xã Việt Long +41, Xã Phù Linh +12, và 1 đơn vị khác)"
    assert lift_text.short(THREE, "en", limit=3) == ("To meet: 3 units (Xã Việt Long +41, Xã Phù Linh +12, "
                                                     "Thị trấn Sóc Sơn +1,234)")
    assert lift_text.short(THREE) == lift_text.short(THREE, limit=lift_text.SLIDE_UNITS)
    done = Lift("1.3", "yes_no", (Step("00394", "Xã Tân Hưng", "commune", 1),))
    assert lift_text.short(done) == "Để đạt: 1 đơn vị (Xã Tân Hưng)"
    assert lift_text.short(Lift("3.4", "ratio", reason=lf.EVEN_ALL)) == "Không có nhóm đơn vị nào đủ để đạt"
