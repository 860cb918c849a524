"""The words for what would lift the whole to target (lib.core.lift): a sentence for the area page, a
short line for the slides, in Vietnamese and English. Unit names are text, escaped where they are
drawn (lib.web.text.md, the slides' template). No Streamlit.
"""
from __future__ import annotations

from lib.core import lift as lf
from lib.core.catalogue import Catalogue, IndicatorDef
from lib.core.scoring import Scores
from lib.present import format as fmt
from lib.present import i18n

SLIDE_UNITS = 2  # the most units a slide names; the rest are counted


def _whole(whole_kind: str, lang: str) -> str:
    """The whole inside a sentence: `toàn huyện`, `whole district`."""
    name = i18n.whole(whole_kind, lang)
    return name[:1].lower() + name[1:]


def _no_set(result: lf.Lift, catalogue: Catalogue, whole: str, lang: str) -> str:
    if result.reason == lf.EVEN_ALL:
        return i18n.t("lift.even_all", lang, whole=whole)
    if result.reason == lf.UPPER_BOUND:
        return i18n.t("lift.upper_bound", lang, whole=whole)
    if result.reason == lf.LEVEL_NO_DATA:
        level = catalogue.level_name(result.level, lang)
        return i18n.t("lift.level_no_data", lang, level=level[:1].upper() + level[1:], whole=whole)
    return i18n.t("lift.too_large", lang, whole=whole)


def sentence(result: lf.Lift, ind: IndicatorDef, catalogue: Catalogue, whole_kind: str, lang: str = "vi") -> str:
    """What would lift the whole, in words: `Để toàn huyện đạt, cần 3 đơn vị đạt chỉ tiêu của mình: Xã Việt
    Long thêm 41, Xã Phù Linh thêm 12, Xã Minh Trí thêm 5 (tổng cộng 58 hồ sơ đúng hạn).`, or why no set
    exists; then the units left out for having no figures."""
    whole = _whole(whole_kind, lang)
    n = len(result.steps)
    if result.reason:
        text = _no_set(result, catalogue, whole, lang)
    elif result.measure == "yes_no":
        units = ", ".join(s.unit_name for s in result.steps)
        text = (i18n.t("lift.units_done_one", lang, whole=whole, units=units) if n == 1
                else i18n.t("lift.units_done", lang, whole=whole, n=fmt.count(n, lang), units=units))
    else:
        steps = ", ".join(i18n.t("lift.step", lang, unit=s.unit_name, n=fmt.count(s.add, lang))
                          for s in result.steps)
        what = ind.numerator_label(lang)
        text = (i18n.t("lift.units_one", lang, whole=whole, steps=steps, what=what) if n == 1
                else i18n.t("lift.units", lang, whole=whole, n=fmt.count(n, lang), steps=steps,
                            total=fmt.count(result.total, lang), what=what))
    if result.no_data:
        m = len(result.no_data)
        text += " " + i18n.t("lift.no_data_one" if m == 1 else "lift.no_data", lang, n=fmt.count(m, lang),
                             units=", ".join(result.no_data))
    return text


def short(result: lf.Lift, lang: str = "vi", limit: int = SLIDE_UNITS) -> str:
    """A slide's line: `Để đạt: 4 đơn vị (Xã Việt Long +41, Xã Phù Linh +12, Xã Minh Trí +5, và 1 đơn vị
    khác)`: at most `limit` names."""
    if result.reason:
        return i18n.t("lift.short_none", lang)
    n = len(result.steps)
    shown = [s.unit_name + ("" if result.measure == "yes_no" else f" +{fmt.count(s.add, lang)}")
             for s in result.steps[:limit]]
    if n > limit:
        shown.append(i18n.t("units_more", lang, n=fmt.count(n - limit, lang)))
    steps = ", ".join(shown)
    return (i18n.t("lift.short_one", lang, steps=steps) if n == 1
            else i18n.t("lift.short", lang, n=fmt.count(n, lang), steps=steps))


def page_line(catalogue: Catalogue, scores: Scores, code: str, lang: str = "vi") -> str:
    """The area page's sentence for indicator `code` ('' when the whole meets it or has no figure)."""
    result = lf.lift(catalogue, scores, code)
    return "" if result is None else sentence(result, catalogue.by_code[code], catalogue, scores.whole, lang)


def slide_line(catalogue: Catalogue, scores: Scores, code: str, lang: str = "vi") -> str:
    """The slide's line for indicator `code` ('' when the whole meets it or has no figure)."""
    result = lf.lift(catalogue, scores, code)
    return "" if result is None else short(result, lang)
