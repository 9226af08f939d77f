"""An import from end to end: read, check everything, store only when nothing is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from assistant.errors import InvalidInput
from assistant.followup.codes import Codes
from assistant.followup.parsing import RawTable, read_tables
from assistant.followup.period import territory_matches
from assistant.followup.statement import is_statement, read_statement
from assistant.followup.store import FollowupStore
from assistant.followup.validation import Issue, Report, validate


@dataclass
class ImportResult:
    """The validation report, and what was stored (nothing when there is an error)."""

    report: Report
    stored: dict[str, int] = field(default_factory=dict)
    kind: str = "tables"  # tables | etat_mensuel

    @property
    def ok(self) -> bool:
        return self.report.ok

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "type": self.kind,
            "enregistre": self.stored,
            "erreurs": [issue.as_dict() for issue in self.report.errors],
            "avertissements": [issue.as_dict() for issue in self.report.warnings],
            "message": self.summary(),
        }

    def summary(self) -> str:
        if self.report.forbidden:
            return (
                "Import refusé : le fichier contient des données qui identifient des personnes. Rien n'a été importé."
            )
        if not self.ok:
            count = len(self.report.errors)
            return f"Import refusé : {count} erreur{'s' if count > 1 else ''} à corriger. Rien n'a été importé."
        parts = [f"{n} {label}" for label, n in self.stored.items() if n]
        return "Import réussi : " + (", ".join(parts) if parts else "aucune ligne") + "."


def _outside(territory: str) -> str:
    return f"opération hors de votre territoire ({territory}) : votre jeton ne permet pas de l'importer."


def check_territory(table: RawTable, store: FollowupStore, territory: str | None, report: Report) -> None:
    """A territory-scoped caller may only import (or replace) operations of that territory."""
    if territory is None or territory.strip() in {"", "*"}:
        return
    stored = {op.operation_id: op.territoire for op in store.operations()}
    for line, row in table.rows:
        names = [row.get("territoire", ""), stored.get(row.get("operation_id", ""), row.get("territoire", ""))]
        if not all(territory_matches(name, territory) for name in names):
            report.errors.append(Issue(table.source, line, table.where("territoire"), _outside(territory)))


def import_path(path: Path, store: FollowupStore, codes: Codes, territory: str | None = None) -> ImportResult:
    """Import the four tables at ``path``, or a filled monthly hours statement.

    ``territory`` restricts a scoped caller to the operations of its territory.
    """
    if not path.exists():
        raise InvalidInput(f"« {path} » n'existe pas.", field="path")
    if is_statement(path):
        return import_statement(path, store, codes, territory)
    tables = read_tables(path)
    if not tables:
        raise InvalidInput(
            f"Aucune table du suivi trouvée dans « {path.name} » : attendu operations, participants, heures, "
            "structures (fichiers CSV ou feuilles d'un classeur .xlsx).",
            field="path",
        )
    participants, structures = store.known_ids()
    report = validate(tables, codes, participants, structures)
    if report.ok:
        check_territory(tables["operations"], store, territory, report)
    if not report.ok:
        return ImportResult(report)
    try:
        saved = store.save(report.dataset)
    except IntegrityError as error:  # a reference removed by a concurrent purge between check and write
        report.errors.append(Issue(path.name, 0, "", "une référence a changé pendant l'import ; relancez-le."))
        report.dataset.hours.clear()
        del error
        return ImportResult(report)
    return ImportResult(report, saved.as_dict())


def import_statement(path: Path, store: FollowupStore, codes: Codes, territory: str | None = None) -> ImportResult:
    """A company's monthly hours statement (the ``hours-report`` clause kind), filled in as CSV or .xlsx."""
    operations = {op.operation_id: op for op in store.operations(territory)}
    participants, structures = store.known_ids()
    report = read_statement(path, codes, operations, participants, structures)
    if not report.ok:
        return ImportResult(report, kind="etat_mensuel")
    count = store.replace_hours(report.dataset.hours)
    return ImportResult(report, {"heures": count}, kind="etat_mensuel")
