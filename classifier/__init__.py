"""mutu's classifier: sorts Indonesian agency posts into kinerja, layanan or ucapan.

    from classifier import LABELS, load_model
    model = load_model()
    model.predict(["Selamat Hari Guru!"])   # -> ["ucapan"]
"""
from .config import LABELS, SUBSTANTIVE, TrainConfig
from .errors import ChecksumMismatch, DataError, InvalidInput, ModelNotFound, MutuError
from .evaluate import evaluate
from .model import Model
from .pipeline import build_pipeline
from .registry import load_model
from .train import train

__all__ = [
    "LABELS",
    "SUBSTANTIVE",
    "ChecksumMismatch",
    "DataError",
    "InvalidInput",
    "Model",
    "ModelNotFound",
    "MutuError",
    "TrainConfig",
    "build_pipeline",
    "evaluate",
    "load_model",
    "train",
]
