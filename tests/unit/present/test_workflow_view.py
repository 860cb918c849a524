"""The workflow in words (lib.present.workflow_view), and the brief saying what it counts."""
from datetime import date

import pandas as pd

from lib.core import workflow as wf
from lib.present import brief, workflow_view
from lib.present.i18n import STRINGS


def test_states_counting_and_who_acts_in_both_languages():
    assert [workflow_view.state_name(s) for s in wf.COMPLETENESS_STATES] == [
        "Chưa báo cáo", "Nháp", "Bị trả lại", "Đã gửi, chờ thẩm định", "Đã duyệt (khóa)"]
    assert workflow_view.state_name("approved", "en") == "Approved (locked)"
    assert workflow_view.counting_name(wf.COUNT_APPROVED) == "chỉ số liệu đã duyệt"
    assert workflow_view.counting_name(None, "en") == "every figure received (approved or not)"
    assert workflow_view.acts_text(wf.UNIT, "Xã Hai") == "Xã Hai"
    assert workflow_view.acts_text(wf.SECRETARIAT, "Xã Hai", "vi") == "Phòng Nội vụ"
    assert workflow_view.acts_text(None, "Xã Hai") == ""
    assert STRINGS["workflow_submit"][0] == "Gửi"  # the button the officers know


def test_the_chase_list_says_state_who_and_how_long():
    chase = pd.DataFrame({"unit_name": ["Xã Hai", "Phòng Tư pháp"], "state": [wf.NOT_REPORTED, wf.SUBMITTED],
                          "acts": [wf.UNIT, wf.SECRETARIAT], "since": [date(2022, 7, 1), date(2022, 7, 2)],
                          "waited_days": [14, 13]})
    out = workflow_view.chase_extras(chase)
    assert out[["state_text", "acts_text", "since_text", "waited"]].values.tolist() == [
        ["Chưa báo cáo", "Xã Hai", "01/07/2022", 14], ["Đã gửi, chờ thẩm định", "Phòng Nội vụ", "02/07/2022", 13]]
    download = workflow_view.chase_download(pd.DataFrame({"Đơn vị": ["Xã Hai", "Phòng Tư pháp"]}), out)
    assert list(download.columns) == ["Đơn vị", "Trạng thái", "Ai cần làm", "Chờ từ ngày", "Số ngày chờ"]


def test_the_brief_says_what_it_counts(small_district):
    from lib.store import definitions
    from lib.store.results import district_scores

    with small_district.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        scores = district_scores(conn, 2022, 6, catalogue=catalogue)
    page = brief.brief_html(catalogue, scores, "Huyện Thử Nghiệm", 2022, 6, counting=wf.COUNT_APPROVED).decode()
    assert "Số liệu đến hết tháng 06/2022 · tính chỉ số liệu đã duyệt" in page
    assert "tính" not in brief.brief_html(catalogue, scores, "Huyện Thử Nghiệm", 2022, 6).decode().split(
        'class="stamp">')[1].split("</div>")[0]


def test_the_returned_figures_are_listed_with_the_secretariats_comment():
    from lib.core.catalogue import Catalogue

    states = pd.DataFrame({"indicator": ["3.1b", "3.4", "1.1"], "state": [wf.RETURNED, wf.APPROVED, wf.RETURNED],
                           "comment": ["Thiếu hồ sơ", "", None]})
    # an indicator the catalogue does not hold is named by its code
    assert workflow_view.returned_lines(states, Catalogue(areas={}, indicators=[])) == [
        "3.1b · 3.1b: Thiếu hồ sơ", "1.1 · 1.1: —"]
