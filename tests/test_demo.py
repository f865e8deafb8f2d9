"""The shipped demo year, end to end: the analyst tables of the national report."""
import pytest

from insatsmining.io import read_inputs, read_money_sheet
from insatsmining.resources import demo_dir


@pytest.fixture(scope="module")
def demo(pipe):
    book = next(demo_dir().glob("*.xlsx"))
    ins, nul, files = read_inputs([book])
    return pipe.analyze(ins, nul, money=read_money_sheet(book)), ins


def test_rows_and_oddities(demo):
    res, ins = demo
    out = res.insatser
    assert len(out) == len(ins) == 150
    st = out.set_index(out.index)["status"]
    assert (st.str.startswith("error: empty text")).sum() == 1
    assert st.str.contains("duplicate id").sum() == 2
    assert st.str.contains("does not look Swedish").sum() == 1
    assert st.str.contains("is not an area of 2023").sum() == 1
    assert "Jönköping" in set(out["region"])


def test_money_tables_name_regions_without_split(demo):
    s = demo[0].summary()
    m = s["money_per_area"]
    assert "Dalarna" in m.attrs["title"] and "Gävleborg" in m.attrs["title"]
    assert "ej fördelat" in set(m["område"])
    sheet = s["money_sheet_per_area"]
    assert "2 ej fördelat: Dalarna, Gävleborg" in sheet.attrs["title"]
    assert abs(sheet["andel"].dropna().sum() - 1) < 0.01


def test_survey_answers_and_official_basis(demo):
    res, ins = demo
    s = res.summary()
    assert {"ja", "for_tidigt"} <= set(s["effect"].columns) and {"klar", "pagar"} <= set(s["followed_up"].columns)
    assert "rapporterade" in s["per_area"].attrs["title"]
    assert s["per_area"]["antal"].sum() >= 149
    assert "target_groups_reported" in s and "officiell bas" in s["target_groups_reported"].attrs["title"]
    assert ins["input_notes"].str.contains("unknown follow-up answer").sum() >= 3
    m = res.summary(basis="model")["per_area"]
    assert "modellens" in m.attrs["title"]


def test_continuing_insatser_linked(demo):
    s = demo[0].summary()
    assert {"ny", "fortsätter"} <= {x.split(",")[0] for x in s["series"].columns}
    assert set(s["per_year"].index) == {2023, 2024, 2025}
