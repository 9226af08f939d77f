"""Assistant for social clauses in public procurement (Département de l'Isère).

The public Python API is :class:`Assistant` (``from assistant import Assistant``),
imported on first use so that ``import assistant.fr`` stays light.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

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
__all__ = ["Assistant", "Settings", "__version__"]

if TYPE_CHECKING:
    from assistant.service import Assistant
    from assistant.settings import Settings


def __getattr__(name: str) -> Any:
    if name == "Assistant":
        from assistant.service import Assistant

        return Assistant
    if name == "Settings":
        from assistant.settings import Settings

        return Settings
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
