"""``clauses size`` and ``clauses draft``: the two expert tools on the command line."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assistant.drafting import DraftResult
from assistant.errors import ClausesError, InvalidInput, RequestRefused
from assistant.fr import fmt_euros, fmt_fixed, fmt_number, fmt_percent
from assistant.settings import Settings
from assistant.sizing import SizingParams, SizingResult, cli_option, parse_lot_spec

if TYPE_CHECKING:
    from assistant import Assistant

console = Console()
err_console = Console(stderr=True)

_MARKET_TYPES = {
    "travaux": "works",
    "works": "works",
    "fournitures-services": "supplies_services",
    "fournitures": "supplies_services",
    "services": "supplies_services",
    "supplies_services": "supplies_services",
}


def _assistant() -> Assistant:  # imported on use: the tools need neither Chroma nor LangChain
    from assistant import Assistant

    return Assistant(Settings())


def _fail(error: ClausesError) -> typer.Exit:
    if isinstance(error, RequestRefused):
        # The refusal message already opens with « Demande refusée » and gives the alternative.
        err_console.print(f"[bold red]{escape(error.message)}[/]")
    else:
        err_console.print(f"[bold red]Erreur :[/] {escape(error.message)}")
    return typer.Exit(code=2)


def _print_json(data: dict[str, Any]) -> None:
    # Plain print, not rich: JSON must not be wrapped or styled.
    print(json.dumps(data, ensure_ascii=False, indent=2))


# === size ====================================================================


def _size(*, as_json: bool = False, **raw: Any) -> None:
    """Dimensionne les heures d'insertion d'un marché et explique le calcul."""
    try:
        result = _assistant().size(_sizing_params(raw))
    except ClausesError as error:
        raise _fail(error) from None
    if as_json:
        _print_json(result.to_dict())
        return
    _print_sizing(result)


def _sizing_params(raw: dict[str, Any]) -> dict[str, Any]:
    """The options given, as sizing parameters (``--lot`` specs read, French market types mapped)."""
    params = {name: value for name, value in raw.items() if value is not None and value is not False}
    market_type = params.get("market_type")
    if market_type is not None:
        params["market_type"] = _MARKET_TYPES.get(str(market_type).strip().lower())
        if params["market_type"] is None:
            raise InvalidInput(
                f"Type de marché inconnu : « {market_type} ». Valeurs possibles : travaux, fournitures-services.",
                field="market_type",
            )
    if params.get("lots"):
        params["lots"] = [parse_lot_spec(spec) for spec in params["lots"]]
    if params.get("amount") is None and params.get("hours") is None and not params.get("lots"):
        raise InvalidInput(
            "Montant HT du marché : indiquez --amount (ou --lot pour un marché alloti, ou --hours pour convertir "
            "des heures en ETP).",
            field="amount",
        )
    return params


def _size_signature() -> inspect.Signature:
    """One option per sizing parameter, from its single declaration (:class:`SizingParams`)."""
    options = []
    for name in SizingParams.model_fields:
        flag, help_text = cli_option(name)
        if name == "framework":
            annotation: Any = Annotated[bool, typer.Option(flag, help=help_text)]
            default: Any = False
        elif name == "lots":
            annotation, default = Annotated[list[str] | None, typer.Option(flag, help=help_text)], None
        else:
            annotation, default = Annotated[str | None, typer.Option(flag, help=help_text)], None
        options.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation))
    as_json = Annotated[bool, typer.Option("--json", help="Affiche le résultat en JSON.")]
    options.append(inspect.Parameter("as_json", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=as_json))
    return inspect.Signature(options)


def size(**options: Any) -> None:
    """Dimensionne les heures d'insertion d'un marché et explique le calcul."""
    _size(**options)


size.__signature__ = _size_signature()  # type: ignore[attr-defined]
size.__annotations__ = {p.name: p.annotation for p in size.__signature__.parameters.values()}  # type: ignore[attr-defined]


def _keep_numbers_together(text: str) -> str:
    # Terminal wrapping must not split « 5 404 000 € » across lines.
    return re.sub(r"(?<=\d) (?=\d{3}\b)|(?<=\d) (?=(?:€|h|%|mois)\b)", "\u00a0", text)


def _print_sizing(result: SizingResult) -> None:
    console.print(f"[bold]{escape(result.method_label)}[/]")
    if result.lots:
        lots = Table(title="Lots", show_lines=False)
        for column in ("Lot", "Montant HT", "Part MO", "Heures", "Remarque"):
            lots.add_column(column)
        for line in result.lots:
            lots.add_row(
                escape(line.label),
                fmt_euros(line.amount),
                fmt_percent(line.labour_share),
                f"{fmt_number(line.hours)} h",
                "[yellow]petite clause[/]" if line.small else "",
            )
        console.print(lots)
    summary = Table(show_header=False, box=None)
    summary.add_row("[bold]Heures d'insertion[/]", f"[bold green]{fmt_number(result.hours)} h[/]")
    if result.hours_worked is not None:
        summary.add_row("Heures travaillées estimées", f"{fmt_number(result.hours_worked)} h")
    summary.add_row("ETP (total)", f"{fmt_fixed(result.etp_total)} (base {fmt_number(result.etp_base)} h)")
    if result.etp_per_year is not None:
        summary.add_row("ETP par an", fmt_fixed(result.etp_per_year))
    if result.hours_per_year is not None:
        summary.add_row("Heures par an", f"{fmt_number(result.hours_per_year)} h")
    if not result.clause_advised:
        summary.add_row("Conseil", "[bold yellow]pas de clause sur ce marché[/]")
    console.print(summary)
    console.print(f"[bold]Calcul :[/] {escape(_keep_numbers_together(result.formula))}")
    console.print(f"[dim]{escape(_keep_numbers_together(result.rounding))}[/]")
    table = Table(title="Hypothèses")
    for column in ("Paramètre", "Valeur", "Origine", "Source"):
        table.add_column(column)
    for assumption in result.assumptions:
        source = assumption.source_title or assumption.source_url or ""
        table.add_row(escape(assumption.label), escape(assumption.display), assumption.origin, escape(source))
    console.print(table)
    for warning in result.warnings:
        console.print(f"[bold yellow]Attention :[/] {escape(_keep_numbers_together(warning))}")
    for note in result.notes:
        console.print(f"[dim]Note : {escape(_keep_numbers_together(note))}[/]")


# === draft ===================================================================


def _parse_params(pairs: list[str]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(
                f'Paramètre « {pair} » : format attendu clé=valeur (ex. --param market_object="Réfection des chaussées").',
                field="param",
            )
        parsed[key.strip()] = value.strip()
    return parsed


def draft(
    kind: Annotated[
        str,
        typer.Argument(
            help="Type de clause : execution, announcement, criterion, reserved-siae, reserved-ea-esat, reserved-both, reserved-ess, insertion-market, framework-agreement, cleaning-transfer, start-letter, hours-report, globalisation, penalties."
        ),
    ],
    hours: Annotated[str | None, typer.Option("--hours", help="Nombre d'heures d'insertion.")] = None,
    lots: Annotated[str | None, typer.Option("--lots", help="Lots concernés (périmètre).")] = None,
    penalty: Annotated[str | None, typer.Option("--penalty", help="Pénalité par heure non réalisée, en € HT.")] = None,
    facilitator: Annotated[str | None, typer.Option("--facilitator", help="Facilitateur (structure et nom).")] = None,
    weight: Annotated[str | None, typer.Option("--weight", help="Pondération du critère : 10 ou « 10 % ».")] = None,
    publics: Annotated[
        str | None, typer.Option("--publics", help="Publics visés en priorité, parmi les catégories nationales.")
    ] = None,
    rate: Annotated[str | None, typer.Option("--rate", help="Taux d'insertion retenu : 0.05 ou « 5 % ».")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", help="Autre paramètre clé=valeur, à répéter (ex. market_object=…).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="md, docx ou json.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Fichier de sortie (obligatoire pour le .docx, sinon clause-<type>.docx)."),
    ] = None,
) -> None:
    """Rédige une clause prête à coller, avec ses références et ce qui reste à compléter."""
    fmt = output_format.strip().lower()
    try:
        if fmt not in {"md", "docx", "json"}:
            raise InvalidInput(
                f"Format inconnu : « {output_format} ». Formats possibles : md, docx, json.", field="format"
            )
        params: dict[str, Any] = _parse_params(param or [])
        for name, value in (
            ("hours", hours),
            ("lots", lots),
            ("penalty", penalty),
            ("facilitator", facilitator),
            ("weight", weight),
            ("publics", publics),
            ("rate", rate),
        ):
            if value is not None:
                params[name] = value
        result = _assistant().draft(kind, params)
    except ClausesError as error:
        raise _fail(error) from None

    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
            err_console.print(f"Écrit : {output}")
        else:
            print(text)
        return
    if fmt == "docx":
        from assistant.export import to_docx

        target = output or Path(f"clause-{result.kind}.docx")
        target.write_bytes(to_docx(result))
        console.print(f"Document Word écrit : [bold]{escape(str(target))}[/]")
        _print_draft_summary(result, console)
        return
    if output:
        output.write_text(result.text, encoding="utf-8")
        console.print(f"Texte écrit : [bold]{escape(str(output))}[/]")
        _print_draft_summary(result, console)
        return
    # The clause goes to stdout untouched (ready to paste or redirect); the summary to stderr.
    print(result.text, end="")
    _print_draft_summary(result, err_console)


def _print_draft_summary(result: DraftResult, target: Console) -> None:
    target.print(f"\n[bold]{escape(result.title)}[/]")
    target.print(
        "[bold]Références :[/] "
        + escape(", ".join(ref.id + ("" if ref.verified else " (à confirmer)") for ref in result.reference_details))
    )
    if result.to_complete:
        target.print("[bold]À compléter :[/]")
        for label in result.to_complete:
            target.print(f"  - {escape(label)}")
    if result.to_decide:
        target.print("[bold]À décider par l'acheteur :[/]")
        for item in result.to_decide:
            target.print(f"  - {escape(item)}")
    for warning in result.warnings:
        target.print(f"[bold yellow]Attention :[/] {escape(warning)}")
