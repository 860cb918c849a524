"""The ranking page (pages/ranking.py) under AppTest, run as the router runs it (app.py does not
list it yet), on the demo district (seeded once; tests that save work on a copy)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import unescaped

from lib.store import auth, db
from lib.store import weights as stored_weights

from lib.core import ranking
from lib.present import ranking as ranking_view

from lib.web import guard
from lib.store.results import district_scores

PAGE = Path(__file__).resolve().parents[2] / "pages" / "ranking.py"
# what app.py does around a page, on every run (a save's st.rerun too): mark the run routed, run it
ROUTER = f"""
import runpy
from lib.web import guard
guard.mark_routed()
runpy.run_path({str(PAGE)!r}, run_name="__main__")
"""
YEAR = 2025  # the demo has figures from 2022 to last month
ACCOUNTS = {
    "nv_test": auth.Account("nv_test", "Phòng Nội vụ (kiểm thử)", auth.NOI_VU, None),
    "ld_test": auth.Account("ld_test", "Lãnh đạo (kiểm thử)", auth.LANH_DAO, None),
    "xa_test": auth.Account("xa_test", "Cán bộ xã (kiểm thử)", auth.DON_VI, 1),
}
EDITOR = "ranking_weights_editor"


@pytest.fixture(scope="module")
def seeded(databases, tmp_path_factory):
    path = tmp_path_factory.mktemp("ranking_page") / "seeded.db"
    databases.sqlite("demo", path)
    return path


@pytest.fixture
def use_db(monkeypatch, router_mode):
    def use(path) -> None:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
        db.get_engine.cache_clear()
    yield use
    db.get_engine.cache_clear()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def run(at: AppTest) -> AppTest:
    return ok(at.run())


def open_page(username: str, lang: str = "vi") -> AppTest:
    at = AppTest.from_string(ROUTER, default_timeout=60)
    at.session_state[guard.ACCOUNT] = ACCOUNTS[username]
    at.session_state["sidebar_year"] = YEAR
    at.session_state["sidebar_as_of"] = 12
    at.session_state["sidebar_lang"] = lang
    return run(at)


def tables(at: AppTest) -> list:
    return [d.value for d in at.dataframe if "met_of" in d.value.columns]


def expected(path, weights=None):
    """The commune ranking as lib.core.ranking makes it from the same database (weights: the stored ones)."""
    with db.get_engine(f"sqlite:///{path}").connect() as conn:
        now, then = district_scores(conn, YEAR, 12), district_scores(conn, YEAR - 1, 12)
        weights = stored_weights.read_weights(conn) if weights is None else weights
    return ranking.rank(now, "commune", weights, then)


def test_a_leader_sees_both_rankings_without_the_weights(seeded, use_db):
    use_db(seeded)
    at = open_page("ld_test")
    assert at.title[0].value == f"Xếp hạng thi đua cải cách hành chính năm {YEAR}"
    assert [t.label for t in at.tabs] == ["Xã, thị trấn", "Cơ quan chuyên môn"]
    communes, agencies = tables(at)
    assert list(communes.columns) == ranking_view.VIEW_COLUMNS
    want = ranking_view.view_frame(expected(seeded))
    assert communes["unit"].tolist() == want["unit"].tolist()
    assert communes["rank"].tolist() == want["rank"].tolist()
    assert communes["rank"].str.endswith("(đồng hạng)").any()  # the demo has ties
    assert communes["previous"].str.fullmatch(r"\d+ \(([↑↓]\d+|±0)\)").all()  # last year's rank (the change)
    assert len(agencies) == 12
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Tải Excel", "Tải CSV"] * 2
    assert not at.expander and not at.data_editor and not at.button


def test_an_officer_sees_the_rankings_without_the_weights(seeded, use_db):
    use_db(seeded)
    at = open_page("xa_test")
    assert len(tables(at)) == 2
    assert not at.expander and not at.data_editor and not at.button


def test_the_page_reads_in_english(seeded, use_db):
    use_db(seeded)
    at = open_page("ld_test", "en")
    assert at.title[0].value == f"Administrative reform emulation ranking {YEAR}"
    assert [t.label for t in at.tabs] == ["Communes and townships", "District agencies"]
    assert tables(at)[0]["rank"].str.endswith("(tied)").any()


def test_the_secretariat_saves_weights_and_the_order_changes(seeded, use_db, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(seeded, path)
    use_db(path)
    at = open_page("nv_test")
    assert at.expander[0].label == "Trọng số chỉ tiêu (Phòng Nội vụ)"
    editor = at.data_editor[0].value
    assert (editor["weight"] == 1.0).all() and "4.1" in editor["code"].tolist()
    before = tables(at)[0]["unit"].tolist()
    # only one commune indicator counts: the first one that reorders the communes
    codes = editor["code"].tolist()
    for keep in codes:
        if expected(path, {c: 0 for c in codes if c != keep})["unit_name"].tolist() != before:
            break
    else:
        pytest.fail("no single indicator reorders the demo's communes")
    rows = {i: {"weight": 0.0} for i, code in enumerate(editor["code"]) if code != keep}
    at.session_state[EDITOR] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    run(at)
    at.button(key="ranking_weights_save").click()
    run(at)
    assert [s.value for s in at.success] == ["Đã lưu trọng số."]
    after = tables(at)[0]["unit"].tolist()
    assert after != before
    assert after == expected(path)["unit_name"].tolist()
    with db.get_engine(f"sqlite:///{path}").connect() as conn:
        assert stored_weights.read_weights(conn) == {c: 0 for c in codes if c != keep}


def test_a_bad_weight_is_refused_on_the_page_and_nothing_changes(seeded, use_db, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(seeded, path)
    use_db(path)
    version = db.data_version(db.get_engine(f"sqlite:///{path}"))
    at = open_page("nv_test")
    before = tables(at)[0]["unit"].tolist()
    i = at.data_editor[0].value["code"].tolist().index("3.4")
    at.session_state[EDITOR] = {"edited_rows": {0: {"weight": 2.0}, i: {"weight": -1.0}},
                                "added_rows": [], "deleted_rows": []}
    run(at)
    at.button(key="ranking_weights_save").click()
    run(at)
    assert [unescaped(e.value) for e in at.error] == [
        "Chưa lưu trọng số, không có gì thay đổi: trọng số của chỉ tiêu 3.4 ('-1.0') không hợp lệ, "
        "cần một số từ 0 đến 10."]
    assert tables(at)[0]["unit"].tolist() == before
    engine = db.get_engine(f"sqlite:///{path}")
    assert db.data_version(engine) == version
    with engine.connect() as conn:
        assert stored_weights.read_weights(conn) == {}

