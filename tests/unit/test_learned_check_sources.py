"""The learned unlawful-request check is retrained whenever what its lawful background comes from changes."""

from pathlib import Path

from assistant.routing import background_sources

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
CARDS = Path(__file__).resolve().parents[2] / "corpus" / "cards"


def test_the_conduct_rules_term_lists_are_among_the_sources() -> None:
    assert PROMPTS / "lexicons.yaml" in background_sources(PROMPTS, CARDS)


def test_the_legal_verdict_rules_are_among_the_sources() -> None:
    assert PROMPTS / "legal_questions.yaml" in background_sources(PROMPTS, CARDS)


def test_the_answer_cards_are_among_the_sources() -> None:
    sources = background_sources(PROMPTS, CARDS)
    assert sorted(CARDS.glob("*.yaml")) == [path for path in sources if path.parent == CARDS]


def test_a_prompts_folder_without_term_lists_still_gives_its_sources(tmp_path: Path) -> None:
    (tmp_path / "conduct.yaml").write_text("rules: []\n", encoding="utf-8")
    (tmp_path / "intents").mkdir()
    (tmp_path / "intents" / "question.yaml").write_text("examples: []\n", encoding="utf-8")
    sources = background_sources(tmp_path, None)
    assert tmp_path / "conduct.yaml" in sources
    assert all(path.is_file() for path in sources)
