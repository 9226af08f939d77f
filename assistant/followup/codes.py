"""The codes of the exchange format and their French labels, read from ``followup.yaml``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.yaml_data import load_yaml


@dataclass(frozen=True)
class Codes:
    type_clause: dict[str, str]
    tranche_age: dict[str, str]
    allocataire_rsa: dict[str, str]
    sexe: dict[str, str]
    situation: dict[str, str]
    modalite: dict[str, str]
    type_contrat: dict[str, str]
    structure_type: dict[str, str]
    siae_types: tuple[str, ...]
    dynamic_situations: tuple[str, ...]
    max_hours_per_month: float
    forbidden_columns: frozenset[str]
    territory_generic_words: frozenset[str] = frozenset()

    def label(self, family: str, code: str) -> str:
        return getattr(self, family).get(code, code)


def load_codes(path: Path) -> Codes:
    raw = load_yaml(path.read_text(encoding="utf-8"))
    return Codes(
        type_clause=dict(raw["type_clause"]),
        tranche_age={str(k): v for k, v in raw["tranche_age"].items()},
        allocataire_rsa=dict(raw["allocataire_rsa"]),
        sexe=dict(raw["sexe"]),
        situation=dict(raw["situation"]),
        modalite=dict(raw["modalite"]),
        type_contrat=dict(raw["type_contrat"]),
        structure_type=dict(raw["structure_type"]),
        siae_types=tuple(raw["siae_types"]),
        dynamic_situations=tuple(raw["dynamic_situations"]),
        max_hours_per_month=float(raw["max_hours_per_month"]),
        forbidden_columns=frozenset(raw["forbidden_columns"]),
        territory_generic_words=frozenset(raw.get("territory_generic_words", [])),
    )


def fold(text: str) -> str:
    """Lower case without accents: « Grésivaudan » → « gresivaudan »."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()
