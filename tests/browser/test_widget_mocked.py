"""The widget against the API contract, answered by Playwright routes (no API server).

The page and ``widget.js`` come from the real static server; ``/api/*`` requests are
fulfilled by ``page.route`` with the documented shapes (SSE events ``start`` /
``delta`` / ``done`` / ``error``, JSON errors, the .docx download). The end-to-end
tests against the real FastAPI app live beside these and reuse the same fixtures.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.browser.widget_helpers import HOST, LAUNCHER_NAME, shadow_eval, wait_idle

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

TITLE = "Assistant clauses sociales"
SOURCES = [
    {
        "n": 1,
        "title": "Cadre juridique des clauses sociales",
        "source": "02-cadre-juridique.md",
        "page": None,
        "section": "Cadre juridique > Clause d'insertion (article L2112-2)",
        "excerpt": "Les conditions d'exécution peuvent prendre en compte des considérations relatives à l'emploi.",
        "url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037730673",
        "score": 0.8,
    },
    {
        "n": 2,
        "title": "Guide de la clause sociale d'insertion",
        "source": "guide-clause.pdf",
        "page": 14,
        "section": None,
        "excerpt": "Le public éligible comprend les demandeurs d'emploi de longue durée.",
        "url": None,
        "score": 0.7,
    },
]
ANSWER = """La clause d'insertion est une **condition d'exécution** du marché [1].

Peuvent en bénéficier :

- les demandeurs d'emploi de longue durée [2] ;
- les bénéficiaires du *RSA* ;
- les travailleurs handicapés [1, 2].

| Public | Condition |
|---|---|
| Jeunes | moins de 26 ans |
"""


def sse(*events: tuple[str, Any]) -> str:
    return "".join(f"event: {name}\r\ndata: {json.dumps(data, ensure_ascii=False)}\r\n\r\n" for name, data in events)


def response(answer: str = ANSWER, **extra: Any) -> dict[str, Any]:
    body = {
        "answer": answer,
        "sources": SOURCES,
        "tool_calls": [],
        "backend": "embedded",
        "session_id": "s-1",
        "message_id": "m-1",
        "intent": "question",
        "notices": [],
    }
    body.update(extra)
    return body


def stream_of(final: dict[str, Any], pieces: int = 6) -> str:
    text = final["answer"]
    size = max(1, len(text) // pieces)
    deltas = [("delta", {"text": text[i : i + size]}) for i in range(0, len(text), size)]
    return sse(
        ("start", {"session_id": final["session_id"], "message_id": final["message_id"]}), *deltas, ("done", final)
    )


class FakeApi:
    """Records requests and answers /api/* with queued replies."""

    def __init__(self, page: Any, origin: str) -> None:
        self.requests: list[tuple[str, Any]] = []
        self.replies: dict[str, list[dict[str, Any]]] = {}
        page.route(f"{origin}/api/**", self._handle)

    def queue(
        self,
        path: str,
        status: int = 200,
        body: str | bytes = "",
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.replies.setdefault(path, []).append(
            {"status": status, "body": body, "headers": {"Content-Type": content_type, **(headers or {})}}
        )

    def stream(self, final: dict[str, Any]) -> None:
        self.queue("/api/chat/stream", body=stream_of(final), content_type="text/event-stream; charset=utf-8")

    def bodies(self, path: str) -> list[Any]:
        return [body for p, body in self.requests if p == path]

    def _handle(self, route: Any) -> None:
        request = route.request
        path = "/" + request.url.split("/", 3)[3].split("?")[0]
        try:
            body = request.post_data_json
        except Exception:
            body = request.post_data
        self.requests.append((path, body))
        queue = self.replies.get(path) or []
        if not queue:
            route.fulfill(
                status=404,
                content_type="application/json",
                body=json.dumps({"error": {"code": "not_found", "message": "Introuvable."}}),
            )
            return
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        route.fulfill(status=reply["status"], headers=reply["headers"], body=reply["body"])


@pytest.fixture
def widget(new_page: Any, host_page: Any, static_server: Any) -> Any:
    """A host page with the widget (same-origin API), opened; returns (page, api, dialog)."""

    def make(**page_options: Any) -> tuple[Any, FakeApi, Any]:
        page = new_page(**page_options)
        api = FakeApi(page, static_server.origin)
        page.goto(host_page(data_title=TITLE))
        page.get_by_role("button", name=LAUNCHER_NAME).click()
        dialog = page.get_by_role("dialog", name=TITLE)
        expect(dialog).to_be_visible()
        return page, api, dialog

    return make


def ask(page: Any, text: str) -> None:
    field = page.get_by_label("Votre question")
    field.fill(text)
    field.press("Enter")
    wait_idle(page)


def test_streamed_answer_markdown_citations_sources_and_announcements(widget: Any, save_screenshot: Any) -> None:
    page, api, dialog = widget()
    api.stream(response())
    # record every aria-busy value the log goes through
    shadow_eval(
        page,
        """
        window.__busy = [];
        const log = root.querySelector('[role=log]');
        new MutationObserver(() => window.__busy.push(log.getAttribute('aria-busy')))
          .observe(log, {attributes: true, attributeFilter: ['aria-busy']});
        """,
    )
    ask(page, "Qui peut bénéficier de la clause d'insertion ?")
    assert api.bodies("/api/chat/stream") == [
        {"message": "Qui peut bénéficier de la clause d'insertion ?", "session_id": None}
    ]
    busy = page.evaluate("() => window.__busy")
    assert busy[0] == "true" and busy[-1] == "false", busy
    expect(dialog.get_by_role("status")).to_have_text("Réponse terminée")

    log = dialog.get_by_role("log")
    answer = log.locator(".cw-msg-assistant").last
    expect(answer.locator("strong")).to_have_text("condition d'exécution")
    expect(answer.locator(".cw-md ul > li")).to_have_count(3)
    expect(answer.locator(".cw-md em")).to_have_text("RSA")
    expect(answer.get_by_role("columnheader", name="Public")).to_be_visible()
    expect(answer.get_by_role("cell", name="moins de 26 ans")).to_be_visible()

    # numbered, expandable sources whose names say which document and page/section
    summaries = answer.locator("details.cw-src > summary")
    expect(summaries).to_have_count(2)
    expect(summaries.nth(0)).to_contain_text("Cadre juridique des clauses sociales")
    expect(summaries.nth(0)).to_contain_text("section Cadre juridique > Clause d'insertion (article L2112-2)")
    expect(summaries.nth(1)).to_contain_text("Guide de la clause sociale d'insertion")
    expect(summaries.nth(1)).to_contain_text("page 14")
    excerpt = answer.get_by_text("Le public éligible comprend")
    expect(excerpt).to_be_hidden()

    # a citation marker opens the matching source and moves focus to it
    cite = answer.get_by_role("button", name="Source 2 : Guide de la clause sociale d'insertion, page 14").first
    cite.click()
    expect(excerpt).to_be_visible()
    expect(summaries.nth(1)).to_be_focused()
    summaries.nth(0).click()
    link = answer.get_by_role("link", name="Consulter la source (nouvelle fenêtre)")
    expect(link).to_have_attribute("href", SOURCES[0]["url"])
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    save_screenshot(page, "widget-answer-sources-expanded")

    # feedback buttons are there, not pressed
    expect(answer.get_by_role("button", name="Réponse utile")).to_have_attribute("aria-pressed", "false")
    expect(answer.get_by_role("button", name="Réponse pas utile")).to_have_attribute("aria-pressed", "false")


INJECTION = (
    'Texte <img src=x onerror="window.__xss=1"> et <script>window.__xss=2</script> '
    '[piège](javascript:window.__xss=3) <iframe src="javascript:window.__xss=4"></iframe> '
    "**<b>gras</b>**"
)


def test_html_in_answers_sources_and_user_text_is_shown_as_text(widget: Any) -> None:
    page, api, dialog = widget()
    evil_sources = [
        dict(
            SOURCES[0],
            title='<img src=x onerror="window.__xss=5">Titre',
            excerpt="<script>window.__xss=6</script>extrait",
            url="javascript:window.__xss=7",
            section="<b>Section</b>",
        ),
    ]
    api.stream(response(answer=INJECTION, sources=evil_sources))
    user_text = '<img src=x onerror="window.__xss=8"> ma question'
    ask(page, user_text)
    wait_idle(page)
    page.wait_for_timeout(300)  # let any (wrongly) injected handler run

    counts = shadow_eval(page, "return root.querySelectorAll('img, script, iframe, b').length;")
    assert counts == 0
    assert page.evaluate("() => document.querySelectorAll('body img, body iframe').length") == 0
    assert page.evaluate("() => window.__xss") is None
    assert (
        shadow_eval(
            page,
            "return [...root.querySelectorAll('a')].map(a => a.getAttribute('href')).filter(h => !/^https?:/.test(h));",
        )
        == []
    )

    log = dialog.get_by_role("log")
    expect(log.locator(".cw-msg-user")).to_contain_text(user_text)
    answer = log.locator(".cw-msg-assistant").last
    expect(answer).to_contain_text('<img src=x onerror="window.__xss=1">')
    expect(answer).to_contain_text("<script>window.__xss=2</script>")
    expect(answer.locator("strong")).to_have_text("<b>gras</b>")
    expect(answer.get_by_role("link", name="piège")).to_have_count(0)
    summary = answer.locator("summary").first
    expect(summary).to_contain_text('<img src=x onerror="window.__xss=5">Titre')
    summary.click()
    expect(answer).to_contain_text("<script>window.__xss=6</script>extrait")
    expect(answer.get_by_role("link", name="Consulter la source (nouvelle fenêtre)")).to_have_count(0)


def test_conversation_survives_reload_and_clear_forgets_it(widget: Any) -> None:
    page, api, dialog = widget()
    api.stream(response())
    ask(page, "Première question")
    expect(dialog.locator(".cw-msg")).to_have_count(2)

    page.reload()
    page.get_by_role("button", name=LAUNCHER_NAME).click()
    dialog = page.get_by_role("dialog", name=TITLE)
    expect(dialog.locator(".cw-msg")).to_have_count(2)
    expect(dialog.locator(".cw-msg-user")).to_have_text("Vous : Première question")
    expect(dialog.locator("details.cw-src")).to_have_count(2)
    expect(dialog.get_by_role("button", name="Qui peut bénéficier de la clause d'insertion ?")).to_be_hidden()

    # the next question carries the stored session id (a second fake: the latest route wins)
    api2 = FakeApi(page, page.url.split("/_test/")[0])
    api2.stream(response(answer="Deuxième réponse.", message_id="m-2"))
    ask(page, "Deuxième question")
    assert api2.bodies("/api/chat/stream")[-1] == {"message": "Deuxième question", "session_id": "s-1"}

    dialog.get_by_role("button", name="Effacer la conversation").click()
    expect(dialog.locator(".cw-msg")).to_have_count(0)
    expect(dialog.get_by_role("status")).to_have_text("Conversation effacée")
    expect(dialog.get_by_role("button", name="Qui peut bénéficier de la clause d'insertion ?")).to_be_visible()
    assert page.evaluate("() => Object.keys(sessionStorage).filter(k => k.startsWith('clauses-widget'))") == []
    ask(page, "Après effacement")
    assert api2.bodies("/api/chat/stream")[-1] == {"message": "Après effacement", "session_id": None}
    page.reload()
    page.get_by_role("button", name=LAUNCHER_NAME).click()
    expect(page.get_by_role("dialog", name=TITLE).locator(".cw-msg")).to_have_count(2)


def test_sizing_answer_shows_the_hours(widget: Any) -> None:
    page, api, dialog = widget()
    size_call = {
        "name": "size",
        "arguments": {"amount": 1200000, "months": 18},
        "result": {
            "hours": 833,
            "hours_worked": 16667,
            "etp_total": 0.46,
            "etp_per_year": 0.31,
            "method_label": "Part de main-d'œuvre",
            "formula": "1 200 000 × 35 % ÷ 25,2 × 5 %",
            "assumptions": [],
            "warnings": [],
        },
    }
    api.stream(
        response(
            answer="Il faut prévoir **833 heures** d'insertion [1].",
            tool_calls=[size_call],
            intent="sizing",
            sources=SOURCES[:1],
        )
    )
    ask(page, "Combien d'heures d'insertion pour un marché de 1,2 M€ de gros œuvre sur 18 mois ?")
    card = dialog.get_by_role("group", name="Résultat du calcul")
    expect(card).to_be_visible()
    expect(card).to_contain_text("833 heures d'insertion")
    expect(card).to_contain_text("16 667 h")
    expect(card).to_contain_text("0,31 ETP par an")


CLAUSE = """## Clause d'insertion sociale

### Volume d'heures

Le titulaire réalise **au minimum 1 000 heures** d'insertion sur le marché « [à compléter : objet du marché] ».

Sont éligibles :

- les demandeurs d'emploi de longue durée ;
- les bénéficiaires du RSA.

Périmètre : [à compléter : lots concernés par la clause]."""

READ_CLIPBOARD_JS = """async () => {
  const out = {};
  for (const item of await navigator.clipboard.read())
    for (const type of item.types) out[type] = await (await item.getType(type)).text();
  return out;
}"""


def draft_response(clause: str = CLAUSE, paragraphs: int = 0) -> dict[str, Any]:
    body = clause + "".join(f"\n\nParagraphe {k} de la clause." for k in range(paragraphs))
    call = {
        "name": "draft",
        "arguments": {"kind": "execution", "parameters": {"hours": 1000, "lot": "2"}},
        "result": {"text": body, "title": "Clause d'insertion", "references": [], "to_complete": [], "warnings": []},
    }
    answer = "Voici une proposition de rédaction : **Clause d'insertion**.\n\n---\n\n" + body
    return response(answer=answer, tool_calls=[call], intent="drafting")


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_copy_puts_rich_and_plain_text_without_markdown_on_the_clipboard(widget: Any) -> None:
    page, api, dialog = widget(permissions=["clipboard-read", "clipboard-write"])
    api.stream(draft_response())
    ask(page, "Rédige la clause d'insertion pour le lot 2")
    actions = dialog.get_by_role("group", name="Clause rédigée : Clause d'insertion")
    actions.get_by_role("button", name="Copier la clause").click()
    expect(actions.get_by_text("Copié", exact=True)).to_be_visible()
    expect(dialog.get_by_role("status")).to_contain_text("Copié")

    copied = page.evaluate(READ_CLIPBOARD_JS)
    assert {"text/html", "text/plain"} <= set(copied), copied.keys()
    text = copied["text/plain"]
    assert text.startswith(
        "Clause d'insertion sociale\n\nVolume d'heures\n\nLe titulaire réalise au minimum 1 000 heures"
    )
    assert "• les demandeurs d'emploi de longue durée ;\n• les bénéficiaires du RSA." in text
    soup = BeautifulSoup(copied["text/html"], "html.parser")
    assert soup.find("h2").get_text() == "Clause d'insertion sociale"
    assert soup.find("h3").get_text() == "Volume d'heures"
    assert plain(soup.find("strong").get_text()) == "au minimum 1 000 heures"
    assert [li.get_text() for li in soup.find_all("li")] == [
        "les demandeurs d'emploi de longue durée ;",
        "les bénéficiaires du RSA.",
    ]
    assert [m.get_text() for m in soup.find_all("mark")] == [
        "[à compléter : objet du marché]",
        "[à compléter : lots concernés par la clause]",
    ]
    for version in (copied["text/plain"], soup.get_text()):
        for marker in ("##", "**", "\n- ", "---"):
            assert marker not in version, marker


def test_clause_actions_come_before_a_long_clause(widget: Any) -> None:
    page, api, dialog = widget()
    api.stream(draft_response(paragraphs=60))
    ask(page, "Rédige la clause d'insertion pour le lot 2")
    answer = dialog.get_by_role("log").locator(".cw-msg-assistant").last
    copy = answer.get_by_role("button", name="Copier la clause")
    download = answer.get_by_role("button", name="Télécharger (.docx)")
    # above the text in reading and tab order, and scrolled into view once the answer is complete
    assert shadow_eval(
        page,
        "const a = root.querySelector('.cw-msg-assistant:last-child');"
        " const pos = a.querySelector('.cw-copy').compareDocumentPosition(a.querySelector('.cw-md'));"
        " return (pos & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;",
    )
    expect(copy).to_be_in_viewport()
    expect(download).to_be_in_viewport()
    expect(answer.get_by_text("Paragraphe 59 de la clause.")).not_to_be_in_viewport()


def test_placeholders_are_highlighted_and_counted(widget: Any) -> None:
    page, api, dialog = widget()
    api.stream(draft_response())
    ask(page, "Rédige la clause d'insertion pour le lot 2")
    answer = dialog.get_by_role("log").locator(".cw-msg-assistant").last
    marks = answer.locator(".cw-md mark")
    expect(marks).to_have_text(["[à compléter : objet du marché]", "[à compléter : lots concernés par la clause]"])
    expect(marks.first).to_have_attribute("title", "À compléter avant publication")
    expect(answer.get_by_role("group", name="Clause rédigée : Clause d'insertion")).to_contain_text(
        "2 éléments à compléter, surlignés dans le texte."
    )
    colours = shadow_eval(
        page, "const s = getComputedStyle(root.querySelector('mark')); return [s.backgroundColor, s.color];"
    )
    assert colours == ["rgb(255, 243, 176)", "rgb(27, 27, 27)"]


def test_drafted_clause_docx_download(widget: Any) -> None:
    page, api, dialog = widget()
    api.stream(draft_response())
    api.queue(
        "/api/draft",
        body=b"PK\x03\x04docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={
            "Content-Disposition": "attachment; filename=\"clause.docx\"; filename*=UTF-8''clause-insertion-lot-2.docx"
        },
    )
    ask(page, "Rédige l'article du CCAP pour une clause d'insertion de 1 000 heures sur le lot 2")
    with page.expect_download() as download_info:
        dialog.get_by_role("button", name="Télécharger (.docx)").click()
    download = download_info.value
    assert download.suggested_filename == "clause-insertion-lot-2.docx"
    assert api.bodies("/api/draft") == [
        {"kind": "execution", "parameters": {"hours": 1000, "lot": "2"}, "format": "docx"}
    ]


def test_enlarge_toggle_by_keyboard_covers_the_page_and_back(widget: Any) -> None:
    page, api, dialog = widget(reduced_motion="reduce")  # no opening animation: sizes are final
    enlarge = dialog.get_by_role("button", name="Agrandir")
    expect(enlarge).to_have_attribute("aria-pressed", "false")
    normal = dialog.bounding_box()
    enlarge.focus()
    page.keyboard.press("Enter")
    expect(enlarge).to_have_attribute("aria-pressed", "true")
    expect(dialog.get_by_role("status")).to_have_text("Panneau agrandi")
    big = dialog.bounding_box()
    assert big["width"] >= 1280 - 40 and big["height"] > normal["height"], (normal, big)
    expect(enlarge).to_be_focused()
    page.keyboard.press("Space")
    expect(enlarge).to_have_attribute("aria-pressed", "false")
    assert dialog.bounding_box() == normal
    # Escape first leaves the enlarged view, then closes the panel
    page.keyboard.press("Enter")
    expect(enlarge).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Escape")
    expect(enlarge).to_have_attribute("aria-pressed", "false")
    expect(dialog).to_be_visible()
    expect(enlarge).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name=LAUNCHER_NAME)).to_be_focused()


def test_suggestions_are_chips_that_ask_the_question(widget: Any) -> None:
    page, api, dialog = widget()
    proposed = ["Qui peut bénéficier de la clause d'insertion ?", "Comment calculer les heures d'insertion ?"]
    api.stream(response(answer="Je ne suis pas sûr de comprendre. Vouliez-vous dire :", suggestions=proposed))
    ask(page, "clause pour les gens")
    answer = dialog.get_by_role("log").locator(".cw-msg-assistant").last
    chips = answer.get_by_role("list", name="Questions proposées :").get_by_role("button")
    expect(chips).to_have_text(proposed)
    expect(dialog.get_by_role("status")).to_have_text("Réponse terminée : 2 questions proposées sous la réponse")

    api.replies["/api/chat/stream"] = []
    api.stream(response(answer="Réponse à la deuxième question.", message_id="m-2"))
    chips.nth(1).focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    assert api.bodies("/api/chat/stream")[-1] == {"message": proposed[1], "session_id": "s-1"}
    expect(dialog.locator(".cw-msg-user").last).to_have_text("Vous : " + proposed[1])
    expect(page.get_by_label("Votre question")).to_be_focused()


def test_answers_without_suggestions_have_no_chips(widget: Any) -> None:
    page, api, dialog = widget()
    api.stream(response())
    ask(page, "Qui peut bénéficier de la clause d'insertion ?")
    expect(dialog.get_by_role("log").get_by_role("list", name="Questions proposées :")).to_have_count(0)


def test_feedback_up_down_and_comment(widget: Any) -> None:
    page, api, dialog = widget()
    api.stream(response())
    api.queue("/api/feedback", body=json.dumps({"ok": True}))
    ask(page, "Qui peut bénéficier de la clause d'insertion ?")
    # the thanks are both shown in the feedback group and announced in the status region:
    # each locator is scoped to one of them (a dialog-wide text match finds two elements)
    feedback = dialog.get_by_role("group", name="Avis sur la réponse")
    up = feedback.get_by_role("button", name="Réponse utile")
    down = feedback.get_by_role("button", name="Réponse pas utile")
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(feedback).to_contain_text("Merci pour votre retour.")
    expect(dialog.get_by_role("status")).to_have_text("Merci pour votre retour.")
    down.click()
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_attribute("aria-pressed", "false")
    comment = dialog.get_by_label("Qu'est-ce qui n'allait pas ? (facultatif)")
    comment.fill("Il manque la référence au code du travail.")
    dialog.get_by_role("button", name="Envoyer le commentaire").click()
    expect(feedback).to_contain_text("Merci, votre commentaire a été transmis.")
    expect(dialog.get_by_role("status")).to_have_text("Merci, votre commentaire a été transmis.")
    assert api.bodies("/api/feedback") == [
        {"session_id": "s-1", "message_id": "m-1", "rating": "up", "comment": None},
        {"session_id": "s-1", "message_id": "m-1", "rating": "down", "comment": None},
        {
            "session_id": "s-1",
            "message_id": "m-1",
            "rating": "down",
            "comment": "Il manque la référence au code du travail.",
        },
    ]


@pytest.mark.parametrize(
    ("status", "body", "expected", "retry"),
    [
        (
            429,
            {"error": {"code": "rate_limited", "message": "Trop de requêtes : réessayez dans une minute."}},
            "Trop de requêtes : réessayez dans une minute.",
            True,
        ),
        (
            500,
            {"error": {"code": "internal", "message": "Erreur interne du service."}},
            "Erreur interne du service.",
            True,
        ),
        (
            413,
            {"error": {"code": "message_too_long", "message": "Message trop long (4 000 caractères au maximum)."}},
            "Message trop long",
            False,
        ),
        (502, "<html>Bad gateway</html>", "rencontre une difficulté", True),
    ],
    ids=["429", "500", "413", "502-html"],
)
def test_http_errors_show_the_french_message(widget: Any, status: int, body: Any, expected: str, retry: bool) -> None:
    page, api, dialog = widget()
    is_json = isinstance(body, dict)
    api.queue(
        "/api/chat/stream",
        status=status,
        body=json.dumps(body) if is_json else body,
        content_type="application/json" if is_json else "text/html",
    )
    ask(page, "Une question")
    expect(dialog.get_by_role("alert")).to_contain_text(expected)
    expect(dialog.get_by_role("button", name="Réessayer")).to_have_count(1 if retry else 0)
    assert page.locator(HOST).count() == 1
    # recovers: the next answer goes through and clears the error
    api.replies["/api/chat/stream"] = []
    api.stream(response(answer="Réponse après l'erreur."))
    if retry:
        dialog.get_by_role("button", name="Réessayer").click()
        wait_idle(page)
        expect(dialog.locator(".cw-msg-user")).to_have_count(1)
    else:
        ask(page, "Une question plus courte")
    expect(dialog.get_by_role("alert")).to_be_empty()
    expect(dialog.get_by_role("log").get_by_text("Réponse après l'erreur.")).to_be_visible()


def test_error_event_and_truncated_stream_keep_partial_text(widget: Any) -> None:
    page, api, dialog = widget()
    api.queue(
        "/api/chat/stream",
        body=sse(
            ("start", {"session_id": "s-1", "message_id": "m-1"}),
            ("delta", {"text": "Début de réponse"}),
            ("error", {"code": "backend_error", "message": "Le moteur de réponse a rencontré une erreur."}),
        ),
        content_type="text/event-stream",
    )
    api.queue(
        "/api/chat/stream",
        body=sse(("start", {"session_id": "s-1", "message_id": "m-2"}), ("delta", {"text": "Autre début"})),
        content_type="text/event-stream",
    )
    ask(page, "Première")
    expect(dialog.get_by_role("alert")).to_have_text("Le moteur de réponse a rencontré une erreur.")
    log = dialog.get_by_role("log")
    expect(log.get_by_text("Début de réponse")).to_be_visible()
    expect(log.get_by_text("Réponse incomplète (erreur pendant la génération).")).to_be_visible()
    ask(page, "Seconde")
    expect(dialog.get_by_role("alert")).to_contain_text("interrompue")
    expect(dialog.get_by_role("button", name="Réessayer")).to_be_visible()


def test_falls_back_to_plain_json_when_streaming_is_unavailable(widget: Any) -> None:
    page, api, dialog = widget()
    api.queue(
        "/api/chat/stream", status=404, body=json.dumps({"error": {"code": "not_found", "message": "Introuvable."}})
    )
    api.queue("/api/chat", body=json.dumps(response(answer="Réponse **sans** flux [2].")))
    ask(page, "Question")
    answer = dialog.get_by_role("log").locator(".cw-msg-assistant")
    expect(answer).to_have_count(1)
    expect(answer.locator("strong")).to_have_text("sans")
    assert api.bodies("/api/chat") == [{"message": "Question", "session_id": None}]
    expect(
        dialog.get_by_role("button", name="Source 2 : Guide de la clause sociale d'insertion, page 14")
    ).to_be_visible()


CONTRAST_JS = """
const parse = (c) => { const m = /rgba?\\(([^)]+)\\)/.exec(c); if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
const bgOf = (el) => { for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
  const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
const out = [];
for (const el of root.querySelectorAll('.cw-panel *')) {
  if (el.closest('.cw-sr') || el.getClientRects().length === 0) continue;
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const st = getComputedStyle(el);
  if (st.visibility === 'hidden' || parseFloat(st.opacity) < 1) continue;
  const fg = parse(st.color), bg = bgOf(el);
  const l1 = lum(fg), l2 = lum(bg);
  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  out.push({text: el.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, cls: el.className});
}
return out;
"""


def test_text_contrast_is_at_least_4_5_to_1(widget: Any) -> None:
    page, api, dialog = widget()
    size_call = {
        "name": "size",
        "arguments": {},
        "result": {"hours": 833, "etp_per_year": 0.31, "formula": "x", "method_label": "Méthode"},
    }
    draft_call = {
        "name": "draft",
        "arguments": {"kind": "execution", "parameters": {}},
        "result": {"text": "Clause", "title": "T"},
    }
    api.stream(response(tool_calls=[size_call, draft_call], notices=["Réponse produite par le moteur intégré."]))
    ask(page, "Question")
    for summary in dialog.locator("details.cw-src > summary").all():
        summary.click()
    page.mouse.move(0, 0)
    api.replies["/api/chat/stream"] = []
    api.queue(
        "/api/chat/stream",
        status=500,
        body=json.dumps({"error": {"code": "x", "message": "Erreur interne du service."}}),
    )
    ask(page, "Deuxième")
    expect(dialog.get_by_role("alert")).not_to_be_empty()
    page.get_by_label("Votre question").fill("texte saisi")
    measures = shadow_eval(page, CONTRAST_JS)
    assert len(measures) > 25, measures
    low = [m for m in measures if m["ratio"] < 4.5]
    assert low == [], low


@pytest.mark.parametrize(("motion", "animated"), [("reduce", False), ("no-preference", True)])
def test_respects_prefers_reduced_motion(new_page: Any, host_page: Any, motion: str, animated: bool) -> None:
    page = new_page(reduced_motion=motion)
    page.goto(host_page(data_title=TITLE))
    page.get_by_role("button", name=LAUNCHER_NAME).click()
    names = shadow_eval(
        page,
        "return [...root.querySelectorAll('.cw-panel, .cw-panel *')].map(e => getComputedStyle(e).animationName).filter(n => n !== 'none');",
    )
    assert bool(names) is animated, names


# --------------------------------------------------------------------------- axe-core

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page (open shadow roots included)."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in results.response["violations"]
    ]


def test_axe_finds_no_violation_in_a_full_conversation(widget: Any) -> None:
    page, api, dialog = widget(reduced_motion="reduce")
    assert axe_violations(page) == []
    proposed = ["Qui peut bénéficier de la clause d'insertion ?", "Comment calculer les heures d'insertion ?"]
    api.stream(draft_response() | {"sources": SOURCES, "suggestions": proposed})
    api.queue("/api/feedback", body=json.dumps({"ok": True}))
    ask(page, "Rédige la clause d'insertion pour le lot 2")
    dialog.locator("details.cw-src > summary").first.click()
    dialog.get_by_role("button", name="Réponse pas utile").click()  # opens the comment form
    expect(dialog.get_by_label("Qu'est-ce qui n'allait pas ? (facultatif)")).to_be_visible()
    assert axe_violations(page) == []
    dialog.get_by_role("button", name="Agrandir").click()
    assert axe_violations(page) == []
