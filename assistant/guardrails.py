"""Legal guardrails on clause requests: pure checks on text and parameters.

The drafting tool runs them on every free-text parameter, and the conversation
engine on the user's message. They detect the three requests the law forbids in
an insertion clause — a residence or local preference, a nationality condition,
a single compulsory fulfilment route — and answer with the reason and a lawful
alternative, both read from the prompts folder's ``refusals.yaml``. They must not fire on
descriptive mentions of a territory (« le facilitateur du territoire », « les SIAE du
département », « le Département de l'Isère »): only a requirement or a reservation is refused.

The unlawful conduct of ``prompts/conduct.yaml`` is checked here too: rules on signals, and
rules on categories (``concepts``: an act of the user combined with what the law protects, the
term lists in ``prompts/lexicons.yaml``), so a new phrasing of a known unlawful idea is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from assistant.cues import Cues, load_lexicons
from assistant.errors import RequestRefused
from assistant.fr import fold_words
from assistant.refusal_parts import RefusalParts, load_refusal_parts
from assistant.yaml_data import load_yaml

RefusalKind = Literal["residence", "nationality", "single_route", "imposed_structure", "proximity", "conduct"]


class Refusal(BaseModel):
    """One unlawful element found in a request, with why and what to do instead."""

    kind: RefusalKind = Field(description="Nature de l'exigence illégale.")
    matched: str = Field(description="Passage de la demande qui a déclenché le refus (texte normalisé).")
    reason: str = Field(description="Motif juridique du refus, en français.")
    alternative: str = Field(description="Alternative légale proposée, en français.")
    rule: str | None = Field(default=None, description="Règle de conduite (prompts/conduct.yaml) qui a refusé.")
    basis: str | None = Field(
        default=None, description="Source juridique du motif, quand le motif n'en cite pas (« à vérifier » sinon)."
    )
    helpers: tuple[str, ...] = Field(default=(), description="Qui peut aider à suivre la voie légale, en français.")

    def message(self) -> str:
        basis = f" Fondement : {self.basis}." if self.basis else ""
        helpers = f" Qui peut vous aider : {' ; '.join(self.helpers)}." if self.helpers else ""
        return f"{self.reason}{basis} Alternative légale : {self.alternative}{helpers}"


def _sentences(folded: str) -> list[str]:
    parts = re.split(r"[.;!?\n]|\s:\s", folded)
    return [part.strip() for part in parts if part.strip()]


# --- patterns ----------------------------------------------------------------

# Negated mentions (our own templates write « aucune condition de résidence ni de
# nationalité ») are removed before matching so they cannot trigger a refusal.
_NEGATED = re.compile(
    r"\b(?:sans|aucune?|pas de|ni|quelle que soit|quel que soit|independamment de|"
    r"sans distinction de|sans condition de|n est pas|ne sont pas|ne peut|ne peuvent|interdit|interdite|"
    r"exclut|exclue|proscrit)\b(?:\s+\w+){0,6}?\s+"
    r"(?:nationalite|residence|domicile|origine|lieu de residence|locale?s?|cdi|embauche directe|"
    r"modalite|voie)\b"
)

_PLACE = (
    r"(?:(?:notre |la |cette |leur |nos |les |ses )?communes?|(?:la |notre )?ville|(?:le |notre )?departement|"
    r"(?:l )?isere|(?:le |notre |leur |du )?quartiers?(?: prioritaires?)?|qpv|"
    # « l'agglo »: how users name their communauté d'agglomération
    r"(?:le |notre )?territoire|(?:la )?metropole|(?:l )?agglo(?:meration)?|(?:la |notre )?region|"
    r"canton|communaute de communes|communaute d agglomeration|intercommunalite|epci|(?:la )?cc|"
    r"bassin(?: d emploi)?|secteur geographique|"
    r"(?:la )?vallee|massif|grenoble|zone d emploi|"
    r"(?:la |cette )?localite|alentours|environs|"
    # everyday words for « our area »: « notre secteur », « du coin », « de chez nous », « d'ici »
    r"(?:notre |leur |ce |le )?secteur(?! d activite| professionnel| public| prive| marchand| associatif| du | de | d )|"
    r"coin|chez nous|ici|(?:notre |le |ce )?village|bourg|plateau|(?:notre |le )?pays|"
    # an administrative perimeter (« situées dans le périmètre du Parc »)
    r"(?:le |du |ce |notre )?perimetre)"
)

_RESIDENT_NOUN = (
    r"(?:habitants?|residents?|residants?|domicilies?|domiciliees?|originaires?|natifs?|natives?|administres?|administrees?|"
    r"issus?|issues?|ressortissants?)"
)

# « habitants de la commune », « résidents du département », « issus du territoire »
_RESIDENT_PHRASE = re.compile(
    rf"\b{_RESIDENT_NOUN}\s+(?:de la |de l |du |des |de |d |en |dans l |dans la |dans le |dans |sur la |sur le |sur |a )"
    rf"(?:\w+ ){{0,2}}?{_PLACE}\b"
)

# Verbs of residence: « devront habiter la commune », « résider dans le département »,
# « condition de résidence sur la commune ».
_RESIDING = re.compile(
    rf"\b(?:habiter|habitent|habite|habitant|resider|residant|residante|residants|residence|domicile|"
    rf"demeurer|demeurent|demeurant|vivre|vivent|vivant|loger|logent)\s+"
    rf"(?:(?:dans|a|en|sur|au|aux|sur le territoire de)\s+)?(?:\w+\s+){{0,2}}?{_PLACE}\b"
)
# A distance from home required of people (« qui habitent à plus de 30 km du chantier »).
_RESIDING_DISTANCE = re.compile(
    r"\b(?:habit\w*|resid\w*|domicili\w*|vivent|vivant|loge\w*)\s+(?:a\s+)?(?:plus|moins)\s+de\s+\d+\s*"
    r"(?:km|kilometres?|minutes?)\b"
)
# What stands for a residence without naming it: a postcode, an address or a home in the area, a home near the site
# (« priorité aux candidats dont le code postal commence par 38 », « justifier d'une adresse dans la commune »,
# « des gens vivant près du chantier »); refused, like a residence, with a requirement around it.
_RESIDENCE_PROXY = re.compile(
    rf"\bcodes? postaux?\b|\bcode postal\b|\b(?:commune|ville|lieu|quartier|adresse) de (?:residence|domicile)\b"
    rf"|\b(?:adresses?|domiciles?|domiciliation)\s+(?:\w+\s+){{0,2}}?(?:dans|sur|en|a|au)\s+(?:le territoire de\s+)?"
    rf"(?:la |le |l |notre |leur |ce |cette )?{_PLACE}\b"
    rf"|\b(?:vivant|vivent|vit|habitant|habitent|habite|resid\w*|loge\w*|domicili\w*)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:pres|a proximite|a cote|autour|aux abords|non loin|aux alentours|dans les environs)\s+(?:du|de la|de l|des|de)\s+"
    rf"(?:chantiers?|sites?|marches?|batiments?|travaux|lieux?|locaux|college|lycee|ecole|equipements?)\b"
)
_LOCAL_HIRING = re.compile(r"\b(?:embauches?|recrutements?|emplois?|main d oeuvre|salaries|candidats) de proximite\b")

# The same nouns followed by a named place, detected on the original text where the
# capital letter is still visible (« habitants de Voiron », « résidents de l'Isère »).
_RESIDENT_NAMED_PLACE = re.compile(
    r"(?i:habitants?|r[ée]sid[ea]nts?|domicili[ée]e?s?|originaires?|natifs?|natives?|issu[e]?s?|"
    r"habit(?:er|ent)|r[ée]sid(?:er|ant)|viv(?:re|ent|ant)|demeur(?:er|ent|ant))"
    r"\s+(?i:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*|en\s+|à\s+|a\s+)"
    r"([A-ZÀ-Ý][a-zà-ÿ][\w\-’']*)"
    # a verb of residence may take its place directly (« des gens qui habitent Voiron »)
    r"|(?i:habit(?:er|ent|e)|r[ée]sid(?:er|ent|e))\s+([A-ZÀ-Ý][a-zà-ÿ][\w\-’']*)"
)

# Firms required to be set up in a named place (« les entreprises doivent être installées dans le Trièves »).
_FIRM_NAMED_PLACE = re.compile(
    r"(?i:entreprises?|soci[ée]t[ée]s?|candidats?|prestataires?|artisans?|titulaires?|soumissionnaires?|pme|tpe)\b"
    r"[^.?!;]{0,40}?(?i:install[ée]e?s?|implant[ée]e?s?|bas[ée]e?s?|situ[ée]e?s?|domicili[ée]e?s?|[ée]tablie?s?)\s+"
    r"(?i:dans\s+l[ea]\s+|dans\s+l['’]\s*|dans\s+|en\s+|à\s+|a\s+|sur\s+l[ea]\s+|sur\s+)"
    r"([A-ZÀ-Ý][a-zà-ÿ][\w\-’']*)"
)
# Firms or structures of a named place (« aux SIAE du Grésivaudan », « aux entreprises adaptées de Voiron »),
# refused with a reservation or requirement word around them.
_FIRM_OF_NAMED_PLACE = re.compile(
    r"(?i:entreprises?|soci[ée]t[ée]s?|prestataires?|artisans?|pme|tpe|siae|esat|ea|structures?|associations?)"
    r"(?:\s+(?i:adapt[ée]e?s?|d['’]\s*insertion|inclusives?|prot[ée]g[ée]e?s?))?"
    r"\s+(?i:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)"
    r"([A-ZÀ-Ý][a-zà-ÿ][\w\-’']*)"
)
_RESERVED_TO = re.compile(
    r"\b(?:reserv\w*|priorit\w*|uniquement|seul\w*|exclusivement|favoris\w*|privilegi\w*|impos\w*|exig\w*)\b"
)
_FIRM_REQUIREMENT = re.compile(
    r"\b(?:doivent|devront|doit|devra|soient|soit|exig\w*|impos\w*|uniquement|seul\w*|exclusivement|reserv\w*|"
    r"condition\w*|oblig\w*|que les|que des|(?:il )?faut|"
    # a presence required to take part (« avoir une agence dans l'Oisans pour candidater »)
    r"pour (?:candidater|soumissionner|postuler|concourir|repondre|participer|etre retenue?s?))\b"
)
# A place of business (a seat, an agency, a depot…) the firm must have in an area: required of candidates it is a
# local preference, whatever the noun; the lawful need behind it is an execution requirement (a delay of
# intervention justified by the object), which any firm can meet without a prior establishment.
_PRESENCE_NOUN = (
    r"(?:siege(?: social)?|etablissements?(?: secondaires?)?|agences?|antennes?|depots?|bureaux?|implantations?|"
    r"locaux|local|ateliers?|succursales?|entrepots?)"
)
_PRESENCE_VERB = (
    r"(?:avoir|ait|aient|ayant|a|ont|dispos\w* d|possed\w*|justifi\w* d|detenir|detienn\w*|implanter|ouvrir)"
)
# A presence asked of the firm (« demander que l'entreprise ait une antenne dans le Trièves »).
_PRESENCE_ASKED = re.compile(r"\bdemand\w* (?:que|qu|d|a|aux)\b")
_PRESENCE_NAMED_PLACE = re.compile(
    r"(?i:si[èe]ge(?:\s+social)?|[ée]tablissements?(?:\s+secondaires?)?|agences?|antennes?|d[ée]p[ôo]ts?|bureaux?|"
    r"implantations?|locaux|local|ateliers?|succursales?|entrep[ôo]ts?)"
    r"\s+(?i:dans\s+l[ea]\s+|dans\s+l['’]\s*|dans\s+|en\s+|à\s+|a\s+|sur\s+l[ea]\s+|sur\s+|au\s+)"
    r"([A-ZÀ-Ý][a-zà-ÿ][\w\-’']*)"
)

# People of a named place (« les jeunes de Voiron »), refused with a strong reservation word.
_PEOPLE_NAMED_PLACE = re.compile(
    r"(?i:jeunes|personnes|publics?|demandeurs d['’]emploi|ch[ôo]meurs|salari[ée]s|candidats|femmes|seniors|"
    r"familles|gens|travailleurs|b[ée]n[ée]ficiaires|allocataires)"
    # the benefit may come between (« allocataires du RSA de l'Isère »): the RSA is paid where one lives
    r"(?:\s+(?i:du|au)\s+RSA)?"
    r"\s+(?i:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)"
    r"([A-ZÀ-Ý][a-zà-ÿ][\w\-’']*)"
)

# People named by where they live (« les jeunes de la commune »): refused only with a
# strong reservation or hiring word, since « les personnes du Département » may
# simply be its staff.
_PEOPLE_OF_PLACE = re.compile(
    # singular or plural: « au moins un jeune de la commune » names one resident as much as « des jeunes »
    rf"\b(?:jeunes?|personnes?|publics?|demandeurs? d emploi|chomeurs?|salaries?|candidats?|femmes?|seniors?|"
    rf"familles|gens|population|travailleurs?|beneficiaires?|allocataires?)"
    rf"(?:\s+handicapes|\s+en insertion|\s+(?:du|au) rsa|\s+allocataires du rsa|\s+eligibles)?\s+"
    rf"(?:de la |de l |du |des |de |d ){_PLACE}\b"
    rf"|\b(?:apprentis|stagiaires|eleves|lyceens)\s+(?:\w+\s+){{0,3}}?(?:de la |de l |du |de notre ){_PLACE}\b"
)
# One hire supposed, the person described by where they come from (« si l'entreprise embauche en CDI un jeune du
# quartier qui était au RSA, on compte… ? »): a case put, not people the clause would require.
_ONE_HIRE_SUPPOSED = re.compile(
    r"\bsi (?:\w+ ){0,3}?(?:embauche|recrute|prend|a embauche|a recrute|a pris)\s+(?:en (?:cdi|cdd|interim) )?(?:un|une)\s*$"
)
_STRONG_CONTEXT = re.compile(
    r"\b(?:reserv\w*|priorit\w*|exclusi\w*|uniquement|seulement|seul|seule|seuls|seules|embauch\w*|recrut\w*|"
    r"favoris\w*|privilegi\w*|impos\w*|exig\w*|obligatoire\w*|que des|bonus|points?|emploient|employant|"
    # a quota or an order of precedence among people (« un quota de gens du quartier », « d'abord aux habitants »)
    r"quotas?|d abord|avant tout|en premier lieu|"
    # a condition d'exécution binds the holder: the people it names are the ones it requires
    r"conditions? d execution|"
    # « (je veux que) les heures soient faites par des gens du Trièves »: who must do the hours
    r"(?:faites|faits|realisees|realises|effectuees|effectues|assurees|assures|tenues|tenus|occupees|occupes) par|"
    # excluding the people of another place (« des jeunes du coin, pas ceux de Grenoble »)
    r"plutot que|au lieu (?:de|des)|(?:et|mais) pas|pas (?:de|des|les) gens|"
    # who the people of the clause must be (« pour que les bénéficiaires soient des gens du coin »)
    r"(?:soient|seront|devront etre|doivent etre) (?:tous |toutes |exclusivement |uniquement )?(?:des|les)|"
    r"(?:heures|postes|embauches|places|emplois) (?:\w+ ){0,3}?(?:pour|aux))\b"
)

# Capitalised words after « de » that name an institution or a country, not a local area.
_INSTITUTIONS = {"france", "travail", "etat", "europe", "insertion", "emploi"}

# Words that name an institution rather than a place: « résidents de l'Ehpad ».
_NOT_A_PLACE = {"ehpad", "etablissement", "foyer", "residence", "maison", "centre", "structure", "siae", "iae"}

# Demonyms: « réservé aux Isérois », « priorité aux Grenoblois ».
_DEMONYM = re.compile(r"\b(?:iserois|iseroises|grenoblois|grenobloises|locaux|locales?)\b")

# Phrases that are a local preference whatever the sentence around them.
_LOCAL_PREFERENCE = re.compile(
    r"\b(?:embauches? locales?|recrutements? locaux|recrutement local|main d oeuvre locale|"
    r"preference (?:locale|communale|departementale|regionale|territoriale|geographique)|"
    r"salaries locaux|personnes locales|publics? locaux|demandeurs d emploi locaux|"
    r"chomeurs locaux|jeunes locaux|travailleurs locaux|candidats locaux|"
    r"habitants locaux|population locale|emploi local)\b"
)

# Firms tied to a place: only a reservation or preference is refused (« les SIAE
# du département » used descriptively is fine).
_LOCAL_FIRMS = re.compile(
    rf"\b(?:entreprises?|societes?|prestataires?|fournisseurs?|artisans?|titulaires?|candidats?|"
    # « la boîte du village »: the everyday word for a firm
    rf"soumissionnaires?|pme|tpe|boites?|structures?|siae|esat|ea|associations?|operateurs?|"
    # suppliers of food and goods (« producteurs isérois », « maraîchers du coin »)
    rf"producteurs?|agriculteurs?|maraichers?|eleveurs?|commercants?)\s+"
    # a kind of structure may come between (« entreprises adaptées de l'Isère »)
    rf"(?:(?:adaptees?|d insertion|inclusives?|protegees?|sociales?|solidaires?)\s+)?"
    rf"(?:(?:locales?|locaux|iserois|iseroises?|grenoblois|grenobloises?|du coin)\b|"
    # masculine or feminine (« artisans installés », « entreprises installées »)
    rf"(?:implantee?s?|installee?s?|situee?s?|etablie?s?|basee?s?|domiciliee?s?|"
    rf"(?:ayant|qui ont|qui a|avec) (?:leur|son|un) (?:siege|etablissement)(?: social)?|"
    rf"dont (?:le|leur|son) (?:siege|etablissement)(?: social)? (?:est|se trouve|se situe))"
    rf"(?:\s+\w+){{0,3}}?\s+{_PLACE}\b|"
    rf"(?:de la |du |de l |de |d ){_PLACE}\b)"
)

# A market reserved to a kind of inclusive structure (L2113-12 to L2113-15): the reservation the law allows.
_RESERVED_TO_INCLUSIVE = re.compile(
    r"\breserv\w*\s+(?:aux?|a la|a l|a des|a une|a un)\s+(?:seul\w*\s+)?(?:esat|ea|siae|ei|aci|etti|ess|structures?|"
    r"entreprises? adaptees?|entreprises? d insertion|travailleurs handicapes|operateurs? economiques? de l ess)\b"
)

# The adjectives of a firm that say « from around here » without naming a place.
_LOCAL_ADJECTIVES = frozenset(
    {
        "locales",
        "locaux",
        "locale",
        "local",
        "iserois",
        "iseroise",
        "iseroises",
        "grenoblois",
        "grenobloise",
        "grenobloises",
    }
)
# A firm noun right before a demonym (« producteurs isérois »): the firms of a place, not its residents.
_FIRM_NOUN_BEFORE = re.compile(
    r"\b(?:entreprises?|societes?|prestataires?|fournisseurs?|artisans?|pme|tpe|producteurs?|agriculteurs?|"
    r"maraichers?|eleveurs?|commercants?)\s*$"
)

# Words turning a mention of firms of a place into a preference for them.
_FIRM_CONTEXT = re.compile(
    r"\b(?:reserv\w*|priorit\w*|exclusi\w*|uniquement|seulement|favoris\w*|privilegi\w*|preferen\w*|"
    r"attribu\w*|choisi\w*|retenu\w*|impos\w*|exig\w*|obligatoire\w*|bonus|avantag\w*|limit\w*|"
    r"restrei\w*|que des|aux seul\w*|seules?|seuls?|points?|notation|ponder\w*)\b"
)

# Words showing that the sentence asks for a reservation, a priority or a hiring
# condition (as opposed to describing a place).
_REQUIREMENT_CONTEXT = re.compile(
    r"\b(?:reserv\w*|priorit\w*|exclusi\w*|uniquement|seulement|oblig\w*|impos\w*|exig\w*|que des|que les|"
    r"condition\w*|favoris\w*|privilegi\w*|preferen\w*|embauch\w*|recrut\w*|emploi\w*|postes?|cdi|"
    r"heures?|publics?|personnes?|personnel|salaries?|candidats?|beneficiaires?|travailleurs?|"
    r"main d oeuvre|doivent|doit|devront|devra|parmi|attribu\w*|choisi\w*|retenu\w*|"
    r"critere\w*|points?|bonus|avantag\w*|cibl\w*|vise|visent|viser|destin\w*|limit\w*|restrei\w*|"
    r"quotas?|d abord|avant tout|en premier lieu)\b"
)

_NATIONALITY = re.compile(
    r"\b(?:de nationalite \w+|nationalite (?:francaise|europeenne|etrangere)|"
    r"(?:condition|critere|exigence|preuve|justificatif) de nationalite|nationalite (?:exigee|requise|obligatoire)|"
    r"(?:salaries|travailleurs|personnes|candidats|ouvriers|employes|main d oeuvre|publics|jeunes|"
    r"demandeurs d emploi|citoyens|ressortissants|beneficiaires)\s+(?:de nationalite\s+)?"
    r"(?:francais(?:es)?|europeen(?:ne)?s|de l ue|de l union europeenne|nationaux|etrangers?)|"
    r"(?:uniquement|seulement|exclusivement|reserve(?:e)?s? aux|que des|priorite aux|reserver aux)\s+"
    r"(?:les\s+|des\s+)?(?:francais(?:es)?|ressortissants francais|citoyens francais|europeens|nationaux)|"
    r"(?:pas d|aucun|exclure les|exclusion des|sauf les|hors les|hors) etrangers?|"
    r"(?:ne|n) (?:pas|aucun) (?:embaucher|recruter) (?:d |des |les )?etrangers?|"
    r"fabrique\w* en france|made in france|origine francaise|fabrication francaise|produits? francais)\b"
)

_ROUTE = (
    r"(?:cdi|contrats? a duree indeterminee|embauche directe|embauches directes|embauche|recrutement direct|"
    r"(?:embaucher|embauche|embauchent|recruter|recrute|recrutent) (?:directement|en direct)|"
    r"apprentis|stagiaires|"
    r"interim d insertion|interim|mise a disposition|etti|geiq|sous traitance|co traitance|cotraitance|"
    r"apprentissage|alternance|contrats? de professionnalisation|contrats? de chantier|cdd)"
)

_RESTRICTIVE = (
    r"(?:uniquement|exclusivement|obligatoirement|seulement|imperativement|necessairement|"
    r"exclusive|exclusif|seule|seul|seules|seuls|ne \w+ que|n \w+ que|que des|que par|obligation|"
    r"impose|imposer|imposee|imposes|exige|exiger|exigee|exiges|oblige|obliger)"
)

_SINGLE_ROUTE_BEFORE = re.compile(
    rf"\b{_RESTRICTIVE}\b(?:\s+\w+){{0,6}}?\s+(?:en |par |via |d |l |le |la |un |une |des )?{_ROUTE}\b"
)
# An obligation to hire on one contract type (« le titulaire doit embaucher en CDI deux personnes »).
_CONTRACT_OBLIGATION = re.compile(
    r"\b(?:doit|doivent|devra|devront)\s+(?:\w+\s+){0,2}?(?:embaucher|recruter|employer|signer|proposer|garder)\s+"
    r"(?:\w+\s+){0,4}?en\s+(?:cdi|contrats? a duree indeterminee)\b"
    # the same obligation as a wish on the holder (« je veux que l'attributaire du lot embauche en CDI … »)
    r"|\b(?:veux|voudrais|voulons|souhaite|souhaitons|exige|exigeons|exiger|impose|imposons|imposer|faut)\s+qu\s*(?:e\s+)?"
    r"(?:l |le |la |les |chaque |notre )?(?:titulaire|attributaire|entreprise|prestataire|candidat|laureat)s?\b(?:\s+\w+){0,8}?\s+"
    r"(?:embauche|embauchent|recrute|recrutent|emploie|emploient|garde|gardent|signe|signent)\s+"
    r"(?:\w+\s+){0,4}?en\s+(?:cdi|contrats? a duree indeterminee)\b"
    # the contract required of the people themselves (« exiger dans le DCE que les chauffeurs soient en CDI »)
    r"|\b(?:exig\w*|impos\w*|oblige|obliger|obligent|obligera)\b(?:\s+\w+){0,10}?\s+(?:soient|soit|seront|sera)\s+(?:\w+\s+){0,2}?"
    r"en\s+(?:cdi|contrats? a duree indeterminee)\b"
)
# Hiring itself imposed on the holder (« imposer aux agriculteurs d'embaucher un bénéficiaire du RSA », « obliger le
# titulaire à recruter deux personnes ») : the clause sets hours, the holder chooses how to reach them. A person told
# they must hire (« je suis obligé d'embaucher ? ») names nobody between the verb and the hiring, so is not read here.
_HIRING_IMPOSED = re.compile(
    r"\b(?:imposer|impose|imposent|exiger|exige|exigent)\s+(?:a |aux |au )(?:\w+\s+){0,5}?d\s+(?:embaucher|recruter)\b"
    r"|\b(?:obliger|oblige|obligent|obligera|contraindre)\s+(?:l |le |la |les |nos |ses |chaque |tous les |toutes les )"
    r"(?:\w+\s+){0,5}?a\s+(?:embaucher|recruter)\b"
    # a public put first (« embaucher des femmes en priorité ») asks who the hours go to, not how they are done
    r"(?!(?:\s+\w+){0,6}?\s+(?:en priorite|prioritairement|de preference|plutot))"
)
_SINGLE_ROUTE_AFTER = re.compile(
    rf"\b{_ROUTE}\s+(?:\w+\s+){{0,2}}?(?:obligatoires?|imposes?|imposees?|exiges?|exigees?|exclusivement|uniquement|seulement)\b"
)
_NEGATION = re.compile(r"\b(?:pas|sans|ni|non|aucun|aucune|jamais|plus)\b")
# Imposing one named structure (« obliger l'entreprise à passer par l'ETTI de Grenoble »,
# « sous-traiter obligatoirement à une SIAE du Grésivaudan », « l'ETTI locale »).
_STRUCTURE = (
    r"(?:etti|siae|geiq|esat|ea|ei|aci|ai|association intermediaire|entreprises? d insertion|entreprises? adaptees?|structure|"
    # a Territoires zéro chômeur employer (« exclusivement avec notre EBE »), a second-chance school, an EPIDE
    r"ebe|entreprises? a but d emploi|e2c|ecoles? de la (?:deuxieme|2e) chance|epide|"
    # an ACI or a régie named in words (« le chantier d'insertion de notre vallée »)
    r"(?:ateliers? )?chantiers? d insertion|regies? de quartier|"
    # any one channel of recruitment: an agency, an office, a service, a prescriber named as the only way
    r"(?:maisons?|agences?|services?|antennes?|bureaux?|guichets?|points?|offices?|cabinets?|associations?|"
    r"plateformes?)(?: \w+){0,3}?|pole emploi|france travail|mission locale|plie|cap emploi)"
)
# The holder of a concession or a public service delegation: bound by the same freedom of means as a contract's holder.
_CONCESSION_HOLDER = r"(?:concessionnaires?|delegataires?|exploitants?|fermiers?)"
# Handing part of the work over to the structure, in any tense, the work named in between
# (« que le titulaire sous-traite les bordures et les espaces verts à l'ESAT … »).
_HAND_OVER = (
    r"(?:sous trait\w*|confier|confie|confient|confiera)(?:\s+\w+%?){0,8}? a"  # « sous-traiter 30% du marché à »
)
_NAMED_STRUCTURE = re.compile(
    rf"\b{_RESTRICTIVE}\b(?:\s+\w+){{0,8}}?\s+(?:passer par|recourir a|travailler avec|{_HAND_OVER}|"
    rf"faire appel a|recruter (?:\w+ ){{0,3}}?(?:par|via|aupres d\w*|a travers))\s+"
    rf"(?:l |la |le |les |une |un |des |du |notre |nos |ses |leurs? |cette |celle )?{_STRUCTURE}\b"
    rf"|\b(?:titulaires?|entreprises?|candidats?|prestataires?|attributaires?|soumissionnaires?|{_CONCESSION_HOLDER})"
    rf"\s+(?:\w+\s+){{0,2}}?"
    rf"(?:doivent|doit|devront|devra)\s+(?:\w+\s+){{0,2}}?(?:(?:passer|recruter|acheter|s approvisionner|se fournir)\s+"
    rf"(?:\w+\s+){{0,3}}?(?:par|via|aupres d\w*|chez)|faire appel a|recourir a|{_HAND_OVER})\s+"
    rf"(?:l |la |le |les |des |du |un |une |notre |nos |ses |leurs? |cette )?"
    rf"{_STRUCTURE}\b"
    # the work itself required to be done by such a structure (« exiger que le nettoyage soit fait par une EA »)
    rf"|\b(?:impos\w*|exig\w*|oblig\w*)\b(?:\s+\w+){{0,10}}?\s+(?:soit|soient|sera|seront)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:fait|faite|faits|faites|realise\w*|assure\w*|effectue\w*|execute\w*|confie\w*|tenue?s?)\s+"
    rf"(?:\w+\s+){{0,2}}?par\s+(?:l |la |le |les |une |un |des |du )?{_STRUCTURE}\b"
    # the channel named after the restriction (« recruter ses personnes en insertion seulement via la plateforme de… »)
    rf"|\b(?:recrut\w*|embauch\w*|pass(?:er|ent|e|era|eront))\b(?:\s+\w+){{0,8}}?\s+{_RESTRICTIVE}\s+"
    rf"(?:par|via|aupres d\w*|a travers|par l intermediaire d\w*|par le biais d\w*)\s+"
    rf"(?:l |la |le |les |notre |nos |leur |cette |du |de la |des )?{_STRUCTURE}\b"
    # the only partner named right after the restriction (« faire ses heures exclusivement avec notre EBE »)
    rf"|\b(?:exclusivement|uniquement|seulement|obligatoirement|imperativement)\s+(?:avec|par|via|chez|aupres d\w*)\s+"
    rf"(?:notre |nos |leur |leurs |cette |ce |ces ){_STRUCTURE}\b"
    rf"|\b(?:l |la |le |cette ){_STRUCTURE}\s+(?:locale?|du coin|de \w+|d \w+|qu on connait|que je connais|precise)\b"
    rf"(?=.*\b(?:{_RESTRICTIVE}|doit|doivent|devra|passer par)\b)"
)

# A structure written into the contract as the holder's partner or operator, or the people of one structure's
# caseload as the only publics: the same imposed structure in other words (« écrire que le titulaire travaillera
# avec notre ACI partenaire », « la désigner dans le CCAP comme opérateur des heures », « limiter les publics aux
# personnes suivies par le CCAS de la commune », « aux seuls jeunes inscrits à la mission locale de Vienne »).
_STRUCTURE_OF = r"(?:la |le |l |notre |nos |leur |leurs |cette |ce |ces )"
_DESIGNATED_STRUCTURE = re.compile(
    rf"\b(?:titulaires?|entreprises?|attributaires?|prestataires?|laureats?|{_CONCESSION_HOLDER})\s+(?:\w+\s+){{0,2}}?"
    rf"(?:travaillera|travailleront|passera|passeront|fera appel|feront appel|recourra|recourront|devra travailler|"
    rf"devront travailler|sous traitera|sous traiteront|confiera|confieront)\s+(?:\w+\s+){{0,4}}?"
    rf"(?:avec|par|a|aupres d\w*)\s+{_STRUCTURE_OF}{_STRUCTURE}\b"
    # the people of one structure required of the holder (« l'entreprise doit prendre au moins 2 stagiaires E2C »)
    rf"|\b(?:doit|doivent|devra|devront)\s+(?:prendre|accueillir|embaucher|recruter|employer)\s+(?:\w+\s+){{0,4}}?"
    rf"(?:stagiaires?|jeunes|personnes|salaries|eleves|apprentis)\s+(?:de l |de la |du |des |de |d )?"
    rf"(?:notre |nos |cette |ce )?{_STRUCTURE}\b"
    rf"|\b(?:design\w*|nomm\w*|impos\w*)\s+(?:\w+\s+){{0,5}}?comme\s+(?:l |le |la |notre |les |son |leur )?"
    rf"(?:seule?s? |unique )?(?:operateur|prestataire|partenaire|structure|porteur)s?\s+(?:\w+\s+){{0,2}}?"
    rf"(?:des heures|pour (?:les |faire les |realiser les )?heures|d insertion)"
    # the people required to be registered with or known to one local structure (« devront être inscrites à l'agence
    # France Travail de Voiron », « connus de notre CCAS »): its local caseload as the publics
    rf"|\b(?:doivent|devront|doit|devra|soient|seront)\s+(?:etre\s+)?(?:tous\s+|toutes\s+)?(?:inscrit\w*|suivi\w*|orient\w*|"
    rf"connu\w*|accompagne\w*|envoye\w*|propose\w*)\s+(?:a|par|de|du|aupres d\w*)\s+"
    rf"(?:(?:notre |nos |cette |ce ){_STRUCTURE}|(?:la |le |l |les )?(?:{_STRUCTURE}|ccas)\s+(?:de la|de l|du|de|d|des)\s+\w+)"
    rf"|\b(?:limit\w*|reserv\w*|restrei\w*|uniquement|exclusivement|seul\w*)\s+(?:\w+\s+){{0,8}}?"
    rf"(?:suivi\w*|inscrit\w*|accompagne\w*|orient\w*|propose\w*|envoye\w*|adresse\w*)\s+(?:par|a|aupres d\w*)\s+"
    rf"{_STRUCTURE_OF}(?:{_STRUCTURE}|ccas|centre communal d action sociale)\b"
)
# Written to leave the holder free (« avec la SIAE de son choix »): no structure is imposed.
_FREE_CHOICE = re.compile(
    r"\b(?:de son choix|de leur choix|qu il (?:choisi\w*|veut|souhaite)|librement|s il le souhaite|par exemple)\b"
)
# The facilitator is the lawful single contact named in the DCE, not a structure imposed.
_FACILITATION = re.compile(r"\bfacilitat\w*\b")


def _find_designated_structure(sentence: str) -> str | None:
    match = _DESIGNATED_STRUCTURE.search(sentence)
    if match is None or _is_negated(sentence, match.start()):
        return None
    if _FREE_CHOICE.search(sentence) or _FACILITATION.search(match.group(0)):
        return None
    return match.group(0)


_VERB_NEGATED = re.compile(r"\w+\s+(?:pas|jamais|plus)\b")


def _is_negated(sentence: str, start: int) -> bool:
    """True when a negation word appears just before the match (« sans imposer le CDI »), or when the
    match opens on a verb the sentence negates around it (« je n'impose pas de passer par l'ETTI »)."""
    window = sentence[max(0, start - 25) : start]
    if _NEGATION.search(window):
        return True
    return (" " + sentence[:start]).endswith((" n ", " ne ")) and bool(_VERB_NEGATED.match(sentence, start))


def _words_before(sentence: str, match: re.Match[str], words: int) -> str:
    return " ".join(sentence[: match.start()].split()[-words:])


def _has_context_before(sentence: str, start: int, words: int = 10) -> bool:
    before = sentence[:start].split()[-words:]
    after = sentence[start:].split()[:14]
    return bool(_REQUIREMENT_CONTEXT.search(" ".join(before))) or bool(
        re.search(
            r"\b(?:doivent|doit|devront|devra|uniquement|exclusivement|seulement|prioritairement|obligatoirement|"
            r"en priorite|priorit\w*)\b",
            " ".join(after),
        )
    )


# Residents counted (« le nombre d'habitants QPV embauchés »): in a criterion, a residence preference.
_COUNTED = r"(?:nombre|part|taux|pourcentage|proportion|quota)"
_RESIDENTS_COUNTED = re.compile(rf"\b{_COUNTED}\s+(?:d |de |des )?{_RESIDENT_NOUN}\s+(?:\w+\s+){{0,2}}?{_PLACE}\b")


def _find_residence(sentence: str, *, strict: bool) -> str | None:
    match = _LOCAL_PREFERENCE.search(sentence)
    if match and not _is_negated(sentence, match.start()):
        return match.group(0)
    match = _LOCAL_HIRING.search(sentence)
    if match and not _is_negated(sentence, match.start()):
        return match.group(0)
    match = _RESIDING.search(sentence)
    if match and not _is_negated(sentence, match.start()) and (strict or _has_context_before(sentence, match.start())):
        return match.group(0)
    match = _RESIDING_DISTANCE.search(sentence)
    if match and (strict or _has_context_before(sentence, match.start())):
        return match.group(0)
    match = _RESIDENCE_PROXY.search(sentence)
    if match and not _is_negated(sentence, match.start()) and (strict or _has_context_before(sentence, match.start())):
        return match.group(0)
    match = _RESIDENT_PHRASE.search(sentence)
    # A strong requirement may stand further back in the same sentence: « impose que 30 % des heures de tous les
    # marchés de la commune soient faites par des habitants de la ville » puts its verb 17 words before the residents.
    if (
        match
        and not _is_negated(sentence, match.start())
        and (
            strict
            or _has_context_before(sentence, match.start())
            or _STRONG_CONTEXT.search(_words_before(sentence, match, 25))
        )
    ):
        return match.group(0)
    match = _RESIDENTS_COUNTED.search(sentence)  # « un critère : nombre d'habitants QPV embauchés »
    if match and not _is_negated(sentence, match.start()) and _CRITERION.search(sentence):
        return match.group(0)
    match = _PEOPLE_OF_PLACE.search(sentence)
    if match and not _is_negated(sentence, match.start()):
        before = " ".join(sentence[: match.start()].split()[-12:])
        if strict or (_STRONG_CONTEXT.search(before) and not _ONE_HIRE_SUPPOSED.search(before)):
            return match.group(0)
    match = _LOCAL_FIRMS.search(sentence)
    if match and not _is_negated(sentence, match.start()):
        # a market reserved to inclusive structures is no preference for the local firms the sentence names
        # (« un marché réservé aux ESAT, ça veut dire que les PME du coin ne peuvent pas répondre ? »)
        before = _RESERVED_TO_INCLUSIVE.sub(" ", " ".join(sentence[: match.start()].split()[-12:]))
        # the preference may follow the place (« … situées dans le périmètre du Parc auront un bonus »)
        after = " ".join(sentence[match.end() :].split()[:7])
        # « entreprises locales » (« producteurs isérois ») needs the preference word somewhere in the sentence;
        # a firm tied to a named place needs it right around the phrase.
        is_local_adjective = match.group(0).split()[-1] in _LOCAL_ADJECTIVES
        if (
            _FIRM_CONTEXT.search(before)
            or _FIRM_CONTEXT.search(after)
            or (is_local_adjective and _FIRM_CONTEXT.search(_RESERVED_TO_INCLUSIVE.sub(" ", sentence)))
        ):
            return match.group(0)
    match = _DEMONYM.search(sentence)
    if match and match.group(0).startswith(("iserois", "grenoblois")):
        before = " ".join(sentence[: match.start()].split()[-4:])
        if _FIRM_NOUN_BEFORE.search(before):
            return None  # « les producteurs isérois »: firms of a place, refused above only with a preference word
        if _GOAL_OF_RESIDENTS.search(before):
            return None  # « la commande publique au service de l'emploi des Isérois »: a policy goal, no condition
        if re.search(r"\b(?:aux|les|des|reserv\w*|priorit\w*|uniquement|seulement|exclusivement|que)\b", before):
            return match.group(0)
    return None


# What the residents of a place gain, named as a policy's goal (« l'emploi des Isérois », « au service des
# Grenoblois »), not as people the clause reserves anything to.
_GOAL_OF_RESIDENTS = re.compile(
    r"\b(?:emploi|insertion|service|avenir|situation|besoins?|attentes?|interets?|quotidien|qualite de vie)\s+(?:des|les)\s*$"
)


def _find_named_place(original: str, *, strict: bool) -> str | None:
    for match in _RESIDENT_NAMED_PLACE.finditer(original):
        place = fold_words(match.group(1) or match.group(2))
        if place.split()[0] in _NOT_A_PLACE:
            continue
        folded_before = fold_words(original[: match.start()])
        if _NEGATED.search(fold_words(original[max(0, match.start() - 60) : match.end()])):
            continue
        if strict or _REQUIREMENT_CONTEXT.search(" ".join(folded_before.split()[-10:])):
            return fold_words(match.group(0))
    for match in _PEOPLE_NAMED_PLACE.finditer(original):
        place = fold_words(match.group(1))
        if place.split()[0] in _NOT_A_PLACE or place in {"france", "travail", "etat"}:
            continue  # « les jeunes de France Travail » names an institution, not a residence
        before = " ".join(fold_words(original[: match.start()]).split()[-8:])
        if strict or _STRONG_CONTEXT.search(before):
            return fold_words(match.group(0))
    return None


def _find_firm_named_place(original: str) -> str | None:
    """« Les entreprises doivent être installées dans le Trièves », « avoir un dépôt dans l'Oisans pour candidater »:
    a seat in a named place required."""
    matches = [
        *_FIRM_NAMED_PLACE.finditer(original),
        *_FIRM_OF_NAMED_PLACE.finditer(original),
        *_PRESENCE_NAMED_PLACE.finditer(original),
    ]
    for match in matches:
        place = fold_words(match.group(1))
        if place.split()[0] in _NOT_A_PLACE or place in _INSTITUTIONS:
            continue
        before = " ".join(fold_words(original[: match.start()]).split()[-10:])
        phrase = fold_words(match.group(0))
        if _NEGATED.search(before + " " + phrase):
            continue
        after = " ".join(fold_words(original[match.end() :]).split()[:4])
        if match.re is _FIRM_OF_NAMED_PLACE:  # « les artisans du Trièves ne répondront pas » only describes
            if _RESERVED_TO.search(" ".join(before.split()[-6:])) or _RESERVED_TO.search(after):
                return phrase
        elif match.re is _PRESENCE_NAMED_PLACE and _PRESENCE_ASKED.search(before):
            return phrase
        elif _FIRM_REQUIREMENT.search(before) or _FIRM_REQUIREMENT.search(phrase) or _FIRM_REQUIREMENT.search(after):
            return phrase
    return None


def _find_nationality(sentence: str) -> str | None:
    match = _NATIONALITY.search(sentence)
    if match and not _is_negated(sentence, match.start()):
        return match.group(0)
    return None


_CRITERION = re.compile(r"\b(?:critere|criteres|points?|notation|noter|note|jugement|bonus|ponder\w*)\b")
_FIRMS = re.compile(
    r"\b(?:entreprises?|societes?|candidats?|prestataires?|artisans?|siege|implantees?|pme|tpe|boites?|offres?)\b"
)


_LOCALITY = (
    r"(?:proximite\w*|implantation\w*|implante\w*|siege (?:social )?(?:en|dans|a|sur)\b[^.?!]{0,30}|"
    # being set up in the area, however old (« être installé dans la commune depuis 10 ans »)
    rf"(?:installe\w*|etablie?s?|basee?s?|situee?s?|present\w*) (?:dans|sur|en|a|au) (?:la |le |l |notre |leur |ce |cette )?{_PLACE}|"
    r"(?:entreprises?|artisans?|pme|tpe|boites?|societes?|prestataires?) (?:locales?|locaux|du coin|du secteur|du territoire|"
    r"de la commune|du village|du canton|du departement|iseroises?)|du coin|"
    # the way from the firm's premises to the site, scored (« la distance en km entre l'agence et le chantier »)
    r"(?:distances?|eloignement|kilometrage|temps de (?:trajet|route|deplacement))\s+(?:\w+\s+){0,6}?"
    r"(?:siege|agences?|depots?|etablissements?|implantations?|entreprises?|locaux|ateliers?)\b)"
)
# A distance or a seat required of the firms (« basées sur la commune ou à moins de 30 km »).
_FIRM_LOCATION = re.compile(
    rf"\b(?:basees?|implantees?|installees?|situees?|siege|entreprises?|candidats?|prestataires?)\b.{{0,60}}?"
    rf"\b(?:a moins de|dans un rayon de)\s+\d+\s*(?:km|kilometres?)\b"
    rf"|\b(?:doivent|devront|doit|devra|soient|soit|etre)\s+(?:etre\s+)?(?:basees?|implantees?|installees?|situees?|domiciliees?)"
    rf"\s+(?:sur|dans|en|a)\s+(?:le territoire de\s+)?(?:la |le |l |notre |leur )?{_PLACE}\b"
    # a seat or an agency required in the area (« doivent avoir leur siège dans le département »)
    rf"|\b(?:doivent|devront|doit|devra|aient|ait)\s+(?:avoir\s+|disposer d\s+)?(?:leur |son |sa |un |une )?"
    rf"(?:siege|etablissement|agence|implantation|depot)\s+(?:social\s+|permanente?\s+)?(?:sur|dans|en|a)\s+"
    rf"(?:le territoire de\s+)?(?:la |le |l |notre |leur )?{_PLACE}\b"
)
# Knowing or being rooted in the area required of the firms or scored (« on exige que le titulaire connaisse bien le
# territoire », « un critère d'ancrage local »): the local preference again, under another name.
_FIRM_ROOTS = re.compile(
    r"^(?=.*\b(?:titulaires?|entreprises?|candidats?|prestataires?|soumissionnaires?|offres?|attributaires?)\b)"
    r".*\b(?:exig\w*|impos\w*|demand\w* que|doivent|devront|doit|devra|conditions?|critere\w*|points?|bonus|not\w*)\b"
    r".{0,60}\b(?:connai\w*|connaissance|ancrage|ancre\w*|enracine\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:du |le |la |de la |de notre |notre |local|locale|territorial\w*)?\s*(?:territoire|secteur|tissu local|commune|quartier|"
    r"village|canton|vallee|local|territorial\w*)\b"
)
# A place of business in the area (« une agence locale », « un dépôt sur place », « un siège dans le département »),
# refused with a requirement around it (:func:`_find_firm_presence`).
_FIRM_PRESENCE = re.compile(
    rf"\b{_PRESENCE_VERB}\s+(?:d |de |un |une |leur |son |sa |ses |des |d un |d une |au moins un |au moins une )?"
    rf"{_PRESENCE_NOUN}\s+(?:(?:permanente?s?|commerciale?s?|commerciaux|techniques?|physiques?)\s+)?"
    rf"(?:locale?s?|locaux|sur place|de proximite|a proximite\b(?:\s+\w+){{0,3}}|"
    rf"(?:a moins de|dans un rayon de)\s+\d+\s*(?:km|kilometres?|minutes?)|"
    rf"(?:sur|dans|en|a|au)\s+(?:le territoire de\s+)?(?:la |le |l |notre |leur |ce |cette )?{_PLACE})\b"
    # the presence named first, the requirement after (« implantation locale obligatoire »)
    rf"|\b(?:implantation|siege|etablissement|agence|antenne|depot) (?:locale?|de proximite)\b"
)


def _find_firm_presence(sentence: str) -> str | None:
    """A place of business in the area required of the firms (« il faut avoir une agence dans la vallée pour
    candidater », « condition de candidature : une implantation locale »); « le titulaire devra intervenir sous
    4 h » is an execution requirement, not a presence, and never matches."""
    for match in _FIRM_PRESENCE.finditer(sentence):
        if _is_negated(sentence, match.start()):
            continue
        before = " ".join(sentence[: match.start()].split()[-10:])
        after = " ".join(sentence[match.end() :].split()[:6])
        if any(
            p.search(before) for p in (_FIRM_REQUIREMENT, _RESERVED_TO, _PRESENCE_ASKED)
        ) or _FIRM_REQUIREMENT.search(after):
            return match.group(0)
    return None


_PROXIMITY = re.compile(
    rf"\b(?:critere\w*|points?|bonus|note|notation|noter|jugement|ponder\w*)\b[^.?!]{{0,90}}?\b{_LOCALITY}"
    rf"|\b{_LOCALITY}[^.?!]{{0,60}}?\b(?:critere\w*|points?|bonus|notation|noter|jugement|ponder\w*)\b"
)


def _find_named_structure(sentence: str) -> str | None:
    match = _NAMED_STRUCTURE.search(sentence)
    if match and not _is_negated(sentence, match.start()):
        return match.group(0)
    return None


# « je n'ai trouvé que des GEIQ BTP », « il n'y a que des ETTI ici »: what exists, described, not a way imposed.
_FOUND_BEFORE = re.compile(
    r"\b(?:trouve|trouves|trouvons|vu|vois|voit|voyons|connais|connait|existe|existent|y a|ya|rencontre|repere)\s+$"
)


def _find_single_route(sentence: str) -> str | None:
    for pattern in (_SINGLE_ROUTE_BEFORE, _SINGLE_ROUTE_AFTER, _CONTRACT_OBLIGATION, _HIRING_IMPOSED):
        for match in pattern.finditer(sentence):
            if _NEGATION.search(match.group(0)) or _is_negated(sentence, match.start()):
                continue
            if _FOUND_BEFORE.search(sentence[: match.start()]):
                continue
            return match.group(0)
    return None


# What each sentence is searched for, in this order; a kind is searched until one sentence shows it. The flag is
# ``publics`` (:func:`check_request`).
_SENTENCE_FINDERS: tuple[tuple[RefusalKind, Callable[[str, bool], str | None]], ...] = (
    ("residence", lambda sentence, publics: _find_residence(sentence, strict=publics)),
    ("nationality", lambda sentence, _publics: _find_nationality(sentence)),
    ("single_route", lambda sentence, _publics: _find_single_route(sentence) or _find_named_structure(sentence)),
    ("imposed_structure", lambda sentence, _publics: _find_designated_structure(sentence)),
)


def _find_firm_place(text: str, folded: str) -> str | None:
    """Where the firms are required or scored to be (a named place, a location, roots in the area, a place of
    business), the first reading that finds one; ``folded`` is ``text`` folded, negated mentions removed."""
    named = _find_firm_named_place(text)
    if named:
        return named
    location = _FIRM_LOCATION.search(folded)
    if location and not _is_negated(folded, location.start()):
        return location.group(0)
    roots = _FIRM_ROOTS.search(folded)
    if roots and not _is_negated(folded, roots.start()):
        return roots.group(0)[-120:]
    return next((hit for sentence in _sentences(folded) if (hit := _find_firm_presence(sentence))), None)


def check_request(text: str, parts: RefusalParts, *, publics: bool = False) -> list[Refusal]:
    """Every unlawful requirement found in ``text``, refused in the words of ``parts`` (the prompts folder's
    ``refusals.yaml``); an empty list means the text may be used.

    ``publics=True`` marks a text that defines the people the clause targets: there,
    naming residents of a place is a condition by itself, whatever the verb.
    """
    if not text or not text.strip():
        return []
    folded = _NEGATED.sub(" ", fold_words(text))
    found: dict[RefusalKind, str] = {}
    for sentence in _sentences(folded):
        for kind, find in _SENTENCE_FINDERS:
            if kind not in found and (hit := find(sentence, publics)):
                found[kind] = hit
    if "residence" not in found:
        hit = _find_named_place(text, strict=publics)
        if hit:
            found["residence"] = hit
    if found.get("single_route") and _NAMED_STRUCTURE.search(folded + " doit"):
        found["imposed_structure"] = found.pop("single_route")
    # a criterion on local firms, or on the local people a firm hires (« nombre d'habitants QPV embauchés »): the
    # lawful criteria answer it, not the publics of a clause
    if (
        "residence" in found
        and _CRITERION.search(folded)
        and (_FIRMS.search(folded) or _RESIDENTS_COUNTED.search(folded))
    ):
        found["proximity"] = found.pop("residence")
    if "residence" not in found and "proximity" not in found:
        firm_place = _find_firm_place(text, folded)
        if firm_place is not None:
            found["proximity"] = firm_place
    if not found:
        proximity = _PROXIMITY.search(folded)
        if proximity and not _is_negated(folded, proximity.start()):
            found["proximity"] = proximity.group(0)
    return [legal_refusal(kind, parts, matched) for kind, matched in found.items()]


def legal_refusal(kind: RefusalKind, parts: RefusalParts, matched: str = "") -> Refusal:
    """The refusal of one legal guardrail (residence, nationality, imposed route…): its reason, its source, its
    lawful way and who can help, as ``parts`` (``<prompts_dir>/refusals.yaml``) give them; also for a decision
    taken elsewhere (the learned check of :mod:`assistant.unlawful`)."""
    guardrail = parts.of_guardrail(kind)
    return Refusal(
        kind=kind,
        matched=matched,
        reason=guardrail.reason,
        alternative=guardrail.alternative,
        basis=guardrail.basis,
        helpers=parts.who(guardrail.ask),
    )


def refusal_message(refusals: list[Refusal]) -> str:
    """One French message for a list of refusals, reason then alternative for each."""
    parts = [f"Demande refusée. {refusal.message()}" for refusal in refusals]
    return "\n".join(parts)


def ensure_allowed(text: str, parts: RefusalParts, *, field: str | None = None, publics: bool = False) -> None:
    """Raise :class:`RequestRefused` with the reason and the lawful alternative when ``text`` is refused."""
    refusals = check_request(text, parts, publics=publics)
    if refusals:
        raise RequestRefused(
            refusal_message(refusals),
            detail=f"guardrails: {[r.kind for r in refusals]} in field {field!r}: {[r.matched for r in refusals]}",
            field=field,
        )


def proportionality_warning(rate: float, threshold: float = 0.20) -> str | None:
    """French warning when the insertion rate exceeds the proportionality threshold.

    Callers pass the threshold of the sizing grid (``rates.disproportion_above``);
    the default mirrors the grid's published value for callers without a grid.
    """
    if rate > threshold:
        return (
            f"Taux d'insertion de {_percent(rate)} : au-delà de {_percent(threshold)} des heures "
            "travaillées, la clause risque d'être disproportionnée (capacité des entreprises et des "
            "structures d'insertion locales, principe de proportionnalité). Justifiez ce taux avec le "
            "facilitateur ou réduisez-le."
        )
    return None


def _percent(fraction: float) -> str:
    value = round(fraction * 100, 2)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"


# --- unlawful conduct (prompts/conduct.yaml) -----------------------------------------------


@dataclass(frozen=True)
class Quote:
    """A figure of the user's own message said back in the refusal, so that it answers their case
    (« seulement 90 h sur le chantier du marché » → « seules les 90 h faites sur le chantier du marché … »)."""

    pattern: re.Pattern[str]
    text: str  # ``{0}``, ``{1}``… are the pattern's groups

    def render(self, words: str) -> str | None:
        found = self.pattern.search(words)
        return self.text.format(*found.groups()) if found else None


@dataclass(frozen=True)
class ConductRule:
    """One unlawful conduct (fictitious hours, a blacklist, withheld payments…), refused with its lawful way."""

    id: str
    cues: Cues
    reason: str
    alternative: str
    yields_to: tuple[str, ...] = ()  # more precise rules: when one of them refuses, this one is silent
    quotes: tuple[Quote, ...] = ()
    # the ``unless`` names cases the law allows (an amount under the dispense threshold), not merely questions the
    # guides answer better: the learned check then defers to it as well
    unless_is_lawful: bool = False
    basis: str | None = None  # the source of the reason, when the reason itself cites none
    helpers: tuple[str, ...] = ()  # who can help take the lawful way, in French (prompts/refusals.yaml)
    # whether the learned check may let this rule's hit go as a lawful question; a rule whose hit is the unlawful
    # act itself (people excluded on a protected ground) is never cleared: its question gets the rule's « Non »
    clearable: bool = True

    def match(self, words: str) -> str | None:
        """The passage of ``words`` (a message through :func:`fold_words`) that shows this conduct."""
        found = self.cues.find(words)
        return found[-120:] if found else None

    def excuses(self, words: str) -> bool:
        """Whether ``words`` fall in a case this rule's ``unless`` declares lawful (``unless_is_lawful``): the learned
        check, which has seen the family's wishes and orders, then does not refuse it for this family either."""
        return self.unless_is_lawful and self.cues.unless is not None and self.cues.unless.search(words) is not None

    def reason_for(self, words: str) -> str:
        """The reason, followed by the first of the user's own figures this rule says back."""
        said = next((text for quote in self.quotes if (text := quote.render(words))), None)
        return f"{self.reason} {said}" if said else self.reason

    def refusal(self, words: str, matched: str = "") -> Refusal:
        """This rule's refusal of ``words`` (a message through :func:`fold_words`): every part of it."""
        return Refusal(
            kind="conduct",
            matched=matched,
            reason=self.reason_for(words),
            alternative=self.alternative,
            rule=self.id,
            basis=self.basis,
            helpers=self.helpers,
        )


def load_conduct_rules(path: Path) -> tuple[ConductRule, ...]:
    """The rules of a conduct file (``<prompts_dir>/conduct.yaml``), in the file's order; their
    ``concepts`` name the term lists of ``lexicons.yaml`` in the same folder, their ``ask`` the helpers of
    ``refusals.yaml`` there."""
    path = Path(path)
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    lexicons = load_lexicons(path.parent / "lexicons.yaml")
    parts = load_refusal_parts(path.parent / "refusals.yaml")
    return tuple(
        ConductRule(
            id=str(raw["id"]),
            cues=Cues.from_data(
                raw.get("signals"), raw.get("unless"), raw.get("concepts"), lexicons, raw.get("window")
            ),
            reason=" ".join(str(raw["reason"]).split()),
            alternative=" ".join(str(raw["alternative"]).split()),
            yields_to=tuple(str(rule_id) for rule_id in raw.get("yields_to") or ()),
            unless_is_lawful=bool(raw.get("unless_is_lawful", False)),
            clearable=bool(raw.get("clearable", True)),
            basis=" ".join(str(raw["basis"]).split()) if raw.get("basis") else None,
            helpers=parts.who(str(key) for key in raw.get("ask") or ()),
            quotes=tuple(
                Quote(re.compile(str(q["pattern"])), " ".join(str(q["text"]).split())) for q in raw.get("quote") or ()
            ),
        )
        for raw in data.get("rules") or []
    )


# A count of hours written short (« 7h », « 350 h », « 35hrs »), not a time of day (« 8h30 », « 8h-17h » keep their
# minutes or their range): the rules speak of « heures », so every way of writing them reaches the same verdict.
_SHORT_HOURS = re.compile(r"\b(\d+)\s?(?:h|hrs?)\b(?!\s?\d)(?!\s(?:a|et)\s\d+\s?h\b)")


# Quotation marks around a word the user stresses (« les gars sont "public prioritaire" »): the rules read the words.
_QUOTES = re.compile(r"\s*[\"“”«»]\s*")


def conduct_words(text: str) -> str:
    """The form the conduct rules read: :func:`fold_words`, quotation marks dropped, a count of hours written short
    spelled « N heures »."""
    words = _QUOTES.sub(" ", fold_words(text)).strip()
    return _SHORT_HOURS.sub(r"\1 heures", words)


def check_conduct(text: str, rules: tuple[ConductRule, ...]) -> list[Refusal]:
    """The unlawful conduct ``text`` asks about or for, first rule first; an empty list when none."""
    if not text or not text.strip():
        return []
    words = conduct_words(text)
    refusals: list[Refusal] = []
    for rule in rules:
        if any(refusal.rule in rule.yields_to for refusal in refusals):
            continue
        matched = rule.match(words)
        if matched:
            refusals.append(rule.refusal(words, matched))
    return refusals
