"""A province office under AppTest: the same pages show the province as a whole, and the sidebar's
scope opens one of its districts."""
from __future__ import annotations

import pytest
from conftest import add_figures
from streamlit.testing.v1 import AppTest

from lib.io import official
from lib.store import auth, db
from lib.store.units import setup_province

APP = "../../app.py"
BAC_KAN = "06"


@pytest.fixture
def province_app(databases, tmp_path, monkeypatch, router_mode):
    url = databases.sqlite("migrated", tmp_path / "province.db")
    engine = db.get_engine(url)
    setup_province(engine, official.find_province(BAC_KAN))
    district = official.find_province(BAC_KAN).districts[1]
    add_figures(engine, [(district.communes[0].code, "1.1", "2025", 1, 1),
                         (district.communes[1].code, "1.1", "2025", 0, 1)])
    auth.add_user(engine, "lanhdao", "Lãnh đạo tỉnh", auth.LANH_DAO, "mat-khau-dai-1", actor="test")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CCHC_COOKIE_KEY", "test-cookie-key-0123456789abcdef-0123456789")
    db.get_engine.cache_clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "lanhdao"
    return at, district


def shown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_province_and_then_one_district(province_app):
    at, district = province_app
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    scope = at.sidebar.selectbox(key="sidebar_scope")
    assert scope.value == BAC_KAN and len(scope.options) == 1 + len(official.find_province(BAC_KAN).districts)
    assert "**Tỉnh Bắc Kạn**" in shown(at)
    assert "Bảy lĩnh vực (kết quả toàn tỉnh, theo số chỉ tiêu)" in [h.value for h in at.header]
    at.switch_page("pages/area_1.py").run()
    assert not at.exception and "Toàn tỉnh:" in shown(at)
    assert "1/2" in shown(at)  # 1.1: one of the two communes that reported (the rest have no data)
    at.sidebar.selectbox(key="sidebar_scope").set_value(district.code).run()
    assert not at.exception, [e.message for e in at.exception]
    assert f"**{district.name}**" in shown(at) and "Toàn huyện:" in shown(at)
