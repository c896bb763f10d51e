"""The figures of the datasheet (data/README.md), computed from the corpus and the CURRENT model.

`mutu data describe` prints them; `mutu data describe --write` puts them into data/README.md between
the markers below, and a test checks that the committed datasheet matches the committed corpus.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import registry
from .config import LABELS, data_dir
from .corpus import existing_corpus
from .errors import ModelNotFound

START, END = "<!-- describe:start -->", "<!-- end describe -->"


def _table(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def _label_mix(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    counts = pd.crosstab(frame[by], frame["label"]).reindex(columns=list(LABELS), fill_value=0)
    counts["posts"] = counts.sum(axis=1)
    counts["ucapan %"] = (100 * counts["ucapan"] / counts["posts"]).round().astype(int)
    return counts.sort_values("posts", ascending=False).reset_index()


def describe(root: str | Path | None = None, models: str | Path | None = None) -> str:
    """The datasheet's figures as Markdown."""
    corpus = existing_corpus(Path(root or data_dir()))
    if corpus is None:
        return "(no corpus yet)"
    corpus = corpus.assign(words=corpus["text"].str.split().str.len(), chars=corpus["text"].str.len(),
                           province=corpus["region"].str.split(",").str[-1].str.strip())
    parts = []
    by_split = pd.crosstab(corpus["split"], corpus["label"]).reindex(columns=list(LABELS), fill_value=0)
    by_split["posts"] = by_split.sum(axis=1)
    by_split["accounts"] = corpus.groupby("split")["agency"].nunique()
    by_split["with a note"] = corpus.groupby("split")["note"].apply(lambda s: f"{(s.str.strip() != '').mean():.0%}")
    by_split.loc["all"] = [*(by_split[list(LABELS) + ["posts"]].sum()), corpus["agency"].nunique(),
                           f"{(corpus['note'].str.strip() != '').mean():.0%}"]
    parts.append("### Posts per split and label\n\n" + _table(by_split.reset_index()))
    parts.append("### Labels per agency type\n\n" + _table(_label_mix(corpus, "agency_type")))
    accounts = _label_mix(corpus, "agency")
    leaning = {
        "mostly ucapan (≥ 60%)": int((accounts["ucapan %"] >= 60).sum()),
        "mostly kinerja (≥ 60%)": int((100 * accounts["kinerja"] / accounts["posts"] >= 60).sum()),
        "mostly layanan (≥ 60%)": int((100 * accounts["layanan"] / accounts["posts"] >= 60).sum()),
        "mixed": 0,
    }
    leaning["mixed"] = len(accounts) - sum(leaning.values())
    parts.append("### How accounts lean\n\n" + _table(pd.DataFrame({"accounts": list(leaning), "n": list(leaning.values())})))
    q = [0.05, 0.25, 0.5, 0.75, 0.95, 1.0]
    lengths = pd.DataFrame({"percentile": ["p5", "p25", "p50", "p75", "p95", "max"],
                            "words": corpus["words"].quantile(q).round().astype(int).tolist(),
                            "characters": corpus["chars"].quantile(q).round().astype(int).tolist()})
    parts.append("### Length\n\n" + _table(lengths) +
                 f"\n\nOne-liners (≤ 12 words): {(corpus['words'] <= 12).mean():.0%}; long posts (≥ 80 words): {(corpus['words'] >= 80).mean():.0%}.")
    provinces = corpus.groupby("province").agg(posts=("text", "size"), accounts=("agency", "nunique"),
                                              regions=("region", "nunique")).sort_values("posts", ascending=False)
    parts.append(f"### Provinces ({len(provinces)}) and regions ({corpus['region'].nunique()})\n\n" + _table(provinces.reset_index()))
    platforms = corpus["platform"].value_counts().rename_axis("platform").reset_index(name="posts")
    parts.append("### Platforms\n\n" + _table(platforms))
    try:
        meta = registry.read_metadata(None, models)
    except ModelNotFound:
        meta = None
    if meta:
        chosen, metrics = meta["hyperparameters"], meta["metrics"]
        per_class = pd.DataFrame([{"label": label, **metrics["per_class"][label]} for label in LABELS])
        confusion = pd.DataFrame(metrics["confusion"]["matrix"], columns=[f"→ {label}" for label in LABELS])
        confusion.insert(0, "true", list(LABELS))
        parts.append(
            f"### Model {meta['version']} (CURRENT)\n\n"
            f"Cross-validated macro-F1 on the training split ({chosen['cv_folds']} folds grouped by account): "
            f"**{chosen['cv_f1_macro']:.3f}** (C={chosen['C']}, n-grams {chosen['ngram_range']}).  \n"
            f"Macro-F1 on the frozen evaluation split: **{metrics['overall']['f1_macro']:.3f}** "
            f"(accuracy {metrics['overall']['accuracy']:.3f}, n={metrics['overall']['n']}).\n\n"
            + _table(per_class) + "\n\nConfusion matrix of the frozen split (rows: true label):\n\n" + _table(confusion))
    return "\n\n".join(parts) + "\n"


def write(path: str | Path | None = None) -> Path:
    """Replaces the block between the markers of data/README.md with fresh figures."""
    path = Path(path or data_dir() / "README.md")
    text = path.read_text()
    if START not in text or END not in text:
        raise ValueError(f"{path} has no {START} … {END} block to fill")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{describe()}{END}{tail}")
    return path


def committed_block(path: str | Path | None = None) -> str:
    text = Path(path or data_dir() / "README.md").read_text()
    return text.split(START, 1)[1].split(END, 1)[0].lstrip("\n")
