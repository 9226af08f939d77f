"""User-facing errors: each carries a French message for people and detail for logs."""

from __future__ import annotations


class ClausesError(Exception):
    """Base of every error the product shows to a user.

    ``message`` is French and safe to display; ``detail`` is for logs only.
    ``code`` is a stable identifier that front ends and API clients can rely on.
    """

    code = "erreur"

    def __init__(self, message: str, *, detail: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message
        self.field = field


class InvalidInput(ClausesError):
    """A parameter is missing, out of range or unreadable (``field`` names it)."""

    code = "parametre_invalide"


class UnknownTrade(InvalidInput):
    """The trade or lot is not in the sizing grid; the message suggests close ones."""

    code = "metier_inconnu"

    def __init__(self, message: str, *, suggestions: list[str], detail: str | None = None) -> None:
        super().__init__(message, detail=detail, field="trade")
        self.suggestions = suggestions


class RequestRefused(ClausesError):
    """The request asks for something unlawful or out of scope; the message says why and what instead."""

    code = "demande_refusee"


class DocumentError(ClausesError):
    """A source document cannot be read (broken, encrypted, empty, unsupported)."""

    code = "document_illisible"


class IndexUnavailable(ClausesError):
    """The index is missing or unreadable; the message says how to rebuild it."""

    code = "index_indisponible"


class BackendUnavailable(ClausesError):
    """The configured chat model could not answer (down, slow, garbage)."""

    code = "modele_indisponible"


class IntentDataError(ClausesError):
    """The labelled utterance file cannot train the intent classifier."""

    code = "donnees_intentions_invalides"
