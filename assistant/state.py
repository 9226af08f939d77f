"""What a conversation remembers between two turns: the contract between routing and the backends.

The session store keeps it as a JSON dict (:meth:`ConversationState.to_dict`,
:meth:`ConversationState.from_dict`); inside the product it is always this typed model.
A stored value that no longer fits (an older product version, a hand-edited row) is
dropped rather than failing the turn: the conversation goes on with less memory.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

Number = int | float


class ConversationState(BaseModel):
    """The memory of the last turns that the next turn may build on."""

    model_config = ConfigDict(extra="ignore")

    last_intent: str | None = None
    """Intent of the last answer (``sizing``, ``drafting``, ``question``…): decides follow-ups."""
    sizing_params: dict[str, Any] = {}
    """Parameters of the last sizing, completed by a follow-up (« et à 7 % ? »)."""
    sizing_rates: list[Number] = []
    """Insertion rates the sizings of the conversation tried (« et pour 7 % ? »): a table per lot shows each."""
    last_hours: Number | None = None
    """Hours of the last sizing, reused by a drafting follow-up."""
    pending: Literal["sizing"] | None = None
    """A sizing waits for a missing parameter; the next message completes it."""
    draft_kind: str | None = None
    """Kind of the last drafted clause."""
    draft_params: dict[str, Any] = {}
    """Parameters of the last drafted clause."""
    perimeter: str | None = None
    """The lots a sizing is about (« Lot 2 - peinture »), as the drafting tool writes them."""
    conversion_hours: Number | None = None
    """Hours of the last ETP conversion."""
    split_people: int | None = None
    """People the last hours were shared between (« 2 gars à 35 h »): « et à 24 h par semaine ? » keeps them."""
    split_weekly_hours: Number | None = None
    """Each person's weekly hours in the last weeks-of-work computation (« 2 salariés à 35 h »): « refais le calcul
    en enlevant la journée de formation » keeps them and takes a day off."""
    person_weekly_hours: Number | None = None
    """Weekly hours of the one person whose hours were last computed: « et si je fais encore 6 semaines ? » adds to them."""
    figures: dict[str, Number] = {}
    """The user's own figures a computation may reuse (``penalty``, ``monthly_hours``…): « et avec un plafond de
    10 % ? » caps the penalty just computed, « ça fait combien sur un an ? » takes the monthly hours said before;
    ``left`` and ``left_months`` are hours to be worked and the months they have (the rest of a target, a staffing's
    period): « et s'il n'en reste qu'un à 35 h ? » says whether the new rhythm covers them in time."""
    last_question: str | None = None
    """The last question searched in the corpus, completing a short follow-up question."""
    reserved_topic: str | None = None
    """The reserved market (``reserved-siae``…) the questions were about, kept while later questions no longer name
    its beneficiaries: « la mention à mettre dans l'avis » then drafts that reservation's notice."""
    asker: Literal["acheteur", "entreprise", "public"] | None = None
    """The side the writer said earlier in the conversation (« notre association », « je prépare notre marché »):
    a later question that does not say it is matched for the same side (assistant/audience.py)."""
    offered_sizing: str | None = None
    """The message whose answer offered a computation (« Voulez-vous que je calcule les heures ? »):
    a « oui » or « vas-y » next sizes it."""

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ConversationState:
        """The state stored by the session store; fields that no longer validate are dropped."""
        if not isinstance(data, dict):
            return cls()
        try:
            return cls.model_validate(data)
        except ValidationError:
            kept: dict[str, Any] = {}
            for name in cls.model_fields:
                if name not in data:
                    continue
                try:
                    cls.model_validate({name: data[name]})
                except ValidationError:
                    continue
                kept[name] = data[name]
            return cls.model_validate(kept)

    @classmethod
    def coerce(cls, value: ConversationState | dict[str, Any] | None) -> ConversationState:
        """Accepts the stored dict form at the boundaries (tests, older callers)."""
        return value if isinstance(value, ConversationState) else cls.from_dict(value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON dict the session store keeps: only what is set."""
        return self.model_dump(mode="json", exclude_defaults=True)

    def but(self, **changes: Any) -> ConversationState:
        """A copy with ``changes`` applied (the state of the turn being answered)."""
        return self.model_copy(update=changes, deep=True)
