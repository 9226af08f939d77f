"""``clauses serve``: the HTTP API and the demo page, with uvicorn."""

from __future__ import annotations

import logging
import logging.config
from typing import Annotated

import typer

from assistant.settings import Settings

log = logging.getLogger("api")

APP = "api.app:create_app"


def serve(
    host: Annotated[
        str | None, typer.Option("--host", help="Adresse d'écoute (défaut : réglage CLAUSES_HOST, 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option("--port", min=1, max=65535, help="Port d'écoute (défaut : réglage CLAUSES_PORT, 8000)."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, help="Nombre de processus (chacun charge le modèle ; sessions partagées en SQLite)."
        ),
    ] = 1,
    reload: Annotated[
        bool, typer.Option("--reload", help="Redémarre à chaque modification du code (développement).")
    ] = False,
    log_level: Annotated[str, typer.Option("--log-level", help="debug, info, warning ou error.")] = "info",
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            help="Adresses des mandataires inverses dont X-Forwarded-For est cru (limite par client).",
        ),
    ] = None,
) -> None:
    """Lance l'API et la page de démonstration du widget."""
    import uvicorn

    from api.app import logging_config

    settings = Settings()
    host = host or settings.host
    port = port or settings.port
    logging.config.dictConfig(logging_config(log_level))  # dictConfig consumes its dict: uvicorn gets a fresh one
    shown = f"[{host}]" if ":" in host else host
    log.info("Assistant disponible sur http://%s:%d", shown, port)
    typer.echo(f"Assistant disponible sur http://{shown}:{port}")
    # The import-string form with factory=True: each worker (and the reloader) builds its own app.
    uvicorn.run(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        log_config=logging_config(log_level),
        log_level=log_level,
        access_log=False,  # uvicorn's access log shows query strings (search text); the app logs paths only
        forwarded_allow_ips=forwarded_allow_ips,
        timeout_graceful_shutdown=10,
        # A worker imports torch and Chroma before it answers the supervisor's ping: on a small
        # machine starting several workers at once that takes longer than uvicorn's 5 s default.
        timeout_worker_healthcheck=60,
    )
