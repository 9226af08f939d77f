"""The API over real HTTP: uvicorn on 127.0.0.1, SSE framing on the wire, and ``clauses serve`` itself."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from assistant.context import Context
from assistant.embeddings import Embedder
from assistant.settings import Settings
from tests.api.conftest import IndexedCorpus
from tests.api.test_routes import QUESTION, SIZING, sse_events
from tests.processes import child_env

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(api_index: IndexedCorpus, embedder: Embedder) -> Iterator[str]:
    """A real uvicorn serving the real app on a free loopback port, in a thread of this process."""
    settings = Settings(
        _env_file=None, data_dir=api_index.data, corpus_dirs=[api_index.corpus], rate_limit="1000/minute"
    )
    app = create_app(context=Context(settings, embedder=embedder))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=15)


def test_sse_framing_on_the_wire(server: str) -> None:
    raw = b""
    with (
        httpx.Client(base_url=server, timeout=30) as http,
        http.stream(
            "POST", "/api/chat/stream", json={"message": SIZING}, headers={"Accept": "text/event-stream"}
        ) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-accel-buffering"] == "no"
        assert "content-length" not in response.headers  # streamed, not buffered
        for chunk in response.iter_bytes():
            raw += chunk
    text = raw.decode("utf-8")
    assert text.endswith(("\r\n\r\n", "\n\n")), "every event ends with a blank line"
    events = sse_events(text)
    names = [name for name, _ in events]
    assert names[0] == "start" and names[-1] == "done"
    assert names.count("delta") >= 2 and set(names[1:-1]) == {"delta"}
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    assert done["tool_calls"][0]["result"]["hours"] == 1000
    assert events[0][1]["session_id"] == done["session_id"]


def test_stream_continues_the_session_over_http(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as http:
        first = http.post("/api/chat", json={"message": SIZING}).json()
        second = http.post("/api/chat/stream", json={"message": "et à 7 % ?", "session_id": first["session_id"]})
    done = sse_events(second.text)[-1][1]
    assert done["session_id"] == first["session_id"] and done["tool_calls"][0]["result"]["hours"] == 1400


def test_stream_refusal_before_start_is_plain_json_over_http(server: str) -> None:
    response = httpx.post(f"{server}/api/chat/stream", json={"message": ""}, timeout=30)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]["code"] == "parametre_invalide"


def test_concurrent_turns_over_http_are_independent(server: str) -> None:
    results: list[dict] = []

    def turn() -> None:
        with httpx.Client(base_url=server, timeout=60) as http:
            results.append(http.post("/api/chat", json={"message": QUESTION}).json())

    threads = [threading.Thread(target=turn) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6 and len({r["session_id"] for r in results}) == 6
    assert len({r["answer"] for r in results}) == 1


def test_health_reports_ready_once_the_start_up_warm_up_has_loaded_everything(server: str) -> None:
    deadline = time.monotonic() + 60
    with httpx.Client(base_url=server, timeout=30) as http:
        while not (body := http.get("/api/health").json())["ready"]:
            assert time.monotonic() < deadline, "the warm-up never finished"
            time.sleep(0.1)
    assert body["status"] == "ok"


def test_server_basics_over_http(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as http:
        health = http.get("/api/health")
        assert health.status_code == 200 and health.json()["chunks"] == 6
        assert health.headers["x-request-id"]
        assert http.get("/").headers["content-type"].startswith("text/html")
        assert http.get("/widget.js").headers["content-type"] == "text/javascript; charset=utf-8"
        missing = http.get("/api/absent")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "introuvable"
        preflight = http.options(
            "/api/chat/stream",
            headers={
                "Origin": "http://127.0.0.1:8000",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.headers["access-control-allow-origin"] == "http://127.0.0.1:8000"


# --- the ``clauses serve`` command ----------------------------------------------------------------


def test_clauses_serve_starts_workers_without_an_index(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSES_")}
    env.update(
        {
            "CLAUSES_DATA_DIR": str(tmp_path / "data"),
            "CLAUSES_CORPUS_DIRS": str(tmp_path / "corpus"),
            "CLAUSES_LOG_FORMAT": "json",
        }
    )
    clauses = Path(sys.executable).with_name("clauses")
    process = subprocess.Popen(
        [str(clauses), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert health is not None, "the server did not answer"
        assert health.status_code == 503
        assert "clauses ingest" in health.json()["message"]
        sized = httpx.post(
            f"http://127.0.0.1:{port}/api/size", json={"amount": 1200000, "trade": "gros œuvre"}, timeout=30
        )
        assert sized.status_code == 200 and sized.json()["hours"] == 1000
    finally:
        os.killpg(process.pid, signal.SIGINT)  # its own process group: uvicorn and its two workers
        try:
            stdout, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
    assert stdout.count(f"Assistant disponible sur http://127.0.0.1:{port}") == 1
    assert "\x1b[" not in stderr  # no terminal colour codes inside JSON
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert lines, stderr
    messages = " ".join(line["message"] for line in lines)
    assert "index des documents est introuvable" in messages and "clauses ingest" in messages
    assert any(line["logger"] == "api.access" and line.get("path") == "/api/size" for line in lines)


def serve_process(tmp_path: Path, port: int) -> subprocess.Popen[str]:
    env = child_env(data_dir=str(tmp_path / "data"), corpus_dirs=str(tmp_path / "corpus"))
    return subprocess.Popen(
        [sys.executable, "-c", "from clauses_cli.main import app; app()", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_a_port_in_use_is_a_french_message_with_the_override(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = serve_process(tmp_path, port)
        stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert f"Le port {port} est déjà utilisé" in stderr and f"make run PORT={port + 1}" in stderr
    assert "Assistant disponible" not in stdout and "Traceback" not in stderr


def test_terminal_logs_are_one_plain_line_per_request_announced_once_when_ready(tmp_path: Path) -> None:
    port = free_port()
    process = serve_process(tmp_path, port)
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()  # printed once the server answers
        assert first_line.strip() == f"Assistant disponible sur http://127.0.0.1:{port}"
        assert httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=30).status_code == 503
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
    assert "Assistant disponible" not in stdout  # not a second time
    assert "\x1b[" not in stderr and not any(line.startswith("{") for line in stderr.splitlines())
    access = [line for line in stderr.splitlines() if " api.access " in line]
    assert len(access) == 1 and "GET /api/health 503" in access[0] and access[0].endswith(" ms")
    assert "Started server process" not in stderr
