"""Checking every cell of an import before anything is stored.

The validator collects every problem (file, line, column, French message) instead of
stopping at the first; an import with one error stores nothing. Columns that identify
a person reject the whole import before any row is read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.followup.codes import Codes, fold
from assistant.followup.parsing import TABLES, RawTable
from assistant.followup.records import Dataset, Hours, Operation, Participant, Structure

COLUMNS: dict[str, tuple[str, ...]] = {
    "operations": (
        "operation_id",
        "maitre_ouvrage",
        "intitule",
        "territoire",
        "type_clause",
        "heures_prevues",
        "date_debut",
        "date_fin",
    ),
    "participants": (
        "participant_id",
        "date_entree",
        "tranche_age",
        "allocataire_rsa",
        "sexe",
        "situation_6_mois",
        "situation_12_mois",
    ),
    "heures": (
        "operation_id",
        "participant_id",
        "entreprise",
        "mois",
        "heures",
        "modalite",
        "structure_id",
        "type_contrat",
    ),
    "structures": ("structure_id", "nom", "type"),
}
OPTIONAL = {("participants", "sexe"), ("heures", "structure_id")}
# A structure's name is not a person's: the one forbidden name allowed, in that table only.
ALLOWED_NAMES = {("structures", "nom")}
MAX_PLANNED_HOURS = 1_000_000
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_SUBSTRING_MIN = 8  # long forbidden words are caught inside longer names (« lieu_de_naissance »)


@dataclass(frozen=True)
class Issue:
    source: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}, ligne {self.line}" + (f", colonne {self.column}" if self.column else "")
        return f"{where} : {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"fichier": self.source, "ligne": self.line, "colonne": self.column, "message": self.message}


@dataclass
class Report:
    """What an import found: the rows it would store, its errors and warnings."""

    dataset: Dataset = field(default_factory=Dataset)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    forbidden: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def identifying(column: str, codes: Codes) -> bool:
    """True for a column naming a person: ``Nom``, ``prénom``, ``Date_de_naissance``, ``e-mail``, ``tel_portable``…"""
    tokens = [t for t in _SEPARATORS.split(fold(column)) if t]
    if not tokens:
        return False
    joined = "".join(tokens)
    if joined in codes.forbidden_columns or tokens[0] in codes.forbidden_columns:
        return True
    return any(len(word) >= _SUBSTRING_MIN and word in joined for word in codes.forbidden_columns)


def forbidden_columns(tables: dict[str, RawTable], codes: Codes) -> list[Issue]:
    return [
        Issue(
            table.source,
            1,
            column,
            f"la colonne « {column} » identifie une personne ; le suivi n'accepte que des pseudonymes "
            "(identifiant choisi par le facilitateur). Supprimez cette colonne : rien n'a été importé.",
        )
        for table in tables.values()
        for column in table.columns
        if column and (table.name, column) not in ALLOWED_NAMES and identifying(column, codes)
    ]


def parse_number(text: str) -> float | None:
    """``151,67``, ``1 234,5``, ``1.234,5`` or ``1234.5``; None when not a number."""
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        cleaned = cleaned.replace("." if decimal == "," else ",", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def parse_month(text: str) -> str | None:
    match = _MONTH.match(text) or re.match(r"^(\d{4})-(\d{2})-01", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return f"{match.group(1)}-{match.group(2)}"


class _Checker:
    def __init__(self, table: RawTable, report: Report) -> None:
        self.table = table
        self.report = report
        self.failed = False

    def error(self, line: int, column: str, message: str) -> None:
        self.failed = True
        self.report.errors.append(Issue(self.table.source, line, self.table.where(column) if column else "", message))

    def warn(self, line: int, column: str, message: str) -> None:
        self.report.warnings.append(Issue(self.table.source, line, self.table.where(column) if column else "", message))

    def text(self, line: int, row: dict[str, str], column: str) -> str:
        value = row.get(column, "")
        if not value:
            self.error(line, column, "valeur manquante.")
        return value

    def code(
        self, line: int, row: dict[str, str], column: str, allowed: dict[str, str], default: str | None = None
    ) -> str:
        value = row.get(column, "")
        if not value and default is not None:
            return default
        for code in allowed:
            if value == code or value.lower() == code.lower():
                return code
        shown = ", ".join(allowed)
        self.error(
            line,
            column,
            f"« {value} » n'est pas un code connu (attendu : {shown})."
            if value
            else f"valeur manquante (attendu : {shown}).",
        )
        return value

    def number(self, line: int, row: dict[str, str], column: str) -> float:
        value = parse_number(row.get(column, ""))
        if value is None:
            self.error(line, column, f"« {row.get(column, '')} » n'est pas un nombre.")
            return 0.0
        return value

    def day(self, line: int, row: dict[str, str], column: str) -> date:
        value = parse_date(row.get(column, ""))
        if value is None:
            self.error(line, column, f"« {row.get(column, '')} » n'est pas une date au format AAAA-MM-JJ.")
            return date.min
        return value


def _header(table: RawTable, report: Report) -> bool:
    checker = _Checker(table, report)
    missing = [c for c in COLUMNS[table.name] if c not in table.columns and (table.name, c) not in OPTIONAL]
    for column in missing:
        checker.error(1, column, f"colonne obligatoire absente de la table {table.name}.")
    for column in table.columns:
        if column and column not in COLUMNS[table.name]:
            checker.warn(1, column, "colonne inconnue du format, ignorée.")
    return not missing


def _unique(checker: _Checker, seen: dict[str, int], key: str, line: int, column: str, what: str) -> None:
    if key in seen:
        checker.error(line, column, f"{what} « {key} » en double (déjà ligne {seen[key]}).")
    else:
        seen[key] = line


def _operations(table: RawTable, report: Report, codes: Codes) -> None:
    check = _Checker(table, report)
    seen: dict[str, int] = {}
    for line, row in table.rows:
        check.failed = False
        op_id = check.text(line, row, "operation_id")
        if op_id:
            _unique(check, seen, op_id, line, "operation_id", "opération")
        fields = {c: check.text(line, row, c) for c in ("maitre_ouvrage", "intitule", "territoire")}
        kind = check.code(line, row, "type_clause", codes.type_clause)
        planned = check.number(line, row, "heures_prevues")
        if planned < 0 or planned > MAX_PLANNED_HOURS:
            check.error(line, "heures_prevues", f"{row['heures_prevues']} heures prévues : valeur impossible.")
        start, end = check.day(line, row, "date_debut"), check.day(line, row, "date_fin")
        if start != date.min and end != date.min and end < start:
            check.error(line, "date_fin", "la date de fin précède la date de début.")
        if not check.failed:
            report.dataset.operations.append(
                Operation(op_id, **fields, type_clause=kind, heures_prevues=planned, date_debut=start, date_fin=end)
            )


def _participants(table: RawTable, report: Report, codes: Codes) -> None:
    check = _Checker(table, report)
    seen: dict[str, int] = {}
    for line, row in table.rows:
        check.failed = False
        pid = check.text(line, row, "participant_id")
        if pid:
            _unique(check, seen, pid, line, "participant_id", "participant")
        entry = check.day(line, row, "date_entree")
        age = check.code(line, row, "tranche_age", codes.tranche_age)
        rsa = check.code(line, row, "allocataire_rsa", codes.allocataire_rsa)
        sex = check.code(line, row, "sexe", codes.sexe, default="") if row.get("sexe") else None
        six = check.code(line, row, "situation_6_mois", codes.situation, default="inconnue")
        twelve = check.code(line, row, "situation_12_mois", codes.situation, default="inconnue")
        if not check.failed:
            report.dataset.participants.append(Participant(pid, entry, age, rsa == "oui", sex, six, twelve))


def _structures(table: RawTable, report: Report, codes: Codes) -> None:
    check = _Checker(table, report)
    seen: dict[str, int] = {}
    for line, row in table.rows:
        check.failed = False
        sid = check.text(line, row, "structure_id")
        if sid:
            _unique(check, seen, sid, line, "structure_id", "structure")
        name = check.text(line, row, "nom")
        kind = check.code(line, row, "type", codes.structure_type)
        if not check.failed:
            report.dataset.structures.append(Structure(sid, name, kind))


def check_hours_rows(
    table: RawTable,
    report: Report,
    codes: Codes,
    operations: dict[str, Operation],
    participants: set[str],
    structures: set[str],
    operation_ids: set[str] | None = None,
) -> None:
    """The ``heures`` table (or a monthly statement turned into one) against the known references.

    ``operation_ids`` are every id of the operations table, valid rows or not (a wrong cell in
    an operation is reported once, not again on each of its hours).
    """
    known_operations = operation_ids if operation_ids is not None else set(operations)
    check = _Checker(table, report)
    seen: dict[tuple[str, ...], int] = {}
    per_person_month: dict[tuple[str, str], float] = defaultdict(float)
    for line, row in table.rows:
        check.failed = False
        op_id = check.text(line, row, "operation_id")
        if op_id and op_id not in known_operations:
            check.error(line, "operation_id", f"opération « {op_id} » inconnue (absente de la table operations).")
        pid = check.text(line, row, "participant_id")
        if pid and pid not in participants:
            check.error(line, "participant_id", f"participant « {pid} » inconnu (absent de la table participants).")
        company = check.text(line, row, "entreprise")
        month = parse_month(row.get("mois", ""))
        if month is None:
            check.error(line, "mois", f"« {row.get('mois', '')} » n'est pas un mois au format AAAA-MM.")
        hours = check.number(line, row, "heures")
        if hours < 0:
            check.error(line, "heures", f"{row['heures']} heures : un nombre d'heures ne peut pas être négatif.")
        elif hours > codes.max_hours_per_month:
            check.error(
                line,
                "heures",
                f"{row['heures']} heures en un mois pour une personne : au-delà de {codes.max_hours_per_month:g} h, "
                "la valeur est invraisemblable (vérifiez l'unité ou le mois).",
            )
        mode = check.code(line, row, "modalite", codes.modalite)
        structure = row.get("structure_id", "") or None
        if structure and structure not in structures:
            check.error(line, "structure_id", f"structure « {structure} » inconnue (absente de la table structures).")
        contract = check.text(line, row, "type_contrat").lower()
        if contract and contract not in codes.type_contrat:
            check.warn(
                line, "type_contrat", f"type de contrat « {contract} » hors de la liste usuelle, conservé tel quel."
            )
        if month and op_id in operations:
            op = operations[op_id]
            if not (f"{op.date_debut:%Y-%m}" <= month <= f"{op.date_fin:%Y-%m}"):
                check.warn(line, "mois", f"mois {month} hors de la période d'exécution de l'opération {op_id}.")
        key = (op_id, pid, company, month or "")
        if not check.failed:
            if key in seen:
                check.error(
                    line,
                    "",
                    f"ligne en double : même opération, participant, entreprise et mois que la ligne {seen[key]}.",
                )
            seen[key] = line
            per_person_month[(pid, month or "")] += hours
            if per_person_month[(pid, month or "")] > codes.max_hours_per_month and hours <= codes.max_hours_per_month:
                check.error(
                    line,
                    "heures",
                    f"le participant {pid} cumule {per_person_month[(pid, month or '')]:g} heures en {month} "
                    f"(plus de {codes.max_hours_per_month:g} h en un mois).",
                )
        if not check.failed:
            report.dataset.hours.append(Hours(op_id, pid, company, month or "", hours, mode, structure, contract))


def _ids(table: RawTable | None, column: str) -> set[str]:
    return {row[column] for _, row in table.rows if row.get(column)} if table else set()


def validate(
    tables: dict[str, RawTable],
    codes: Codes,
    known_participants: set[str] = frozenset(),  # type: ignore[assignment]
    known_structures: set[str] = frozenset(),  # type: ignore[assignment]
) -> Report:
    """Every check of the format note; ``known_*`` are ids already stored (references may point at them)."""
    report = Report()
    report.errors = forbidden_columns(tables, codes)
    if report.errors:
        report.forbidden = True
        return report
    if "operations" not in tables:
        report.errors.append(Issue("(import)", 0, "", "la table operations est absente : elle est obligatoire."))
        return report
    complete = {name: _header(table, report) for name, table in tables.items()}
    if not all(complete.values()):
        return report
    _operations(tables["operations"], report, codes)
    if "participants" in tables:
        _participants(tables["participants"], report, codes)
    if "structures" in tables:
        _structures(tables["structures"], report, codes)
    if "heures" in tables:
        participants = known_participants | _ids(tables.get("participants"), "participant_id")
        structures = known_structures | _ids(tables.get("structures"), "structure_id")
        operations = {op.operation_id: op for op in report.dataset.operations}
        operation_ids = _ids(tables["operations"], "operation_id")
        check_hours_rows(tables["heures"], report, codes, operations, participants, structures, operation_ids)
    for name in TABLES:
        if name in tables and not tables[name].rows:
            report.warnings.append(Issue(tables[name].source, 1, "", f"la table {name} ne contient aucune ligne."))
    return report
