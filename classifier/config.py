"""Configuration in one place: paths, labels, and the typed training settings."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LABELS: tuple[str, ...] = ("kinerja", "layanan", "ucapan")
SUBSTANTIVE: frozenset[str] = frozenset({"kinerja", "layanan"})

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def models_dir() -> Path:
    """The model registry: `MUTU_MODELS_DIR`, else `models/` of the project."""
    return Path(os.environ.get("MUTU_MODELS_DIR", PROJECT_ROOT / "models"))


def data_dir() -> Path:
    """The labelled corpus: `MUTU_DATA_DIR`, else `data/` of the project."""
    return Path(os.environ.get("MUTU_DATA_DIR", PROJECT_ROOT / "data"))


def database_url() -> str:
    """The labels store: `MUTU_DATABASE_URL` (any SQLAlchemy URL), else a SQLite file in the data folder."""
    return os.environ.get("MUTU_DATABASE_URL") or f"sqlite:///{data_dir() / 'labels.sqlite'}"


@dataclass(frozen=True)
class Gate:
    """When `mutu retrain` may replace the current model: measured on the frozen evaluation split."""

    max_f1_drop: float = 0.005      # macro-F1 may fall by at most this much
    max_recall_drop: float = 0.02   # and no class's recall by more than this


@dataclass(frozen=True)
class TrainConfig:
    """Settings of one training run. The grid is searched by grouped cross-validation."""

    c_grid: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0)
    ngram_grid: tuple[tuple[int, int], ...] = ((1, 1), (1, 2))
    min_df: int = 1
    max_features: int | None = 200_000
    class_weight: str | None = "balanced"
    cv_folds: int = 5
    random_state: int = 0
    # Unigrams run ~4x faster than unigrams + bigrams (see `make bench`); bigrams are chosen only
    # when they beat the best unigram model's cross-validated macro-F1 by more than this.
    prefer_unigrams_within: float = 0.005
    # Share of training posts copied with the account's own hashtags appended (classifier/augment.py);
    # 0 turns the augmentation off. Applied to the training split only.
    hashtag_noise: float = 0.3

    def __post_init__(self) -> None:
        if not self.c_grid or any(c <= 0 for c in self.c_grid):
            raise ValueError(f"c_grid must hold positive numbers, got {self.c_grid!r}")
        if not 0 <= self.hashtag_noise <= 1:
            raise ValueError(f"hashtag_noise must be between 0 and 1, got {self.hashtag_noise}")
        if self.cv_folds < 2:
            raise ValueError(f"cv_folds must be at least 2, got {self.cv_folds}")
        for lo, hi in self.ngram_grid:
            if not 1 <= lo <= hi:
                raise ValueError(f"ngram ranges must satisfy 1 <= lo <= hi, got {(lo, hi)}")
