"""The one response object every front end renders (CLI, API, widget)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class Source(BaseModel):
    """A passage shown as a citation; ``n`` is the number used in the answer ([1], [2]…)."""

    n: int = Field(description="Numéro de la citation dans la réponse.")
    title: str = Field(description="Titre du document.")
    source: str = Field(description="Fichier source dans le corpus.")
    page: int | None = Field(default=None, description="Page (documents PDF).")
    section: str | None = Field(default=None, description="Chemin de section (documents Markdown).")
    excerpt: str = Field(description="Extrait du passage.")
    url: str | None = Field(default=None, description="Adresse publique de la source, si connue.")
    score: float | None = Field(default=None, description="Score de pertinence.")


class ToolCall(BaseModel):
    name: Literal["search", "size", "draft"] = Field(description="Outil appelé.")
    arguments: dict[str, Any] = Field(default_factory=dict, description="Paramètres passés à l'outil.")
    result: dict[str, Any] = Field(default_factory=dict, description="Résultat de l'outil.")


class Decision(BaseModel):
    """Why the assistant answered this way: the intent chosen, by which rule or model, how sure."""

    intent: str = Field(
        description="Intention retenue par le routage (question, sizing, drafting, refusal, redirect…)."
    )
    probability: float | None = Field(
        default=None, description="Probabilité calibrée du classifieur d'intentions, quand c'est lui qui a décidé."
    )
    rule: str = Field(description="Règle ou modèle qui a décidé (guardrail, injection, classifier, sizing_follow_up…).")


class Response(BaseModel):
    answer: str = Field(description="Réponse en Markdown.")
    sources: list[Source] = Field(default_factory=list, description="Passages cités, numérotés.")
    tool_calls: list[ToolCall] = Field(default_factory=list, description="Outils appelés pour répondre.")
    backend: str = Field(description="Moteur ayant répondu : embedded ou llm.")
    session_id: str = Field(description="Identifiant de la conversation.")
    message_id: str = Field(description="Identifiant de ce message (pour l'avis).")
    intent: str | None = Field(default=None, description="Intention reconnue (question, sizing, drafting, refusal…).")
    notices: list[str] = Field(default_factory=list, description="Avertissements (ex. repli sur le moteur intégré).")
    suggestions: list[str] = Field(
        default_factory=list,
        description="Questions proches proposées quand l'assistant n'est pas sûr de comprendre (à renvoyer telles quelles).",
    )
    decision: Decision | None = Field(
        default=None,
        description="Pourquoi cette réponse : intention, probabilité et règle qui a décidé (moteur intégré).",
    )
