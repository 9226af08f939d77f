"""The answer-card bank (``corpus/cards/*.yaml``) and its loader.

The bank is data the Department edits; these checks keep it usable: every card loads,
identifiers and questions are unique, articles exist in ``known_articles.yaml``, links
land on a real guide section, the first sentence answers, and no answer makes
residence or nationality a requirement. Each rule test lists every offending card.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest

from assistant.cards import (
    Card,
    CardFileError,
    Reading,
    broken_links,
    first_sentence,
    guide_headings,
    known_article_ids,
    load_cards,
    parse_cards,
    unknown_legal_bases,
)
from assistant.fr.text import fold
from assistant.readings import with_verdict
from assistant.settings import PROJECT_ROOT
from assistant.yes_no import asks_yes_no

CORPUS = PROJECT_ROOT / "corpus"
CARDS_DIR = CORPUS / "cards"
KNOWN_ARTICLES = CORPUS / "data" / "known_articles.yaml"
MIN_CARDS = 300
MAX_FIRST_SENTENCE = 300
MAX_ANSWER = 900  # the first sentence plus 2 to 6 short sentences or a short list

_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
# Same article pattern as the corpus checks: L2112-2, R2123-1, L2113-13-1, L5132-4…
_ARTICLE = re.compile(r"(?<![\w./-])([LRD])(\.\s?|\s)?(\d{1,4})-(\d{1,3})(?:-(\d{1,3}))?(?![\w-])")
# A sentence that speaks of residence, domicile or inhabitants of a place…
_RESIDENCE = re.compile(r"r[ée]sid|domicil|\bhabitants?\s+(?:de|du|des|d')\b|\bnationalit", re.IGNORECASE)
# …is only acceptable as an explanation of the prohibition or a lawful alternative.
_NEGATION = re.compile(
    r"\bnon\b|\bne\b|\bn'|\bpas\b|\bjamais\b|\baucun|\binterdit|\bdiscriminatoire|\bill[ée]gal|\bsans\b|\bni\b|\bexclu",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    return load_cards(CARDS_DIR)


def sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?;:])\s+|\n", flat) if s.strip()]


def residence_requirements(answer: str) -> list[str]:
    """Sentences that mention residence, inhabitants or nationality without denying it as a condition."""
    return [s for s in sentences(answer) if _RESIDENCE.search(s) and not _NEGATION.search(s)]


def bare(text: str) -> str:
    return re.sub(r"[*_`«»\"]", "", text).strip()


# --- the bank as a whole ----------------------------------------------------------


def test_the_bank_loads_and_holds_at_least_300_cards(cards: list[Card]) -> None:
    assert len(cards) >= MIN_CARDS, f"{len(cards)} fiches seulement"


def test_card_identifiers_are_unique(cards: list[Card]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for card in cards:
        counts[card.id] += 1
    assert [i for i, n in counts.items() if n > 1] == []


def test_no_canonical_question_appears_twice(cards: list[Card]) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for card in cards:
        owners[fold(card.question).strip(" ?")].append(card.id)
    assert {q: ids for q, ids in owners.items() if len(ids) > 1} == {}


def test_no_question_or_paraphrase_is_shared_by_two_cards(cards: list[Card]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for card in cards:
        for text in card.questions:
            owners[" ".join(fold(text).strip(" ?!.").split())].add(card.id)
    assert {q: sorted(ids) for q, ids in owners.items() if len(ids) > 1} == {}


def test_every_legal_basis_is_a_known_article(cards: list[Card]) -> None:
    assert unknown_legal_bases(cards, known_article_ids(KNOWN_ARTICLES)) == {}


def test_every_article_cited_in_an_answer_is_known(cards: list[Card]) -> None:
    known = known_article_ids(KNOWN_ARTICLES)
    unknown: dict[str, list[str]] = {}
    for card in cards:
        cited = {
            f"{m.group(1)}{m.group(3)}-{m.group(4)}" + (f"-{m.group(5)}" if m.group(5) else "")
            for m in _ARTICLE.finditer(card.answer)
        }
        if cited - known:
            unknown[card.id] = sorted(cited - known)
    assert unknown == {}


def test_every_see_link_resolves_to_a_guide_heading(cards: list[Card]) -> None:
    assert broken_links(cards, guide_headings(CORPUS)) == []


def test_every_first_sentence_answers_in_at_most_300_characters(cards: list[Card]) -> None:
    bad = {
        card.id: len(card.first_sentence) for card in cards if not 0 < len(card.first_sentence) <= MAX_FIRST_SENTENCE
    }
    assert bad == {}


def test_every_answer_stays_short(cards: list[Card]) -> None:
    assert {card.id: len(card.answer) for card in cards if len(card.answer) > MAX_ANSWER} == {}


def test_yes_no_cards_open_with_oui_non_or_cela_depend(cards: list[Card]) -> None:
    openings = ("oui", "non", "cela depend", "pas ")
    bad = [
        card.id for card in cards if card.type == "yes_no" and not fold(bare(card.first_sentence)).startswith(openings)
    ]
    assert bad == []


def test_a_conditional_verdict_is_bold_with_its_condition(cards: list[Card]) -> None:
    """« **Oui**, si… » reads as a plain « Oui » at a glance: the condition belongs to the verdict (« **Oui, si** »)."""
    conditional = re.compile(r"^\s*\*\*(?:oui|non)\*\*\s*,\s*(?:si|sauf|seulement|uniquement|a condition)\b")
    bad = [card.id for card in cards if conditional.match(fold(card.answer))]
    assert bad == []


def test_figure_cards_give_a_figure_in_their_first_sentence(cards: list[Card]) -> None:
    bad = [card.id for card in cards if card.type == "figure" and not re.search(r"\d", card.first_sentence)]
    assert bad == []


def test_every_card_has_a_review_date_not_in_the_future(cards: list[Card]) -> None:
    bad = [card.id for card in cards if not isinstance(card.reviewed, dt.date) or card.reviewed > dt.date.today()]
    assert bad == []


def test_no_answer_makes_residence_or_nationality_a_requirement(cards: list[Card]) -> None:
    offenders = {card.id: residence_requirements(card.answer) for card in cards}
    assert {i: s for i, s in offenders.items() if s} == {}


def test_no_answer_presents_the_2024_2025_thresholds_as_current(cards: list[Card]) -> None:
    stale = [
        card.id
        for card in cards
        if re.search(r"221 000|5 538 000|143 000|443 000", card.answer) and "2024-2025" not in card.answer
    ]
    assert stale == []


def test_no_answer_repeats_a_correction_of_the_audit(cards: list[Card]) -> None:
    """Wordings the November 2026 audit corrected (O2, O5, O8, E7) must not come back through the cards."""
    forbidden = re.compile(
        r"ou le 21|reste facultative(?! sous)|allocation d'insertion|\bZUS\b|grille du Département|au plus tard le 22 août 2026",
        re.IGNORECASE,
    )
    assert [card.id for card in cards if forbidden.search(card.answer)] == []


# Cards that answer each gap of the November 2026 legal audit (shared/domain/audit-2026-11.md, G1-G22).
AUDIT_GAPS = {
    "G1 L2112-2-1 en pratique": [
        "condition-sociale-obligatoire",
        "valeur-estimee-tous-lots",
        "derogations-l2112-2-1",
        "note-derogation-modele",
    ],
    "G2 facilitateur en Isère": ["facilitateur-par-territoire-isere", "facilitateur-etapes", "facilitateur-gratuit"],
    "G3 profils": [
        "jeune-diplome-eligible",
        "senior-eligible",
        "rqth-eligible",
        "refugie-eligible",
        "personne-sous-main-de-justice",
        "qpv-hors-anru-eligible",
        "parent-isole-eligible",
        "rsa-15-heures-activite",
        "duree-validite-eligibilite",
    ],
    "G4 comptage": [
        "sous-traitant-classique-heures",
        "heures-tutorat-comptent",
        "heures-formation-comptent",
        "heures-supplementaires-comptent",
        "heures-apres-fin-marche",
        "forfait-siae-converti-heures",
    ],
    "G5 aucun candidat": ["aucun-candidat-trouve"],
    "G6 pénalités": [
        "montant-penalite-par-heure",
        "penalites-proportionnalite-plafond",
        "procedure-contradictoire-penalites",
    ],
    "G7 MAPA et petits achats": ["clause-mapa", "clause-sans-publicite", "regrouper-petits-marches"],
    "G8 accords-cadres": [
        "accord-cadre-plusieurs-titulaires",
        "accord-cadre-sans-minimum",
        "accord-cadre-maximum-non-atteint",
        "accord-cadre-seuil-obligation",
    ],
    "G9 indicateurs PDIE": [
        "six-indicateurs-pdie",
        "participant-definition",
        "sorties-6-12-mois-calcul",
        "format-suivi-donnees",
    ],
    "G10 RGPD": [
        "rgpd-donnees-minimales",
        "rgpd-base-legale",
        "rgpd-responsable-traitement",
        "rgpd-duree-conservation",
    ],
    "G11 groupements": [
        "co-traitance-groupement-heures",
        "marche-global-conception-realisation",
        "sous-traitance-clause-repercutee",
    ],
    "G12 concessions": ["obligation-concessions", "concession-heures-par-an"],
    "G13 modifications": ["avenant-modifier-heures", "tranches-optionnelles-heures", "penalites-commandes-reduites"],
    "G14 critère": [
        "engagements-offre-contractuels",
        "ponderation-critere-insertion",
        "heures-au-dela-minimum-sous-critere",
    ],
    "G15 marchés réservés": [
        "preuve-50-siae-conventionnee",
        "reserve-peu-de-candidats",
        "directive-30-vs-50-reserves",
        "liste-services-ess-reservables",
    ],
    "G16 formation sous statut scolaire": ["clause-sociale-formation-statut-scolaire"],
    "G17 SPASER de l'Isère": ["spaser-isere"],
    "G18 marché d'insertion": ["marche-insertion-criteres-attribution", "marche-insertion-vs-subvention"],
    "G19 autres sanctions": ["sanctions-autres-que-penalites"],
    "G20 autres considérations sociales": ["autres-considerations-sociales-obligation"],
    "G21 durée minimale": ["duree-minimale-marche-clause"],
    "G22 vérifier un QPV": ["qpv-liste-2024"],
}


def test_every_gap_of_the_legal_audit_has_its_cards(cards: list[Card]) -> None:
    ids = {card.id for card in cards}
    missing = {gap: [i for i in wanted if i not in ids] for gap, wanted in AUDIT_GAPS.items()}
    assert {gap: m for gap, m in missing.items() if m} == {}


# --- the residence check itself ----------------------------------------------------


def test_residence_check_flags_a_clause_reserved_to_inhabitants() -> None:
    assert residence_requirements("Les heures sont réalisées par des habitants de la commune.") != []


def test_residence_check_flags_a_nationality_requirement() -> None:
    assert residence_requirements("Les salariés en insertion sont de nationalité française.") != []


def test_residence_check_accepts_the_refusal_and_its_explanation() -> None:
    answer = "**Non**, une condition de résidence est discriminatoire. Visez des catégories nationales de publics."
    assert residence_requirements(answer) == []


# --- the loader ----------------------------------------------------------------------

VALID_CARD = """\
- id: exemple-fiche
  question: "Question canonique ?"
  paraphrases: ["une", "deux", "trois"]
  answer: "Oui, c'est possible. Détail."
  type: yes_no
  legal_basis: ["L2112-2"]
  see: ["02-cadre-juridique.md#Article L2112-2 : base légale de la clause d'insertion (condition d'exécution)"]
  audience: [acheteur]
  reviewed: 2026-11-30
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_reads_a_valid_card(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD)
    [card] = load_cards(tmp_path)
    assert (card.id, card.theme, card.reviewed, card.first_sentence) == (
        "exemple-fiche",
        "theme",
        dt.date(2026, 11, 30),
        "Oui, c'est possible.",
    )
    assert str(card.see[0]).startswith("02-cadre-juridique.md#Article L2112-2")


def test_loader_names_the_file_and_line_of_a_yaml_syntax_error(tmp_path: Path) -> None:
    write(tmp_path, "casse.yaml", VALID_CARD.replace('question: "Question canonique ?"', 'question: "Question'))
    with pytest.raises(CardFileError, match=r"casse\.yaml \(ligne \d+\)"):
        load_cards(tmp_path)


def test_loader_names_a_missing_field_and_the_card(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD.replace("  reviewed: 2026-11-30\n", ""))
    with pytest.raises(CardFileError, match=r"theme\.yaml, fiche n° 1 \(« exemple-fiche »\).*reviewed"):
        load_cards(tmp_path)


def test_loader_rejects_too_few_paraphrases(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD.replace('["une", "deux", "trois"]', '["une"]'))
    with pytest.raises(CardFileError, match="de 3 à 8 paraphrases"):
        load_cards(tmp_path)


def test_loader_rejects_a_review_date_that_is_not_a_date(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD.replace("2026-11-30", '"bientôt"'))
    with pytest.raises(CardFileError, match="date AAAA-MM-JJ"):
        load_cards(tmp_path)


def test_loader_rejects_an_unknown_type_and_lists_the_valid_ones(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD.replace("type: yes_no", "type: oui_non"))
    with pytest.raises(CardFileError, match="yes_no"):
        load_cards(tmp_path)


def test_loader_rejects_a_link_without_a_heading(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD.replace("02-cadre-juridique.md#Article", "02-cadre-juridique.md Article"))
    with pytest.raises(CardFileError, match="fichier.md#Titre"):
        load_cards(tmp_path)


def test_loader_rejects_an_identifier_used_in_two_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID_CARD)
    write(tmp_path, "b.yaml", VALID_CARD)
    with pytest.raises(CardFileError, match="déjà utilisé dans a.yaml"):
        load_cards(tmp_path)


def test_loader_rejects_a_file_that_is_not_a_list(tmp_path: Path) -> None:
    with pytest.raises(CardFileError, match="liste de fiches"):
        parse_cards("id: seule-fiche\n", "theme.yaml")


def test_first_sentence_ignores_bold_markers_and_stops_at_the_first_full_stop() -> None:
    assert first_sentence("**Non**, jamais. Ensuite : détail.") == "Non, jamais."


def test_first_sentence_is_the_line_that_introduces_a_list() -> None:
    assert first_sentence("**Quatre mentions** :\n1. le périmètre ;\n2. le volume.") == "Quatre mentions :"


def test_a_link_to_a_missing_heading_is_reported(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text("---\ntitle: x\n---\n# Guide\n## Une section\n", encoding="utf-8")
    card_text = VALID_CARD.replace(
        "02-cadre-juridique.md#Article L2112-2 : base légale de la clause d'insertion (condition d'exécution)",
        "guide.md#Une autre section",
    )
    cards = parse_cards(card_text, "theme.yaml")
    assert broken_links(cards, guide_headings(tmp_path)) == ["exemple-fiche → guide.md#Une autre section"]


def test_an_unknown_legal_basis_is_reported() -> None:
    cards = parse_cards(VALID_CARD.replace('["L2112-2"]', '["L2112-2", "L2113-31"]'), "theme.yaml")
    assert unknown_legal_bases(cards, {"L2112-2"}) == {"exemple-fiche": ["L2113-31"]}


READING = """  readings:
    - question: "Peut-on le faire en MAPA ?"
      verdict: "Oui"
      qualifier: "quelle que soit la procédure"
"""


def test_loader_reads_the_yes_no_readings_of_a_card(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD + READING)
    [card] = load_cards(tmp_path)
    assert card.readings == (Reading("Peut-on le faire en MAPA ?", "Oui", "quelle que soit la procédure"),)


def test_loader_rejects_a_reading_with_an_unknown_verdict_word(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD + READING.replace('"Oui"', '"Peut-être"'))
    with pytest.raises(CardFileError, match="verdict « Peut-être » inconnu.*Cela dépend"):
        load_cards(tmp_path)


def test_loader_rejects_an_unknown_field_in_a_reading(tmp_path: Path) -> None:
    write(tmp_path, "theme.yaml", VALID_CARD + READING.replace("qualifier:", "nuance:"))
    with pytest.raises(CardFileError, match="inconnu.*nuance"):
        load_cards(tmp_path)


def test_every_reading_asks_yes_or_no(cards: list[Card]) -> None:
    bad = [r.question for card in cards for r in card.readings if not asks_yes_no(r.question)]
    assert bad == []


def test_every_article_cited_in_a_reading_is_known(cards: list[Card]) -> None:
    known = known_article_ids(KNOWN_ARTICLES)
    cited = {
        (card.id, f"{m.group(1)}{m.group(3)}-{m.group(4)}" + (f"-{m.group(5)}" if m.group(5) else ""))
        for card in cards
        for r in card.readings
        for m in _ARTICLE.finditer(r.qualifier)
    }
    assert {pair for pair in cited if pair[1] not in known} == set()


def test_no_card_reads_the_same_question_twice(cards: list[Card]) -> None:
    twice = [card.id for card in cards if len({r.question for r in card.readings}) < len(card.readings)]
    assert twice == []


def test_a_reading_that_flips_its_card_s_yes_or_no_replaces_the_card_s_verdict(cards: list[Card]) -> None:
    # « Non » read as « Oui » must not leave the card's « Non » standing after it
    polar = ("oui", "non")
    both = [
        (card.id, r.question)
        for card in cards
        for r in card.readings
        if fold(bare(card.answer)).split(maxsplit=1)[0].strip(",:") in polar
        and fold(r.verdict) in polar
        and not fold(bare(card.answer)).startswith(fold(r.verdict))
        and card.answer.split("**")[1] in with_verdict(card.answer, r)
    ]
    assert both == []
