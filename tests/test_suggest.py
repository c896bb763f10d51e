"""`mutu suggest`: uncertain posts worth labelling, from many agencies, never fifty copies of one greeting."""
import numpy as np
import pandas as pd

from classifier import load_model
from classifier.cli import main
from classifier.dedup import near_duplicates
from classifier.suggest import margin, suggest

GREETINGS = [f"Selamat pagi warga Kecamatan Sukamaju, selamat beraktivitas hari ke-{i} 🙏" for i in range(40)]
VARIED = [
    ("Rapat koordinasi persiapan Hari Jadi kabupaten di aula kantor", "Setda A"),
    ("Apel pagi dan pembagian tugas pemeliharaan taman kota", "DLH B"),
    ("Selamat Hari Kesehatan Nasional, layanan posyandu tetap buka", "Dinkes C"),
    ("Upacara peringatan Hari Pahlawan dan penyerahan bantuan", "Dinsos D"),
    ("Pendaftaran pelatihan menjahit dibuka, info di kantor kelurahan", "Kelurahan E"),
    ("Monitoring harga cabai di pasar, warga diimbau belanja bijak", "Disperindag F"),
]


def posts():
    rows = [{"text": t, "agency": "Kecamatan Sukamaju", "row": i} for i, t in enumerate(GREETINGS)]
    rows += [{"text": t, "agency": a, "row": 100 + i} for i, (t, a) in enumerate(VARIED)]
    return pd.DataFrame(rows)


def test_margin_is_the_gap_between_the_two_likeliest_labels():
    assert np.allclose(margin(np.array([[0.5, 0.3, 0.2], [0.34, 0.33, 0.33]])), [0.2, 0.01])


def test_no_two_suggestions_are_near_duplicates_and_every_agency_is_asked(registry_dir):
    picked = suggest(load_model(), posts(), n=10)
    assert len(picked) == 7  # one greeting stands for the forty; the six varied posts
    assert near_duplicates(picked["text"].tolist(), threshold=0.5) == []
    assert picked["agency"].nunique() == 7


def test_suggestions_are_ordered_least_confident_first_and_ready_to_fill_in(registry_dir):
    picked = suggest(load_model(), posts(), n=5)
    assert len(picked) == 5 and list(picked["margin"]) == sorted(picked["margin"])
    assert set(picked["label"]) == {""} and {"text", "agency", "predicted", "model_version"} <= set(picked.columns)


def test_the_command_writes_a_file_that_imports_back(registry_dir, tmp_path, monkeypatch, capsys):
    source = tmp_path / "feed.csv"
    posts().to_csv(source, index=False)
    out = tmp_path / "to_label.csv"
    assert main(["suggest", str(source), "--n", "4", "--out", str(out)]) == 0
    filled = pd.read_csv(out, dtype=str, keep_default_na=False)
    filled["label"] = "ucapan"
    filled.to_csv(out, index=False)
    database = f"sqlite:///{tmp_path / 'labels.sqlite'}"
    assert main(["labels", "import", str(out), "--by", "rina", "--database", database]) == 0
    assert "4 label(s) imported" in capsys.readouterr().out
