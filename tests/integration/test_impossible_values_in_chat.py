"""The assistant names an impossible value of a chat message instead of asking for it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.context import Context
from assistant.settings import Settings


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
