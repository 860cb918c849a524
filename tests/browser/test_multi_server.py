"""Two app servers on one PostgreSQL database, as behind a load balancer: a figure uploaded through
server A's page shows on server B at its next page view (every write bumps the data version that
each server's caches are keyed on), and a sign-in works on both with the shared accounts."""
from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import create_engine, text

from browser_kit import BROWSER, SHOTS, Server, open_page, sign_in
from browser_kit import browser  # noqa: F401 - fixture
from lib.core import completeness
from lib.present import i18n
from lib.store import auth, queries
from lib.store import definitions

pytestmark = BROWSER

COOKIE_KEY = "multi-server-test-key-0123456789abcdef"  # the same on every server, as in production
REPORTING = "Tình hình báo cáo"
UPLOAD = "Tải tệp lên"
OVERVIEW = "Tổng quan"


@pytest.fixture(scope="module")
def shared_database(databases):
    """A new PostgreSQL database holding the demo district (a copy of the session's template)."""
    url = databases.postgresql("demo")
    try:
        yield url
    finally:
        databases.drop(url)


@pytest.fixture(scope="module")
def two_servers(shared_database, tmp_path_factory):
    """Two `streamlit run app.py` processes on different ports with the same DATABASE_URL."""
    logs = tmp_path_factory.mktemp("multi_server")
    started = [Server(shared_database, logs / f"server_{n}.log", cookie_key=COOKIE_KEY) for n in "ab"]
    try:
        for running in started:
            running.wait_healthy()
        yield [running.base for running in started]
    finally:
        for running in started:
            running.stop()


def shows(page, text_: str, timeout: int = 30_000) -> None:
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text_, timeout=timeout)


def missing_count(page) -> int:
    """The number in the reporting page's '{count} báo cáo còn thiếu' line (a caption, not canvas)."""
    pattern = re.escape(i18n.t("completeness_count", "vi", count=987654)).replace("987654", r"(\d+)")
    page.wait_for_function("re => new RegExp(re).test(document.body.innerText)", arg=pattern, timeout=30_000)
    return int(re.search(pattern, page.evaluate("document.body.innerText")).group(1))


def a_missing_report(url: str, year: int, month: int) -> dict:
    """One report the reporting page lists as missing at the end of month/year."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            units = queries.units_of(conn, queries.default_root(conn)["id"])
            reported = queries.last_reported(conn, units["id"].tolist(), year, month)
            chase, _ = completeness.chase_and_rate(definitions.load_catalogue(conn), units, reported, year, month)
    finally:
        engine.dispose()
    # not an inspection (1.2a): its report would make the commune's 1.2b due, and the count would stay
    chase = chase[~chase["indicator"].isin(completeness.REPORTED_AFTER.values())]
    assert not chase.empty, "the demo data leaves some reports missing"
    return chase.iloc[0].to_dict()


def stored_by(url: str, report: dict, period: str) -> tuple[str, str] | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            row = conn.execute(text(
                "SELECT o.updated_by, o.source FROM observations o JOIN units u ON u.id = o.unit_id "
                "WHERE u.code = :unit AND o.indicator = :indicator AND o.period = :period"),
                {"unit": report["unit_code"], "indicator": report["indicator"], "period": period}).first()
    finally:
        engine.dispose()
    return tuple(row) if row else None


def period_of(report: dict, year: int) -> str:
    due = int(report["due_month"])
    return {"M": f"{year}-{due:02d}", "Q": f"{year}-Q{due // 3}", "Y": str(year)}[report["granularity"]]


def test_a_write_through_one_server_shows_on_the_other(two_servers, shared_database, browser, tmp_path):
    server_a, server_b = two_servers
    # Different accounts on the two servers: the secretariat writes on A, the leader reads on B.
    # Real accounts: the first real figures end the demo, and the sample accounts with it.
    engine = create_engine(shared_database)
    auth.add_user(engine, "noivu_that", "Phòng Nội vụ", auth.NOI_VU, "mat-khau-noi-vu-that")
    auth.add_user(engine, "lanhdao_that", "Chủ tịch UBND huyện", auth.LANH_DAO, "mat-khau-lanh-dao-that")
    engine.dispose()
    writer = sign_in(browser, server_a, "noivu_that", "mat-khau-noi-vu-that")
    reader = sign_in(browser, server_b, "lanhdao_that", "mat-khau-lanh-dao-that")
    try:
        page_b = open_page(reader, server_b, nav=REPORTING)
        page_b.get_by_role("heading", name=REPORTING).first.wait_for(timeout=30_000)
        before = missing_count(page_b)
        month, year = map(int, re.search(r"(\d{2})/(\d{4})", page_b.locator("h1").first.inner_text()).groups())
        report = a_missing_report(shared_database, year, month)
        period = period_of(report, year)

        # Server A: the secretariat uploads the missing report through the upload page.
        page_a = open_page(writer, server_a, nav=UPLOAD)
        page_a.get_by_role("heading", name=UPLOAD).first.wait_for(timeout=30_000)
        figures = tmp_path / "bao_cao_bo_sung.csv"
        figures.write_text("ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so,ghi_chu\n"
                           f"{report['unit_code']},{report['indicator']},{period},1,1,bổ sung\n", encoding="utf-8")
        page_a.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(figures))
        shows(page_a, "Tệp hợp lệ")
        page_a.get_by_role("button", name="Nhập tệp").click()
        shows(page_a, "thêm mới 1")
        written = time.perf_counter()

        # Server B, next page view: the report is no longer missing.
        # (in the same browser session: away to the overview, then back to the reporting page)
        page_b.get_by_role("link", name=OVERVIEW).first.click()
        page_b.get_by_role("heading", name=REPORTING).first.wait_for(state="detached", timeout=30_000)
        page_b.get_by_role("link", name=REPORTING).first.click()
        page_b.get_by_role("heading", name=REPORTING).first.wait_for(timeout=30_000)
        page_b.wait_for_function(
            "([re, n]) => { const m = document.body.innerText.match(new RegExp(re)); return m && +m[1] === n; }",
            arg=[re.escape(i18n.t("completeness_count", "vi", count=987654)).replace("987654", r"(\d+)"),
                 before - 1], timeout=30_000)
        seconds = time.perf_counter() - written
        assert missing_count(page_b) == before - 1
        assert stored_by(shared_database, report, period) == ("noivu_that", figures.name), "written through A's page"
        for page in (page_a, page_b):
            assert page.locator("[data-testid='stException']").count() == 0
        SHOTS.mkdir(exist_ok=True)
        page_b.screenshot(path=SHOTS / "multi_server_b_after_write.png")
        print(f"\n{report['unit_code']}/{report['indicator']}/{period} written on A; B showed it "
              f"{seconds:.2f} s later (two page views included); missing reports {before} -> {before - 1}")
    finally:
        writer.close()
        reader.close()
