"""Text clean-up before stemming: placeholders for strong signals, hashtags split, informal words mapped.

`normalize(text)` returns space-separated tokens. Placeholder tokens look like `__url__`; the
stemmer leaves them (and emoji) untouched.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

# Invisible characters admins' tools leave in captions (U+2063 is common in Instagram posts).
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufe0e\ufe0f\u00ad]")
# URLs with a scheme, www., or a bare domain such as bit.ly/abc or dukcapil.garutkab.go.id.
_URL = re.compile(
    r"https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:go\.id|co\.id|ac\.id|or\.id|id|com|net|org|ly|me|link)\b(?:/\S*)?",
    re.I,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_MENTION = re.compile(r"(?<!\w)@[\w.]+")
_HASHTAG = re.compile(r"#(\w+)")
# Indonesian mobile and WhatsApp numbers (08…, +62 8…), landlines with an area code, hotlines like 112.
_PHONE = re.compile(
    r"(?<!\w)(?:\+?62[\s-]?|0)8\d{1,3}(?:[\s.-]?\d{2,5}){2,3}(?!\w)"
    r"|(?<!\w)\(?0\d{2,3}\)?[\s.-]?\d{3,4}[\s.-]?\d{2,5}(?!\w)"
    r"|(?<!\w)1(?:12|10|13|18|19|29)(?!\w)"
)
# Rupiah amounts: Rp 2.500.000, Rp2,5 juta, Rp. 150 ribu.
_MONEY = re.compile(r"\brp\.?\s?\d[\d.,]*(?:\s?(?:juta|jt|ribu|rb|miliar|milyar|m|triliun|t)\b)?", re.I)
_MONTHS = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
    "|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|des"
)
# 14/6/2024, 14/6, 2024-06-14, 14 Juni 2024, 14 Juni (a day and a month name).
_DATE = re.compile(
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{1,2}}/\d{{1,2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b\d{{1,2}}(?:\s?[-–]\s?\d{{1,2}})?\s(?:{_MONTHS})\b(?:\s\d{{4}})?",
    re.I,
)
# 08.00, 13:30 WIB, 07.30-12.00 WITA.
_TIME = re.compile(r"\b[0-2]?\d[.:][0-5]\d(?![.,]?\d)(?:\s?(?:wib|wita|wit)\b)?", re.I)
_PERCENT = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|persen\b)", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
# Splits camel-case hashtags: HariGuruNasional -> Hari Guru Nasional, HUTRI80 -> HUTRI 80.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_EMOJI = re.compile("([\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff])")
# Letters repeated three or more times are squeezed to one: "selamaaat" -> "selamat".
_REPEAT = re.compile(r"([a-z])\1{2,}")
_NOT_TOKEN = re.compile(r"[^\w\s\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]")


@lru_cache(maxsize=1)
def informal_words() -> dict[str, str]:
    """The informal-spelling map shipped as `resources/slang.tsv`."""
    text = resources.files("classifier").joinpath("resources/slang.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def _hashtag(match: re.Match) -> str:
    return " __hashtag__ " + _CAMEL.sub(" ", match.group(1)) + " "


def normalize(text: str) -> str:
    """One caption in, its normalised tokens out, joined by single spaces."""
    text = _INVISIBLE.sub("", text)
    text = _EMAIL.sub(" __email__ ", text)
    text = _URL.sub(" __url__ ", text)
    text = _MENTION.sub(" __mention__ ", text)
    text = _HASHTAG.sub(_hashtag, text)
    text = text.lower()
    text = _MONEY.sub(" __money__ ", text)
    text = _PHONE.sub(" __phone__ ", text)
    text = _DATE.sub(" __date__ ", text)
    text = _TIME.sub(" __time__ ", text)
    text = _PERCENT.sub(" __percent__ ", text)
    text = _NUMBER.sub(" __num__ ", text)
    text = _EMOJI.sub(r" \1 ", text)
    text = _NOT_TOKEN.sub(" ", text)
    text = _REPEAT.sub(r"\1", text)
    words = informal_words()
    return " ".join(words.get(token, token) for token in text.split())


class TextNormalizer(TransformerMixin, BaseEstimator):
    """Pipeline step: applies `normalize` to every text. Stateless; `fit` only checks input."""

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        check_is_fitted(self)
        return [normalize(text) for text in X]
