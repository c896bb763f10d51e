"""The FastAPI application: model loaded once in the lifespan, limits, logging and metrics."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from classifier import MutuError, load_model

from .metrics import Metrics
from .reload import watch_current
from .routes import router
from .settings import Settings, get_settings
from .web import router as web_router

log = logging.getLogger("mutu.service")


class BodyLimit:
    """Refuses request bodies over the limit with a 413, whether or not Content-Length is sent.
    `uploads` gives other limits to path prefixes (the web page's file upload)."""

    def __init__(self, app, limit: int, uploads: dict[str, int] | None = None) -> None:
        self.app, self.limit, self.uploads = app, limit, uploads or {}

    def _limit(self, path: str) -> tuple[int, str]:
        for prefix, limit in self.uploads.items():
            if path.startswith(prefix):
                return limit, f"Berkas lebih besar dari {limit / 1e6:.0f} MB (MUTU_WEB_MAX_UPLOAD_BYTES); bagi berkas menjadi beberapa bagian."
        return self.limit, f"request body is larger than {self.limit} bytes (MUTU_MAX_BODY_BYTES); send fewer posts per request"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, message = self._limit(scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await self._refuse(send, message)
        received = 0

        async def counting_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _TooLarge:
            await self._refuse(send, message)

    async def _refuse(self, send, message: str):
        body = json.dumps({"detail": message}).encode()
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class Observe:
    """One log line and the Prometheus request metrics per HTTP request (plain ASGI: no per-request
    task or body copy, unlike @app.middleware)."""

    def __init__(self, app, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = 500

        async def observing_send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observing_send)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            self.metrics.requests.labels(scope["method"], path, status).inc()
            self.metrics.latency.labels(scope["method"], path).observe(elapsed)
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status, elapsed * 1000)


def _configure_logging(level: str) -> None:
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    log.setLevel(level.upper())


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    _configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.model = load_model(settings.model)
        app.state.reload_lock = asyncio.Lock()
        log.info("model %s loaded", app.state.model.version)
        watcher = None
        if settings.model is None and settings.reload_interval > 0:  # following CURRENT, not a pinned version
            watcher = asyncio.create_task(watch_current(app, settings.reload_interval))
        yield
        if watcher:
            watcher.cancel()

    app = FastAPI(
        title="mutu",
        version="1",
        summary="Classifies Indonesian government agency posts as kinerja, layanan or ucapan, and scores agencies.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.include_router(router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(packages=[("service", "static")]), name="static")

    @app.exception_handler(MutuError)
    async def mutu_error(request: Request, exc: MutuError):
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["*"], allow_headers=["*"])
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, uploads={"/web/score": settings.web_max_upload_bytes})
    app.add_middleware(Observe, metrics=app.state.metrics)
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory service.app:app_from_env` (used by `mutu serve` with workers)."""
    return create_app()
