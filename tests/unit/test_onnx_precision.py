"""The precision of the ONNX export: float by default (torch's vectors), int8 on request, never mixed up."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.embeddings import embedding_identity
from assistant.onnx_embedder import export_dir_for, model_file
from assistant.settings import BUNDLED_MODEL, Settings


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(
        _env_file=None, data_dir=tmp_path, embedding_model=BUNDLED_MODEL, embedding_backend="onnx", **overrides
    )


def test_the_export_is_float_unless_asked_otherwise(tmp_path: Path) -> None:
    assert _settings(tmp_path).embedding_precision == "fp32"


def test_each_precision_has_its_own_graph_file() -> None:
    assert model_file("int8") == "model_int8.onnx"
    assert model_file("fp32") == "model_fp32.onnx"


def test_an_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="fp16"):
        model_file("fp16")


def test_the_two_precisions_never_share_an_export_folder(tmp_path: Path) -> None:
    int8 = export_dir_for(_settings(tmp_path, embedding_precision="int8"))
    fp32 = export_dir_for(_settings(tmp_path, embedding_precision="fp32"))
    assert int8 != fp32 and int8.name.endswith("-onnx-int8") and fp32.name.endswith("-onnx-fp32")


def test_the_index_records_the_precision_as_part_of_the_model(tmp_path: Path) -> None:
    # an index embedded in int8 is embedded again by the next ingestion with the float export, and back
    assert embedding_identity(_settings(tmp_path, embedding_precision="int8")).startswith("onnx-int8:")
    assert embedding_identity(_settings(tmp_path, embedding_precision="fp32")).startswith("onnx-fp32:")


def test_the_precision_is_read_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUSES_EMBEDDING_PRECISION", "int8")
    assert Settings(_env_file=None, data_dir=tmp_path).embedding_precision == "int8"
