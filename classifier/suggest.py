"""Choosing what to label next: uncertain posts, spread across agencies, no two alike.

Plain uncertainty sampling returns fifty copies of the same greeting; here the least confident
posts are taken in turn from each agency (round robin), and a post too similar to one already
chosen (character-shingle Jaccard ≥ `similar`) is passed over.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .config import LABELS
from .dedup import near_duplicates

SIMILAR = 0.5


def margin(probabilities: np.ndarray) -> np.ndarray:
    """Top probability minus the runner-up: small means the model hesitates between two labels."""
    ordered = np.sort(probabilities, axis=1)
    return ordered[:, -1] - ordered[:, -2]


def suggest(model, posts: pd.DataFrame, n: int = 50, similar: float = SIMILAR) -> pd.DataFrame:
    """The `n` posts whose labels would teach the model most, as a frame ready to fill in:
    text, agency, predicted, confidence, label (empty), note (empty), and the input's row."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    posts = posts[posts["text"].astype(str).str.strip() != ""].reset_index(drop=True)
    if posts.empty:
        return pd.DataFrame(columns=["row", "agency", "text", "predicted", "confidence", "margin", "label", "note"])
    proba = model.predict_proba(posts["text"].tolist())
    posts = posts.assign(predicted=[LABELS[i] for i in proba.argmax(axis=1)], confidence=proba.max(axis=1).round(4),
                         margin=margin(proba).round(4))
    if "agency" not in posts:
        posts["agency"] = ""
    queues = {agency: group.sort_values("margin", kind="stable").index.tolist()
              for agency, group in posts.groupby("agency", sort=False)}
    # agencies whose most uncertain post is most uncertain go first in each round
    order = sorted(queues, key=lambda a: posts.at[queues[a][0], "margin"])
    similar_to = {}
    for i, j, _ in near_duplicates(posts["text"].tolist(), threshold=similar):
        similar_to.setdefault(i, set()).add(j)
        similar_to.setdefault(j, set()).add(i)
    chosen: list[int] = []
    blocked: set[int] = set()
    while len(chosen) < n and any(queues.values()):
        for agency in order:
            queue = queues[agency]
            while queue and queue[0] in blocked:
                queue.pop(0)
            if queue and len(chosen) < n:
                pick = queue.pop(0)
                chosen.append(pick)
                blocked |= similar_to.get(pick, set())
    picked = posts.loc[chosen].sort_values("margin", kind="stable")
    picked = picked.assign(label="", note="", model_version=getattr(model, "version", ""))
    columns = ["row", "agency", "text", "predicted", "confidence", "margin", "model_version", "label", "note"]
    return picked[[c for c in columns if c in picked.columns]].reset_index(drop=True)
