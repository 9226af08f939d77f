"""Where the settings put what they derive."""

from __future__ import annotations

from pathlib import Path

from assistant.onnx_embedder import export_dir_for
from assistant.settings import Settings


def test_derived_models_live_in_the_data_folder_by_default(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", models_cache_dir=None)
    assert settings.models_dir == tmp_path / "data" / "models"
    assert export_dir_for(settings).parent == settings.models_dir


def test_two_data_folders_can_share_one_models_cache(tmp_path: Path) -> None:
    first = Settings(_env_file=None, data_dir=tmp_path / "a", models_cache_dir=tmp_path / "cache")
    second = Settings(_env_file=None, data_dir=tmp_path / "b", models_cache_dir=tmp_path / "cache")
    assert first.models_dir == second.models_dir == tmp_path / "cache"
    assert export_dir_for(first) == export_dir_for(second)


def test_the_models_cache_is_read_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLAUSES_MODELS_CACHE_DIR", str(tmp_path / "shared"))
    assert Settings(_env_file=None).models_dir == tmp_path / "shared"
