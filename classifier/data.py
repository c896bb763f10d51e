"""The labelled corpus: reading and validating `data/labelled/` (training) and `data/eval/` (frozen)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .config import LABELS, data_dir
from .errors import DataError

COLUMNS = ("text", "label", "agency", "agency_type", "region", "platform", "posted_at", "note")
REQUIRED = ("text", "label")


def read_labelled(path: str | Path) -> pd.DataFrame:
    """One labelled CSV file, validated: `text` and `label` present, labels known, no empty text."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a readable UTF-8 CSV file ({exc})") from None
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataError(
            f"{path}: expected the columns {list(REQUIRED)} but {missing} are missing "
            f"(found {list(frame.columns)}). Rename the columns or fix the file."
        )
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    _check_rows(frame, path)
    frame["source_file"] = path.name
    return frame


def _check_rows(frame: pd.DataFrame, path: Path) -> None:
    # Line numbers as a spreadsheet shows them: the header is line 1.
    empty = frame.index[frame["text"].str.strip() == ""]
    if len(empty):
        raise DataError(f"{path}: empty text on line(s) {[i + 2 for i in empty[:10]]}")
    bad = frame.index[~frame["label"].isin(LABELS)]
    if len(bad):
        i = bad[0]
        raise DataError(
            f"{path}: line {i + 2} has label {frame.at[i, 'label']!r}; expected one of {list(LABELS)}"
        )


def read_dir(directory: str | Path) -> pd.DataFrame:
    """Every `*.csv` of a folder, concatenated in name order."""
    files = sorted(Path(directory).glob("*.csv"))
    if not files:
        raise DataError(f"{directory}: no labelled CSV files found. Expected files like {directory}/posts.csv")
    return pd.concat([read_labelled(f) for f in files], ignore_index=True)


def load_corpus(directory: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(training split, frozen evaluation split) from `DIR/labelled/` and `DIR/eval/`."""
    root = Path(directory) if directory else data_dir()
    return read_dir(root / "labelled"), read_dir(root / "eval")


def data_hash(frame: pd.DataFrame) -> str:
    """SHA-256 of the (text, label) pairs, independent of file layout and row order."""
    digest = hashlib.sha256()
    for text, label in sorted(zip(frame["text"], frame["label"])):
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()
