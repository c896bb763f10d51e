"""build_pipeline(...) -> the one scikit-learn Pipeline that is the model."""
from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .config import TrainConfig
from .normalize import TextNormalizer
from .stemming import SastrawiStemmer


def build_features(ngram_range=(1, 2), min_df=1, max_features=None) -> TfidfVectorizer:
    """TF-IDF over the stemmed tokens (already lower-cased and split by the earlier steps)."""
    return TfidfVectorizer(
        token_pattern=r"\S+",
        lowercase=False,
        ngram_range=tuple(ngram_range),
        min_df=min_df,
        max_features=max_features,
        sublinear_tf=True,
    )


def build_classifier(C=10.0, class_weight="balanced", random_state=0) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=5000, random_state=random_state)


def build_pipeline(config: TrainConfig | None = None, C=None, ngram_range=None) -> Pipeline:
    """normalise -> stem -> tfidf -> logistic regression, with C and n-grams from the search or the config."""
    config = config or TrainConfig()
    return Pipeline(
        [
            ("normalize", TextNormalizer()),
            ("stem", SastrawiStemmer()),
            (
                "tfidf",
                build_features(ngram_range or config.ngram_grid[-1], config.min_df, config.max_features),
            ),
            ("clf", build_classifier(C or config.c_grid[0], config.class_weight, config.random_state)),
        ]
    )
