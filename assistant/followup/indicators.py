"""The Department's result indicators, exactly as the format note defines them.

Pure functions over a :class:`~assistant.followup.records.Dataset`: the same inputs
always give the same figures. Hours are rounded to two decimals and rates to four only
in the final object.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from assistant.followup.codes import Codes
from assistant.followup.period import Period, add_months, months_between, territory_matches
from assistant.followup.records import Dataset, Operation

SITUATIONS = ("emploi_durable", "emploi_transition", "sortie_positive", "autre", "inconnue")


@dataclass(frozen=True)
class Scope:
    period: Period
    territory: str | None = None


@lru_cache(maxsize=4096)
def monthly_plan(operation: Operation) -> dict[str, float]:
    """An operation's planned hours spread evenly over its calendar months (both ends included)."""
    months = months_between(operation.date_debut, operation.date_fin)
    if not months:
        return {}
    share = operation.heures_prevues / len(months)
    return dict.fromkeys(months, share)


def planned_in(operation: Operation, period: Period) -> float:
    return sum(hours for month, hours in monthly_plan(operation).items() if period.contains_month(month))


def restrict(data: Dataset, scope: Scope) -> Dataset:
    """The operations of the territory and their hours inside the period (participants and structures kept)."""
    operations = [op for op in data.operations if territory_matches(op.territoire, scope.territory)]
    kept = {op.operation_id for op in operations}
    hours = [h for h in data.hours if h.operation_id in kept and scope.period.contains_month(h.mois)]
    return Dataset(operations, data.participants, data.structures, hours)


def half_up(value: float, digits: int) -> float:
    """Rounded the way people round (0.05875 → 0.0588), not to the nearest even binary float."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _rate(numerator: float, denominator: float) -> float | None:
    return half_up(numerator / denominator, 4) if denominator else None


def _exits(participants: list, fin, months: int, codes: Codes) -> dict[str, Any]:
    attribute = f"situation_{months}_mois"
    observable = [p for p in participants if add_months(p.date_entree, months) <= fin]
    counts = Counter(getattr(p, attribute) for p in observable)
    dynamic = sum(counts[s] for s in codes.dynamic_situations)
    result: dict[str, Any] = {"observables": len(observable)}
    result.update({situation: counts[situation] for situation in SITUATIONS})
    result["dynamiques"] = dynamic
    result["taux_dynamiques"] = _rate(dynamic, len(observable) - counts["inconnue"])
    return result


def compute(data: Dataset, scope: Scope, codes: Codes) -> dict[str, Any]:
    """The indicator object (keys of the format note's expected result) for one period and territory."""
    period = scope.period
    scoped = restrict(data, scope)
    active_ops = [op for op in scoped.operations if any(period.contains_month(m) for m in monthly_plan(op))]
    planned = sum(planned_in(op, period) for op in scoped.operations)
    realised = sum(h.heures for h in scoped.hours)

    people = {h.participant_id for h in scoped.hours}
    participants = [p for p in data.participants if p.participant_id in people]

    contracts: dict[str, set[str]] = defaultdict(set)
    for h in scoped.hours:
        contracts[h.type_contrat].add(h.participant_id)

    clauses: dict[str, dict[str, Any]] = {}
    for op in active_ops:
        entry = clauses.setdefault(op.type_clause, {"operations": 0, "heures_prevues": 0.0})
        entry["operations"] += 1
        entry["heures_prevues"] += planned_in(op, period)

    structure_types = {s.structure_id: s.type for s in data.structures}
    used = {h.structure_id for h in scoped.hours if h.structure_id}
    by_type = Counter(structure_types[s] for s in used if s in structure_types)
    siae = {t: n for t, n in sorted(by_type.items()) if t in codes.siae_types}

    return {
        "periode": {"debut": period.debut.isoformat(), "fin": period.fin.isoformat()},
        "heures": {
            "prevues": half_up(planned, 2),
            "realisees": half_up(realised, 2),
            "taux_realisation": _rate(realised, planned),
        },
        "participants": {
            "total": len(participants),
            "rsa": sum(p.allocataire_rsa for p in participants),
            "moins_26": sum(p.tranche_age == "moins_26" for p in participants),
            "femmes": sum(p.sexe == "F" for p in participants),
        },
        "recrutements": {contract: len(ids) for contract, ids in sorted(contracts.items())},
        "clauses": {
            kind: {"operations": entry["operations"], "heures_prevues": half_up(entry["heures_prevues"], 2)}
            for kind, entry in sorted(clauses.items())
        },
        "structures": {
            "siae": {"total": sum(siae.values()), "par_type": siae},
            "autres": {t: n for t, n in sorted(by_type.items()) if t not in codes.siae_types},
        },
        "sorties": {
            "6_mois": _exits(participants, period.fin, 6, codes),
            "12_mois": _exits(participants, period.fin, 12, codes),
        },
    }


def monthly_series(data: Dataset, scope: Scope) -> list[dict[str, Any]]:
    """Planned and realised hours for each month of the period (the report's chart)."""
    scoped = restrict(data, scope)
    months = months_between(scope.period.debut, scope.period.fin)
    planned: dict[str, float] = dict.fromkeys(months, 0.0)
    realised: dict[str, float] = dict.fromkeys(months, 0.0)
    for op in scoped.operations:
        for month, hours in monthly_plan(op).items():
            if month in planned:
                planned[month] += hours
    for h in scoped.hours:
        if h.mois in realised:
            realised[h.mois] += h.heures
    return [{"mois": m, "prevues": half_up(planned[m], 2), "realisees": half_up(realised[m], 2)} for m in months]


def territories(data: Dataset) -> list[str]:
    return sorted({op.territoire for op in data.operations})
