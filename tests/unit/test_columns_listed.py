"""A tracking table asked with a list of columns (« colonnes genre nb de personnes, heures, sortie à 6 mois »)
gets each listed column, except those it already has and those carrying personal data
(assistant/fr/columns.py, prompts/clauses/columns.yaml)."""

from __future__ import annotations

from assistant.fr.columns import asked_columns


def test_every_column_of_a_list_is_added_in_the_user_words() -> None:
    asked = asked_columns("un tableau avec les colonnes : entreprise, lieu du chantier et structure d'insertion")
    assert asked.added == ("Entreprise", "Lieu du chantier", "Structure d'insertion")


def test_a_filler_word_before_the_list_is_not_part_of_the_first_column() -> None:
    asked = asked_columns("colonnes genre nb de personnes, sortie à 6 mois")
    assert asked.added == ("Nb de personnes", "Sortie à 6 mois")


def test_the_columns_the_state_already_has_are_not_added_twice() -> None:
    asked = asked_columns("colonnes : lot, heures, type de contrat, date d'entrée, employeur")
    assert asked.added == ("Employeur",)


def test_personal_data_in_a_list_is_refused_not_added() -> None:
    asked = asked_columns("avec les champs nom, prénom, public, critère d'éligibilité, site")
    assert asked.added == ("Site",)
    assert asked.refused == ("Nom", "Prénom", "Public", "Critère d'éligibilité")


def test_a_single_named_column_is_still_read_alone() -> None:
    assert asked_columns("ajoutez une colonne site et une colonne date de fin de contrat").added == (
        "Site",
        "Date de fin de contrat",
    )
