"""``clauses ask``, ``clauses chat`` and ``clauses purge``: conversations from the terminal."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.prompt import Prompt

from assistant.errors import ClausesError
from assistant.responses import Response
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant import Assistant


def _assistant() -> Assistant:  # imported on use: the engine pulls in Chroma, BM25 and LangChain
    from assistant import Assistant

    return Assistant(Settings())


def _data_answerer(assistant: Assistant, enabled: bool):  # type: ignore[no-untyped-def]
    """The follow-up answerer when --suivi is given (the terminal user is the facilitator), else None."""
    if not enabled:
        return None
    from assistant.followup.answerer import FollowupAnswerer
    from assistant.followup.service import Followup

    return FollowupAnswerer(Followup.from_settings(assistant.settings, assistant.context.database))


SuiviOption = Annotated[
    bool, typer.Option("--suivi", help="Répond aussi à partir des données de suivi (heures, participants, retards).")
]


console = Console()
err_console = Console(stderr=True)


def _print(response: Response) -> None:
    console.print(Markdown(response.answer))
    for notice in response.notices:
        console.print(f"[yellow]{notice}[/]")
    if response.sources:
        console.print()
        console.print("[bold]Sources[/]")
        for source in response.sources:
            where = f"page {source.page}" if source.page else (source.section or "")
            console.print(f"  [{source.n}] {source.title} — {where} ({source.source})", highlight=False)


def resolve_choice(message: str, suggestions: list[str]) -> str:
    """A number typed after « Vouliez-vous dire : 1. … 2. … » sends that suggestion; anything else is sent as is."""
    text = message.strip().rstrip(".)")
    if text.isdigit() and 1 <= int(text) <= len(suggestions):
        return suggestions[int(text) - 1]
    return message


def ask(
    message: Annotated[str, typer.Argument(help="Votre question ou demande, en français.")],
    session: Annotated[str | None, typer.Option("--session", help="Identifiant de conversation à poursuivre.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Affiche l'objet réponse complet en JSON.")] = False,
    suivi: SuiviOption = False,
) -> None:
    """Pose une question à l'assistant (réponse, sources, outils utilisés)."""
    assistant = _assistant()
    try:
        response = assistant.engine.ask(message, session, _data_answerer(assistant, suivi))
    except ClausesError as error:
        err_console.print(f"[bold red]Erreur :[/] {error.message}")
        raise typer.Exit(code=2) from error
    if as_json:
        print(json.dumps(response.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    _print(response)
    console.print(f"\n[dim]Conversation : {response.session_id} (--session pour la poursuivre)[/]")


def chat(
    session: Annotated[str | None, typer.Option("--session", help="Identifiant de conversation à poursuivre.")] = None,
    suivi: SuiviOption = False,
) -> None:
    """Conversation interactive dans le terminal (« /nouveau » recommence, « /quitter » sort)."""
    assistant = _assistant()
    data = _data_answerer(assistant, suivi)
    console.print(Markdown(assistant.greeting()))
    console.print("[dim]Tapez /nouveau pour une nouvelle conversation, /quitter pour sortir.[/]\n")
    session_id = session
    suggestions: list[str] = []
    while True:
        try:
            message = Prompt.ask("[bold cyan]Vous[/]")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        command = message.strip().lower()
        if command in {"/quitter", "/q", "quitter", "exit"}:
            return
        if command == "/nouveau":
            session_id = None
            console.print("[dim]Nouvelle conversation.[/]")
            continue
        if not command:
            continue
        chosen = resolve_choice(message, suggestions)
        if chosen != message:
            console.print(f"[dim]→ {chosen}[/]", highlight=False)
            message = chosen
        try:
            with console.status("Recherche…"):
                response = assistant.engine.ask(message, session_id, data)
        except ClausesError as error:
            console.print(f"[bold red]Erreur :[/] {error.message}")
            continue
        session_id = response.session_id
        suggestions = list(response.suggestions)
        console.print("[bold green]Assistant[/]")
        _print(response)
        console.print()


def purge(
    days: Annotated[
        int | None, typer.Option("--days", min=1, help="Âge maximal des conversations (défaut : réglage de rétention).")
    ] = None,
) -> None:
    """Supprime les conversations et les données de suivi plus anciennes que leurs durées de rétention."""
    from assistant.db import Database
    from assistant.followup.service import Followup
    from assistant.sessions import SessionStore

    settings = Settings()
    database = Database(settings.database)
    removed = SessionStore(database).purge(days or settings.session_retention_days)
    console.print(f"{removed} conversation(s) supprimée(s).")
    purged = Followup.from_settings(settings, database).purge(settings.followup_retention_years)
    console.print(
        f"Suivi : {purged.operations} opération(s) terminée(s) depuis plus de {settings.followup_retention_years} ans "
        f"supprimée(s), avec {purged.hours} ligne(s) d'heures et {purged.participants} participant(s)."
    )
