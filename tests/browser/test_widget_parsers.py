"""The widget's parsers as pure functions, run in chromium straight from their sources.

The source files under ``api/static/src/widget/`` are only declarations (the IIFE and the
boot come from the build), so a blank page that loads them exposes ``createSSEParser``,
``renderMarkdown``, ``clauseClipboard`` … to ``page.evaluate``: no widget, no server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SOURCES = Path(__file__).resolve().parents[2] / "api" / "static" / "src" / "widget"
PURE_SOURCES = ["10-config.js", "20-dom.js", "30-sse.js", "40-markdown.js", "45-clipboard.js"]

# Renders Markdown into a detached <div> and returns its HTML (the widget's own DOM, serialised).
RENDER_JS = """([text, ctx]) => {
  const box = document.createElement('div');
  const sources = new Map((ctx && ctx.sources || []).map((s) => [s.n, s]));
  box.appendChild(renderMarkdown(text, Object.assign({}, ctx, {sources, onCite: ctx && ctx.cite ? () => {} : null})));
  return box.innerHTML;
}"""

# Feeds the SSE parser the given chunks and returns the events as [name, data] pairs.
SSE_JS = """(chunks) => {
  const events = [];
  const parser = createSSEParser((name, data) => events.push([name, data]));
  chunks.forEach((c) => parser.push(c));
  parser.end();
  return events;
}"""


@pytest.fixture(scope="module")
def js(browser: Any) -> Iterator[Any]:
    """One blank page with the pure sources loaded, shared by this module (pure functions only)."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_content('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body></body></html>')
    for name in PURE_SOURCES:
        page.add_script_tag(path=str(SOURCES / name))
    yield page
    context.close()


def render(js: Any, text: str, **ctx: Any) -> str:
    return js.evaluate(RENDER_JS, [text, ctx])


def sse_events(js: Any, chunks: list[str]) -> list[list[str]]:
    return js.evaluate(SSE_JS, chunks)


# --------------------------------------------------------------------------- SSE

STREAM = 'event: start\r\ndata: {"session_id": "s"}\r\n\r\nevent: delta\r\ndata: {"text": "Bonjour"}\r\n\r\nevent: done\r\ndata: {}\r\n\r\n'
EVENTS = [["start", '{"session_id": "s"}'], ["delta", '{"text": "Bonjour"}'], ["done", "{}"]]


def test_sse_events_are_parsed_from_one_chunk(js: Any) -> None:
    assert sse_events(js, [STREAM]) == EVENTS


def test_sse_events_are_the_same_whatever_the_chunk_boundaries(js: Any) -> None:
    cuts = [[STREAM[:k], STREAM[k:]] for k in range(1, len(STREAM))]
    results = js.evaluate(f"(all) => all.map({SSE_JS})", cuts)
    assert all(r == EVENTS for r in results)
    assert sse_events(js, list(STREAM)) == EVENTS  # one character at a time


def test_sse_accepts_lf_cr_and_crlf_line_ends(js: Any) -> None:
    for eol in ("\n", "\r", "\r\n"):
        assert sse_events(js, [f"event: delta{eol}data: x{eol}{eol}"]) == [["delta", "x"]]


def test_sse_joins_multi_line_data_and_defaults_the_event_name(js: Any) -> None:
    assert sse_events(js, ["data: ligne 1\ndata: ligne 2\n\n"]) == [["message", "ligne 1\nligne 2"]]


def test_sse_ignores_comments_unknown_fields_and_events_without_data(js: Any) -> None:
    text = ": keep-alive\n\nid: 7\nretry: 10\nevent: vide\n\nevent: delta\ndata: x\n\n"
    assert sse_events(js, [text]) == [["delta", "x"]]


def test_sse_removes_one_leading_space_only(js: Any) -> None:
    assert sse_events(js, ["data:sans\n\ndata:  deux\n\n"]) == [["message", "sans"], ["message", " deux"]]


def test_sse_end_flushes_a_last_event_without_blank_line(js: Any) -> None:
    assert sse_events(js, ["event: done\ndata: {}"]) == [["done", "{}"]]


# --------------------------------------------------------------------------- Markdown


def test_markdown_headings_sit_under_the_panel_title(js: Any) -> None:
    assert render(js, "# Titre\n\n## Sous-titre") == '<h3 class="cw-md-h">Titre</h3><h4 class="cw-md-h">Sous-titre</h4>'


def test_markdown_heading_levels_kept_for_export(js: Any) -> None:
    assert render(js, "## Article 9", headingShift=0) == '<h2 class="cw-md-h">Article 9</h2>'


def test_markdown_bold_italic_strike_and_code(js: Any) -> None:
    assert render(js, "**gras** *italique* ~~barré~~ `code`") == (
        "<p><strong>gras</strong> <em>italique</em> <del>barré</del> <code>code</code></p>"
    )


def test_markdown_snake_case_words_are_not_emphasis(js: Any) -> None:
    assert render(js, "la variable market_object_name") == "<p>la variable market_object_name</p>"


def test_markdown_nested_and_ordered_lists(js: Any) -> None:
    html = render(js, "- un\n  - un.a\n- deux\n\n3. trois\n4. quatre")
    assert html == (
        '<ul><li>un<ul><li>un.a</li></ul></li><li>deux</li></ul><ol start="3"><li>trois</li><li>quatre</li></ol>'
    )


def test_markdown_table_with_header_cells_in_a_focusable_region(js: Any) -> None:
    html = render(js, "| Public | Âge |\n|---|--:|\n| Jeunes | 26 |")
    assert html.startswith('<div class="cw-table" role="region" aria-label="Tableau" tabindex="0"><table>')
    assert '<th scope="col">Public</th>' in html
    assert '<td style="text-align: right;">26</td>' in html


def test_markdown_fenced_code_is_text(js: Any) -> None:
    assert render(js, "```\n<b>x</b> **y**\n```") == "<pre><code>&lt;b&gt;x&lt;/b&gt; **y**</code></pre>"


def test_markdown_never_creates_html_from_the_text(js: Any) -> None:
    html = render(js, '<img src=x onerror="alert(1)"> <script>alert(2)</script> [lien](javascript:alert(3))')
    assert "<img" not in html and "<script" not in html and "javascript:" not in html
    assert "&lt;img" in html and "lien" in html


def test_markdown_http_links_open_in_a_new_window_and_say_so(js: Any) -> None:
    html = render(js, "[Légifrance](https://www.legifrance.gouv.fr/)")
    assert html == (
        '<p><a href="https://www.legifrance.gouv.fr/" target="_blank" rel="noopener noreferrer">'
        'Légifrance<span class="cw-sr"> (nouvelle fenêtre)</span></a></p>'
    )


def test_markdown_citations_become_buttons_naming_document_and_page(js: Any) -> None:
    sources = [{"n": 2, "title": "Guide", "page": 14}]
    html = render(js, "Texte [2] et [9].", sources=sources, cite=True)
    assert '<button type="button" class="cw-cite" aria-label="Source 2 : Guide, page 14">2</button>' in html
    assert "[<!---->9]" not in html and "9]" in html  # unknown source: plain number


def test_markdown_french_numbers_and_units_do_not_wrap(js: Any) -> None:
    assert render(js, "5 404 000 € et 50 % de 1 200 heures").replace("&nbsp;", "\u00a0") == (
        "<p>5\u202f404\u202f000\u00a0€ et 50\u00a0% de 1\u202f200\u00a0heures</p>"
    )


def test_markdown_placeholders_are_highlighted_with_a_title(js: Any) -> None:
    html = render(js, "Marché « [à compléter : objet du marché] » et [1].")
    assert '<mark class="cw-todo" title="À compléter avant publication">[à compléter : objet du marché]</mark>' in html


# --------------------------------------------------------------------------- clipboard

CLAUSE = """## Clause d'insertion sociale

### Volume d'heures

Le titulaire réalise **au minimum 1 000 heures** d'insertion pour le marché « [à compléter : objet du marché] ».

Sont éligibles :

- les demandeurs d'emploi de longue durée ;
- les jeunes de moins de 26 ans :
  - sans qualification ;
- les *bénéficiaires* du RSA.

1. Premier point
2. Second point

| Lot | Heures |
|---|---|
| 2 | 1 000 |
"""


def clipboard(js: Any, markdown: str) -> dict[str, str]:
    return js.evaluate("(md) => clauseClipboard(md)", markdown)


def test_clipboard_text_has_no_markdown_markers(js: Any) -> None:
    text = clipboard(js, CLAUSE)["text"]
    for marker in ("#", "**", "- ", "|", "---", "*"):
        assert marker not in text, marker


def test_clipboard_text_keeps_headings_paragraphs_and_lists_as_lines(js: Any) -> None:
    text = clipboard(js, CLAUSE)["text"]
    assert text.split("\n") == [
        "Clause d'insertion sociale",
        "",
        "Volume d'heures",
        "",
        "Le titulaire réalise au minimum 1 000 heures d'insertion pour le marché « [à compléter : objet du marché] ».",
        "",
        "Sont éligibles :",
        "",
        "• les demandeurs d'emploi de longue durée ;",
        "• les jeunes de moins de 26 ans :",
        "    • sans qualification ;",
        "• les bénéficiaires du RSA.",
        "",
        "1. Premier point",
        "2. Second point",
        "",
        "Lot\tHeures",
        "2\t1 000",
    ]


def test_clipboard_html_keeps_headings_lists_bold_and_highlights_placeholders(js: Any) -> None:
    html = clipboard(js, CLAUSE)["html"]
    assert html.startswith("<div lang=\"fr\"><h2>Clause d'insertion sociale</h2><h3>Volume d'heures</h3>")
    assert "<strong>au minimum 1\u202f000\u00a0heures</strong>" in html
    assert '<mark style="background-color:#ffff00">[à compléter : objet du marché]</mark>' in html
    assert "<ul><li>les demandeurs d'emploi de longue durée ;</li><li>les jeunes de moins de 26\u00a0ans :<ul>" in html
    assert "<em>bénéficiaires</em>" in html
    assert "<ol><li>Premier point</li><li>Second point</li></ol>" in html
    assert '<table border="1"' in html and "<th>Lot</th>" in html


def test_clipboard_html_has_no_markdown_class_or_screen_reader_text(js: Any) -> None:
    html = clipboard(js, CLAUSE + "\nVoir [Légifrance](https://www.legifrance.gouv.fr/) [1].")
    for unwanted in ("##", "**", "class=", "cw-", "nouvelle fenêtre", "<button", "<script"):
        assert unwanted not in html["html"], unwanted
    assert '<a href="https://www.legifrance.gouv.fr/">Légifrance</a>' in html["html"]


def test_clipboard_text_keeps_the_clause_spaces_and_html_the_french_ones(js: Any) -> None:
    copied = clipboard(js, "Soit 1 000 heures, 50 % du total.")
    assert copied["text"] == "Soit 1 000 heures, 50 % du total."
    assert copied["html"] == '<div lang="fr"><p>Soit 1\u202f000\u00a0heures, 50\u00a0% du total.</p></div>'


def test_placeholders_are_listed_once_in_order(js: Any) -> None:
    found = js.evaluate(
        "(md) => todoPlaceholders(md)", "[à compléter : lots] puis [à compléter : objet] et [à compléter : lots]"
    )
    assert found == ["[à compléter : lots]", "[à compléter : objet]"]
