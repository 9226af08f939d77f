"""How much a question's word weighs when deciding whether the guides' passages answer it (pure)."""

from __future__ import annotations

from assistant.backends.embedded.guides import coverage_weight


class _Guides:
    """A vocabulary of three words; « rentre » is one letter away from « rentrer »."""

    words = {"heur": 1.0, "format": 2.5, "rentrer": 4.0, "avoir": 4.7}

    def in_vocabulary(self, token: str) -> bool:
        return token in self.words

    def knows(self, token: str) -> bool:
        return token in self.words or token == "rentre"

    def idf(self, token: str) -> float:
        return self.words.get(token, 6.0)  # a word the guides never use is the rarest


def test_a_word_the_guides_use_weighs_its_rarity() -> None:
    assert coverage_weight("format", _Guides(), in_scope=True) == 2.5


def test_a_word_nothing_in_the_guides_resembles_weighs_nothing() -> None:
    assert coverage_weight("smic", _Guides(), in_scope=False) == 0.0


def test_a_near_miss_of_a_guide_word_weighs_nothing_on_a_question_clearly_about_clauses() -> None:
    # « les heures de formation du gars, ça rentre dans les 700 ? »: « rentre » must not make it abstain
    assert coverage_weight("rentre", _Guides(), in_scope=True) == 0.0


def test_a_near_miss_of_a_guide_word_weighs_the_most_on_a_doubtful_question() -> None:
    assert coverage_weight("rentre", _Guides(), in_scope=False) == 6.0


def test_an_abbreviation_the_guides_spell_out_weighs_nothing() -> None:
    assert coverage_weight("rentre", _Guides(), in_scope=False, abbreviation=True) == 0.0


def test_a_light_verb_weighs_nothing_on_a_question_clearly_about_clauses() -> None:
    # « l'ETTI doit avoir une autorisation ? »: rare in the guides' nominal style, « avoir » says how one asks
    assert coverage_weight("avoir", _Guides(), in_scope=True) == 0.0


def test_a_light_verb_keeps_its_rarity_on_a_doubtful_question() -> None:
    assert coverage_weight("avoir", _Guides(), in_scope=False) == 4.7
