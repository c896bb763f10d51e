"""The default model, as users get it: a quality floor on the frozen split, and behaviour people rely on."""
import pytest

from classifier import datasheet, evaluate, registry
from classifier.data import data_hash, load_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_macro_f1_on_the_frozen_split_is_at_least_085(default_model, corpus):
    _, frozen = corpus
    assert evaluate(default_model, frozen)["overall"]["f1_macro"] >= 0.85


def test_the_default_model_was_trained_on_the_committed_corpus(default_model, corpus):
    train, frozen = corpus
    assert default_model.metadata["data_hash"] == data_hash(train)
    assert default_model.metadata["eval_data_hash"] == data_hash(frozen)


def test_the_datasheet_figures_match_the_corpus_and_model():
    assert datasheet.committed_block() == datasheet.describe(), "run `mutu data describe --write` and commit data/README.md"


@pytest.mark.parametrize("text, label", [
    ("Selamat Hari Raya Idul Fitri 1447 H. Mohon maaf lahir dan batin 🙏", "ucapan"),
    ("Dirgahayu Republik Indonesia ke-81! Merdeka! 🇮🇩 #HUTRI81", "ucapan"),
    ("Turut berduka cita yang mendalam atas wafatnya Bapak camat. Semoga husnul khotimah.", "ucapan"),
    ("Selamat Hari Kesehatan Nasional, mari jaga kesehatan keluarga!", "ucapan"),
    ("Selamat Idul Fitri. Layanan Disdukcapil tutup 10–14 April, layanan online tetap buka di dukcapil.go.id", "layanan"),
    ("Syarat membuat KTP-el: fotokopi KK dan surat pengantar RT/RW. Pelayanan Senin–Jumat pukul 08.00–14.00.", "layanan"),
    ("Vaksinasi gratis Sabtu 14/6 pukul 08.00 di Puskesmas, bawa KTP", "layanan"),
    ("Tim Damkar berhasil memadamkan kebakaran gudang di Jl. Sudirman, api padam setelah 2 jam", "kinerja"),
    ("Selamat Hari Guru! Hari ini Disdik menyerahkan 120 laptop ke 40 SD", "kinerja"),
    ("Perbaikan jalan sepanjang 3 km di ruas Simpang Empat telah selesai dikerjakan", "kinerja"),
])
def test_the_labelling_guides_examples(default_model, text, label):
    assert default_model.predict([text]) == [label]


PLACES = ["Kabupaten Sleman", "Kota Kupang", "Kabupaten Aceh Besar", "Kota Samarinda"]
TEMPLATES = [
    "Keluarga besar Pemerintah {p} mengucapkan Selamat Tahun Baru Islam 1448 H",
    "Pendaftaran seleksi PPPK {p} dibuka hingga 30 Juni, syarat lengkap di website BKPSDM",
    "Bupati meninjau pembangunan jembatan gantung di {p} yang ditargetkan rampung bulan depan",
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_place_name_does_not_change_the_label(default_model, template):
    labels = default_model.predict([template.format(p=place) for place in PLACES])
    assert len(set(labels)) == 1, dict(zip(PLACES, labels))


def test_the_committed_model_loads_with_a_verified_checksum(default_model):
    directory = registry.resolve(default_model.version)
    assert registry.sha256(directory / registry.MODEL_FILE) == default_model.metadata["sha256"]


def test_a_wall_of_the_accounts_own_hashtags_does_not_change_the_label(default_model, corpus):
    import random

    from classifier.augment import with_account_hashtags

    _, frozen = corpus
    sample = frozen.sample(600, random_state=0)
    rng = random.Random(0)
    tagged = with_account_hashtags(sample, rng)
    changed = sum(a != b for a, b in zip(default_model.predict(sample["text"].tolist()), default_model.predict(tagged)))
    assert changed / len(sample) <= 0.03, f"{changed} of {len(sample)} labels changed"
