"""``clauses suivi …``: import the follow-up tables, compute the Department's indicators, list late operations."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from assistant.errors import ClausesError
from assistant.settings import Settings

app = typer.Typer(
    name="suivi",
    help="Suivi des clauses : importer les tableaux, calculer les indicateurs du Département, repérer les retards.",
    no_args_is_help=True,
)
console = Console()
err_console = Console(stderr=True)

FORMATS = ("json", "md", "docx", "xlsx")


def _followup():  # type: ignore[no-untyped-def]
    from assistant.followup.service import Followup

    return Followup.from_settings(Settings())


def _fail(error: ClausesError) -> typer.Exit:
    err_console.print(f"[bold red]Erreur :[/] {error.message}")
    return typer.Exit(code=2)


def _date(value: str | None, option: str, default: date) -> date:
    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        err_console.print(f"[bold red]Erreur :[/] {option} attend une date AAAA-MM-JJ (reçu « {value} »).")
        raise typer.Exit(code=2) from error


@app.command("import")
def import_(
    path: Annotated[
        Path, typer.Argument(help="Dossier de fichiers CSV, classeur .xlsx, ou état mensuel d'heures rempli.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Affiche le rapport de validation en JSON.")] = False,
) -> None:
    """Importe les tableaux de suivi (tout est vérifié avant d'enregistrer quoi que ce soit)."""
    try:
        result = _followup().import_path(path)
    except ClausesError as error:
        raise _fail(error) from error
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        for issue in result.report.errors:
            err_console.print(f"[red]✗[/] {issue}", highlight=False)
        for issue in result.report.warnings:
            console.print(f"[yellow]![/] {issue}", highlight=False)
        style = "green" if result.ok else "bold red"
        (console if result.ok else err_console).print(f"[{style}]{result.summary()}[/]")
    if not result.ok:
        raise typer.Exit(code=1)


@app.command("bilan")
def bilan(
    debut: Annotated[
        str | None, typer.Option("--debut", help="Début de la période (AAAA-MM-JJ ; défaut : 1er janvier).")
    ] = None,
    fin: Annotated[
        str | None, typer.Option("--fin", help="Fin de la période (AAAA-MM-JJ ; défaut : 31 décembre).")
    ] = None,
    territoire: Annotated[str | None, typer.Option("--territoire", help="Territoire (nom ou partie du nom).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json, md, docx ou xlsx.")] = "md",
    as_json: Annotated[bool, typer.Option("--json", help="Raccourci de --format json.")] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Fichier à écrire (obligatoire pour docx et xlsx).")
    ] = None,
) -> None:
    """Indicateurs de résultat du Département pour une période et un territoire (bilan annuel)."""
    from assistant.followup.period import Period

    today = date.today()
    period = Period(_date(debut, "--debut", date(today.year, 1, 1)), _date(fin, "--fin", date(today.year, 12, 31)))
    fmt = "json" if as_json else fmt.lower()
    if fmt not in FORMATS:
        err_console.print(f"[bold red]Erreur :[/] format « {fmt} » inconnu (json, md, docx ou xlsx).")
        raise typer.Exit(code=2)
    if period.fin < period.debut:
        err_console.print("[bold red]Erreur :[/] la fin de la période précède son début.")
        raise typer.Exit(code=2)
    if fmt in {"docx", "xlsx"} and output is None:
        output = Path(f"bilan-clauses-{period.debut:%Y%m%d}-{period.fin:%Y%m%d}.{fmt}")
    try:
        content = _followup().export(fmt, period, territoire)  # type: ignore[arg-type]
    except ClausesError as error:
        raise _fail(error) from error
    if output is not None:
        output.write_bytes(content)
        console.print(f"Bilan écrit dans {output}.")
    elif fmt == "md" and sys.stdout.isatty():
        console.print(Markdown(content.decode("utf-8")))
    else:
        print(content.decode("utf-8"), end="" if fmt == "md" else "\n")


@app.command("alertes")
def alertes(
    day: Annotated[
        str | None, typer.Option("--date", help="Date du point (AAAA-MM-JJ ; défaut : aujourd'hui).")
    ] = None,
    seuil: Annotated[
        float,
        typer.Option(
            "--seuil",
            min=0.0,
            max=1.0,
            help="Part des heures prévues à date en dessous de laquelle une opération est en retard.",
        ),
    ] = 0.8,
    territoire: Annotated[str | None, typer.Option("--territoire", help="Territoire (nom ou partie du nom).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Affiche les alertes en JSON.")] = False,
) -> None:
    """Opérations en cours en retard sur leurs heures prévues à date : qui relancer ce mois-ci."""
    from assistant.followup.texts import hours, percent

    when = _date(day, "--date", date.today())
    try:
        alerts = _followup().alerts(when, seuil, territoire)
    except ClausesError as error:
        raise _fail(error) from error
    if as_json:
        payload = {"date": when.isoformat(), "seuil": seuil, "alertes": [a.as_dict() for a in alerts]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not alerts:
        console.print(f"Aucune opération en retard au {when:%d/%m/%Y} (seuil : {percent(seuil)}).")
        return
    table = Table(title=f"Opérations en retard au {when:%d/%m/%Y} (seuil : {percent(seuil)} des heures prévues à date)")
    for column in ("Opération", "Entreprise(s)", "Territoire", "Réalisées / prévues à date", "Écart", "Mois restants"):
        table.add_column(column)
    for a in alerts:
        table.add_row(
            f"{a.operation_id}\n{a.intitule}",
            ", ".join(a.entreprises) or "aucune déclarée",
            a.territoire,
            f"{hours(a.heures_realisees)} / {hours(a.heures_prevues_a_date)} ({percent(a.taux_realisation)})",
            hours(a.ecart_heures),
            str(a.mois_restants),
        )
    console.print(table)


@app.command("territoires")
def territoires() -> None:
    """Liste les territoires présents dans les données de suivi."""
    for name in _followup().territories():
        console.print(name, highlight=False)
