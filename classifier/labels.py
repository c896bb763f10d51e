"""The labels store: posts labelled by analysts after the corpus was written, in a SQL database.

SQLite file by default (`data/labels.sqlite`), any SQLAlchemy URL through `MUTU_DATABASE_URL`.
Every label ever given is kept; for a text labelled more than once the latest wins (`current`).
Texts are matched by their canonical form (case, punctuation and spacing ignored).

    store = open_store()                       # creates the tables on first use
    import_file(store, "koreksi.xlsx", labelled_by="rina")
    current(store)                             # one row per text, the latest label
"""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, String, Table, Text, create_engine, func, insert, select

from .config import LABELS, database_url
from .dedup import canonical
from .errors import DataError

SCHEMA_VERSION = 1
FIELDS = ("text", "label", "agency", "source", "labelled_by", "labelled_at", "predicted", "model_version", "note")

_meta = MetaData()
schema_table = Table("mutu_schema", _meta, Column("version", Integer, nullable=False))
labels_table = Table(
    "labels", _meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("text_key", String(64), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("agency", String(300), nullable=False, default=""),
    Column("source", String(300), nullable=False, default=""),
    Column("labelled_by", String(200), nullable=False),
    Column("labelled_at", DateTime(timezone=True), nullable=False),
    Column("predicted", String(16), nullable=True),        # the model's label this one corrects, if any
    Column("model_version", String(32), nullable=True),
    Column("note", Text, nullable=False, default=""),
)

# Schema changes: a function per version step, run in order inside one transaction on open.
# MIGRATIONS[2] = lambda conn: conn.execute(text("ALTER TABLE labels ADD COLUMN platform VARCHAR(32)"))
MIGRATIONS: dict[int, callable] = {}


def text_key(text: str) -> str:
    return hashlib.sha256(canonical(text).encode()).hexdigest()


def open_store(url: str | None = None) -> Engine:
    """Connects, creating the tables on first use and migrating an older schema."""
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
        with engine.begin() as conn:
            _meta.create_all(conn)
            found = conn.execute(select(schema_table.c.version)).scalar()
            if found is None:
                conn.execute(insert(schema_table).values(version=SCHEMA_VERSION))
            elif found > SCHEMA_VERSION:
                raise DataError(f"the labels database {url} has schema version {found}; this mutu knows up to "
                                f"{SCHEMA_VERSION}. Upgrade mutu before using it.")
            else:
                for step in range(found + 1, SCHEMA_VERSION + 1):
                    MIGRATIONS[step](conn)
                conn.execute(schema_table.update().values(version=SCHEMA_VERSION))
    except DataError:
        raise
    except Exception as exc:  # a bad URL, a missing driver, an unreachable server
        raise DataError(f"cannot open the labels database {url!r}: {exc}. Check MUTU_DATABASE_URL.") from None
    return engine


def validate(frame: pd.DataFrame, labelled_by: str = "", source: str = "", first_line: int = 2) -> tuple[list[dict], list[str], int]:
    """(records ready to store, problems as (line, message) pairs, rows skipped because they have no label yet).

    `first_line` is the line number of the frame's first row as the user sees the file (2 for a CSV
    or spreadsheet with a header, 1 for JSONL)."""
    frame = frame.rename(columns=str.lower)
    if "text" not in frame.columns or "label" not in frame.columns:
        raise DataError(f"expected the columns 'text' and 'label'; found {list(frame.columns)}")
    records, problems, unlabelled = [], [], 0
    now = datetime.now(UTC)
    for i, row in enumerate(frame.to_dict("records")):
        line = first_line + i
        value = {k: ("" if pd.isna(row.get(k)) else str(row.get(k)).strip()) for k in FIELDS if k in row}
        text = "" if pd.isna(row.get("text")) else str(row.get("text"))
        label = value.get("label", "")
        if not label:
            unlabelled += 1
            continue
        if not text.strip():
            problems.append((line, "empty text"))
            continue
        if label not in LABELS:
            problems.append((line, f"label {label!r} is not one of {list(LABELS)}"))
            continue
        predicted = value.get("predicted") or None
        if predicted is not None and predicted not in LABELS:
            problems.append((line, f"predicted {predicted!r} is not one of {list(LABELS)}"))
            continue
        who = value.get("labelled_by") or labelled_by
        if not who:
            problems.append((line, "no labelled_by (add the column, or pass --by NAME)"))
            continue
        when = now
        if value.get("labelled_at"):
            when = pd.to_datetime(value["labelled_at"], errors="coerce", utc=True)
            if pd.isna(when):
                problems.append((line, f"labelled_at {value['labelled_at']!r} is not a date"))
                continue
            when = when.to_pydatetime()
        records.append({
            "text_key": text_key(text), "text": text, "label": label, "agency": value.get("agency", ""),
            "source": value.get("source") or source, "labelled_by": who, "labelled_at": when,
            "predicted": predicted, "model_version": value.get("model_version") or None, "note": value.get("note", ""),
        })
    return records, problems, unlabelled


def add(store: Engine, records: list[dict]) -> int:
    """Stores validated records in one transaction: all of them or none."""
    if records:
        with store.begin() as conn:
            conn.execute(insert(labels_table), records)
    return len(records)


def read_file(path: str | Path) -> tuple[pd.DataFrame, int]:
    """A file of labels as a frame, and the line number of its first row. CSV, TSV, JSONL, XLSX, or
    a Hugging Face `datasets` directory written by `save_to_disk`."""
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path}: no such file or directory")
    if path.is_dir():
        if not (path / "dataset_info.json").exists() and not (path / "dataset_dict.json").exists():
            raise DataError(f"{path}: a directory, but not a Hugging Face dataset saved with save_to_disk")
        from datasets import load_from_disk

        dataset = load_from_disk(str(path))
        if hasattr(dataset, "keys"):  # a DatasetDict: take every split
            return pd.concat([dataset[k].to_pandas() for k in dataset.keys()], ignore_index=True), 0
        return dataset.to_pandas(), 0
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            return pd.read_csv(path, dtype=str, keep_default_na=False, sep="\t" if suffix == ".tsv" else ","), 2
        if suffix in (".jsonl", ".ndjson"):
            return pd.read_json(path, lines=True, dtype=False), 1
        if suffix == ".xlsx":
            return pd.read_excel(path, dtype=str).fillna(""), 2
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read as {suffix[1:]} ({exc})") from None
    raise DataError(f"{path}: unknown file type {suffix!r}; use .csv, .tsv, .jsonl, .xlsx or a datasets directory")


def import_file(store: Engine, path: str | Path, labelled_by: str = "", source: str = "") -> tuple[int, int]:
    """Imports every labelled row of a file in one transaction; returns (imported, rows without a label).

    Any invalid row refuses the whole file, naming every bad line, so nothing is half-imported."""
    frame, first_line = read_file(path)
    records, problems, unlabelled = validate(frame, labelled_by, source or Path(path).name, first_line)
    if problems:
        shown = "\n".join(f"line {line}: {message}" for line, message in problems[:30])
        if len(problems) > 30:
            shown += f"\n… and {len(problems) - 30} more"
        raise DataError(f"{path}: {len(problems)} invalid row(s); nothing was imported. Fix them and import again:\n{shown}")
    return add(store, records), unlabelled


def history(store: Engine) -> pd.DataFrame:
    """Every label ever stored, oldest first."""
    with store.connect() as conn:
        frame = pd.read_sql(select(labels_table).order_by(labels_table.c.labelled_at, labels_table.c.id), conn)
    return frame


def current(store: Engine) -> pd.DataFrame:
    """One row per text: its latest label."""
    frame = history(store)
    return frame.drop_duplicates("text_key", keep="last").reset_index(drop=True)


def export(store: Engine, fmt: str, out: str | Path, all_history: bool = False) -> int:
    """Writes the current labels (or the whole history) as csv, jsonl or a datasets directory."""
    frame = (history if all_history else current)(store).drop(columns=["id", "text_key"])
    frame["labelled_at"] = frame["labelled_at"].astype(str)
    out = Path(out)
    if fmt == "csv":
        frame.to_csv(out, index=False)
    elif fmt == "jsonl":
        frame.to_json(out, orient="records", lines=True, force_ascii=False)
    elif fmt == "hf":
        from datasets import Dataset

        Dataset.from_pandas(frame.fillna(""), preserve_index=False).save_to_disk(str(out))
    else:
        raise DataError(f"unknown export format {fmt!r}; use csv, jsonl or hf")
    return len(frame)


def stats(store: Engine) -> dict:
    """Counts: labels stored, texts, current labels per class, per labeller, corrections, time span."""
    with store.connect() as conn:
        n, first, last = conn.execute(select(func.count(), func.min(labels_table.c.labelled_at),
                                             func.max(labels_table.c.labelled_at))).one()
    now = current(store)
    corrections = now[now["predicted"].notna() & (now["predicted"] != now["label"])]
    return {
        "records": int(n),
        "texts": int(len(now)),
        "by_label": {label: int((now["label"] == label).sum()) for label in LABELS},
        "by_labeller": {k: int(v) for k, v in now["labelled_by"].value_counts().items()},
        "corrections": int(len(corrections)),
        "first": str(first) if first else None,
        "last": str(last) if last else None,
    }
