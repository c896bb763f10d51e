"""`make bench-api`: throughput and latency of the HTTP service on loopback.

Starts `mutu serve` on a free 127.0.0.1 port, then with httpx (async) sends single-post requests at
concurrency 1, 8 and 32, and batches of 100 and 1,000 posts. Every loop is bounded in count.
"""
from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time

import httpx

from classifier.data import load_corpus

SINGLE_REQUESTS = 2000
BATCH_REQUESTS = {100: 100, 1000: 20}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def load(url: str, bodies: list[dict], concurrency: int) -> tuple[list[float], int, float]:
    latencies, errors = [], 0
    queue = list(reversed(bodies))
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=concurrency)) as client:
        async def worker():
            nonlocal errors
            while queue:
                body = queue.pop()
                started = time.perf_counter()
                response = await client.post(url, json=body)
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, errors, time.perf_counter() - started


def main() -> None:
    train, evaluation = load_corpus()
    texts = train["text"].tolist() + evaluation["text"].tolist()
    port = free_port()
    env = {**os.environ, "MUTU_LOG_LEVEL": "warning"}
    server = subprocess.Popen([sys.executable, "-m", "classifier.cli", "serve", "--port", str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        url = f"{base}/v1/classify"
        singles = [{"posts": [{"text": texts[i % len(texts)]}]} for i in range(SINGLE_REQUESTS)]
        asyncio.run(load(url, singles[:100], 4))  # warm-up
        for concurrency in (1, 8, 32):
            latencies, errors, seconds = asyncio.run(load(url, singles, concurrency))
            ms = [v * 1000 for v in latencies]
            print(f"single post, concurrency {concurrency:>2}: {len(ms) / seconds:,.0f} req/s, "
                  f"p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms, p99 {percentile(ms, 99):.1f} ms, errors {errors}")
        for size, count in BATCH_REQUESTS.items():
            bodies = [{"posts": [{"text": texts[(i * size + j) % len(texts)]} for j in range(size)]} for i in range(count)]
            latencies, errors, seconds = asyncio.run(load(url, bodies, 2))
            p50 = statistics.median(latencies) * 1000
            print(f"batches of {size:>5}: {size * count / seconds:,.0f} posts/s, p50 {p50:.0f} ms per batch, errors {errors}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
