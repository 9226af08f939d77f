"""Card oracle: is a wrong answer a matching problem or missing card content?

    python -m eval.card_oracle --report /tmp/b1.json --report /tmp/b3.json    # reports of ``eval.blind``
    python -m eval.card_oracle --report /tmp/b3.json --details                # one line per turn

For every scored « answer » turn of the reports that is not correct, the oracle looks for the
card whose answer states the most labelled facts (the label's ``facts``, any variant, as the
blind scorer reads them) and asks the card matcher at which rank it puts that card for the
turn's message. Each turn lands in one bucket:

- ``rank 1`` — the matcher ranked a best card first (the answer used it or was not confident);
- ``rank 2-5`` — a best card is among the next four;
- ``absent`` — no best card in the first five;
- ``no card`` — no card states any of the labelled facts: content, not matching.

``full`` counts the turns where the best card states every fact; ``confident elsewhere`` the turns
where the matcher was confident on a card that is not a best one (it answered a neighbouring question). Only the labelled batches
given as reports are read; the batch files are found by the report's ``batch`` field.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.blind import BLIND_DIR, LabelledTurn, load_batch, stated_facts

BUCKETS = ("rank 1", "rank 2-5", "absent", "no card")


@dataclass(frozen=True)
class OracleRow:
    turn: str
    cls: str
    bucket: str
    best: tuple[str, ...]  # ids of the cards stating the most facts
    stated: int  # how many facts they state
    facts: int
    rank: int | None  # the matcher's rank of the first of them, from 1
    matched: str | None  # the card the matcher ranked first
    confident: bool = False  # whether the matcher answers with that card


def best_cards(cards: list[Any], facts: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], int]:
    """Ids of the cards whose answer states the most facts, and that number (0: none states any)."""
    counts = {card.id: stated_facts(card.answer, facts)[0] for card in cards}
    top = max(counts.values(), default=0)
    if top == 0:
        return (), 0
    return tuple(sorted(card_id for card_id, n in counts.items() if n == top)), top


def bucket_of(rank: int | None, best: tuple[str, ...]) -> str:
    if not best:
        return "no card"
    if rank == 1:
        return "rank 1"
    if rank is not None and rank <= 5:
        return "rank 2-5"
    return "absent"


def diagnose(turns: list[dict[str, Any]], labels: dict[tuple[str, int], LabelledTurn], matcher: Any) -> list[OracleRow]:
    """One row per non-correct « answer » turn with labelled facts."""
    rows: list[OracleRow] = []
    for turn in turns:
        label = labels.get((turn["case"], turn["turn"]))
        if label is None or label.expect != "answer" or not label.facts or turn.get("cls") == "correct":
            continue
        best, stated = best_cards(matcher.cards, label.facts)
        matching = matcher.match(turn["text"], limit=len(matcher.cards))
        ranked = [m.card.id for m in matching.ranked]
        positions = [ranked.index(card_id) + 1 for card_id in best if card_id in ranked]
        rank = min(positions) if positions else None
        rows.append(
            OracleRow(
                turn=f"{turn['case']}#{turn['turn']}",
                cls=str(turn.get("cls")),
                bucket=bucket_of(rank, best),
                best=best,
                stated=stated,
                facts=len(label.facts),
                rank=rank,
                matched=ranked[0] if ranked else None,
                confident=matching.confident,
            )
        )
    return rows


def summary(rows: list[OracleRow]) -> str:
    counts = Counter(row.bucket for row in rows)
    full = Counter(row.bucket for row in rows if row.best and row.stated == row.facts)
    parts = [
        f"{name} {counts[name]} (full {full[name]})" if name != "no card" else f"{name} {counts[name]}"
        for name in BUCKETS
    ]
    elsewhere = sum(1 for row in rows if row.confident and row.bucket != "rank 1")
    return f"{len(rows)} non-correct answer turns: " + ", ".join(parts) + f"; confident elsewhere {elsewhere}"


def _labels(batch: str) -> dict[tuple[str, int], LabelledTurn]:
    return {
        (case.id, number): turn
        for case in load_batch(BLIND_DIR / f"{batch}.yaml")
        for number, turn in enumerate(case.turns, start=1)
    }


def _turns(report: dict[str, Any]) -> list[dict[str, Any]]:
    return list(report.get("turns") or [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", type=Path, action="append", required=True, help="rapport JSON de eval.blind")
    parser.add_argument("--batch", action="append", default=None, help="lot de chaque rapport (sinon lu du rapport)")
    parser.add_argument("--details", action="store_true", help="une ligne par tour")
    args = parser.parse_args(argv)
    from assistant.context import Context
    from assistant.settings import Settings

    matcher = Context(Settings()).card_matcher
    if matcher is None:
        print("aucune fiche-réponse")
        return 2
    everything: list[OracleRow] = []
    for position, path in enumerate(args.report):
        report = json.loads(path.read_text(encoding="utf-8"))
        batch = args.batch[position] if args.batch else str(report.get("batch") or "")
        rows = diagnose(_turns(report), _labels(batch), matcher)
        print(f"{batch}: {summary(rows)}")
        if args.details:
            for row in rows:
                where = "-" if row.rank is None else str(row.rank)
                print(
                    f"  {row.turn} [{row.cls}] {row.bucket}: best {','.join(row.best[:3]) or '-'}"
                    f" ({row.stated}/{row.facts}) at {where}; matched {row.matched}"
                    + (" (confident)" if row.confident else "")
                )
        everything.extend(rows)
    if len(args.report) > 1:
        print(f"all: {summary(everything)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
