"""The widget with nothing behind it but static files (no API server).

A real ``http.server`` on 127.0.0.1 serves ``api/static`` and portal-like host pages
that embed the widget with one script tag; Debian's chromium runs it. The API is
either absent (``data-api`` missing), down (a closed port) or hung (a socket that
accepts and never answers).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.widget_helpers import (
    HOST,
    LAUNCHER_NAME,
    deep_active,
    log_busy,
    open_with_keyboard,
    shadow_eval,
    wait_idle,
)

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

TITLE = "Assistant clauses sociales"
SUGGESTIONS = [
    "Combien d'heures d'insertion pour un marché de 1,2 M€ de gros œuvre sur 18 mois ?",
    "Rédige l'article du CCAP pour une clause d'insertion de 1 000 heures sur le lot 2",
    "Peut-on réserver un marché à la fois aux ESAT et aux SIAE ?",
    "Qui peut bénéficier de la clause d'insertion ?",
]


def console_errors(page: Any) -> list[str]:
    return [text for kind, text in page.console_messages if kind == "error"]


# --------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("api", "data", "needle"),
    [
        pytest.param(None, {}, "data-api", id="no-data-api"),
        pytest.param("", {}, "data-api", id="empty-data-api"),
        pytest.param("javascript:alert(1)", {}, "data-api", id="non-http-data-api"),
        pytest.param("__same_origin__", {"data_mode": "inline"}, "data-target", id="inline-without-target"),
        pytest.param(
            "__same_origin__",
            {"data_mode": "inline", "data_target": "#absent"},
            "#absent",
            id="inline-missing-container",
        ),
        pytest.param("__same_origin__", {"data_mode": "popup"}, "data-mode", id="unknown-mode"),
    ],
)
def test_bad_configuration_fails_loudly_and_renders_nothing(
    page: Any, host_page: Any, api: str | None, data: dict[str, str], needle: str
) -> None:
    # wait for the error itself (no fixed delay: console events reach the test asynchronously)
    with page.expect_console_message(lambda m: m.type == "error" and "[ClausesWidget]" in m.text) as message:
        page.goto(host_page(api=api, **data))
    assert needle in message.value.text, message.value.text
    page.wait_for_load_state("load")
    assert page.locator(HOST).count() == 0
    assert page.get_by_role("button", name=LAUNCHER_NAME).count() == 0
    assert page.evaluate("() => typeof window.ClausesWidget") == "undefined"


def test_one_script_tag_gives_an_open_french_shadow_root(page: Any, host_page: Any) -> None:
    page.goto(host_page(data_title=TITLE))
    launcher = page.get_by_role("button", name=LAUNCHER_NAME)
    expect(launcher).to_be_visible()
    assert page.locator(HOST).count() == 1
    info = shadow_eval(
        page,
        """
        const host = root.host;
        const panel = root.getElementById(root.querySelector('.cw-launcher').getAttribute('aria-controls'));
        return {
          mode: root.mode,
          hostLang: host.getAttribute('lang'),
          rootLang: root.querySelector('.cw-root').getAttribute('lang'),
          launcherTag: root.querySelector('.cw-launcher').tagName,
          expanded: root.querySelector('.cw-launcher').getAttribute('aria-expanded'),
          panelRole: panel && panel.getAttribute('role'),
          panelHidden: panel && panel.hidden,
          labelledBy: panel && root.getElementById(panel.getAttribute('aria-labelledby')).textContent,
          styledInside: getComputedStyle(root.querySelector('.cw-launcher')).position,
        };
        """,
    )
    assert info == {
        "mode": "open",
        "hostLang": "fr",
        "rootLang": "fr",
        "launcherTag": "BUTTON",
        "expanded": "false",
        "panelRole": "dialog",
        "panelHidden": True,
        "labelledBy": TITLE,
        "styledInside": "fixed",
    }
    assert page.evaluate("() => typeof window.ClausesWidget.version") == "string"
    # the portal's own CSS does not leak in: a global button rule leaves the launcher alone
    page.add_style_tag(content="button { background: rgb(255, 0, 0) !important; font-size: 40px !important; }")
    bg = shadow_eval(page, "return getComputedStyle(root.querySelector('.cw-launcher')).backgroundColor;")
    assert bg != "rgb(255, 0, 0)"
    assert console_errors(page) == []


def test_theming_by_data_attributes(page: Any, host_page: Any) -> None:
    page.goto(host_page(data_primary_color="#7a1f5c", data_position="left", data_title="Aide clauses"))
    launcher_box = page.get_by_role("button", name=LAUNCHER_NAME).bounding_box()
    assert launcher_box is not None and launcher_box["x"] < 100  # on the left
    bg = shadow_eval(page, "return getComputedStyle(root.querySelector('.cw-launcher')).backgroundColor;")
    assert bg == "rgb(122, 31, 92)"
    page.get_by_role("button", name=LAUNCHER_NAME).click()
    expect(page.get_by_role("dialog", name="Aide clauses")).to_be_visible()


def test_open_greeting_and_suggestions_attributes(page: Any, host_page: Any) -> None:
    page.goto(
        host_page(
            data_open="true",
            data_greeting="Bienvenue sur le portail.",
            data_suggestions="Première suggestion|Seconde suggestion",
        )
    )
    dialog = page.get_by_role("dialog", name=TITLE)  # data-title absent: the default title
    expect(dialog).to_be_visible()
    expect(page.get_by_role("button", name=LAUNCHER_NAME)).to_have_attribute("aria-expanded", "true")
    expect(dialog.get_by_text("Bienvenue sur le portail.")).to_be_visible()
    chips = dialog.locator(".cw-chip")
    expect(chips).to_have_text(["Première suggestion", "Seconde suggestion"])
    # opening on load does not steal the focus from the page
    assert deep_active(page) is None
    page.evaluate("() => window.ClausesWidget.close()")
    expect(dialog).to_be_hidden()
    page.evaluate("() => window.ClausesWidget.open()")
    expect(page.get_by_label("Votre question")).to_be_focused()


# --------------------------------------------------------------------------- keyboard


def test_keyboard_open_focus_input_escape_returns_focus(page: Any, host_page: Any, save_screenshot: Any) -> None:
    page.goto(host_page(data_title=TITLE))
    save_screenshot(page, "widget-launcher-closed")
    open_with_keyboard(page)

    dialog = page.get_by_role("dialog", name=TITLE)
    expect(dialog).to_be_visible()
    launcher = page.get_by_role("button", name=LAUNCHER_NAME)
    expect(launcher).to_have_attribute("aria-expanded", "true")
    active = deep_active(page)
    assert active is not None and active["tag"] == "textarea" and active["inPanel"], active
    expect(page.get_by_label("Votre question")).to_be_focused()

    # French interface, suggested questions on open
    for name in ("Envoyer", "Fermer", "Effacer la conversation"):
        expect(dialog.get_by_role("button", name=name, exact=True)).to_be_visible()
    for question in SUGGESTIONS:
        expect(dialog.get_by_role("button", name=question)).to_be_visible()
    expect(dialog.get_by_role("log")).to_have_attribute("aria-busy", "false")
    assert dialog.get_by_role("status").count() == 1
    save_screenshot(page, "widget-panel-open")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    active = deep_active(page)
    assert active is not None and active["label"] == LAUNCHER_NAME, active

    # Space opens too; the close button closes and returns focus as well
    page.keyboard.press(" ")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Fermer", exact=True).click()
    expect(dialog).to_be_hidden()
    assert deep_active(page)["label"] == LAUNCHER_NAME


def test_focus_is_trapped_in_the_open_panel(page: Any, host_page: Any) -> None:
    page.goto(host_page(data_title=TITLE))
    open_with_keyboard(page)
    start = deep_active(page)
    assert start is not None and start["tag"] == "textarea"

    forward = []
    for _ in range(14):
        page.keyboard.press("Tab")
        forward.append(deep_active(page))
    assert all(a is not None and a["inPanel"] for a in forward), forward
    assert any(a["tag"] == "textarea" for a in forward), "Tab never cycled back to the input"
    assert not any(a["label"] == LAUNCHER_NAME or a["id"] == "lien-avant" for a in forward)

    backward = []
    for _ in range(14):
        page.keyboard.press("Shift+Tab")
        backward.append(deep_active(page))
    assert all(a is not None and a["inPanel"] for a in backward), backward
    assert any(a["tag"] == "textarea" for a in backward)

    # the cycle visits the header buttons, the suggestions and the send button
    labels = {a["label"] or a["text"] for a in forward}
    assert {"Fermer", "Effacer la conversation", "Envoyer"} <= labels, labels

    # not a keyboard trap: Escape leaves it
    page.keyboard.press("Escape")
    assert deep_active(page)["label"] == LAUNCHER_NAME


def test_inline_mode_fills_the_container_without_trap(page: Any, host_page: Any) -> None:
    body = '<section aria-label="Assistant"><div id="zone" style="height:560px"><p>Chargement…</p></div></section>'
    page.goto(host_page(body=body, data_mode="inline", data_target="#zone", data_title="Assistant intégré"))
    region = page.get_by_role("region", name="Assistant intégré")
    expect(region).to_be_visible()
    assert page.get_by_role("button", name=LAUNCHER_NAME).count() == 0
    assert page.locator("#zone").get_by_text("Chargement…").count() == 0
    assert page.locator(f"#zone > {HOST}").count() == 1
    box = region.bounding_box()
    assert box is not None and box["height"] >= 500
    # no Fermer button and Escape does not hide it
    assert region.get_by_role("button", name="Fermer", exact=True).count() == 0
    page.get_by_label("Votre question").focus()
    page.keyboard.press("Escape")
    expect(region).to_be_visible()


def test_inline_enlarged_covers_the_page_traps_focus_and_escape_restores(page: Any, host_page: Any) -> None:
    body = '<div id="zone" style="height:560px"></div><p><a href="#apres">Lien après le widget</a></p>'
    page.goto(host_page(body=body, data_mode="inline", data_target="#zone", data_title="Assistant intégré"))
    region = page.get_by_role("region", name="Assistant intégré")
    enlarge = region.get_by_role("button", name="Agrandir")
    normal = region.bounding_box()
    enlarge.click()
    expect(enlarge).to_have_attribute("aria-pressed", "true")
    big = region.bounding_box()
    assert big["width"] >= 1280 - 40 and big["height"] >= 800 - 40, big
    # full page: Tab stays inside the panel while it covers the page
    for _ in range(12):
        page.keyboard.press("Tab")
        active = deep_active(page)
        assert active is not None and active["inPanel"], active
    page.keyboard.press("Escape")
    expect(enlarge).to_have_attribute("aria-pressed", "false")
    expect(enlarge).to_be_focused()
    assert region.bounding_box() == normal


# --------------------------------------------------------------------------- small screens


@pytest.mark.parametrize(
    "size", [{"width": 320, "height": 640}, {"width": 320, "height": 256}], ids=["320x640", "320x256"]
)
def test_no_horizontal_scroll_at_320px(
    new_page: Any, host_page: Any, closed_port: int, size: dict[str, int], save_screenshot: Any
) -> None:
    page = new_page(viewport=size, reduced_motion="reduce")
    page.goto(host_page(api=f"http://127.0.0.1:{closed_port}", data_title=TITLE))
    page.get_by_role("button", name=LAUNCHER_NAME).click()
    dialog = page.get_by_role("dialog", name=TITLE)
    expect(dialog).to_be_visible()
    # a long unbroken message and an error message must not widen anything
    page.get_by_label("Votre question").fill("clause" * 60)
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("alert")).not_to_be_empty()
    wait_idle(page)

    def check() -> None:
        dims = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert dims[0] <= dims[1], dims
        box = dialog.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 0.5, box
        overflow = shadow_eval(
            page,
            """
            const out = [];
            for (const el of root.querySelectorAll('.cw-panel, .cw-panel *')) {
              // data tables and code may scroll on their own; visually hidden text is 1px wide
              if (el.closest('.cw-table, pre, .cw-sr') || el.getClientRects().length === 0) continue;
              const r = el.getBoundingClientRect();
              if (r.right > window.innerWidth + 0.5 || r.left < -0.5) out.push(el.className || el.tagName);
            }
            const body = root.querySelector('.cw-body');
            return {out: out.slice(0, 5), body: [body.scrollWidth, body.clientWidth]};
            """,
        )
        assert overflow["out"] == [], overflow
        assert overflow["body"][0] <= overflow["body"][1], overflow
        # the question field can always be reached and seen, however short the screen
        field = page.get_by_label("Votre question")
        field.scroll_into_view_if_needed()
        field_box = field.bounding_box()
        assert (
            field_box is not None and field_box["y"] >= 0 and field_box["y"] + field_box["height"] <= size["height"]
        ), field_box

    check()
    save_screenshot(page, f"widget-small-screen-{size['width']}x{size['height']}")
    page.evaluate("() => window.ClausesWidget.clear()")
    check()


# --------------------------------------------------------------------------- API down / hung


def test_api_down_shows_french_error_retry_and_stays_usable(
    page: Any, host_page: Any, closed_port: int, save_screenshot: Any
) -> None:
    page.goto(host_page(api=f"http://127.0.0.1:{closed_port}", data_title=TITLE))
    open_with_keyboard(page)
    dialog = page.get_by_role("dialog", name=TITLE)
    field = page.get_by_label("Votre question")

    # Shift+Enter inserts a newline, Enter sends
    page.keyboard.type("Qui peut bénéficier")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("de la clause d'insertion ?")
    assert field.input_value() == "Qui peut bénéficier\nde la clause d'insertion ?"
    page.keyboard.press("Enter")

    alert = dialog.get_by_role("alert")
    expect(alert).to_contain_text("indisponible")
    retry = dialog.get_by_role("button", name="Réessayer")
    expect(retry).to_be_visible()
    wait_idle(page)
    assert log_busy(page) == "false"
    user_messages = page.locator(".cw-msg-user")
    expect(user_messages).to_have_count(1)
    expect(user_messages.first).to_contain_text("Qui peut bénéficier\nde la clause d'insertion ?")
    expect(dialog.get_by_role("button", name="Envoyer", exact=True)).to_be_visible()
    expect(dialog.get_by_role("button", name="Arrêter")).to_be_hidden()
    assert field.input_value() == ""
    assert page.locator(".cw-msg-assistant").count() == 0  # no empty answer bubble left behind
    save_screenshot(page, "widget-api-down")

    # Réessayer resends the same question (no duplicate user message) and fails again cleanly
    page.evaluate("() => { window.__clicks = 0; }")
    retry.click()
    expect(alert).to_contain_text("indisponible")
    wait_idle(page)
    expect(user_messages).to_have_count(1)
    active = deep_active(page)
    assert active is not None and active["inPanel"], active

    # the panel is not frozen: another question can be typed and sent
    field.fill("Deuxième question")
    field.press("Enter")
    expect(user_messages).to_have_count(2)
    expect(alert).to_contain_text("indisponible")
    wait_idle(page)

    # the conversation can be cleared, which also clears the error
    dialog.get_by_role("button", name="Effacer la conversation").click()
    expect(user_messages).to_have_count(0)
    expect(alert).to_be_empty()
    expect(dialog.get_by_role("button", name=SUGGESTIONS[0])).to_be_visible()

    # and it still closes with Escape
    field.focus()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_silent_api_times_out_with_retry(page: Any, host_page: Any, black_hole: Any) -> None:
    page.goto(host_page(api=black_hole.origin, data_title=TITLE, data_timeout="1.5"))
    page.get_by_role("button", name=LAUNCHER_NAME).click()
    dialog = page.get_by_role("dialog", name=TITLE)
    page.get_by_label("Votre question").fill("Une question sans réponse")
    page.keyboard.press("Enter")
    # while waiting: busy log, « Arrêter » offered, status announces the generation
    expect(dialog.get_by_role("button", name="Arrêter")).to_be_visible()
    assert log_busy(page) == "true"
    expect(dialog.get_by_role("status")).to_have_text("Génération de la réponse…")
    # then a clear French message and a retry button
    expect(dialog.get_by_role("alert")).to_contain_text("trop de temps", timeout=8_000)
    expect(dialog.get_by_role("button", name="Réessayer")).to_be_visible()
    assert log_busy(page) == "false"
    expect(dialog.get_by_role("button", name="Envoyer", exact=True)).to_be_visible()


def test_stop_button_aborts_a_pending_answer(page: Any, host_page: Any, black_hole: Any) -> None:
    page.goto(host_page(api=black_hole.origin, data_title=TITLE))
    page.get_by_role("button", name=LAUNCHER_NAME).click()
    dialog = page.get_by_role("dialog", name=TITLE)
    page.get_by_label("Votre question").fill("Question à interrompre")
    dialog.get_by_role("button", name="Envoyer", exact=True).click()
    stop = dialog.get_by_role("button", name="Arrêter")
    expect(stop).to_be_visible()
    # focus followed the send button to the stop button
    assert deep_active(page)["text"] == "Arrêter"
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("status")).to_have_text("Génération arrêtée")
    expect(stop).to_be_hidden()
    assert log_busy(page) == "false"
    expect(dialog.get_by_role("alert")).to_be_empty()
    # focus went back to the input, ready for another question
    expect(page.get_by_label("Votre question")).to_be_focused()


def test_demo_page_embeds_the_widget_with_one_tag(page: Any, static_server: Any) -> None:
    page.goto(static_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Assistant clauses sociales"))
    assert page.locator("html").get_attribute("lang") == "fr"
    scripts = page.locator("script[src$='widget.js']")
    expect(scripts).to_have_count(1)
    assert scripts.first.get_attribute("data-api")
    expect(page.get_by_role("button", name=LAUNCHER_NAME)).to_be_visible()
    assert console_errors(page) == []
    # the inline example loads on demand in its container, as a second, independent widget
    page.get_by_role("button", name=re.compile("exemple intégré")).click()
    region = page.locator("#assistant-integre").get_by_role("region")
    expect(region).to_be_visible()
    assert page.locator(HOST).count() == 2
    assert page.evaluate("() => window.ClausesWidget.instances.length") == 2
