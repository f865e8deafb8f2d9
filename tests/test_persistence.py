"""Model folders: round trip, card checks, refusal messages."""
import json
import shutil

import numpy as np
import pytest

import insatsmining as im
from insatsmining.errors import ModelError
from insatsmining.persistence import load_components, save_components
from insatsmining.resources import default_model_dir


def copy_model(tmp_path):
    dst = tmp_path / "m"
    shutil.copytree(default_model_dir(), dst)
    return dst


def edit_card(folder, **changes):
    p = folder / "card.json"
    card = json.loads(p.read_text())
    card.update(changes)
    p.write_text(json.dumps(card))


def test_round_trip_and_card(small_classifier, tmp_path):
    arrays = small_classifier.to_arrays()
    folder = save_components(tmp_path / "x", {"areas": arrays}, {"taxonomy_version": "t1", "metrics": {}})
    card, comps = load_components(folder, "t1")
    np.testing.assert_array_equal(comps["areas"]["coef"], arrays["coef"])
    assert comps["areas"]["vocabulary"] == arrays["vocabulary"]
    assert "insatsmining model card" in (folder / "card.md").read_text()
    with pytest.raises(ModelError, match="not empty"):
        save_components(folder, {"areas": arrays}, {})


def test_refuses_other_major_version(tmp_path):
    m = copy_model(tmp_path)
    edit_card(m, library_version="9.0.0")
    with pytest.raises(ModelError, match="major versions differ.*retrain"):
        im.load(m)


def test_refuses_other_taxonomy(tmp_path):
    m = copy_model(tmp_path)
    edit_card(m, taxonomy_version="2019.1")
    with pytest.raises(ModelError, match="taxonomy 2019.1"):
        im.load(m)


def test_not_a_model_folder(tmp_path):
    with pytest.raises(ModelError, match="not a model folder"):
        im.load(tmp_path)


def test_user_themes_never_block_loading(tmp_path):
    t = tmp_path / "t.yaml"
    t.write_text("kind: theme\nentries:\n  - id: eget_tema\n    patterns: [egen*]\n", encoding="utf-8")
    assert "eget_tema" in im.load(themes=t).tagger.label_ids("theme")


def test_shipped_card_has_held_out_metrics():
    card = json.loads((default_model_dir() / "card.json").read_text())
    for k in ("areas_test", "areas_region_test", "challenge_detection_test"):
        assert card["metrics"][k]["n"] > 0
    assert card["corpus"]["sha256"] and card["taxonomy_version"]


def test_skops_round_trip_for_whole_estimators(tmp_path):
    from sklearn.linear_model import LogisticRegression

    from insatsmining.persistence import load_estimator, save_estimator

    est = LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    save_estimator(est, tmp_path / "lr.skops")
    back = load_estimator(tmp_path / "lr.skops")
    assert back.predict([[2.5]])[0] == 1 and (back.coef_ == est.coef_).all()


def test_card_lists_sensible_top_features_without_places():
    from insatsmining.taxonomy import place_words

    card = json.loads((default_model_dir() / "card.json").read_text())
    tf = card["top_features"]
    assert set(tf) == {f"3.{i}" for i in range(1, 9)}
    words = {w for ws in tf.values() for f in ws for w in f.split()}
    assert not words & place_words()
    assert any("våld" in w or "spårsäkring" in w for w in tf["3.7"])
