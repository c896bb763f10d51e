"""The analysis notebooks run top to bottom against the current code and model."""
import runpy
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.py"))


def test_there_is_an_error_analysis_notebook():
    assert "error_analysis.py" in [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_notebook_runs_and_reports(path, capsys):
    runpy.run_path(str(path), run_name="__main__")
    out = capsys.readouterr().out
    assert "macro-F1" in out and "true kinerja" in out  # the scores and the confusion matrix were printed
