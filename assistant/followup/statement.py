"""A company's monthly hours statement (the ``hours-report`` clause kind), filled in and sent back.

The statement drafted by ``clauses draft hours-report`` has a heading block (Marché,
Titulaire, Période…) and the table « Heures réalisées dans le mois » whose columns are
Identifiant de la personne, Catégorie de public, Modalité, Type de contrat, Date d'entrée
sur le marché, Heures du mois, Heures cumulées. Saved as CSV or .xlsx, it becomes rows of
the ``heures`` table for that operation, company and month, checked like any import.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from assistant.followup.codes import Codes, fold
from assistant.followup.parsing import RawTable, cell_text, decode, sniff_separator, workbook_rows
from assistant.followup.records import Operation
from assistant.followup.validation import Issue, Report, check_hours_rows, identifying, parse_month
from assistant.fr.formatting import MONTH_NUMBERS

MARKER = "identifiant de la personne"
# Statement column (folded prefix) → column of the ``heures`` table.
COLUMNS = {
    "identifiant": "participant_id",
    "modalite": "modalite",
    "type de contrat": "type_contrat",
    "heures du mois": "heures",
    "structure": "structure_id",
}
# Wording of the statement's « Modalité » column → the format's modalite code.
MODALITIES = {
    "embauche directe": "embauche_directe",
    "etti": "mise_a_disposition",
    "ai": "mise_a_disposition",
    "geiq": "mise_a_disposition",
    "mise a disposition": "mise_a_disposition",
    "sous-traitance ei": "sous_traitance",
    "sous-traitance": "sous_traitance",
    "ei": "sous_traitance",
    "aci": "sous_traitance",
    "ea": "sous_traitance",
    "esat": "sous_traitance",
    "ea ou esat": "sous_traitance",
    "cotraitance": "cotraitance",
    "co-traitance": "cotraitance",
}
CONTRACTS = {
    "contrat de professionnalisation": "contrat_pro",
    "contrat pro": "contrat_pro",
    "professionnalisation": "contrat_pro",
    "interim": "interim",
    "contrat d'apprentissage": "apprentissage",
}


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    if path.suffix.lower() == ".xlsx":
        sheets = workbook_rows(path)
        for sheet in sheets.values():
            texts = [(n, [cell_text(v) for v in row]) for n, row in enumerate(sheet, start=1)]
            if any(MARKER in fold(cell) for _, cells in texts for cell in cells):
                return texts
        return []
    text = decode(path.read_bytes())
    # The heading block's first line (« Rubrique;Renseignement ») tells the separator: the
    # table's header holds commas in its own wording.
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text), delimiter=sniff_separator(first_line))
    rows: list[tuple[int, list[str]]] = []
    for cells in reader:
        rows.append((reader.line_num, [c.strip() for c in cells]))
    return rows


def is_statement(path: Path) -> bool:
    """True for a single CSV or .xlsx file holding the statement's table."""
    if not path.is_file() or path.suffix.lower() not in {".csv", ".xlsx"}:
        return False
    if path.suffix.lower() == ".csv":
        return MARKER in fold(decode(path.read_bytes()))
    return bool(_rows(path))


def parse_period(text: str) -> str | None:
    """« 2026-04 », « 04/2026 », « avril 2026 » → « 2026-04 »."""
    value = fold(text)
    month = parse_month(value)
    if month:
        return month
    match = re.match(r"^(\d{1,2})/(\d{4})$", value)
    if match and 1 <= int(match.group(1)) <= 12:
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    match = re.match(r"^([a-z]+)\s+(\d{4})$", value)
    if match and match.group(1) in MONTH_NUMBERS:
        return f"{match.group(2)}-{MONTH_NUMBERS[match.group(1)]:02d}"
    return None


def _modality(value: str, codes: Codes) -> str:
    folded = fold(value)
    if folded in codes.modalite:
        return folded
    return MODALITIES.get(folded, value)


def _contract(value: str) -> str:
    folded = fold(value)
    return CONTRACTS.get(folded, folded.replace(" ", "_"))


def read_statement(
    path: Path,
    codes: Codes,
    operations: dict[str, Operation],
    participants: set[str],
    structures: set[str],
) -> Report:
    """The statement's rows as ``heures`` rows, checked; errors point at the statement's own lines."""
    report = Report()
    source = path.name
    rows = _rows(path)
    heading: dict[str, tuple[int, str]] = {}
    table: RawTable | None = None
    positions: dict[int, str] = {}
    for line, cells in rows:
        first = fold(cells[0]) if cells else ""
        if table is None and first.startswith(MARKER):
            for i, cell in enumerate(cells):
                for prefix, column in COLUMNS.items():
                    if fold(cell).startswith(prefix):
                        positions[i] = column
            table = RawTable("heures", source, list(positions.values()))
            table.letters = {column: cells[i] for i, column in positions.items()}
            for cell in cells:
                if cell and identifying(cell, codes):
                    report.forbidden = True
                    report.errors.append(
                        Issue(
                            source,
                            line,
                            cell,
                            f"la colonne « {cell} » identifie une personne ; l'état ne doit désigner les personnes "
                            "que par l'identifiant convenu avec le facilitateur. Rien n'a été importé.",
                        )
                    )
            continue
        if table is None:
            if len(cells) >= 2 and first:
                heading[first] = (line, cells[1])
            continue
        if not any(cells) or first.startswith(("indicateur", "heures realisees", "recapitulatif")):
            if table.rows:
                break
            continue
        table.rows.append((line, {column: cells[i] if i < len(cells) else "" for i, column in positions.items()}))

    if table is None:
        report.errors.append(Issue(source, 1, "", "tableau « Heures réalisées dans le mois » introuvable."))
        return report
    if report.forbidden:
        return report
    market_line, market = heading.get("marche", (1, ""))
    operation_id = re.split(r"\s+[—–-]\s+", market, maxsplit=1)[0].strip()
    if operation_id not in operations:
        report.errors.append(
            Issue(
                source,
                market_line,
                "Marché",
                f"opération « {operation_id or market} » inconnue : importez d'abord la table operations "
                "(la référence du marché doit être son operation_id).",
            )
        )
    company_line, company = heading.get("titulaire", (1, ""))
    if not company:
        report.errors.append(Issue(source, company_line, "Titulaire", "titulaire (entreprise) manquant."))
    period_line, period_text = heading.get("periode", (1, ""))
    month = parse_period(period_text)
    if month is None:
        report.errors.append(
            Issue(source, period_line, "Période", f"« {period_text} » n'est pas un mois (2026-04 ou avril 2026).")
        )
    if report.errors:
        return report
    for _line, row in table.rows:
        row.update(operation_id=operation_id, entreprise=company, mois=month or "")
        row["modalite"] = _modality(row.get("modalite", ""), codes)
        row["type_contrat"] = _contract(row.get("type_contrat", ""))
    check_hours_rows(table, report, codes, operations, participants, structures)
    if not table.rows:
        report.warnings.append(Issue(source, 1, "", "l'état ne contient aucune ligne d'heures."))
    return report
