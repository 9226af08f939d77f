"""Which sentences of the retrieved passages make an extractive answer (pure)."""

from __future__ import annotations

from assistant.documents import Chunk
from assistant.extractive import choose
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
