"""Server logs: one readable line per event in a terminal (default), or JSON lines for a collector.

``CLAUSES_LOG_FORMAT=text`` (default) prints ``17:55:01 INFO    api.access GET /api/size 200 12,3 ms``;
``CLAUSES_LOG_FORMAT=json`` prints one JSON object per line with the extra fields
(request id, path, status…). Both mask e-mail addresses and phone numbers, and neither
contains terminal colour codes (uvicorn's coloured copy of its messages is dropped).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any, Literal

from assistant.privacy import mask

LogFormat = Literal["text", "json"]

_RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message"}
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _plain(text: str) -> str:
    return _ANSI.sub("", text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; message and traceback text masked (e-mails, phone numbers)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": mask(_plain(record.getMessage())),
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and not key.startswith("_"):
                plain = value if isinstance(value, (int, float, bool, type(None))) else _plain(str(value))
                entry[key] = plain
        if record.exc_info:
            entry["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """One line per event for a person at a terminal; a request reads « GET /api/size 200 12,3 ms »."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        message = mask(_plain(record.getMessage()))
        if record.name == "api.access" and hasattr(record, "ms"):
            message = f"{message} {str(record.ms).replace('.', ',')} ms"
        line = f"{when} {record.levelname:<7} {record.name} {message}"
        if record.exc_info:
            line += "\n" + mask(self.formatException(record.exc_info))
        return line


def logging_config(level: str = "info", log_format: LogFormat = "text") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn (applied in every worker), on stderr."""
    formatter = "api.logs.JsonFormatter" if log_format == "json" else "api.logs.TextFormatter"
    handler: dict[str, Any] = {"class": "logging.StreamHandler", "formatter": "main", "stream": "ext://sys.stderr"}
    if log_format == "text":
        handler["filters"] = ["quiet_uvicorn"]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": {"()": formatter}},
        "filters": {"quiet_uvicorn": {"()": "api.logs.QuietUvicorn"}},
        "handlers": {"stderr": handler},
        "root": {"handlers": ["stderr"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            # uvicorn's access log prints query strings (search text): ours logs the path only.
            "uvicorn.access": {"handlers": [], "propagate": False, "level": "WARNING"},
        },
    }


class QuietUvicorn(logging.Filter):
    """In a terminal, uvicorn's start-up and shutdown chatter (« Started server process »…) repeats what
    « Assistant disponible sur … » says: only its warnings and errors are kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("uvicorn") and record.levelno < logging.WARNING)
