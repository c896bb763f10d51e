"""The Python API promised in the README: predict, predict_proba, classify, explain."""
import numpy as np
import pytest

from classifier import LABELS, InvalidInput, load_model


@pytest.fixture()
def model(registry_dir):
    return load_model()


def test_labels_are_fixed():
    assert LABELS == ("kinerja", "layanan", "ucapan")


def test_predict_returns_one_label_per_text(model):
    labels = model.predict(["Selamat Hari Guru!", "Jadwal SIM keliling pukul 08.00 WIB di alun-alun"])
    assert labels == ["ucapan", "layanan"]


def test_predict_proba_rows_sum_to_one_in_label_order(model):
    proba = model.predict_proba(["Damkar memadamkan kebakaran", "Selamat Natal"])
    assert proba.shape == (2, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert model.labels == LABELS


def test_classify_gives_label_probabilities_substantive_and_version(model):
    (result,) = model.classify(["Penyaluran bantuan sosial kepada 200 keluarga"])
    assert set(result) == {"label", "probabilities", "substantive", "confidence", "version"}
    assert set(result["probabilities"]) == set(LABELS)
    assert result["substantive"] == (result["label"] != "ucapan")
    assert result["version"] == "v001"


def test_explain_names_terms_from_the_text(model):
    terms = model.explain("Jadwal SIM keliling hari ini pukul 08.00 WIB", k=3)
    assert 1 <= len(terms) <= 3
    assert all(t["weight"] > 0 for t in terms)
    assert any(t["term"] in {"jadwal", "sim", "keliling", "__time__", "pukul"} for t in terms)


@pytest.mark.parametrize("bad", ["", "   ", "\n\t"])
def test_empty_text_is_a_clear_value_error(model, bad):
    with pytest.raises(ValueError, match="empty"):
        model.predict([bad])


def test_a_bare_string_is_refused_with_advice(model):
    with pytest.raises(InvalidInput, match=r"wrap it"):
        model.predict("Selamat pagi")


@pytest.mark.parametrize("odd", ["🙏🇮🇩🎉", "Happy new year everyone", "a" * 50_000, "12345", "<script>alert(1)</script>"])
def test_any_other_string_gets_a_prediction(model, odd):
    assert model.predict([odd])[0] in LABELS


def test_no_texts_no_predictions(model):
    assert model.predict([]) == []
