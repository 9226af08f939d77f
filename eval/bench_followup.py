"""Follow-up benchmark: a generated year of a large territory, imported and reported.

300 operations, 2 000 participants and 40 000 monthly hours rows (the issue's size) are
written as the four CSV tables of the exchange format, then measured on this machine:
the import (reading, checking every cell, storing), a second import of the same files
(replacement), the yearly ``bilan`` (target: under 2 s), the alerts, the Word report, and
the size of the database. SQLite by default; ``--database-url`` measures another database.

    python -m eval.bench_followup [--database-url postgresql+psycopg://…] [--quick]

``python -m eval.bench`` runs it as its « followup » section.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from assistant.followup.validation import COLUMNS

TERRITORIES = [
    "Voironnais-Chartreuse",
    "Grésivaudan",
    "Agglomération grenobloise",
    "Isère rhodanienne",
    "Porte des Alpes",
]
CLAUSES = ["execution", "critere", "reserve_siae", "reserve_ea_esat", "marche_insertion"]
CONTRACTS = ["cdi", "cdd", "interim", "cddi", "contrat_pro", "apprentissage"]
MODALITIES = ["embauche_directe", "mise_a_disposition", "sous_traitance", "cotraitance"]
SITUATIONS = ["emploi_durable", "emploi_transition", "sortie_positive", "autre", "inconnue"]
STRUCTURES = [
    ("S%02d" % i, f"Structure {i}", t)
    for i, t in enumerate(["ACI", "AI", "EI", "ETTI", "EITI", "GEIQ", "EA", "ESAT"] * 5, 1)
]
BILAN_TARGET_S = 2.0


def generate(folder: Path, operations: int, participants: int, rows: int, year: int = 2026, seed: int = 2026) -> None:
    """The four CSV tables of one territory year (deterministic for a seed)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ops: list[list[Any]] = []
    for i in range(operations):
        start = date(year - 1 + rng.random().__lt__(0.5), rng.randint(1, 12), 1)
        months = rng.randint(8, 30)
        end_month = start.month - 1 + months
        end = date(start.year + end_month // 12, end_month % 12 + 1, 28)
        if end < date(year, 1, 1):
            end = date(year, 6, 28)
        ops.append(
            [
                f"OP-{i:04d}",
                "Département de l'Isère",
                f"Marché {i} — lot {i % 9 + 1}",
                rng.choice(TERRITORIES),
                rng.choice(CLAUSES),
                rng.choice([150, 400, 600, 1000, 1400, 2500, 5000]),
                start.isoformat(),
                end.isoformat(),
            ]
        )
    people = [
        [
            f"P{i:05d}",
            date(year - 1, 1, 1).fromordinal(date(year - 1, 1, 1).toordinal() + rng.randint(0, 700)).isoformat(),
            rng.choice(["moins_26", "26_49", "50_plus"]),
            rng.choice(["oui", "non", "non"]),
            rng.choice(["F", "H"]),
            rng.choice(SITUATIONS),
            rng.choice(SITUATIONS),
        ]
        for i in range(participants)
    ]
    seen: set[tuple[str, str, str, str]] = set()
    load: dict[tuple[str, str], float] = {}
    hours: list[list[Any]] = []
    while len(hours) < rows:
        op = rng.choice(ops)
        person: str = rng.choice(people)[0]
        month = f"{year}-{rng.randint(1, 12):02d}"
        company = f"Entreprise {int(op[0][3:]) % 97}"
        amount = rng.choice([7, 14, 21, 35, 70, 105])
        key = (str(op[0]), person, company, month)
        if key in seen or load.get((person, month), 0) + amount > 250:
            continue
        seen.add(key)
        load[(person, month)] = load.get((person, month), 0) + amount
        structure = rng.choice(STRUCTURES)[0] if rng.random() < 0.7 else ""
        hours.append([op[0], person, company, month, amount, rng.choice(MODALITIES), structure, rng.choice(CONTRACTS)])
    rows: dict[str, list[list[Any]]] = {
        "operations": ops,
        "participants": people,
        "heures": hours,
        "structures": [list(s) for s in STRUCTURES],
    }
    for name, body in rows.items():
        header = COLUMNS[name]
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(header)
            writer.writerows(body)


def _timed(function: Any, repeats: int = 1) -> tuple[float, Any]:
    durations, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def run_bench(work: Path, quick: bool = False, database_url: str | None = None) -> dict[str, Any]:
    from assistant.db import Database, sqlite_url
    from assistant.followup.period import Period
    from assistant.followup.service import Followup
    from assistant.settings import Settings

    sizes = (30, 200, 4000) if quick else (300, 2000, 40_000)
    folder = work / "followup-data"
    generate(folder, *sizes)
    db_path = work / "followup.sqlite3"
    database = Database(database_url or sqlite_url(db_path))
    followup = Followup.from_settings(Settings(_env_file=None), database)  # type: ignore[call-arg]
    year = Period.year(2026)
    import_s, result = _timed(lambda: followup.import_path(folder))
    if not result.ok:
        raise RuntimeError(f"generated data refused: {[str(e) for e in result.report.errors[:5]]}")
    reimport_s, _ = _timed(lambda: followup.import_path(folder))
    bilan_s, bilan = _timed(lambda: followup.bilan(year), repeats=3)
    territory_s, _ = _timed(lambda: followup.bilan(year, "Voironnais"), repeats=3)
    alerts_s, alerts = _timed(lambda: followup.alerts(date(2026, 7, 15)), repeats=3)
    docx_s, docx = _timed(lambda: followup.export("docx", year))
    size_mb: float | None = None
    if database_url is None:
        wal = db_path.with_name(db_path.name + "-wal")
        size_mb = (db_path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6
    database.dispose()
    return {
        "backend": database.dialect,
        "operations": sizes[0],
        "participants": sizes[1],
        "hours_rows": sizes[2],
        "import_s": round(import_s, 2),
        "reimport_s": round(reimport_s, 2),
        "bilan_year_s": round(bilan_s, 3),
        "bilan_territory_s": round(territory_s, 3),
        "alerts_s": round(alerts_s, 3),
        "docx_report_s": round(docx_s, 2),
        "docx_kb": round(len(docx) / 1000),
        "database_mb": round(size_mb, 1) if size_mb is not None else None,
        "bilan_target_s": BILAN_TARGET_S,
        "bilan_within_target": bilan_s < BILAN_TARGET_S,
        "check": {
            "realised_hours": bilan["heures"]["realisees"],
            "participants": bilan["participants"]["total"],
            "alerts": len(alerts),
        },
    }


def print_summary(figures: dict[str, Any]) -> None:
    print(
        f"\nSuivi ({figures['backend']}) — {figures['operations']} opérations, {figures['participants']} participants, "
        f"{figures['hours_rows']} lignes d'heures :"
    )
    print(
        f"  import (lecture, contrôle, enregistrement) : {figures['import_s']} s ; réimport (remplacement) : {figures['reimport_s']} s"
    )
    verdict = "OK" if figures["bilan_within_target"] else "AU-DELÀ"
    print(
        f"  bilan de l'année : {figures['bilan_year_s']} s (cible < {figures['bilan_target_s']} s : {verdict}) ; un territoire : {figures['bilan_territory_s']} s"
    )
    print(
        f"  alertes : {figures['alerts_s']} s ; rapport Word : {figures['docx_report_s']} s ({figures['docx_kb']} ko)"
    )
    if figures["database_mb"] is not None:
        print(f"  base SQLite : {figures['database_mb']} Mo")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes (smoke run)")
    parser.add_argument("--database-url", help="measure this database instead of a temporary SQLite file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="clauses-bench-suivi-") as work:
        print("[bench] followup…", file=sys.stderr, flush=True)
        print_summary(run_bench(Path(work), args.quick, args.database_url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
