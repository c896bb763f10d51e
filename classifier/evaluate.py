"""Evaluation returns data: overall and per-class scores, the confusion matrix, slices, errors."""
from __future__ import annotations

import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from .config import LABELS


def scores(y_true, y_pred) -> dict:
    """Macro-F1, accuracy, per-class precision/recall/F1/support and the confusion matrix."""
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(LABELS), zero_division=0)
    return {
        "overall": {
            "f1_macro": round(float(f1_score(y_true, y_pred, labels=list(LABELS), average="macro", zero_division=0)), 4),
            "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
            "n": int(len(y_true)),
        },
        "per_class": {
            label: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4), "support": int(s[i])}
            for i, label in enumerate(LABELS)
        },
        # rows: true label, columns: predicted label, both in LABELS order
        "confusion": {"labels": list(LABELS), "matrix": confusion_matrix(y_true, y_pred, labels=list(LABELS)).tolist()},
    }


def evaluate(model, frame: pd.DataFrame, slice_by: str = "agency_type", n_errors: int = 20) -> dict:
    """Scores `model` (anything with `predict`) on a labelled frame, overall and per `slice_by` value."""
    frame = frame.reset_index(drop=True)
    predicted = pd.Series(list(model.predict(frame["text"].tolist())), index=frame.index)
    result = scores(frame["label"].tolist(), predicted.tolist())
    if slice_by in frame.columns and (frame[slice_by] != "").any():
        result["slices"] = {
            str(key): {
                "n": int(len(group)),
                "accuracy": round(float((group["label"] == predicted[group.index]).mean()), 4),
                "f1_macro": scores(group["label"].tolist(), predicted[group.index].tolist())["overall"]["f1_macro"],
            }
            for key, group in frame.groupby(slice_by)
        }
    wrong = frame.index[frame["label"] != predicted][:n_errors]
    result["errors"] = [
        {"text": frame.at[i, "text"][:300], "label": frame.at[i, "label"], "predicted": predicted[i]} for i in wrong
    ]
    return result
