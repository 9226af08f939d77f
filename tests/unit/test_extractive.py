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


# --- answers without a card: the sentences that answer, across the best passages ---------------

from assistant.extractive import Answering, answering, read_question, verdict  # noqa: E402


def section_hit(n: int, heading: str, text: str) -> Hit:
    return Hit(
        Chunk(id=f"s{n}", text=text, title=f"Guide {n}", source=f"guide-{n}.md", position=n, section=heading),
        score=1.0 / (n + 1),
    )


(HOURS,) = FrenchAnalyzer().tokens("heures")


def rarity(token: str) -> float:
    """Words every guide uses (« heures ») weigh little, as with the corpus IDF."""
    return 0.2 if token == HOURS else 1.0


def answer(message: str, hits: list[Hit]) -> Answering:
    return answering(read_question(message, FrenchAnalyzer()), hits, FrenchAnalyzer(), rarity, query=message)


SAYS_NO = "Les heures faites sur un autre chantier ne comptent pas, sauf convention de globalisation."
RESERVED = (
    "Tout candidat à un marché réservé doit employer au moins 50 % de travailleurs handicapés ou défavorisés. "
    "La publicité suit le montant du marché."
)


def test_the_question_part_of_a_message_weighs_more_than_its_story() -> None:
    question = read_question(
        "Notre cantine ferme en juillet et le prestataire change. Un ESAT peut-il répondre ?", FrenchAnalyzer()
    )
    (esat,) = FrenchAnalyzer().tokens("ESAT")
    (cantine,) = FrenchAnalyzer().tokens("cantine")
    assert question.weight(esat) > question.weight(cantine) > 0


def test_the_sentence_that_answers_is_chosen_from_a_lower_ranked_passage() -> None:
    found = answer(
        "les heures faites sur un autre chantier privé comptent-elles ?",
        [section_hit(0, "Marché réservé : vérifier les 50 %", RESERVED), section_hit(1, "Comptage", COUNTING)],
    )
    assert found.candidates[0][0] == SAYS_NO
    assert found.extract.passages == [1]


def test_a_section_whose_heading_asks_the_question_answers_with_its_opening() -> None:
    training = (
        "Aucune règle nationale ne dit si les heures de formation comptent. "
        "C'est un choix local, écrit dans le CCAP ou la charte du facilitateur."
    )
    found = answer(
        "les heures de formation du salarié comptent-elles ?",
        [section_hit(0, "Suivi", UNRELATED), section_hit(1, "La formation compte-t-elle dans les heures ?", training)],
    )
    assert found.extract.paragraphs == [(1, [s.strip() + "." for s in training.split(".") if s.strip()])]


def test_a_sentence_about_the_guide_itself_answers_nothing() -> None:
    about = "Ce guide explique comment calculer les heures d'insertion avec des exemples."
    found = answer(
        "comment calculer les heures d'insertion ?",
        [section_hit(0, "Introduction", about)],
    )
    assert found.extract.paragraphs == []


def test_another_guide_repeating_the_answer_only_adds_its_citation() -> None:
    copy = "Les heures faites sur un autre chantier ne comptent pas, sauf si une convention de globalisation existe."
    found = answer(
        "les heures d'un autre chantier comptent-elles ?",
        [section_hit(0, "Comptage", COUNTING), section_hit(1, "FAQ", copy)],
    )
    assert found.extract.passages == [0]
    assert found.merged == {0: [1]}


def test_a_sentence_of_another_passage_adding_no_asked_word_is_not_appended() -> None:
    found = answer(
        "les heures d'un autre chantier comptent-elles ?",
        [section_hit(0, "Comptage", COUNTING), section_hit(1, "Base annuelle", UNRELATED)],
    )
    assert 1 not in found.extract.passages


# --- the verdict a yes/no question gets from the sentence that answers it ---------------------


def test_a_negation_bearing_on_the_asked_verb_answers_no() -> None:
    question = read_question("les heures d'un autre chantier comptent ?", FrenchAnalyzer())
    assert verdict(question, SAYS_NO, FrenchAnalyzer(), carries=0.6) == "non"


def test_a_main_clause_negation_says_no_to_a_question_it_answers() -> None:
    question = read_question("les heures faites ailleurs sur un chantier comptent pour la clause ?", FrenchAnalyzer())
    assert verdict(question, SAYS_NO, FrenchAnalyzer(), carries=0.6) == "non"


def test_a_main_clause_negation_says_nothing_on_a_word_the_guides_never_use() -> None:
    # « nuit » is asked, the sentence denies something about another site: no « Non » on night work
    question = read_question("la personne peut faire des heures de nuit sur le chantier ?", FrenchAnalyzer())
    assert verdict(question, SAYS_NO, FrenchAnalyzer(), carries=0.6, unheard=True) is None


def test_a_sentence_misses_a_word_the_guides_never_use_when_the_question_asks_it() -> None:
    def unknown_night(token: str) -> float:
        return 0.0 if token in FrenchAnalyzer().tokens("nuit") else rarity(token)

    message = "la personne peut faire des heures de nuit sur le chantier ?"
    found = answering(
        read_question(message, FrenchAnalyzer()),
        [section_hit(0, "Comptage des heures", SAYS_NO)],
        FrenchAnalyzer(),
        unknown_night,
        query=message,
    )
    assert [candidate.unheard for candidate in found.candidates] == [True]


def test_a_guides_yes_does_not_answer_a_question_asking_what_stands_in_the_way() -> None:
    # the guide's « Oui » answers « est-elle éligible ? »; said to « ça bloque ? », it would read as « it blocks »
    question = read_question("j'ai un casier, ça bloque pour être pris sur un chantier ?", FrenchAnalyzer())
    sentence = "Oui, sur avis motivé d'un prescripteur ou si elle relève d'une catégorie de la clause."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) is None


def test_a_sentence_saying_what_does_not_stand_in_the_way_still_answers() -> None:
    question = read_question("un casier judiciaire empêche-t-il d'être recruté ?", FrenchAnalyzer())
    sentence = "Non : un casier judiciaire n'empêche pas d'être recruté sur une clause d'insertion."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) == "non"


def test_an_open_question_gets_no_verdict() -> None:
    question = read_question("comment les heures d'un autre chantier comptent ?", FrenchAnalyzer())
    assert verdict(question, SAYS_NO, FrenchAnalyzer(), carries=0.6) is None


def test_a_sentence_about_something_else_gives_no_verdict() -> None:
    question = read_question("les heures d'un autre chantier comptent ?", FrenchAnalyzer())
    assert verdict(question, SAYS_NO, FrenchAnalyzer(), carries=0.1) is None


def test_a_local_choice_answers_that_it_depends() -> None:
    question = read_question("la formation compte dans les heures ?", FrenchAnalyzer())
    sentence = "C'est un choix local, à écrire dans les documents du marché."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.5) == "depend"


def test_an_affirmation_with_a_condition_is_not_a_plain_yes() -> None:
    question = read_question("un marché réservé est-il possible ?", FrenchAnalyzer())
    sentence = "Un marché réservé est possible si des structures existent sur le territoire."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) != "oui"


def test_a_plain_affirmation_of_what_is_asked_answers_yes() -> None:
    question = read_question("un marché réservé est-il possible pour l'entretien ?", FrenchAnalyzer())
    sentence = "Un marché réservé est possible pour l'entretien des espaces verts."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) == "oui"


def test_a_sentence_allowing_the_asked_act_answers_yes() -> None:
    question = read_question("peut-on réserver le lot blanchisserie à un ESAT ?", FrenchAnalyzer())
    sentence = "L'article L2113-12 permet aux acheteurs de réserver un marché ou un lot aux ESAT."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) == "oui"


def test_a_sentence_allowing_another_act_gives_no_yes() -> None:
    question = read_question("un ESAT peut-il candidater seul à ce lot ?", FrenchAnalyzer())
    sentence = "L'article L2113-12 permet de réserver un marché ou un lot aux ESAT."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) is None


def test_allowing_to_reserve_says_nothing_on_answering_a_reserved_lot() -> None:
    question = read_question("une SIAE peut répondre sur un lot réservé ESAT/EA ou pas ?", FrenchAnalyzer())
    sentence = "L'article L2113-12 permet de réserver un marché ou un lot aux EA et aux ESAT."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) is None


def test_allowing_to_reserve_answers_whether_a_market_may_be_reserved() -> None:
    question = read_question("un marché de nettoyage peut-il être réservé aux ESAT ?", FrenchAnalyzer())
    sentence = "L'article L2113-12 permet de réserver un marché ou un lot aux EA et aux ESAT."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) == "oui"


def test_a_practice_that_allows_answers_a_question_asking_for_it() -> None:
    question = read_question("On peut mutualiser les heures entre plusieurs marchés ?", FrenchAnalyzer())
    sentence = "La mutualisation permet à une entreprise titulaire de plusieurs marchés de regrouper ses heures."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) == "oui"


def test_a_sentence_allowing_under_a_condition_gives_no_plain_yes() -> None:
    question = read_question("peut-on réserver le lot blanchisserie à un ESAT ?", FrenchAnalyzer())
    sentence = "Si des structures existent, l'article L2113-12 permet de réserver le lot."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) != "oui"


def test_a_choice_between_two_options_gets_no_verdict() -> None:
    question = read_question("il faut une orientation MDPH ou la RQTH suffit ?", FrenchAnalyzer())
    assert not question.yes_no


def test_a_passage_sharing_one_asked_word_and_the_story_does_not_lead_over_the_first() -> None:
    signed = "Un contrat signé ne se modifie que par avenant négocié avec le titulaire."
    costs = "Le prix de vente horaire et le coût salarial diffèrent d'un tiers."
    found = answer(
        "Le marché est signé et j'avais mal estimé le coût. Puis-je augmenter mon prix ?",
        [section_hit(0, "Contrats signés", signed), section_hit(1, "Coût horaire", costs)],
    )
    assert found.extract.passages[0] == 0


def test_abbreviations_add_the_words_they_stand_for_to_the_question() -> None:
    question = read_question(
        "c'est écrit dans le RC ?",
        FrenchAnalyzer(),
        expand=lambda text: text + " règlement de la consultation" if "RC" in text else text,
    )
    (rule,) = FrenchAnalyzer().tokens("règlement")
    assert rule in question.asked


def test_a_condition_inside_the_sentence_does_not_make_it_depend() -> None:
    question = read_question("suis-je obligé d'appliquer les pénalités ?", FrenchAnalyzer())
    sentence = "L'acheteur peut appliquer des pénalités, à condition qu'elles soient prévues au CCAP."
    assert verdict(question, sentence, FrenchAnalyzer(), carries=0.6) is None


def test_a_short_follow_up_gets_no_verdict_of_its_own() -> None:
    question = read_question("et dans l'AE ?", FrenchAnalyzer(), context="la règle est-elle écrite dans le CCAP ?")
    assert not question.yes_no


def test_a_long_section_whose_heading_asks_the_question_keeps_its_opening() -> None:
    opening = "Aucune règle nationale ne fixe ce point : le rythme est celui du CCAP."
    filler = " ".join(f"Le facilitateur tient un tableau de bord numéro {n} pour le bilan annuel." for n in range(14))
    later = "Les relevés d'heures tardifs retardent le bilan du délai de la clause."
    found = answer(
        "quel délai pour envoyer les relevés d'heures ?",
        [section_hit(0, "Relevés d'heures : quel délai pour les envoyer ?", f"{opening} {filler} {later}")],
    )
    assert found.extract.paragraphs[0][1][0] == opening


# --- which sentence gives the verdict ---------------------------------------------------------

from assistant.extractive import verdict_of  # noqa: E402


def test_a_yes_after_a_definition_in_the_leading_paragraph_gives_the_verdict() -> None:
    definition = "Un GEIQ du BTP est une association d'entreprises du bâtiment qui embauche en alternance."
    says = "Oui, il compte pour la clause : ses heures sont retenues."
    found = answer(
        "un GEIQ c'est pour le BTP aussi ?", [section_hit(0, "GEIQ du BTP : compte-t-il ?", f"{definition} {says}")]
    )
    given = verdict_of(read_question("un GEIQ c'est pour le BTP aussi ?", FrenchAnalyzer()), found, FrenchAnalyzer())
    assert given is not None and given[0] == "oui" and given[1].text == says


def test_a_yes_of_another_paragraph_gives_no_verdict() -> None:
    # its « Oui » answers its own heading's question, « are the candidate's proposals binding? », not this one
    binding = "Oui : ce que le candidat propose au-delà du minimum entre dans le contrat."
    lead = "Un critère sur les heures d'insertion au-delà du minimum est légal s'il est lié à l'objet du marché."
    message = "un critère sur les heures au-delà du minimum est-il légal ?"
    found = answer(
        message,
        [section_hit(0, "Critère sur les heures au-delà du minimum", lead), section_hit(1, "Engagements", binding)],
    )
    assert found.extract.passages == [0, 1]
    assert verdict_of(read_question(message, FrenchAnalyzer()), found, FrenchAnalyzer()) is None


def test_a_paragraph_answering_the_question_does_not_make_a_side_remark_a_verdict() -> None:
    question = read_question("je peux passer par une SIAE ?", FrenchAnalyzer())
    side = "L'usage de l'EITI pour une clause est à examiner au cas par cas."
    assert verdict(question, side, FrenchAnalyzer(), carries=0.1, framed=0.9) is None


def test_a_yes_opening_a_sentence_of_a_paragraph_answering_the_question_is_its_verdict() -> None:
    question = read_question("je peux passer par une SIAE ?", FrenchAnalyzer())
    says = "Oui, elle compte pour la clause."
    assert verdict(question, says, FrenchAnalyzer(), carries=0.1, framed=0.9) == "oui"


def test_a_paragraph_answering_one_part_of_a_two_part_question_whole_frames_it() -> None:
    says = "Oui : le sous-traitant compte dans les heures de la clause."
    found = answer(
        "le sous-traitant compte dans les heures ? faut-il une déclaration DC4 signée par l'acheteur ?",
        [section_hit(0, "Sous-traitant", says)],
    )
    assert found.candidates[0].framed == 1.0 > found.candidates[0].carries


# --- a backing passage does not repeat the card ----------------------------------------------

from assistant.extractive import unsaid  # noqa: E402


def test_a_sentence_the_card_already_says_is_not_said_again() -> None:
    quoted = "Les heures faites sur un autre chantier ne comptent pas, sauf convention de globalisation."
    more = "Une convention de globalisation se signe avec les acheteurs."
    assert unsaid([quoted, more], f"**Non**.\n{quoted}") == [more]


def test_a_sentence_the_card_sets_in_bold_counts_as_said() -> None:
    quoted = "Tous les candidats s'engagent sur la même obligation."
    assert unsaid([quoted], "**Tous les candidats s'engagent sur la même obligation** : elle ne départage pas.") == []


def test_a_sentence_the_card_only_paraphrases_is_kept() -> None:
    passage = "Sont comptées les heures de travail effectuées sur le marché."
    assert unsaid([passage], "**Les heures de travail effectuées sur le marché.**") == [passage]


def test_a_sentence_with_a_colon_that_the_card_says_whole_is_not_said_again() -> None:
    quoted = "Tous les candidats s'engagent sur la même obligation : elle ne départage pas les offres."
    card = f"**Une clause d'insertion est une condition d'exécution.**\nL'acheteur précise le volume. {quoted}"
    assert unsaid([quoted], card) == []


def test_a_sentence_of_which_the_card_says_only_one_piece_is_kept() -> None:
    passage = "Tous les candidats s'engagent sur la même obligation : le facilitateur vérifie les heures."
    assert unsaid([passage], "Tous les candidats s'engagent sur la même obligation.") == [passage]


# --- the verdict an answer card's first sentence says ------------------------------------------

from assistant.extractive import lead_verdict  # noqa: E402

ARTICLE_CARD = (
    "**L'article L2113-13** du Code de la commande publique : il permet de réserver un marché ou un lot aux SIAE. "
    "Un lot peut aussi être clausé."
)


def test_a_card_whose_first_sentence_allows_the_asked_act_says_yes() -> None:
    question = read_question("peut-on réserver un lot aux SIAE ? sur quel article ?", FrenchAnalyzer())
    assert lead_verdict(question, ARTICLE_CARD, FrenchAnalyzer(), rarity) == "oui"


def test_a_card_answering_an_open_question_gets_no_verdict() -> None:
    question = read_question("sur quel article réserver un lot aux SIAE ?", FrenchAnalyzer())
    assert lead_verdict(question, ARTICLE_CARD, FrenchAnalyzer(), rarity) is None


def test_only_the_first_sentence_of_a_card_speaks_for_its_verdict() -> None:
    card = "**Un lot clausé suit la règle commune.** L'article L2113-13 permet de réserver un lot aux SIAE."
    question = read_question("peut-on réserver un lot aux SIAE ?", FrenchAnalyzer())
    assert lead_verdict(question, card, FrenchAnalyzer(), rarity) is None


def test_the_linked_passage_a_card_repeats_is_cited_first_without_its_sentences() -> None:
    repeat = "Les heures faites sur un autre chantier ne comptent pas, sauf convention de globalisation."
    more = "Une convention de globalisation entre acheteurs permet de compter les heures d'un autre chantier."
    own = Hit(
        Chunk(id="o", text=repeat, title="Guide", source="07-realiser.md", position=0, section="Heures"), score=1.0
    )
    kept = backing(
        Extract([(0, [repeat]), (1, [more])]),
        [own, hit(1, more)],
        "les heures d'un autre chantier comptent ?",
        CARD,
        FrenchAnalyzer(),
        linked={("07-realiser.md", "Heures")},
    )
    assert kept == [(0, []), (1, [more])]
