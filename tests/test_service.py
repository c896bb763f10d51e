"""The HTTP service: every endpoint, every client mistake answered with a 4xx that says where."""
import socket
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings


@pytest.fixture()
def client(registry_dir):
    with TestClient(create_app(Settings(max_text_chars=200, max_posts=5, max_body_bytes=20_000))) as client:
        yield client


def test_classify_returns_label_probabilities_and_version(client):
    response = client.post("/v1/classify", json={"posts": [{"id": "p1", "text": "Selamat Hari Raya Idul Fitri"},
                                                           {"text": "Jadwal SIM keliling pukul 08.00 WIB di alun-alun"}]})
    assert response.status_code == 200
    body = response.json()
    assert body["model_version"] == "v001"
    first, second = body["predictions"]
    assert first["id"] == "p1" and first["label"] == "ucapan" and first["substantive"] is False
    assert second["id"] is None and second["label"] == "layanan" and second["substantive"] is True
    assert set(first["probabilities"]) == {"kinerja", "layanan", "ucapan"}
    assert abs(sum(first["probabilities"].values()) - 1) < 0.01
    assert first["explanation"] is None


def test_explain_adds_terms(client):
    body = client.post("/v1/classify?explain=true", json={"posts": [{"text": "Jadwal SIM keliling pukul 08.00"}]}).json()
    assert body["predictions"][0]["explanation"][0]["term"]


def test_classify_responses_match_the_documented_schema(client):
    from service.schemas import ClassifyResponse

    for query in ("", "?explain=true"):
        body = client.post("/v1/classify" + query, json={"posts": [{"id": "x", "text": "Jadwal SIM keliling pukul 08.00"}]}).json()
        ClassifyResponse.model_validate(body)  # raises if the JSON drifts from what /docs promises


def test_needs_review_follows_the_threshold(registry_dir):
    with TestClient(create_app(Settings(review_threshold=1.0))) as client:
        body = client.post("/v1/classify", json={"posts": [{"text": "Selamat pagi"}]}).json()
    assert body["predictions"][0]["needs_review"] is True


@pytest.mark.parametrize(
    "payload, where",
    [
        ({"posts": [{"text": ""}]}, ["body", "posts", 0, "text"]),
        ({"posts": [{"text": "ok"}, {"text": "   "}]}, ["body", "posts", 1, "text"]),
        ({"posts": [{"id": "x"}]}, ["body", "posts", 0, "text"]),
        ({"posts": [{"text": 42}]}, ["body", "posts", 0, "text"]),
        ({"posts": []}, ["body", "posts"]),
        ({"items": []}, ["body", "posts"]),
        ({"posts": [{"text": "a"}] * 6}, ["body", "posts"]),
        ({"posts": [{"text": "a" * 201}]}, ["body", "posts", 0, "text"]),
    ],
)
def test_client_mistakes_get_422_saying_where(client, payload, where):
    response = client.post("/v1/classify", json=payload)
    assert response.status_code == 422
    assert where in [error["loc"] for error in response.json()["detail"]]


def test_malformed_json_is_a_422_not_a_500(client):
    response = client.post("/v1/classify", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_oversized_body_is_a_413(client):
    response = client.post("/v1/classify", json={"posts": [{"text": "x" * 30_000}]})
    assert response.status_code == 413 and "MUTU_MAX_BODY_BYTES" in response.json()["detail"]


def test_score_gives_one_scorecard_per_agency(client):
    posts = [
        {"agency": "Dinkes", "text": "Penyaluran bantuan sosial kepada 200 keluarga", "posted_at": "2026-01-02"},
        {"agency": "Dinkes", "text": "Jadwal vaksinasi gratis pukul 08.00 di Puskesmas", "posted_at": "2026-01-09"},
        {"agency": "Camat", "text": "Selamat Hari Raya Idul Fitri", "posted_at": "2026-01-05"},
        {"agency": "Camat", "text": "Selamat pagi warga", "posted_at": "bukan tanggal"},
    ]
    body = client.post("/v1/score", json={"posts": posts}).json()
    cards = {card["agency"]: card for card in body["agencies"]}
    assert cards["Dinkes"]["posts"] == 2 and cards["Dinkes"]["substantive_share"] == 1.0
    assert cards["Camat"]["ucapan"] == 1 and cards["Dinkes"]["rank"] == 1
    assert 0 <= cards["Dinkes"]["substantive_share_low"] <= 1
    assert body["rejected"] == [{"index": 3, "agency": "Camat", "reason": "tanggal tidak terbaca"}]


def test_score_shares_the_batch_jobs_arithmetic(client, registry_dir):
    import pandas as pd

    from classifier import load_model
    from classifier.batch import classify_chunk, summarise
    from classifier.scoring import ScoreSettings, aggregate

    posts = [{"agency": "A", "text": t, "posted_at": f"2026-01-0{i + 1}"}
             for i, t in enumerate(["Selamat Natal", "Perbaikan jalan selesai", "Jadwal SIM keliling"])]
    api = client.post("/v1/score", json={"posts": posts}).json()["agencies"][0]
    chunk = pd.DataFrame(posts).assign(source="x", row=range(3))
    good, _ = classify_chunk(chunk, load_model(), ScoreSettings(), True)
    batch = summarise(aggregate(good), load_model(), ScoreSettings())[0].iloc[0]
    assert api["substantive_share"] == pytest.approx(batch["substantive_share"])
    assert api["adjusted_share"] == pytest.approx(batch["adjusted_share"])


def test_model_endpoint_names_version_labels_and_metrics(client):
    body = client.get("/v1/model").json()
    assert body["version"] == "v001" and body["labels"] == ["kinerja", "layanan", "ucapan"]
    assert "confusion" in body["metrics"]


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["model_version"] == "v001"


def test_metrics_count_requests_and_predictions(client):
    client.post("/v1/classify", json={"posts": [{"text": "Selamat Hari Raya Idul Fitri"}]})
    text = client.get("/metrics").text
    assert 'mutu_requests_total{method="POST",path="/v1/classify",status="200"} 1.0' in text
    assert 'mutu_predictions_total{label="ucapan"} 1.0' in text
    assert "mutu_request_seconds_bucket" in text


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/classify", "/v1/score", "/v1/model", "/healthz", "/readyz"} <= set(paths)
    assert client.get("/docs").status_code == 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_real_uvicorn_process_answers_over_http(registry_dir):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "classifier.cli", "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        response = httpx.post(f"http://127.0.0.1:{port}/v1/classify", json={"posts": [{"text": "Selamat Natal"}]}, timeout=10)
        assert response.status_code == 200 and response.json()["predictions"][0]["label"] == "ucapan"
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode()
    assert "POST /v1/classify 200" in output  # one log line per request
