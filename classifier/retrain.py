"""Gated retraining: corpus + stored labels → a candidate, compared with the current model on the
frozen evaluation split, promoted only when it is not worse (see `config.Gate`)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import registry
from .config import LABELS, Gate, TrainConfig
from .data import COLUMNS, load_corpus
from .dedup import canonical, near_duplicates
from .errors import ModelNotFound
from .evaluate import evaluate
from .train import fit_and_evaluate


def stored_rows(stored: pd.DataFrame, eval_frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Stored labels usable for training, and how many were left out because their text is in (or
    nearly the same as a post of) the frozen evaluation split, which training must never see."""
    if stored.empty:
        return pd.DataFrame(columns=list(COLUMNS)), 0
    frozen = set(eval_frame["text"].map(canonical))
    inside = stored["text"].map(canonical).isin(frozen)
    texts = stored["text"].tolist()
    near = {i for i, _, _ in near_duplicates(texts, eval_frame["text"].tolist())}
    keep = ~inside & ~stored.index.isin(sorted(near))
    rows = stored[keep]
    frame = pd.DataFrame({column: rows[column] if column in rows else "" for column in COLUMNS}).fillna("")
    return frame.reset_index(drop=True), int((~keep).sum())


def merge(corpus: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The training frame: the corpus, where a stored label for the same text replaces the corpus
    label (an analyst's correction is newer than the corpus), plus the other stored posts."""
    keys = stored["text"].map(canonical)
    kept = corpus[~corpus["text"].map(canonical).isin(set(keys))]
    return pd.concat([kept[list(COLUMNS)], stored[list(COLUMNS)]], ignore_index=True)


def gate_reasons(current: dict, candidate: dict, gate: Gate) -> list[str]:
    """Why the candidate may not replace the current model; empty when it may."""
    reasons = []
    drop = current["overall"]["f1_macro"] - candidate["overall"]["f1_macro"]
    if drop > gate.max_f1_drop:
        reasons.append(f"macro-F1 drops by {drop:.4f} ({current['overall']['f1_macro']:.4f} → "
                       f"{candidate['overall']['f1_macro']:.4f}); at most {gate.max_f1_drop} is allowed")
    for label in LABELS:
        before, after = current["per_class"][label]["recall"], candidate["per_class"][label]["recall"]
        if before - after > gate.max_recall_drop:
            reasons.append(f"recall of {label} drops by {before - after:.4f} ({before:.4f} → {after:.4f}); "
                           f"at most {gate.max_recall_drop} is allowed")
    return reasons


def retrain(stored: pd.DataFrame, gate: Gate | None = None, config: TrainConfig | None = None, force: bool = False,
            data: str | Path | None = None, root: str | Path | None = None) -> dict:
    """Trains a candidate on the corpus plus `stored` (the current labels of the store), saves it as a
    new version, and makes it CURRENT only if it passes the gate (or `force`). Returns a report."""
    gate = gate or Gate()
    corpus, eval_frame = load_corpus(data)
    extra, left_out = stored_rows(stored, eval_frame)
    frame = merge(corpus, extra)
    pipeline, metadata = fit_and_evaluate(frame, eval_frame, config)
    try:
        current = registry.load_model(None, root)
    except ModelNotFound:
        current = None
    report = {
        "current": current.version if current else None,
        "current_metrics": evaluate(current, eval_frame) if current else None,
        "candidate_metrics": metadata["metrics"],
        "n_stored_labels": int(len(extra)),
        "stored_left_out": left_out,
        "forced": False,
    }
    report["reasons"] = gate_reasons(report["current_metrics"], metadata["metrics"], gate) if current else []
    report["promoted"] = not report["reasons"] or force
    report["forced"] = bool(report["reasons"]) and force
    metadata |= {
        "parent": report["current"],
        "n_stored_labels": report["n_stored_labels"],
        "stored_left_out": left_out,
        "gate": {"max_f1_drop": gate.max_f1_drop, "max_recall_drop": gate.max_recall_drop,
                 "passed": not report["reasons"], "reasons": report["reasons"], "forced": report["forced"]},
    }
    report["candidate"] = registry.save(pipeline, metadata, root, make_current=report["promoted"])
    return report
