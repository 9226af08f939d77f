"""Browser fixtures: Debian's chromium driven by Playwright, real HTTP servers on 127.0.0.1.

Shared by every browser test (the static widget tests here and the end-to-end tests
against the real API):

- ``browser``: one headless Debian chromium per session (no Playwright browser download);
- ``new_page(**context_options)``: a fresh context + page; console messages and page
  errors are recorded (``page.console_messages``, ``page.page_errors``); an uncaught
  JavaScript exception fails the test; on failure every page of the test is saved as a
  PNG (plus its console log) in ``test-artifacts/``;
- ``page``: ``new_page()`` with default options;
- ``static_server``: ``api/static`` served by ``http.server`` on a free port, able to
  serve extra host pages (``static_server.add_page(html)`` returns a URL);
- ``host_page(api=..., **data_attributes)``: a portal-like page embedding the widget
  with one ``<script src="/widget.js" data-…>`` tag, served by ``static_server``;
- ``free_port()``, ``closed_port``, ``black_hole``: ports for "API down" and "API
  silent" scenarios;
- ``save_screenshot(page, name)``: a deliberate screenshot into ``test-artifacts/``.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = REPO_ROOT / "api" / "static"
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LAUNCHER_NAME = "Poser une question sur les clauses sociales"


def chromium_executable() -> str | None:
    """Debian's chromium (``CHROMIUM_PATH`` overrides)."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    """A TCP port that was free on 127.0.0.1 a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(name="free_port")
def free_port_fixture() -> Callable[[], int]:
    return free_port


# --------------------------------------------------------------------------- failure hook


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


def _artifact_stem(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1]).strip("_")[:120]


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed in the venv")
    driver = sync_api.sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright_driver: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    executable = chromium_executable()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    b = playwright_driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    yield b
    b.close()


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture
def save_screenshot(request: pytest.FixtureRequest, artifacts_dir: Path) -> Callable[..., Path]:
    """Save a deliberate screenshot as a test artefact: test-artifacts/<name>.png."""

    def save(page: Any, name: str, **options: Any) -> Path:
        path = artifacts_dir / f"{name}.png"
        page.screenshot(path=str(path), **options)
        return path

    return save


@pytest.fixture
def new_page(browser: Any, request: pytest.FixtureRequest, artifacts_dir: Path) -> Iterator[Callable[..., Any]]:
    """Factory: ``new_page(viewport=..., reduced_motion=..., permissions=[...])`` → Page."""
    contexts: list[Any] = []
    pages: list[Any] = []

    def make(permissions: list[str] | None = None, **options: Any) -> Any:
        options.setdefault("locale", "fr-FR")
        options.setdefault("viewport", {"width": 1280, "height": 800})
        options.setdefault("accept_downloads", True)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        if permissions:
            context.grant_permissions(permissions)
        contexts.append(context)
        page = context.new_page()
        page.console_messages = []  # type: ignore[attr-defined]
        page.page_errors = []  # type: ignore[attr-defined]
        page.on("console", lambda msg: page.console_messages.append((msg.type, msg.text)))
        page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
        page.on(
            "dialog", lambda dialog: (page.page_errors.append("unexpected dialog: " + dialog.message), dialog.dismiss())
        )
        pages.append(page)
        return page

    yield make

    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    stem = _artifact_stem(request.node.nodeid)
    for i, page in enumerate(pages):
        if failed and not page.is_closed():
            suffix = f"-{i}" if len(pages) > 1 else ""
            try:
                page.screenshot(path=str(artifacts_dir / f"FAILED-{stem}{suffix}.png"), full_page=True)
            except Exception:
                pass
            log = "\n".join(f"{kind}: {text}" for kind, text in page.console_messages)
            log += "".join(f"\npageerror: {err}" for err in page.page_errors)
            (artifacts_dir / f"FAILED-{stem}{suffix}.log").write_text(log, encoding="utf-8")
    if not failed:  # drop stale failure artefacts of this test from earlier runs
        for stale in artifacts_dir.glob(f"FAILED-{stem}*"):
            stale.unlink(missing_ok=True)
    errors = [err for page in pages for err in page.page_errors]
    for context in contexts:
        context.close()
    if errors and not failed:
        pytest.fail("JavaScript errors on the page: " + "; ".join(errors), pytrace=False)


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()


# --------------------------------------------------------------------------- servers


class StaticServer:
    """``api/static`` on a free 127.0.0.1 port, plus extra in-memory pages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages: dict[str, bytes] = {}
        pages = self.pages

        class Handler(SimpleHTTPRequestHandler):
            extensions_map = {
                **SimpleHTTPRequestHandler.extensions_map,
                ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8",
                ".html": "text/html; charset=utf-8",
            }

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(root), **kwargs)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def end_headers(self) -> None:
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0].split("#", 1)[0]
                if path in pages:
                    body = pages[path]
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                super().do_GET()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="static-server", daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def add_page(self, html_text: str, name: str | None = None) -> str:
        path = f"/_test/{name or uuid.uuid4().hex}.html"
        self.pages[path] = html_text.encode("utf-8")
        return self.url(path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def static_server() -> Iterator[StaticServer]:
    server = StaticServer(STATIC_DIR)
    yield server
    server.close()


def host_page_html(
    api: str | None,
    widget_src: str = "/widget.js",
    body: str = "",
    **data: str,
) -> str:
    """A minimal portal page embedding the widget with one script tag.

    ``data_title="…"`` becomes ``data-title="…"``; ``api=None`` omits ``data-api``.
    """
    attrs = {"src": widget_src}
    if api is not None:
        attrs["data-api"] = api
    for key, value in data.items():
        attrs[key.replace("_", "-")] = value
    tag_attrs = " ".join(f'{k}="{html.escape(str(v), quote=True)}"' for k, v in attrs.items())
    return (
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,"><title>Portail — page hôte de test</title></head>'
        '<body><header><a href="#contenu" id="lien-avant">Aller au contenu</a></header>'
        '<main id="contenu"><h1>Page hôte</h1><p>Contenu du portail.</p>'
        f"{body}</main>"
        f"<script {tag_attrs} defer></script>"
        "</body></html>"
    )


@pytest.fixture
def host_page(static_server: StaticServer) -> Callable[..., str]:
    """Factory: ``host_page(api=url_or_None, body="<div id=x></div>", data_mode="inline", …)`` → URL."""

    def make(api: str | None = "__same_origin__", body: str = "", **data: str) -> str:
        if api == "__same_origin__":
            api = static_server.origin
        return static_server.add_page(host_page_html(api, body=body, **data))

    return make


@pytest.fixture
def closed_port() -> int:
    """A port with nothing listening (connection refused): the API is down."""
    return free_port()


class BlackHole:
    """Accepts TCP connections and never answers: a hung API."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.origin = f"http://127.0.0.1:{self.port}"
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="black-hole", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections.append(conn)

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=2)
        for conn in self.connections:
            conn.close()
        self.sock.close()


@pytest.fixture
def black_hole() -> Iterator[BlackHole]:
    hole = BlackHole()
    yield hole
    hole.close()
