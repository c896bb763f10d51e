"""Gated retraining: stored labels teach the model, but a worse candidate never reaches users."""

import pandas as pd
import pytest

from classifier import registry
from classifier.config import LABELS, Gate, TrainConfig, data_dir
from classifier.data import load_corpus
from classifier.retrain import gate_reasons, retrain
from classifier.train import fit_and_evaluate

FAST = TrainConfig(c_grid=(10.0,), ngram_grid=((1, 1),), cv_folds=3)


@pytest.fixture(scope="module")
def corpus():
    """A slice of the real corpus: 600 training posts, 300 posts of the frozen split."""
    train, frozen = load_corpus(data_dir())
    return train.sample(600, random_state=0).reset_index(drop=True), frozen.sample(300, random_state=0).reset_index(drop=True)


def setup(tmp_path, train, frozen, current_on):
    data = tmp_path / "data"
    for folder, frame in (("labelled", train), ("eval", frozen)):
        (data / folder).mkdir(parents=True)
        frame.to_csv(data / folder / "part.csv", index=False)
    pipeline, metadata = fit_and_evaluate(current_on, frozen, FAST)
    models = tmp_path / "models"
    registry.save(pipeline, metadata, models)
    return data, models


def stored(frame, label_of=lambda label: label):
    return frame.assign(label=frame["label"].map(label_of))[["text", "label", "agency"]]


def test_a_candidate_trained_on_corrupted_labels_is_refused(tmp_path, corpus):
    train, frozen = corpus
    data, models = setup(tmp_path, train, frozen, current_on=train)
    rotate = dict(zip(LABELS, LABELS[1:] + LABELS[:1]))  # every stored label is wrong
    report = retrain(stored(train, rotate.get), config=FAST, data=data, root=models)
    assert report["promoted"] is False and report["reasons"]
    assert any("macro-F1 drops" in reason for reason in report["reasons"])
    assert registry.current_version(models) == "v001"
    meta = registry.read_metadata(report["candidate"], models)
    assert meta["gate"]["passed"] is False and meta["parent"] == "v001"


def test_force_promotes_and_says_so_in_the_metadata(tmp_path, corpus):
    train, frozen = corpus
    data, models = setup(tmp_path, train, frozen, current_on=train)
    rotate = dict(zip(LABELS, LABELS[1:] + LABELS[:1]))
    report = retrain(stored(train, rotate.get), config=FAST, data=data, root=models, force=True)
    assert report["promoted"] and report["forced"]
    assert registry.current_version(models) == report["candidate"]
    assert registry.read_metadata(report["candidate"], models)["gate"]["forced"] is True


def test_new_correct_labels_make_a_candidate_that_is_promoted(tmp_path, corpus):
    train, frozen = corpus
    data, models = setup(tmp_path, train.iloc[:150], frozen, current_on=train.iloc[:150])
    report = retrain(stored(train.iloc[150:]), config=FAST, data=data, root=models)
    assert report["reasons"] == [] and report["promoted"]
    assert report["candidate_metrics"]["overall"]["f1_macro"] >= report["current_metrics"]["overall"]["f1_macro"]
    meta = registry.read_metadata(registry.current_version(models), models)
    assert meta["n_stored_labels"] == 450 and meta["parent"] == "v001"


def test_stored_labels_never_bring_frozen_posts_into_training(tmp_path, corpus):
    train, frozen = corpus
    data, models = setup(tmp_path, train, frozen, current_on=train)
    leaked = pd.concat([stored(frozen.iloc[:5]), stored(train.iloc[:1])], ignore_index=True)
    report = retrain(leaked, config=FAST, data=data, root=models, force=True)
    assert report["stored_left_out"] == 5 and report["n_stored_labels"] == 1


def test_rollback_skips_refused_candidates(tmp_path, corpus):
    train, frozen = corpus
    data, models = setup(tmp_path, train.iloc[:150], frozen, current_on=train.iloc[:150])
    rotate = dict(zip(LABELS, LABELS[1:] + LABELS[:1]))
    refused = retrain(stored(train, rotate.get), config=FAST, data=data, root=models)
    promoted = retrain(stored(train.iloc[150:]), config=FAST, data=data, root=models)
    assert (refused["promoted"], promoted["promoted"]) == (False, True)
    assert registry.rollback(models) == "v001"


def test_the_gate_checks_macro_f1_and_every_class_recall():
    def metrics(f1, recalls):
        return {"overall": {"f1_macro": f1}, "per_class": {label: {"recall": r} for label, r in zip(LABELS, recalls)}}
    gate = Gate(max_f1_drop=0.005, max_recall_drop=0.02)
    assert gate_reasons(metrics(0.90, [0.9, 0.9, 0.9]), metrics(0.896, [0.9, 0.885, 0.95]), gate) == []
    reasons = gate_reasons(metrics(0.90, [0.9, 0.9, 0.9]), metrics(0.89, [0.9, 0.85, 0.95]), gate)
    assert len(reasons) == 2 and "layanan" in reasons[1]


def test_current_is_replaced_atomically_even_if_the_write_fails(tmp_path, corpus, monkeypatch):
    train, frozen = corpus
    data, models = setup(tmp_path, train.iloc[:150], frozen, current_on=train.iloc[:150])
    import os

    def crash(*args):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        retrain(stored(train.iloc[150:]), config=FAST, data=data, root=models)
    monkeypatch.undo()
    assert (models / "CURRENT").read_text().strip() == "v001"
    assert registry.load_model(None, models).version == "v001"
    assert not list(models.glob(".CURRENT.*"))  # no temporary pointer left behind


def test_the_command_says_why_it_refuses_and_exits_2(tmp_path, corpus, monkeypatch, capsys):
    from classifier import labels
    from classifier.cli import main

    train, frozen = corpus
    data, models = setup(tmp_path, train.iloc[:300], frozen.iloc[:150], current_on=train.iloc[:300])
    monkeypatch.setenv("MUTU_MODELS_DIR", str(models))
    database = f"sqlite:///{tmp_path / 'labels.sqlite'}"
    rotate = dict(zip(LABELS, LABELS[1:] + LABELS[:1]))
    wrong = tmp_path / "wrong.csv"
    stored(train.iloc[:300], rotate.get).to_csv(wrong, index=False)
    labels.import_file(labels.open_store(database), wrong, labelled_by="test")
    assert main(["retrain", "--data", str(data), "--database", database, "--cv-folds", "2"]) == 2
    out = capsys.readouterr().out
    assert "NOT promoted" in out and "macro-F1 drops" in out and "--force" in out
    assert main(["retrain", "--data", str(data), "--database", database, "--cv-folds", "2", "--force"]) == 0
    assert "forced past the gate" in capsys.readouterr().out
