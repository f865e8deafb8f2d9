"""Property tests and fuzzing: no crash, rows out = rows in, clear errors."""
import random
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from insatsmining.errors import InputError
from insatsmining.io import read_table

cells = st.one_of(st.none(), st.text(max_size=200), st.integers(), st.floats(allow_nan=True),
                  st.text(alphabet="åäöÅÄÖ ,.;-\n\t", max_size=50), st.just("x" * 40000))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(cells, cells, cells), min_size=0, max_size=12))
def test_analyze_never_loses_rows(pipe, rows):
    df = pd.DataFrame(rows, columns=["id", "region", "text"])
    res = pipe.analyze(df)
    assert len(res.insatser) == len(df)
    assert res.insatser["status"].map(lambda s: s == "ok" or s.startswith(("flagged: ", "error: "))).all()
    assert res.insatser["id"].notna().all()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(max_size=60), st.text(max_size=300)), min_size=1, max_size=8),
       st.sampled_from([";", ",", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_csv_reader_round_trip(tmp_path_factory, rows, sep, enc):
    path = tmp_path_factory.mktemp("csv") / "in.csv"
    safe = [(r.encode(enc, "ignore").decode(enc), t.encode(enc, "ignore").decode(enc)) for r, t in rows]
    pd.DataFrame(safe, columns=["Region", "Beskrivning"]).to_csv(path, sep=sep, index=False, encoding=enc)
    try:
        df = read_table(path)
    except InputError:
        return  # a clear error is an allowed outcome; a traceback is not
    assert len(df) == len(safe)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".parquet", ".docx", ".pdf"])
def test_fuzzed_files_give_clear_errors(tmp_path, suffix):
    good = tmp_path / ("good" + suffix)
    if suffix == ".xlsx":
        pd.DataFrame({"Beskrivning": ["Amning"] * 20}).to_excel(good, index=False)
    elif suffix == ".parquet":
        pd.DataFrame({"text": ["Amning"] * 20}).to_parquet(good)
    elif suffix == ".docx":
        import docx

        d = docx.Document()
        d.add_heading("3.2 Eftervård", 2)
        d.add_paragraph("Hembesök")
        d.save(good)
    else:
        good.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4 if suffix == ".pdf" else "Beskrivning\nAmning\n".encode())
    data = good.read_bytes()
    rng = random.Random(0)
    for k in range(12):
        bad = tmp_path / f"bad{k}{suffix}"
        b = bytearray(data[: rng.randint(0, len(data))])
        for _ in range(rng.randint(0, 20)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        bad.write_bytes(bytes(b) + bytes(rng.choice(string.printable.encode()) for _ in range(rng.randint(0, 30))))
        try:
            read_table(bad)
        except InputError as e:
            assert str(bad.name) in str(e) or "no text column" in str(e)


def test_same_input_same_bytes(tmp_path, pipe):
    from insatsmining.results import write_results

    df = pd.DataFrame({"region": ["Skåne", "Gotland"], "year": [2025, 2025],
                       "text": ["Amningsstöd och hembesök", "Patienthotell i Visby"]})
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_results(pipe.analyze(df), a)
    write_results(pipe.analyze(df), b)
    assert a.read_bytes() == b.read_bytes()
