"""Questions about the follow-up data in conversation: figures, period, territory and definition."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.backends.base import Turn
from assistant.db import Database
from assistant.followup.answerer import FollowupAnswerer, parse_question
from assistant.followup.codes import Codes
from assistant.followup.period import Period
from assistant.followup.service import Followup
from assistant.followup.texts import Texts

TERRITORIES = [
    "Agglomération grenobloise",
    "Grésivaudan",
    "Isère rhodanienne",
    "Porte des Alpes",
    "Voironnais-Chartreuse",
]
TODAY = date(2026, 11, 30)


@pytest.fixture
def followup(database: Database, codes: Codes, texts: Texts, sample: Path) -> Followup:
    service = Followup(database, codes, texts)
    assert service.import_path(sample).ok
    return service


def _ask(answerer: FollowupAnswerer, question: str) -> str | None:
    """The answer's text with every kind of space as a plain space."""
    answer = answerer.answer(Turn(question, {}, []))
    return None if answer is None else answer.text.replace("\u00a0", " ").replace("\u202f", " ")


def test_hours_in_a_year_and_a_territory_are_read_from_the_question() -> None:
    query = parse_question("combien d'heures réalisées en 2026 dans le Voironnais ?", TODAY, TERRITORIES)
    assert query is not None
    assert (query.indicator, query.period, query.territory) == ("hours", Period.year(2026), "Voironnais-Chartreuse")


def test_this_year_means_the_current_calendar_year() -> None:
    query = parse_question("combien d'allocataires du RSA cette année ?", TODAY, TERRITORIES)
    assert query is not None and (query.indicator, query.period, query.territory) == ("rsa", Period.year(2026), None)


def test_the_department_name_does_not_pick_a_territory(codes: Codes) -> None:
    query = parse_question(
        "combien d'heures réalisées en Isère en 2026 ?", TODAY, TERRITORIES, codes.territory_generic_words
    )
    assert query is not None and query.territory is None
    rhodanienne = parse_question(
        "heures réalisées en Isère rhodanienne en 2026", TODAY, TERRITORIES, codes.territory_generic_words
    )
    assert rhodanienne is not None and rhodanienne.territory == "Isère rhodanienne"


def test_late_markets_are_a_follow_up_question() -> None:
    query = parse_question("quels marchés sont en retard ?", TODAY, TERRITORIES)
    assert query is not None and query.indicator == "late"


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("heures réalisées au premier semestre 2026", Period(date(2026, 1, 1), date(2026, 6, 30))),
        ("heures réalisées en mars 2026", Period(date(2026, 3, 1), date(2026, 3, 31))),
        ("participants l'an dernier", Period.year(2025)),
    ],
)
def test_usual_french_periods_are_understood(question: str, period: Period) -> None:
    query = parse_question(question, TODAY, TERRITORIES)
    assert query is not None and query.period == period


@pytest.mark.parametrize(
    "question",
    [
        "Combien d'heures d'insertion pour un marché de gros œuvre de 1,2 M€ HT sur 18 mois ?",
        "Qu'est-ce qu'un marché réservé aux SIAE ?",
        "Rédige une clause d'exécution pour un marché de nettoyage",
        "Quels publics sont éligibles à la clause ?",
    ],
)
def test_questions_that_are_not_about_the_data_are_left_to_the_assistant(question: str) -> None:
    assert parse_question(question, TODAY, TERRITORIES) is None


def test_the_answer_gives_the_figures_and_the_definition(followup: Followup) -> None:
    text = _ask(
        FollowupAnswerer(followup, today=lambda: TODAY), "combien d'heures réalisées en 2026 dans le Voironnais ?"
    )
    assert text is not None
    assert "805,01 h réalisées" in text and "1 177,14 h prévues" in text
    assert "Voironnais-Chartreuse" in text and "Définition utilisée" in text


def test_rsa_recipients_this_year_match_the_bilan(followup: Followup) -> None:
    text = _ask(FollowupAnswerer(followup, today=lambda: TODAY), "combien d'allocataires du RSA cette année ?")
    assert text is not None and "**10 allocataires du RSA** sur 34 participants" in text


def test_late_markets_list_the_operations_to_chase(followup: Followup) -> None:
    text = _ask(FollowupAnswerer(followup, today=lambda: date(2026, 7, 15)), "quels marchés sont en retard ?")
    assert text is not None and "6 opération(s) en retard" in text and "OP-1-009" in text


def test_a_territory_token_cannot_read_another_territory(followup: Followup) -> None:
    answerer = FollowupAnswerer(followup, territory="Grésivaudan", today=lambda: TODAY)
    text = _ask(answerer, "combien d'heures réalisées en 2026 dans le Voironnais ?")
    assert text is not None and "805" not in text and "limité au territoire « Grésivaudan »" in text


def test_a_territory_token_answers_for_its_own_territory_by_default(followup: Followup) -> None:
    text = _ask(FollowupAnswerer(followup, territory="Grésivaudan", today=lambda: TODAY), "heures réalisées en 2026 ?")
    assert text is not None and "875 h réalisées" in text


def test_a_general_question_is_not_answered_from_the_data(followup: Followup) -> None:
    assert _ask(FollowupAnswerer(followup, today=lambda: TODAY), "Qu'est-ce qu'une clause d'insertion ?") is None


def test_the_cli_answers_from_the_data_only_with_the_suivi_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: Path
) -> None:
    from clauses_cli.main import app

    monkeypatch.setenv("CLAUSES_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    assert runner.invoke(app, ["suivi", "import", str(sample)]).exit_code == 0
    result = runner.invoke(app, ["ask", "--suivi", "--json", "combien d'heures réalisées en 2026 dans le Voironnais ?"])
    assert result.exit_code == 0 and '"backend": "suivi"' in result.stdout and "805,01" in result.stdout
    without = runner.invoke(app, ["ask", "--json", "combien d'heures réalisées en 2026 dans le Voironnais ?"])
    assert "805,01" not in without.output  # no index here: the public path answers from the corpus or fails


def test_the_engine_without_a_data_answerer_never_uses_the_follow_up(product_context, sample: Path) -> None:
    followup = Followup.from_settings(product_context.settings, product_context.database)
    assert followup.import_path(sample).ok
    question = "combien d'heures réalisées en 2026 dans le Voironnais ?"
    public = product_context.engine.ask(question)
    facilitator = product_context.engine.ask(question, data=FollowupAnswerer(followup))
    assert public.backend != "suivi" and "805,01" not in public.answer
    assert facilitator.backend == "suivi" and "805,01" in facilitator.answer
