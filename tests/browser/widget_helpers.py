"""Small helpers to look inside the widget's (open) shadow root from Playwright."""

from __future__ import annotations

from typing import Any

HOST = ".clauses-widget-host"
LAUNCHER_NAME = "Poser une question sur les clauses sociales"

# The focused element, descending through open shadow roots.
DEEP_ACTIVE_JS = """() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  if (!a || a === document.body) return null;
  return {
    tag: a.tagName.toLowerCase(),
    cls: typeof a.className === 'string' ? a.className : '',
    label: a.getAttribute('aria-label'),
    text: (a.textContent || '').trim().slice(0, 80),
    id: a.id || null,
    inPanel: !!(a.closest && a.closest('.cw-panel')),
    inWidget: a.getRootNode() !== document,
  };
}"""


def deep_active(page: Any) -> dict[str, Any] | None:
    return page.evaluate(DEEP_ACTIVE_JS)


def shadow_eval(page: Any, body: str, arg: Any = None, index: int = 0) -> Any:
    """Evaluate ``body`` (a JS function body) with ``root`` = the widget's shadow root."""
    return page.evaluate(
        "([index, arg]) => { const host = document.querySelectorAll('%s')[index];"
        " const root = host && host.shadowRoot; return (function (root, arg) { %s })(root, arg); }" % (HOST, body),
        [index, arg],
    )


def log_busy(page: Any) -> str | None:
    return shadow_eval(page, "return root.querySelector('[role=log]').getAttribute('aria-busy');")


def wait_idle(page: Any, timeout: float = 10_000) -> None:
    """Wait until the transcript is no longer busy (aria-busy="false") and nothing is streaming."""
    page.wait_for_function(
        "() => { const r = document.querySelector('%s').shadowRoot;"
        " return r.querySelector('[role=log]').getAttribute('aria-busy') === 'false'; }" % HOST,
        timeout=timeout,
    )


def open_with_keyboard(page: Any, max_tabs: int = 10) -> None:
    """Tab from the top of the page to the launcher, then press Enter."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        active = deep_active(page)
        if active and active["label"] == LAUNCHER_NAME:
            page.keyboard.press("Enter")
            return
    raise AssertionError("the launcher was not reached with the Tab key")
