"""The chairman's brief (lib.present.brief) printed by headless Chromium on A4: the demo district, whose
size is a real district's (26 communes, 12 agencies), prints on exactly one page."""
from __future__ import annotations

import re

import pytest
from browser_kit import BROWSER, SHOTS
from browser_kit import browser  # noqa: F401 - fixture

from lib.core.periods import last_full_month
from lib.present import brief
from lib.store import db, queries
from lib.store import definitions
from lib.store.results import district_scores

pytestmark = BROWSER

A4_WIDTH, A4_HEIGHT = 794, 1123  # CSS pixels


@pytest.fixture(scope="module")
def demo_scores(databases, tmp_path_factory):
    engine = db.get_engine(databases.sqlite("demo", tmp_path_factory.mktemp("brief") / "demo.db"))
    year, month = last_full_month()  # the sample figures run up to the last full month
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        root = queries.default_root(conn)
        scores = district_scores(conn, year, month, catalogue=catalogue)
    engine.dispose()
    return catalogue, scores, root["name"]


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_brief_prints_on_one_a4_page(browser, demo_scores, lang):  # noqa: F811 - fixture
    catalogue, scores, name = demo_scores
    document = brief.brief_html(catalogue, scores, name, scores.year, scores.month, lang=lang, sample=True)
    page = browser.new_page(viewport={"width": A4_WIDTH, "height": A4_HEIGHT})
    try:
        page.set_content(document.decode("utf-8"))
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        assert page_count(pdf) == 1
        # the chart image was decoded and drawn
        assert page.evaluate("document.querySelector('img').naturalWidth") > 100
        page.emulate_media(media="print")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / f"brief_{lang}.png", full_page=True)
    finally:
        page.close()
