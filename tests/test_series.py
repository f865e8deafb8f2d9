"""Linking continuing insatser across years, checked on the demo's written pairs."""
import json

import pandas as pd

from insatsmining.resources import demo_dir
from insatsmining.series import LINK_THRESHOLD, link_series, series_status


def test_links_on_demo_continuations(pipe):
    rows = [json.loads(l) for l in (demo_dir() / "insatser.jsonl").read_text(encoding="utf-8").splitlines()]
    df = pd.DataFrame(rows)
    df = df[df["text"].str.strip().astype(bool)].drop_duplicates("id").reset_index(drop=True)
    out = link_series(df, pipe.area_scorer.features)
    gold_pairs, got_pairs = set(), set()
    for key, col in ((gold_pairs, "series"), (got_pairs, "series_id")):
        for _, g in out.dropna(subset=[col]).groupby(col):
            ids = sorted(g["id"])
            key.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    tp = len(gold_pairs & got_pairs)
    precision, recall = tp / max(1, len(got_pairs)), tp / max(1, len(gold_pairs))
    print(f"link threshold {LINK_THRESHOLD}: precision {precision:.2f}, recall {recall:.2f}, gold pairs {len(gold_pairs)}")
    assert precision >= 0.85 and recall >= 0.7


def test_status_new_continues_ends():
    df = pd.DataFrame({"region": ["A"] * 4, "year": [2023, 2024, 2025, 2025], "series_id": ["s1", "s1", "s2", "s3"]})
    df.loc[1, "series_id"] = "s1"
    st = series_status(pd.DataFrame({"region": ["A", "A", "A"], "year": [2023, 2024, 2025],
                                     "series_id": ["s1", "s1", "s2"]}))
    assert st.tolist() == ["ny", "fortsätter, avslutas", "ny"]
