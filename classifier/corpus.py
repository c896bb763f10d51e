"""Growing the labelled corpus: add a batch of posts, keep the evaluation split frozen and clean.

A batch becomes two files, `data/labelled/NAME.csv` and `data/eval/NAME.csv`. Existing files are
never rewritten, so the evaluation split only grows. Accounts stay on the side where they first
appeared; of a batch's new accounts, one in four goes to the evaluation split (chosen by a stable
hash of the name), so no account is ever in both splits.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .config import LABELS, data_dir
from .data import COLUMNS, read_dir
from .dedup import canonical, near_duplicates
from .errors import DataError

AGENCY_TYPES = frozenset(
    """dinkes puskesmas rsud disdik disdukcapil dinsos dishub dpupr perkim bpbd damkar satpolpp dlh dpmptsp bapenda
    bkpsdm disnaker dispar diskominfo distan dkp pdam kecamatan kelurahan desa humas_pemda setda disperindag dispora
    dpmd perpustakaan diskop_umkm kesbangpol dp3a""".split()
)
EVAL_SHARE = 4  # one account in EVAL_SHARE goes to the frozen evaluation split


def eval_accounts(agencies) -> set[str]:
    """Every EVAL_SHARE-th of the new accounts, in the order of a stable hash of their names:
    deterministic, and each batch gives the evaluation split its share of accounts."""
    ordered = sorted(set(agencies), key=lambda a: hashlib.sha256(a.encode()).hexdigest())
    return set(ordered[::EVAL_SHARE])


def check_batch(frame: pd.DataFrame) -> list[str]:
    """Problems in a batch of new posts, one line each; empty when the batch is usable."""
    problems = []
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        return [f"missing columns {missing}"]
    for i, row in frame.iterrows():
        if not str(row["text"]).strip():
            problems.append(f"row {i}: empty text")
        if row["label"] not in LABELS:
            problems.append(f"row {i}: label {row['label']!r} is not one of {list(LABELS)}")
        if row["agency_type"] not in AGENCY_TYPES:
            problems.append(f"row {i}: agency_type {row['agency_type']!r} is unknown")
        if not str(row["agency"]).strip():
            problems.append(f"row {i}: empty agency")
    return problems


def split_batch(batch: pd.DataFrame, existing: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(training rows, evaluation rows, notes on what was dropped) for a new batch."""
    notes = []
    batch = batch.assign(_key=batch["text"].map(canonical))
    dupes = batch["_key"].duplicated()
    notes += [f"dropped exact duplicate within batch: {t[:60]!r}" for t in batch.loc[dupes, "text"]]
    batch = batch[~dupes].reset_index(drop=True)
    drop = {i for i, _, _ in near_duplicates(batch["text"].tolist())}
    if existing is not None and len(existing):
        drop |= {i for i, _, _ in near_duplicates(batch["text"].tolist(), existing["text"].tolist())}
    notes += [f"dropped near duplicate: {batch.at[i, 'text'][:60]!r}" for i in sorted(drop)]
    batch = batch.drop(index=sorted(drop)).drop(columns="_key")
    side = {}
    if existing is not None and len(existing):
        side = dict(zip(existing["agency"], existing["split"]))
    chosen = eval_accounts(a for a in batch["agency"] if a not in side)
    to_eval = batch["agency"].map(lambda a: side[a] == "eval" if a in side else a in chosen)
    return batch[~to_eval][list(COLUMNS)], batch[to_eval][list(COLUMNS)], notes


def add_batch(source: str | Path, name: str, root: str | Path | None = None) -> tuple[int, int, list[str]]:
    """Adds a JSONL or CSV file of labelled posts as batch `name`; returns (n_train, n_eval, notes)."""
    root = Path(root or data_dir())
    source = Path(source)
    if (root / "labelled" / f"{name}.csv").exists() or (root / "eval" / f"{name}.csv").exists():
        raise DataError(f"batch {name!r} exists already; choose a new name (batches are never rewritten)")
    if source.suffix == ".jsonl":
        batch = pd.read_json(source, lines=True, dtype=False)
    else:
        batch = pd.read_csv(source, dtype=str, keep_default_na=False)
    batch = batch.fillna("").astype(str)
    problems = check_batch(batch)
    if problems:
        raise DataError(f"{source}: {len(problems)} problem(s), nothing added:\n" + "\n".join(problems[:20]))
    existing = existing_corpus(root)
    train, evaluation, notes = split_batch(batch, existing)
    for folder, frame in (("labelled", train), ("eval", evaluation)):
        (root / folder).mkdir(parents=True, exist_ok=True)
        if len(frame):
            frame.to_csv(root / folder / f"{name}.csv", index=False)
    return len(train), len(evaluation), notes


def existing_corpus(root: Path) -> pd.DataFrame | None:
    parts = []
    for folder, split in (("labelled", "train"), ("eval", "eval")):
        if any((root / folder).glob("*.csv")):
            parts.append(read_dir(root / folder).assign(split=split))
    return pd.concat(parts, ignore_index=True) if parts else None


def check_corpus(root: str | Path | None = None) -> list[str]:
    """Every rule the committed corpus must keep; an empty list means it is clean."""
    corpus = existing_corpus(Path(root or data_dir()))
    if corpus is None:
        return ["no labelled files in data/labelled/ and data/eval/"]
    problems = check_batch(corpus[list(COLUMNS)].reset_index(drop=True))
    keys = corpus["text"].map(canonical)
    problems += [f"exact duplicate: {t[:60]!r}" for t in corpus.loc[keys.duplicated(), "text"]]
    texts = corpus["text"].tolist()
    problems += [f"near duplicates ({s}): {texts[i][:50]!r} ~ {texts[j][:50]!r}" for i, j, s in near_duplicates(texts)]
    sides = corpus.groupby("agency")["split"].nunique()
    problems += [f"account in both splits: {a}" for a in sides[sides > 1].index]
    return problems
