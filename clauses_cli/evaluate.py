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
) -> None:
    """Évalue la qualité des réponses sur les cas de référence (tableau, rapport, graphique, seuils)."""
    if backend is not None and backend not in ("embedded", "llm"):
        raise typer.BadParameter("embedded ou llm", param_hint="--backend")
    from eval.quality import run  # heavy imports only when the command runs

    raise typer.Exit(code=run(backend, cases, report_dir, category))
