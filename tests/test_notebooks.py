"""The analysis notebooks run top to bottom against the current code, corpus and model."""
import runpy
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
# what each notebook must print, as evidence that it got to its end
EXPECTED = {
    "error_analysis.py": ["macro-F1", "true kinerja"],  # the scores and the confusion matrix
    "generalisation.py": ["leave-one-batch-out macro-F1: mean"],
    "label_review.py": ["confident disagreements:"],
}


def test_every_notebook_is_listed_here():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_notebook_runs_to_its_end(name, capsys):
    runpy.run_path(str(NOTEBOOKS / name), run_name="__main__")
    out = capsys.readouterr().out
    for text in EXPECTED[name]:
        assert text in out
