"""Who may write what, the audit trail of figures, and overwrites of someone else's figures."""
import json
import threading

import pytest
from sqlalchemy import select

from lib.io.importer import OverwriteNeedsConfirmation, import_observations
from lib.io.problems import ImportRejected
from lib.store import audit, auth
from lib.store.models import Observation

HEADER = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so\n"


@pytest.fixture
def people(small_district):
    auth.add_user(small_district, "noivu", "Nội vụ", auth.NOI_VU, "mat-khau-noi-vu")
    auth.add_user(small_district, "noivu2", "Nội vụ 2", auth.NOI_VU, "mat-khau-noi-vu")
    auth.add_user(small_district, "xa1", "Xã Một", auth.DON_VI, "mat-khau-xa-1", unit_code="99901")
    auth.add_user(small_district, "lanhdao", "Lãnh đạo", auth.LANH_DAO, "mat-khau-lanh-dao")
    accounts = {name: auth.account(small_district, name) for name in ("noivu", "noivu2", "xa1", "lanhdao")}
    return small_district, accounts


def figures(engine):
    with engine.connect() as conn:
        return sorted(conn.execute(select(Observation.period, Observation.numerator, Observation.denominator,
                                          Observation.updated_by)).all())


def test_an_officer_writes_their_own_unit(people):
    engine, who = people
    summary = import_observations(engine, (HEADER + "99901,3.4,2022-01,90,100\n").encode(), "xa1.csv",
                                  account=who["xa1"])
    assert summary.inserted == 1
    assert figures(engine) == [("2022-01", 90, 100, "xa1")]


def test_a_crafted_upload_with_another_units_row_is_refused_whole(people):
    engine, who = people
    crafted = HEADER + "99901,3.4,2022-01,90,100\n99902,3.4,2022-01,10,100\n"
    with pytest.raises(ImportRejected) as rejected:
        import_observations(engine, crafted.encode(), "xa1.csv", account=who["xa1"])
    texts = [p.text() for p in rejected.value.problems]
    assert texts == ["Tệp xa1.csv, dòng 3, cột ma_don_vi: tài khoản xa1 không có quyền ghi số liệu "
                     "của đơn vị 99902 Xã Hai."]
    assert figures(engine) == []


def test_a_leader_reads_but_does_not_write(people):
    engine, who = people
    with pytest.raises(ImportRejected):
        import_observations(engine, (HEADER + "99901,3.4,2022-01,90,100\n").encode(), "x.csv",
                            account=who["lanhdao"])
    assert figures(engine) == []


def test_every_change_is_audited_with_old_and_new(people):
    engine, who = people
    import_observations(engine, (HEADER + "99901,3.4,2022-01,90,100\n").encode(), "a.csv", account=who["xa1"])
    import_observations(engine, (HEADER + "99901,3.4,2022-01,95,100\n").encode(), "b.csv", account=who["xa1"])
    import_observations(engine, (HEADER + "99901,3.4,2022-01,95,100\n").encode(), "c.csv", account=who["xa1"])
    log = audit.entries(engine, action_prefix="observation.")
    assert log["action"].tolist() == ["observation.update", "observation.insert"]  # c.csv changed nothing
    update = log.iloc[0]
    assert update["username"] == "xa1" and update["entity"] == "99901/3.4/2022-01" and update["source"] == "b.csv"
    assert json.loads(update["old_value"]) == {"tu_so": 90, "mau_so": 100, "ghi_chu": None, "nguoi_nhap": "xa1"}
    assert json.loads(update["new_value"]) == {"tu_so": 95, "mau_so": 100, "ghi_chu": None}


def test_overwriting_someone_elses_figure_asks_first(people):
    engine, who = people
    import_observations(engine, (HEADER + "99901,3.4,2022-01,90,100\n").encode(), "xa.csv", account=who["xa1"])
    change = (HEADER + "99901,3.4,2022-01,80,100\n99901,3.4,2022-02,70,100\n").encode()
    with pytest.raises(OverwriteNeedsConfirmation) as asked:
        import_observations(engine, change, "nv.csv", account=who["noivu"], confirm_overwrite=False)
    assert asked.value.rows == [("99901", "3.4", "2022-01", "90/100", "80/100", "xa1")]
    assert figures(engine) == [("2022-01", 90, 100, "xa1")]
    import_observations(engine, change, "nv.csv", account=who["noivu"], confirm_overwrite=True)
    assert figures(engine) == [("2022-01", 80, 100, "noivu"), ("2022-02", 70, 100, "noivu")]


def test_two_users_writing_the_same_figure_at_once_lose_nothing(people):
    """Both writes land one after the other: the later one wins and its audit entry records the
    earlier one's figure as the old value, so no entered figure disappears without trace."""
    engine, who = people
    import_observations(engine, (HEADER + "99902,3.4,2022-01,50,100\n").encode(), "start.csv",
                        account=who["noivu"])
    barrier = threading.Barrier(2)
    errors = []

    def write(account, numerator):
        try:
            barrier.wait()
            import_observations(engine, (HEADER + f"99902,3.4,2022-01,{numerator},100\n").encode(),
                                f"{account.username}.csv", account=account)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(who["noivu"], 61)),
               threading.Thread(target=write, args=(who["noivu2"], 62))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    log = audit.entries(engine, action_prefix="observation.update")
    assert len(log) == 2
    later, earlier = log.iloc[0], log.iloc[1]
    assert json.loads(earlier["old_value"])["tu_so"] == 50
    assert json.loads(later["old_value"])["tu_so"] == json.loads(earlier["new_value"])["tu_so"]
    final = figures(engine)[0][1]
    assert final == json.loads(later["new_value"])["tu_so"]
