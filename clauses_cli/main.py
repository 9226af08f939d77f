"""The ``clauses`` command: the map of every sub-command, each defined in its own module."""

from __future__ import annotations

import typer

from clauses_cli.french_cli import install as _install_french
from clauses_cli.logs import configure_cli_logging

_install_french()  # Typer's own messages (usage errors, help) in French

app = typer.Typer(
    name="clauses",
    help="Assistant clauses sociales : indexer le corpus, rechercher, dimensionner, rédiger, converser, servir l'API.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main(
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Affiche aussi le journal technique (avertissements des bibliothèques)."
    ),
) -> None:
    """Assistant clauses sociales : indexer le corpus, rechercher, dimensionner, rédiger, converser, servir l'API."""
    configure_cli_logging(verbose)


from clauses_cli import corpus as _corpus  # noqa: E402

app.command("ingest")(_corpus.ingest)
app.command("search")(_corpus.search)

from clauses_cli import tools as _tools  # noqa: E402

app.command(
    "size",
    help="Dimensionne les heures d'insertion d'un marché (part de main-d'œuvre, propreté, lots, accord-cadre, ETP).",
)(_tools.size)
app.command(
    "draft",
    help="Rédige une clause sociale prête à coller (exécution, critère, marchés réservés, suivi…), en md, docx ou json.",
)(_tools.draft)

from clauses_cli import chat as _chat  # noqa: E402

app.command("ask")(_chat.ask)
app.command("chat")(_chat.chat)
app.command("purge")(_chat.purge)

from clauses_cli import serve as _serve  # noqa: E402

app.command("serve")(_serve.serve)

from clauses_cli import evaluate as _evaluate  # noqa: E402

app.command("eval")(_evaluate.evaluate)

from clauses_cli import database as _database  # noqa: E402
from clauses_cli import suivi as _suivi  # noqa: E402

app.add_typer(_suivi.app, name="suivi")
app.add_typer(_database.app, name="db")
