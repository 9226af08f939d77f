"""The grounding corpus: front matter, chunk bound, cited articles, eval targets, sizing numbers, wording.

Static checks on the files in ``corpus/``, ``corpus/data/``, ``prompts/`` and
``eval/retrieval.yaml``: no model, no index, no network.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import frontmatter
import pytest
import yaml

from assistant.documents import load_markdown, normalize_text
from assistant.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"
DATA = CORPUS / "data"
PROMPTS = PROJECT_ROOT / "prompts"
EVAL_QUESTIONS = PROJECT_ROOT / "eval" / "retrieval.yaml"
SIZING_GUIDE = CORPUS / "05-dimensionner-les-heures.md"

DOCUMENTS = sorted(CORPUS.glob("*.md"))
DOC_IDS = [path.name for path in DOCUMENTS]
DOC_TYPES = {"appel_a_projets", "guide", "faq"}
PROMPT_FILES = (
    sorted(path for pattern in ("*.j2", "*.yaml", "*.md") for path in PROMPTS.rglob(pattern))
    if PROMPTS.is_dir()
    else []
)

_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def body(path: Path) -> str:
    """The Markdown body of a document, without its front matter, normalised like the loader does."""
    return frontmatter.loads(normalize_text(path.read_text(encoding="utf-8"))).content


def headings(path: Path) -> set[str]:
    return {m.group(1).strip() for line in body(path).splitlines() if (m := _HEADING.match(line))}


def grid() -> dict:
    return yaml.safe_load((DATA / "sizing_grid.yaml").read_text(encoding="utf-8"))


# --- front matter --------------------------------------------------------------


def test_the_corpus_has_documents() -> None:
    assert len(DOCUMENTS) >= 12


@pytest.mark.parametrize("path", DOCUMENTS, ids=DOC_IDS)
def test_every_document_has_title_type_reviewed_date_and_sources(path: Path) -> None:
    meta = frontmatter.loads(path.read_text(encoding="utf-8")).metadata
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    assert meta.get("type") in DOC_TYPES
    assert isinstance(meta.get("reviewed"), dt.date), "reviewed doit être une date AAAA-MM-JJ"
    assert meta["reviewed"] <= dt.date.today(), "date de relecture dans le futur"
    assert isinstance(meta.get("sources"), list) and meta["sources"], "au moins une source"


@pytest.mark.parametrize("path", DOCUMENTS, ids=DOC_IDS)
def test_every_source_except_the_seed_has_an_http_url(path: Path) -> None:
    sources = frontmatter.loads(path.read_text(encoding="utf-8")).metadata["sources"]
    for source in sources:
        assert isinstance(source, dict) and source.get("title"), source
        if str(source.get("file") or "").startswith("shared/seed/"):
            continue  # the call for projects itself: a local file, no URL
        assert re.match(r"https?://\S+$", str(source.get("url") or "")), source


def test_only_the_call_for_projects_cites_the_seed_file() -> None:
    seeded = [
        path.name
        for path in DOCUMENTS
        if any(
            isinstance(s, dict) and s.get("file")
            for s in frontmatter.loads(path.read_text(encoding="utf-8")).metadata["sources"]
        )
    ]
    assert seeded == ["01-appel-a-projets-pdie-action-1-2.md"]


# --- chunk bound -----------------------------------------------------------------


@pytest.mark.parametrize("path", DOCUMENTS, ids=DOC_IDS)
def test_every_section_is_exactly_one_chunk(path: Path) -> None:
    settings = Settings(_env_file=None)
    document = load_markdown(path, path.name, settings.chunk_size, settings.chunk_overlap)
    per_section = Counter(chunk.section for chunk in document.chunks)
    split = {section: n for section, n in per_section.items() if n > 1}
    assert not split, f"sections plus longues que {settings.chunk_size} caractères : {split}"
    assert all(len(chunk.text) <= settings.chunk_size for chunk in document.chunks)


# --- cited articles ------------------------------------------------------------

# L2112-2, R2123-1, D2111-3, L2113-13-1, L3-1, and the spaced forms « L. 2112-2 », « L 2112-2 ».
_ARTICLE = re.compile(r"(?<![\w./-])([LRD])(\.\s?|\s)?(\d{1,4})-(\d{1,3})(?:-(\d{1,3}))?(?![\w-])")
_URL = re.compile(r"https?://[^\s)>\]\"']+|\bwww\.[^\s)>\]\"']+")


def known_articles() -> set[str]:
    data = yaml.safe_load((DATA / "known_articles.yaml").read_text(encoding="utf-8"))
    return set(data["code_commande_publique"]) | set(data["code_du_travail"])


def cited_articles(text: str) -> list[tuple[str, str]]:
    """(as written, canonical id) for every CCP or Code du travail article cited outside URLs."""
    text = _URL.sub(" ", normalize_text(text))
    found = []
    for match in _ARTICLE.finditer(text):
        letter, _, first, second, third = match.groups()
        canonical = f"{letter}{int(first)}-{int(second)}" + (f"-{int(third)}" if third else "")
        found.append((match.group(0), canonical))
    return found


def unknown_articles(text: str) -> list[str]:
    known = known_articles()
    return sorted({canonical for _, canonical in cited_articles(text) if canonical not in known})


def non_canonical_articles(text: str) -> list[str]:
    return sorted({written for written, canonical in cited_articles(text) if written != canonical})


def test_article_scan_reports_a_typo() -> None:
    assert unknown_articles("Marché réservé aux SIAE (article L2113-31).") == ["L2113-31"]


def test_article_scan_accepts_known_articles() -> None:
    assert unknown_articles("Articles L2112-2, L2113-13-1, R2123-1 3°, D2111-3, L3-1 et L5132-4.") == []


def test_article_scan_reads_spaced_forms_and_flags_them_as_non_canonical() -> None:
    text = "Selon l'article L. 2112-2 et l'article R 2152-7 du code."
    assert unknown_articles(text) == []
    assert non_canonical_articles(text) == ["L. 2112-2", "R 2152-7"]


def test_article_scan_ignores_urls() -> None:
    text = "Source : https://marche-public.fr/ccp/L2112-02-contenu-marche.htm (article L2112-2)."
    assert cited_articles(text) == [("L2112-2", "L2112-2")]


@pytest.mark.parametrize("path", DOCUMENTS, ids=DOC_IDS)
def test_every_article_cited_in_a_document_is_known(path: Path) -> None:
    assert unknown_articles(body(path)) == []


@pytest.mark.parametrize("path", PROMPT_FILES, ids=[str(p.relative_to(PROMPTS)) for p in PROMPT_FILES])
def test_every_article_cited_in_a_prompt_or_template_is_known(path: Path) -> None:
    assert unknown_articles(path.read_text(encoding="utf-8")) == []


def test_every_article_cited_in_the_sizing_grid_is_known() -> None:
    assert unknown_articles((DATA / "sizing_grid.yaml").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "path",
    [*DOCUMENTS, *PROMPT_FILES, DATA / "sizing_grid.yaml"],
    ids=[*DOC_IDS, *(str(p.relative_to(PROMPTS)) for p in PROMPT_FILES), "sizing_grid.yaml"],
)
def test_articles_are_written_in_canonical_form(path: Path) -> None:
    text = body(path) if path.suffix == ".md" and path.parent == CORPUS else path.read_text(encoding="utf-8")
    assert non_canonical_articles(text) == [], "écrire L2112-2, pas « L. 2112-2 »"


# --- retrieval evaluation set -----------------------------------------------------


def eval_cases() -> list[dict]:
    return yaml.safe_load(EVAL_QUESTIONS.read_text(encoding="utf-8"))


def test_eval_set_has_at_least_60_questions() -> None:
    assert len(eval_cases()) >= 60


def test_eval_questions_are_not_duplicated() -> None:
    normalised = [" ".join(case["question"].casefold().split()) for case in eval_cases()]
    duplicates = [q for q, n in Counter(normalised).items() if n > 1]
    assert not duplicates


def test_every_eval_target_is_a_heading_of_its_document() -> None:
    missing = []
    for case in eval_cases():
        for target in [case, *case.get("also", [])]:
            path = CORPUS / target["document"]
            if not path.is_file() or target["section"] not in headings(path):
                missing.append((case["question"], target["document"], target["section"]))
    assert not missing


def test_eval_alternates_differ_from_the_primary_target() -> None:
    for case in eval_cases():
        targets = [(case["document"], case["section"])]
        targets += [(alt["document"], alt["section"]) for alt in case.get("also", [])]
        assert len(targets) == len(set(targets)), case["question"]


# --- sizing guide and sizing grid agree -----------------------------------------------


def fr_number(value: float) -> str:
    """French formatting: 1607 → « 1 607 », 7.5 → « 7,5 »."""
    value = round(float(value), 4)
    whole, _, decimals = f"{value:.4f}".rstrip("0").rstrip(".").partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    return f"{grouped},{decimals}" if decimals else grouped


def fr_percent(share: float) -> str:
    return f"{fr_number(share * 100)} %"


def test_french_number_formatting() -> None:
    assert (fr_number(1607), fr_number(25.0), fr_percent(0.05), fr_percent(0.075)) == ("1 607", "25", "5 %", "7,5 %")


def guide_text() -> str:
    return body(SIZING_GUIDE)


def test_sizing_guide_gives_every_sourced_trade_its_grid_share() -> None:
    rows = {}
    for line in guide_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(cells) >= 2:
            rows[cells[0]] = cells[1]
    for trade in grid()["trades"]:
        if trade["sourced"]:
            assert rows.get(trade["label"]) == fr_percent(trade["labour_share"]), trade["label"]


def test_sizing_guide_gives_every_unsourced_trade_its_default_share() -> None:
    text = guide_text().casefold()
    for trade in grid()["trades"]:
        if not trade["sourced"] and trade["labour_share"] is not None:
            assert f"{trade['label'].casefold()} : {fr_percent(trade['labour_share'])}" in text, trade["label"]


def test_sizing_guide_states_the_default_insertion_rate() -> None:
    rate = fr_percent(grid()["defaults"]["insertion_rate"]["value"])
    assert f"{rate} : exemple courant" in guide_text()  # the list of usual rates names the default
    assert f"taux d'insertion de {rate}, soit" in guide_text()  # and the published example uses it


def test_sizing_guide_states_the_default_hourly_cost() -> None:
    assert f"{fr_number(grid()['defaults']['hourly_cost']['value'])} € par défaut" in guide_text()


def test_sizing_guide_states_the_etp_base() -> None:
    base = fr_number(grid()["defaults"]["etp_base"]["value"])
    assert re.search(rf"base par défaut est de {base} heures par an", guide_text())


def test_sizing_guide_states_the_alternative_etp_bases() -> None:
    for alternative in grid()["defaults"]["etp_alternatives"]:
        assert f"{fr_number(alternative['value'])} heures" in guide_text()


def test_sizing_guide_states_the_cleaning_turnover_parameter() -> None:
    assert f"C = {fr_number(grid()['cleaning']['turnover_per_labour_hour'])} €" in guide_text()


def test_sizing_guide_states_the_small_clause_threshold() -> None:
    data = grid()
    assert data["small_clause"]["min_hours"] == data["cleaning"]["min_hours"]
    assert f"en dessous de {fr_number(data['small_clause']['min_hours'])} heures" in guide_text()


def test_sizing_guide_states_the_usual_rates_and_the_disproportion_threshold() -> None:
    rates = grid()["rates"]
    text = guide_text()
    assert f"{fr_number(rates['usual_min'] * 100)} à {fr_percent(rates['usual_max'])}" in text
    assert f"Au-delà de {fr_percent(rates['disproportion_above'])}" in text


# --- no local-residence requirement presented as lawful ----------------------------------

_RESIDENCE = re.compile(
    r"habitants? de (?:la|notre|ma|leur) commune|habitent (?:la|notre|ma|leur) commune"
    r"|résidents? de la commune|résider dans",
    re.IGNORECASE,
)
_WARNING = re.compile(
    r"\binterdit|discriminatoire|\bne peut|\bpas\b|\bANRU\b|illégal|\brefuser\b|\bjamais\b", re.IGNORECASE
)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def residence_sentences_without_warning(text: str) -> list[str]:
    """Sentences naming a residence condition with no negation or warning (questions excepted)."""
    return [
        s
        for s in sentences(text)
        if _RESIDENCE.search(s) and not _WARNING.search(s) and not s.rstrip("» ").endswith("?")
    ]


def test_residence_check_catches_a_recommendation() -> None:
    text = "Réservez les heures d'insertion aux habitants de la commune. Cela simplifie le suivi."
    assert residence_sentences_without_warning(text) == ["Réservez les heures d'insertion aux habitants de la commune."]


def test_residence_check_accepts_a_warning() -> None:
    assert (
        residence_sentences_without_warning(
            "Une clause ne peut pas viser les habitants de la commune : c'est discriminatoire."
        )
        == []
    )


@pytest.mark.parametrize("path", DOCUMENTS, ids=DOC_IDS)
def test_no_document_presents_a_residence_requirement_as_lawful(path: Path) -> None:
    assert residence_sentences_without_warning(body(path)) == []


# --- typography -----------------------------------------------------------------------

_CURLY = "\u2019\u2018\u02bc"


@pytest.mark.parametrize("path", DOCUMENTS, ids=DOC_IDS)
def test_a_document_does_not_mix_curly_and_straight_apostrophes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    curly = sum(text.count(c) for c in _CURLY)
    straight = text.count("'")
    assert not (curly and straight), f"{curly} apostrophes courbes et {straight} droites"
