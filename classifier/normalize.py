"""Text clean-up before stemming: placeholders for strong signals, hashtags split, informal words mapped.

`normalize(text)` returns space-separated tokens. Placeholder tokens look like `__url__`; the
stemmer leaves them (and emoji) untouched. Every pass is guarded by a cheap test (is there a '#',
an '@', a digit, a non-ASCII character?) because this runs on every post the service and the batch
job see; see `make bench` for the figures.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

WORD_CACHE_SIZE = 200_000

# Splits camel-case hashtags: HariGuruNasional -> Hari Guru Nasional, HUTRI80 -> HUTRI 80.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_HASHTAG = re.compile(r"#(\w+)")
_AT = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b|(?<!\w)@[\w.]+")  # e-mail addresses, then @mentions
_TLDS = (".go.id", ".co.id", ".ac.id", ".or.id", ".id", ".com", ".net", ".org", ".ly", ".me", ".link")
_URL_HINT = re.compile(r"http|www\.|\.(?:id|com|net|org|ly|me|link)\b")
# Anything with a scheme or www., or a dotted word (bit.ly/abc, dinkes.garutkab.go.id); `_url`
# keeps only dotted words that end in a known domain. Possessive quantifiers: no backtracking.
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]++(?:\.[\w-]++)++(?:/\S*)?")
# Rupiah amounts: Rp 2.500.000, Rp2,5 juta, Rp. 150 ribu.
_MONEY = re.compile(r"\brp\.?\s?\d[\d.,]*(?:\s?(?:juta|jt|ribu|rb|miliar|milyar|m|triliun|t)\b)?")
_MONTHS = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
    "|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|des"
)
# Everything that starts with a digit, '+' or '(' in one pass; the group name is the placeholder.
# phone: 08…, +62 8…, (0274) 512345, hotlines 112/110/113/118/119/129
# date: 14/6/2024, 14/6, 2024-06-14, 14 Juni 2024, 1-3 Mei; time: 08.00, 13:30 WIB; percent: 95,5%
_DIGITS = re.compile(
    r"(?=[\d+(])(?:"
    r"(?P<phone>(?<!\w)(?:\+?62[\s-]?|0)8\d{1,3}(?:[\s.-]?\d{2,5}){2,3}(?!\w)"
    r"|(?<!\w)\(?0\d{2,3}\)?[\s.-]?\d{3,4}[\s.-]?\d{2,5}(?!\w)|(?<!\w)1(?:12|10|13|18|19|29)(?!\w))"
    rf"|(?P<date>\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{1,2}}/\d{{1,2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b\d{{1,2}}(?:\s?[-–]\s?\d{{1,2}})?\s(?:{_MONTHS})\b(?:\s\d{{4}})?)"
    r"|(?P<time>\b[0-2]?\d[.:][0-5]\d(?![.,]?\d)(?:\s?(?:wib|wita|wit)\b)?)"
    r"|(?P<percent>\b\d+(?:[.,]\d+)?\s?(?:%|persen\b))"
    r"|(?P<num>\b\d+(?:[.,]\d+)*\b))"
)
_HAS_DIGIT = re.compile(r"\d").search
# Per token (memoised, so each distinct token is cleaned once per process): punctuation and
# invisible characters (U+2063 is common in Instagram captions) become spaces, emoji stand alone.
_EMOJI_CHARS = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
_SYMBOLS = re.compile(f"([{_EMOJI_CHARS}])|[^\\w\\s]+|_+")
# Letters repeated three or more times are squeezed to one: "selamaaat" -> "selamat".
_REPEAT = re.compile(r"([a-z])\1{2,}")
_words: dict[str, str] = {}


@lru_cache(maxsize=1)
def informal_words() -> dict[str, str]:
    """The informal-spelling map shipped as `resources/slang.tsv`."""
    text = resources.files("classifier").joinpath("resources/slang.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def _hashtag(match: re.Match) -> str:
    return " __hashtag__ " + _CAMEL.sub(" ", match.group(1)) + " "


def _at(match: re.Match) -> str:
    return " __mention__ " if match.group(0).startswith("@") else " __email__ "


def _url(match: re.Match) -> str:
    found = match.group(0)
    if found.startswith(("http", "www.")):
        return " __url__ "
    host = found.split("/", 1)[0]
    return " __url__ " if host.endswith(_TLDS) and not host[0].isdigit() else found


def _digits(match: re.Match) -> str:
    return f" __{match.lastgroup}__ "


def _word(token: str) -> str:
    """The cleaned, squeezed, de-slanged form of one whitespace token (possibly several words),
    memoised in a per-process dict that is emptied when it reaches WORD_CACHE_SIZE: a long-running
    service must not grow without limit."""
    if token.startswith("__") and token.endswith("__"):
        words = token
    else:
        spaced = _SYMBOLS.sub(lambda m: f" {m.group(1)} " if m.group(1) else " ", token)
        slang = informal_words()
        words = " ".join(slang.get(w, w) for w in (_REPEAT.sub(r"\1", w) for w in spaced.split()))
    if len(_words) >= WORD_CACHE_SIZE:
        _words.clear()
    _words[token] = words
    return words


def normalize(text: str) -> str:
    """One caption in, its normalised tokens out, joined by single spaces."""
    if "#" in text:
        text = _HASHTAG.sub(_hashtag, text)
    text = text.lower()
    if "@" in text:
        text = _AT.sub(_at, text)
    if _URL_HINT.search(text):
        text = _URLISH.sub(_url, text)
    if _HAS_DIGIT(text):
        if "rp" in text:
            text = _MONEY.sub(" __money__ ", text)
        text = _DIGITS.sub(_digits, text)
    words = _words
    return " ".join(filter(None, [words[token] if token in words else _word(token) for token in text.split()]))


class TextNormalizer(TransformerMixin, BaseEstimator):
    """Pipeline step: applies `normalize` to every text. Stateless; `fit` only marks it fitted."""

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        check_is_fitted(self)
        return [normalize(text) for text in X]
