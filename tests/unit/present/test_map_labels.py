"""lib.present.map_labels on Sóc Sơn's real boundaries (../shared/geo; skipped when absent): every
anchor lies inside its commune, a name is written only where it fits inside its own shape, more
names fit on a wider map, and the slides' bigger type needs a wider one."""
from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, shape

from lib.present import map_labels, maps
from lib.present.views import short_name
from tests.conftest import SHARED

SOC_SON = SHARED / "geo" / "ha_noi_soc_son.geojson"


@pytest.fixture(scope="module")
def soc_son():
    if not SOC_SON.is_file():
        pytest.skip(f"{SOC_SON.name} is not here (../shared/geo)")
    features = json.loads(SOC_SON.read_text(encoding="utf-8"))["features"]
    for i, feature in enumerate(features):
        feature["properties"]["ma_don_vi"] = f"{i:05d}"
    names = {f["properties"]["ma_don_vi"]: short_name(f["properties"]["commune_vn"]) for f in features}
    return features, names, map_labels.layout(features, names, "ma_don_vi", (maps.SIZES["page"], maps.SIZES["slide"]))


def test_every_anchor_lies_inside_its_commune(soc_son):
    features, _, layout = soc_son
    for feature in features:
        code = feature["properties"]["ma_don_vi"]
        assert shape(feature["geometry"]).contains(Point(*layout.points[code])), code


def test_a_wider_map_shows_more_names_and_slides_need_a_wider_one(soc_son):
    _, names, layout = soc_son

    def shown(labels, width):
        return sum(min(labels.one_line[c], labels.two_lines[c]) <= width for c in names)

    assert shown(layout.page, 300) < shown(layout.page, 450) < shown(layout.page, 800)
    assert shown(layout.page, 800) >= 20  # of 26: a 1920 screen's column
    assert all(layout.slide.one_line[c] >= layout.page.one_line[c] for c in names)
    # a name too long for its shape at any width is left to the tooltip
    assert any(layout.page.one_line[c] == map_labels.NEVER for c in names) or shown(layout.page, 2400) == 26


def test_a_name_that_fits_lies_inside_its_shape_at_that_width(soc_son):
    features, names, layout = soc_son
    projected = {f["properties"]["ma_don_vi"]: shapely.transform(shape(f["geometry"]), map_labels.mercator)
                 for f in features}
    minx, _, maxx, _ = shapely.total_bounds(list(projected.values()))
    for code, width in layout.page.one_line.items():
        if width == map_labels.NEVER:
            continue
        scale = width / (maxx - minx)
        x, y = map_labels.mercator(np.array([layout.points[code]]))[0]
        half = map_labels.text_width(names[code], maps.SIZES["page"][0]) / 2 / scale
        ink = maps.SIZES["page"][0] * map_labels.INK_HEIGHT / 2 / scale
        assert projected[code].contains(shapely.box(x - half, y - ink, x + half, y + ink)), code


def test_names_break_into_two_lines_at_the_better_space():
    assert map_labels.two_lines("Thanh Xuân") == ["Thanh", "Xuân"]
    assert map_labels.two_lines("TT. Sóc Sơn") == ["TT.", "Sóc Sơn"]
    assert map_labels.two_lines("Sơn") is None
    assert map_labels.text_width("Minh Phú", 12) == pytest.approx(49.6, rel=0.1)  # measured in Chromium: 49.6 px
