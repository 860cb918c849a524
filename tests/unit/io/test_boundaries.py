"""Commune boundaries (lib.io.geojson, lib.io.boundaries, import-boundaries): reading, matching, refusals,
storage, map."""
import json

import pytest
from sqlalchemy import func, select

from conftest import ROOT, SHARED, run_cli
from lib.io import boundaries, geojson, official
from lib.io.geojson import BoundaryError
from lib.present import i18n, maps
from lib.store import boundaries as stored_boundaries, db
from lib.store.models import Boundary, Unit
from lib.store.units import setup_district

GEO = SHARED / "geo"
SOC_SON = GEO / "ha_noi_soc_son.geojson"
NGAN_SON = GEO / "bac_kan_ngan_son.geojson"


def needs(path):
    if not path.is_file():
        pytest.skip(f"{path.name} is not here (../shared/geo)")
    return path


def stored(engine) -> dict[str | None, str]:
    """unit code (None for a feature without a commune) -> feature name, of every stored boundary."""
    with engine.connect() as conn:
        rows = conn.execute(select(Unit.code, Boundary.feature_name)
                            .join(Unit, Unit.id == Boundary.unit_id, isouter=True)).all()
    return {(code or f"-{name}"): name for code, name in rows}


def counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Boundary)).scalar(), db.data_version(engine)


def square(x0, y0, size=0.01, clockwise=False):
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return list(reversed(ring)) if clockwise else ring


def collection(*features):
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for props, ring in features]}


def write(tmp_path, name, doc) -> str:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# --- the real files ------------------------------------------------------------------------------

def test_soc_son_matches_every_commune(engine):
    setup_district(engine, official.find_district("016"))
    result = boundaries.import_boundaries(engine, needs(SOC_SON))
    report = result.report()
    assert len(report["matched"]) == 26
    assert report["unmatched_features"] == [] and report["communes_without_boundary"] == []
    assert result.match.name_field == "commune_vn" and result.match.code_field is None
    assert {"feature": "Thị trấn Sóc Sơn", "ma_don_vi": "00376"} in report["matched"]
    assert len(stored(engine)) == 26
    geometry = stored_boundaries.geometry(engine)
    assert len(geometry["features"]) == 26
    assert {f["properties"]["ma_don_vi"] for f in geometry["features"]} == {m["ma_don_vi"] for m in report["matched"]}
    assert len(json.dumps(geometry)) < 60_000  # small enough to send with every map


def test_ngan_son_shows_what_does_not_match(engine):
    setup_district(engine, official.find_district("062"))
    report = boundaries.import_boundaries(engine, needs(NGAN_SON)).report()
    matched = {m["feature"]: m["ma_don_vi"] for m in report["matched"]}
    assert len(matched) == 9
    assert matched["Xã Vân Tùng"] == "01954"  # now Thị trấn Vân Tùng
    assert sorted(report["unmatched_features"]) == ["Xã Hương Nê", "Xã Lãng Ngâm"]
    assert report["communes_without_boundary"] == ["01960"]  # Xã Hiệp Lực
    # the features without a commune are kept for a later pairing, and can be paired
    assert sorted(stored_boundaries.unpaired(engine)) == ["Xã Hương Nê", "Xã Lãng Ngâm"]
    assert len(stored_boundaries.geometry(engine)["features"]) == 9
    boundaries.pair(engine, "Xã Hương Nê", "01960", user="noivu")
    assert stored_boundaries.unpaired(engine) == ["Xã Lãng Ngâm"]
    assert "01960" in {f["properties"]["ma_don_vi"] for f in stored_boundaries.geometry(engine)["features"]}
    with pytest.raises(BoundaryError):
        boundaries.pair(engine, "Xã Không Có", "01960")


def test_import_pairs_argument(engine):
    setup_district(engine, official.find_district("062"))
    report = boundaries.import_boundaries(engine, needs(NGAN_SON), pairs={"Xã Hương Nê": "01960"}).report()
    assert {"feature": "Xã Hương Nê", "ma_don_vi": "01960"} in report["matched"]
    assert report["unmatched_features"] == ["Xã Lãng Ngâm"] and report["communes_without_boundary"] == []


def test_reimport_replaces(engine, tmp_path):
    setup_district(engine, official.find_district("016"))
    path = needs(SOC_SON)
    boundaries.import_boundaries(engine, path)
    first, version = counts(engine)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:3]
    boundaries.import_boundaries(engine, write(tmp_path, "part.geojson", doc))
    total, later = counts(engine)
    assert first == 26 and total == 3 and later > version


def test_stored_rings_are_clockwise_and_the_map_draws_shapes(engine):
    import pandas as pd
    from shapely.geometry import shape

    setup_district(engine, official.find_district("016"))
    boundaries.import_boundaries(engine, needs(SOC_SON))
    geometry = stored_boundaries.geometry(engine)
    for feature in geometry["features"]:
        polys = [shape(feature["geometry"])]
        polys = getattr(polys[0], "geoms", polys)
        assert all(not p.exterior.is_ccw for p in polys)  # clockwise for Vega
    frame = pd.DataFrame({"unit_code": ["00376"], "unit": ["Thị trấn Sóc Sơn"], "short": ["Sóc Sơn"],
                          "status": ["met"], "status_text": ["Đạt"], "value": ["99%"], "symbol": ["✔"]})
    spec = maps.commune_map(frame, geometry=geometry)
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["geoshape", "text", "text"]



def test_neighbours_keep_their_shared_border_when_simplified_together():
    """Sóc Sơn's communes, simplified together (as an import does when a commune is large): every
    two neighbours meet along a common line and overlap nowhere. Each alone (the old way), the
    file's thinned borders stay apart and overlap."""
    import shapely
    from shapely.geometry import shape

    read = geojson.read_features(needs(SOC_SON).read_bytes(), SOC_SON.name)
    shapes = [shape(f.geometry) for f in read]
    together = boundaries.simplify_together(shapes)
    assert shapely.coverage_is_valid(together)
    tree = shapely.STRtree(together)
    neighbours = [(i, j) for i, j in zip(*tree.query(together, predicate="intersects")) if i < j]
    assert len(neighbours) >= len(shapes)  # 26 communes, more borders than communes
    for i, j in neighbours:
        assert together[i].intersection(together[j]).area < 1e-12
    shared = [together[i].boundary.intersection(together[j].boundary).length for i, j in neighbours]
    assert sum(length > 0.001 for length in shared) >= len(shapes)  # real borders, not corners (0.001° ≈ 100 m)
    alone = [s.simplify(boundaries.SIMPLIFY_TOLERANCE, preserve_topology=True) for s in shapes]
    assert sum(alone[i].intersection(alone[j]).area for i, j in neighbours) > 1e-6


def test_a_large_commune_simplifies_the_district_together(small_district, tmp_path):
    """Two communes sharing a winding border of 1,000 points: stored simplified, and still sharing
    it (simplified each alone, one ring starting halfway along the border, they overlapped)."""
    import math

    from shapely.geometry import LineString, shape

    border = [[105.8 + 0.002 * math.sin(k / 80) + 0.00001 * math.sin(k), 21.2 + 0.01 * k / 999] for k in range(1000)]
    west = [[105.79, 21.2], *border, [105.79, 21.21]]
    west = west[500:] + west[:501]  # the ring starts halfway along the border
    east = [[105.81, 21.2], [105.81, 21.21], *reversed(border), [105.81, 21.2]]
    boundaries.import_boundaries(small_district, write(tmp_path, "hai.geojson", collection(
        ({"ten": "Xã Hai"}, west), ({"ten": "Xã Ba"}, east))))
    stored_shapes = {f["properties"]["ma_don_vi"]: shape(f["geometry"])
                     for f in stored_boundaries.geometry(small_district)["features"]}
    hai, ba = stored_shapes["99902"], stored_shapes["99903"]
    assert len(hai.exterior.coords) < 100 and len(ba.exterior.coords) < 100
    assert hai.intersection(ba).area < 1e-12
    # the whole border is shared (a little shorter, its 1 m wiggles gone)
    assert hai.boundary.intersection(ba.boundary).length > 0.9 * LineString(border).length

# --- matching --------------------------------------------------------------------------------------

def test_name_keys():
    assert boundaries.strip_prefix("Thị trấn Sóc Sơn") == "sóc sơn"
    assert boundaries.strip_prefix("TT. Sóc  Sơn") == "sóc sơn"
    assert boundaries.strip_prefix("P.Phúc Xá") == "phúc xá"
    assert boundaries.plain_key("Xã Đức Hòa") == boundaries.plain_key("Xã Đức Hoà") == "duc hoa"
    communes = [("00430", "Xã Đức Hoà"), ("00418", "Xã Tiên Dược")]
    nfd = __import__("unicodedata").normalize("NFD", "Xã Đức Hòa")
    assert boundaries.match_name(nfd, communes) == ("00430", False)
    assert boundaries.match_name("DUC HOA", communes) == ("00430", False)
    assert boundaries.match_name("Xa Tien Duoc", communes) == ("00418", False)


def test_ambiguous_name_is_not_guessed(engine, tmp_path):
    from conftest import add_units

    add_units(engine, [("998", "Huyện Hai Tên", "huyen", None, 0, 0),
                       ("99801", "Thị trấn Tân Minh", "thi_tran", "998", 0, 0),
                       ("99802", "Xã Tân Minh", "xa", "998", 0, 0),
                       ("99803", "Xã Hai", "xa", "998", 0, 0)])
    doc = collection(({"ten": "Tân Minh"}, square(105.8, 21.2)), ({"ten": "Xã Hai"}, square(105.9, 21.2)),
                     ({"ten": "Xã Tân Minh"}, square(105.8, 21.3)))
    report = boundaries.import_boundaries(engine, write(tmp_path, "hai.geojson", doc)).report()
    assert report["matched"] == [{"feature": "Xã Hai", "ma_don_vi": "99803"},
                                 {"feature": "Xã Tân Minh", "ma_don_vi": "99802"}]
    assert report["unmatched_features"] == ["Tân Minh"]
    assert report["communes_without_boundary"] == ["99801"]


def test_code_field_is_found_and_given(small_district, tmp_path):
    doc = collection(({"ma": 99901, "ten": "khác"}, square(105.8, 21.2)),
                     ({"ma": "99902", "ten": "khác nữa"}, square(105.9, 21.2)))
    result = boundaries.import_boundaries(small_district, write(tmp_path, "ma.geojson", doc))
    assert result.match.code_field == "ma"
    assert [m["ma_don_vi"] for m in result.report()["matched"]] == ["99901", "99902"]
    assert result.report()["communes_without_boundary"] == ["99903"]
    doc = collection(({"a": "x", "b": "99903"}, square(105.8, 21.2)))
    result = boundaries.import_boundaries(small_district, write(tmp_path, "b.geojson", doc), code_field="b")
    assert result.report()["matched"] == [{"feature": "99903", "ma_don_vi": "99903"}]
    with pytest.raises(BoundaryError) as error:
        boundaries.import_boundaries(small_district, write(tmp_path, "b.geojson", doc), name_field="ten_xa")
    assert "ten_xa" in i18n.say(error.value)


def test_topojson_of_two_squares(small_district, tmp_path):
    # two unit squares sharing an edge, quantized, with delta-encoded arcs
    topo = {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [105.8, 21.2]},
        "arcs": [
            [[1, 0], [0, 1]],                    # shared edge (1,0)->(1,1)
            [[1, 1], [-1, 0], [0, -1], [1, 0]],  # left square's other edges (1,1)->(0,1)->(0,0)->(1,0)
            [[1, 0], [1, 0], [0, 1], [-1, 0]],   # right square's other edges (1,0)->(2,0)->(2,1)->(1,1)
        ],
        "objects": {"xa": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Xã Hai"}},
            {"type": "Polygon", "arcs": [[2, ~0]], "properties": {"name": "Xã Ba"}},
        ]}},
    }
    result = boundaries.import_boundaries(small_district, write(tmp_path, "hai.topojson", topo))
    assert result.report()["matched"] == [{"feature": "Xã Hai", "ma_don_vi": "99902"},
                                          {"feature": "Xã Ba", "ma_don_vi": "99903"}]
    features = stored_boundaries.geometry(small_district)["features"]
    from shapely.geometry import shape

    areas = {f["properties"]["ma_don_vi"]: shape(f["geometry"]).area for f in features}
    assert areas == pytest.approx({"99902": 0.0001, "99903": 0.0001})


# --- refusals ------------------------------------------------------------------------------------------

REFUSED = {
    "not_json.geojson": ("{ not json", "not_json"),
    "list.json": ("[1, 2]", "not_geo"),
    "points.geojson": ({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ten": "Xã Hai"},
         "geometry": {"type": "Point", "coordinates": [105.8, 21.2]}}]}, "no_polygons"),
    "swapped.geojson": (collection(({"ten": "Xã Hai"}, [[y, x] for x, y in square(105.8, 21.2)])), "swapped"),
    "far.geojson": (collection(({"ten": "Xã Hai"}, square(2.35, 48.85))), "outside"),
    "metres.geojson": (collection(({"ten": "Xã Hai"}, square(580000, 2350000, 1000))), "outside"),
    "other_district.geojson": (collection(({"ten": "Xã Không Khớp"}, square(105.8, 21.2))), "nothing_matched"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_refused_files_change_nothing(small_district, tmp_path, name):
    doc, key = REFUSED[name]
    boundaries.import_boundaries(small_district, write(tmp_path, "ok.geojson", collection(
        ({"ten": "Xã Hai"}, square(105.8, 21.2)))))
    before = counts(small_district)
    with pytest.raises(BoundaryError) as error:
        boundaries.import_boundaries(small_district, write(tmp_path, name, doc))
    assert error.value.key == key
    assert name in i18n.say(error.value, "vi")
    assert counts(small_district) == before


def refused(engine, tmp_path, name: str, content: str | bytes) -> BoundaryError:
    """The refusal of a file, after checking that the stored boundaries did not change."""
    boundaries.import_boundaries(engine, write(tmp_path, "ok.geojson", collection(
        ({"ten": "Xã Hai"}, square(105.8, 21.2)))))
    before = counts(engine)
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(BoundaryError) as error:
        boundaries.import_boundaries(engine, path)
    assert counts(engine) == before
    return error.value


def test_nan_coordinates_are_refused_at_their_line_and_column(engine, tmp_path):
    add_small(engine)
    text = json.dumps(collection(({"ten": "Xã Hai", "ghi_chu": "NaN"}, square(105.8, 21.2))), indent=1)
    text = text.replace("21.21", "NaN", 1)
    error = refused(engine, tmp_path, "nan.geojson", text)
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "NaN," in row or row.strip() == "NaN")
    assert error.key == "not_finite" and error.params["line"] == line and error.params["value"] == "NaN"
    assert i18n.say(error) == f"Tệp nan.geojson, dòng {line}, cột {error.params['column']}: 'NaN' không phải là số hợp lệ trong JSON."
    assert i18n.say(error, "en").startswith(f"File nan.geojson, line {line}, column ")


def test_an_infinite_coordinate_is_refused_naming_the_feature(engine, tmp_path):
    add_small(engine)
    text = json.dumps(collection(({"ten": "Xã Hai"}, square(105.8, 21.2)), ({"ten": "Xã Ba"}, square(105.9, 21.2))))
    error = refused(engine, tmp_path, "vo_cuc.geojson", text.replace("105.91", "1e999", 1))
    assert error.key == "bad_geometry" and error.params["feature"] == 2


def test_json_nested_deeply_is_refused_before_it_is_parsed(engine, tmp_path):
    add_small(engine)
    error = refused(engine, tmp_path, "sau.json", '{"type": "FeatureCollection", "features": ' + "[" * 100_000
                    + "]" * 100_000 + "}")
    assert error.key == "too_deep"
    assert i18n.say(error) == ("Tệp sau.json: JSON lồng nhau quá sâu (hơn 32 cấp); GeoJSON/TopoJSON chỉ cần vài cấp.")
    # brackets inside strings are not nesting
    assert geojson.json_depth(rb'{"a": "[[[[[[\\", "b": "\"]]"}') == 1


def test_a_boundary_file_over_the_size_limit_is_refused_unread(engine, tmp_path, monkeypatch):
    add_small(engine)
    monkeypatch.setenv("CCHC_MAX_FILE_MB", "1")
    text = json.dumps(collection(({"ten": "Xã Hai", "pad": "x" * 2**20}, square(105.8, 21.2))))
    error = refused(engine, tmp_path, "to.geojson", text)
    assert error.key == "too_big"
    assert i18n.say(error, "en") == ("File to.geojson: the file is too large (over 1 MB). Simplify the boundaries or keep "
                                "only the district's communes.")
    upload = json.dumps(collection(({"ten": "Xã Hai"}, square(105.8, 21.2)))).encode() + b" " * 2**20
    with pytest.raises(BoundaryError, match="too_big"):
        boundaries.import_boundaries(engine, "tai_len.geojson", raw=upload)


def add_small(engine):
    from conftest import add_units

    add_units(engine)


# --- the command line --------------------------------------------------------------------------------

def test_cli_json_and_text(cli_db, capsys, tmp_path):
    path = str(needs(NGAN_SON))
    assert run_cli(capsys, "init-db")[0] == 0
    assert run_cli(capsys, "setup-district", "062")[0] == 0
    code, out, _ = run_cli(capsys, "import-boundaries", path, "--json")
    assert code == 0
    report = json.loads(out)
    assert list(report) == ["matched", "unmatched_features", "communes_without_boundary"]
    assert all(list(m) == ["feature", "ma_don_vi"] for m in report["matched"])
    assert len(report["matched"]) == 9 and report["communes_without_boundary"] == ["01960"]
    code, out, _ = run_cli(capsys, "import-boundaries", path, "--name-field", "commune_vn")
    assert code == 0 and "Xã Hương Nê" in out and "01960 Xã Hiệp Lực" in out and "Đã lưu ranh giới của 9" in out
    code, _, err = run_cli(capsys, "import-boundaries", str(write(tmp_path, "x.geojson", "nope")))
    assert code != 0 and "x.geojson" in err and "JSON" in err
    code, _, err = run_cli(capsys, "import-boundaries", str(tmp_path / "missing.geojson"))
    assert code != 0 and "missing.geojson" in err
    code, _, err = run_cli(capsys, "import-boundaries", path, "--code-field", "ma_xa")
    assert code != 0 and "ma_xa" in err
    code, _, err = run_cli(capsys, "import-boundaries", str(write(tmp_path, "sau.json", "[" * 100_000)))
    assert code == 2 and err.startswith("Tệp sau.json: JSON lồng nhau quá sâu")
    code, _, err = run_cli(capsys, "import-boundaries", str(write(tmp_path, "nan.json", '{"type": NaN}')))
    assert code == 2 and err.strip() == "Tệp nan.json, dòng 1, cột 10: 'NaN' không phải là số hợp lệ trong JSON."
    assert counts(db.get_engine())[0] == 11


# --- the area page draws the stored polygons ----------------------------------------------------------

def test_area_page_maps_use_stored_boundaries(databases, tmp_path, monkeypatch, router_mode):
    from streamlit.testing.v1 import AppTest

    path = needs(SOC_SON)
    url = databases.sqlite("demo", tmp_path / "demo.db")
    engine = db.get_engine(url)
    boundaries.import_boundaries(engine, path)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CCHC_COOKIE_KEY", "test-cookie-key-0123456789abcdef-0123456789")
    db.get_engine.cache_clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state["authentication_status"] = True
        at.session_state["username"] = "noivu"
        at.run()
        at.switch_page("pages/area_3.py")
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        charts = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
        maps_ = [c for c in charts if c.get("usermeta", {}).get(maps.KIND)]
        assert maps_ and all(m["usermeta"][maps.KIND] == "shapes" for m in maps_)
        assert all(m["layer"][0]["mark"]["type"] == "geoshape" for m in maps_)
        text = json.dumps(maps_[0])
        assert text.count('"geometry"') == 26 and '"ma_don_vi": "00376"' in text
    finally:
        db.get_engine(url).dispose()
        db.get_engine.cache_clear()
