"""Replacing the served model while the service runs: on request, or when models/CURRENT changes."""
from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from classifier import load_model
from classifier.registry import current_version

log = logging.getLogger("mutu.service")


def _load_checked(ref):
    """Loads a model and makes sure it answers before anyone is served by it."""
    model = load_model(ref)
    model.predict(["Selamat pagi", "Jadwal pelayanan KTP hari Senin pukul 08.00"])
    return model


async def reload_model(app: FastAPI) -> tuple[str, str]:
    """Loads the configured model (CURRENT unless pinned) off the event loop, checks it, then swaps it
    in with one assignment: a request in flight finishes on the model it started with, none fails."""
    async with app.state.reload_lock:
        previous = app.state.model.version
        app.state.model = await run_in_threadpool(_load_checked, app.state.settings.model)
        log.info("model reloaded: %s -> %s", previous, app.state.model.version)
        return previous, app.state.model.version


async def watch_current(app: FastAPI, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            if current_version() not in (None, app.state.model.version):
                await reload_model(app)
        except Exception as exc:  # a broken new model must not take the service down: keep the old one
            log.error("CURRENT changed but the model could not be loaded, still serving %s: %s", app.state.model.version, exc)
