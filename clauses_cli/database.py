"""``clauses db upgrade``: apply the database migrations (they also run by themselves on first use)."""

from __future__ import annotations

import typer
from rich.console import Console

from assistant.errors import ClausesError
from assistant.settings import Settings

app = typer.Typer(name="db", help="Base de données (conversations et suivi).", no_args_is_help=True)
console = Console()


@app.command("upgrade")
def upgrade() -> None:
    """Applique les migrations Alembic jusqu'à la dernière version du schéma."""
    from assistant.db import Database

    try:
        database = Database(Settings().database)
    except ClausesError as error:
        Console(stderr=True).print(f"[bold red]Erreur :[/] {error.message}")
        raise typer.Exit(code=2) from error
    console.print(f"Base de données à jour (version du schéma : {database.current_revision()}).")
