"""The labels store: what analysts label is kept, validated as a whole, and the latest label wins."""
import json
import os

import pandas as pd
import pytest
from sqlalchemy import text as sql

from classifier import labels
from classifier.errors import DataError

URLS = ["sqlite"] + (["postgres"] if os.environ.get("MUTU_TEST_DATABASE_URL") else [])


@pytest.fixture(params=URLS)
def store(request, tmp_path):
    if request.param == "sqlite":
        yield labels.open_store(f"sqlite:///{tmp_path / 'labels.sqlite'}")
        return
    engine = labels.open_store(os.environ["MUTU_TEST_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(labels.labels_table.delete())
    yield engine


def write_csv(path, rows):
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_an_import_round_trips_through_export(store, tmp_path):
    source = write_csv(tmp_path / "in.csv", [
        {"text": "Jadwal vaksinasi Sabtu pukul 08.00 di Puskesmas", "label": "layanan", "agency": "Dinkes A"},
        {"text": "Selamat Hari Guru Nasional 🙏", "label": "ucapan", "agency": "Disdik B"},
    ])
    assert labels.import_file(store, source, labelled_by="rina") == (2, 0)
    out = tmp_path / "out.jsonl"
    assert labels.export(store, "jsonl", out) == 2
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {(r["text"], r["label"], r["labelled_by"], r["source"]) for r in rows} == {
        ("Jadwal vaksinasi Sabtu pukul 08.00 di Puskesmas", "layanan", "rina", "in.csv"),
        ("Selamat Hari Guru Nasional 🙏", "ucapan", "rina", "in.csv"),
    }


def test_the_latest_label_of_a_text_wins_and_the_history_is_kept(store, tmp_path):
    first = write_csv(tmp_path / "a.csv", [{"text": "Apel pagi bersama Kepala Dinas", "label": "kinerja",
                                            "labelled_at": "2026-01-01T08:00:00Z"}])
    second = write_csv(tmp_path / "b.csv", [{"text": "apel pagi bersama kepala dinas!", "label": "ucapan",
                                             "labelled_at": "2026-02-01T08:00:00Z", "predicted": "kinerja"}])
    labels.import_file(store, first, labelled_by="a")
    labels.import_file(store, second, labelled_by="b")
    now = labels.current(store)
    assert list(now["label"]) == ["ucapan"] and list(now["labelled_by"]) == ["b"]
    assert list(labels.history(store)["label"]) == ["kinerja", "ucapan"]
    stats = labels.stats(store)
    assert stats["records"] == 2 and stats["texts"] == 1 and stats["corrections"] == 1


def test_one_bad_row_refuses_the_whole_file_and_names_every_bad_line(store, tmp_path):
    source = write_csv(tmp_path / "bad.csv", [
        {"text": "Pelayanan KTP buka Sabtu", "label": "layanan"},
        {"text": "Selamat pagi", "label": "salam"},
        {"text": "   ", "label": "ucapan"},
    ])
    with pytest.raises(DataError) as error:
        labels.import_file(store, source, labelled_by="rina")
    assert "line 3: label 'salam'" in str(error.value) and "line 4: empty text" in str(error.value)
    assert "nothing was imported" in str(error.value)
    assert labels.stats(store)["records"] == 0


def test_rows_without_a_label_yet_are_skipped_not_refused(store, tmp_path):
    source = write_csv(tmp_path / "partly.csv", [{"text": "Jumat berkah", "label": "ucapan"},
                                                 {"text": "Rapat koordinasi banjir", "label": ""}])
    assert labels.import_file(store, source, labelled_by="rina") == (1, 1)


def test_jsonl_line_numbers_and_excel_and_datasets_directories_are_read(store, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "label": "ucapan"}\n{"text": "x", "label": "lain"}\n')
    with pytest.raises(DataError, match="line 2: label 'lain'"):
        labels.import_file(store, bad, labelled_by="r")
    pd.DataFrame([{"text": "Syarat KTP-el: fotokopi KK", "label": "layanan"}]).to_excel(tmp_path / "x.xlsx", index=False)
    assert labels.import_file(store, tmp_path / "x.xlsx", labelled_by="r") == (1, 0)
    labels.export(store, "hf", tmp_path / "hf")
    other = labels.open_store(f"sqlite:///{tmp_path / 'other.sqlite'}")
    assert labels.import_file(other, tmp_path / "hf") == (1, 0)  # labelled_by travels in the dataset
    assert labels.current(other).at[0, "text"] == "Syarat KTP-el: fotokopi KK"


def test_a_store_written_by_a_newer_mutu_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'labels.sqlite'}"
    engine = labels.open_store(url)
    with engine.begin() as conn:
        conn.execute(sql("UPDATE mutu_schema SET version = 99"))
    with pytest.raises(DataError, match="schema version 99"):
        labels.open_store(url)


def test_who_labelled_is_required(store, tmp_path):
    source = write_csv(tmp_path / "anon.csv", [{"text": "Jumat berkah", "label": "ucapan"}])
    with pytest.raises(DataError, match="no labelled_by"):
        labels.import_file(store, source)
