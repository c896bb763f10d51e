"""Training-time augmentation, applied to the training split only (never to the frozen split).

Hashtag noise: real Instagram and Facebook captions of every kind end in a wall of the account's
own hashtags (#DinkesGarut #Garut #JawaBarat …), but in the written corpus hashtags are more
common on greetings than on work reports. A model trained on it alone learns "many hashtags →
ucapan": appending neutral hashtags to held-out posts cost leave-one-batch-out macro-F1 about
0.035, and 0.12 on the worst batch (`MUTU_HASHTAG_NOISE=0 python notebooks/generalisation.py`).
Copies of a share of the training posts with a few hashtags made only from the post's own account
and region teach it that such hashtags carry no label.
"""
from __future__ import annotations

import random
import re

import pandas as pd

_SKIP = {"dan", "kabupaten", "kota", "provinsi", "daerah", "dinas", "badan", "pemerintah", "of"}


def account_hashtags(agency: str, region: str, rng: random.Random) -> str:
    """2-6 hashtags an admin of this account might add: its name, acronym, place and province."""
    words = re.findall(r"[A-Za-z]+", agency)
    place = re.sub(r"^(Kabupaten|Kota|Provinsi)\s+", "", region.split(",")[0].strip()).replace(" ", "")
    province = region.split(",")[-1].strip().replace(" ", "")
    acronym = "".join(w[0].upper() for w in words if w.lower() not in _SKIP)[:5]
    options = {f"#{acronym}{place}", f"#{place}", f"#{province}", "#" + "".join(w.capitalize() for w in words[:4]), "#Indonesia"}
    options = sorted(o for o in options if len(o) > 2)
    rng.shuffle(options)
    return " ".join(options[: rng.randint(min(2, len(options)), len(options))])


def with_account_hashtags(frame: pd.DataFrame, rng: random.Random) -> list[str]:
    """Each post's text with a wall of its account's hashtags appended (agency/region may be absent)."""
    agencies = frame["agency"] if "agency" in frame else [""] * len(frame)
    regions = frame["region"] if "region" in frame else [""] * len(frame)
    return [f"{text}\n\n{account_hashtags(str(a), str(r), rng)}" for text, a, r in zip(frame["text"], agencies, regions)]


def hashtag_noise(frame: pd.DataFrame, rate: float, seed: int = 0) -> pd.DataFrame:
    """The frame plus copies of a `rate` share of its posts with the account's hashtags appended.
    Deterministic for a given seed; copies keep their agency, so grouped folds keep them together."""
    if rate <= 0 or frame.empty:
        return frame
    rng = random.Random(seed)
    chosen = frame.sample(frac=min(rate, 1.0), random_state=seed)
    return pd.concat([frame, chosen.assign(text=with_account_hashtags(chosen, rng))], ignore_index=True)
