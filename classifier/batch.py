"""The batch job: stream posts from files, classify them chunk by chunk, and aggregate per agency.

Every row read ends up either in posts.csv (scored) or in rejected.csv (with a reason), so the
counts always add up: posts in = posts scored + posts rejected.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .config import LABELS, SUBSTANTIVE
from .errors import DataError
from .io import CHUNK_SIZE, Columns, read_posts
from .scoring import ScoreSettings, aggregate, combine, scorecards, trend

POSTS_COLUMNS = ["source", "row", "agency", "posted_at", "label", *[f"p_{label}" for label in LABELS], "substantive", "text"]
REJECTED_COLUMNS = ["source", "row", "agency", "posted_at", "reason", "text"]
# Time-zone suffixes are dropped so a post keeps the local date its admin saw (WIB/WITA/WIT).
_TZ_SUFFIX = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


@dataclass
class BatchResult:
    agencies: pd.DataFrame
    trend: pd.DataFrame
    columns: dict[str, Columns]
    posts_in: int = 0
    scored: int = 0
    rejected: int = 0
    rejected_reasons: dict[str, int] = field(default_factory=dict)
    model_version: str = ""
    settings: ScoreSettings = field(default_factory=ScoreSettings)


def parse_dates(raw: pd.Series) -> pd.Series:
    """ISO 8601 first, then Unix seconds, then day-first dates (14/06/2024); NaT where none fits."""
    values = raw.astype("string").fillna("").str.strip().str.replace(_TZ_SUFFIX, "", regex=True)
    parsed = pd.to_datetime(values, errors="coerce", format="ISO8601")
    rest = parsed.isna() & (values != "")
    if rest.any():
        seconds = pd.to_numeric(values[rest], errors="coerce")
        parsed[rest] = pd.to_datetime(seconds.where(seconds > 1e8), unit="s", errors="coerce")
    rest = parsed.isna() & (values != "")
    if rest.any():
        parsed[rest] = pd.to_datetime(values[rest], errors="coerce", dayfirst=True, format="mixed")
    return parsed.astype("datetime64[ns]")


def _reasons(chunk: pd.DataFrame, dates: pd.Series, has_dates: bool, settings: ScoreSettings) -> pd.Series:
    reason = pd.Series("", index=chunk.index, dtype="string")
    reason[chunk["text"].str.strip() == ""] = "teks kosong"
    reason[(reason == "") & (chunk["agency"] == "")] = "nama OPD kosong"
    if has_dates:
        reason[(reason == "") & (chunk["posted_at"].str.strip() == "")] = "tanggal kosong"
        reason[(reason == "") & dates.isna()] = "tanggal tidak terbaca"
        if settings.since is not None:
            reason[(reason == "") & (dates < settings.since)] = "sebelum periode (--since)"
        if settings.until is not None:
            reason[(reason == "") & (dates >= settings.until + pd.Timedelta(days=1))] = "sesudah periode (--until)"
    return reason


def _append(path: Path, frame: pd.DataFrame, columns: list[str]) -> None:
    frame[columns].to_csv(path, mode="a", header=not path.exists(), index=False, quoting=csv.QUOTE_MINIMAL)


def classify_chunk(chunk: pd.DataFrame, model, settings: ScoreSettings, has_dates: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scored posts with label, probabilities and `date`; rejected posts with `reason`) of one
    standardised chunk (columns text, agency, posted_at). Shared by the batch job and the service."""
    dates = parse_dates(chunk["posted_at"]) if has_dates else pd.Series(pd.NaT, index=chunk.index, dtype="datetime64[ns]")
    reason = _reasons(chunk, dates, has_dates, settings)
    bad = reason != ""
    good = chunk[~bad].copy()
    if len(good):
        proba = model.predict_proba(good["text"].tolist())
        good["label"] = [LABELS[i] for i in proba.argmax(axis=1)]
        for i, label in enumerate(LABELS):
            good[f"p_{label}"] = proba[:, i].round(4)
        good["substantive"] = good["label"].isin(SUBSTANTIVE)
    good["date"] = dates[~bad]
    return good, chunk[bad].assign(reason=reason[bad])


def summarise(totals, model, settings: ScoreSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(league table, trend) from combined aggregates, with the model's metrics for the adjusted share."""
    if totals is None:
        return pd.DataFrame(), pd.DataFrame()
    metrics = model.metadata.get("metrics", {})
    return scorecards(totals[0], settings, metrics), trend(totals[1], metrics)


def _process(chunk: pd.DataFrame, model, settings: ScoreSettings, has_dates: bool):
    """The work on one chunk, wherever it runs: classify, then aggregate the scored posts."""
    good, bad = classify_chunk(chunk, model, settings, has_dates)
    return len(chunk), good, bad, aggregate(good, settings.by) if len(good) else None


def _local(tasks, model, settings):
    for chunk, has_dates in tasks:
        yield _process(chunk, model, settings, has_dates)


def _on_dask(tasks, model, settings, scheduler: str | None):
    """The same `_process` on a Dask cluster (a local one when no scheduler address is given).
    At most two chunks per worker thread are in flight, so memory stays flat; results come back
    in input order, so the outputs are identical to the pandas engine's."""
    from collections import deque

    from distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with Client(scheduler or cluster) as client:
        shared = client.scatter(model, broadcast=True)
        window = 2 * max(1, sum(client.nthreads().values()))
        pending = deque()
        for chunk, has_dates in tasks:
            pending.append(client.submit(_process, chunk, shared, settings, has_dates, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    if cluster is not None:
        cluster.close()


def score_files(
    paths, model, out_dir, settings: ScoreSettings | None = None, text_col=None, agency_col=None, date_col=None,
    chunk_size: int = CHUNK_SIZE, progress: Callable[[int], None] | None = None, engine: str = "pandas",
    scheduler: str | None = None, max_rows: int | None = None,
) -> BatchResult:
    """Scores every post of `paths` with `model`, writing posts.csv and rejected.csv to `out_dir` as it goes.

    engine "pandas" works in this process; "dask" sends the chunks to a Dask cluster (`scheduler`
    address, or a local cluster) and gives the same results. With `max_rows`, a longer input stops
    with a DataError once that many rows have been read."""
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine must be 'pandas' or 'dask', got {engine!r}")
    settings = settings or ScoreSettings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("posts.csv", "rejected.csv"):
        (out / name).unlink(missing_ok=True)
    opened = [(Path(p), *read_posts(p, text_col, agency_col, date_col, chunk_size)) for p in paths]
    result = BatchResult(pd.DataFrame(), pd.DataFrame(), {str(p): cols for p, cols, _ in opened}, model_version=model.version, settings=settings)
    tasks = ((chunk, columns.date is not None) for _, columns, chunks in opened for chunk in chunks)
    results = _local(tasks, model, settings) if engine == "pandas" else _on_dask(tasks, model, settings, scheduler)
    totals, reasons = None, {}
    for n, good, bad, counts in results:
        if len(bad):
            _append(out / "rejected.csv", bad, REJECTED_COLUMNS)
            for key, count in bad["reason"].value_counts().items():
                reasons[key] = reasons.get(key, 0) + int(count)
        if len(good):
            _append(out / "posts.csv", good, POSTS_COLUMNS)
            totals = combine(totals, counts)
        result.posts_in += n
        if max_rows is not None and result.posts_in > max_rows:
            raise DataError(f"more than {max_rows} rows; split the file or raise the limit")
        result.scored += len(good)
        result.rejected += len(bad)
        if progress:
            progress(n)
    result.rejected_reasons = reasons
    result.agencies, result.trend = summarise(totals, model, settings)
    return result
