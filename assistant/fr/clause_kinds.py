"""The kind of clause or document a request asks for, and the beneficiaries of reserved markets."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from assistant.fr.numbers import prepare
from assistant.fr.safety import never_raise
from assistant.fr.text import fold

ClauseKind = Literal[
    "reserved-both",
    "reserved-ea-esat",
    "reserved-siae",
    "reserved-ess",
    "derogation-note",
    "insertion-market",
    "cleaning-transfer",
    "penalties",
    "hours-report",
    "start-letter",
    "globalisation",
    "framework-agreement",
    "criterion",
    "announcement",
    "execution",
    "facilitator-email",
    "hours-reminder",
    "tender-memo",
    "deliberation",
    "structure-offer",
    "activity-summary",
    "difficulty-letter",
    "buyer-question",
    "reservation-plea",
    "clause-explainer",
    "cover-letter",
    "candidate-referral",
    "arguments",
    "concession",
    "formal-notice",
    "penalty-contest",
    "policy-note",
    "structure-memo",
    "partner-commitment",
    "provision-clause",
    "firms-information",
    "satisfaction-survey",
    "sizing-note",
    "glossary",
    "eligibility-attestation",
    "hours-transfer",
    "liaison-sheet",
    "job-posting",
    "cv-model",
    "counsellor-request",
    "oversight-questions",
    "hours-amendment",
]


# --------------------------------------------------------------------------- beneficiaries

# The beneficiaries of reserved markets as people name them, on folded text: the one list
# of the product (clause kinds, routing of follow-ups, switching a reserved draft).
EA_ESAT = (
    r"\b(?:esat|ea|entreprises?\s+adaptees?|etablissements?\s+(?:et\s+services?\s+)?d'aide\s+par\s+le\s+travail"
    r"|handicap\w*|travailleurs\s+handicapes|l\.?\s?2113-12)\b"
)
SIAE = (
    r"\b(?:siae|structures?\s+d'insertion|entreprises?\s+d'insertion|insertion\s+par\s+l'activite"
    r"|l\.?\s?2113-13|ei|aci|etti)\b"
)
ESS = r"\b(?:ess|economie\s+sociale(?:\s+et\s+solidaire)?|l\.?\s?2113-15)\b"


def named_reservation(folded: str) -> ClauseKind | None:
    """The reserved-market kind whose beneficiaries the folded text names (« et pour les ESAT ? »), or None."""
    ea_esat = re.search(EA_ESAT, folded) is not None
    siae = re.search(SIAE, folded) is not None
    if ea_esat and siae:
        return "reserved-both"
    if ea_esat:
        return "reserved-ea-esat"
    if siae:
        return "reserved-siae"
    if re.search(ESS, folded):
        return "reserved-ess"
    return None


def reserved_market_named(text: str) -> ClauseKind | None:
    """The reserved market a message asks about: a reservation word and the beneficiaries it names
    (« marché réservé aux SIAE ? » → ``reserved-siae``), or None."""
    folded = fold(text)
    return named_reservation(folded) if re.search(r"\breserv", folded) else None


# --------------------------------------------------------------------------- clause kinds

_RESERVE = r"\breserv\w*"
_EA = EA_ESAT
_SIAE_STRONG = SIAE
_SIAE = r"(?:" + _SIAE_STRONG + r"|\binsertion\b)"


def _near(a: str, b: str, distance: int = 80) -> re.Pattern[str]:
    return re.compile(rf"{a}.{{0,{distance}}}?{b}|{b}.{{0,{distance}}}?{a}", re.S)


def _reserved_both(folded: str) -> bool:
    if not re.search(_RESERVE, folded):
        return False
    if re.search(_EA, folded) and re.search(_SIAE_STRONG, folded):
        return True
    return bool(re.search(_RESERVE + r"\s+(?:[\w']+\s+){0,3}?(?:aux|les|a\s+la\s+fois\s+aux)\s+deux\b", folded))


def _matcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda folded: pattern.search(folded) is not None


_PENALTY = re.compile(
    r"(?<!avec )(?<!avec une )(?<!avec des )(?<!avec la )(?<!et une )(?<!et des )\bpenalit\w*|\bsanctions?\b"
)
# A list of the article's contents (after « avec », a colon or a parenthesis) of which penalties are one item:
# « le texte complet de l'article CCAP (objet, public, modalités, contrôle, pénalités) ».
_PENALTY_LISTED = re.compile(
    r"(?:\bavec\b\s*:?|:|\()[^.?!]{0,250}?,[^.?!]{0,250}?\b(?:penalit|sanction)"
    # « une clause … avec les publics éligibles et les pénalités »: the last of two items
    r"|\bavec\s+(?:les|des|le|la|un|une)\b[^.?!,]{0,120}?\bet\s+(?:les\s+|des\s+|la\s+|une\s+|ses\s+)?(?:penalit|sanction)"
)


def _penalties(folded: str) -> bool:
    return _PENALTY.search(folded) is not None and _PENALTY_LISTED.search(folded) is None


# A concession contract named (« la convention de DSP », « le délégataire ») with a text asked for its contract.
_CONCESSION = re.compile(
    r"\b(?:contrats?\s+de\s+concessions?|concessions?\s+de\s+services?|dsp|delegations?\s+de\s+services?\s+publics?"
    r"|delegataires?|concessionnaires?)\b"
)
_CONTRACT_TEXT = re.compile(
    r"\b(?:articles?|stipulations?|engagements?|clauses?|redaction|redig\w*|ecri[rst]\w*|formul\w*|contractuel\w*)\b"
)
_FOLLOW_UP_SHEET = re.compile(r"\b(?:tableaux?|fiches?|grilles?|etats?\s+mensuels?|feuilles?)\b")


def _concession(folded: str) -> bool:
    return (
        _CONCESSION.search(folded) is not None
        and _CONTRACT_TEXT.search(folded) is not None
        and _FOLLOW_UP_SHEET.search(folded) is None
    )


# Precedence, most specific first, and why:
# - a reservation changes the whole procedure, so it dominates the document asked for
#   (« avis de marché réservé aux SIAE » → reserved-siae); both beneficiaries beat either one;
# - a derogation note (a market above the EU threshold without a social condition,
#   article L2112-2-1) is a document of its own: « justifier l'absence de clause sociale »
#   must not fall to the generic execution clause;
# - the insertion market (insertion as the object) and the cleaning transfer are special regimes;
# - then the named documents (penalties article, hours report, start letter, globalisation
#   convention), more specific than the generic clause they belong to;
# - framework agreements change the sizing, so they beat the generic kinds;
# - of the generic kinds, the criterion beats the announcement (a sub-criterion lives in the RC)
#   and the execution clause comes last (« clause d'insertion » appears in everything).
_CLAUSE_RULES: tuple[tuple[ClauseKind, Callable[[str], bool]], ...] = (
    ("reserved-both", _reserved_both),
    ("reserved-ea-esat", _matcher(_near(_RESERVE, _EA))),
    ("reserved-siae", _matcher(_near(_RESERVE, _SIAE))),
    ("reserved-ess", _matcher(re.compile(ESS))),
    (
        "derogation-note",
        _matcher(
            re.compile(
                r"\bnotes?\s+(?:de\s+|d'\s*)?(?:derogation|dispense|justification)\b"
                r"|\bderog\w*\b.{0,60}?\bl\.?\s?2112-2-1\b|\bl\.?\s?2112-2-1\b.{0,60}?\bderog\w*"
                r"|\b(?:justifi\w*|motiv\w*)\b.{0,80}?\b(?:absence|sans|pas\s+de|ne\s+pas\s+prevoir)\b"
                r".{0,20}?\b(?:clauses?|conditions?)\s+(?:sociales?|d'insertion|d'execution\s+sociale)"
                r"|\b(?:derog\w*|dispens\w*)\b.{0,50}?\b(?:clauses?|conditions?)\s+sociales?\s+obligatoires?\b"
                r"|\bderog\w*\b.{0,30}?\bobligation\b.{0,40}?\b(?:clauses?|conditions?)\s+sociales?",
                re.S,
            )
        ),
    ),
    # a concession (DSP) has its own article of the Code and a yearly reporting: the article asked for a concession
    # contract is that one, whatever it contains (reporting, penalties, publics); a table to follow it stays a table
    ("concession", _concession),
    # a survey of the companies that carried out a clause, and a note justifying the hours lot by lot: documents
    # of their own, whatever clause words they contain
    (
        "satisfaction-survey",
        _matcher(
            re.compile(
                r"\b(?:questionnaires?|enquetes?)\b.{0,80}?\b(?:entreprises|titulaires|attributaires)\b"
                r"|\b(?:entreprises|titulaires|attributaires)\b.{0,80}?\b(?:questionnaires?|enquetes?\s+de\s+satisfaction)\b",
                re.S,
            )
        ),
    ),
    # the article of an amendment (« l'article de l'avenant à coller », « le texte de l'avenant pour les heures »)
    (
        "hours-amendment",
        _matcher(
            re.compile(
                r"\b(?:article|clause|texte|projet|redaction|paragraphe)\s+(?:\w+\s+){0,2}?(?:de\s+l'|d'un\s+|du\s+|pour\s+l')avenant\b"
                r"|\bavenant\b.{0,40}?\b(?:heures|volume)\b",
                re.S,
            )
        ),
    ),
    ("glossary", _matcher(re.compile(r"\blexiques?\b|\bglossaires?\b|\b(?:listes?|definitions?)\s+des\s+sigles\b"))),
    ("eligibility-attestation", _matcher(re.compile(r"\battestations?\s+d'eligibilite\b"))),
    ("liaison-sheet", _matcher(re.compile(r"\bfiches?\s+de\s+liaison\b"))),
    # questions to put to the buyer or the mayor (« 5 questions précises à poser au maire en conseil municipal »)
    ("oversight-questions", _matcher(re.compile(r"\bquestions\b[^.?!]{0,40}?\b(?:a\s+)?(?:poser|demander)\b"))),
    (
        "job-posting",
        _matcher(
            re.compile(
                r"\bfiches?\s+de\s+postes?\b|\bprofils?\s+de\s+postes?\b|\bdescriptions?\s+de\s+postes?\b"
                r"|\b(?:offres?|annonces?)\s+(?:d'emploi|de\s+recrutement|d'embauche)\b"
                # the job advert posted with the employment services (« une version courte pour l'annonce France Travail »)
                r"|\bannonces?\b[^.?!]{0,30}?\b(?:france\s+travail|pole\s+emploi|indeed|leboncoin|le\s+bon\s+coin)\b"
                # a small ad to hire someone (« une petite annonce pour recruter quelqu'un en parcours d'insertion »)
                r"|\bannonces?\s+(?:\w+\s+){0,2}?pour\s+(?:recruter|embaucher)\b"
            )
        ),
    ),
    (
        "sizing-note",
        _matcher(
            re.compile(
                r"\bnotes?\b.{0,80}?\bjustifi\w*\b.{0,40}?\b(?:heures|volumes?|dimensionnement)\b"
                r"|\bnotes?\s+de\s+(?:justification\s+du\s+)?dimensionnement\b",
                re.S,
            )
        ),
    ),
    (
        "insertion-market",
        _matcher(
            re.compile(
                r"\bmarches?\s+d'insertion\b|\bex-?\s?art(?:icle|\.)?\s*30\b|\bancien\s+article\s+30\b"
                r"|\br\.?\s?2123-1\b|\bmarches?\s+de\s+qualification\b|\bqualification\s+et\s+d'insertion\b"
            )
        ),
    ),
    (
        "cleaning-transfer",
        _matcher(re.compile(r"\b(?:reprise|transfert)\s+(?:du|de|des)\s+(?:personnel|salaries)\b|\bannexe\s+7\b")),
    ),
    # « … avec une pénalité de 50 € » and « un article avec : heures, modalités, relevé et pénalités »
    # describe the clause asked for, not a penalties article.
    ("penalties", _penalties),
    (
        "hours-report",
        _matcher(
            re.compile(
                r"\btableaux?\s+de\s+(?:suivi|bord)\b|\brapports?\s+mensuels?\b|\breporting\b"
                r"|\b(?:suivi|bilans?|etats?|releves?)\s+(?:mensuels?\s+)?des\s+heures\b|\betats?\s+mensuels?\b"
                # the sheet the hours are written on (« une feuille d'heures pour mes 2 gars », « un relevé d'heures »)
                r"|\b(?:feuilles?|fiches?)\s+(?:d(?:'|\s)\s*heures|de\s+(?:pointage|presence|temps))\b|\breleves?\s+d(?:'|\s)\s*heures\b"
                # an attestation of the hours worked (« une attestation comme quoi on a fait 35 h d'insertion »)
                r"|\battestations?\b(?=[^.?!]{0,40}?(?:\b\d+\s*h\b|\bheures\b))"
            )
        ),
    ),
    (
        "start-letter",
        _matcher(
            re.compile(
                r"\b(?:courrier|lettre|mail|e-?mail|reunion|note)s?\s+de\s+(?:lancement|demarrage)\b"
                r"|\b(?:lancement|demarrage)\s+de\s+la\s+clause\b"
                r"|\b(?:courrier|lettre)s?\s+(?:au|pour\s+le|a\s+l')\s*(?:titulaire|attributaire)\b"
            )
        ),
    ),
    # the structure's own contract of provision of staff, not a globalisation convention between buyers
    (
        "provision-clause",
        _matcher(re.compile(r"\b(?:conventions?|contrats?)\s+de\s+mise\s+a\s+disposition\b")),
    ),
    # a convention of another kind (a grant's, a partnership's, an internship's) is not a globalisation convention
    (
        "globalisation",
        _matcher(
            re.compile(
                r"\bglobalis\w*|\bmutualis\w*|\bconventions?\b(?!\s+collectives?)"
                r"(?!\s+(?:de\s+|d'\s*)(?:subvention|partenariat|financement|stage|formation|objectifs?|groupement|occupation|pmsmp)\b)"
            )
        ),
    ),
    ("framework-agreement", _matcher(re.compile(r"\baccords?[\s-]+cadres?\b|\bbons?\s+de\s+commandes?\b"))),
    (
        "criterion",
        _matcher(
            re.compile(
                r"\b(?:sous-?\s?)?criteres?\b(?!\s+d'(?:eligibilite|age)\b)|\bperformances?\s+en\s+matiere\s+d'insertion\b|\bponder\w*|\bnotation\b"
                # a grid to score the offers (« je note comment les offres ? donne-moi une grille »)
                r"|\bgrilles?\b.{0,80}?\bnot(?:e|er|es|ez)\b|\bnot(?:e|er|es|ez)\b.{0,80}?\bgrilles?\b",
                re.S,
            )
        ),
    ),
    (
        "announcement",
        _matcher(
            re.compile(
                r"\bavis\s+(?:de\s+marche|d'appel\s+public|d'appel\s+a\s+la\s+concurrence|de\s+publicite)"
                r"|\breglements?\s+de\s+(?:la\s+)?consultation\b|\brc\b|\bannonces?\b|\baapc\b|\bpublicite\b"
            )
        ),
    ),
    (
        "execution",
        _matcher(
            re.compile(
                r"\bclauses?\s+(?:d'insertion|sociales?|d'execution)\b|\bconditions?\s+d'execution\b"
                r"|\b(?:article|clause)s?\s+(?:du|de|dans\s+le)\s+ccap\b|\bccap\b|\bcahier\s+des\s+clauses\b"
            )
        ),
    ),
)
CLAUSE_KINDS: tuple[ClauseKind, ...] = tuple(kind for kind, _ in _CLAUSE_RULES)
# Long inputs are checked on their beginning only, where people say what they want.
_CLAUSE_SCAN_LIMIT = 5000


@never_raise(lambda: None)
def find_clause_kind(text: str) -> ClauseKind | None:
    """The kind of clause or document asked about, by the precedence documented above."""
    folded = prepare(text).folded.text[:_CLAUSE_SCAN_LIMIT]
    for kind, matches in _CLAUSE_RULES:
        if matches(folded):
            return kind
    return None


# --------------------------------------------------------------------------- free texts

FreeText = Literal["cover-letter", "email", "letter", "deliberation", "tender-memo", "note", "prose"]

# Writing requests that are not clauses or template documents: the assistant says what it can
# draft instead of filling a clause template. Most specific first.
# A letter or e-mail asking an employer to hire the writer (« une lettre pour demander à l'entreprise de
# m'embaucher après ma mission »): the person's own application, a cover letter.
_OWN_APPLICATION = (
    r"\b(?:lettres?|courriers?|e-?mails?|mails?|messages?)\b[^.?!]{0,80}?\b(?:m'embaucher|me\s+recruter|m'engager|"
    r"me\s+garder|me\s+prendre\s+en\s+(?:cdi|cdd)|postuler|candidater|ma\s+candidature|candidature\s+spontanee"
    # « une lettre pour dire que je suis intéressé par les heures d'insertion »
    r"|je\s+suis\s+(?:tres\s+)?(?:interesse|interessee|motive|motivee|partant|partante|dispo|disponible)\b)\b"
)
_FREE_TEXT_RULES: tuple[tuple[FreeText, re.Pattern[str]], ...] = (
    ("cover-letter", re.compile(r"\blettres?\s+de\s+motivation\b|\bcv\b|\bcurriculum\b|" + _OWN_APPLICATION)),
    ("email", re.compile(r"\b(?:e-?mails?|mails?|courriels?|sms|texto|messages?)\b")),
    # « un projet de réponse à la mise en demeure » is a letter too
    ("letter", re.compile(r"\b(?:courriers?|lettres?)\b|\b(?:projet|brouillon|proposition)\s+de\s+reponse\b")),
    # « une note d'une page pour le conseil communautaire » is a note to its members, not a deliberation
    (
        "note",
        re.compile(
            r"\bnotes?\s+d'une\s+(?:demi-?\s?)?page\b|\bnotes?\s+(?:pour|au|a)\s+(?:le|la|l')\s*(?:conseil|bureau|elus?|direction|president\w*|maire|dgs)\b"
        ),
    ),
    ("deliberation", re.compile(r"\bdeliberations?\b|\bconseil\s+(?:municipal|communautaire|d'administration)\b")),
    (
        "tender-memo",
        re.compile(
            r"\bmemoires?\s+techniques?\b|\bdans\s+(?:mon|notre|l'\s*|l\s+)offre\b"
            # « une note méthodologique volet insertion » is the memo's insertion part, under another name
            r"|\bnotes?\s+methodologiques?\b"
            # « une note dans ma réponse » asks for the memo; « écris-moi ça pour ma réponse » reshapes an answer
            r"|\b(?:notes?|paragraphes?|textes?|parties?)\b[^.?!]{0,40}?\bdans\s+(?:ma|notre)\s+(?:reponse|candidature)\b"
            r"|\b(?:a\s+(?:coller|mettre|inserer)\s+)?(?:dans|pour)\s+(?:le|mon|notre)\s+memoire\b(?!\s+de\s+(?:stage|fin|master|recherche))"
        ),
    ),
    ("note", re.compile(r"\bnotes?\s+(?:aux|pour\s+(?:les|mes|nos)|a\s+(?:mes|nos|l'))\b|\bnote\s+de\s+synthese\b")),
    (
        "prose",
        re.compile(
            r"\b(?:arguments?|argumentaire|discours|presentation|paragraphe|syntheses?|post|plaquette|rapport\s+de\s+stage"
            r"|(?:petit\s+)?texte\s+(?:de\s+presentation|tout\s+pret|simple|pour\s+(?:les|mes|nos|expliquer))"
            r"|\d\s*(?:-\s*\d\s*)?phrases?)\b"
        ),
    ),
)
# Words that ask for a clause or template document itself (« l'article du CCAP », « la mention
# de l'avis »): then a letter or e-mail word is the topic, not the text asked for.
_DOCUMENT_WORDS = (
    r"\b(?:ccap|cctp|rc|reglement\s+de\s+(?:la\s+)?consultation|avis\s+de|acte\s+d'engagement|article|mention"
    r"|(?:sous-?\s?)?criteres?|tableaux?|clauses?\s+(?:types?|a\s+(?:mettre|coller|inserer))"
)
# « un modèle de clause » asks for a template document; « un modèle de courrier » or « de note » is still a letter
# or a note
_FREE_TEXT_WORDS = r"(?:courriers?|lettres?|e-?mails?|mails?|courriels?|sms|memoires?|notes?)\b"
_TEMPLATE_DOCUMENT = re.compile(_DOCUMENT_WORDS + r"|modeles?(?!\s+(?:de\s+|d'\s*)" + _FREE_TEXT_WORDS + r"))\b")
# A bare « vous avez un modèle ? » after « un courrier de mise en demeure » asks for that letter: for a letter or an
# e-mail, only a model of something else (« un modèle de clause ») makes it a template document.
_TEMPLATE_DOCUMENT_NAMED = re.compile(
    _DOCUMENT_WORDS + r"|modeles?\s+(?:de\s+|d'\s*|du\s+|des\s+|pour\s+)(?!" + _FREE_TEXT_WORDS + r"))"
)


# A text whose destination is the candidate's memo (« un paragraphe type à coller dans le mémoire technique »): the
# criterion or the RC named before it is the context the memo answers, not the text asked for.
_MEMO_DESTINATION = re.compile(
    r"\ba\s+(?:coller|mettre|inserer|integrer)\s+(?:dans|pour)\s+(?:le|mon|notre|ma)\s+(?:memoire|offre|reponse)\b"
    r"|\b(?:paragraphes?|textes?|sections?|parties?)\b[^.?!]{0,40}?\b(?:pour|dans)\s+(?:le|mon|notre)\s+memoire\s+technique\b"
    # « je mets quoi dans mon mémoire technique pour le critère social ? » : only a candidate has one
    r"|\b(?:dans|pour)\s+(?:mon|notre)\s+memoire\s+technique\b"
)


@never_raise(lambda: None)
def find_free_text(text: str) -> FreeText | None:
    """The kind of free text a writing request asks for (an e-mail, a note to elected officials…),
    or None when it asks for a clause or a template document."""
    folded = prepare(text).folded.text[:_CLAUSE_SCAN_LIMIT]
    if _MEMO_DESTINATION.search(folded):
        return "tender-memo"
    for kind, pattern in _FREE_TEXT_RULES:
        if pattern.search(folded):
            template = _TEMPLATE_DOCUMENT_NAMED if kind in {"email", "letter"} else _TEMPLATE_DOCUMENT
            if kind != "cover-letter" and template.search(folded):
                return None
            return kind
    return None


# Free texts the drafting tool has a template for, by the kind of text and its subject (folded words);
# first rule that matches wins. The others (CVs, cover letters, arguments…) keep the notice.
_REMINDER = re.compile(
    r"\brelanc\w*|\bretards?\b|\ben\s+retard\b|\bmise\s+en\s+demeure\b|\bheures\s+non\s+(?:realisees|faites)\b"
    r"|\b(?:pas|plus|jamais)\s+(?:\w+\s+){0,2}?(?:envoye|transmis|recu|fourni|rendu)s?\b"
    # « lui rappeler qu'il n'a pas fait ses heures » : the holder's hours are late
    r"|\brappel\w*\b.{0,60}?\bheures\b|\b(?:pas|jamais)\s+(?:\w+\s+){0,2}?(?:fait|realise)e?s?\s+(?:ses|les|leurs)\s+heures\b",
    re.S,
)
_TO_FACILITATOR = re.compile(r"\bfacilitat\w*")
# A social worker or counsellor introducing the person they support (« présenter un allocataire au facilitateur »).
_REFERRAL = re.compile(
    r"\b(?:present\w*|orient\w*)\s+(?:un|une|mon|ma|nos|mes|des)\s+"
    r"(?:allocataires?|beneficiaires?|candidats?|candidates?|personnes?\s+accompagnees?|jeunes?|usagers?|demandeu\w*)\b"
)
# A structure that employs the people itself (an ACI, an EA…) writing its own memo: its support, not hours to find.
_OWN_STRUCTURE = re.compile(
    r"\b(?:notre|nos|ma|mon)\s+(?:aci|ei|etti|ea|esat|siae|structure|association|atelier|chantier\s+d'insertion"
    r"|entreprise\s+(?:d'insertion|adaptee))\b"
    r"|\bsalaries\s+en\s+situation\s+de\s+handicap\b|\baccompagnement\s+socio-?\s?professionnel\b|\bencadrement\s+technique\b"
)
# A structure's letter for a company's offer (« une lettre d'engagement à mettre dans son offre »): a partner's
# commitment, not the company's own memo.
_PARTNER_COMMITMENT = re.compile(
    r"\b(?:lettres?|courriers?|attestations?)\s+d'(?:engagement|intention)\b.{0,80}?"
    r"\b(?:son|leur|sa)\s+(?:offre|candidature|reponse)\b"
    r"|\b(?:lettres?|attestations?)\s+(?:d'engagement\s+)?de\s+partenariat\b",
    re.S,
)
# A buyer telling the companies ahead of time that its markets will carry clauses (« leur annoncer qu'on va mettre
# des clauses d'insertion dans nos marchés »).
_FIRMS_INFORMATION = re.compile(
    r"\b(?:annonc\w*|inform\w*|prevenir)\b.{0,80}?\b(?:clauses?|insertion)\b.{0,80}?\b(?:nos|ses|leurs)\s+"
    r"(?:marches|consultations|appels\s+d'offres|achats)\b",
    re.S,
)
# Hours carried out on another market, to be counted on this one (« reportées sur le bilan », « un autre chantier »).
_OTHER_MARKET_HOURS = re.compile(
    r"\bheures\b.{0,120}?\b(?:autres?\s+(?:chantiers?|marches?|operations?)|report\w*|transfer\w*)\b"
    r"|\b(?:autres?\s+(?:chantiers?|marches?|operations?))\b.{0,120}?\bheures\b",
    re.S,
)
# A structure (SIAE, GEIQ, EA, ESAT) presenting itself to the companies that hold a clause.
_STRUCTURE_OFFER = re.compile(
    r"\b(?:present\w*|demarch\w*)\b.{0,80}?\b(?:(?:ma|notre)\s+(?:structure|association|entreprise\s+d'insertion)"
    r"|geiq|siae|etti|aci|association\s+intermediaire|entreprise\s+adaptee|esat)\b"
    r"|\b(?:aux|les)\s+entreprises\s+(?:attributaires|titulaires)\b"
    # « un mail de présentation à envoyer aux entreprises du BTP qui ont des clauses »
    r"|\bpresent\w*\b.{0,60}?\baux\s+entreprises\b"
    # an ETTI or a GEIQ explaining how the hours of its staff it puts at their disposal count
    r"|\b(?:nos|notre)\s+(?:heures\s+de\s+)?mises?\s+a\s+disposition\b"
    # « elles peuvent passer par notre association », « proposer nos apprentis aux entreprises »
    r"|\bpasser\s+par\s+(?:notre|nos)\s+(?:association|structure|geiq|etti|aci|plie|cfa|services?|salaries)\b"
    r"|\bproposer\s+(?:nos|des|les)\s+(?:apprentis|candidats|salaries|stagiaires|alternants|jeunes|beneficiaires|services)\b"
    r".{0,60}?\bentreprises\b",
    re.S,
)
# The holder telling the buyer it struggles to carry out the clause.
_DIFFICULTY = re.compile(
    r"\b(?:(?:peut|peux|pourra|pourrons|arrive|arrivons)\s+pas|trouve\w*\s+personne|pas\s+(?:de\s+)?candidats?"
    r"|difficult\w*|impossible|(?:du|beaucoup de) mal a|galer\w*|un delai|plus de temps)\b"
    # « on n'a pas eu de candidat », « demander de baisser les heures, le chantier a été décalé »
    r"|\bpas\s+eu\s+(?:de\s+|d'\s*)?(?:candidats?|candidatures?|personne)\b"
    r"|\b(?:baisser|reduire|diminuer|revoir\s+a\s+la\s+baisse)\b.{0,30}?\bheures\b|\bdecal\w*|\bretard\w*\s+de\s+chantier\b",
    re.S,
)
# A structure urging buyers to reserve lots to it (« pourquoi ils devraient réserver des lots aux ESAT »).
_RESERVATION_PLEA = re.compile(
    r"\breserv\w*\b.{0,40}?\b(?:lots?|marches?)\b|\blots?\s+reserves?\b|\bmarches?\s+reserves?\b", re.S
)
# A candidate asking the buyer a question during the consultation.
_TO_BUYER = re.compile(
    r"\b(?:a|pour)\s+(?:l'acheteur|la\s+collectivite|l'acheteuse)\b.{0,60}?\b(?:demand\w*|question\w*|savoir)\b", re.S
)
# Explaining the clause in plain words to someone (« un petit mail pour lui expliquer »).
_EXPLAIN = re.compile(r"\b(?:lui|leur)\s+expliqu\w*|\bexpliquer\s+(?:la|les)\s+clauses?\b")
# A job seeker's cover letter (a CV is not drafted: it is the person's own record).
_COVER_LETTER = re.compile(r"\blettres?\s+de\s+motivation\b|" + _OWN_APPLICATION)
# A CV asked for (« t'as un modèle tout simple de CV ? »): a blank model, the person's own record left to them.
_CV = re.compile(r"\bcv\b|\bcurriculum\b")
# The writer's own counsellor or educator, addressed in the first person (« un message pour mon éduc pour lui dire
# que je suis chaud pour les heures d'insertion »): the person asking to be put forward.
# A message about what was just answered (« un message à ma conseillère pour demander ça ») is that answer, written.
_TO_OWN_COUNSELLOR = re.compile(
    r"^(?!.*\b(?:demander|dire|expliquer|annoncer)\s+(?:ca|cela)\b)"
    r"(?=.*\b(?:insertion|clauses?|rendez-vous|rdv|motive\w*|interesse\w*|chaud|dispo\w*|postuler|candidat\w*)\b)"
    r".*\b(?:a|pour)\s+(?:mon|ma)\s+(?:conseill\w*|educ\w*|referente?|assistante?\s+sociale?|as|cip|accompagnat\w*)\b",
    re.S,
)
_SUMMARY_FOR_ASSEMBLY = re.compile(r"\bsynthese\b|\bpresent\w*\s+(?:le|les|un)\s+bilans?\b")
# Arguments to convince a board or elected officials (« 5 ou 6 arguments courts sur le coût »).
_ARGUMENTS = re.compile(r"\barguments?\b|\bargumentaire\b|\bconvaincre\b")
_ACTIVITY_SUMMARY = re.compile(r"\bbilans?\b|\brapports?\s+d'activite\b|\bsynthese\b")
# The holder answering the buyer's formal notice or reminder (« un projet de réponse qui démontre notre bonne foi »).
# The writer's own delay (« prévenir le facilitateur qu'on va prendre du retard sur les heures »): the holder
# telling its difficulties, not a reminder sent to a late holder.
_OWN_DELAY = re.compile(
    r"\b(?:on|nous)\s+(?:va\s+|vas\s+|allons\s+)?(?:prendre|prend|prenons|a|avons|aura|aurons|accumul\w*)\s+"
    r"(?:un\s+peu\s+|beaucoup\s+|pas\s+mal\s+)?(?:de\s+|du\s+)?retard\b"
    r"|\b(?:on\s+est|nous\s+sommes|on\s+sera|nous\s+serons)\s+(?:\w+\s+)?en\s+retard\b"
)
_HOLDER_REPLY = re.compile(
    r"\b(?:reponse|repondre)\b.{0,80}?\b(?:mise\s+en\s+demeure|relance)\b|\b(?:mise\s+en\s+demeure|relance)\s+recue?\b"
    r"|\bnotre\s+bonne\s+foi\b",
    re.S,
)
# The holder contesting the penalties applied to it (« un courrier de contestation des pénalités »).
_PENALTY_CONTEST = re.compile(
    r"\bcontest\w*\b.{0,60}?\bpenalit\w*|\bpenalit\w*.{0,60}?\bcontest\w*"
    r"|\brecours\s+gracieux\b.{0,60}?\bpenalit\w*|\b(?:remise|annulation|moderation)\s+(?:gracieuse\s+)?des\s+penalites\b",
    re.S,
)
# The buyer's formal notice to a holder that did not answer a reminder (« le courrier de mise en demeure »).
_FORMAL_NOTICE = re.compile(r"\bmise\s+en\s+demeure\b|\bmettre\s+en\s+demeure\b")
# Where the buyer's clauses stand and what to aim for (« un état des lieux et ce qu'on pourrait viser d'ici 2028 »).
_POLICY_REVIEW = re.compile(
    r"\betats?\s+des\s+lieux\b|\bfeuille\s+de\s+route\b|\bstrategie\b|\bviser\b|\bd'ici\s+(?:20\d\d|\d+\s+ans)\b"
)
_FREE_TEXT_KINDS: tuple[tuple[frozenset[FreeText], re.Pattern[str] | None, ClauseKind], ...] = (
    (frozenset({"email", "letter"}), _PENALTY_CONTEST, "penalty-contest"),
    (frozenset({"email", "letter"}), _HOLDER_REPLY, "difficulty-letter"),
    (frozenset({"email", "letter"}), _FORMAL_NOTICE, "formal-notice"),
    (frozenset({"email", "letter", "note"}), _OWN_DELAY, "difficulty-letter"),
    (frozenset({"email", "letter", "note"}), _REMINDER, "hours-reminder"),
    (frozenset({"email", "letter", "prose", "note"}), _RESERVATION_PLEA, "reservation-plea"),
    (frozenset({"email", "letter", "tender-memo"}), _PARTNER_COMMITMENT, "partner-commitment"),
    (frozenset({"email", "letter"}), _FIRMS_INFORMATION, "firms-information"),
    (frozenset({"tender-memo"}), _OWN_STRUCTURE, "structure-memo"),
    (frozenset({"email", "letter", "prose", "tender-memo"}), _STRUCTURE_OFFER, "structure-offer"),
    (frozenset({"email", "letter"}), _OTHER_MARKET_HOURS, "hours-transfer"),
    (frozenset({"email", "letter", "prose"}), _TO_OWN_COUNSELLOR, "counsellor-request"),
    (frozenset({"email", "letter"}), _REFERRAL, "candidate-referral"),
    (frozenset({"email", "letter"}), _TO_FACILITATOR, "facilitator-email"),
    (frozenset({"email", "letter"}), _DIFFICULTY, "difficulty-letter"),
    (frozenset({"email", "letter"}), _TO_BUYER, "buyer-question"),
    (frozenset({"note"}), _POLICY_REVIEW, "policy-note"),
    (frozenset({"prose", "note"}), _ACTIVITY_SUMMARY, "activity-summary"),
    (frozenset({"prose", "note"}), _ARGUMENTS, "arguments"),
    (frozenset({"email", "letter"}), _EXPLAIN, "clause-explainer"),
    # « un paragraphe de synthèse pour la délibération annuelle présentant le bilan » reports results: not a deliberation
    (frozenset({"deliberation"}), _SUMMARY_FOR_ASSEMBLY, "activity-summary"),
    (frozenset({"tender-memo"}), None, "tender-memo"),
    (frozenset({"cover-letter"}), _TO_OWN_COUNSELLOR, "counsellor-request"),  # « motivé », said to one's counsellor
    (frozenset({"cover-letter"}), _CV, "cv-model"),
    (frozenset({"cover-letter"}), _COVER_LETTER, "cover-letter"),
    (frozenset({"deliberation"}), None, "deliberation"),
    # named by its own words only (find_clause_kind), never by a letter or e-mail word; listed so that its details
    # and additions (« rajoute que le permis B est souhaité ») are woven in as for the free texts
    (frozenset(), None, "job-posting"),
)

FREE_TEXT_KINDS: frozenset[str] = frozenset(kind for _, _, kind in _FREE_TEXT_KINDS)


@never_raise(lambda: None)
def free_text_kind(text: str, free: FreeText) -> ClauseKind | None:
    """The template kind that drafts the free text asked for (a reminder to a late holder, an e-mail to
    the facilitator, a mémoire technique paragraph, a deliberation), or None when none fits."""
    folded = prepare(text).folded.text[:_CLAUSE_SCAN_LIMIT]
    for frees, subject, kind in _FREE_TEXT_KINDS:
        if free in frees and (subject is None or subject.search(folded)):
            return kind
    return None


# The request itself (« tu peux me rédiger la partie insertion de mon mémoire technique ? »), before the
# details the user gives; the details start after a colon, a sentence end or « pour dire que ».
_DETAILS_START = re.compile(
    r":|[.?!](?=\s+\S)|\b(?:pour\s+(?:lui\s+|leur\s+|les\s+|l'\s*)?(?:dire|expliquer|demander|presenter|signaler|rappeler"
    r"|prevenir|informer|avertir|annoncer|inviter)"
    r"|qui\s+dit|en\s+gros|en\s+rappelant|sachant)\b(?:\s+qu(?:e\b|'))?"
    r"|\bpour\s+(?=(?:une?|l'|le|la|des|les)\s*(?:entreprises?|titulaires?|boites?|societes?|attributaires?)\b)",
    re.I,
)
# Sentences that only say how to write (« ton poli mais ferme », « je veux un texte propre »).
_STYLE_ONLY = re.compile(
    r"^(?:(?:ton|style|court|courte|pro|simple|poli|polie|cordial|cordiale|ferme|mais|et|pas|trop|tres|max\w*"
    r"|svp|stp|merci|\d+|lignes?|une?|demi|page|paragraphes?|phrases?|texte|que|tel|quel|administratif|je|copie|copier|colle|coller|directement|commercial|formel|sympa|plutot|bref|courtois|courtoise|direct|directe|serieux|serieuse|sobre|clair|claire|concis|concise)[\s,.!?]*)+$"
    r"|^(?:cordial|poli|court|simple|sympa|formel)\w*\b|^(?:(?:je\s+veux|j'aimerais|je\s+voudrais)(?!\s+(?:etre|travailler|bosser|trouver|devenir|aller|un\s+(?:poste|emploi|travail)|des\s+postes)\b)|c'est\s+pour|ton\b|style\b|merci\b)"
    # « il faut que ce soit court » is style; « il faut le permis B » is a fact to add
    r"|^il\s+faut\s+(?:que\s+(?:ce|ca|le\s+texte)\b|(?:un|une)\s+(?:ton|texte|style|version)\b|(?:plus|moins|rester)\b)"
)
# « pour leur expliquer pourquoi ils devraient réserver » names the subject, not details to weave in.
# and « pour présenter un allocataire au facilitateur » names the person the text is about, not details.
_TOPIC_ONLY = re.compile(
    r"^(?:pourquoi|comment|ce\s+qu|en\s+quoi)\b"
    r"|^(?:un|une|mon|ma|nos|mes|des)\s+(?:allocataires?|beneficiaires?|candidat\w*|personnes?|jeunes?|usagers?)\b"
)
_FILLER = re.compile(r"^\s*(?:en\s+gros|bref|voila|voilà|donc|alors)\b[\s,:]*", re.I)
MAX_DETAILS_CHARS = 600


def request_details(text: str) -> str | None:
    """The details a writing request gives after asking (« … : 6 %, ETTI, tutorat »), in the user's
    words and without the instructions on style, for the template to weave in; None when the
    message only asks."""
    message = " ".join(text.split())
    folded = prepare(message).folded.text
    if len(folded) != len(message):  # positions are read on the folded text
        folded = message.lower()
    for match in _DETAILS_START.finditer(folded):
        if _ASKS_TO_WRITE.match(folded[match.end() :]):
            continue  # « on a besoin d'un mémoire. tu peux m'écrire un modèle… ? »: the request itself, no detail
        rest = _without_style(message[match.end() :])
        if len(rest.split()) >= 3 and not _TOPIC_ONLY.match(prepare(rest).folded.text):
            return _trim(rest)
    # « un paragraphe sur notre démarche (tutorat, formation HACCP, parcours vers CDI) ? » lists them in brackets
    listed = _LISTED_DETAILS.search(message)
    return _trim(listed.group(1).strip()) if listed else None


_LISTED_DETAILS = re.compile(r"\(([^()]*,[^()]*)\)")
# A sentence that asks for the text (« tu peux m'écrire un modèle de… ? », « rédige-moi… »), not a detail to weave in.
_ASKS_TO_WRITE = re.compile(
    r"\s*(?:\w+\W+){0,2}?(?:(?:tu\s+peux|tu\s+pourrais|peux[\s-]+tu|pourrais[\s-]+tu|vous\s+pouvez|pouvez[\s-]+vous|"
    r"pourriez[\s-]+vous)\s+(?:me\s+|nous\s+|m'\s*)?(?:ecrire|rediger|faire|preparer|proposer|donner)"
    r"|(?:redige|ecris|fais|prepare|propose|donne)[sz]?[\s-]+(?:moi|nous))\b"
)


def _without_style(text: str) -> str:
    sentences = re.split(r"(?<=[.?!])\s+", text.strip())
    kept = [s for s in sentences if not _STYLE_ONLY.match(prepare(s.strip(" .?!")).folded.text.strip())]
    kept = [_STYLE_TAIL.sub("", s) for s in kept]  # « …à mi-chantier, ton cordial mais ferme »
    return _FILLER.sub("", " ".join(kept)).strip(" ,;:.?!")


# The tone asked for at the end of a sentence that gives facts.
# (« …restauration collective ou nettoyage, pas trop long svp »: the length asked, likewise)
_STYLE_TAIL = re.compile(
    r",\s*(?:(?:sur\s+un\s+|avec\s+un\s+|d'un\s+)?(?:ton|style)\b|pas\s+trop\s+longu?e?s?\b|(?:tr[eè]s\s+)?courte?s?\b)"
    r"[^.?!,;]*(?=[.?!]*\s*$)",
    re.I,
)


def _trim(text: str) -> str:
    if len(text) <= MAX_DETAILS_CHARS:
        return text
    return text[:MAX_DETAILS_CHARS].rsplit(" ", 1)[0] + "…"


_META_ADDITION = re.compile(r"(?:un|une|des|quelques)\s+(?:paragraphes?|phrases?|lignes?|points?|mots?|parties?)\b")
# What an added sentence is to say (« une phrase pour dire qu'… », « une ligne qui précise que… »).
_SAYING = re.compile(
    r"\s*(?:pour\s+(?:dire|indiquer|preciser|expliquer|rappeler)|qui\s+(?:dit|indique|precise|explique|rappelle)"
    r"|disant|indiquant|precisant)\s+(?:qu(?:e\b|')\s*)?"
)
_ADDITION = re.compile(
    # (« et rajoute qu'on peut accueillir… », « ok et mets que j'ai fait l'EPIDE »: a conversation's « et » first)
    r"^\s*(?:(?:et|ok|bon|alors|puis)\s+){0,2}(?:tu\s+peux\s+|peux[\s-]+tu\s+)?(?:r?ajout\w*|precis\w*|indiqu\w*|mentionn\w*|mets|met|dis(?![\s-]+(?:moi|nous)\b))\s+(?:aussi\s+|egalement\s+)?"
    r"(?:qu(?:e\b|')\s*|le\s+fait\s+qu(?:e\b|')\s*)?",
    re.I,
)


def added_details(text: str) -> str | None:
    """What a revision asks to add to a free text (« rajoute qu'on a déjà fait 9 % »), or None."""
    message = " ".join(text.split())
    folded = prepare(message).folded.text
    if len(folded) != len(message):
        folded = message.lower()
    # « plus court stp, et dis qu'on est en Chartreuse »: the addition may follow a first request
    starts = [0, *(found.end() for found in _NEXT_REQUEST.finditer(folded))]
    found = next(((start, m) for start in starts if (m := _ADDITION.match(folded[start:])) is not None), None)
    if found is None:
        return None
    end = found[0] + found[1].end()
    meta = _META_ADDITION.match(folded[end:])
    if meta is not None:
        saying = _SAYING.match(folded[end + meta.end() :])
        if saying is None:
            return None
        end += meta.end() + saying.end()
    rest = _without_style(message[end:])
    return _trim(rest) if len(rest.split()) >= 2 else None


# Where a second request begins in a message (« plus court stp, et dis que… »).
_NEXT_REQUEST = re.compile(r"[,.;!]\s*(?:et\s+)?")


# A request for a shorter text (« plus court stp », « ça doit tenir en un paragraphe », « 10 lignes max »,
# « court svp, c'est un petit marché »): the kind's short version, never a cut in mid-sentence.
_SHORT = re.compile(
    r"\bplus\s+(?:court|courte|concis\w*|bref|breve|succinct\w*|ramasse\w*)\b|\braccourci\w*|\btrop\s+long\w*"
    r"|\bversions?\s+(?:courte|abregee|resumee|allegee|condensee)s?\b|\b(?:un|1|une?\s+seul\w*)\s+paragraphe\b"
    r"|\b(?:tenir|tient|tiendr\w*)\s+en\b|\b(?:\d+|dix|cinq|quelques|une\s+dizaine\s+de)\s+lignes\b"
    r"|\b(?:texte|article|clause|mail|version|note)\s+(?:tres\s+)?courte?s?\b|\b(?:fais|faire|faites)\s+court\b"
    r"|\bcourte?\s+(?:svp|stp|s'il)"
)


@never_raise(lambda: False)
def wants_short(text: str) -> bool:
    """Whether a writing request asks for a short text (the kind's short version)."""
    return _SHORT.search(prepare(text).folded.text[:_CLAUSE_SCAN_LIMIT]) is not None


# « une fiche de poste d'agent d'entretien des espaces verts pour un recrutement clause »: the post's title.
_JOB_TITLE = re.compile(
    r"\b(?:fiches?\s+de\s+postes?|profils?\s+de\s+postes?|descriptions?\s+de\s+postes?|offres?\s+d'emploi"
    r"|annonces?(?:\s+(?:d'emploi|de\s+recrutement))?)\s+(?:d'\s*|de\s+|pour\s+(?:un|une)\s+|:\s*)"
    r"(?P<title>(?!recrutement\b|(?:la|le|les|ma|mon|notre|nos)\b)[a-zà-ÿœ'][\w'’\- ]{2,60}?)"
    r"(?=\s+(?:pour|dans|sur|en\s+(?:cdd|cdi|insertion|clause)|avec|a\s+temps|au\s+titre)\b|\s*[,.;:?!(]|\s*$)",
    re.I,
)


# « une petite annonce pour recruter quelqu'un en parcours d'insertion comme agent de signalisation »: the post named
# after « comme », once a hiring is spoken of.
_HIRED_AS = re.compile(
    r"\b(?:recrut\w*|embauch\w*|postes?)\b[^.?!]{0,60}?\bcomme\s+"
    r"(?P<title>(?!ça\b|ca\b|cela\b|d'habitude\b)[a-zà-ÿœ][\w'’\- ]{2,60}?)"
    r"(?=\s+(?:pour|dans|sur|en|avec|a|au|chez)\b|\s*[,.;:?!(]|\s*$)",
    re.I,
)


@never_raise(lambda: None)
def job_title(text: str) -> str | None:
    """The title of the post a job description is asked for, in the user's words, or None."""
    said = " ".join(text.split())
    found = _JOB_TITLE.search(said) or _HIRED_AS.search(said)
    return found.group("title").strip() if found else None
