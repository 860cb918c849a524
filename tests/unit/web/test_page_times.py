"""The benchmark's floor (lib.web.page_times): a bare script drawing what a page drew, tables and
clickable maps included."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.web import page_times

PAGE = '''\
import pandas as pd
import streamlit as st

frame = pd.DataFrame({"unit": ["Xã A", "Xã B"], "value": [1, 2]})
st.markdown("**Sóc Sơn**")
st.dataframe(frame, hide_index=True)
st.table(frame, hide_index=True)
spec = {"mark": "rect", "data": {"values": [{"unit": "Xã A"}]}, "encoding": {"x": {"field": "unit"}},
        "params": [{"name": "commune", "select": {"type": "point", "fields": ["unit"]}}]}
st.vega_lite_chart(spec, on_select="rerun", selection_mode="commune", key="map")
st.vega_lite_chart({**spec, "params": []}, key="trend")
'''


def test_the_floor_of_a_page_draws_its_data_frames_and_tables(tmp_path):
    script = tmp_path / "page.py"
    script.write_text(PAGE, encoding="utf-8")
    page = AppTest.from_file(str(script)).run()
    elements = page_times._elements(page.main)
    assert [kind for kind, _payload in elements] == ["markdown", "dataframe", "table", "map", "chart"]
    floor = AppTest.from_file(str(page_times.write_floor(elements, tmp_path, "page"))).run()
    assert not floor.exception
    assert len(floor.dataframe) == 1 and len(floor.table) == 1
    assert floor.table[0].value["unit"].tolist() == ["Xã A", "Xã B"]
    # a map stays clickable (a click reruns the floor as it reruns the page); a chart does not
    assert [list(chart.proto.selection_mode) for chart in floor.get("vega_lite_chart")] == [["commune"], []]
