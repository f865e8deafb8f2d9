"""The pipeline over a Dask DataFrame on a local cluster gives the same rows."""
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_local_cluster_matches_single_process(pipe):
    from insatsmining.dask import analyze

    texts = ["Hembesök efter förlossningen", "Kulturdoulor och tolk", "Patienthotell", "", "CTG-utbildning"] * 8
    df = pd.DataFrame({"id": [f"x{i}" for i in range(len(texts))], "text": texts})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            distributed.Client(c):
        got = analyze(dd.from_pandas(df, npartitions=4)).compute()
    ref = pipe.analyze(df, link_years=False).insatser
    assert list(got["id"]) == list(ref["id"])
    assert list(got["best_area"]) == list(ref["best_area"])
    assert list(got["status"]) == list(ref["status"])
    assert list(got["areas"]) == ["; ".join(a) for a in ref["areas"]]
