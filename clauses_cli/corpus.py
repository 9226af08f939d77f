"""``clauses ingest`` and ``clauses search``: building the index and querying it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.errors import ClausesError
from assistant.settings import Settings

# Heavy modules (Chroma, BM25, LangChain) are imported inside the commands, so that
# `clauses size` or `clauses --help` start in a fraction of a second.
METHODS = ("hybrid", "lexical", "dense")

console = Console()
err_console = Console(stderr=True)


def fail(error: ClausesError) -> typer.Exit:
    err_console.print(f"[bold red]Erreur :[/] {error.message}")
    return typer.Exit(code=2)


def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Fichiers ou dossiers à indexer (par défaut : les dossiers du corpus des réglages)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Affiche le bilan en JSON.")] = False,
) -> None:
    """Indexe le corpus (incrémental : seuls les fichiers nouveaux ou modifiés sont traités)."""
    from assistant.context import Context
    from assistant.embeddings import embedding_identity
    from assistant.index import ingest as run_ingest

    context = Context(Settings())
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=as_json,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage.capitalize(), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        report = run_ingest(
            context.settings,
            lambda texts: context.embedder.embed_documents(texts),
            paths=paths or None,
            progress=progress,
            model_identity=embedding_identity(context.settings),
        )

    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    table = Table(title="Bilan de l'indexation", show_header=False)
    table.add_row("Fichiers indexés", str(report.files))
    table.add_row("Passages (chunks)", str(report.chunks))
    table.add_row(
        "Nouveaux / modifiés / supprimés",
        f"{len(report.added_files)} / {len(report.changed_files)} / {len(report.removed_files)}",
    )
    table.add_row("Inchangés", str(report.unchanged_files))
    table.add_row("Passages vectorisés", str(report.embedded_chunks))
    table.add_row("Ignorés", str(len(report.skipped)))
    table.add_row("Durée", f"{report.seconds:.1f} s")
    console.print(table)
    for name, reason in report.skipped:
        console.print(f"[yellow]Ignoré[/] {name} : {reason}")
    if not report.changed:
        console.print("Aucun changement : l'index existant est conservé.")


def search(
    query: Annotated[str, typer.Argument(help="La question ou les mots recherchés.")],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="Nombre de passages.")] = 5,
    method: Annotated[str, typer.Option("--method", help="hybrid, lexical ou dense.")] = "hybrid",
    as_json: Annotated[bool, typer.Option("--json", help="Affiche les passages en JSON.")] = False,
) -> None:
    """Recherche les passages du corpus les plus pertinents, avec leurs sources."""
    if method not in METHODS:
        err_console.print(f"[bold red]Erreur :[/] méthode inconnue « {method} » (hybrid, lexical ou dense).")
        raise typer.Exit(code=2)
    from assistant import Assistant

    try:
        hits = Assistant(Settings()).search(query, k=k, method=method)  # type: ignore[arg-type]
    except ClausesError as error:
        raise fail(error) from error
    if as_json:
        keys = ("text", "title", "source", "page", "section", "score", "url")
        print(json.dumps([{key: hit.to_dict()[key] for key in keys} for hit in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        console.print("Aucun passage ne correspond à cette recherche.")
    for number, hit in enumerate(hits, start=1):
        where = f"page {hit.chunk.page}" if hit.chunk.page else (hit.chunk.section or "")
        console.print(f"[bold][{number}] {hit.chunk.title}[/] — {where} ({hit.chunk.source}, score {hit.score:.2f})")
        console.print(hit.chunk.text, highlight=False)
        console.print()
