"""Request and response bodies of the HTTP API (pydantic, French descriptions for /docs).

The library's own models are reused where they already are the contract:
:class:`assistant.responses.Response` (a chat turn), :class:`assistant.sizing.SizingResult`
and :class:`assistant.drafting.DraftResult`. Everything else the API sends or receives
is declared here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.sizing import SizingParams

# --- errors -----------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str = Field(
        description="Code stable de l'erreur, à utiliser par les clients (ex. « parametre_invalide », "
        "« index_indisponible », « trop_de_requetes »).",
        examples=["parametre_invalide"],
    )
    message: str = Field(description="Message en français, affichable tel quel à l'utilisateur.")
    field: str | None = Field(default=None, description="Champ en cause, quand l'erreur porte sur un champ.")
    suggestions: list[str] | None = Field(
        default=None, description="Valeurs proches proposées (par exemple les métiers de la grille les plus proches)."
    )


class ErrorBody(BaseModel):
    """Forme unique de toutes les erreurs de l'API."""

    error: ErrorDetail


# --- chat -------------------------------------------------------------------------------


class ChatRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"message": "Combien d'heures d'insertion pour un marché de gros œuvre de 1,2 M€ ?"},
                {"message": "et à 7 % ?", "session_id": "0123456789abcdef0123456789abcdef"},
            ]
        }
    )

    message: str = Field(
        description="Question ou demande de l'utilisateur, en français. Longueur limitée par le réglage "
        "CLAUSES_MAX_MESSAGE_CHARS (4 000 caractères par défaut) ; un message vide ou trop long est refusé "
        "avec le code « parametre_invalide »."
    )
    session_id: str | None = Field(
        default=None,
        description="Identifiant de la conversation (32 caractères hexadécimaux) renvoyé par la réponse "
        "précédente ; absent pour commencer une nouvelle conversation.",
    )


# --- sizing -----------------------------------------------------------------------------


class SizeRequest(SizingParams):
    """Paramètres du dimensionnement : ceux de ``assistant.sizing.SizingParams``, déclarés une seule fois.

    La méthode est choisie d'après les champs fournis : lots → marché alloti ;
    ``transferred_hours_per_month`` → propreté avec reprise du personnel ; ``percent_of_hours`` →
    pourcentage des heures travaillées ; ``hours`` seul → conversion en ETP ; ``hours_worked`` sans montant →
    taux appliqué aux heures travaillées indiquées ; sinon part de main-d'œuvre.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"amount": 1200000, "trade": "gros œuvre", "rate": "7 %"}]},
    )


# --- drafting ---------------------------------------------------------------------------


class DraftRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "execution", "parameters": {"hours": 1400, "penalty": 60}, "format": "json"}]
        }
    )

    kind: str = Field(
        max_length=100,
        description="Type de clause : un identifiant de GET /api/draft/kinds (ex. « execution », « criterion »).",
    )
    parameters: dict[str, Any] = Field(
        default_factory=dict,
        description="Paramètres de la clause (voir GET /api/draft/kinds) ; ce qui manque est marqué « [à compléter : …] ».",
    )
    format: Literal["json", "md", "markdown", "docx"] = Field(
        default="json",
        description="json : résultat détaillé ; md (ou markdown) : texte Markdown ; docx : document Word à "
        "télécharger. L'en-tête Accept du type Word produit aussi le .docx.",
    )


class DraftKindParameter(BaseModel):
    name: str = Field(description="Nom du paramètre à passer dans « parameters ».")
    label: str = Field(description="Libellé en français.")
    default: Any = Field(default=None, description="Valeur par défaut, s'il y en a une.")
    optional: bool = Field(description="Vrai si le paramètre peut être omis sans marque « à compléter ».")


class DraftKind(BaseModel):
    id: str = Field(description="Identifiant du type de clause.")
    title: str = Field(description="Titre en français.")
    references: list[str] = Field(description="Articles cités.")
    parameters: list[DraftKindParameter] = Field(description="Paramètres acceptés.")
    to_decide: list[str] = Field(description="Ce que l'acheteur doit encore décider.")


# --- search -----------------------------------------------------------------------------


class SearchHit(BaseModel):
    text: str = Field(description="Texte du passage.")
    title: str = Field(description="Titre du document.")
    source: str = Field(description="Fichier source dans le corpus.")
    page: int | None = Field(default=None, description="Page (documents PDF).")
    section: str | None = Field(default=None, description="Chemin de section (documents Markdown).")
    url: str | None = Field(default=None, description="Adresse publique de la source, si connue.")
    score: float = Field(description="Score de pertinence (fusion lexicale et sémantique).")


class SearchResponse(BaseModel):
    query: str = Field(description="Recherche effectuée.")
    hits: list[SearchHit] = Field(description="Passages trouvés, du plus pertinent au moins pertinent.")


# --- health -----------------------------------------------------------------------------


class HealthResponse(BaseModel):
    status: Literal["ok", "indisponible"] = Field(
        description="« ok » quand l'index est chargé, « indisponible » sinon."
    )
    index_loaded: bool = Field(description="Vrai si l'index des documents est lisible.")
    ready: bool = Field(
        default=False,
        description="Vrai quand le préchargement (modèle, classifieur, fiches) est terminé : la première "
        "question n'attend plus.",
    )
    documents: int | None = Field(default=None, description="Nombre de documents indexés.")
    chunks: int | None = Field(default=None, description="Nombre de passages indexés.")
    backend: str = Field(description="Moteur de réponse configuré : embedded ou llm.")
    build: str | None = Field(default=None, description="Identifiant de la version de l'index servie.")
    model: str | None = Field(default=None, description="Modèle de plongements (embeddings) utilisé.")
    message: str | None = Field(default=None, description="Explication en français quand le service est indisponible.")


# --- feedback ---------------------------------------------------------------------------


class FeedbackRequest(BaseModel):
    session_id: str = Field(max_length=64, description="Identifiant de la conversation.")
    message_id: str = Field(
        max_length=64, description="Identifiant de la réponse évaluée (champ message_id de la réponse)."
    )
    rating: Literal["up", "down"] = Field(description="up : réponse utile ; down : réponse à améliorer.")
    comment: str | None = Field(
        default=None, max_length=2000, description="Commentaire libre (2 000 caractères au plus)."
    )


class FeedbackResponse(BaseModel):
    ok: bool = Field(description="Vrai quand l'avis est enregistré.")
    id: str = Field(description="Identifiant de l'avis.")


# --- admin ------------------------------------------------------------------------------


class AdminDocument(BaseModel):
    source: str = Field(description="Fichier dans le corpus.")
    title: str | None = Field(default=None, description="Titre du document.")
    chunks: int = Field(description="Nombre de passages indexés.")
    pages: int = Field(description="Nombre de pages (PDF ; 0 pour les autres formats).")


class DocumentList(BaseModel):
    build: str = Field(description="Identifiant de la version de l'index.")
    count: int = Field(description="Nombre de documents.")
    documents: list[AdminDocument]


class SkippedFile(BaseModel):
    file: str
    reason: str = Field(description="Raison en français.")


class IngestReportBody(BaseModel):
    files: int = Field(description="Fichiers indexés.")
    chunks: int = Field(description="Passages indexés.")
    pages: int
    added_files: list[str]
    changed_files: list[str]
    removed_files: list[str]
    unchanged_files: int
    embedded_chunks: int = Field(description="Passages vectorisés lors de cette indexation.")
    ocr_pages: int = Field(default=0, description="Pages numérisées lues par reconnaissance de caractères (OCR).")
    skipped: list[SkippedFile] = Field(description="Fichiers ignorés et pourquoi.")
    seconds: float
    build_id: str | None = Field(description="Nouvelle version de l'index (null si rien n'a changé).")
    changed: bool


class UploadResponse(BaseModel):
    file: str = Field(description="Nom sous lequel le document a été enregistré dans le corpus.")
    replaced: bool = Field(description="Vrai si un document du même nom a été remplacé.")
    chunks: int = Field(description="Passages extraits du document.")
    pages: int = Field(description="Pages du document (PDF).")
    report: IngestReportBody = Field(description="Bilan de la réindexation.")
