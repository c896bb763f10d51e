"""Training: choose hyper-parameters by grouped cross-validation, then fit the one Pipeline."""
from __future__ import annotations

import time
from dataclasses import asdict

import numpy as np
import pandas as pd
from sklearn.model_selection import GridSearchCV, GroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline

from .augment import hashtag_noise
from .config import LABELS, TrainConfig
from .data import data_hash
from .evaluate import evaluate
from .pipeline import ANALYZERS, build_classifier, build_features, build_pipeline
from .registry import library_versions


def preprocess(texts) -> list[str]:
    """The stateless first two steps (normalise, stem), run once so the search does not repeat them."""
    return build_pipeline()[:2].fit_transform(list(texts))


def _folds(frame: pd.DataFrame, config: TrainConfig):
    # Grouping by account keeps one agency's habits out of its own validation fold, which is how
    # the model meets new accounts; without agency names we fall back to stratified folds.
    groups = frame["agency"].replace("", np.nan)
    if groups.notna().all() and groups.nunique() >= config.cv_folds:
        return GroupKFold(n_splits=config.cv_folds), groups.to_numpy()
    return StratifiedKFold(config.cv_folds, shuffle=True, random_state=config.random_state), None


def _ngrams(analyzer) -> list[int]:
    return next(list(key) for key, function in ANALYZERS.items() if function is analyzer)


def _choose(results: list[dict], tolerance: float) -> dict:
    """The best candidate, or the best unigram one when it is within `tolerance` of the best."""
    best = max(results, key=lambda r: r["f1_macro"])
    unigrams = [r for r in results if r["ngram_range"] == [1, 1]]
    best_unigram = max(unigrams, key=lambda r: r["f1_macro"]) if unigrams else best
    return best_unigram if best["f1_macro"] - best_unigram["f1_macro"] <= tolerance else best


def search(frame: pd.DataFrame, config: TrainConfig) -> dict:
    """Grid-search C and the n-gram range; returns the best parameters and every candidate's score."""
    stemmed = preprocess(frame["text"])
    inner = Pipeline(
        [
            ("tfidf", build_features(min_df=config.min_df, max_features=config.max_features)),
            ("clf", build_classifier(class_weight=config.class_weight, random_state=config.random_state)),
        ]
    )
    grid = {"tfidf__analyzer": [ANALYZERS[tuple(r)] for r in config.ngram_grid], "clf__C": list(config.c_grid)}
    cv, groups = _folds(frame, config)
    gs = GridSearchCV(inner, grid, scoring="f1_macro", cv=cv, n_jobs=1, refit=False)
    gs.fit(stemmed, frame["label"].to_numpy(), groups=groups)
    results = [
        {"C": p["clf__C"], "ngram_range": _ngrams(p["tfidf__analyzer"]), "f1_macro": round(float(m), 4), "std": round(float(s), 4)}
        for p, m, s in zip(gs.cv_results_["params"], gs.cv_results_["mean_test_score"], gs.cv_results_["std_test_score"])
    ]
    best = _choose(results, config.prefer_unigrams_within)
    return {
        "C": float(best["C"]),
        "ngram_range": best["ngram_range"],
        "cv_f1_macro": best["f1_macro"],
        "rule": f"best macro-F1; unigrams unless bigrams win by more than {config.prefer_unigrams_within}",
        "cv_folds": config.cv_folds,
        "cv_grouped_by_agency": groups is not None,
        "candidates": results,
    }


def fit_and_evaluate(train_frame: pd.DataFrame, eval_frame: pd.DataFrame, config: TrainConfig | None = None) -> tuple[Pipeline, dict]:
    """Trains on one split, scores on the frozen one; returns the pipeline and its metadata record."""
    pipeline, record = train(train_frame, config)
    return pipeline, {
        "created": pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds"),
        "libraries": library_versions(),
        "data_hash": data_hash(train_frame),
        "eval_data_hash": data_hash(eval_frame),
        **record,
        "metrics": evaluate(pipeline, eval_frame),
    }


def train(frame: pd.DataFrame, config: TrainConfig | None = None) -> tuple[Pipeline, dict]:
    """Fits the pipeline on a labelled frame (columns `text`, `label`, optionally `agency`, `region`).

    The frame is first extended with hashtag-noise copies (`config.hashtag_noise`, see
    classifier/augment.py); copies keep their account, so grouped folds never split a post from its copy.

    Returns the fitted pipeline and a record of the choice: parameters, CV scores, class counts, time.
    """
    config = config or TrainConfig()
    started = time.perf_counter()
    fit_frame = hashtag_noise(frame, config.hashtag_noise, config.random_state)
    choice = search(fit_frame, config)
    pipeline = build_pipeline(config, C=choice["C"], ngram_range=tuple(choice["ngram_range"]))
    pipeline.fit(fit_frame["text"].tolist(), fit_frame["label"].to_numpy())
    counts = frame["label"].value_counts()
    return pipeline, {
        "hyperparameters": choice,
        "config": asdict(config),
        "class_counts": {label: int(counts.get(label, 0)) for label in LABELS},
        "n_train": int(len(frame)),
        "augmentation": {"hashtag_noise": config.hashtag_noise, "copies_added": int(len(fit_frame) - len(frame))},
        "train_seconds": round(time.perf_counter() - started, 2),
    }
