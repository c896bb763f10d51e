"""The /v1 endpoints, health checks and metrics. No model logic here: it all lives in `classifier`."""
from __future__ import annotations

import hmac
from collections import Counter
from typing import Annotated

import pandas as pd
from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from classifier import Model
from classifier.batch import classify_chunk, summarise
from classifier.config import LABELS
from classifier.scoring import ScoreSettings, aggregate

from .frames import json_records
from .reload import reload_model
from .schemas import (
    ClassifyRequest,
    ClassifyResponse,
    LabelsRequest,
    LabelsResponse,
    ModelInfo,
    ReloadResponse,
    Scorecard,
    ScoreRequest,
    ScoreResponse,
)
from .settings import Settings

router = APIRouter()


# async: FastAPI runs a plain `def` dependency in the thread pool, a hop per dependency per request
async def get_model(request: Request) -> Model:
    return request.app.state.model


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def require_api_key(settings: Annotated[Settings, Depends(get_settings)],
                    authorization: Annotated[str | None, Header(description="Bearer MUTU_API_KEY")] = None) -> None:
    """Write endpoints: disabled without a configured key, 401 without the right one."""
    if settings.api_key is None:
        raise HTTPException(403, detail="write endpoints are disabled: start the service with MUTU_API_KEY set")
    expected = settings.api_key.get_secret_value().encode()
    sent = (authorization or "").removeprefix("Bearer ").strip().encode()
    if not authorization or not authorization.startswith("Bearer ") or not hmac.compare_digest(sent, expected):
        raise HTTPException(401, detail="missing or wrong API key: send the header 'Authorization: Bearer <key>'",
                            headers={"WWW-Authenticate": "Bearer"})


ModelDep = Annotated[Model, Depends(get_model)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _check_limits(texts: list[str], settings: Settings) -> None:
    if len(texts) > settings.max_posts:
        raise HTTPException(422, detail=[{"loc": ["body", "posts"], "type": "too_long",
                                          "msg": f"{len(texts)} posts sent; at most {settings.max_posts} per request"}])
    long = [i for i, text in enumerate(texts) if len(text) > settings.max_text_chars]
    if long:
        raise HTTPException(422, detail=[{"loc": ["body", "posts", i, "text"], "type": "too_long",
                                          "msg": f"text has {len(texts[i])} characters; at most {settings.max_text_chars}"} for i in long[:20]])


@router.post("/v1/classify", response_model=ClassifyResponse, tags=["classify"])
def classify(body: ClassifyRequest, request: Request, model: ModelDep, settings: SettingsDep,
             explain: Annotated[bool, Query(description="add the terms that drove each decision")] = False) -> JSONResponse:
    """Labels each post (one vectorised predict_proba for the whole request)."""
    texts = [post.text for post in body.posts]
    _check_limits(texts, settings)
    results = model.classify(texts)
    predictions = [
        {"id": post.id, "label": result["label"], "probabilities": result["probabilities"], "substantive": result["substantive"],
         "confidence": result["confidence"], "needs_review": result["confidence"] < settings.review_threshold,
         "explanation": model.explain(post.text) if explain else None}
        for post, result in zip(body.posts, results)
    ]
    for label, count in Counter(result["label"] for result in results).items():
        request.app.state.metrics.predictions.labels(label).inc(count)
    # Built from the model's own values, so the ClassifyResponse schema (kept for /docs) holds by
    # construction; returning the JSON directly skips re-validating 1,000 predictions per request.
    return JSONResponse({"model_version": model.version, "predictions": predictions})


@router.post("/v1/score", response_model=ScoreResponse, tags=["score"])
def score(body: ScoreRequest, model: ModelDep, settings: SettingsDep) -> ScoreResponse:
    """One scorecard per agency, computed by the same code as `mutu score`."""
    _check_limits([post.text for post in body.posts], settings)
    chunk = pd.DataFrame({"text": [p.text for p in body.posts], "agency": [p.agency.strip() for p in body.posts],
                          "posted_at": [p.posted_at or "" for p in body.posts], "source": "request", "row": range(len(body.posts))})
    has_dates = any(p.posted_at for p in body.posts)
    score_settings = ScoreSettings(min_posts_per_week=body.min_posts_per_week)
    good, bad = classify_chunk(chunk, model, score_settings, has_dates)
    agencies, _ = summarise(aggregate(good) if len(good) else None, model, score_settings)
    cards = [Scorecard(**row) for row in json_records(agencies)]
    rejected = [{"index": int(r.row), "agency": r.agency, "reason": r.reason} for r in bad.itertuples()]
    return ScoreResponse(model_version=model.version, agencies=cards, rejected=rejected)


@router.get("/v1/model", response_model=ModelInfo, tags=["model"])
def model_info(model: ModelDep) -> ModelInfo:
    meta = model.metadata
    metrics = {k: v for k, v in meta.get("metrics", {}).items() if k != "errors"}
    return ModelInfo(version=model.version, created=meta.get("created"), labels=list(LABELS), metrics=metrics,
                     hyperparameters=meta.get("hyperparameters"))


@router.post("/v1/labels", response_model=LabelsResponse, tags=["labels"], dependencies=[Depends(require_api_key)])
def add_labels(body: LabelsRequest, request: Request) -> LabelsResponse:
    """Stores analysts' labels and corrections (the same validation as `mutu labels import`)."""
    from classifier import labels

    records, problems, _ = labels.validate(pd.DataFrame([item.model_dump() for item in body.labels]), first_line=0)
    if problems:  # pydantic has checked the types; this catches what only the store knows
        raise HTTPException(422, detail=[{"loc": ["body", "labels", index], "msg": message} for index, message in problems])
    state = request.app.state
    if getattr(state, "store", None) is None:
        state.store = labels.open_store(state.settings.database_url)
    return LabelsResponse(stored=labels.add(state.store, records))


@router.post("/v1/model/reload", response_model=ReloadResponse, tags=["model"], dependencies=[Depends(require_api_key)])
async def reload(request: Request) -> ReloadResponse:
    """Loads models/CURRENT (or the pinned MUTU_MODEL) now; the old model serves until the new one answers."""
    previous, version = await reload_model(request.app)
    return ReloadResponse(previous=previous, version=version)


@router.get("/healthz", tags=["health"])
def healthz() -> dict:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz", tags=["health"])
def readyz(request: Request) -> dict:
    """The model is loaded and answers."""
    model = getattr(request.app.state, "model", None)
    if model is None:
        raise HTTPException(503, detail="model not loaded yet")
    try:
        model.predict(["Selamat pagi"])
    except Exception as exc:  # any failure means not ready; say which
        raise HTTPException(503, detail=f"model does not answer: {exc}") from None
    return {"status": "ready", "model_version": model.version}


@router.get("/metrics", tags=["health"])
def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
