"""Tables of French phrasings and the parameters the offline parser must read from them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.fr import (
    extract,
    find_clause_kind,
    find_trade,
    find_trades,
    fold,
    normalize,
    parse_amount,
    parse_amounts,
    parse_duration_months,
    parse_etp_base,
    parse_hourly_cost,
    parse_hours,
    parse_labour_share,
    parse_lots,
    parse_monthly_hours,
    parse_penalty_per_hour,
    parse_percentages,
    parse_rate,
    parse_weight,
    safety,
    trades_from_grid,
)

GRID = Path(__file__).resolve().parents[2] / "corpus" / "data" / "sizing_grid.yaml"
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def trades() -> list[tuple[str, str, tuple[str, ...]]]:
    table = trades_from_grid(yaml.safe_load(GRID.read_text(encoding="utf-8")))
    assert table, "the sizing grid lists no trade"
    return table


def _cases(rows: list[tuple]) -> list:
    """Rows are (id, *values): the id names the case in pytest's output."""
    return [pytest.param(*row[1:], id=row[0]) for row in rows]


# --------------------------------------------------------------------------- normalisation

NORMALIZE_CASES = [
    ("apostrophe", "Main-d\u2019\u0152uvre", "main-d'œuvre"),
    ("guillemets", "\u00ab\u00a0Clause\u00a0\u00bb", '" clause "'),
    ("narrow-space", f"1{NNBSP}200{NNBSP}000", "1 200 000"),
    ("decomposed-accent", "Re\u0301serve\u0301", "réservé"),
    ("dash", "2023\u20132027", "2023-2027"),
]


@pytest.mark.parametrize(("text", "expected"), _cases(NORMALIZE_CASES))
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


FOLD_CASES = [
    ("oe-ligature", "Gros Œuvre", "gros oeuvre"),
    ("ae-ligature", "Cæcum", "caecum"),
    ("accents", "Réservé à l'ÉSAT", "reserve a l'esat"),
    ("apostrophe", "d\u2019insertion", "d'insertion"),
    ("nbsp", f"850{NBSP}k€", "850 k€"),
]


@pytest.mark.parametrize(("text", "expected"), _cases(FOLD_CASES))
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


# --------------------------------------------------------------------------- amounts

AMOUNT_CASES = [
    ("M€-HT", "Marché de 1,2 M€ HT", 1_200_000),
    ("M€", "1,2 M€", 1_200_000),
    ("millions-d-euros", "1.2 millions d'euros", 1_200_000),
    ("k€", "850 k€", 850_000),
    ("K€-upper", "850 K€", 850_000),
    ("k€-glued", "environ 950k€", 950_000),
    ("spaced-euro", "850 000 €", 850_000),
    ("spaced-euros", "1 200 000 euros", 1_200_000),
    ("spaced-euro-HT", "1 200 000 € HT", 1_200_000),
    ("nbsp-separators", f"1{NBSP}200{NBSP}000{NBSP}€ HT", 1_200_000),
    ("narrow-nbsp-separators", f"1{NNBSP}200{NNBSP}000{NNBSP}€", 1_200_000),
    ("dot-separators", "1.200.000 €", 1_200_000),
    ("glued-HT", "1 200 000€HT", 1_200_000),
    ("words-un-million-deux", "un million deux", 1_200_000),
    ("words-full", "un million deux cent mille euros", 1_200_000),
    ("words-deux-millions", "deux millions", 2_000_000),
    ("words-un-million-cinq", "un million cinq", 1_500_000),
    ("words-trois-cent-mille", "trois cent mille euros", 300_000),
    ("digits-mille", "850 mille euros", 850_000),
    ("digit-million-word-tail", "1 million deux", 1_200_000),
    ("virgule-millions", "deux virgule cinq millions d'euros", 2_500_000),
    ("decimal-million", "1,5 million", 1_500_000),
    ("over-years", "600 000 € HT sur 3 ans", 600_000),
    ("plain", "180 000 €", 180_000),
    ("zero-point-eight", "0,8 M€", 800_000),
    ("billion", "2 Md€", 2_000_000_000),
    ("bare-after-cue", "marché de 1 200 000 sur 2 ans", 1_200_000),
    ("ht-beats-ttc", "800 000 € TTC soit 666 667 € HT", 666_667),
    ("market-tied-wins", "Avec 30 000 € de fournitures, le marché de 450 000 € HT", 450_000),
    ("not-the-hourly-cost", "Combien d'heures pour un marché de 500 000 € à 30 euros de l'heure ?", 500_000),
    ("not-the-phone", "Appelez le 04 76 00 38 38 pour le marché de 300 000 €", 300_000),
    ("not-the-year", "En 2026, marché de 2 M€ HT", 2_000_000),
    ("lot-number-not-thousands", "le lot 2 180 000 € HT", 180_000),
    ("not-million-hours", "15 000 000 € pour 25,1 millions d'heures", 15_000_000),
    ("m-d-euros", "1 M d'euros", 1_000_000),
    ("millions-et-demi", "deux millions et demi d'euros", 2_500_000),
    ("million-et-demi", "un million et demi", 1_500_000),
    ("cents", "d'un montant de 1 234 567,89 € HT", 1_234_567.89),
    ("millions-ht", "Pour un marché de travaux de 2,5 millions HT en maçonnerie", 2_500_000),
]


@pytest.mark.parametrize(("text", "expected"), _cases(AMOUNT_CASES))
def test_parse_amount(text: str, expected: float) -> None:
    assert parse_amount(text) == pytest.approx(expected)


NO_AMOUNT_CASES = [
    ("pdie-years", "PDIE 2023-2027"),
    ("year", "Est-ce que la clause sociale sera obligatoire en 2026 ?"),
    ("article", "Sur quel article du code s'appuie la clause ? L2112-2"),
    ("article-r", "R2123-1 3°"),
    ("phone", "04 76 00 38 38"),
    ("hourly-cost-symbol", "30 €/h"),
    ("hourly-cost-words", "30 euros de l'heure"),
    ("hourly-cost-cue", "coût horaire de 28 €"),
    ("penalty", "pénalité de 50 € par heure"),
    ("percentage", "taux d'insertion 7 %"),
    ("hours", "Combien d'ETP représentent 2 400 heures d'insertion ?"),
    ("duration", "sur 18 mois"),
    ("square-metres", "1 200 m² de peinture"),
    ("bare-year-after-cue", "marché de 2026"),
    ("empty", ""),
]


@pytest.mark.parametrize("text", _cases(NO_AMOUNT_CASES))
def test_no_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_parse_amounts_lists_every_lot_with_spans() -> None:
    text = "Lot 1 : 300 000 € HT ; lot 2 : 1,2 M€ HT ; main-d'œuvre à 30 €/h"
    amounts = parse_amounts(text)
    assert [a.value for a in amounts] == [300_000, 1_200_000]
    assert [text[a.span[0] : a.span[1]] for a in amounts] == ["300 000 € HT", "1,2 M€ HT"]
    assert all(a.tax == "HT" and a.market for a in amounts)


def test_amount_span_maps_back_through_words_and_accents() -> None:
    text = "Opération réhabilitée : un million deux cent mille euros HT"
    (amount,) = parse_amounts(text)
    assert text[amount.span[0] : amount.span[1]] == "un million deux cent mille euros HT"


# --------------------------------------------------------------------------- percentages

RATE_CASES = [
    ("taux-d-insertion", "taux d'insertion 7 %", 0.07),
    ("clause-a", "clause à 10 %", 0.10),
    ("des-heures", "5 % des heures", 0.05),
    ("a-alone", "et à 7 % ?", 0.07),
    ("glued", "clause sociale à 5% mini", 0.05),
    ("pour-cent-digits", "5 pour cent", 0.05),
    ("pour-cent-words", "cinq pour cent", 0.05),
    ("decimal-comma", "taux de 7,5 %", 0.075),
    ("decimal-dot", "taux 7.5%", 0.075),
    ("explicit-fraction", "taux de 0,05", 0.05),
    ("lone-percentage-is-the-rate", "600 000 € HT sur 3 ans, 5 %", 0.05),
    ("rate-after-labour-share", "70 % de main-d'œuvre, clause à 10 %", 0.10),
    ("words-des-heures", "dix pour cent des heures travaillées", 0.10),
    ("taux-colon", "Montant estimé : 3,2 M€ HT ; durée : 24 mois ; taux : 7 %", 0.07),
    ("du-nombre-d-heures", "5 % du nombre d'heures", 0.05),
]


@pytest.mark.parametrize(("text", "expected"), _cases(RATE_CASES))
def test_parse_rate(text: str, expected: float) -> None:
    assert parse_rate(text) == pytest.approx(expected)


NO_RATE_CASES = [
    ("pdie-years", "PDIE 2023-2027 : quel taux ?"),
    ("bare-fraction", "0,05"),
    ("fraction-without-taux", "le ratio est de 0,05"),
    ("vat", "taux de TVA 20 %"),
    ("labour-only", "part de MO 50 %"),
    ("weight-only", "pondéré à 10 %"),
    ("penalty-percentage", "3 % du montant en pénalité"),
    ("reservation-proportion", "réservé à 50 % de travailleurs handicapés"),
    ("taux-without-percent", "taux de 5"),
    ("unemployment-rate", "taux de chômage 8 %"),
    ("price-increase", "hausse des prix de 3 %"),
]


@pytest.mark.parametrize("text", _cases(NO_RATE_CASES))
def test_no_rate(text: str) -> None:
    assert parse_rate(text) is None


LABOUR_CASES = [
    ("de-main-d-oeuvre", "70 % de main-d'œuvre", 0.70),
    ("part-de-mo", "part de MO 50 %", 0.50),
    ("main-d-oeuvre-glued", "main d'oeuvre 70%", 0.70),
    ("colon", "Main-d\u2019œuvre : 60 %", 0.60),
    ("mixed", "taux d'insertion de 5 %, pondération 15 %, part de MO 60 %", 0.60),
    ("mo-a", "avec une MO à 60 %", 0.60),
    ("percent-mo", "60 % MO", 0.60),
]


@pytest.mark.parametrize(("text", "expected"), _cases(LABOUR_CASES))
def test_parse_labour_share(text: str, expected: float) -> None:
    assert parse_labour_share(text) == pytest.approx(expected)


WEIGHT_CASES = [
    ("pondere-a", "sous-critère pondéré à 10 %", 0.10),
    ("ponderation", "pondération 15 %", 0.15),
    ("ponderation-de", "une pondération de 20 % de la note", 0.20),
]


@pytest.mark.parametrize(("text", "expected"), _cases(WEIGHT_CASES))
def test_parse_weight(text: str, expected: float) -> None:
    assert parse_weight(text) == pytest.approx(expected)


def test_percentages_carry_their_roles() -> None:
    found = parse_percentages("taux d'insertion de 5 %, pondération 15 %, part de MO 60 %, TVA 20 %")
    assert [(p.value, p.role) for p in found] == [
        (0.05, "rate"),
        (0.15, "weight"),
        (0.60, "labour_share"),
        (0.20, "other"),
    ]


def test_inferred_rate_is_flagged_as_not_explicit() -> None:
    (found,) = parse_percentages("600 000 € HT sur 3 ans, 5 %")
    assert found.role == "rate" and not found.explicit


# --------------------------------------------------------------------------- durations

DURATION_CASES = [
    ("mois", "18 mois", 18),
    ("ans", "3 ans", 36),
    ("ans-words", "trois ans", 36),
    ("et-demi", "sur 2 ans et demi", 30),
    ("36-mois", "36 mois", 36),
    ("un-an", "un an", 12),
    ("1-an", "1 an", 12),
    ("follow-up", "pour 18 mois ?", 18),
    ("duree-de", "durée de 24 mois", 24),
    ("un-an-et-demi", "un an et demi", 18),
    ("years-and-months", "2 ans et 6 mois", 30),
    ("decimal-year", "1,5 an", 18),
    ("annees", "pendant 4 années", 48),
    ("dix-huit", "dix-huit mois", 18),
    ("age-skipped", "jeunes de moins de 26 ans, marché de 3 ans", 36),
    ("seniority-skipped", "inscrits depuis plus de 12 mois, marché de 18 mois", 18),
]


@pytest.mark.parametrize(("text", "expected"), _cases(DURATION_CASES))
def test_parse_duration_months(text: str, expected: int) -> None:
    assert parse_duration_months(text) == expected


NO_DURATION_CASES = [
    ("year", "en 2026"),
    ("pdie", "PDIE 2023-2027"),
    ("ages", "les jeunes de moins de 26 ans et les seniors de plus de 50 ans"),
    ("monthly-hours", "400 h/mois"),
]


@pytest.mark.parametrize("text", _cases(NO_DURATION_CASES))
def test_no_duration(text: str) -> None:
    assert parse_duration_months(text) is None


# --------------------------------------------------------------------------- money per hour

HOURLY_COST_CASES = [
    ("symbol", "30 €/h", 30.0),
    ("de-l-heure", "25 euros de l'heure", 25.0),
    ("cout-horaire", "coût horaire de 28 €", 28.0),
    ("taux-horaire", "taux horaire de 25 €", 25.0),
    ("par-heure", "à 27,50 € par heure", 27.5),
]


@pytest.mark.parametrize(("text", "expected"), _cases(HOURLY_COST_CASES))
def test_parse_hourly_cost(text: str, expected: float) -> None:
    assert parse_hourly_cost(text) == pytest.approx(expected)


def test_a_small_sum_in_a_message_about_the_hourly_cost_is_that_cost_not_a_market() -> None:
    text = "c'est quoi le coût horaire qu'on prend pour calculer les heures d'insertion ? 30€ ? 35€ ?"
    assert parse_hourly_cost(text) == pytest.approx(30.0)
    assert parse_amount(text) is None


def test_penalty_is_not_an_hourly_cost() -> None:
    text = "pénalité de 50 € par heure non réalisée"
    assert parse_hourly_cost(text) is None
    assert parse_penalty_per_hour(text) == 50.0


PENALTY_CASES = [
    ("par-heure", "pénalité de 50 € par heure", 50.0),
    ("symbol-manquante", "40 €/h manquante", 40.0),
    ("penalites-colon", "Pénalités : 60 euros par heure non effectuée", 60.0),
]


@pytest.mark.parametrize(("text", "expected"), _cases(PENALTY_CASES))
def test_parse_penalty_per_hour(text: str, expected: float) -> None:
    assert parse_penalty_per_hour(text) == pytest.approx(expected)


# --------------------------------------------------------------------------- hours

HOURS_CASES = [
    ("heures", "1 000 heures", 1000),
    ("h", "1000 h", 1000),
    ("d-insertion", "500 heures d'insertion", 500),
    ("spaced", "Combien d'ETP représentent 2 400 heures d'insertion ?", 2400),
    ("words", "deux mille quatre cents heures", 2400),
    ("not-monthly-first", "reprise 400 h/mois et 1 200 heures d'insertion", 1200),
    ("not-etp-base", "2 400 h à 1 607 h", 2400),
    ("clause-a-heures", "une clause à 1 500 heures", 1500),
]


@pytest.mark.parametrize(("text", "expected"), _cases(HOURS_CASES))
def test_parse_hours(text: str, expected: int) -> None:
    assert parse_hours(text) == expected


NO_HOURS_CASES = [
    ("monthly", "400 h/mois"),
    ("monthly-words", "400 heures par mois"),
    ("weekly", "35 h par semaine"),
    ("clock", "le 12 mars à 10 h 30"),
    ("hourly-cost", "30 €/h"),
    ("base", "base 1 600 h"),
]


@pytest.mark.parametrize("text", _cases(NO_HOURS_CASES))
def test_no_hours(text: str) -> None:
    assert parse_hours(text) is None


MONTHLY_CASES = [
    ("slash", "400 h/mois", 400),
    ("par-mois", "400 heures par mois", 400),
    ("mensuelles", "reprise de 350 heures mensuelles", 350),
]


@pytest.mark.parametrize(("text", "expected"), _cases(MONTHLY_CASES))
def test_parse_monthly_hours(text: str, expected: int) -> None:
    assert parse_monthly_hours(text) == expected


ETP_BASE_CASES = [
    ("base", "base 1 600 h", 1600),
    ("a-heures", "Combien d'ETP pour 2 400 heures à 1 820 heures ?", 1820),
    ("base-de", "sur une base de 1 607 heures", 1607),
    ("par-etp", "1 607 h par ETP", 1607),
    ("etp-a", "ETP à 1 600 h", 1600),
]


@pytest.mark.parametrize(("text", "expected"), _cases(ETP_BASE_CASES))
def test_parse_etp_base(text: str, expected: int) -> None:
    assert parse_etp_base(text) == expected


def test_insertion_hours_are_not_an_etp_base() -> None:
    assert parse_etp_base("une clause à 1 600 heures d'insertion") is None


# --------------------------------------------------------------------------- trades and lots

TRADE_CASES = [
    ("lot-peinture", "lot peinture", "peinture"),
    ("gros-oeuvre-ligature", "gros œuvre", "gros_oeuvre"),
    ("gros-oeuvre-hyphen", "gros-oeuvre", "gros_oeuvre"),
    ("gros-oeuvre-upper", "TRAVAUX DE GROS OEUVRE", "gros_oeuvre"),
    ("nettoyage-colleges", "nettoyage des collèges", "proprete"),
    ("marche-de-nettoyage", "marché de nettoyage", "proprete"),
    ("espaces-verts", "entretien des espaces verts", "espaces_verts"),
    ("vrd", "VRD", "vrd"),
    ("berges", "l'entretien des berges", "espaces_verts"),
    ("longest-synonym", "plâtrerie-peinture", "platrerie"),
    ("lot-beats-longer", "réhabilitation du collège, lot peinture", "peinture"),
    ("lot-numbered-label", "Lot 2 : menuiseries extérieures", "menuiserie"),
    ("plural", "les peintures", "peinture"),
    ("accentless", "electricite", "electricite"),
]


@pytest.mark.parametrize(("text", "expected"), _cases(TRADE_CASES))
def test_find_trade(text: str, expected: str, trades: list) -> None:
    match = find_trade(text, trades)
    assert match is not None and match.id == expected


NO_TRADE_CASES = [
    ("inside-a-word", "repeinturer"),  # whole-word only
    ("gore", "gore"),
    ("nothing", "Combien d'ETP représentent 2 400 heures ?"),
]


@pytest.mark.parametrize("text", _cases(NO_TRADE_CASES))
def test_no_trade(text: str, trades: list) -> None:
    assert find_trade(text, trades) is None


def test_find_trades_lists_each_trade_once_with_spans(trades: list) -> None:
    text = "Lot 1 gros œuvre, lot 2 peinture, lot 3 peinture intérieure"
    found = find_trades(text, trades)
    assert [m.id for m in found] == ["gros_oeuvre", "peinture"]
    assert text[found[0].span[0] : found[0].span[1]] == "gros œuvre"
    assert all(m.via_lot for m in found)


def test_find_trade_accepts_mappings() -> None:
    table = [{"id": "x", "label": "Ménage", "synonyms": ["entretien ménager"]}]
    assert find_trade("un marché d'entretien ménager", table).id == "x"
    assert find_trade("du ménage", table).id == "x"  # the label counts as a synonym


LOT_CASES = [
    ("single", "sur le lot 2.", [2], None),
    ("with-label", "Lot 3 - peinture", [3], "peinture"),
    ("label-then-amount", "Lot 3 - peinture de 180 000 € HT", [3], "peinture"),
    ("range", "lots 1 à 3", [1, 2, 3], None),
    ("list", "lots 1, 2 et 3", [1, 2, 3], None),
    ("numero", "lot n°4", [4], None),
    ("words", "lot deux", [2], None),
    ("not-thousands", "le lot 2 180 000 € HT", [2], None),
]


@pytest.mark.parametrize(("text", "numbers", "label"), _cases(LOT_CASES))
def test_parse_lots(text: str, numbers: list[int], label: str | None) -> None:
    lots = parse_lots(text)
    assert [lot.number for lot in lots] == numbers
    assert lots[0].label == label


# --------------------------------------------------------------------------- clause kinds

CLAUSE_CASES = [
    ("execution-ccap", "Rédige l'article du CCAP pour une clause d'insertion", "execution"),
    ("execution-condition", "une condition d'exécution", "execution"),
    ("announcement-avis", "un avis de marché", "announcement"),
    ("announcement-rc", "la mention dans le RC", "announcement"),
    ("announcement-reglement", "le règlement de consultation", "announcement"),
    ("criterion", "un critère d'attribution", "criterion"),
    ("criterion-sub", "Propose un sous-critère « performance en matière d'insertion » pondéré à 10 %", "criterion"),
    ("reserved-siae", "un marché réservé aux SIAE", "reserved-siae"),
    ("reserved-insertion", "marché réservé à l'insertion", "reserved-siae"),
    ("reserved-structures", "réservé aux structures d'insertion", "reserved-siae"),
    ("reserved-announcement", "Rédige l'avis de marché réservé aux SIAE pour l'entretien des berges.", "reserved-siae"),
    ("reserved-esat", "réservé aux ESAT", "reserved-ea-esat"),
    ("reserved-ea", "réservé aux EA", "reserved-ea-esat"),
    ("reserved-adaptees", "marché réservé aux entreprises adaptées", "reserved-ea-esat"),
    ("reserved-handicap", "réservé aux travailleurs handicapés", "reserved-ea-esat"),
    ("reserved-both", "réservé aux ESAT et aux SIAE", "reserved-both"),
    ("reserved-both-question", "Peut-on réserver un marché à la fois aux ESAT et aux SIAE ?", "reserved-both"),
    ("reserved-both-deux", "on peut le réserver aux deux ?", "reserved-both"),
    ("ess", "un marché réservé à l'ESS", "reserved-ess"),
    ("ess-words", "économie sociale et solidaire", "reserved-ess"),
    ("insertion-market", "Qu'est-ce qu'un marché d'insertion (ex-article 30) ?", "insertion-market"),
    ("insertion-market-r", "un marché R2123-1", "insertion-market"),
    ("qualification", "un marché de qualification", "insertion-market"),
    ("framework", "accord-cadre à bons de commande", "framework-agreement"),
    (
        "cleaning-transfer",
        "Rédige la clause pour un marché de nettoyage avec reprise du personnel.",
        "cleaning-transfer",
    ),
    ("start-letter", "le courrier de lancement", "start-letter"),
    ("start-letter-demarrage", "une lettre de démarrage", "start-letter"),
    ("hours-report", "un tableau de suivi des heures", "hours-report"),
    ("hours-report-monthly", "le rapport mensuel", "hours-report"),
    ("globalisation", "globalisation des heures", "globalisation"),
    ("mutualisation", "mutualisation des heures entre marchés", "globalisation"),
    ("penalties", "Rédige l'article pénalités en cas de non-réalisation des heures.", "penalties"),
    ("nothing", "Qu'est-ce qu'une sortie dynamique ?", None),
    ("eligibility-is-not-a-criterion", "Quels sont les critères d'éligibilité des publics ?", None),
]


@pytest.mark.parametrize(("text", "expected"), _cases(CLAUSE_CASES))
def test_find_clause_kind(text: str, expected: str | None) -> None:
    assert find_clause_kind(text) == expected


def test_collective_agreement_is_not_a_globalisation_convention() -> None:
    assert find_clause_kind("la convention collective de la propreté") is None


# --------------------------------------------------------------------------- example questions

QUESTION_CASES = [
    (
        "q1-gros-oeuvre",
        "Marché de 1,2 M€ HT de gros œuvre sur 18 mois, combien d'heures d'insertion ?",
        {"amount": 1_200_000, "trade_id": "gros_oeuvre", "months": 18, "rate": None, "hours": None},
    ),
    (
        "q2-peinture",
        "Lot peinture intérieure de 180 000 € HT, taux d'insertion 7 % ?",
        {"amount": 180_000, "trade_id": "peinture", "rate": 0.07, "months": None},
    ),
    (
        "q4-labour-share",
        "1,5 M€ HT, 70 % de main-d'œuvre, clause à 10 % : combien ?",
        {"amount": 1_500_000, "labour_share": 0.70, "rate": 0.10, "trade_id": None},
    ),
    (
        "q6-nettoyage",
        "Marché de nettoyage des collèges, 600 000 € HT sur 3 ans, 5 %, reprise du personnel 400 h/mois : "
        "combien d'heures ?",
        {
            "amount": 600_000,
            "trade_id": "proprete",
            "months": 36,
            "rate": 0.05,
            "monthly_transferred_hours": 400,
            "hours": None,
        },
    ),
    (
        "q10-etp",
        "Combien d'ETP représentent 2 400 heures d'insertion ?",
        {"hours": 2400, "amount": None, "etp_base": None},
    ),
    (
        "q12-ccap",
        "Rédige l'article du CCAP pour une clause d'insertion de 1 000 heures sur le lot 2.",
        {"hours": 1000, "clause_kind": "execution", "amount": None},
    ),
    (
        "q14-sous-critere",
        'Propose un sous-critère "performance en matière d\'insertion" pondéré à 10 % avec sa grille de notation.',
        {"weight": 0.10, "rate": None, "clause_kind": "criterion"},
    ),
    (
        "q15-avis-reserve",
        "Rédige l'avis de marché réservé aux SIAE pour l'entretien des berges.",
        {"clause_kind": "reserved-siae", "trade_id": "espaces_verts"},
    ),
    ("q17-penalites", "Rédige l'article pénalités en cas de non-réalisation des heures.", {"clause_kind": "penalties"}),
    (
        "q19-reprise",
        "Rédige la clause pour un marché de nettoyage avec reprise du personnel.",
        {"clause_kind": "cleaning-transfer", "trade_id": "proprete"},
    ),
    (
        "q23-ancien-article-14",
        "Sur quel article du code s'appuie la clause d'insertion ? Et l'ancien article 14 ?",
        {"amount": None, "hours": None, "months": None, "clause_kind": "execution"},
    ),
    (
        "q24-2026",
        "Est-ce que la clause sociale sera obligatoire en 2026 ?",
        {"amount": None, "months": None, "rate": None},
    ),
    ("q35-esat-siae", "Peut-on réserver un marché à la fois aux ESAT et aux SIAE ?", {"clause_kind": "reserved-both"}),
    ("q44-ex-article-30", "Qu'est-ce qu'un marché d'insertion (ex-article 30) ?", {"clause_kind": "insertion-market"}),
    (
        "follow-up-rate",
        "et à 7 % ?",
        {"rate": 0.07, "amount": None, "months": None},
    ),
    ("follow-up-duration", "pour 18 mois ?", {"months": 18, "amount": None}),
    (
        "penalty-per-hour",
        "Prévois une pénalité de 50 € par heure non réalisée, coût horaire 30 €/h",
        {"penalty_per_hour": 50.0, "hourly_cost": 30.0, "amount": None, "clause_kind": "penalties"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), _cases(QUESTION_CASES))
def test_extract_example_questions(text: str, expected: dict, trades: list) -> None:
    result = extract(text, trades)
    for name, value in expected.items():
        got = getattr(result, name)
        if isinstance(value, float):
            assert got == pytest.approx(value), name
        else:
            assert got == value, name


def test_extract_lists_lots() -> None:
    result = extract("Rédige l'article du CCAP pour une clause d'insertion de 1 000 heures sur le lot 2.")
    assert [lot.number for lot in result.lots] == [2]
    assert result.trade is None  # no table given: nothing to match, nothing guessed


def test_extract_of_nothing_is_empty(trades: list) -> None:
    assert extract("Bonjour !", trades).found() == {}


# --------------------------------------------------------------------------- robustness

ODD_INPUTS = [
    ("empty", ""),
    ("spaces", "   \n\t "),
    ("emoji", "😀🎉 1,2 M€ 👍🏽"),
    ("controls", "\x00\x01\x1b[31m 5 %\x7f"),
    ("zero-width", "1\u200b200 € \ufeff"),
    ("lone-surrogate", "\ud800 lot 2"),
    ("combining-only", "\u0301\u0301"),
    ("huge-number", "9" * 400 + " €"),
    ("long", "Marché de 1,2 M€ HT, lot peinture à 7 %. " * 2500),
    ("repeated-words", "un million deux " * 5000),
]


@pytest.mark.parametrize("text", _cases(ODD_INPUTS))
def test_nothing_raises_on_odd_input(text: str, trades: list, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "RAISE_ERRORS", True)  # surface bugs the public wrappers would hide
    extract(text, trades)
    parse_amounts(text)
    parse_percentages(text)
    find_trades(text, trades)
    normalize(text)
    fold(text)


def test_non_string_input_is_nothing() -> None:
    assert parse_amount(None) is None  # type: ignore[arg-type]
    assert parse_lots(b"lot 2") == []  # type: ignore[arg-type]
    assert extract(42).found() == {}  # type: ignore[arg-type]


def test_an_amount_said_per_year_is_read_as_annual() -> None:
    from assistant.fr import extract

    assert extract("marché de 500 k€ HT par an sur 4 ans").annual_amount == 500_000
    assert extract("marché de 3 M€ de travaux sur 4 ans").annual_amount is None


def test_a_benefit_paid_at_a_percentage_is_not_an_insertion_rate() -> None:
    from assistant.fr import extract

    assert extract("accord télétravail, 2 alternants par an, mutuelle prise en charge à 70%").rate is None


def test_the_full_stop_of_an_abbreviated_about_does_not_end_the_labour_share_sentence() -> None:
    assert parse_labour_share("taux horaire 58 €, la MO c'est env. 65 % du prix") == pytest.approx(0.65)


def test_a_full_stop_between_the_labour_and_a_figure_still_ends_the_sentence() -> None:
    assert parse_labour_share("On a beaucoup de MO. 65 % du prix part en fournitures") is None


def test_the_labour_said_to_represent_a_share_of_the_amount_is_the_labour_share() -> None:
    from assistant.fr import extract

    found = extract("la main d'oeuvre représente à peu près 45% du montant, et je pensais partir sur 5%")
    assert (found.labour_share, found.rate) == (0.45, 0.05)


@pytest.mark.parametrize("text", ["on compte 45€ de l heure", "45 euros l heure", "45 € de l'heure"])
def test_an_hourly_cost_typed_without_the_apostrophe_is_still_per_hour(text: str) -> None:
    from assistant.fr import extract

    assert extract(text).hourly_cost == 45


@pytest.mark.parametrize(("months", "text"), [(72, "72 mois (6 ans)"), (12, "12 mois (1 an)"), (18, "18 mois")])
def test_a_duration_in_months_says_its_years_when_whole(months: int, text: str) -> None:
    from assistant.fr import fmt_months

    assert fmt_months(months) == text


def test_a_small_share_of_labour_set_aside_is_the_insertion_rate() -> None:
    text = "ok et pour le lot ITE a 2,1 M€ HT avec 5% de main d'oeuvre dédiée ?"
    assert parse_rate(text) == pytest.approx(0.05)
    assert parse_labour_share(text) is None
