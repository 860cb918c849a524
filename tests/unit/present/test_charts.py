"""The builders of lib.present.charts and lib.present.maps: plain Vega-Lite specs that validate against the
schema, are plain JSON, name all five statuses in their legends, keep the tile layout stable, and render
(vl-convert)."""
from __future__ import annotations

import json
import random

import pandas as pd
import pytest

from lib.core import status as st
from lib.present import charts, maps
from lib.present.views import short_name

CODES = [f"{n:05d}" for n in range(376, 376 + 3 * 26, 3)]  # 26 communes, GSO-like codes
STATUS_CYCLE = [st.MET, st.CLOSE, st.NOT_MET, st.NO_DATA, st.NOT_APPLICABLE]


def communes(n: int = 26) -> pd.DataFrame:
    rows = []
    for i, code in enumerate(CODES[:n]):
        status = STATUS_CYCLE[i % 5]
        value = f"{30 + i},50%" if status in (st.MET, st.CLOSE, st.NOT_MET) else ""
        name = "Thị trấn Sóc Sơn" if i == 0 else f"Xã Số {i}"
        rows.append({"unit_code": code, "unit": name, "short": short_name(name), "status": status,
                     "status_text": st.badge(status), "symbol": st.get(status).symbol, "value": value})
    return pd.DataFrame(rows)


def valid(spec: dict) -> dict:
    """The spec, after checking it against the Vega-Lite schema (the one Altair carries) and as JSON."""
    import jsonschema
    from altair.vegalite.v6.schema import load_schema

    jsonschema.validate(json.loads(json.dumps(spec)), load_schema())
    return spec


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def datasets(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


# --- the status scale ----------------------------------------------------------------------------

def test_status_scale_names_all_five_statuses_with_their_colours():
    scale = charts.status_scale()
    assert scale["domain"] == ["✔ Đạt", "◐ Gần đạt", "✖ Chưa đạt", "? Chưa có số liệu", "– Không áp dụng"]
    assert scale["range"] == [st.get(code).colour for code in st.CODES]
    assert charts.status_scale("en")["domain"][0] == "✔ Met"


# --- the tile map --------------------------------------------------------------------------------

def test_tile_layout_is_a_stable_order_by_code_in_a_near_square_grid():
    shuffled = CODES[:26]
    random.Random(1).shuffle(shuffled)
    layout = maps.tile_layout(shuffled)
    assert layout["unit_code"].tolist() == sorted(CODES[:26]) and layout["order"].tolist() == list(range(26))
    assert layout.equals(maps.tile_layout(list(reversed(shuffled))))
    assert maps.grid_size(26) == (6, 5)  # 26 tiles: 6 x 5 where the column is wide enough
    assert maps.grid_size(1) == (1, 1) and maps.grid_size(16) == (4, 4) and maps.grid_size(17) == (5, 4)


def test_a_narrow_column_lays_fewer_tiles_a_row_than_the_square_so_values_fit():
    vl_convert = pytest.importorskip("vl_convert")
    frame = communes(26)
    wide = vl_convert.vegalite_to_svg({**maps.commune_map(frame), "width": 6 * 80})
    narrow = vl_convert.vegalite_to_svg({**maps.commune_map(frame), "width": 3 * maps.MIN_TILE_WIDTH})
    height = lambda svg: float(svg.split('height="', 1)[1].split('"', 1)[0])  # noqa: E731
    assert height(narrow) - height(wide) == (9 - 5) * maps.TILE_HEIGHT  # three a row (9 rows), not six (5 rows)


def test_tile_map_spec_has_the_five_status_legend_the_selection_and_symbols():
    spec = valid(maps.commune_map(communes()))
    tiles = layers(spec)[0]
    color = tiles["encoding"]["color"]
    assert color["field"] == "status_text"
    assert color["scale"]["domain"] == charts.status_domain()
    assert color["legend"]["title"] == "Trạng thái"
    params = spec["params"]
    assert params[0]["name"] == maps.SELECTION and params[0]["select"]["fields"] == ["unit_code"]
    texts = [layer for layer in layers(spec) if layer["mark"]["type"] == "text"]
    assert {layer["encoding"]["text"]["field"] for layer in texts} == {"short", "line2"}
    rows = datasets(spec)
    assert {row["short"] for row in rows} >= {"TT. Sóc Sơn", "Số 1"}
    assert any(row["line2"].startswith("✔ ") for row in rows)
    assert all(row["line2"].split()[0] in {s.symbol for s in st.STATUSES.values()} for row in rows)


def test_tile_map_layout_is_the_same_on_every_run():
    a = maps.commune_map(communes())
    b = maps.commune_map(communes().sample(frac=1, random_state=3))
    place = lambda spec: sorted((r["unit_code"], r["order"]) for r in datasets(spec))  # noqa: E731
    assert place(a) == place(b)


def test_tile_map_renders_with_names_and_symbols():
    vl_convert = pytest.importorskip("vl_convert")
    spec = {**maps.commune_map(communes(7)), "width": 420}
    svg = vl_convert.vegalite_to_svg(spec)
    for text in ("TT. Sóc Sơn", "✔ 30,50%", "◐ 31,50%", "Chưa có số liệu", "Không áp dụng"):
        assert text in svg


def test_a_map_with_boundaries_draws_shapes_joined_on_the_commune_code():
    square = lambda x: [[[x, 0], [x, 1], [x + 1, 1], [x + 1, 0], [x, 0]]]  # noqa: E731
    geometry = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ma_don_vi": code},
         "geometry": {"type": "Polygon", "coordinates": square(i)}}
        for i, code in enumerate(CODES[:3])]}
    spec = valid(maps.commune_map(communes(3), geometry=geometry))
    shapes, labels, names = layers(spec)
    assert shapes["mark"]["type"] == "geoshape"
    assert shapes["transform"][0]["lookup"] == "properties.ma_don_vi"
    assert shapes["encoding"]["color"]["scale"]["domain"] == charts.status_domain()
    assert spec["params"][0]["name"] == maps.SELECTION and spec["params"][0]["views"] == [shapes["name"]]
    # each commune's status symbol is written inside its shape, not carried by colour alone, and its
    # name where it fits (the symbol heads a name on two lines)
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "mark"
    assert names["mark"]["type"] == "text" and names["encoding"]["text"]["field"] == "label"
    made = {t["as"]: t["calculate"] for t in names["transform"]}
    assert "datum.short" in made["label"] and made["mark"].endswith("datum.symbol")
    points = {row["unit_code"]: (row["x"], row["y"]) for row in datasets(spec) if "x" in row}
    assert points == {code: (pytest.approx(i + 0.5, abs=1e-3), pytest.approx(0.5, abs=1e-3))
                      for i, code in enumerate(CODES[:3])}
    # as wide as the column, as tall as the shape wants; the slides' form has bigger type
    assert spec["width"] == "container" and maps.commune_map(communes(3))["width"] == "container"
    assert {p["name"]: p.get("value") for p in spec["params"]}[maps.SLIDE] is False
    assert {p["name"]: p.get("value") for p in maps.for_slides(spec)["params"]}[maps.SLIDE] is True


def test_a_map_draws_only_the_shapes_of_the_communes_shown():
    # a province's stored boundaries hold every district's communes; a district's map draws its own
    square = lambda x: [[[x, 0], [x, 1], [x + 1, 1], [x + 1, 0], [x, 0]]]  # noqa: E731
    geometry = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ma_don_vi": code}, "geometry": {"type": "Polygon", "coordinates": square(i)}}
        for i, code in enumerate(CODES[:4])]}
    spec = maps.commune_map(communes(2), geometry=geometry)
    drawn = [f["properties"]["ma_don_vi"] for f in layers(spec)[0]["data"]["values"]]
    assert drawn == CODES[:2]
    # no shape for any commune shown: tiles
    assert maps.commune_map(communes(2), geometry={**geometry, "features": []})["usermeta"] == {
        maps.KIND: "tiles"}


def test_selected_code_reads_the_click():
    assert maps.selected_code({"selection": {maps.SELECTION: [{"unit_code": "00379"}]}}) == "00379"
    assert maps.selected_code({"selection": {maps.SELECTION: []}}) is None
    assert maps.selected_code(None) is None


# --- the trend ----------------------------------------------------------------------------------

def trend() -> pd.DataFrame:
    rows = []
    for order, period in enumerate(["T1", "T2", "T3"], start=1):
        rows.append({"order": order, "period": period, "unit_code": "TOAN_HUYEN", "unit": "Toàn huyện",
                     "level": "all", "series": "district", "value": 30.0 + order, "status": st.MET,
                     "status_text": st.badge(st.MET)})
        for code, name in (("00379", "Xã Bắc Sơn"), ("00382", "Xã Minh Trí")):
            rows.append({"order": order, "period": period, "unit_code": code, "unit": name, "level": "commune",
                         "series": "unit", "value": 20.0 + order, "status": st.NOT_MET,
                         "status_text": st.badge(st.NOT_MET)})
    return pd.DataFrame(rows)


RULES = pd.DataFrame({"target": [30.0], "label": ["Chỉ tiêu >30%"]})


def test_trend_chart_draws_the_target_and_orders_the_periods():
    spec = valid(charts.trend_chart(trend(), RULES))
    marks = [layer["mark"]["type"] for layer in layers(spec)]
    assert marks[:3] == ["line", "line", "rule"] and "text" in marks
    rule = layers(spec)[2]
    assert rule["encoding"]["y"]["field"] == "target"
    assert layers(spec)[1]["encoding"]["x"]["sort"] == ["T1", "T2", "T3"]
    assert layers(spec)[1]["encoding"]["color"]["scale"]["domain"] == ["Toàn huyện"]


def test_trend_chart_highlights_the_selected_commune():
    spec = valid(charts.trend_chart(trend(), RULES, selected="00379"))
    main = layers(spec)[1]
    assert main["encoding"]["color"]["scale"]["domain"] == ["Toàn huyện", "Xã Bắc Sơn"]
    assert main["encoding"]["color"]["scale"]["range"] == [charts.DISTRICT_INK, charts.SELECTED_INK]
    legend = charts.trend_legend(trend(), RULES, selected="00379")
    assert [item["label"] for item in legend] == ["Toàn huyện", "Xã Bắc Sơn", "từng đơn vị", "Chỉ tiêu >30%"]
    assert legend[-1]["dashed"]


def test_a_trend_of_many_units_draws_their_middle_as_a_band():
    # a province: hundreds of communes, no line each (and no data over Altair's row limit)
    rows = [{"order": order, "period": f"T{order}", "unit_code": f"{n:05d}", "unit": f"Xã {n}", "level": "commune",
             "series": "unit", "value": float(n % 100), "status": st.MET, "status_text": st.badge(st.MET)}
            for order in range(1, 13) for n in range(600)]
    frame = pd.concat([trend()[trend()["series"] == "district"], pd.DataFrame(rows)], ignore_index=True)
    spec = valid(charts.trend_chart(frame, RULES, selected="00007"))
    band = layers(spec)[0]
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"]["field"] == "high"
    low_high = [(row["low"], row["high"]) for row in datasets(spec) if "low" in row]
    assert len(low_high) == 12  # one per month
    others = pd.Series([float(n % 100) for n in range(600) if n != 7])  # the selected commune has its own line
    assert low_high[0] == (pytest.approx(others.quantile(0.1)), pytest.approx(others.quantile(0.9)))
    assert 9 < low_high[0][0] < 11 and 88 < low_high[0][1] < 90
    assert layers(spec)[1]["encoding"]["color"]["scale"]["domain"] == ["Toàn huyện", "Xã 7"]
    legend = [item["label"] for item in charts.trend_legend(frame, RULES, selected="00007")]
    assert legend[:3] == ["Toàn huyện", "Xã 7", "80% đơn vị ở giữa (từ 10% đến 90%)"]
    assert sum(len(rows) for rows in spec["datasets"].values()) < 5000
    # a district's few communes keep a line each
    assert layers(charts.trend_chart(trend(), RULES))[0]["mark"]["type"] == "line"


def test_trend_chart_renders():
    vl_convert = pytest.importorskip("vl_convert")
    svg = vl_convert.vegalite_to_svg({**charts.trend_chart(trend(), RULES, selected="00379"), "width": 400})
    assert "Chỉ tiêu &gt;30%" in svg or "Chỉ tiêu >30%" in svg


# --- the overview and the commune page ------------------------------------------------------------

def test_glance_bars_use_the_status_scale():
    long = pd.DataFrame([
        {"area": 1, "area_label": "1. Chỉ đạo", "status": st.MET, "status_text": st.badge(st.MET), "order": 0,
         "count": 3},
        {"area": 1, "area_label": "1. Chỉ đạo", "status": st.NOT_MET, "status_text": st.badge(st.NOT_MET),
         "order": 2, "count": 1},
    ])
    spec = valid(charts.glance_bars(long))
    bars = layers(spec)[0]
    assert bars["encoding"]["color"]["scale"]["domain"] == charts.status_domain()
    assert bars["encoding"]["x"]["stack"] == "zero"


def test_commune_trends_are_small_multiples_with_the_target():
    frame = pd.DataFrame([
        {"code": code, "label": f"{code} · Tên", "order": o, "period": f"T{o}", "value": 40.0 + o, "target": 30.0}
        for code in ("3.1b", "7.2") for o in (1, 2, 3)])
    spec = valid(charts.commune_trends(frame))
    assert spec["facet"]["field"] == "label" and spec["columns"] == 3
    assert [layer["mark"]["type"] for layer in spec["spec"]["layer"]] == ["line", "rule", "point"]
    # each panel's axis frames its own values and target (7.2's 41-43% against 30%, not 0-100)
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    bounds = {(row["label"], row["bound"]) for row in spec["datasets"]["values"] if row["bound"] is not None}
    assert bounds == {(label, b) for label in ("3.1b · Tên", "7.2 · Tên") for b in (25.0, 45.0)}
    assert charts.value_axis([41, 42, 43, 30]) == (28.0, 45.0)  # widened to 20 points in a small panel
    assert charts.panel_axis([10, 60]) == charts.value_axis([10, 60])
    assert charts.panel_axis([100, 100]) == (80.0, 100.0)  # a flat 100% is not zoomed into 98-100
    assert charts.panel_axis([2, 5]) == (0.0, 20.0)
    json.dumps(spec)  # plain JSON, as Streamlit sends it
    # a phone's: one panel a row, within the 358 px a 390 px screen leaves (its axis beside it)
    phone = valid(charts.commune_trends(frame, **charts.PHONE_TRENDS))
    assert phone["columns"] == 1 and phone["spec"]["width"] + 40 <= 358


def test_a_trend_axis_frames_its_values_and_targets():
    low, high = charts.value_axis([96.7, 97.5, 100])  # not a flat line on 0-100
    assert 90 <= low < 96.7 and high == 100
    assert charts.value_axis([10, 30]) == (7.0, 33.0)
    assert charts.value_axis([]) == (0.0, 100.0) and charts.value_axis([0.5, 100])[0] == 0
