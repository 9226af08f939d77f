"""The LLM backend: a LangChain agent over the same three tools as the embedded backend.

``langchain.agents.create_agent`` runs the tool loop: the chat model (any
OpenAI-compatible server such as vLLM, Albert or LM Studio, Ollama, or Mistral,
chosen by the settings) may call

- ``search_corpus(query)``: the retrieved passages, numbered and enclosed in an
  escaped ``<passages>`` data block; numbering continues over the turn, so the
  answer's [n] are the numbers of :func:`assistant.citations.number_passages` over
  every passage shown, which is what :attr:`Answer.sources` holds;
- ``size_insertion_hours(...)``: the :class:`~assistant.sizing.SizingResult` as JSON,
  or the French message of an :class:`~assistant.errors.InvalidInput`;
- ``draft_clause(kind, parameters)``: the :class:`~assistant.drafting.DraftResult`
  as JSON, or the French refusal or error.

The system prompt (``prompts/system.md``) and the tool texts (``prompts/tools.yaml``)
are data; this module holds no prompt text.

Failures never crash a turn: timeouts, connection and HTTP errors, a model that
ends without a usable final text, too many steps, or any exception raised while
the agent runs become :class:`~assistant.errors.BackendUnavailable`, on which the
:class:`~assistant.backends.fallback.FallbackBackend` composed by
:mod:`assistant.context` answers the turn with the embedded backend.

Guardrails shared with the embedded backend: the
:class:`~assistant.conversation.Engine` applies the refusal policy before any
backend, so a refused request (injection, personal data, litigation, residence,
nationality, single fulfilment route) never reaches the model. Output safety:
configured secrets (the model server's API key, the admin token) are masked in the
answer and in the recorded tool arguments, and an answer that reproduces lines of
the system prompt is replaced by the refusal message.

:meth:`LLMBackend.stream` sends the model's text tokens as they come; the final
answer (checked, redacted, with its citations) follows and replaces them.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, ConfigDict, Field, SecretStr, create_model
from pydantic_core import to_jsonable_python

from assistant.backends.base import Answer, Delta, Turn
from assistant.citations import number_passages
from assistant.errors import BackendUnavailable, ClausesError, IndexUnavailable, RequestRefused
from assistant.fr import fold
from assistant.responses import ToolCall
from assistant.retrieval import Hit
from assistant.settings import PROJECT_ROOT
from assistant.sizing import SizingParams
from assistant.state import ConversationState
from assistant.tools import Toolbox
from assistant.yaml_data import load_yaml

if TYPE_CHECKING:
    from assistant.settings import Settings

log = logging.getLogger(__name__)

# Four tool rounds and a final answer: each model call and each tool round is one graph step.
DEFAULT_MAX_STEPS = 9
DEFAULT_HISTORY_MESSAGES = 10  # five exchanges of the conversation are sent back to the model
MAX_HISTORY_CHARS = 4000  # per message sent back
MAX_ANSWER_CHARS = 20_000  # a longer "answer" is a generation loop, not an answer
MIN_SECRET_CHARS = 8  # shorter values ("EMPTY", "ollama") are not secrets and would mask words
TEMPERATURE = 0.2  # grounded, reproducible answers
REDACTED = "[information masquée]"
_PROMPT_LINE_MIN_CHARS = 40
_PROMPT_LINE_PREFIX_CHARS = 80

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_THINK = re.compile(r"<think>.*?(</think>|$)", re.DOTALL | re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_RAW_TOOL_CALL = re.compile(
    r"<\|?tool_call|\[TOOL_CALLS\]|<function=|\"(name|function)\"\s*:\s*\"("
    r"search_corpus|size_insertion_hours|draft_clause)\"",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"[*_`#>]+")
_CITATION = re.compile(r"[ \t]?\[\d{1,3}\]")


_TOOL_PARTS = ("name", "description", "parameters")


def sizing_tool_schema() -> type[BaseModel]:
    """The arguments of ``size_insertion_hours``: the fields of :class:`SizingParams`, with their descriptions."""
    fields: dict[str, Any] = {
        name: (info.annotation, Field(default=info.default, description=str(info.description or name)))
        for name, info in SizingParams.model_fields.items()
    }
    return create_model("SizeInsertionHoursInput", __config__=ConfigDict(extra="forbid"), **fields)


class LLMConfigurationError(ClausesError):
    """The LLM backend is selected but its settings or prompt files are incomplete."""

    code = "configuration_llm"


# === prompts ===================================================================


@dataclass(frozen=True)
class AgentPrompts:
    """``prompts/system.md`` and ``prompts/tools.yaml``, read once."""

    system: str
    tools: dict[str, Any]
    refusal: str

    @classmethod
    def load(cls, prompts_dir: str | Path) -> AgentPrompts:
        folder = Path(prompts_dir)
        try:
            system = (folder / "system.md").read_text(encoding="utf-8").strip()
            tools = load_yaml((folder / "tools.yaml").read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise LLMConfigurationError(
                f"Les consignes du modèle de langage sont illisibles dans « {folder} » "
                "(system.md et tools.yaml sont nécessaires).",
                detail=repr(error),
            ) from None
        # The sizing tool's parameters are described once, by SizingParams.
        for key, parts in (("search", _TOOL_PARTS), ("size", _TOOL_PARTS[:2]), ("draft", _TOOL_PARTS)):
            spec = tools.get(key)
            if not isinstance(spec, dict) or not all(spec.get(part) for part in parts):
                raise LLMConfigurationError(
                    f"Le fichier tools.yaml ne décrit pas l'outil « {key} » ({', '.join(parts)})."
                )
        if not system:
            raise LLMConfigurationError(f"Le fichier system.md de « {folder} » est vide.")
        refusal = ""
        try:
            messages = load_yaml((folder / "messages.yaml").read_text(encoding="utf-8")) or {}
            refusal = str(messages.get("refusal", {}).get("injection", "")).strip()
        except (OSError, yaml.YAMLError, AttributeError):
            pass
        return cls(system=system, tools=tools, refusal=refusal)

    def text(self, *path: str, **values: Any) -> str:
        node: Any = self.tools
        for part in path:
            node = node[part]
        return _fill(str(node), **values).strip()


def _fill(template: str, **values: Any) -> str:
    """Replace ``{name}`` placeholders; other braces in the template are left alone."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


# === chat models ===================================================================


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model named by the settings, constructed without any network call.

    Every provider needs ``llm_model`` and an explicit ``llm_base_url`` (no implicit
    cloud endpoint); Mistral also needs ``llm_api_key``.
    """
    if not settings.llm_model or not settings.llm_model.strip():
        raise LLMConfigurationError(
            "Le moteur LLM est choisi (CLAUSES_BACKEND=llm) mais aucun modèle n'est indiqué : "
            "renseignez CLAUSES_LLM_MODEL (par exemple le nom du modèle servi par vLLM ou Ollama)."
        )
    if not settings.llm_base_url or not settings.llm_base_url.strip():
        raise LLMConfigurationError(
            "Le moteur LLM est choisi (CLAUSES_BACKEND=llm) mais l'adresse du serveur de modèle manque : "
            "renseignez CLAUSES_LLM_BASE_URL (par exemple http://127.0.0.1:8000/v1 pour vLLM, "
            "http://127.0.0.1:11434 pour Ollama)."
        )
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    model, base_url, timeout = settings.llm_model.strip(), settings.llm_base_url.strip(), settings.llm_timeout
    if settings.llm_provider == "openai":
        from langchain_openai import ChatOpenAI

        # vLLM and LM Studio accept any key when they run without authentication; "EMPTY" is their convention.
        return ChatOpenAI(
            base_url=base_url,
            api_key=SecretStr(key or "EMPTY"),
            model=model,
            timeout=timeout,
            max_retries=0,
            temperature=TEMPERATURE,
        )
    if settings.llm_provider == "ollama":
        from langchain_ollama import ChatOllama

        client_kwargs: dict[str, Any] = {"timeout": timeout}
        if key:
            client_kwargs["headers"] = {"Authorization": f"Bearer {key}"}
        return ChatOllama(
            base_url=base_url,
            model=model,
            temperature=TEMPERATURE,
            client_kwargs=client_kwargs,
            validate_model_on_init=False,
        )
    if settings.llm_provider == "mistral":
        if not key:
            raise LLMConfigurationError(
                "Le fournisseur Mistral demande une clé d'API : renseignez CLAUSES_LLM_API_KEY."
            )
        from langchain_mistralai import ChatMistralAI

        return ChatMistralAI(  # type: ignore[call-arg]  # pydantic aliases (model, endpoint) unknown to mypy
            model=model,
            api_key=SecretStr(key),
            endpoint=base_url,
            timeout=max(1, math.ceil(timeout)),
            max_retries=0,
            temperature=TEMPERATURE,
        )
    raise LLMConfigurationError(f"Fournisseur de modèle inconnu : « {settings.llm_provider} ».")


# === one turn's tool calls =========================================================


@dataclass
class _TurnRecorder:
    """What the tools did during one turn: passages shown (numbered) and calls made."""

    shown: list[Hit] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)
    calls: list[ToolCall] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    sizing: tuple[dict[str, Any], dict[str, Any]] | None = None
    draft: tuple[str, dict[str, Any]] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def number(self, hits: list[Hit]) -> list[int]:
        """Numbers of ``hits``, continuing the turn's numbering; a passage shown twice keeps its number."""
        with self.lock:
            out = []
            for hit in hits:
                if hit.chunk.id not in self.numbers:
                    self.shown.append(hit)
                    self.numbers[hit.chunk.id] = len(self.shown)
                out.append(self.numbers[hit.chunk.id])
            return out

    def record(self, call: ToolCall) -> None:
        with self.lock:
            self.calls.append(call)


def _attr(value: Any) -> str:
    return html.escape(_CONTROL.sub(" ", str(value)), quote=True)


def _body(text: str) -> str:
    """Passage text as data: control characters removed, ``& < >`` escaped so no tag can close the block."""
    return html.escape(_CONTROL.sub(" ", text), quote=False)


def passages_block(header: str, numbered: Iterable[tuple[int, Hit]]) -> str:
    """The data block the model reads: one ``<passage>`` per hit, text escaped."""
    lines = [header, "<passages>"]
    for n, hit in numbered:
        chunk = hit.chunk
        attrs = [f'n="{n}"', f'titre="{_attr(chunk.title)}"', f'source="{_attr(chunk.source)}"']
        if chunk.section:
            attrs.append(f'section="{_attr(chunk.section)}"')
        if chunk.page is not None:
            attrs.append(f'page="{_attr(chunk.page)}"')
        lines.append(f"<passage {' '.join(attrs)}>")
        lines.append(_body(chunk.text))
        lines.append("</passage>")
    lines.append("</passages>")
    return "\n".join(lines)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


# === output safety ================================================================


class Redactor:
    """Masks configured secrets in text and detects answers reproducing the system prompt."""

    def __init__(self, secrets: Iterable[str | SecretStr | None], system_prompt: str) -> None:
        patterns = []
        for secret in secrets:
            value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
            if value and len(value.strip()) >= MIN_SECRET_CHARS:
                # The secret as written, or spelled out with spaces, dots, dashes or underscores between characters.
                patterns.append(r"[\s._\-·]{0,3}".join(re.escape(ch) for ch in value.strip()))
        patterns.sort(key=len, reverse=True)
        self._secrets = re.compile("|".join(patterns)) if patterns else None
        self._prompt_lines = self._distinctive_lines(system_prompt)

    @staticmethod
    def _normalise(text: str) -> str:
        return " ".join(fold(_MARKUP.sub(" ", text)).split())

    @classmethod
    def _distinctive_lines(cls, system_prompt: str) -> list[str]:
        lines = []
        for raw in system_prompt.splitlines():
            line = cls._normalise(raw.strip().lstrip("-#").strip())
            if len(line) >= _PROMPT_LINE_MIN_CHARS:
                lines.append(line[:_PROMPT_LINE_PREFIX_CHARS])
        return lines

    def mask(self, text: str) -> str:
        return self._secrets.sub(REDACTED, text) if self._secrets else text

    def mask_data(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.mask(value)
        if isinstance(value, dict):
            return {key: self.mask_data(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.mask_data(item) for item in value]
        return value

    def leaked_prompt_lines(self, text: str) -> int:
        normalised = self._normalise(text)
        return sum(1 for line in self._prompt_lines if line in normalised)


# === the backend ================================================================


class LLMBackend:
    """Answers with a chat model driving the search, sizing and drafting tools.

    ``model`` is any LangChain :class:`BaseChatModel` that supports tool calling
    (production: :meth:`from_settings`; tests: a scripted fake model). ``secrets``
    are masked in every answer.
    """

    name = "llm"
    live = True

    def __init__(
        self,
        model: BaseChatModel,
        toolbox: Toolbox,
        *,
        prompts_dir: str | Path | None = None,
        prompts: AgentPrompts | None = None,
        secrets: Sequence[str | SecretStr | None] = (),
        max_steps: int = DEFAULT_MAX_STEPS,
        history_messages: int = DEFAULT_HISTORY_MESSAGES,
    ) -> None:
        self.model = model
        self.toolbox = toolbox
        self.prompts = prompts or AgentPrompts.load(prompts_dir or PROJECT_ROOT / "prompts")
        self.max_steps = max_steps
        self.history_messages = history_messages
        self.redactor = Redactor(secrets, self.prompts.system)
        self._size_schema = sizing_tool_schema()

    @classmethod
    def from_settings(cls, settings: Settings, toolbox: Toolbox) -> LLMBackend:
        """The backend for ``CLAUSES_BACKEND=llm``; raises :class:`LLMConfigurationError` at start when incomplete."""
        model = build_chat_model(settings)
        return cls(
            model,
            toolbox,
            prompts_dir=settings.prompts_dir,
            secrets=[settings.llm_api_key, settings.admin_token, settings.llm_base_url],
            history_messages=2 * settings.session_history_turns,
        )

    # --- the turn ---------------------------------------------------------------------

    def answer(self, turn: Turn) -> Answer:
        recorder = _TurnRecorder()
        agent = self.build_agent(recorder, turn.state)
        messages = [*self._history(turn), HumanMessage(turn.message)]
        result = self._run(agent, messages)
        text = self._final_text(result)
        return self._finish(turn, text, recorder)

    def stream(self, turn: Turn) -> Iterator[Delta | Answer]:
        """The model's text tokens as they come, then the checked :class:`Answer`.

        Tokens of a model step that ends by calling tools are sent too; the final
        answer replaces everything sent (the front ends render it from « done »).
        """
        recorder = _TurnRecorder()
        agent = self.build_agent(recorder, turn.state)
        messages = [*self._history(turn), HumanMessage(turn.message)]
        final: dict[str, Any] = {}
        for kind, data in self._run_stream(agent, messages):
            if kind == "values":
                final = data
                continue
            chunk = data[0] if isinstance(data, tuple) else data
            if isinstance(chunk, AIMessage) and not chunk.tool_calls and not getattr(chunk, "tool_call_chunks", None):
                token = chunk.text
                if token:
                    yield token
        yield self._finish(turn, self._final_text(final), recorder)

    def build_agent(self, recorder: _TurnRecorder, state: ConversationState | None = None) -> Any:
        """The LangChain agent of one turn (its tools write into ``recorder``)."""
        from langchain.agents import create_agent

        return create_agent(
            self.model, self.tools(recorder), system_prompt=self.system_prompt(state or ConversationState())
        )

    def system_prompt(self, state: ConversationState) -> str:
        """The system prompt, followed by what the session remembers of the last sizing or draft."""
        parts = [self.prompts.system]
        if state.sizing_params:
            parts.append(self.prompts.text("context", "last_sizing", params=_json(state.sizing_params)))
        if state.last_hours is not None:
            parts.append(self.prompts.text("context", "last_hours", hours=state.last_hours))
        if state.draft_kind:
            parts.append(
                self.prompts.text("context", "last_draft", kind=state.draft_kind, params=_json(state.draft_params))
            )
        return "\n\n".join(parts)

    def _history(self, turn: Turn) -> list[BaseMessage]:
        messages: list[BaseMessage] = []
        for message in turn.history[-self.history_messages :] if self.history_messages > 0 else []:
            content = (message.content or "").strip()[:MAX_HISTORY_CHARS]
            if message.role != "user":
                # Citation numbers are per turn: the model must not reuse an old [n] without searching again.
                content = _CITATION.sub("", content).strip()
            if not content:
                continue
            messages.append(HumanMessage(content) if message.role == "user" else AIMessage(content))
        return messages

    def _run(self, agent: Any, messages: list[BaseMessage]) -> dict[str, Any]:
        with self._agent_failures():
            return agent.invoke({"messages": messages}, config={"recursion_limit": self.max_steps})

    def _run_stream(self, agent: Any, messages: list[BaseMessage]) -> Iterator[tuple[str, Any]]:
        """The agent's (mode, data) stream of message chunks and state values, failures as in :meth:`_run`."""
        with self._agent_failures():
            yield from agent.stream(
                {"messages": messages},
                config={"recursion_limit": self.max_steps},
                stream_mode=["messages", "values"],
            )

    @contextmanager
    def _agent_failures(self) -> Iterator[None]:
        """Any failure of the agent's run as :class:`BackendUnavailable` with a French message."""
        from langgraph.errors import GraphRecursionError

        try:
            yield
        except (BackendUnavailable, IndexUnavailable):
            raise  # a missing index is reported as such by the front ends, whatever the backend
        except GraphRecursionError as error:
            raise self._unavailable(
                error, "Le modèle de langage n'a pas conclu dans le nombre d'étapes autorisé."
            ) from error
        except Exception as error:
            raise self._unavailable(error, _failure_message(error)) from error

    def _unavailable(self, error: BaseException, message: str) -> BackendUnavailable:
        return BackendUnavailable(message, detail=self.redactor.mask(f"{type(error).__name__}: {error}"))

    def _final_text(self, result: dict[str, Any]) -> str:
        messages = result.get("messages") if isinstance(result, dict) else None
        last = messages[-1] if messages else None
        if not isinstance(last, AIMessage):
            raise BackendUnavailable(
                "Le modèle de langage n'a pas produit de réponse.", detail=f"last message is {type(last).__name__}"
            )
        if last.tool_calls:
            raise BackendUnavailable(
                "Le modèle de langage n'a pas conclu sa réponse.", detail="the last message still calls tools"
            )
        text = _THINK.sub("", last.text or "")
        text = _CONTROL.sub("", text).strip()
        problem = _garbage(text, last)
        if problem:
            raise BackendUnavailable("Le modèle de langage a renvoyé une réponse inexploitable.", detail=problem)
        return text

    def _finish(self, turn: Turn, text: str, recorder: _TurnRecorder) -> Answer:
        if self.redactor.leaked_prompt_lines(text):
            log.warning("the model reproduced the system prompt; answer replaced by the refusal")
            text = self.prompts.refusal or REDACTED
        text = self.redactor.mask(text)
        calls = [
            call.model_copy(update={"arguments": self.redactor.mask_data(call.arguments)}) for call in recorder.calls
        ]
        names = {call.name for call in calls if "error" not in call.result and "refused" not in call.result}
        refused = any("refused" in call.result for call in calls)
        intent = (
            "drafting" if "draft" in names else "sizing" if "size" in names else "refusal" if refused else "question"
        )
        state = turn.state.but(last_intent=intent, pending=None)
        if recorder.sizing is not None:
            state.sizing_params, state.last_hours = recorder.sizing[0], recorder.sizing[1].get("hours")
        if recorder.draft is not None:
            state.draft_kind, state.draft_params = recorder.draft
        if recorder.queries:
            state.last_question = turn.message
        return Answer(text, intent, sources=number_passages(recorder.shown), tool_calls=calls, state=state)

    # --- tools ---------------------------------------------------------------------------

    def tools(self, recorder: _TurnRecorder) -> list[BaseTool]:
        """The three tools over the toolbox, recording into ``recorder``."""
        return [self._search_tool(recorder), self._size_tool(recorder), self._draft_tool(recorder)]

    def _search_tool(self, recorder: _TurnRecorder) -> BaseTool:
        prompts = self.prompts
        spec = prompts.tools["search"]
        schema = create_model(
            "SearchCorpusInput",
            __config__=ConfigDict(extra="forbid"),
            query=(str, Field(description=str(spec["parameters"]["query"]).strip(), min_length=1, max_length=1000)),
        )

        def search_corpus(query: str) -> str:
            query = " ".join(query.split())
            recorder.queries.append(query)
            try:
                hits = self.toolbox.search(query)
            except IndexUnavailable:
                raise
            except ClausesError as error:
                recorder.record(ToolCall(name="search", arguments={"query": query}, result={"error": error.message}))
                return prompts.text("search", "result", "error", message=error.message)
            numbers = recorder.number(hits)
            recorder.record(
                ToolCall(
                    name="search",
                    arguments={"query": query},
                    result={
                        "hits": [
                            {
                                "n": n,
                                "source": h.chunk.source,
                                "section": h.chunk.section,
                                "page": h.chunk.page,
                                "score": round(h.score, 4),
                            }
                            for n, h in zip(numbers, hits, strict=True)
                        ]
                    },
                )
            )
            if not hits:
                return prompts.text("search", "result", "empty", query=_body(query))
            header = prompts.text("search", "result", "header", query=_body(query), first=numbers[0])
            return passages_block(header, zip(numbers, hits, strict=True))

        return StructuredTool.from_function(
            search_corpus, name=str(spec["name"]), description=str(spec["description"]).strip(), args_schema=schema
        )

    def _size_tool(self, recorder: _TurnRecorder) -> BaseTool:
        prompts = self.prompts
        spec = prompts.tools["size"]

        def size_insertion_hours(**raw: Any) -> str:
            params = {
                key: to_jsonable_python(value)
                for key, value in raw.items()
                if value is not None and not (key == "framework" and value is False)
            }
            try:
                result = self.toolbox.size(params).to_dict()
            except ClausesError as error:
                recorder.record(ToolCall(name="size", arguments=params, result={"error": error.message}))
                return prompts.text("size", "result", "error", message=error.message)
            recorder.record(ToolCall(name="size", arguments=params, result=result))
            recorder.sizing = (params, result)
            return _json(result)

        return StructuredTool.from_function(
            size_insertion_hours,
            name=str(spec["name"]),
            description=str(spec["description"]).strip(),
            args_schema=self._size_schema,
        )

    def _draft_tool(self, recorder: _TurnRecorder) -> BaseTool:
        prompts = self.prompts
        spec = prompts.tools["draft"]
        catalog = self.toolbox.library.catalog
        kinds = "\n".join(
            prompts.text("draft", "kind_line", id=kind.id, title=kind.title, parameters=", ".join(kind.parameters))
            for kind in catalog.kinds
        )
        parameters = "\n".join(
            prompts.text("draft", "parameter_line", name=name, label=param.label)
            for name, param in catalog.parameters.items()
        )
        schema = create_model(
            "DraftClauseInput",
            __config__=ConfigDict(extra="forbid"),
            kind=(str, Field(description=prompts.text("draft", "parameters", "kind"), min_length=1, max_length=100)),
            parameters=(
                dict[str, Any],
                Field(
                    default_factory=dict,
                    description=prompts.text("draft", "parameters", "parameters", parameters=parameters),
                ),
            ),
        )

        def draft_clause(kind: str, parameters: dict[str, Any] | None = None) -> str:
            params = to_jsonable_python(parameters or {})
            arguments = {"kind": kind, "parameters": params}
            try:
                result = self.toolbox.draft(kind, params).to_dict()
            except RequestRefused as error:
                recorder.record(ToolCall(name="draft", arguments=arguments, result={"refused": error.message}))
                return prompts.text("draft", "result", "refused", message=error.message)
            except ClausesError as error:
                recorder.record(ToolCall(name="draft", arguments=arguments, result={"error": error.message}))
                return prompts.text("draft", "result", "error", message=error.message)
            recorder.record(ToolCall(name="draft", arguments=arguments, result=result))
            recorder.draft = (result.get("kind", kind), params)
            return _json(result)

        return StructuredTool.from_function(
            draft_clause,
            name=str(spec["name"]),
            description=prompts.text("draft", "description", kinds=kinds),
            args_schema=schema,
        )


# === failure classification =====================================================


def _garbage(text: str, message: AIMessage) -> str | None:
    """Why a final model text is unusable, or None."""
    if not text:
        invalid = getattr(message, "invalid_tool_calls", None)
        return "empty final text" + (" with invalid tool calls" if invalid else "")
    if len(text) > MAX_ANSWER_CHARS:
        return f"final text of {len(text)} characters"
    if not _LETTER.search(text):
        return "final text without any letter"
    if _RAW_TOOL_CALL.search(text):
        return "a tool call written as text (server tool parser misconfigured?)"
    stripped = text.strip()
    if stripped[:1] in "{[" and stripped[-1:] in "}]":
        try:
            json.loads(stripped)
        except ValueError:
            return None
        return "raw JSON instead of an answer"
    return None


def _failure_message(error: BaseException) -> str:
    names = " ".join(cls.__name__ for cls in type(error).__mro__).lower()
    if isinstance(error, TimeoutError) or "timeout" in names:
        return "Le modèle de langage n'a pas répondu à temps."
    if isinstance(error, ConnectionError) or "connect" in names or "network" in names:
        return "Le serveur du modèle de langage est injoignable."
    status = getattr(error, "status_code", None)
    if isinstance(status, int):
        return f"Le serveur du modèle de langage a renvoyé une erreur (HTTP {status})."
    return "Le modèle de langage a rencontré une erreur."


__all__: list[str] = [
    "AgentPrompts",
    "LLMBackend",
    "LLMConfigurationError",
    "Redactor",
    "build_chat_model",
    "passages_block",
]
