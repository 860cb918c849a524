"""lib.bench in a tiny mode, so that the benchmark cannot rot: the district size on SQLite, without
the page times."""
from __future__ import annotations

import math

import pandas as pd

from lib import bench


def test_the_district_size_runs_end_to_end_on_sqlite(tmp_path):
    result = bench.run_one("district", "sqlite", tmp_path, pages=False, log=lambda _m: None)
    assert result.units == 45  # Sóc Sơn: 1 district, 12 agencies, 26 communes, 6 public service units
    assert result.rows > 8000
    for seconds in (result.import_s, result.raw_s, result.scoring_s, result.query_s, result.export_s):
        assert seconds > 0 and not math.isnan(seconds)
    floors = bench.floors([result])
    assert floors.splitlines()[0] == ("| size | backend | import rows/s | raw write rows/s (floor) | import ÷ raw | "
                                      "scoring s | one query s (floor) | scoring ÷ query |")
    assert (f"| district | sqlite | {result.rate:,.0f} | {result.raw_rate:,.0f} | {result.import_ratio:.2f} | "
            f"{result.scoring_s:.2f} | {result.query_s:.2f} | {result.scoring_ratio:.2f} |") in floors
    table = bench.table([result])
    assert table.splitlines()[0].startswith("| size | backend | units | figures | import rows/s")
    assert "| district | sqlite | 45 |" in table


def test_the_table_leaves_out_what_did_not_run():
    result = bench.Result("country", "postgresql", units=19162, rows=100, import_s=2.0, scoring_s=1.5, export_s=0.5)
    line = bench.table([result]).splitlines()[-1]
    assert "| country | postgresql | 19,162 | 100 | 50 | 1.50 | 0.50 | – |" in line
    assert isinstance(bench.machine(None)["cores"], int)
    assert pd.notna(result.rate)


def test_the_import_goals_are_ratios_to_the_raw_write():
    fast = bench.Result("province", "postgresql", rows=100_000, import_s=2.0, raw_s=1.5)
    slow = bench.Result("province", "sqlite", rows=100_000, import_s=2.5, raw_s=1.0)
    assert [line for line in bench.goals([fast, slow]) if "import" in line] == [
        "province import (postgresql): import ÷ raw write 0.75 >= 0.7 met",
        "province import (sqlite): import ÷ raw write 0.40 >= 0.5 MISSED"]


def test_the_page_goals_are_judged_on_the_script_threads_cpu_time():
    pages = {"overview_cold": 0.9, "overview_warm": 0.05, "overview_floor_warm": 0.02, "area_3_cold": 1.4,
             "area_3_warm": 0.3, "area_3_floor_warm": 0.1, "overview_cold_cpu": 0.2, "overview_warm_cpu": 0.02,
             "overview_floor_warm_cpu": 0.02, "area_3_cold_cpu": 0.45, "area_3_warm_cpu": 0.08,
             "area_3_floor_warm_cpu": 0.1, "overview_floor_cold_cpu": 0.1, "area_3_floor_cold_cpu": 0.1}
    result = bench.Result("district", "sqlite", pages=pages)
    lines = bench.goals([result])
    assert "district area 3 cold (sqlite): 1.40 s, CPU 0.45 s <= 0.5 s met" in lines
    assert "district area_3 (sqlite): page ÷ floor (warm) 3.00, CPU 0.80 <= 1.3 met" in lines
    assert "district overview (sqlite): page ÷ floor (warm) 2.50, CPU 1.00 <= 1.3 met" in lines
    assert "| district | sqlite | 0.20 / 0.02 | 0.45 / 0.08 | 0.02 / 0.10 | 1.00 / 0.80 |" in bench.page_cpu([result])
    without_cpu = bench.Result("province", "sqlite", pages={k: v for k, v in pages.items() if not k.endswith("_cpu")})
    assert "province area_3 (sqlite): page ÷ floor (warm) 3.00, CPU nan <= 1.3 MISSED" in bench.goals([without_cpu])


def test_the_browser_report_sets_what_is_felt_beside_the_bare_page():
    from lib.web import browser_times

    def step(first, ran, whole):
        return {"first": first, "ran": ran, "whole": whole}

    app = [{"new_tab": step(1400, 1300, 2000), "sidebar": step(700, 500, 900), "map_click": step(5, 300, 350)},
           {"new_tab": step(1200, 1100, 1800), "sidebar": step(500, 400, 800), "map_click": step(5, 200, 390)},
           {"new_tab": step(None, 1200, 1900), "sidebar": step(600, 450, 850), "map_click": step(5, 250, 380)}]
    bare = [{"new_tab": step(900, 1200, 1500), "sidebar": step(300, 200, 700), "map_click": step(5, 200, 300)}] * 3
    medians = browser_times.summary(app, bare)
    assert medians["new_tab"]["first"] == 1300  # a round that never saw its first screen is left out
    assert medians["sidebar"] == {"first": 600, "ran": 450, "whole": 850, "bare_ran": 200, "bare": 700}
    lines = browser_times.report(medians, 3, ("load average 1", "load average 2")).splitlines()
    assert "load average 1 → load average 2" in lines[0]
    new_tab, sidebar, map_click = lines[3:]
    assert "| 1300 |" in new_tab and "| 0.87 |" in new_tab and new_tab.endswith(": met |")  # ≤ 1500 ms, ≤ bare
    assert "| 0.86 |" in sidebar and sidebar.endswith(": met |")  # 600 ≤ 600 ms and ≤ the bare 700
    assert "| 1.27 |" in map_click and map_click.endswith(": missed |")  # 380 ≤ 400 ms but > the bare 300


def test_many_users_are_set_beside_one_session_alone():
    from lib.web.many_users import Timing

    alone = Timing("alone", 1, 1, [0.2] * 9 + [0.3], backend="sqlite")
    one = Timing("one server", 10, 1, [0.5] * 18 + [0.7, 0.9], backend="sqlite")
    two = Timing("two servers", 10, 2, [0.4] * 20, how="two servers behind nginx", backend="sqlite")
    assert alone.p50 == 0.2 and one.p50 == 0.5 and 0.5 < one.p95 <= 0.9
    table = bench.users_table([alone, one, two])
    assert table.splitlines()[0] == "| backend | set-up | sessions | servers | p50 s | p95 s | p95 ÷ alone (p50) |"
    assert 0.2 < alone.p95 < 0.3
    assert f"| sqlite | alone | 1 | 1 | 0.20 | {alone.p95:.2f} | {alone.p95 / 0.2:.2f} |" in table
    assert "| sqlite | two servers | 10 | 2 | 0.40 | 0.40 | 2.00 |" in table
    goals = bench.users_goals([alone, one, two])
    assert goals[0].startswith("10 users at once on one server (sqlite): p95 ") and goals[0].endswith("<= 3.0 MISSED")
    assert goals[1] == "10 users at once on two servers (sqlite): p95 0.40 s ÷ one alone 0.20 s = 2.00"


def test_the_proxy_of_the_benchmark_sticks_on_a_cookie(tmp_path):
    from lib.web import served

    conf = served.NGINX_CONF.format(folder=tmp_path, port=8080, servers="        server 127.0.0.1:8501;")
    assert "hash $cchc_server consistent;" in conf and f"$cookie_{served.STICKY_COOKIE}" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf  # the session's WebSocket passes through
