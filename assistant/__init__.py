"""Assistant for social clauses in public procurement (Département de l'Isère)."""

from __future__ import annotations

import os

# Nothing in this product may reach a model hub at run time; a mistake must fail
# in milliseconds rather than retry for a minute.
for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_name, _value)

__version__ = "0.1.0"
