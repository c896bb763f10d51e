"""Write endpoints: labels from dashboards and model reloads, only with the API key; reloads lose no request."""
import threading
import time

import pytest
from fastapi.testclient import TestClient

from classifier import labels, registry
from service.app import create_app
from service.settings import Settings

KEY = {"Authorization": "Bearer s3cret"}
LABEL = {"text": "Pelayanan KTP-el buka Sabtu pukul 08.00-12.00", "label": "layanan", "labelled_by": "dashboard-a",
         "predicted": "kinerja", "model_version": "v001"}


@pytest.fixture()
def client(registry_dir, tmp_path):
    settings = Settings(api_key="s3cret", database_url=f"sqlite:///{tmp_path / 'labels.sqlite'}", reload_interval=0)
    with TestClient(create_app(settings)) as client:
        yield client


def test_labels_are_stored_with_the_right_key(client, tmp_path):
    response = client.post("/v1/labels", json={"labels": [LABEL]}, headers=KEY)
    assert response.status_code == 200 and response.json() == {"stored": 1}
    stored = labels.current(labels.open_store(f"sqlite:///{tmp_path / 'labels.sqlite'}"))
    assert stored.loc[0, ["label", "labelled_by", "predicted"]].tolist() == ["layanan", "dashboard-a", "kinerja"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}])
def test_a_missing_or_wrong_key_is_401(client, headers):
    response = client.post("/v1/labels", json={"labels": [LABEL]}, headers=headers)
    assert response.status_code == 401 and "Authorization: Bearer" in response.json()["detail"]


def test_without_a_configured_key_writes_are_disabled_not_open(registry_dir):
    with TestClient(create_app(Settings(reload_interval=0))) as client:
        for path, body in (("/v1/labels", {"labels": [LABEL]}), ("/v1/model/reload", None)):
            response = client.post(path, json=body, headers=KEY)
            assert response.status_code == 403 and "MUTU_API_KEY" in response.json()["detail"]


def test_invalid_labels_are_422_saying_which(client):
    response = client.post("/v1/labels", json={"labels": [LABEL, {**LABEL, "label": "salam"}]}, headers=KEY)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:3] == ["body", "labels", 1]
    response = client.post("/v1/labels", json={"labels": [{**LABEL, "text": "  "}]}, headers=KEY)
    assert response.status_code == 422


def test_reload_swaps_the_model_while_requests_keep_succeeding(client, registry_dir, fitted):
    failures, versions, stop = [], set(), threading.Event()

    def hammer():
        while not stop.is_set():
            response = client.post("/v1/classify", json={"posts": [{"text": "Jadwal SIM keliling pukul 08.00"}]})
            if response.status_code != 200:
                failures.append(response.status_code)
            else:
                versions.add(response.json()["model_version"])

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    pipeline, record = fitted
    registry.save(pipeline, {**record, "metrics": {}}, registry_dir)
    response = client.post("/v1/model/reload", headers=KEY)
    time.sleep(0.3)
    stop.set()
    for thread in threads:
        thread.join()
    assert response.status_code == 200 and response.json() == {"previous": "v001", "version": "v002"}
    assert failures == [] and versions == {"v001", "v002"}
    assert client.get("/v1/model").json()["version"] == "v002"


def test_the_service_follows_current_by_itself(registry_dir, fitted, tmp_path):
    with TestClient(create_app(Settings(reload_interval=0.05))) as client:
        pipeline, record = fitted
        registry.save(pipeline, {**record, "metrics": {}}, registry_dir)
        deadline = time.monotonic() + 10
        while client.get("/v1/model").json()["version"] != "v002" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get("/v1/model").json()["version"] == "v002"


def test_a_broken_new_model_is_refused_and_the_old_one_keeps_serving(client, registry_dir, fitted):
    pipeline, record = fitted
    registry.save(pipeline, {**record, "metrics": {}}, registry_dir)
    (registry_dir / "v002" / registry.MODEL_FILE).write_bytes(b"garbage")
    response = client.post("/v1/model/reload", headers=KEY)
    assert response.status_code == 422 and "SHA-256" in response.json()["detail"]
    assert client.post("/v1/classify", json={"posts": [{"text": "Selamat pagi"}]}).json()["model_version"] == "v001"
