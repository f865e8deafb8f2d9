"""AreaClassifier as a scikit-learn estimator, and its numpy twin."""
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, KFold, cross_validate
from sklearn.pipeline import Pipeline

from insatsmining.areas import AreaClassifier, TextScorer, labels_to_matrix, top_features


def test_constructor_only_stores_params():
    clf = AreaClassifier(C=2.0, model="svm")
    assert clf.get_params()["C"] == 2.0 and not hasattr(clf, "coef_")
    assert clone(clf).get_params() == clf.get_params()
    with pytest.raises(ValueError, match="invalid parameter"):
        clf.set_params(nope=1)


def test_applicable_estimator_checks():
    from sklearn.utils.estimator_checks import (check_get_params_invariance, check_no_attributes_set_in_init,
                                                check_parameters_default_constructible, check_set_params)

    for check in (check_get_params_invariance, check_no_attributes_set_in_init,
                  check_parameters_default_constructible, check_set_params):
        check("AreaClassifier", AreaClassifier())


def test_fit_returns_self_and_learned_attributes(small_areas):
    texts, y = small_areas
    clf = AreaClassifier(min_df=1, calibration_folds=3)
    assert clf.fit(texts, y) is clf
    assert list(clf.classes_) == [f"3.{i}" for i in range(1, 9)]
    assert clf.coef_.shape[0] == 8 and 0 < clf.threshold_ < 1


def test_unfitted_raises_clear_error():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError, match="not fitted"):
        AreaClassifier().predict_proba(["text"])


def test_predict_never_empty_and_learns(small_classifier):
    pred = small_classifier.predict(["Hembesök efter förlossningen av barnmorska", "xyz qwerty"])
    assert pred.shape == (2, 8) and (pred.sum(1) >= 1).all()
    proba = small_classifier.predict_proba(["Kulturdoulor och tolk för utrikesfödda kvinnor"])
    assert small_classifier.classes_[proba.argmax()] == "3.5"


def test_numpy_twin_gives_the_same_probabilities(small_classifier, small_areas):
    texts, _ = small_areas
    new = texts + ["Barnmorskor i glesbygd och patienthotell", "Endometrios och klimakteriet", ""]
    sk = small_classifier.predict_proba(new)
    twin = TextScorer(small_classifier.to_arrays()).proba(new)
    np.testing.assert_allclose(twin, sk, rtol=1e-9, atol=1e-12)


def test_nb_scaling_is_folded_into_the_coefficients(small_areas):
    texts, y = small_areas
    clf = AreaClassifier(min_df=1, calibration_folds=2, nb_scale=True).fit(texts, y)
    X = clf._design(texts, fit=False)
    Y = labels_to_matrix(y, list(clf.classes_))
    j = 0
    r = clf._nb_ratio(clf._design(texts, fit=False), Y[:, j])
    est = clf.estimators_[j]
    # scoring raw features with the folded coef = scoring scaled features with the fitted model
    np.testing.assert_allclose(X @ clf.coef_[j] + clf.intercept_[j],
                               est.decision_function(X.multiply(r).tocsr()), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(TextScorer(clf.to_arrays()).proba(texts), clf.predict_proba(texts), rtol=1e-9)
    assert not np.allclose(clf.coef_, AreaClassifier(min_df=1, calibration_folds=2).fit(texts, y).coef_)


def test_works_in_pipeline_cross_validate_and_grid_search(small_areas):
    texts, y = small_areas
    pipe = Pipeline([("clf", AreaClassifier(min_df=1, calibration_folds=2))])
    pipe.fit(texts, y)
    assert pipe.predict_proba(texts[:2]).shape == (2, 8)
    res = cross_validate(AreaClassifier(min_df=1, calibration_folds=2), texts, y,
                         cv=KFold(2, shuffle=True, random_state=0))
    assert len(res["test_score"]) == 2
    gs = GridSearchCV(AreaClassifier(min_df=1, calibration_folds=2), {"C": [1.0, 4.0]},
                      cv=KFold(2, shuffle=True, random_state=0)).fit(texts, y)
    assert gs.best_params_["C"] in (1.0, 4.0)


def test_svm_variant_fits(small_areas):
    texts, y = small_areas
    clf = AreaClassifier(model="svm", min_df=1, calibration_folds=2).fit(texts, y)
    assert clf.predict_proba(texts[:1]).shape == (1, 8)


def test_labels_to_matrix():
    m = labels_to_matrix([["3.2", "3.1"], "3.8"], [f"3.{i}" for i in range(1, 9)])
    assert m.tolist()[0][:2] == [1, 1] and m[1, 7] == 1


def test_top_features_are_words(small_classifier):
    tf = top_features(small_classifier.to_arrays(), n=5)
    assert set(tf) == set(small_classifier.classes_) and all(len(v) == 5 for v in tf.values())


def test_place_names_are_not_features(small_classifier):
    vocab = small_classifier.to_arrays()["vocabulary"]
    assert not any(f in vocab for f in ("w:visby", "w:sunderbyn", "w:region", "w:norrbotten"))
