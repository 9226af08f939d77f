"""Text-message shorthand is read as the words it stands for, and nothing else is touched."""

from __future__ import annotations

import pytest

from assistant.fr.shorthand import expand_shorthand


@pytest.mark.parametrize(
    ("message", "expanded"),
    [
        ("ecris moi un msg pr mon conseiller", "ecris moi un message pour mon conseiller"),
        ("et en net ca fait cmb par mois ?", "et en net ca fait combien par mois ?"),
        ("je suis dispo tt de suite", "je suis dispo tout de suite"),
        ("QQUN peut m'aider ?", "quelqu'un peut m'aider ?"),
    ],
)
def test_shorthand_words_are_read_as_the_words_they_stand_for(message: str, expanded: str) -> None:
    assert expand_shorthand(message) == expanded


@pytest.mark.parametrize(
    "message",
    [
        "le lot C de l'AC à bons de commande",  # a lot and an accord-cadre, not « c'est » and « avec »
        "NB : 3 lots, envoyez le CV",
        "le Pr. Dupont préside le jury",
        "un prestataire propose un prix",  # shorthand inside a word is a word
    ],
)
def test_words_that_only_look_like_shorthand_are_left_alone(message: str) -> None:
    assert expand_shorthand(message) == message
