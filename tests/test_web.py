"""The analysts' page: served at /, in Bahasa Indonesia, built on the service and the batch job."""
import base64
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "lembah_harapan_2026h1.csv"


@pytest.fixture()
def client(registry_dir):
    with TestClient(create_app(Settings(reload_interval=0, web_max_upload_bytes=200_000, web_max_rows=1000))) as client:
        yield client


def upload(client, name, content, **form):
    return client.post("/web/score", files={"file": (name, content, "application/octet-stream")}, data=form)


def test_the_page_is_served_in_bahasa_indonesia(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for words in ("Coba caption", "Nilai feed", "Model", 'lang="id"'):
        assert words in page.text
    assert client.get("/static/app.js").status_code == 200 and client.get("/static/style.css").status_code == 200


def test_a_caption_gets_label_probabilities_review_flag_and_marked_words(client):
    text = "Pelayanan KTP-el tetap buka Sabtu pukul 08.00 di kantor kecamatan"
    body = client.post("/web/caption", json={"text": text}).json()
    assert body["label"] in ("kinerja", "layanan", "ucapan") and set(body["probabilities"]) == {"kinerja", "layanan", "ucapan"}
    assert isinstance(body["needs_review"], bool)
    assert "".join(p["text"] for p in body["pieces"]) == text
    assert any(p["weight"] > 0 for p in body["pieces"])


def test_an_empty_caption_gets_a_message_in_indonesian(client):
    response = client.post("/web/caption", json={"text": "   "})
    assert response.status_code == 422 and "Caption kosong" in response.json()["detail"]


def test_the_sample_feed_gives_the_league_table_rejections_charts_and_reports(client):
    response = upload(client, "feed.csv", SAMPLE.read_bytes(), since="2026-01-01", until="2026-06-30")
    assert response.status_code == 200
    body = response.json()
    assert body["posts_in"] == body["scored"] + body["rejected"] and body["rejected"] == 4
    assert len(body["agencies"]) == 10 and [a["rank"] for a in body["agencies"]] == list(range(1, 11))
    assert {"share_by_agency.png", "trend.png"} <= set(body["charts"])
    assert base64.b64decode(body["downloads"]["report.xlsx"])[:2] == b"PK"
    assert "Peringkat OPD" in base64.b64decode(body["downloads"]["report.html"]).decode()
    assert {r["reason"] for r in body["rejected_rows"]} == set(body["rejected_reasons"])


def test_an_upload_over_the_size_limit_is_413_with_a_readable_message(client):
    response = upload(client, "big.csv", b"text,agency\n" + b"x" * 300_000)
    assert response.status_code == 413 and "Berkas lebih besar" in response.json()["detail"]


def test_a_file_with_too_many_rows_is_refused(client):
    rows = "".join(f"Postingan nomor {i},Dinas A\n" for i in range(1500))
    response = upload(client, "many.csv", ("text,agency\n" + rows).encode())
    assert response.status_code == 422 and "more than 1000 rows" in response.json()["detail"]


@pytest.mark.parametrize("name, content, message", [
    ("feed.xlsx", b"not a spreadsheet", "tidak dapat dinilai"),
    ("feed.csv", b"judul,lain\n1,2\n", "ganti judul kolom teks menjadi 'text'"),
    ("feed.docx", b"whatever", "Jenis berkas .docx tidak dikenal"),
])
def test_a_malformed_file_gets_a_message_not_a_stack_trace(client, name, content, message):
    response = upload(client, name, content)
    assert response.status_code == 422 and message in response.json()["detail"]
    assert "Traceback" not in response.text


def test_a_bad_date_is_refused_in_indonesian(client):
    response = upload(client, "feed.csv", SAMPLE.read_bytes(), since="31/01/2026")
    assert response.status_code == 422 and "tidak terbaca" in response.json()["detail"]


def test_uploads_are_not_kept_on_disk(client, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    created = []

    class Recorded(tempfile.TemporaryDirectory):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            created.append(Path(self.name))

    monkeypatch.setattr(tempfile, "TemporaryDirectory", Recorded)
    assert upload(client, "feed.csv", SAMPLE.read_bytes()).status_code == 200
    assert upload(client, "feed.xlsx", b"broken").status_code == 422
    assert len(created) == 2 and all(path.parent == scratch for path in created)
    assert list(scratch.iterdir()) == []
