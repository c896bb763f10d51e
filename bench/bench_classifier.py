"""`make bench`: speed figures of the classifier, with fastText supervised side by side.

Prints: Sastrawi stemming words/s (new and cached words), end-to-end `predict` posts/s on posts of
~60 words on one core, training time, and fastText's macro-F1 and posts/s on the same files.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import random  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from sklearn.metrics import f1_score  # noqa: E402

from classifier import load_model, train  # noqa: E402
from classifier.config import LABELS  # noqa: E402
from classifier.data import load_corpus  # noqa: E402
from classifier.normalize import normalize  # noqa: E402
from classifier.stemming import _stems, stem_word  # noqa: E402

N_POSTS = 5000


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}"


def posts_of_about_60_words(texts: list[str], n: int) -> list[str]:
    """Corpus posts of 45-80 words, cycled to n posts (no two neighbours identical)."""
    pool = [t for t in texts if 45 <= len(t.split()) <= 80]
    return [pool[i % len(pool)] for i in range(n)]


def bench_stemming(texts: list[str]) -> None:
    vocabulary = sorted({w for t in texts for w in normalize(t).split() if w.isalpha() and len(w) >= 4})
    _stems.clear()
    started = time.perf_counter()
    for word in vocabulary:
        stem_word(word)
    new = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(10):
        for word in vocabulary:
            stem_word(word)
    cached = time.perf_counter() - started
    print(f"stemming, new words:     {rate(len(vocabulary), new)} words/s ({len(vocabulary)} distinct words)")
    print(f"stemming, cached words:  {rate(10 * len(vocabulary), cached)} words/s")


def bench_predict(model, posts: list[str]) -> float:
    model.predict(posts[:200])  # warm the word caches as a running service would have them
    started = time.perf_counter()
    model.predict(posts)
    seconds = time.perf_counter() - started
    words = sum(len(p.split()) for p in posts) / len(posts)
    print(f"mutu predict end-to-end: {rate(len(posts), seconds)} posts/s ({len(posts)} posts, {words:.0f} words on average, one process)")
    return len(posts) / seconds


def bench_fasttext(train_frame, eval_frame, posts: list[str]) -> None:
    try:
        import fasttext
    except ImportError:
        print("fastText: not installed (pip install -e '.[bench]')")
        return

    def plain(text: str) -> str:
        return re.sub(r"\s+", " ", text.lower()).strip()

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        for text, label in zip(train_frame["text"], train_frame["label"]):
            fh.write(f"__label__{label} {plain(text)}\n")
    started = time.perf_counter()
    model = fasttext.train_supervised(fh.name, epoch=25, lr=0.5, wordNgrams=2, dim=50, thread=1, seed=0, verbose=0)
    train_seconds = time.perf_counter() - started
    os.unlink(fh.name)
    # the list form: fastText 0.9's single-text predict breaks on numpy 2 (np.array(copy=False))
    labels, _ = model.predict([plain(t) for t in eval_frame["text"]])
    predicted = [found[0].replace("__label__", "") for found in labels]
    f1 = f1_score(eval_frame["label"], predicted, labels=list(LABELS), average="macro")
    cleaned = [plain(p) for p in posts]
    started = time.perf_counter()
    model.predict(cleaned)
    seconds = time.perf_counter() - started
    print(f"fastText supervised:     macro-F1 {f1:.4f} on the frozen split, {rate(len(posts), seconds)} posts/s, trained in {train_seconds:.1f} s")


def main() -> None:
    train_frame, eval_frame = load_corpus()
    random.seed(0)
    texts = train_frame["text"].tolist() + eval_frame["text"].tolist()
    posts = posts_of_about_60_words(texts, N_POSTS)
    bench_stemming(texts)
    model = load_model()
    bench_predict(model, posts)
    f1 = f1_score(eval_frame["label"], model.predict(eval_frame["text"].tolist()), labels=list(LABELS), average="macro")
    print(f"mutu model {model.version}:          macro-F1 {f1:.4f} on the frozen split ({len(eval_frame)} posts)")
    started = time.perf_counter()
    train(train_frame)
    print(f"training (grid search + fit on {len(train_frame)} posts): {time.perf_counter() - started:.1f} s")
    bench_fasttext(train_frame, eval_frame, posts)


if __name__ == "__main__":
    main()
