"""End to end: Debian's chromium, the demo page and the widget against the REAL API.

``clauses serve`` runs in a subprocess on a free 127.0.0.1 port over a private copy of
the real corpus index (``product_index``); a second server answers from a small corpus
holding a hostile document (HTML and script tags in its title and text) for the XSS
test. Nothing is mocked: the answers, sources, sizing tables, drafted clauses, the
.docx, the feedback row in SQLite all come from the product.

On failure the server's log of the test is printed (and saved beside the screenshots
in ``test-artifacts/``). Deliberate screenshots of the main states are saved as
``test-artifacts/e2e-*.png``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.settings import Settings
from tests.browser.conftest import ARTIFACTS_DIR, REPO_ROOT, _artifact_stem, free_port
from tests.browser.widget_helpers import HOST, LAUNCHER_NAME, deep_active, open_with_keyboard, shadow_eval
from tests.processes import child_env

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

TITLE = "Assistant clauses sociales"
ANSWER_TIMEOUT = 30_000  # ms: the first question of a server may wait for the warm-up
SIAE = "Qu'est-ce qu'un marché réservé aux SIAE ?"
SIZING = "Marché de 1,2 M€ HT de gros œuvre sur 18 mois, combien d'heures d'insertion ?"
FOLLOW_UP = "et à 7 % ?"
DRAFT = "Rédige l'article du CCAP pour une clause d'insertion de 1 000 heures sur le lot 2."
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_DOC = f"""---
title: Guide des chantiers de peinture {IMG}
type: guide
sources:
  - title: Exemple de source
    url: https://example.org/peinture
reviewed: 2026-11-27
---

# Chantiers de peinture {SCRIPT}

## Balisage des chantiers de peinture

Le balisage des chantiers de peinture impose un panneau {IMG} à l'entrée et la mention {SCRIPT} sur le registre du chantier.

## Horaires des chantiers de peinture

Les chantiers de peinture ouvrent à huit heures et ferment à dix-sept heures.
"""
HOSTILE_QUESTION = "Quel balisage pour les chantiers de peinture ?"


# --------------------------------------------------------------------------- the real server


class ApiServer:
    """``clauses serve`` in its own process group on a fixed 127.0.0.1 port; restartable."""

    def __init__(self, name: str, root: Path, data_dir: Path, corpus_dir: Path) -> None:
        self.name = name
        self.root = root
        self.data_dir = data_dir
        self.corpus_dir = corpus_dir
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.log_path = root / f"{name}-server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.health: dict[str, Any] | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def log_text(self, offset: int = 0) -> str:
        try:
            with self.log_path.open("rb") as f:
                f.seek(offset)
                return f.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def start(self, timeout: float = 90) -> None:
        assert not self.running, "already running"
        # The run's models cache comes along: a server starts in seconds, without exporting the
        # model or embedding the cards again.
        env = child_env(
            data_dir=str(self.data_dir),
            corpus_dirs=str(self.corpus_dir),
            cors_origins=f"{self.origin},http://localhost:{self.port}",
            rate_limit="10000/minute",
        )
        env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"})
        clauses = Path(sys.executable).with_name("clauses")
        command = [str(clauses), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if not clauses.exists():  # not installed as a script: the same entry point through Python
            command = [sys.executable, "-c", "from clauses_cli.main import app; app()", *command[1:]]
        with self.log_path.open("ab") as log:
            log.write(f"\n===== start {time.strftime('%H:%M:%S')} on port {self.port} =====\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if not self.running:
                raise AssertionError(f"{self.name} server exited at start:\n{self.log_text()[-6000:]}")
            try:
                response = httpx.get(self.url("/api/health"), timeout=30)
                # Ready, not only up: a first question asked during the warm-up waits for it, and
                # on a loaded CI machine that wait outlasts the browser's response timeout.
                if response.status_code == 200 and response.json()["ready"]:
                    self.health = response.json()
                    return
                last = f"{response.status_code} {response.text[:300]}"
            except httpx.TransportError as error:
                last = repr(error)
            time.sleep(0.15)
        self.stop()
        raise AssertionError(f"{self.name} server not ready after {timeout} s ({last}):\n{self.log_text()[-6000:]}")

    def stop(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # its own process group: only what this fixture started
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


SERVERS: list[ApiServer] = []


@pytest.fixture(scope="module")
def product_server(
    product_settings: Settings, product_index: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ApiServer]:
    """The real app over a private copy of the real corpus index (its own session database)."""
    root = tmp_path_factory.mktemp("e2e-product")
    data = root / "data"
    shutil.copytree(product_settings.index_dir, data / "index")
    server = ApiServer("product", root, data, product_settings.corpus_dirs[0])
    SERVERS.append(server)
    server.start()
    assert server.health and server.health["index_loaded"] and server.health["chunks"] == len(product_index.chunks)
    yield server
    server.stop()
    SERVERS.remove(server)


@pytest.fixture(scope="module")
def hostile_server(embedder: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    """The real app over a small corpus whose document carries <img onerror> and <script> text."""
    from assistant.index import ingest

    root = tmp_path_factory.mktemp("e2e-hostile")
    corpus = root / "corpus"
    shutil.copytree(REPO_ROOT / "tests" / "data" / "corpus", corpus)
    (corpus / "guide-peinture.md").write_text(HOSTILE_DOC, encoding="utf-8")
    data = root / "data"
    settings = Settings(_env_file=None, data_dir=data, corpus_dirs=[corpus])
    identity = getattr(embedder, "identity", None)
    report = ingest(settings, embedder.embed_documents, **({"model_identity": identity} if identity else {}))
    assert not report.skipped, report.skipped
    server = ApiServer("hostile", root, data, corpus)
    SERVERS.append(server)
    server.start()
    yield server
    server.stop()
    SERVERS.remove(server)


@pytest.fixture
def api(product_server: ApiServer) -> ApiServer:
    """The product server, (re)started if an earlier test left it stopped."""
    if not product_server.running:
        product_server.start()
    return product_server


@pytest.fixture(autouse=True)
def _server_log_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """Print (and save) what the servers logged during a failed test."""
    offsets = {id(s): s.log_size() for s in SERVERS}
    yield
    report = getattr(request.node, "rep_call", None)
    if report is None or not report.failed:
        return
    stem = _artifact_stem(request.node.nodeid)
    for server in SERVERS:
        text = server.log_text(offsets.get(id(server), 0))
        if not text:
            continue
        print(f"\n----- {server.name} server log ({server.origin}) during {request.node.name} -----\n{text[-12000:]}")
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        (ARTIFACTS_DIR / f"FAILED-{stem}-{server.name}-server.log").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- page helpers


def open_demo(new_page: Any, server: ApiServer, **options: Any) -> Any:
    page = new_page(**options)
    page.goto(server.url("/"))
    expect(page.get_by_role("button", name=LAUNCHER_NAME)).to_be_visible()
    return page


def open_panel(page: Any) -> Any:
    page.get_by_role("button", name=LAUNCHER_NAME).click()
    dialog = page.get_by_role("dialog", name=TITLE)
    expect(dialog).to_be_visible()
    expect(page.get_by_label("Votre question")).to_be_focused()
    return dialog


def assistant_messages(page: Any) -> Any:
    return page.get_by_role("log").locator(".cw-msg-assistant")


def wait_answer(page: Any, count_before: int, timeout: float = ANSWER_TIMEOUT) -> Any:
    """Wait for a new finished assistant message (the log no longer busy) and return it."""
    page.wait_for_function(
        """([sel, n]) => { const r = document.querySelector(sel).shadowRoot;
             const log = r.querySelector('[role=log]');
             const msgs = log.querySelectorAll('.cw-msg-assistant');
             return log.getAttribute('aria-busy') === 'false' && msgs.length > n
               && msgs[msgs.length - 1].dataset.status === 'done'; }""",
        arg=[HOST, count_before],
        timeout=timeout,
    )
    return assistant_messages(page).last


def ask(page: Any, text: str, keyboard: bool = False) -> Any:
    before = assistant_messages(page).count()
    field = page.get_by_label("Votre question")
    if keyboard:
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    else:
        field.fill(text)
        field.press("Enter")
    return wait_answer(page, before)


def scroll_to_top(locator: Any) -> None:
    """Scroll the panel so that the element is at the top of the transcript (for screenshots)."""
    # Only the transcript scrolls (scrollIntoView would also shift the panel, whose overflow is hidden).
    locator.evaluate(
        "e => { const body = e.closest('.cw-body');"
        " body.scrollTop += e.getBoundingClientRect().top - body.getBoundingClientRect().top - 8; }"
    )


def stored_state(page: Any) -> dict[str, Any]:
    """The launcher's conversation as the widget keeps it in sessionStorage."""
    raw = page.evaluate(
        """() => { for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i);
             if (k.startsWith('clauses-widget:v1:') && k.endsWith(':launcher')) return sessionStorage.getItem(k); }
           return null; }"""
    )
    assert raw, "nothing stored in sessionStorage"
    return json.loads(raw)


def db_rows(server: ApiServer, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{server.data_dir / 'clauses.sqlite3'}?mode=ro", uri=True, timeout=10) as db:
        return db.execute(sql, params).fetchall()


RECORD_JS = (
    """() => {
  const root = document.querySelector('%s').shadowRoot;
  const log = root.querySelector('[role=log]');
  window.__e2e = { busy: [], rendered: [] };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') window.__e2e.busy.push(log.getAttribute('aria-busy'));
      for (const node of r.addedNodes) {
        if (node.nodeType === 1 && node.classList.contains('cw-msg-assistant')) {
          const md = node.querySelector('.cw-md');
          window.__e2e.rendered.push({ status: node.dataset.status, text: md ? md.textContent : '' });
        }
      }
    }
  }).observe(log, { attributes: true, attributeFilter: ['aria-busy'], childList: true });
}"""
    % HOST
)

# Words of table cells laid out on more than one line (a break after a hyphen is fine).
BROKEN_WORDS_JS = """(table) => {
  const broken = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /[^\\s\\-\\u2010-\\u2014]+/g;
    let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


# --------------------------------------------------------------------------- 1. keyboard, stream, sources


def test_keyboard_question_streams_answer_with_sources_and_citation(
    api: ApiServer, new_page: Any, save_screenshot: Any
) -> None:
    page = open_demo(new_page, api)
    open_with_keyboard(page, max_tabs=20)
    expect(page.get_by_role("dialog", name=TITLE)).to_be_visible()
    assert (deep_active(page) or {}).get("id") == "cw-input", deep_active(page)
    expect(page.get_by_role("textbox", name="Votre question")).to_be_focused()
    page.evaluate(RECORD_JS)

    with page.expect_response(lambda r: r.url == api.url("/api/chat/stream"), timeout=ANSWER_TIMEOUT) as streamed:
        answer = ask(page, SIAE, keyboard=True)
    response = streamed.value
    assert response.status == 200 and response.headers["content-type"].startswith("text/event-stream")

    # aria-busy went true while streaming, then false; a partial answer was shown while streaming
    record = page.evaluate("() => window.__e2e")
    assert record["busy"][0] == "true" and record["busy"][-1] == "false", record["busy"]
    streaming = [r for r in record["rendered"] if r["status"] == "streaming" and r["text"].strip()]
    assert streaming, record["rendered"]
    assert record["rendered"][-1]["status"] == "done"
    assert len(streaming[0]["text"]) <= len(record["rendered"][-1]["text"])

    expect(answer).to_contain_text("L2113-13")
    expect(page.get_by_role("log")).to_contain_text("L2113-13")
    # the user's question is in the transcript too, and the input is empty and focused again
    expect(page.get_by_role("log").locator(".cw-msg-user").last).to_have_text("Vous : " + SIAE)

    # sources: numbered, each with a title and a section
    sources = answer.locator(".cw-sources summary")
    assert sources.count() >= 1
    titles = answer.locator(".cw-src-title").all_inner_texts()
    locations = answer.locator(".cw-src-loc").all_inner_texts()
    assert len(titles) == sources.count() and all(t.strip() for t in titles), titles
    assert len(locations) == sources.count() and all(
        loc.startswith(" — section ") or loc.startswith("— section ") for loc in locations
    ), locations
    assert any("L2113-13" in loc for loc in locations), locations
    for n in range(1, sources.count() + 1):
        expect(sources.nth(n - 1).locator(".cw-src-n")).to_contain_text(str(n))
    excerpt = answer.locator(".cw-src").first.locator("blockquote")
    expect(excerpt).to_be_hidden()

    # keyboard only: from the field, Shift+Tab back to the first citation marker [1] and press Enter
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        active = deep_active(page) or {}
        if "cw-cite" in active.get("cls", "") and (active.get("label") or "").startswith("Source 1 "):
            break
    else:
        raise AssertionError("no citation marker reached with Shift+Tab")
    page.keyboard.press("Enter")
    first = answer.locator(".cw-src").first
    expect(first).to_have_attribute("open", "")
    assert deep_active(page)["tag"] == "summary"
    expect(excerpt).to_be_visible()
    assert len(excerpt.inner_text().strip()) > 20
    # Enter on the focused summary folds it again, Enter unfolds it
    page.keyboard.press("Enter")
    expect(excerpt).to_be_hidden()
    page.keyboard.press("Enter")
    expect(excerpt).to_be_visible()
    save_screenshot(page, "e2e-01-answer-sources-citation")


# --------------------------------------------------------------------------- 2. sizing


def test_sizing_then_follow_up_rate(api: ApiServer, new_page: Any, save_screenshot: Any) -> None:
    page = open_demo(new_page, api)
    open_panel(page)
    answer = ask(page, SIZING)
    expect(answer.locator(".cw-card-figure strong")).to_have_text("1 000")
    expect(answer).to_contain_text("1 000 heures d'insertion")
    expect(answer.locator(".cw-card")).to_contain_text("heures d'insertion")
    table = answer.locator(".cw-table table")
    expect(table).to_be_visible()
    expect(table).to_contain_text(re.compile("gros œuvre", re.IGNORECASE))
    expect(table).to_contain_text("18 mois")
    scroll_to_top(answer)
    save_screenshot(page, "e2e-02-sizing-answer-table")
    answer.locator(".cw-card").scroll_into_view_if_needed()
    save_screenshot(page, "e2e-02-sizing-card")
    # legible in the 26rem panel: no word of a cell is cut in the middle (« Gros œuv|re »)
    assert table.evaluate(BROKEN_WORDS_JS) == []

    follow = ask(page, FOLLOW_UP)
    expect(follow.locator(".cw-card-figure strong")).to_have_text("1 400")
    expect(follow).to_contain_text("1 400 heures d'insertion")
    expect(follow.locator(".cw-md")).to_contain_text("7 %")
    save_screenshot(page, "e2e-02-sizing-follow-up")


# --------------------------------------------------------------------------- 3. drafting, copy, .docx

READ_CLIPBOARD_JS = """async () => {
  const out = {};
  for (const item of await navigator.clipboard.read())
    for (const type of item.types) out[type] = await (await item.getType(type)).text();
  return out;
}"""


def test_drafted_clause_copy_and_docx_download(
    api: ApiServer, new_page: Any, save_screenshot: Any, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    page = open_demo(new_page, api, permissions=["clipboard-read", "clipboard-write"])
    open_panel(page)
    answer = ask(page, DRAFT)
    expect(answer).to_contain_text("1 000 heures")
    expect(answer).to_contain_text(re.compile("lot 2", re.IGNORECASE))
    heading = answer.get_by_role("heading").first  # the clause's title, rendered from its Markdown
    expect(heading).to_be_visible()
    scroll_to_top(heading)
    save_screenshot(page, "e2e-03-drafted-clause")
    actions = answer.get_by_role("group", name="Clause rédigée", exact=False)
    expect(actions).to_be_visible()

    actions.get_by_role("button", name="Copier la clause").click()
    expect(actions.get_by_text("Copié", exact=True)).to_be_visible()
    copied = page.evaluate(READ_CLIPBOARD_JS)
    # the drafted clause the API returned (its tool call), not the answer around it nor the UI, as
    # rich text (headings and lists kept for Word) and plain text, without Markdown markers
    drafted = [c for c in stored_state(page)["messages"][-1]["toolCalls"] if c["name"] == "draft"]
    assert drafted and drafted[0]["result"]["text"].startswith("## ")
    text, html = copied["text/plain"], copied["text/html"]
    assert "1 000 heures" in text and re.search("lot 2", text, re.IGNORECASE)
    assert text.split("\n")[0] == drafted[0]["result"]["text"].split("\n")[0].removeprefix("## ")
    assert "<h2>" in html and "<li>" in html
    for version in (text, html):
        assert "Copier la clause" not in version
        for marker in ("##", "**", "\n- "):
            assert marker not in version, marker
    save_screenshot(page, "e2e-03-drafted-clause-copied")

    with page.expect_download() as downloading:
        actions.get_by_role("button", name="Télécharger (.docx)").click()
    download = downloading.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "1 000 heures" in text, text[:1000]
    assert re.search("lot 2", text, re.IGNORECASE)
    expect(actions).to_contain_text("Téléchargement lancé")
    shutil.copy(target, ARTIFACTS_DIR / "e2e-03-clause.docx")


# --------------------------------------------------------------------------- 4. feedback


def test_thumbs_up_is_stored_with_the_session(api: ApiServer, new_page: Any) -> None:
    page = open_demo(new_page, api)
    open_panel(page)
    answer = ask(page, SIAE)
    up = answer.get_by_role("button", name="Réponse utile", exact=True)
    expect(up).to_have_attribute("aria-pressed", "false")

    with page.expect_response(lambda r: r.url == api.url("/api/feedback")) as posted:
        up.focus()
        page.keyboard.press("Enter")
    assert posted.value.ok, posted.value.status
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(answer.get_by_role("button", name="Réponse pas utile")).to_have_attribute("aria-pressed", "false")
    expect(answer.get_by_role("group", name="Avis sur la réponse")).to_contain_text("Merci pour votre retour.")

    state = stored_state(page)
    message_id = state["messages"][-1]["messageId"]
    rows = db_rows(
        api, "SELECT session_id, message_id, rating, comment FROM feedback WHERE session_id = ?", state["sessionId"]
    )
    assert rows == [(state["sessionId"], message_id, "up", None)], rows
    # the rated message is the assistant's answer stored in that session
    stored = db_rows(api, "SELECT role, content FROM messages WHERE id = ?", message_id)
    assert stored and stored[0][0] == "assistant" and "L2113-13" in stored[0][1]


# --------------------------------------------------------------------------- 5. hostile text


def test_hostile_answer_sources_and_user_text_render_as_text(
    hostile_server: ApiServer, new_page: Any, save_screenshot: Any
) -> None:
    page = open_demo(new_page, hostile_server)
    open_panel(page)
    answer = ask(page, HOSTILE_QUESTION)
    # the extractive answer quotes the document, tags included, as literal text
    expect(answer.locator(".cw-md")).to_contain_text(IMG)
    expect(answer.locator(".cw-md")).to_contain_text(SCRIPT)
    expect(answer.locator(".cw-src-title").first).to_contain_text(IMG)
    # open every source so the excerpts are rendered on screen too
    for summary in answer.locator(".cw-src summary").all():
        summary.click()
    expect(answer.locator(".cw-src-body blockquote").filter(has_text=IMG)).to_be_visible()

    hostile_user_text = f"Et le panneau {IMG} {SCRIPT} ?"
    before = assistant_messages(page).count()
    field = page.get_by_label("Votre question")
    field.fill(hostile_user_text)
    field.press("Enter")
    wait_answer(page, before)
    expect(page.get_by_role("log").locator(".cw-msg-user").last).to_have_text("Vous : " + hostile_user_text)

    def assert_inert() -> None:
        page.wait_for_timeout(300)  # room for an onerror handler to fire, if any existed
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        counts = shadow_eval(
            page,
            "return { img: root.querySelectorAll('img').length, script: root.querySelectorAll('script').length,"
            " onerror: root.querySelectorAll('[onerror]').length };",
        )
        assert counts == {"img": 0, "script": 0, "onerror": 0}, counts
        assert page.evaluate("() => document.querySelectorAll('img, [onerror]').length") == 0
        log_text = page.get_by_role("log").inner_text()
        assert log_text.count(IMG) >= 3 and log_text.count(SCRIPT) >= 2, log_text
        assert page.page_errors == [], page.page_errors  # no dialog (recorded as an error), no exception

    assert_inert()
    save_screenshot(page, "e2e-05-hostile-text")
    # the conversation restored from sessionStorage after a reload is rendered just as safely
    page.reload()
    open_panel(page)
    expect(page.get_by_role("log").locator(".cw-msg-user").last).to_have_text("Vous : " + hostile_user_text)
    assert_inert()


# --------------------------------------------------------------------------- 6. session across reloads


def test_conversation_survives_reload_and_continues_the_session(api: ApiServer, new_page: Any) -> None:
    page = open_demo(new_page, api)
    open_panel(page)
    ask(page, SIZING)
    state = stored_state(page)
    session_id = state["sessionId"]
    assert session_id and [m["role"] for m in state["messages"]] == ["user", "assistant"]
    transcript = page.get_by_role("log").inner_text()

    page.reload()
    expect(page.get_by_role("dialog", name=TITLE)).to_be_hidden()
    open_panel(page)
    log = page.get_by_role("log")
    expect(log.locator(".cw-msg")).to_have_count(2)
    assert log.inner_text() == transcript
    expect(assistant_messages(page).last.locator(".cw-card-figure strong")).to_have_text("1 000")
    expect(page.get_by_role("dialog").locator(".cw-suggestions")).to_be_hidden()

    with page.expect_request(lambda r: r.url == api.url("/api/chat/stream")) as sent:
        follow = ask(page, FOLLOW_UP)
    assert sent.value.post_data_json["session_id"] == session_id
    # the server continued the same conversation: the follow-up reuses the first turn's amount and trade
    expect(follow.locator(".cw-card-figure strong")).to_have_text("1 400")
    assert stored_state(page)["sessionId"] == session_id
    rows = db_rows(api, "SELECT role FROM messages WHERE session_id = ? ORDER BY seq", session_id)
    assert [r[0] for r in rows] == ["user", "assistant", "user", "assistant"], rows


# --------------------------------------------------------------------------- 8. accessibility smoke


def test_accessibility_smoke_lang_log_status_escape(api: ApiServer, new_page: Any) -> None:
    page = open_demo(new_page, api)
    assert page.evaluate("() => document.documentElement.lang") == "fr"
    host = page.locator(HOST)
    expect(host).to_have_attribute("lang", "fr")
    assert shadow_eval(page, "return root.querySelector('.cw-root').getAttribute('lang');") == "fr"
    launcher = page.get_by_role("button", name=LAUNCHER_NAME)
    expect(launcher).to_have_attribute("aria-expanded", "false")
    dialog = open_panel(page)
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(dialog).to_have_attribute("aria-modal", "true")

    answer = ask(page, "Qui peut bénéficier de la clause d'insertion ?")
    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-busy", "false")
    expect(log).to_have_attribute("aria-live", "polite")
    # the finished answer lands inside the log region, once, as a whole
    assert log.locator(".cw-msg-assistant").count() == 1
    final_text = answer.locator(".cw-md").inner_text()
    assert len(final_text) > 50 and final_text in log.inner_text()
    expect(dialog.get_by_role("status")).to_have_text("Réponse terminée")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    assert (deep_active(page) or {}).get("label") == LAUNCHER_NAME, deep_active(page)
    # Enter on the launcher (focus is there) opens again, focus lands in the field
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    expect(page.get_by_label("Votre question")).to_be_focused()


# --------------------------------------------------------------------------- 7. API down, then back


def test_api_down_shows_french_error_and_recovers_after_restart(
    api: ApiServer, new_page: Any, save_screenshot: Any
) -> None:
    page = open_demo(new_page, api)
    dialog = open_panel(page)
    api.stop()
    try:
        field = page.get_by_label("Votre question")
        field.fill(SIAE)
        field.press("Enter")
        alert = dialog.get_by_role("alert")
        expect(alert).to_contain_text("momentanément indisponible", timeout=ANSWER_TIMEOUT)
        retry = dialog.get_by_role("button", name="Réessayer")
        expect(retry).to_be_visible()
        log = page.get_by_role("log")
        expect(log).to_have_attribute("aria-busy", "false")
        expect(log.locator(".cw-msg-assistant")).to_have_count(0)  # no empty or half answer left behind
        expect(log.locator(".cw-msg-user")).to_have_count(1)
        expect(field).to_be_enabled()
        expect(field).to_be_editable()
        expect(dialog.get_by_role("button", name="Envoyer")).to_be_visible()
        save_screenshot(page, "e2e-07-api-down-error")

        # the panel is not frozen: Escape closes it, focus goes back to the launcher, Enter reopens it
        field.focus()
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert (deep_active(page) or {}).get("label") == LAUNCHER_NAME
        page.keyboard.press("Enter")
        expect(dialog).to_be_visible()
        expect(retry).to_be_visible()
    finally:
        api.start()  # the same port: the page's API comes back

    retry.click()
    answer = wait_answer(page, 0)
    expect(answer).to_contain_text("L2113-13")
    expect(dialog.get_by_role("alert")).to_have_text("")
    expect(retry).to_be_hidden()
    expect(page.get_by_role("log").locator(".cw-msg-user")).to_have_count(1)  # the retry did not repeat the question
    save_screenshot(page, "e2e-07-api-back-answer")
