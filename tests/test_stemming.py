import pytest

from classifier import stemming
from classifier.stemming import SastrawiStemmer, stem, stem_word


@pytest.mark.parametrize(
    "word, root",
    [("menyalurkan", "salur"), ("pelayanan", "layan"), ("perbaikan", "baik"), ("peresmian", "resmi"), ("dilaksanakan", "laksana")],
)
def test_sastrawi_roots(word, root):
    assert stem_word(word) == root


@pytest.mark.parametrize("token", ["__url__", "__phone__", "🙏", "2024", "rt"])
def test_placeholders_numbers_emoji_and_short_words_pass_unchanged(token):
    assert stem_word(token) == token


def test_stem_keeps_token_order():
    assert stem("petugas menyalurkan bantuan __num__") == "tugas salur bantu __num__"


def test_stem_cache_never_exceeds_its_bound(monkeypatch):
    monkeypatch.setattr(stemming, "CACHE_SIZE", 5)
    stemming._stems.clear()
    for word in ["pelayanan", "kegiatan", "pembangunan", "penyaluran", "peresmian", "perbaikan", "pemadaman", "penertiban"]:
        stemming.stem_word(word)
        assert stemming.cache_size() <= 5
    assert stemming.stem_word("pelayanan") == "layan"


def test_a_cached_word_is_not_stemmed_again(monkeypatch):
    calls = []
    real = stemming.sastrawi_stemmer()

    class Counting:
        def stem_word(self, word):
            calls.append(word)
            return real.stem_word(word)

    monkeypatch.setattr(stemming, "sastrawi_stemmer", lambda: Counting())
    stemming._stems.clear()
    assert stem("pemadaman pemadaman pemadaman") == "madam madam madam"
    assert calls == ["pemadaman"]


def test_transformer_is_stateless_and_needs_fit():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        SastrawiStemmer().transform(["kegiatan"])
    assert SastrawiStemmer().fit(["x"]).transform(["kegiatan"]) == ["giat"]
