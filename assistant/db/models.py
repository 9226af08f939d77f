"""SQLAlchemy 2 models: conversation sessions and follow-up data, in one metadata.

Alembic migrations (``assistant/db/migrations``) create and evolve these tables; the
models are the source the migrations are checked against (tests/test_db.py).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- conversation sessions ---------------------------------------------------------------------


class SessionRow(Base):
    __tablename__ = "sessions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created: Mapped[str] = mapped_column(String(40))
    updated: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[str] = mapped_column(Text, default="{}")


class MessageRow(Base):
    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint("role IN ('user', 'assistant')", name="role"),
        Index("ix_messages_session_seq", "session_id", "seq", unique=True),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String(40))
    intent: Mapped[str | None] = mapped_column(String(64))
    backend: Mapped[str | None] = mapped_column(String(32))
    tool_calls: Mapped[str] = mapped_column(Text, default="[]")
    sources: Mapped[str] = mapped_column(Text, default="[]")


class FeedbackRow(Base):
    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating IN ('up', 'down')", name="rating"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String(40))


# --- follow-up (suivi) ---------------------------------------------------------------------------


class OperationRow(Base):
    __tablename__ = "followup_operations"
    operation_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    maitre_ouvrage: Mapped[str] = mapped_column(String(300))
    intitule: Mapped[str] = mapped_column(String(500))
    territoire: Mapped[str] = mapped_column(String(200), index=True)
    type_clause: Mapped[str] = mapped_column(String(40))
    heures_prevues: Mapped[float] = mapped_column(Float)
    date_debut: Mapped[date] = mapped_column(Date)
    date_fin: Mapped[date] = mapped_column(Date, index=True)
    imported: Mapped[str] = mapped_column(String(40))


class ParticipantRow(Base):
    __tablename__ = "followup_participants"
    participant_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    date_entree: Mapped[date] = mapped_column(Date)
    tranche_age: Mapped[str] = mapped_column(String(16))
    allocataire_rsa: Mapped[bool] = mapped_column()
    sexe: Mapped[str | None] = mapped_column(String(1))
    situation_6_mois: Mapped[str] = mapped_column(String(32))
    situation_12_mois: Mapped[str] = mapped_column(String(32))


class StructureRow(Base):
    __tablename__ = "followup_structures"
    structure_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    nom: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(16))


class HoursRow(Base):
    __tablename__ = "followup_hours"
    __table_args__ = (
        Index("ix_followup_hours_key", "operation_id", "participant_id", "entreprise", "mois", unique=True),
        Index("ix_followup_hours_mois", "mois"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    operation_id: Mapped[str] = mapped_column(ForeignKey("followup_operations.operation_id", ondelete="CASCADE"))
    participant_id: Mapped[str] = mapped_column(ForeignKey("followup_participants.participant_id"))
    entreprise: Mapped[str] = mapped_column(String(300))
    mois: Mapped[str] = mapped_column(String(7))
    heures: Mapped[float] = mapped_column(Float)
    modalite: Mapped[str] = mapped_column(String(32))
    structure_id: Mapped[str | None] = mapped_column(ForeignKey("followup_structures.structure_id"))
    type_contrat: Mapped[str] = mapped_column(String(40))
