"""The Pipeline honours the scikit-learn estimator contract and trains deterministically."""
import numpy as np
from sklearn.base import clone

from classifier import build_pipeline, registry, train
from classifier.pipeline import words
from tests.conftest import SMALL


def test_pipeline_steps_are_normalise_stem_tfidf_classifier():
    assert [name for name, _ in build_pipeline().steps] == ["normalize", "stem", "tfidf", "clf"]


def test_clone_and_get_params_round_trip():
    pipeline = build_pipeline(C=3.0, ngram_range=(1, 1))
    copy = clone(pipeline)
    assert copy.get_params()["clf__C"] == 3.0
    assert copy.get_params()["tfidf__analyzer"] is words


def test_training_is_deterministic(small_frame):
    first, _ = train(small_frame, SMALL)
    second, _ = train(small_frame, SMALL)
    np.testing.assert_array_equal(first[-1].coef_, second[-1].coef_)
    texts = small_frame["text"].tolist()
    np.testing.assert_array_equal(first.predict_proba(texts), second.predict_proba(texts))


def test_save_load_round_trip_keeps_predictions(fitted, tmp_path, small_frame):
    pipeline, _ = fitted
    version = registry.save(pipeline, {}, tmp_path)
    loaded = registry.load_model(version, tmp_path)
    texts = small_frame["text"].tolist()
    np.testing.assert_allclose(loaded.predict_proba(texts), pipeline.predict_proba(texts))


def test_training_records_its_choice(fitted):
    _, record = fitted
    assert record["hyperparameters"]["C"] == 10.0
    assert record["hyperparameters"]["cv_grouped_by_agency"] is True
    assert record["class_counts"] == {"kinerja": 8, "layanan": 8, "ucapan": 8}
