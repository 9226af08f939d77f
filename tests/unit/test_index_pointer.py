"""Whether an opened index is still the current build (assistant/index.py): the pointer file is read again only
when it changed, and a new build swapped in by an ingestion is always seen."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from assistant.index import Index, VectorStore


def opened(folder: Path, build: str) -> tuple[Index, Any]:
    store = VectorStore(folder, None)
    index = Index(build, folder / "builds" / build, {}, [], None, None, store)  # type: ignore[arg-type]
    return index, SimpleNamespace(index_dir=folder)


def test_the_build_the_pointer_names_is_current(tmp_path: Path) -> None:
    index, settings = opened(tmp_path, "a")
    VectorStore(tmp_path, None).write_pointer({"build": "a"})
    assert index.is_current(settings)
    assert index.is_current(settings)


def test_a_build_swapped_in_by_an_ingestion_makes_the_opened_one_stale(tmp_path: Path) -> None:
    index, settings = opened(tmp_path, "a")
    store = VectorStore(tmp_path, None)
    store.write_pointer({"build": "a"})
    assert index.is_current(settings)
    store.write_pointer({"build": "b"})
    assert not index.is_current(settings)


def test_a_pointer_rewritten_in_place_is_read_again(tmp_path: Path) -> None:
    index, settings = opened(tmp_path, "a")
    (tmp_path / "current.json").write_text('{"build": "a"}', encoding="utf-8")
    assert index.is_current(settings)
    (tmp_path / "current.json").write_text('{"build": "bb"}', encoding="utf-8")
    assert not index.is_current(settings)


def test_without_a_pointer_no_build_is_current(tmp_path: Path) -> None:
    index, settings = opened(tmp_path, "a")
    VectorStore(tmp_path, None).write_pointer({"build": "a"})
    assert index.is_current(settings)
    (tmp_path / "current.json").unlink()
    assert not index.is_current(settings)
