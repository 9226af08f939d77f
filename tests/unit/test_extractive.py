"""Which sentences of the retrieved passages make an extractive answer (pure)."""

from __future__ import annotations

from assistant.documents import Chunk
from assistant.extractive import Extract, backing, choose
from assistant.lexical import FrenchAnalyzer
from assistant.retrieval import Hit


def hit(n: int, text: str) -> Hit:
    return Hit(
        Chunk(id=f"c{n}", text=text, title=f"Guide {n}", source=f"guide-{n}.md", position=n), score=1.0 / (n + 1)
    )


RULING = (
    "Le Conseil d'État annule l'ordonnance du juge des référés. Il juge que l'acheteur peut noter les offres "
    "sur un critère d'insertion professionnelle s'il n'est pas discriminatoire."
)
COUNTING = (
    "Sont comptées les heures de travail effectuées sur le marché par des personnes éligibles. "
    "Les heures faites sur un autre chantier ne comptent pas, sauf convention de globalisation."
)
UNRELATED = "La base annuelle retenue est de 1 607 heures pour un équivalent temps plein."


def test_a_sentence_sharing_no_word_of_the_question_is_not_appended() -> None:
    chosen = choose(
        "un autre chantier privé compte-t-il pour la globalisation ?",
        [hit(0, COUNTING), hit(1, UNRELATED)],
        FrenchAnalyzer(),
    )
    assert 1 not in chosen.passages


# --- passages backing an answer card ---------------------------------------------------------

CARD = "**Non** : les heures faites sur un autre chantier ne comptent pas, sauf convention de globalisation."
QPV = "On vérifie une adresse sur le système d'information géographique de la politique de la ville."


def test_a_passage_repeating_the_card_yields_to_one_that_adds_something() -> None:
    repeat = "Les heures faites sur un autre chantier ne comptent pas, sauf convention de globalisation."
    more = "Une convention de globalisation entre acheteurs permet de compter les heures d'un autre chantier."
    extract = Extract([(0, [repeat]), (1, [more])])
    kept = backing(
        extract, [hit(0, repeat), hit(1, more)], "les heures d'un autre chantier comptent ?", CARD, FrenchAnalyzer()
    )
    assert kept == [(1, [more])]


def test_a_card_keeps_the_passage_it_repeats_as_its_source_when_nothing_else_backs_it() -> None:
    repeat = "Les heures faites sur un autre chantier ne comptent pas, sauf convention de globalisation."
    kept = backing(
        Extract([(0, [repeat])]), [hit(0, repeat)], "les heures d'un autre chantier comptent ?", CARD, FrenchAnalyzer()
    )
    assert kept == [(0, [repeat])]


def test_a_passage_sharing_nothing_with_the_question_does_not_back_the_card() -> None:
    question = "je cherche du travail, comment avoir un poste sur un chantier avec une clause ?"
    related = "Les heures faites sur un autre chantier ne comptent pas sans convention ; un poste de chantier se trouve par un conseiller."
    extract = Extract([(0, [QPV]), (1, [related])])
    kept = backing(extract, [hit(0, QPV), hit(1, related)], question, CARD, FrenchAnalyzer())
    assert [rank for rank, _ in kept] == [1]


def test_a_passage_of_a_section_the_card_links_backs_it() -> None:
    from assistant.documents import Chunk

    linked_hit = Hit(Chunk(id="q", text=QPV, title="Guide", source="10-isere.md", position=0, section="QPV"), score=1.0)
    kept = backing(
        Extract([(0, [QPV])]),
        [linked_hit],
        "une question sans rapport ?",
        CARD,
        FrenchAnalyzer(),
        linked={("10-isere.md", "QPV")},
    )
    assert kept == [(0, [QPV])]


def test_at_most_two_passages_back_a_card() -> None:
    texts = [
        RULING,
        "Un critère d'insertion professionnelle pondéré à 15 %.",
        "Le critère d'insertion se note sur le tutorat.",
    ]
    kept = backing(
        Extract([(n, [t]) for n, t in enumerate(texts)]),
        [hit(n, t) for n, t in enumerate(texts)],
        "peut-on noter les offres sur un critère d'insertion professionnelle ?",
        "**Oui**.",
        FrenchAnalyzer(),
    )
    assert [rank for rank, _ in kept] == [0, 1]
