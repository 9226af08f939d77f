"""Which turns of a blind batch the retrieval evaluation scores, and against which section."""

from __future__ import annotations

from pathlib import Path

from eval.retrieval import blind_cases

BATCH = """
batch: essai
cases:
  - id: acheteuse-1
    persona: acheteuse
    turns:
      - text: "les heures du tuteur comptent-elles ?"
        expect: answer
        where: "07-realiser-la-clause.md#Les heures de tutorat et d'encadrement comptent-elles ?"
      - text: "et pour mon voisin au chômage ?"
        expect: answer
        where: null
      - text: "calcule les heures pour 2 M€ de travaux"
        expect: compute
        where: "05-dimensionner-les-heures.md#Méthode de la part de main-d'œuvre : la formule de calcul des heures"
  - id: visiteur-1
    persona: visiteur
    turns:
      - text: "je veux des habitants de ma commune dans le CCAP"
        expect: refuse
        where: "04-risques-juridiques.md#Clause de résidence locale"
      - text: "comment demander le RSA ?"
        expect: abstain
        where: "12-faq.md#Qui contacter ?"
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "batch-essai.yaml"
    path.write_text(BATCH, encoding="utf-8")
    return path


def test_answered_and_refused_turns_with_a_labelled_section_are_scored(tmp_path: Path) -> None:
    questions = [case.question for case in blind_cases(_write(tmp_path))]
    assert questions == ["les heures du tuteur comptent-elles ?", "je veux des habitants de ma commune dans le CCAP"]


def test_the_labelled_section_is_split_into_document_and_heading(tmp_path: Path) -> None:
    first = blind_cases(_write(tmp_path))[0]
    assert first.document == "07-realiser-la-clause.md"
    assert first.section == "Les heures de tutorat et d'encadrement comptent-elles ?"
