"""Reading posts to score from CSV, JSONL, Parquet, Excel and Instagram scraper JSON exports.

`read_posts(path)` yields chunks (DataFrames) with the columns `text`, `agency`, `posted_at` (raw
strings), `source`, `row` (the row number a spreadsheet shows, or the JSONL line), so that a million
posts stream through in constant memory. Which input columns were used is reported in `Columns`.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pandas as pd

from .errors import DataError

TEXT_NAMES = ("text", "caption", "teks", "isi", "content", "message", "full_text", "body", "konten")
AGENCY_NAMES = ("agency", "ownerUsername", "owner_username", "username", "account", "akun", "opd", "instansi", "owner")
DATE_NAMES = ("posted_at", "timestamp", "taken_at_timestamp", "date", "tanggal", "created_at", "taken_at", "waktu")
FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
           ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx"}
CHUNK_SIZE = 20_000


@dataclass
class Columns:
    """Which input columns hold the text, agency and date (None when absent)."""

    text: str
    agency: str | None
    date: str | None

    def describe(self) -> str:
        return f"teks={self.text!r}, OPD={self.agency or '(nama file)'!r}, tanggal={self.date or '(tidak ada)'!r}"


def detect_format(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise DataError(f"{path}: unknown file type {path.suffix!r}; use one of {sorted(FORMATS)}")
    return kind


def pick_columns(found, text_col=None, agency_col=None, date_col=None, source="input") -> Columns:
    """Chooses the columns by explicit name or by the usual names; a missing text column is an error."""
    found = list(found)

    def choose(explicit, names, what):
        if explicit:
            if explicit not in found:
                raise DataError(f"{source}: no column {explicit!r} for the {what}; the columns are {found}")
            return explicit
        lower = {c.lower(): c for c in found}
        return next((lower[n.lower()] for n in names if n.lower() in lower), None)

    text = choose(text_col, TEXT_NAMES, "text")
    if text is None:
        raise DataError(
            f"{source}: expected a text column (one of {list(TEXT_NAMES)}) but found only {found}; "
            "name it with --text-col"
        )
    return Columns(text, choose(agency_col, AGENCY_NAMES, "agency"), choose(date_col, DATE_NAMES, "date"))


def _standard(frame: pd.DataFrame, columns: Columns, path: Path, first_line: int) -> pd.DataFrame:
    n = len(frame)
    out = pd.DataFrame(index=range(n))
    out["text"] = frame[columns.text].astype("string").fillna("").to_numpy() if n else []
    out["agency"] = frame[columns.agency].astype("string").fillna("").str.strip().to_numpy() if columns.agency else path.stem
    out["posted_at"] = frame[columns.date].astype("string").fillna("").to_numpy() if columns.date else ""
    out["source"] = path.name
    out["row"] = range(first_line, first_line + n)
    return out


def _csv_chunks(path, chunk_size, names):
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=chunk_size, sep=sep, encoding="utf-8-sig")
        line = 2  # the header is line 1
        for chunk in reader:
            yield chunk, line
            line += len(chunk)
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text near byte {exc.start}; save the file as UTF-8 (CSV UTF-8 in Excel)") from None
    except pd.errors.ParserError as exc:
        raise DataError(f"{path}: broken CSV: {exc}") from None


def _jsonl_chunks(path, chunk_size, names):
    with open(path, encoding="utf-8-sig") as fh:
        number = 0
        while True:
            try:
                lines = list(islice(fh, chunk_size))
            except UnicodeDecodeError:
                raise DataError(f"{path}: not UTF-8 text after line {number}; save the file as UTF-8") from None
            if not lines:
                return
            records, first = [], number + 1
            for offset, raw in enumerate(lines):
                number = first + offset
                if not raw.strip():
                    records.append({})
                    continue
                try:
                    record = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}: line {number} is not valid JSON ({exc.msg}); fix or remove that line") from None
                records.append(_flatten_scraper(record) if isinstance(record, dict) else {})
            yield pd.DataFrame.from_records(records), first


def _flatten_scraper(record: dict) -> dict:
    """instaloader's {"node": {...}} post JSON becomes flat caption/owner/timestamp fields."""
    node = record.get("node")
    if not isinstance(node, dict):
        return record
    edges = (node.get("edge_media_to_caption") or {}).get("edges") or []
    caption = edges[0].get("node", {}).get("text", "") if edges else node.get("caption", "")
    owner = (node.get("owner") or {}).get("username") or record.get("owner_username", "")
    timestamp = node.get("taken_at_timestamp") or node.get("date")
    if isinstance(timestamp, (int, float)):
        timestamp = pd.Timestamp(timestamp, unit="s").isoformat()
    return {"caption": caption or "", "ownerUsername": owner or "", "timestamp": timestamp or ""}


def _json_chunks(path, chunk_size, names):
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: line {exc.lineno} is not valid JSON ({exc.msg})") from None
    records = data if isinstance(data, list) else [data]
    flat = [_flatten_scraper(r) if isinstance(r, dict) else {} for r in records]
    for start in range(0, len(flat), chunk_size):
        yield pd.DataFrame.from_records(flat[start:start + chunk_size]), start + 1


def _parquet_chunks(path, chunk_size, names):
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise DataError(f"{path}: not a readable Parquet file ({exc})") from None
    row = 1
    for batch in parquet.iter_batches(batch_size=chunk_size, columns=[c for c in names if c in parquet.schema.names] or None):
        frame = batch.to_pandas()
        yield frame, row
        row += len(frame)


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _xlsx_chunks(path, chunk_size, names):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/ValueError for damaged files
        raise DataError(f"{path}: not a readable Excel .xlsx file ({exc})") from None
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = [str(h) if h is not None else f"column_{i}" for i, h in enumerate(next(rows, ()) or ())]
    line = 2
    while batch := list(islice(rows, chunk_size)):
        frame = pd.DataFrame.from_records(batch, columns=header)
        yield frame.map(_cell_text), line
        line += len(frame)
    book.close()


READERS = {"csv": _csv_chunks, "jsonl": _jsonl_chunks, "json": _json_chunks, "parquet": _parquet_chunks, "xlsx": _xlsx_chunks}


def read_frames(path, chunk_size=CHUNK_SIZE, wanted=()) -> Iterator[tuple[pd.DataFrame, int]]:
    """The file's own columns in chunks, each with the row number of its first record."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    return READERS[detect_format(path)](path, chunk_size, list(wanted) + list(TEXT_NAMES + AGENCY_NAMES + DATE_NAMES))


def read_posts(path, text_col=None, agency_col=None, date_col=None, chunk_size=CHUNK_SIZE) -> tuple[Columns, Iterator[pd.DataFrame]]:
    """The columns chosen, and an iterator of standardised chunks of the file's posts."""
    path = Path(path)
    chunks = read_frames(path, chunk_size, [c for c in (text_col, agency_col, date_col) if c])
    first = next(chunks, None)
    if first is None:
        raise DataError(f"{path}: the file holds no posts")
    columns = pick_columns(first[0].columns, text_col, agency_col, date_col, source=str(path))

    def standardised():
        yield _standard(first[0], columns, path, first[1])
        for frame, row in chunks:
            for column in (columns.text, columns.agency, columns.date):
                if column and column not in frame.columns:  # JSON records may lack a field the first had
                    frame[column] = ""
            yield _standard(frame, columns, path, row)

    return columns, standardised()
