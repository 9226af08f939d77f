"""Card recall: does the matcher find the card a message asks about? Measured on ``eval/card_recall.yaml``.

    python -m eval.card_recall                 # one line per kind of message and the total
    python -m eval.card_recall --misses 20     # also the first misses (message, expected, matched)

Each card of the set has three messages written by outsiders who saw the cards but not the code
nor the blind batches (see the file's header): ``situation`` (a story, then the question),
``short`` (typed fast) and ``other`` (another asker, other words). For each message the figures are:
the expected card ranked first (``rank 1``), within the first five (``top 5``), and the matcher's
decision: confident on the expected card (``confident right``, the card answers) or confident on
another card (``confident wrong``, a neighbour's answer given with assurance — the costly error).
The set is easier than real users (its writers read the cards): a figure to compare matchers, not
the product's quality, which the blind batches measure.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RECALL_SET = Path(__file__).with_name("card_recall.yaml")
KINDS = ("situation", "short", "other")


@dataclass(frozen=True)
class Probe:
    card: str
    kind: str
    text: str


@dataclass(frozen=True)
class Outcome:
    probe: Probe
    ranked: tuple[str, ...]  # card ids, best first
    confident: bool

    @property
    def first(self) -> bool:
        return bool(self.ranked) and self.ranked[0] == self.probe.card

    @property
    def confident_right(self) -> bool:
        return self.confident and self.first

    @property
    def confident_wrong(self) -> bool:
        return self.confident and not self.first


def load_probes(path: Path = RECALL_SET) -> list[Probe]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cards = data.get("cards") or {}
    return [
        Probe(str(card), kind, str(messages[kind]))
        for card, messages in cards.items()
        for kind in KINDS
        if messages and messages.get(kind)
    ]


def run(matcher: Any, probes: list[Probe]) -> list[Outcome]:
    known = {card.id for card in matcher.cards}
    outcomes = []
    for probe in probes:
        if probe.card not in known:
            continue  # a card removed since the set was written
        matching = matcher.match(probe.text, limit=5)
        outcomes.append(Outcome(probe, tuple(m.card.id for m in matching.ranked), matching.confident))
    return outcomes


def tally(outcomes: list[Outcome]) -> Counter[str]:
    counts: Counter[str] = Counter(n=len(outcomes))
    counts["rank 1"] = sum(o.first for o in outcomes)
    counts["top 5"] = sum(o.probe.card in o.ranked for o in outcomes)
    counts["confident right"] = sum(o.confident_right for o in outcomes)
    counts["confident wrong"] = sum(o.confident_wrong for o in outcomes)
    return counts


def line(label: str, counts: Counter[str]) -> str:
    n = counts["n"] or 1
    shares = "  ".join(
        f"{name} {counts[name]} ({100 * counts[name] / n:.1f} %)"
        for name in ("rank 1", "top 5", "confident right", "confident wrong")
    )
    return f"{label:<10} n={counts['n']:<5} {shares}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", type=int, default=0, help="montrer les N premiers échecs")
    args = parser.parse_args(argv)
    from assistant.context import Context
    from assistant.settings import Settings

    matcher = Context(Settings()).card_matcher
    if matcher is None:
        print("aucune fiche-réponse")
        return 2
    outcomes = run(matcher, load_probes())
    for kind in KINDS:
        print(line(kind, tally([o for o in outcomes if o.probe.kind == kind])))
    print(line("total", tally(outcomes)))
    for outcome in [o for o in outcomes if not o.first][: args.misses]:
        matched = outcome.ranked[0] if outcome.ranked else "-"
        flag = " (confiant)" if outcome.confident else ""
        print(
            f"- [{outcome.probe.kind}] {outcome.probe.text}\n    attendu {outcome.probe.card} ; classé {matched}{flag}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
