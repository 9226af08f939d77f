"""The facilitators' /suivi page in Debian's chromium against the real API (uvicorn on a free port)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from assistant.context import Context
from assistant.settings import Settings
from tests.browser.conftest import free_port
from tests.followup.helpers import copy_sample, edit_cell

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[1] / "followup" / "data" / "sample"
ALL = "jeton-facilitateur-departement-0001"
GRESIVAUDAN = "jeton-facilitateur-gresivaudan-0003"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    settings = Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        corpus_dirs=[tmp_path / "corpus"],
        suivi_tokens=f"{ALL}:*,{GRESIVAUDAN}:Grésivaudan",
        rate_limit="1000/minute",
    )
    port = free_port()
    config = uvicorn.Config(create_app(context=Context(settings)), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not uv.started:  # polls the server's own readiness flag
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=30)


def _login(page: Any, url: str, token: str = ALL) -> None:
    page.goto(f"{url}/suivi")
    page.get_by_label("Jeton de facilitateur").fill(token)
    page.get_by_label("Jeton de facilitateur").press("Enter")
    page.get_by_text("Connecté").wait_for()


def _import(page: Any, files: list[Path]) -> None:
    page.get_by_label(re.compile("Tableaux de suivi")).set_input_files([str(f) for f in files])
    page.get_by_role("button", name="Importer").click()


def _sample_files(folder: Path = SAMPLE) -> list[Path]:
    return sorted(p for p in folder.glob("*.csv"))


def test_a_wrong_token_is_refused_in_french(page: Any, server: str) -> None:
    page.goto(f"{server}/suivi")
    page.get_by_label("Jeton de facilitateur").fill("jeton-faux-mais-assez-long-000")
    page.get_by_role("button", name="Se connecter").click()
    assert "Jeton refusé" in page.get_by_role("alert").inner_text()
    assert page.locator("#espace").is_hidden()


def test_import_then_indicators_charts_and_tables_for_the_year(
    page: Any, server: str, save_screenshot: Callable[..., Path]
) -> None:
    _login(page, server)
    _import(page, _sample_files())
    page.get_by_text("Import réussi").wait_for()
    page.get_by_label("Début").fill("2026-01-01")
    page.get_by_label("Fin").fill("2026-12-31")
    page.get_by_role("button", name="Afficher les indicateurs").click()
    page.get_by_text("Indicateurs à jour.").wait_for()
    cards = page.locator("#cartes").inner_text().replace("\u202f", " ").replace("\u00a0", " ")
    assert "6 253,39 h" in cards and "7 021,22 h" in cards and "89,1 %" in cards
    assert page.locator("#graphique-heures svg rect").count() >= 24
    assert page.locator("#table-mois tbody tr").count() == 12
    assert page.locator("#table-sorties th[scope=row]").first.inner_text() == "Participants observables"
    save_screenshot(page, "suivi-page", full_page=True)


def test_a_refused_import_shows_each_error_with_file_line_and_column(page: Any, server: str, tmp_path: Path) -> None:
    folder = copy_sample(SAMPLE, tmp_path / "bad")
    edit_cell(folder, "heures", 6, "heures", "-4")
    _login(page, server)
    _import(page, _sample_files(folder))
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Rien n'a été importé" in alert.inner_text()
    assert "heures.csv, ligne 6, colonne heures" in page.locator("#rapport-import li").first.inner_text()


def test_alerts_list_late_operations_at_a_date(page: Any, server: str) -> None:
    _login(page, server)
    _import(page, _sample_files())
    page.get_by_text("Import réussi").wait_for()
    page.get_by_label("Date du point").fill("2026-07-15")
    page.get_by_role("button", name="Actualiser les alertes").click()
    page.get_by_text("6 opération(s) en retard").wait_for()
    assert page.locator("#table-alertes tbody tr").count() == 6
    assert "OP-1-001" in page.locator("#table-alertes tbody tr").first.inner_text()


def test_the_yearly_report_downloads_as_docx(page: Any, server: str) -> None:
    _login(page, server)
    _import(page, _sample_files())
    page.get_by_text("Import réussi").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Bilan annuel (.docx)").click()
    assert download.value.suggested_filename.endswith(".docx")


def test_a_territory_token_sees_only_its_territory(page: Any, server: str, new_page: Callable[..., Any]) -> None:
    _login(page, server)
    _import(page, _sample_files())
    page.get_by_text("Import réussi").wait_for()
    other = new_page()
    _login(other, server, GRESIVAUDAN)
    select = other.get_by_label("Territoire", exact=True)
    assert select.is_disabled() and select.locator("option").all_inner_texts() == ["Grésivaudan"]
    other.get_by_text("Indicateurs à jour.").wait_for()
    assert "875 h" in other.locator("#cartes").inner_text().replace("\u00a0", " ").replace("\u202f", " ")


def test_the_page_works_with_the_keyboard_and_labels_every_field(page: Any, server: str) -> None:
    page.goto(f"{server}/suivi")
    assert page.evaluate("document.activeElement.id") == "jeton"
    page.keyboard.type(ALL)
    page.keyboard.press("Enter")
    page.get_by_text("Connecté").wait_for()
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select')]
             .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map((e) => e.id)"""
    )
    assert unlabelled == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in {"BUTTON", "INPUT", "SELECT", "A"}
