"""The one-page brief for the district chairman: the overview and the worst gaps on one printed
A4 page, with the glance chart as an image. No Streamlit.

Format: a self-contained, print-friendly HTML document (UTF-8, A4 portrait `@page`, no external
resources; the chart is a PNG in a data URI, drawn by vl_convert). The user opens it in the
browser and prints it or saves it as PDF there. There is no `brief_pdf`: a PDF made on the server
would need a browser engine (Chromium through Playwright) or a PDF library with Vietnamese fonts,
and the app's server is not guaranteed to have either; the browser's "Save as PDF" gives the same
page. tests/browser/test_brief_print.py checks that Chromium prints it on exactly one page.

`brief_html` fills the template lib/present/templates/brief.html.j2 (escaped by lib.present.html);
`gap_frame` (the worst gaps) and the frames of lib.present.views hold the logic.
"""
from __future__ import annotations

import base64
from datetime import date

import pandas as pd
import vl_convert

from lib.core import clock
from lib.core import status as st
from lib.core.catalogue import Catalogue
from lib.core.scoring import Scores, shortfall
from lib.present import charts, html, i18n, reasons, views, workflow_view
from lib.present import format as fmt

GAP_COLUMNS = ["code", "indicator", "value", "target", "status", "status_text", "shortfall", "gap"]
GAP_STATUSES = (st.NOT_MET, st.CLOSE)


# --- the worst gaps ----------------------------------------------------------------------------

def _gap_words(ind, rule, numerator: int, denominator: int, status: str, month: int, lang: str) -> tuple[int, str]:
    """How many more (dossiers, communes...) would meet `rule`, and that in words."""
    return (shortfall(numerator, denominator, rule),
            reasons.gap_text(ind, rule, numerator, denominator, status, month, lang, whole=True))


def gap_frame(catalogue: Catalogue, scores: Scores, lang: str = "vi", limit: int = 5) -> pd.DataFrame:
    """The district's indicators that are not met, then those close to it, each group with the
    biggest shortfall (lib.core.scoring.shortfall: how many more dossiers, communes... would meet the
    target) first. An indicator judged level by level (3.3, 7.2) adds up its levels' shortfalls."""
    district = scores.district.set_index("indicator")
    levels = scores.levels
    rows = []
    for ind in catalogue.indicators:
        if ind.code not in district.index:
            continue
        d = district.loc[ind.code]
        if d["status"] not in GAP_STATUSES:
            continue
        if ind.aggregate == "worst_level":
            parts = levels[(levels["indicator"] == ind.code) & levels["status"].isin(GAP_STATUSES)]
            total, words = 0, []
            for lv in parts.itertuples():
                rule = catalogue.target(ind.code, scores.year, lv.level)
                n, text = _gap_words(ind, rule, int(lv.numerator), int(lv.denominator), lv.status, scores.month, lang)
                total += n
                words.append(i18n.t("brief.gap_level", lang, level=catalogue.level_name(lv.level, lang), gap=text))
            gap = "; ".join(words)
        else:
            rule = catalogue.targets_for(ind.code, scores.year)["all"]
            total, gap = _gap_words(ind, rule, int(d["numerator"]), int(d["denominator"]), d["status"],
                                    scores.month, lang)
        rows.append({"code": ind.code, "indicator": ind.name(lang),
                     "value": views.value_text(d["numerator"], d["denominator"], d["status"], lang),
                     "target": fmt.target_text(d["target"], lang), "status": d["status"],
                     "status_text": views.status_text(d["status"], lang), "shortfall": total, "gap": gap,
                     "severity": GAP_STATUSES.index(d["status"]), "order": len(rows)})
    frame = pd.DataFrame(rows, columns=[*GAP_COLUMNS, "severity", "order"])
    frame = frame.sort_values(["severity", "shortfall", "order"], ascending=[True, False, True], kind="stable")
    return frame.head(limit)[GAP_COLUMNS].reset_index(drop=True)


# --- the chart ---------------------------------------------------------------------------------

CHART_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def glance_png(glance: pd.DataFrame, lang: str = "vi") -> bytes:
    """The glance bar chart (lib.present.charts.glance_bars) as a PNG for the brief: the areas named by
    their number and no legend, since the table beside it names the areas and its column heads
    (colour, symbol and word of each status) are the legend."""
    long = views.glance_long(glance, lang)
    long["area_label"] = long["area"].astype(str)
    spec = {**charts.glance_bars(long, lang), "width": 190, "height": {"step": 22}}
    for layer in spec.get("layer", []):
        color = layer.get("encoding", {}).get("color", {})
        if "legend" in color:
            color["legend"] = None
    spec["config"] = {**spec.get("config", {}), "font": CHART_FONT}
    return vl_convert.vegalite_to_png(spec, scale=2)


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# --- the page ----------------------------------------------------------------------------------

def brief_html(catalogue: Catalogue, scores: Scores, district_name: str, year: int, month: int, lang: str = "vi",
               sample: bool = False, issued: date | None = None, limit: int = 5,
               counting: str | None = None, directives: tuple[str, ...] = (), layout: str = "district") -> bytes:
    """The one-page brief as a self-contained HTML document (UTF-8 bytes) from the template
    lib/present/templates/brief.html.j2: header with the data stamp (and what it counts, when
    `counting` is given: lib.core.workflow.COUNTING), the seven areas at a glance (table and
    chart), every indicator's district figure, the worst gaps (indicators and communes, `limit`
    each) and, when given, the lines on the leaders' open directives (plain text, escaped by the
    template), worded for the `layout` (lib.core.catalogue.LAYOUTS). `issued` defaults to today."""
    issued = issued or clock.today()
    glance = views.area_glance(catalogue, scores, lang)
    whole = i18n.whole(scores.whole, lang)
    title = f"{district_name} · {i18n.t('brief.title', lang, year=year)}"
    if sample:
        title = f"[{i18n.t('sample_marker', lang)}] {title}"
    total = {**views.glance_total(glance), "title": whole, "total": True}
    page = html.render(
        "brief.html.j2", lang=lang, m=lambda key, **params: i18n.t_layout(key, layout, lang, **params), title=title,
        district=district_name, year=year, month=month, issued=fmt.date_text(issued), sample=sample,
        counting=workflow_view.counting_name(counting, lang) if counting else None,
        whole=whole, codes=list(views.GLANCE) + ([st.NOT_APPLICABLE] if glance[st.NOT_APPLICABLE].any() else []),
        glance=[*({**row, "title": f"{row['area']}. {row['name']}", "total": False}
                  for row in glance.to_dict("records")), total],
        chart=data_uri(glance_png(glance, lang)),
        indicators=views.indicator_frame(catalogue, scores, lang).to_dict("records"),
        gaps=gap_frame(catalogue, scores, lang, limit=limit).to_dict("records"),
        communes=[{**row, "short": views.short_name(row["unit"])}
                  for row in views.worst_communes(scores, lang, limit=limit).to_dict("records")],
        legend=", ".join(st.badge(code, lang) for code in st.CODES), directives=list(directives))
    return page.encode("utf-8")
