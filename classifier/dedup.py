"""Near-duplicate detection by character-shingle Jaccard similarity, vectorised with sparse matrices."""
from __future__ import annotations

import re

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

SHINGLE = 5
NEAR = 0.8  # Jaccard similarity of 5-character shingles at or above which two posts are near-duplicates


def canonical(text: str) -> str:
    """Lower case, letters and digits only, single spaces: the form compared for duplicates."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _shingles(texts):
    vectorizer = HashingVectorizer(analyzer="char", ngram_range=(SHINGLE, SHINGLE), n_features=2**22,
                                   alternate_sign=False, norm=None, binary=True, lowercase=False)
    return vectorizer.transform([canonical(t) for t in texts]).tocsr()


def near_duplicates(texts, others=None, threshold: float = NEAR) -> list[tuple[int, int, float]]:
    """Pairs (i, j, similarity) with similarity >= threshold: within `texts` (i < j) when `others`
    is None, else between texts[i] and others[j]."""
    a = _shingles(texts)
    b = a if others is None else _shingles(others)
    sizes_a = np.asarray(a.sum(axis=1)).ravel()
    sizes_b = np.asarray(b.sum(axis=1)).ravel()
    inter = (a @ b.T).tocoo()
    union = sizes_a[inter.row] + sizes_b[inter.col] - inter.data
    similarity = np.divide(inter.data, union, out=np.ones_like(union, dtype=float), where=union > 0)
    keep = similarity >= threshold
    if others is None:
        keep &= inter.row < inter.col
    return [(int(i), int(j), round(float(s), 3)) for i, j, s in zip(inter.row[keep], inter.col[keep], similarity[keep])]
