"""Answer cards for field questions, set 8 (corpus/cards/terrain-questions-8.yaml and the cards completed with it).

What is specified: the verdict and the decisive facts each card states, the verdicts its readings give, and that
a wording other than the card's own reaches it on the lexical side alone (the dense side is made neutral here).
"""

from __future__ import annotations

import pytest

from assistant.cards import Card
from assistant.fr.text import fold
from assistant.matching import CardMatcher
from tests.card_checks import best_card_id, opens_with, says

FIELD_CARDS = [
    pytest.param(
        "heures-comptent-jusqua-fin-du-marche",
        "jusqu'à la fin du marché",
        ("heures travaillées sur le marché", "contrat prolongé", "CAP", "globalisation", "facilitateur"),
        id="a_person_s_hours_count_until_the_contract_ends_whatever_happens_to_his_training",
    ),
    pytest.param(
        "plafond-heures-par-beneficiaire",
        "non",
        ("aucune durée nationale", "règle locale", "réexaminée", "documents du marché"),
        id="no_national_cap_of_hours_per_person_only_a_written_local_rule",
    ),
    pytest.param(
        "apprenti-compte",
        "oui, si l'apprenti relève d'un public éligible",
        ("26 ans", "autre catégorie", "avis motivé", "aucun coefficient", "droit de travailler", "nationalité"),
        id="an_apprentice_over_26_counts_through_another_category_and_never_double",
    ),
    pytest.param(
        "preuve-statut-structure-marche-reserve",
        "par une attestation",
        ("50 %", "R2113-7", "effectifs", "à la candidature", "à vérifier"),
        id="an_inclusive_structure_proves_its_50_percent_not_only_its_status",
    ),
    pytest.param(
        "marche-reserve-sans-plafond-montant",
        "non",
        ("aucun montant maximum", "pas de plafond", "procédure et la publicité", "sourcing", "L2113-15"),
        id="a_reserved_market_has_no_ceiling_only_the_procedure_of_its_amount",
    ),
    pytest.param(
        "regie-spl-obligations-clauses",
        "cela dépend",
        ("pouvoir adjudicateur", "L1211-1", "L2112-2-1", "quasi-régie", "à vérifier"),
        id="a_regie_or_an_spl_still_buys_under_the_code",
    ),
    pytest.param(
        "sous-traitance-siae-heures-salaries-en-parcours",
        "non, pas toutes les heures facturées",
        ("salariés en parcours", "permanents", "encadrants", "forfait", "règle locale", "seul responsable"),
        id="a_subcontracted_siae_counts_its_workers_in_insertion_not_its_permanent_staff",
    ),
    pytest.param(
        "heures-publics-prioritaires-pas-de-coefficient",
        "non, aucune règle nationale",
        ("une heure", "choix local", "documents du marché", "travailleur handicapé"),
        id="no_public_s_hours_count_double_without_a_written_local_rule",
    ),
    pytest.param(
        "format-etat-des-heures",
        "non, pas de format national",
        ("état mensuel", "identifiant", "pas de bulletins", "agrégées", "correspondant"),
        id="the_hours_statement_goes_by_identifier_without_payslips",
    ),
    pytest.param(
        "personnel-repris-heures-insertion",
        "non, en principe",
        ("ne comptent pas", "compatibles", "nouveaux recrutements"),
        id="taken_over_staff_do_not_count_but_the_clause_still_fits_new_hires",
    ),
    pytest.param(
        "difference-clause-critere-reserve",
        "ils agissent",
        ("tout titulaire", "contractuelle", "se combinent"),
        id="the_criterion_s_commitments_become_contractual",
    ),
    pytest.param(
        "facilitateur-obligatoire",
        "non, il n'est pas obligatoire",
        ("fortement conseillé", "état mensuel", "04 76 00 38 38"),
        id="without_a_facilitator_the_buyer_follows_the_monthly_statement",
    ),
    pytest.param(
        "salarie-deja-en-cdi",
        "non, pas automatiquement",
        ("à l'entrée", "12 mois", "plus éligible", "durée de son parcours"),
        id="an_employee_hired_years_ago_is_no_longer_eligible_on_a_new_contract",
    ),
]


@pytest.mark.parametrize(("card_id", "verdict", "facts"), FIELD_CARDS)
def test_a_field_card_opens_with_its_verdict_and_states_its_decisive_facts(
    cards: dict[str, Card], card_id: str, verdict: str, facts: tuple[str, ...]
) -> None:
    card = cards[card_id]
    assert opens_with(card, verdict)
    assert says(card, *facts)


@pytest.mark.parametrize(
    ("card_id", "question", "verdict"),
    [
        (
            "heures-comptent-jusqua-fin-du-marche",
            "Les heures faites après la fin du marché comptent-elles pour la clause ?",
            "Non",
        ),
        (
            "heures-comptent-jusqua-fin-du-marche",
            "Si l'entreprise garde la personne en CDI à la fin de son contrat, ses heures sur le marché comptent-elles toujours ?",
            "Oui",
        ),
        ("marche-reserve-sans-plafond-montant", "Un marché réservé est-il limité en montant ?", "Non"),
        ("regie-spl-obligations-clauses", "Passer en régie dispense-t-il de toute clause sociale ?", "Non"),
        (
            "sous-traitance-siae-heures-salaries-en-parcours",
            "Les heures des encadrants permanents d'une SIAE sous-traitante comptent-elles pour la clause ?",
            "Non",
        ),
    ],
)
def test_a_reading_gives_the_verdict_of_its_question(
    cards: dict[str, Card], card_id: str, question: str, verdict: str
) -> None:
    verdicts = {fold(r.question): r.verdict for r in cards[card_id].readings}
    assert verdicts[fold(question)] == verdict


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "mon apprenti a rate son examen et son contrat est prolonge, ses heures comptent jusqu'a quand ?",
            "heures-comptent-jusqua-fin-du-marche",
        ),
        (
            "est-ce qu'il existe une limite d'heures par beneficiaire sur les clauses ?",
            "plafond-heures-par-beneficiaire",
        ),
        (
            "quelle piece fournir pour prouver qu'on est une entreprise adaptee sur un marche reserve ?",
            "preuve-statut-structure-marche-reserve",
        ),
        ("y a-t-il un montant plafond pour un marche reserve aux SIAE ?", "marche-reserve-sans-plafond-montant"),
        (
            "les heures d'un beneficiaire du RSA valent-elles double avec un coefficient ?",
            "heures-publics-prioritaires-pas-de-coefficient",
        ),
        (
            "les heures des permanents de la SIAE sous-traitante comptent-elles ?",
            "sous-traitance-siae-heures-salaries-en-parcours",
        ),
    ],
)
def test_the_field_wording_reaches_its_card_on_the_lexical_side(
    lexical_matcher: CardMatcher, message: str, expected: str
) -> None:
    assert best_card_id(lexical_matcher, message) == expected
