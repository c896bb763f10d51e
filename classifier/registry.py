"""The model registry under models/: one directory per version, a checksum each, a CURRENT pointer.

models/
  CURRENT            the version name in use, replaced atomically (write, then rename)
  v001/model.skops   the fitted Pipeline, in skops format (no arbitrary code runs on load)
  v001/metadata.json version, created time, library versions, data hash, metrics, sha256 of model.skops
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import skops.io as sio

from .config import LABELS, models_dir
from .errors import ChecksumMismatch, ModelNotFound
from .model import Model

MODEL_FILE = "model.skops"
METADATA_FILE = "metadata.json"
CURRENT_FILE = "CURRENT"
_VERSION = re.compile(r"^v(\d+)$")

# The only types a model file may hold beyond those skops trusts by default: mutu's own steps.
TRUSTED_TYPES = {
    "classifier.normalize.TextNormalizer",
    "classifier.stemming.SastrawiStemmer",
    "classifier.pipeline.words",
    "classifier.pipeline.words_and_pairs",
}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def versions(root: Path | None = None) -> list[str]:
    """Version names in the registry, oldest first."""
    root = Path(root or models_dir())
    if not root.is_dir():
        return []
    found = [p.name for p in root.iterdir() if _VERSION.match(p.name) and (p / METADATA_FILE).is_file()]
    return sorted(found, key=lambda name: int(_VERSION.match(name).group(1)))


def current_version(root: Path | None = None) -> str | None:
    pointer = Path(root or models_dir()) / CURRENT_FILE
    return pointer.read_text().strip() if pointer.is_file() else None


def set_current(version: str, root: Path | None = None) -> None:
    """Points CURRENT at `version`; a reader sees the old or the new name, never half a file."""
    root = Path(root or models_dir())
    if version not in versions(root):
        raise ModelNotFound(f"no model version {version!r} in {root}; `mutu models list` shows the versions")
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".CURRENT.")
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(version + "\n")
        os.replace(tmp, root / CURRENT_FILE)
    except BaseException:
        os.unlink(tmp)
        raise


def save(pipeline, metadata: dict, root: Path | None = None, make_current: bool = True) -> str:
    """Writes a new version directory (built aside, then renamed into place) and returns its name."""
    root = Path(root or models_dir())
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root, prefix=".staging-"))
    try:
        sio.dump(pipeline, staging / MODEL_FILE, compression=8)
        while True:
            existing = versions(root)
            number = int(_VERSION.match(existing[-1]).group(1)) + 1 if existing else 1
            version = f"v{number:03d}"
            record = {**metadata, "version": version, "sha256": sha256(staging / MODEL_FILE)}
            (staging / METADATA_FILE).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
            try:
                os.rename(staging, root / version)
                break
            except OSError:  # another process took that number first
                continue
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if make_current:
        set_current(version, root)
    return version


def was_refused(version: str, root: Path | None = None) -> bool:
    """A candidate `mutu retrain` kept out of service (saved for inspection, never promoted)."""
    gate = read_metadata(version, root).get("gate") or {}
    return gate.get("passed") is False and not gate.get("forced")


def rollback(root: Path | None = None) -> str:
    """Points CURRENT at the version that served before it (skipping candidates the retrain gate
    refused) and returns that version's name."""
    root = Path(root or models_dir())
    known, current = versions(root), current_version(root)
    earlier = [v for v in known[: known.index(current)] if not was_refused(v, root)] if current in known else []
    if not earlier:
        raise ModelNotFound(f"no version before {current!r} to roll back to (versions: {', '.join(known) or 'none'})")
    previous = earlier[-1]
    load_model(previous, root)
    set_current(previous, root)
    return previous


def library_versions() -> dict[str, str]:
    """Versions of the libraries a model file depends on, recorded in its metadata."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("scikit-learn", "numpy", "scipy", "skops", "pysastrawi", "pandas"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    import platform

    found["python"] = platform.python_version()
    return found


def resolve(ref: str | Path | None = None, root: Path | None = None) -> Path:
    """The directory of a version: None -> CURRENT, a name like 'v003', or a path to a version directory."""
    root = Path(root or models_dir())
    if ref is None:
        ref = current_version(root)
        if ref is None:
            raise ModelNotFound(f"no current model in {root}; train one with `mutu train`")
    candidate = Path(ref)
    directory = candidate if candidate.is_dir() else root / str(ref)
    if not (directory / METADATA_FILE).is_file():
        known = ", ".join(versions(root)) or "none"
        raise ModelNotFound(f"no model version {str(ref)!r} in {root} (versions: {known}); `mutu models list` shows them")
    return directory


def read_metadata(ref: str | Path | None = None, root: Path | None = None) -> dict:
    return json.loads((resolve(ref, root) / METADATA_FILE).read_text())


def load_model(ref: str | Path | None = None, root: Path | None = None) -> Model:
    """Loads a version after verifying its SHA-256 and that it holds only trusted types."""
    directory = resolve(ref, root)
    metadata = json.loads((directory / METADATA_FILE).read_text())
    model_path = directory / MODEL_FILE
    if not model_path.is_file():
        raise ModelNotFound(f"{model_path} is missing; the version directory is incomplete")
    actual = sha256(model_path)
    if actual != metadata.get("sha256"):
        raise ChecksumMismatch(
            f"{model_path} has SHA-256 {actual[:12]}… but metadata.json records {str(metadata.get('sha256'))[:12]}…; "
            "the file was changed or damaged. Restore it, or train a new version with `mutu train`."
        )
    present = set(sio.get_untrusted_types(file=model_path))
    if present - TRUSTED_TYPES:
        raise ChecksumMismatch(f"{model_path} contains types mutu does not trust: {sorted(present - TRUSTED_TYPES)}")
    pipeline = sio.load(model_path, trusted=sorted(present))
    if tuple(pipeline.classes_) != LABELS:
        raise ModelNotFound(f"{model_path} predicts {list(pipeline.classes_)}, expected {list(LABELS)}")
    return Model(pipeline, metadata)
