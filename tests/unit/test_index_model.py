"""An index is searched only with the embedder that built it (assistant/index.py, `Index.require_model`):
int8 and fp32 ONNX or torch vectors differ slightly, and mixing them would rank passages by noise."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import IndexUnavailable
from assistant.index import Index, VectorStore


def built_by(folder: Path, model: str) -> Index:
    store = VectorStore(folder, None)
    return Index("a", folder / "builds" / "a", {"model": model}, [], None, None, store)  # type: ignore[arg-type]


def test_an_index_built_by_the_configured_embedder_is_accepted(tmp_path: Path) -> None:
    built_by(tmp_path, "onnx-fp32:/models/minilm").require_model("onnx-fp32:/models/minilm")


def test_an_index_built_by_another_precision_is_refused_with_the_rebuild_command(tmp_path: Path) -> None:
    index = built_by(tmp_path, "onnx-int8:/models/minilm")
    with pytest.raises(IndexUnavailable) as refused:
        index.require_model("onnx-fp32:/models/minilm")
    assert "clauses ingest" in refused.value.message
    assert "onnx-int8" in refused.value.detail


def test_an_embedder_without_an_identity_is_not_checked(tmp_path: Path) -> None:
    built_by(tmp_path, "onnx-int8:/models/minilm").require_model(None)
