"""Retrieval evaluation: recall@1, recall@5 and MRR of the section that answers each question.

    python -m eval.retrieval              # one line per method (dense, lexical, hybrid)
    python -m eval.retrieval --sweep      # hybrid at several dense weights, to choose the setting
    python -m eval.retrieval --blind batch-01 batch-02   # also the blind batches' labelled sections

The question set is ``eval/retrieval.yaml``: each question names the document and the
section heading that answers it. The index of the settings' data dir is brought up to
date first (a no-op when the corpus has not changed).

``--blind`` adds, per batch of ``eval/blind/`` (questions written by outsiders, see
``eval/blind.py``), the same three figures for the turns a labeller expects answered or
refused and whose ``where`` names a guide section (``file.md#Heading``): R@1 is the share
of those turns whose labelled section comes first, R@5 in the first five, MRR the mean
reciprocal rank within the first ten. The message is searched alone, as typed, without the
turns before it, so a follow-up that only makes sense in its conversation counts as a miss.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.documents import Chunk
from assistant.index import ingest
from assistant.retrieval import Method, Retriever

QUESTIONS = Path(__file__).with_name("retrieval.yaml")


@dataclass(frozen=True)
class Target:
    document: str
    section: str


@dataclass(frozen=True)
class Case:
    question: str
    document: str
    section: str
    also: tuple[Target, ...] = ()

    @property
    def targets(self) -> tuple[Target, ...]:
        return (Target(self.document, self.section), *self.also)


@dataclass(frozen=True)
class Scores:
    label: str
    recall_at_1: float
    recall_at_5: float
    mrr: float
    n: int

    def line(self) -> str:
        return f"{self.label:<22} {self.recall_at_1:>6.3f} {self.recall_at_5:>6.3f} {self.mrr:>6.3f} {self.n:>5}"


HEADER = f"{'méthode':<22} {'R@1':>6} {'R@5':>6} {'MRR':>6} {'n':>5}"


def load_cases(path: Path = QUESTIONS) -> list[Case]:
    cases = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        also = tuple(Target(**target) for target in item.pop("also", None) or [])
        cases.append(Case(**item, also=also))
    return cases


def blind_cases(path: Path) -> list[Case]:
    """The turns of a blind batch expected answered or refused, with the guide section labelled as answering."""
    from eval.blind import load_batch

    cases = []
    for blind in load_batch(path):
        for turn in blind.turns:
            if turn.expect not in ("answer", "refuse") or not turn.where or "#" not in turn.where:
                continue
            document, section = turn.where.split("#", 1)
            cases.append(Case(question=turn.text, document=document.strip(), section=section.strip()))
    return cases


def answers(chunk: Chunk, case: Case) -> bool:
    """A passage answers when it comes from a named section (the last part of its path).

    Besides its main target, a question may list other sections (``also``) that
    answer it fully on their own, such as the FAQ entry repeating a guide.
    """
    if not chunk.section:
        return False
    heading = chunk.section.split(" > ")[-1].strip()
    return any(chunk.source == t.document and heading == t.section.strip() for t in case.targets)


def evaluate(
    retriever: Retriever,
    cases: list[Case],
    method: Method,
    label: str,
    dense_weight: float | None = None,
    depth: int = 10,
) -> Scores:
    hits_at_1 = hits_at_5 = 0
    reciprocal = 0.0
    for case in cases:
        hits = retriever.search(case.question, k=depth, method=method, dense_weight=dense_weight)
        rank = next((i for i, hit in enumerate(hits, start=1) if answers(hit.chunk, case)), None)
        if rank is not None:
            hits_at_1 += rank == 1
            hits_at_5 += rank <= 5
            reciprocal += 1.0 / rank
    n = len(cases)
    return Scores(label, hits_at_1 / n, hits_at_5 / n, reciprocal / n, n)


def main(argv: list[str] | None = None) -> int:
    from assistant.context import Context
    from assistant.embeddings import embedding_identity
    from assistant.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sweep", action="store_true", help="évalue l'hybride pour plusieurs poids du dense")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument(
        "--blind",
        nargs="+",
        default=[],
        metavar="LOT",
        help="lots à l'aveugle (batch-01 …) : rang de la section « where » des tours étiquetés",
    )
    args = parser.parse_args(argv)

    context = Context(Settings())
    ingest(
        context.settings,
        lambda texts: context.embedder.embed_documents(texts),
        model_identity=embedding_identity(context.settings),
    )
    retriever = context.retriever
    cases = load_cases(args.questions)
    print(f"{len(cases)} questions, {len(retriever.index.chunks)} passages, modèle {Path(retriever.index.model).name}")
    print(HEADER)
    for method in ("dense", "lexical", "hybrid"):
        label = f"hybrid (w={retriever.dense_weight:.2f})" if method == "hybrid" else method
        print(evaluate(retriever, cases, method, label).line())
    if args.sweep:
        for weight in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
            print(evaluate(retriever, cases, "hybrid", f"hybrid w={weight:.1f}", dense_weight=weight).line())
    for batch in args.blind:
        from eval.blind import batch_path

        blind = blind_cases(batch_path(batch))
        print(f"\n{batch} (à l'aveugle) : {len(blind)} tours avec une section étiquetée")
        print(HEADER)
        for method in ("dense", "lexical", "hybrid"):
            print(evaluate(retriever, blind, method, method).line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
