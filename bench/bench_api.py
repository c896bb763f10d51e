"""`make bench-api`: throughput and latency of the HTTP service on loopback.

Starts `mutu serve` on a free 127.0.0.1 port (MUTU_WORKERS workers, default 1), then with httpx
(async) sends single-post requests at concurrency 1, 8 and 32, the same with wrk when it is
installed, and batches of 100 and 1,000 posts. Every loop is bounded in count or time.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
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


WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {%s}
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
"""


def with_wrk(url: str, singles: list[dict]) -> None:
    """The same single-post requests from wrk (a C load generator), so that the client's own CPU use
    takes less from the 2 cores than Python's httpx does. Skipped when wrk is not installed."""
    if shutil.which("wrk") is None:
        print("wrk not installed (apt-get install wrk): skipping the wrk figures")
        return
    bodies = ", ".join("[[" + json.dumps(body, ensure_ascii=False) + "]]" for body in singles[:500])
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as fh:
        fh.write(WRK_SCRIPT % bodies)
    try:
        for concurrency in (1, 8, 32):
            out = subprocess.run(["wrk", "-t1", f"-c{concurrency}", "-d10s", "--latency", "-s", fh.name, url],
                                 capture_output=True, text=True, check=True).stdout
            rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
            latency = {q: re.search(rf"\s{q}%\s+([\d.]+\w+)", out).group(1) for q in (50, 90, 99)}
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            print(f"wrk, single post, concurrency {concurrency:>2}: {float(rate):,.0f} req/s, p50 {latency[50]}, "
                  f"p90 {latency[90]}, p99 {latency[99]}, errors {errors.group(1) if errors else 0}")
    finally:
        os.unlink(fh.name)


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
        with_wrk(url, singles)
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
