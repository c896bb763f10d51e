"""Models load only from the registry, checksum verified; CURRENT moves atomically."""
import json

import pytest

from classifier import ChecksumMismatch, ModelNotFound, load_model, registry


def test_current_model_loads_with_its_version(registry_dir):
    assert load_model().version == "v001"


def test_a_changed_model_file_is_refused(registry_dir):
    path = registry_dir / "v001" / registry.MODEL_FILE
    path.write_bytes(path.read_bytes() + b"tampered")
    with pytest.raises(ChecksumMismatch, match="SHA-256"):
        load_model()


def test_a_changed_checksum_record_is_refused(registry_dir):
    meta_path = registry_dir / "v001" / registry.METADATA_FILE
    meta = json.loads(meta_path.read_text())
    meta["sha256"] = "0" * 64
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ChecksumMismatch):
        load_model("v001")


def test_unknown_version_names_the_known_ones(registry_dir):
    with pytest.raises(ModelNotFound, match="v001"):
        load_model("v999")


def test_empty_registry_says_how_to_train(tmp_path):
    with pytest.raises(ModelNotFound, match="mutu train"):
        load_model(root=tmp_path)


def test_new_versions_number_up_and_rollback_returns(registry_dir, fitted):
    version = registry.save(fitted[0], {}, registry_dir)
    assert version == "v002" and registry.current_version(registry_dir) == "v002"
    assert registry.rollback(registry_dir) == "v001"
    assert registry.current_version(registry_dir) == "v001"
    assert not list(registry_dir.glob(".CURRENT.*")) and not list(registry_dir.glob(".staging-*"))


def test_save_without_promotion_keeps_current(registry_dir, fitted):
    registry.save(fitted[0], {}, registry_dir, make_current=False)
    assert registry.current_version(registry_dir) == "v001"


def test_metadata_records_checksum_and_version(registry_dir):
    meta = registry.read_metadata(None, registry_dir)
    assert meta["version"] == "v001"
    assert meta["sha256"] == registry.sha256(registry_dir / "v001" / registry.MODEL_FILE)
