"""Result tables as JSON rows: the one conversion /v1/score and the web page both use."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd


def plain(value):
    """One cell as JSON: None for missing values, ISO text for dates, Python numbers for numpy ones."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def json_records(frame: pd.DataFrame) -> list[dict]:
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
