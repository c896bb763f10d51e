"""Prometheus metrics of the service, in a registry of its own (one per app, so tests stay apart)."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("mutu_requests_total", "HTTP requests", ["method", "path", "status"], registry=self.registry)
        self.latency = Histogram(
            "mutu_request_seconds", "Request latency", ["method", "path"], registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
        self.predictions = Counter("mutu_predictions_total", "Posts classified, by predicted label", ["label"], registry=self.registry)
