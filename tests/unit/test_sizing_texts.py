"""The warning and legal texts of sizing live in corpus/data/sizing_texts.yaml, checked when loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.settings import PROJECT_ROOT
from assistant.sizing import load_grid, size
from assistant.sizing.grid import TEXT_PLACEHOLDERS, SizingTexts

TEXTS = PROJECT_ROOT / "corpus" / "data" / "sizing_texts.yaml"


def test_the_bundled_texts_have_every_text_with_its_placeholders() -> None:
    assert set(SizingTexts.load(TEXTS).templates) >= set(TEXT_PLACEHOLDERS)


def test_a_reworded_text_that_drops_a_placeholder_is_refused_at_load(tmp_path: Path) -> None:
    texts = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))
    texts["framework_maximum"] = "Le montant maximum n'est pas utilisé pour le volume d'heures."
    edited = tmp_path / "sizing_texts.yaml"
    edited.write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="framework_maximum"):
        SizingTexts.load(edited)


def test_an_edited_text_reaches_the_sizing_result(tmp_path: Path) -> None:
    texts = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))
    texts["no_duration"] = "Durée inconnue : pas d'ETP par an."
    (tmp_path / "sizing_texts.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    grid_file = tmp_path / "sizing_grid.yaml"
    grid_file.write_text((PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml").read_text(encoding="utf-8"))
    result = size(load_grid(grid_file), {"amount": 1_200_000, "trade": "gros œuvre"})
    assert "Durée inconnue : pas d'ETP par an." in result.notes
