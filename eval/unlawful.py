"""Cross-validation of the learned unlawful-request check on its examples (``prompts/conduct_examples.yaml``
plus the intent utterances the rules let through as lawful background).

    python -m eval.unlawful            # per-family precision and recall, at the product's threshold and without
    python -m eval.unlawful --errors   # the misread examples too

Precision of the unlawful families matters more than their recall: a lawful question refused is worse
than an unlawful one answered without its « Non ».
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.routing import MODEL_REFUSES_ABOVE, RefusalPolicy
from assistant.settings import Settings
from assistant.unlawful import cross_validate, lawful_background, read_examples, training_set


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    prompts = Path(Settings().prompts_dir)
    rules_only = RefusalPolicy.from_prompts(prompts)
    examples = read_examples(prompts / "conduct_examples.yaml")
    settings = Settings()
    background = lawful_background(
        prompts / "intents", settings.cards_dir, lambda text: rules_only.route(text) is not None
    )
    texts, labels = training_set(examples, background)
    print(f"{len(examples.texts)} examples in {len(examples.families)} families, {len(background)} lawful utterances")
    for threshold in (0.5, MODEL_REFUSES_ABOVE):
        figures = cross_validate(texts, labels, folds=args.folds, threshold=threshold)
        print(
            f"\n{args.folds}-fold, refusing above {threshold:.2f}: unlawful precision {figures['unlawful_precision']:.3f}, "
            f"recall {figures['unlawful_recall']:.3f}, lawful examples refused {figures['lawful_refused']}"
        )
        for name, row in figures["per_family"].items():
            print(f"  {name:26} n={row['examples']:4}  precision {row['precision']:.3f}  recall {row['recall']:.3f}")
        if args.errors and threshold == MODEL_REFUSES_ABOVE:
            for text, truth, guess in figures["errors"]:
                print(f"  - [{truth} → {guess}] {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
