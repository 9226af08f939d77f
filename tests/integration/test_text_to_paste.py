"""Text the user pastes into a tender: no command-line jargon, placeholders that stand out,
sizing answers that say each thing once and never contradict themselves, impossible values named."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from assistant.context import Context
from assistant.drafting import default_library, draft
from assistant.export import to_docx
from assistant.invalid_values import describe, find_invalid_values
from assistant.presenting import draft_markdown, load_messages, sizing_markdown
from assistant.settings import PROJECT_ROOT, Settings
from assistant.sizing import SizingParams, load_grid, size

JARGON = re.compile(r"clauses (size|draft|ask|search|ingest|chat)|--[a-z]+-|outil « clauses", re.IGNORECASE)
KINDS = default_library().kinds


@pytest.fixture(scope="module")
def grid():
    return load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")


@pytest.fixture(scope="module")
def messages():
    return load_messages(PROJECT_ROOT / "prompts" / "messages.yaml")


# --- no command-line jargon ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_drafted_clause_names_no_command(kind: str) -> None:
    result = draft(kind, {})
    assert not JARGON.search(draft_markdown(result))


@pytest.mark.parametrize(
    "params",
    [
        {"amount": 1_200_000, "trade": "gros œuvre", "months": 24},
        {"amount": 600_000, "transferred_hours_per_month": 300, "trade": "propreté", "months": 36},
        {
            "lots": [
                {"label": "Lot 1", "amount": 400_000, "trade": "peinture"},
                {"label": "Lot 2", "amount": 900_000, "trade": "gros œuvre"},
            ]
        },
    ],
)
def test_a_sizing_answer_names_no_command(grid, params: dict) -> None:
    assert not JARGON.search(sizing_markdown(size(grid, params), "Pied de page."))


# --- placeholders highlighted in Word --------------------------------------------------------------


def test_placeholders_are_highlighted_in_the_word_export() -> None:
    document = docx.Document(io.BytesIO(to_docx(draft("execution", {}))))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    placeholders = [run for run in runs if run.text.startswith("[à compléter")]
    assert placeholders
    assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for run in placeholders)


def test_ordinary_text_is_not_highlighted_in_the_word_export() -> None:
    document = docx.Document(io.BytesIO(to_docx(draft("execution", {"hours": 1400}))))
    plain = [run for p in document.paragraphs for run in p.runs if "[à compléter" not in run.text and run.text.strip()]
    assert plain and all(run.font.highlight_color is None for run in plain)


# --- sizing answers: each thing once, no contradiction ----------------------------------------------


def test_a_sizing_answer_states_the_method_once_without_repeating_its_label(grid) -> None:
    text = sizing_markdown(size(grid, SizingParams(amount=1_200_000, trade="gros œuvre")), "")
    assert "Méthode de" not in text and "Méthode : Méthode" not in text
    assert text.startswith("**1 000 heures d'insertion** (part de main-d'œuvre du marché).")


def test_a_result_needing_no_rounding_does_not_restate_the_hours(grid) -> None:
    text = sizing_markdown(size(grid, SizingParams(amount=1_200_000, trade="gros œuvre")), "")
    assert "Arrondi" not in text and "Résultat :" not in text
    assert len(re.findall(r"1 000 h\b", text)) == 1  # the headline says « 1 000 heures », the calculation « = 1 000 h »


def test_a_rounding_that_changed_the_figure_is_stated_once(grid) -> None:
    text = sizing_markdown(size(grid, SizingParams(amount=1_000_000, trade="gros œuvre")), "")
    assert "- Arrondi à l'heure la plus proche : 833,33 h → 833 h." in text
    assert "Arrondi : Arrondi" not in text


def test_a_borrowed_labour_share_is_not_called_unsourced_while_its_source_is_cited(grid) -> None:
    result = size(grid, SizingParams(amount=1_200_000, trade="gros œuvre"))
    share = next(a for a in result.assumptions if a.name == "labour_share")
    assert share.source_title  # the table cites the borrowed trade's source…
    warning = next(w for w in result.warnings if "part de main-d'œuvre" in w)
    assert "« Maçonnerie », dont la source est citée" in warning  # …and the warning says whose it is
    assert "n'a pas de source publiée :" not in warning


# --- impossible values in chat ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "value"),
    [
        ("marché de gros œuvre de -5 € ?", "−5 €"),
        ("pour −1,2 M€ de travaux", "−1,2 M€"),
        ("avec un taux de 150 %", "150 %"),
        ("un marché de zorglub euros", "zorglub euros"),
        ("sur une durée de -3 mois", "−3 mois"),
    ],
)
def test_an_impossible_value_is_found_and_shown_as_typed(message: str, value: str) -> None:
    assert [found.value for found in find_invalid_values(message)] == [value]


@pytest.mark.parametrize(
    "message",
    [
        "lot 2 - 300 000 €",
        "marché 2025-2027 de 1,2 M€",
        "taux de 7,5 % puis 100 %",
        "de deux cent mille euros",
        "quelques euros",
    ],
)
def test_ordinary_values_are_not_taken_for_impossible_ones(message: str) -> None:
    assert find_invalid_values(message) == []


def test_the_description_names_the_value_and_what_it_should_be(messages) -> None:
    text = describe(find_invalid_values("de -5 €"), messages.data["invalid_values"])
    assert text.startswith("« −5 € » n'est pas un montant valide")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    data_dir: Path = tmp_path_factory.mktemp("chat-data")
    return Context(Settings(_env_file=None, data_dir=data_dir)).engine


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("Combien d'heures d'insertion pour un marché de gros œuvre de -5 € ?", "« −5 € » n'est pas un montant valide"),
        (
            "Combien d'heures pour 1 200 000 € de gros œuvre avec un taux de 150 % ?",
            "« 150 % » n'est pas un taux valide",
        ),
        (
            "Heures d'insertion pour un marché de zorglub euros en gros œuvre ?",
            "« zorglub euros » n'est pas un montant",
        ),
    ],
)
def test_the_assistant_names_an_impossible_value_instead_of_asking_again(engine, message: str, named: str) -> None:
    response = engine.ask(message, None)
    assert response.intent == "sizing"
    assert response.answer.startswith(named)
    assert "Quel est le montant" not in response.answer
