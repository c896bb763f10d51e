"""build_pipeline(...) -> the one scikit-learn Pipeline that is the model."""
from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .config import TrainConfig
from .normalize import TextNormalizer
from .stemming import SastrawiStemmer


def words(doc: str) -> list[str]:
    """Unigrams of a normalised, stemmed text (already lower-cased and space-separated)."""
    return doc.split()


def words_and_pairs(doc: str) -> list[str]:
    """Unigrams and bigrams. Written out because sklearn's generic n-gram loop costs ~15% more
    per post on the hot path of the service and the batch job."""
    tokens = doc.split()
    return tokens + [a + " " + b for a, b in zip(tokens, tokens[1:])]


ANALYZERS = {(1, 1): words, (1, 2): words_and_pairs}


def build_features(ngram_range=(1, 2), min_df=1, max_features=None) -> TfidfVectorizer:
    """TF-IDF over the stemmed tokens, unigrams or unigrams + bigrams."""
    key = tuple(ngram_range)
    if key not in ANALYZERS:
        raise ValueError(f"ngram_range must be one of {sorted(ANALYZERS)}, got {key}")
    return TfidfVectorizer(analyzer=ANALYZERS[key], min_df=min_df, max_features=max_features, sublinear_tf=True)


def build_classifier(C=10.0, class_weight="balanced", random_state=0) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=5000, random_state=random_state)


def build_pipeline(config: TrainConfig | None = None, C=None, ngram_range=None) -> Pipeline:
    """normalise -> stem -> tfidf -> logistic regression, with C and n-grams from the search or the config."""
    config = config or TrainConfig()
    features = build_features(ngram_range or config.ngram_grid[-1], config.min_df, config.max_features)
    return Pipeline(
        [
            ("normalize", TextNormalizer()),
            ("stem", SastrawiStemmer()),
            ("tfidf", features),
            ("clf", build_classifier(C or config.c_grid[0], config.class_weight, config.random_state)),
        ]
    )
