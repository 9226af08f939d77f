"""The warning, note and legal texts of sizing live in corpus/data/sizing_texts.yaml, checked when loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.settings import PROJECT_ROOT
from assistant.sizing import load_grid, load_texts, size
from assistant.sizing.texts import TEXT_KEYS, placeholders

TEXTS = PROJECT_ROOT / "corpus" / "data" / "sizing_texts.yaml"


def _edited(tmp_path: Path, section: str, key: str, text: str) -> Path:
    raw = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))
    raw[section][key] = text
    path = tmp_path / "sizing_texts.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_the_bundled_texts_have_every_text_with_exactly_its_placeholders() -> None:
    entries = load_texts(TEXTS).entries
    assert {key: placeholders(entries[key]) for key in TEXT_KEYS} == TEXT_KEYS


def test_a_reworded_text_that_drops_a_placeholder_is_refused_at_load(tmp_path: Path) -> None:
    edited = _edited(tmp_path, "warnings", "framework", "Accord-cadre : heures sur le montant estimé réaliste.")
    with pytest.raises(ValueError, match=r"warnings\.framework"):
        load_texts(edited)


def test_an_edited_text_reaches_the_sizing_result(tmp_path: Path) -> None:
    _edited(tmp_path, "notes", "no_duration", "Durée inconnue : pas d'ETP par an.")
    grid_file = tmp_path / "sizing_grid.yaml"
    grid_file.write_text((PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml").read_text(encoding="utf-8"))
    result = size(load_grid(grid_file), {"amount": 1_200_000, "trade": "gros œuvre"})
    assert "Durée inconnue : pas d'ETP par an." in result.notes
