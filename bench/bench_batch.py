"""`make bench-batch`: end-to-end `mutu score` posts/s on 100,000 posts, peak memory on 1,000,000.

Builds feeds by cycling the corpus posts over 40 fictional agencies and a year of dates, then runs
`mutu score` in a child process and reads its peak resident memory from the OS.
"""
from __future__ import annotations

import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from classifier.data import load_corpus

SIZES = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]


def write_feed(path: Path, n: int, texts: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["agency", "posted_at", "text"])
        for i in range(n):
            writer.writerow([f"OPD {i % 40:02d}", f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", texts[i % len(texts)]])


def run(n: int, texts: list[str], workdir: Path) -> None:
    feed = workdir / f"feed_{n}.csv"
    write_feed(feed, n, texts)
    command = [sys.executable, "-m", "classifier.cli", "score", str(feed), "--out", str(workdir / f"out_{n}")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    size_mb = feed.stat().st_size / 1e6
    print(f"mutu score on {n:,} posts ({size_mb:,.0f} MB CSV): {seconds:,.1f} s, {n / seconds:,.0f} posts/s, peak memory {peak_mb:,.0f} MB")


def main() -> None:
    train, evaluation = load_corpus()
    texts = train["text"].tolist() + evaluation["text"].tolist()
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            run(n, texts, Path(tmp))


if __name__ == "__main__":
    main()
