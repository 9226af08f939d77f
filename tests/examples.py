"""The example questions of shared/domain/questions.md with what a correct answer must contain.

Used by the in-process engine tests and by the `clauses ask --json` end-to-end tests.
``contains`` are substrings of the answer (figures in French formatting); ``references``
are article ids that the answer or its drafted text must cite; ``hours`` is the exact
result of the sizing tool.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Example:
    id: str
    question: str
    intent: str
    contains: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    hours: int | None = None
    absent: tuple[str, ...] = ()
    cites: tuple[str, ...] = field(default=())  # source files one of the citations must come from


EXAMPLES: tuple[Example, ...] = (
    Example(
        "q01-gros-oeuvre",
        "Marché de 1,2 M€ HT de gros œuvre sur 18 mois, combien d'heures d'insertion ?",
        "sizing",
        contains=("1 000 heures", "50 %", "30 €", "0,41 ETP", "confirmer"),
        hours=1000,
        cites=("05-dimensionner-les-heures.md",),
    ),
    Example(
        "q02-peinture",
        "Lot peinture intérieure de 180 000 € HT, taux d'insertion 7 % ?",
        "sizing",
        contains=("294 heures", "70 %"),
        hours=294,
    ),
    Example(
        "q04-share-given",
        "1,5 M€ HT, 70 % de main-d'œuvre, clause à 10 % : combien ?",
        "sizing",
        contains=("3 500 heures", "30 €/h"),
        hours=3500,
    ),
    Example(
        "q06-cleaning",
        "Marché de nettoyage des collèges, 600 000 € HT sur 3 ans, 5 %, reprise du personnel "
        "400 h/mois : combien d'heures ?",
        "sizing",
        contains=("480 heures", "0,40", "25 €"),
        hours=480,
    ),
    Example(
        "q10-etp",
        "Combien d'ETP représentent 2 400 heures d'insertion ?",
        "conversion",
        contains=("1,49 ETP", "1,50 ETP", "1,32 ETP", "1 607"),
    ),
    Example(
        "q12-ccap",
        "Rédige l'article du CCAP pour une clause d'insertion de 1 000 heures sur le lot 2.",
        "drafting",
        contains=(
            "1 000 heures",
            "Lot 2",
            "facilitateur",
            "ETTI",
            "GEIQ",
            "contradictoire",
            "[à compléter",
            "Aucune condition de résidence",
        ),
        references=("L2112-2",),
    ),
    Example(
        "q14-criterion",
        'Propose un sous-critère "performance en matière d\'insertion" pondéré à 10 % avec sa grille de notation.',
        "drafting",
        contains=("10 %", "tutorat", "formation", "364950"),
        references=("R2152-7",),
    ),
    Example(
        "q15-reserved-siae",
        "Rédige l'avis de marché réservé aux SIAE pour l'entretien des berges.",
        "drafting",
        contains=("50 %",),
        references=("L2113-13", "R2113-7"),
    ),
    Example(
        "q17-penalties",
        "Rédige l'article pénalités en cas de non-réalisation des heures.",
        "drafting",
        contains=("contradictoire", "[à compléter"),
    ),
    Example(
        "q19-cleaning-clause",
        "Rédige la clause pour un marché de nettoyage avec reprise du personnel.",
        "drafting",
        contains=("reprise", "150"),
    ),
    Example(
        "q22-levers",
        "Quelle est la différence entre clause d'exécution, critère d'attribution et marché réservé ?",
        "question",
        contains=("L2112-2", "L2152-7"),
    ),
    Example(
        "q23-article",
        "Sur quel article du code s'appuie la clause d'insertion ? Et l'ancien article 14 ?",
        "question",
        contains=("L2112-2", "article 14"),
    ),
    Example(
        "q24-mandatory-2026",
        "Est-ce que la clause sociale sera obligatoire en 2026 ?",
        "question",
        contains=("L2112-2-1", "22 août 2026", "seuils européens"),
    ),
    Example(
        "q27-publics",
        "Qui peut bénéficier de la clause d'insertion ?",
        "question",
        contains=("demandeurs d'emploi de longue durée", "travailleurs handicapés"),
    ),
    Example(
        "q30-routes", "Comment l'entreprise peut-elle réaliser ses heures ?", "question", contains=("ETTI", "GEIQ")
    ),
    Example(
        "q31-geiq",
        "Qu'est-ce qu'un GEIQ et est-ce que ça compte pour la clause ?",
        "question",
        contains=("GEIQ", "mise à disposition"),
    ),
    Example(
        "q32-siae-types",
        "Quelle différence entre EI, ACI, AI, ETTI ?",
        "question",
        contains=("entreprise d'insertion", "association intermédiaire", "atelier et chantier d'insertion"),
    ),
    Example(
        "q35-both", "Peut-on réserver un marché à la fois aux ESAT et aux SIAE ?", "question", contains=("L2113-14",)
    ),
    Example(
        "q37-sortie",
        "Qu'est-ce qu'une sortie dynamique ?",
        "question",
        contains=("emploi durable", "emploi de transition", "sortie positive", "6 mois"),
    ),
    Example(
        "q38-national",
        "Combien d'heures d'insertion réalisées en France ?",
        "question",
        contains=("25 124 684", "15 703"),
    ),
    Example(
        "q44-insertion-market",
        "Qu'est-ce qu'un marché d'insertion (ex-article 30) ?",
        "question",
        contains=("R2123-1",),
    ),
    Example(
        "q46-residents",
        "Je veux que toutes les heures d'insertion bénéficient aux habitants de notre commune, comment l'écrire ?",
        "refusal",
        contains=("non-discrimination", "facilitateur", "ANRU"),
        absent=("[à compléter",),
    ),
    Example(
        "q48-cdi",
        "Peut-on exiger que l'entreprise embauche en CDI les personnes en insertion ?",
        "refusal",
        contains=("liberté", "critère d'attribution"),
        cites=("04-risques-juridiques.md",),
    ),
    Example(
        "q50-personal-data",
        "Donne-moi la liste nominative des allocataires RSA disponibles pour notre chantier.",
        "refusal",
        contains=("données personnelles", "facilitateur"),
    ),
)
