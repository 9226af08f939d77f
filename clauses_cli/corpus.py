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
from assistant.fr.formatting import fmt_count
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
        typer.Argument(
            help="Fichiers ou dossiers à AJOUTER à l'index (le corpus déjà indexé est conservé). "
            "Sans chemin : met à jour le corpus des réglages et les documents ajoutés auparavant."
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Remplace tout l'index par les chemins donnés (ce qui disparaît est affiché)."),
    ] = False,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            help="Retire de l'index un document (nom affiché lors de l'indexation ou chemin) ou un dossier ajouté ; "
            "répétable.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Affiche le bilan en JSON.")] = False,
) -> None:
    """Indexe le corpus et les documents ajoutés (incrémental : seuls les fichiers nouveaux ou modifiés sont lus).

    Formats lus : Markdown, PDF (pages numérisées lues par OCR en français), Word .docx, LibreOffice .odt, page web .html, texte .txt.
    """
    from assistant.context import Context
    from assistant.embeddings import embedding_identity
    from assistant.index import ingest as run_ingest

    if replace and not paths:
        err_console.print("[bold red]Erreur :[/] --replace demande au moins un fichier ou dossier à indexer.")
        raise typer.Exit(code=2)
    if remove and paths:
        err_console.print("[bold red]Erreur :[/] --remove ne se combine pas avec des chemins à ajouter.")
        raise typer.Exit(code=2)
    missing = [str(path) for path in paths or [] if not path.exists()]
    if missing:
        err_console.print(f"[bold red]Erreur :[/] chemin introuvable : {', '.join(missing)}.")
        raise typer.Exit(code=2)

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

        try:
            report = run_ingest(
                context.settings,
                lambda texts: context.embedder.embed_documents(texts),
                paths=paths if replace else None,
                progress=progress,
                model_identity=embedding_identity(context.settings),
                add=None if replace else paths,
                remove=remove,
            )
        except ClausesError as error:
            raise fail(error) from error

    warn_stale_sections(context.settings)
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    table = Table(title="Bilan de l'indexation", show_header=False)
    table.add_row("Fichiers indexés", fmt_count(report.files))
    table.add_row("Passages (chunks)", fmt_count(report.chunks))
    table.add_row(
        "Nouveaux / modifiés / supprimés",
        f"{len(report.added_files)} / {len(report.changed_files)} / {len(report.removed_files)}",
    )
    table.add_row("Inchangés", fmt_count(report.unchanged_files))
    table.add_row("Passages vectorisés", fmt_count(report.embedded_chunks))
    if report.ocr_pages:
        table.add_row("Pages lues par OCR", fmt_count(report.ocr_pages))
    table.add_row("Ignorés", fmt_count(len(report.skipped)))
    table.add_row("Durée", f"{report.seconds:.1f} s".replace(".", ","))
    console.print(table)
    for name in report.removed_files:
        console.print(f"[red]Retiré de l'index[/] {name}", highlight=False)
    for name, reason in report.skipped:
        console.print(f"[yellow]Ignoré[/] {name} : {reason}", highlight=False)
    if not report.changed:
        console.print("Aucun changement : l'index existant est conservé.")


def warn_stale_sections(settings: Settings) -> None:
    """Print (to stderr) the guide sections not re-read for more than the configured age."""
    import datetime as dt

    import frontmatter
    import yaml

    from assistant.freshness import reviews_of_cards, reviews_of_markdown, stale_sections

    reviews = []
    for folder in settings.corpus_dirs:
        for path in sorted(Path(folder).glob("*.md")) if Path(folder).is_dir() else []:
            text = path.read_text(encoding="utf-8")
            if frontmatter.loads(text).metadata.get("type"):  # guides only, not READMEs
                reviews.extend(reviews_of_markdown(path.name, text))
        for path in sorted(Path(folder).glob("cards/*.yaml")) if Path(folder).is_dir() else []:
            try:
                cards = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError:
                continue  # the cards loader reports unreadable files
            reviews.extend(reviews_of_cards(f"cards/{path.name}", cards))
    stale = stale_sections(reviews, dt.date.today(), settings.review_max_age_months)
    for section in stale:
        err_console.print(f"[yellow]À relire[/] {section.message()}", highlight=False)
    if stale:
        err_console.print(
            f"{len(stale)} section(s) relue(s) il y a plus de {settings.review_max_age_months} mois ou sans date "
            "(réglage CLAUSES_REVIEW_MAX_AGE_MONTHS)."
        )


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
