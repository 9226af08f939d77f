"""``clauses eval``: the quality evaluation of the answers (eval/quality.py), as a thin command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def evaluate(
    backend: Annotated[
        str | None,
        typer.Option("--backend", help="Moteur évalué : embedded ou llm (par défaut : celui des réglages)."),
    ] = None,
    cases: Annotated[
        Path | None, typer.Option("--cases", help="Fichier des cas (par défaut : eval/cases.yaml).")
    ] = None,
    report_dir: Annotated[
        Path | None,
        typer.Option("--report-dir", help="Dossier du rapport Markdown et du graphique (par défaut : eval/reports/)."),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            help="Ne joue que cette catégorie : knowledge, sizing, drafting, followup, tricky (répétable).",
        ),
    ] = None,
    eval_set: Annotated[
        str,
        typer.Option(
            "--set",
            help="Jeu évalué : team (cas de l'équipe, eval/cases.yaml) ou blind (questions écrites à l'aveugle).",
        ),
    ] = "team",
    batch: Annotated[
        str, typer.Option("--batch", help="Lot à l'aveugle (eval/blind/<lot>.yaml), avec --set blind.")
    ] = "batch-01",
    label: Annotated[
        str | None, typer.Option("--label", help="Suffixe du rapport à l'aveugle (ex. before, after).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Résumé JSON (avec --set blind).")] = False,
) -> None:
    """Évalue la qualité des réponses : cas de l'équipe (par défaut) ou lot écrit à l'aveugle (--set blind)."""
    if backend is not None and backend not in ("embedded", "llm"):
        raise typer.BadParameter("embedded ou llm", param_hint="--backend")
    if eval_set not in ("team", "blind"):
        raise typer.BadParameter("team ou blind", param_hint="--set")
    if eval_set == "blind":
        from eval.blind import run as run_blind

        raise typer.Exit(code=run_blind(batch, backend=backend, report_dir=report_dir, label=label, as_json=as_json))
    from eval.quality import run  # heavy imports only when the command runs

    raise typer.Exit(code=run(backend, cases, report_dir, category))
