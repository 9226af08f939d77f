"""Cross-validated accuracy of the intent classifier on its own utterance file.

python -m eval.intents            # 5-fold stratified accuracy, per-intent recall and precision
python -m eval.intents --path prompts/intents   # the same over every utterance file of the folder
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.intents import cross_validate, load_utterances
from assistant.settings import PROJECT_ROOT

UTTERANCES = PROJECT_ROOT / "prompts" / "intents" / "utterances.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--path", type=Path, default=UTTERANCES, help="un fichier d'énoncés ou un dossier de fichiers")
    parser.add_argument("--errors", action="store_true", help="liste les énoncés mal classés")
    args = parser.parse_args(argv)
    texts, labels = load_utterances(args.path)
    result = cross_validate(texts, labels, args.folds)
    print(f"{result['utterances']} énoncés, {result['folds']} plis : exactitude {result['accuracy']:.3f}")
    for intent, scores in result["per_intent"].items():
        print(f"  {intent:13} rappel {scores['recall']:.2f}  précision {scores['precision']:.2f}")
    if args.errors:
        for text, gold, predicted in result["errors"]:
            print(f"  [{gold} → {predicted}] {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
