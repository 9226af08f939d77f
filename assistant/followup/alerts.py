"""Operations behind schedule: what the facilitator must chase this month.

An operation in progress on ``day`` is late when its realised hours are below ``threshold``
times its planned hours to date. Planned hours to date are the pro rata of the elapsed
months: the operation's calendar months before the month of ``day`` (the current month's
hours are reported at its end), each worth heures_prevues ÷ number of months.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from assistant.followup.period import month_of, months_between
from assistant.followup.records import Dataset


@dataclass(frozen=True)
class Alert:
    operation_id: str
    intitule: str
    maitre_ouvrage: str
    territoire: str
    entreprises: list[str]
    heures_prevues: float
    heures_prevues_a_date: float
    heures_realisees: float
    taux_realisation: float
    ecart_heures: float
    mois_ecoules: int
    mois_restants: int
    rythme_mensuel_requis: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def late_operations(data: Dataset, day: date, threshold: float = 0.8) -> list[Alert]:
    """Operations in progress on ``day`` below ``threshold`` of their planned hours to date, largest gap first."""
    current = month_of(day)
    realised: dict[str, float] = {}
    companies: dict[str, set[str]] = {}
    for h in data.hours:
        if h.mois < current:
            realised[h.operation_id] = realised.get(h.operation_id, 0.0) + h.heures
        companies.setdefault(h.operation_id, set()).add(h.entreprise)
    alerts = []
    for op in data.operations:
        if not op.date_debut <= day <= op.date_fin:
            continue
        months = months_between(op.date_debut, op.date_fin)
        elapsed = sum(1 for m in months if m < current)
        planned = op.heures_prevues * elapsed / len(months)
        done = realised.get(op.operation_id, 0.0)
        if planned <= 0 or done >= threshold * planned:
            continue
        left = len(months) - elapsed
        remaining = max(op.heures_prevues - done, 0.0)
        alerts.append(
            Alert(
                op.operation_id,
                op.intitule,
                op.maitre_ouvrage,
                op.territoire,
                sorted(companies.get(op.operation_id, set())),
                round(op.heures_prevues, 2),
                round(planned, 2),
                round(done, 2),
                round(done / planned, 4),
                round(planned - done, 2),
                elapsed,
                left,
                round(remaining / left, 2) if left else None,
            )
        )
    return sorted(alerts, key=lambda a: (-a.ecart_heures, a.operation_id))
