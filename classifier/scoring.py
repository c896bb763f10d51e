"""Agency scorecards: counts per label, substantive share with its interval, adjusted share, activity, rank.

The batch job and the service both call `aggregate` (per chunk, then `combine`) and `scorecards`,
so the two can never compute a share differently.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .config import LABELS, SUBSTANTIVE

Z95 = 1.959964


@dataclass(frozen=True)
class ScoreSettings:
    """How activity is judged. `since`/`until` fix the period; otherwise the data's own span is used."""

    min_posts_per_week: float = 2.0
    since: pd.Timestamp | None = None
    until: pd.Timestamp | None = None
    by: str = "month"  # or "week"

    def __post_init__(self) -> None:
        if self.by not in ("month", "week"):
            raise ValueError(f"by must be 'month' or 'week', got {self.by!r}")
        if self.min_posts_per_week < 0:
            raise ValueError("min_posts_per_week must be zero or more")


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes out of n; (nan, nan) when n is 0."""
    if n == 0:
        return math.nan, math.nan
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def confusion_rates(metrics: dict) -> tuple[float, float] | None:
    """(P(predicted substantive | truly substantive), P(predicted substantive | truly ucapan)) from
    the model's evaluation confusion matrix, or None when the metrics do not hold one."""
    try:
        labels = metrics["confusion"]["labels"]
        matrix = np.asarray(metrics["confusion"]["matrix"], dtype=float)
    except (KeyError, TypeError):
        return None
    sub = [labels.index(label) for label in labels if label in SUBSTANTIVE]
    ucapan = labels.index("ucapan")
    true_sub = matrix[sub].sum()
    true_ucapan = matrix[ucapan].sum()
    if true_sub == 0 or true_ucapan == 0:
        return None
    return matrix[np.ix_(sub, sub)].sum() / true_sub, matrix[ucapan, sub].sum() / true_ucapan


def adjusted_share(observed: float, rates: tuple[float, float] | None) -> float:
    """Rogan–Gladen correction: the true share that, through the model's known errors, would show
    as `observed`. Clipped to [0, 1]; the observed share when the model's rates are unknown or useless."""
    if rates is None or math.isnan(observed):
        return observed
    sensitivity, false_positive = rates
    if sensitivity - false_positive <= 0.05:
        return observed
    return float(min(1.0, max(0.0, (observed - false_positive) / (sensitivity - false_positive))))


def period_key(dates: pd.Series, by: str) -> pd.Series:
    """'2026-03' for months, '2026-W11' (ISO week) for weeks; empty for missing dates."""
    if by == "month":
        keys = dates.dt.strftime("%Y-%m")
    else:
        iso = dates.dt.isocalendar()
        keys = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    return keys.fillna("")


def aggregate(posts: pd.DataFrame, by: str = "month") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-agency and per-agency-per-period label counts and date range of scored posts
    (columns `agency`, `label`, `date` as datetime or NaT)."""
    counts = pd.crosstab(posts["agency"], posts["label"]).reindex(columns=list(LABELS), fill_value=0)
    dates = posts.groupby("agency")["date"].agg(first_post="min", last_post="max")
    per_agency = counts.join(dates)
    dated = posts[posts["date"].notna()]
    keyed = dated.assign(period=period_key(dated["date"], by))
    per_period = pd.crosstab([keyed["agency"], keyed["period"]], keyed["label"]).reindex(columns=list(LABELS), fill_value=0)
    return per_agency, per_period


def combine(a: tuple[pd.DataFrame, pd.DataFrame] | None, b: tuple[pd.DataFrame, pd.DataFrame]):
    """Adds two `aggregate` results (chunk by chunk streaming)."""
    if a is None:
        return b
    counts = a[0][list(LABELS)].add(b[0][list(LABELS)], fill_value=0).astype(int)
    first = pd.concat([a[0]["first_post"], b[0]["first_post"]], axis=1).min(axis=1)
    last = pd.concat([a[0]["last_post"], b[0]["last_post"]], axis=1).max(axis=1)
    per_agency = counts.join(first.rename("first_post")).join(last.rename("last_post"))
    per_period = a[1].add(b[1], fill_value=0).astype(int)
    return per_agency, per_period


def _shares(counts: pd.DataFrame, rates) -> pd.DataFrame:
    out = counts[list(LABELS)].copy()
    out["posts"] = out[list(LABELS)].sum(axis=1)
    substantive = out[[label for label in LABELS if label in SUBSTANTIVE]].sum(axis=1)
    out["substantive_share"] = substantive / out["posts"]
    bounds = [wilson(int(k), int(n)) for k, n in zip(substantive, out["posts"])]
    out["substantive_share_low"] = [low for low, _ in bounds]
    out["substantive_share_high"] = [high for _, high in bounds]
    out["adjusted_share"] = [adjusted_share(s, rates) for s in out["substantive_share"]]
    return out


def scorecards(per_agency: pd.DataFrame, settings: ScoreSettings, metrics: dict | None = None) -> pd.DataFrame:
    """The league table: one row per agency, ranked by the lower bound of its substantive share
    (a feed of three good posts does not outrank a feed of three hundred)."""
    table = _shares(per_agency, confusion_rates(metrics or {}))
    start = settings.since if settings.since is not None else per_agency["first_post"].min()
    end = settings.until if settings.until is not None else per_agency["last_post"].max()
    weeks = max(1.0, ((end - start).days + 1) / 7) if pd.notna(start) and pd.notna(end) else math.nan
    table["first_post"] = per_agency["first_post"].dt.date
    table["last_post"] = per_agency["last_post"].dt.date
    table["posts_per_week"] = table["posts"] / weeks
    table["active"] = table["posts_per_week"] >= settings.min_posts_per_week
    # whole days between the last post's day and the period's last day (0 = posted on that day)
    table["days_since_last_post"] = (end.normalize() - per_agency["last_post"].dt.normalize()).dt.days if pd.notna(end) else math.nan
    order = table.sort_values(["substantive_share_low", "posts"], ascending=[False, False])
    order["rank"] = range(1, len(order) + 1)
    order.index.name = "agency"
    columns = ["rank", "posts", *LABELS, "substantive_share", "substantive_share_low", "substantive_share_high",
               "adjusted_share", "posts_per_week", "active", "first_post", "last_post", "days_since_last_post"]
    return order[columns].reset_index()


def trend(per_period: pd.DataFrame, metrics: dict | None = None) -> pd.DataFrame:
    """Per agency per period: posts, counts, shares with intervals."""
    table = _shares(per_period, confusion_rates(metrics or {}))
    return table.reset_index().sort_values(["agency", "period"]).reset_index(drop=True)
