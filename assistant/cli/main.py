"""The ``clauses`` command: the map of every sub-command, each defined in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="clauses",
    help="Assistant clauses sociales : indexer le corpus, rechercher, dimensionner, rédiger, converser, servir l'API.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

from assistant.cli import corpus as _corpus  # noqa: E402

app.command("ingest")(_corpus.ingest)
app.command("search")(_corpus.search)
