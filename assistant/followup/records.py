"""Typed rows of the four tables, once validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


@dataclass(frozen=True)
class Operation:
    operation_id: str
    maitre_ouvrage: str
    intitule: str
    territoire: str
    type_clause: str
    heures_prevues: float
    date_debut: date
    date_fin: date


@dataclass(frozen=True)
class Participant:
    participant_id: str
    date_entree: date
    tranche_age: str
    allocataire_rsa: bool
    sexe: str | None
    situation_6_mois: str
    situation_12_mois: str


@dataclass(frozen=True)
class Structure:
    structure_id: str
    nom: str
    type: str


class Hours(NamedTuple):
    """A tuple: a large territory year holds tens of thousands of them."""

    operation_id: str
    participant_id: str
    entreprise: str
    mois: str  # YYYY-MM
    heures: float
    modalite: str
    structure_id: str | None
    type_contrat: str


@dataclass
class Dataset:
    """Everything an import brings (or everything stored, when loaded back)."""

    operations: list[Operation] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    structures: list[Structure] = field(default_factory=list)
    hours: list[Hours] = field(default_factory=list)
