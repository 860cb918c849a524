"""Who has not reported what (lib.core.completeness) as people read it: the chase list in words and
as downloaded, the reporting rate per area and its line (`95,0% (190/200)`)."""
from __future__ import annotations

import pandas as pd

from lib.core import catalogue as cat
from lib.present import format as fmt
from lib.present import i18n

CHASE_VIEW_COLUMNS = {  # column -> i18n key of its header (the download's headers too)
    "area": "col_area", "indicator": "col_code", "indicator_name": "col_indicator", "unit_code": "col_unit_code",
    "unit_name": "col_unit", "level_name": "col_level", "granularity_name": "col_reporting",
    "last_text": "col_last_reported", "due_text": "col_due",
}


def chase_frame(chase: pd.DataFrame, catalogue: cat.Catalogue, year: int, lang: str = "vi") -> pd.DataFrame:
    """The chase list for reading: indicator names in the language, the level and reporting period
    in words, the last period reported this year (`chưa báo cáo` when none) and the one due."""
    frame = chase.copy()
    frame["indicator_name"] = [catalogue.by_code[c].name(lang) if c in catalogue.by_code else n
                               for c, n in zip(frame["indicator"], frame["indicator_name"])]
    frame["level_name"] = [catalogue.level_name(level, lang) for level in frame["level"]]
    frame["granularity_name"] = [i18n.t(f"granularity_{g}", lang) for g in frame["granularity"]]
    frame["last_text"] = [fmt.period_words(int(m), year, g, lang) if m else i18n.t("not_reported", lang)
                          for m, g in zip(frame["last_month"], frame["granularity"])]
    frame["due_text"] = [fmt.period_words(int(m), year, g, lang)
                         for m, g in zip(frame["due_month"], frame["granularity"])]
    return frame


def chase_download(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The chase list as downloaded: the shown columns under their headers in the language."""
    return frame[list(CHASE_VIEW_COLUMNS)].rename(columns={c: i18n.t(k, lang) for c, k in CHASE_VIEW_COLUMNS.items()})


def rate_text(received: int, due: int, lang: str = "vi") -> str:
    """`95,0% (190/200)`; `chưa có báo cáo đến hạn` when none is due."""
    if not due:
        return i18n.t("rate_none_due", lang)
    tenths = 1000 * received // due  # rounded down: 1999 of 2000 is 99.9%, never 100%
    return i18n.t("rate_line", lang, percent=fmt.decimal(f"{tenths // 10}.{tenths % 10}", lang),
                  received=fmt.count(received, lang), due=fmt.count(due, lang))


def rate_frame(rate: pd.DataFrame, catalogue: cat.Catalogue, lang: str = "vi", layout: str = "district") -> pd.DataFrame:
    """The reporting rate per area for reading (`name`: `3. Cải cách TTHC`), then one row (area 0)
    for all areas together (`Cả huyện`, `Cả tỉnh`: the whole's `layout`, lib.core.catalogue.LAYOUTS)."""
    rows = [(int(a), f"{int(a)}. {catalogue.area_name(int(a), lang)}", int(d), int(r))
            for a, d, r in zip(rate["area"], rate["due"], rate["received"])]
    rows.append((0, i18n.t_layout("all_areas", layout, lang), sum(r[2] for r in rows), sum(r[3] for r in rows)))
    return pd.DataFrame([{"area": area, "name": name, "due": due, "received": received,
                          "rate": (1000 * received // due) / 10 if due else float("nan"),  # as rate_text
                          "rate_text": rate_text(received, due, lang)} for area, name, due, received in rows],
                        columns=["area", "name", "due", "received", "rate", "rate_text"])
