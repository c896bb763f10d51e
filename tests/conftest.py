import pandas as pd
import pytest

from classifier import TrainConfig, load_model, registry, train
from tests.fixtures import frame

SMALL = TrainConfig(c_grid=(10.0,), ngram_grid=((1, 2),), cv_folds=3)


@pytest.fixture(scope="session")
def small_frame() -> pd.DataFrame:
    return frame()


@pytest.fixture(scope="session")
def fitted(small_frame):
    """One pipeline fitted on the in-memory fixture corpus, shared by the whole session."""
    pipeline, record = train(small_frame, SMALL)
    return pipeline, record


@pytest.fixture()
def registry_dir(tmp_path, fitted, monkeypatch):
    """A throw-away registry holding the fixture model as v001 (CURRENT)."""
    pipeline, record = fitted
    metrics = {"confusion": {"labels": ["kinerja", "layanan", "ucapan"], "matrix": [[8, 1, 1], [1, 8, 1], [1, 1, 8]]}}
    registry.save(pipeline, {**record, "metrics": metrics}, tmp_path)
    monkeypatch.setenv("MUTU_MODELS_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="session")
def default_model():
    """The project's CURRENT model in models/, as users get it."""
    return load_model()
