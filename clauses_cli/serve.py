"""``clauses serve``: the HTTP API and the demo page, with uvicorn.

The listening socket is bound here, before uvicorn starts, so that a port already in
use is a French message naming the way out (``--port``, ``make run PORT=…``), and
« Assistant disponible sur … » is printed once, when the server really answers (one
worker) or once the port is bound (several workers, each loading its own model).
"""

from __future__ import annotations

import errno
import logging
import logging.config
import socket
from collections.abc import Callable
from typing import Annotated, Any

import typer

from assistant.settings import Settings

APP = "api.app:create_app"


class PortUnavailable(Exception):
    """The address cannot be listened on; the message is French and says what to do."""


def bind_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port), as uvicorn would bind it; PortUnavailable in French otherwise."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortUnavailable(
                f"Le port {port} est déjà utilisé sur {host} (un autre serveur, ou l'assistant déjà lancé). "
                f"Choisissez-en un autre : « make run PORT={port + 1} » ou « clauses serve --port {port + 1} »."
            ) from exc
        raise PortUnavailable(
            f"Impossible d'écouter sur {host}:{port} ({exc.strerror or exc}). Vérifiez l'adresse (--host, "
            "réglage CLAUSES_HOST) et le port (--port, make run PORT=…)."
        ) from exc
    sock.set_inheritable(True)  # uvicorn's worker processes receive it
    return sock


def _announcing_server(config: Any, announce: Callable[[], None]) -> Any:
    import uvicorn

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                announce()

    return AnnouncingServer(config)


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
    """Lance l'API et la page de démonstration du widget (journal lisible ; CLAUSES_LOG_FORMAT=json pour du JSON)."""
    import uvicorn
    from uvicorn.supervisors import ChangeReload, Multiprocess

    from api.logs import logging_config

    settings = Settings()
    host = host or settings.host
    port = port or settings.port
    try:
        sock = bind_socket(host, port)
    except PortUnavailable as error:
        typer.echo(f"Erreur : {error}", err=True)
        raise typer.Exit(code=1) from None

    def log_config() -> dict[str, Any]:  # dictConfig consumes its dict: each user gets a fresh one
        return logging_config(log_level, settings.log_format)

    logging.config.dictConfig(log_config())
    shown = f"[{host}]" if ":" in host else host

    def announce() -> None:
        typer.echo(f"Assistant disponible sur http://{shown}:{port}")

    # The import-string form with factory=True: each worker (and the reloader) builds its own app.
    config = uvicorn.Config(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        log_config=log_config(),
        log_level=log_level,
        access_log=False,  # uvicorn's access log shows query strings (search text): the app logs paths only
        forwarded_allow_ips=forwarded_allow_ips,
        timeout_graceful_shutdown=10,
        # A worker imports torch and Chroma before it answers the supervisor's ping: on a small
        # machine starting several workers at once that takes longer than uvicorn's 5 s default.
        timeout_worker_healthcheck=60,
    )
    try:
        if config.should_reload:
            announce()
            ChangeReload(config, target=uvicorn.Server(config).run, sockets=[sock]).run()
        elif config.workers > 1:
            announce()
            Multiprocess(config, sockets=[sock]).run()
        else:
            config.load_app()
            server = _announcing_server(config, announce)
            server.run(sockets=[sock])
            if not server.started:
                raise typer.Exit(code=1)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
