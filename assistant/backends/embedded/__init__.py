"""The embedded backend: deterministic answers without any language model.

It routes each French message (refusal, greeting, sizing, ETP conversion, drafting,
question), reads the parameters people write (« 1,2 M€ HT », « 18 mois »), calls the
same tools as the LLM backend and answers questions extractively from the corpus,
with numbered citations. What it does not find, it says it does not know.

One module per kind of answer: ``backend`` routes and answers refusals, greetings and
redirects; ``guides`` answers questions from the answer cards and the guides (the base
the others ground their notes on); ``sizing`` computes hours and ETP; ``drafting``
fills clause wordings and template documents.
"""

from assistant.backends.embedded.backend import EmbeddedBackend
from assistant.backends.embedded.guides import (
    NEARBY_AFTER_UNKNOWN,
    nearby_questions,
    nearest_query,
    worth_nearest_passages,
)

__all__ = [
    "NEARBY_AFTER_UNKNOWN",
    "EmbeddedBackend",
    "nearby_questions",
    "nearest_query",
    "worth_nearest_passages",
]
