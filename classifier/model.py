"""The Model: the fitted Pipeline plus its registry metadata, with the calls users make."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from sklearn import config_context
from sklearn.pipeline import Pipeline

from .config import LABELS, SUBSTANTIVE
from .errors import InvalidInput

_PIECES = re.compile(r"\s+|\S+")


def check_texts(texts) -> list[str]:
    """A list of non-empty strings, or InvalidInput saying which item is wrong."""
    if isinstance(texts, str):
        raise InvalidInput("expected a list of texts, got a single string; wrap it: model.predict([text])")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise InvalidInput(f"text {i} is {type(text).__name__}, expected a string")
        if not text.strip():
            raise InvalidInput(f"text {i} is empty or whitespace only; give the post's caption")
    return texts


@dataclass
class Model:
    pipeline: Pipeline
    metadata: dict = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.metadata.get("version", "unversioned")

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.pipeline.classes_)

    def predict_proba(self, texts) -> np.ndarray:
        """Probabilities, shape (n, 3), columns in LABELS order."""
        texts = check_texts(texts)
        if not texts:
            return np.empty((0, len(LABELS)))
        # The inputs between steps are the pipeline's own sparse matrices: skipping sklearn's
        # finiteness and parameter checks saves ~0.2 ms a call, most of a one-post request.
        with config_context(assume_finite=True, skip_parameter_validation=True):
            return self.pipeline.predict_proba(texts)

    def predict(self, texts) -> list[str]:
        proba = self.predict_proba(texts)
        return [LABELS[i] for i in proba.argmax(axis=1)]

    def classify(self, texts) -> list[dict]:
        """One result per text: label, probabilities by label, substantive, confidence, model version."""
        proba = self.predict_proba(texts)
        results = []
        for row in proba:
            label = LABELS[int(row.argmax())]
            results.append(
                {
                    "label": label,
                    "probabilities": {name: round(float(p), 4) for name, p in zip(LABELS, row)},
                    "substantive": label in SUBSTANTIVE,
                    "confidence": round(float(row.max()), 4),
                    "version": self.version,
                }
            )
        return results

    def explain(self, text: str, k: int = 5) -> list[dict]:
        """The k terms that pushed the text hardest towards its predicted label, with their weights."""
        (text,) = check_texts([text])
        features = self.pipeline[:-1].transform([text])
        clf = self.pipeline[-1]
        label = int(clf.predict_proba(features)[0].argmax())
        row = features.tocsr()[0]
        weights = row.data * clf.coef_[label, row.indices]
        names = self.pipeline[-2].get_feature_names_out()
        order = np.argsort(-weights)[:k]
        return [{"term": str(names[row.indices[i]]), "weight": round(float(weights[i]), 4)} for i in order if weights[i] > 0]

    def highlight(self, text: str, k: int = 8) -> list[dict]:
        """The text cut into pieces, each word with its pull towards the predicted label (0 for the
        rest), so a page can mark the words behind a decision. Joining the pieces gives the text back."""
        (text,) = check_texts([text])
        pieces = _PIECES.findall(text)
        words = [i for i, piece in enumerate(pieces) if not piece.isspace()]
        proba = self.predict_proba([text])[0]
        label = int(proba.argmax())
        coef = self.pipeline[-1].coef_[label]
        vocabulary = self.pipeline[-2].vocabulary_
        terms = self.pipeline[:2].transform([pieces[i] for i in words]) if words else []
        pull = {}
        for i, term in zip(words, terms):
            weight = sum(coef[vocabulary[t]] for t in term.split() if t in vocabulary)
            if weight > 0:
                pull[i] = float(weight)
        strongest = set(sorted(pull, key=pull.get, reverse=True)[:k])
        return [{"text": piece, "weight": round(pull[i], 4) if i in strongest else 0.0} for i, piece in enumerate(pieces)]
