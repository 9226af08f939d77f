"""Everything built once from the settings and shared by a process (CLI command, API worker).

Heavy parts (the embedding model, the opened index) are created on first use, so a
command that only sizes hours never loads a model.
"""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.db import Database
from assistant.drafting import ClauseLibrary, load_library
from assistant.presenting import Messages, load_messages
from assistant.redirects import Redirects, load_redirects
from assistant.refusal_parts import RefusalParts, load_refusal_parts
from assistant.routing import RefusalPolicy
from assistant.sessions import SessionStore
from assistant.settings import Settings
from assistant.sizing import Grid, load_grid
from assistant.tools import Toolbox

if TYPE_CHECKING:  # the search stack (Chroma, BM25, LangChain) is imported when first used
    from assistant.backends.base import Backend
    from assistant.backends.embedded import EmbeddedBackend
    from assistant.conversation import Engine
    from assistant.embeddings import Embedder
    from assistant.index import Index
    from assistant.intents import IntentClassifier
    from assistant.matching import CardMatcher
    from assistant.retrieval import QueryExpander, Retriever


class Context:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._embedder = embedder
        self._matcher: tuple[Index, CardMatcher] | None = None

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                from assistant.embeddings import Embedder

                self._embedder = Embedder.from_settings(self.settings)
            return self._embedder

    @property
    def index(self) -> Index:
        """The current build, reopened when an ingestion has swapped in a new one."""
        with self._lock:
            if self._index is None or not self._index.is_current(self.settings):
                from assistant.index import Index

                index = Index.open(self.settings)
                index.require_model(self._query_identity())
                self._index = index
            return self._index

    def _query_identity(self) -> str | None:
        """The identity of the embedder that will embed queries, without loading it."""
        if self._embedder is not None:
            return getattr(self._embedder, "identity", None)
        from assistant.embeddings import embedding_identity

        return embedding_identity(self.settings)

    @cached_property
    def expander(self) -> QueryExpander:
        from assistant.retrieval import QueryExpander

        return QueryExpander.load(self.settings.domain_data_dir / "abbreviations.yaml")

    @property
    def retriever(self) -> Retriever:
        from assistant.retrieval import Retriever

        return Retriever.from_settings(self.index, self.embedder, self.settings, self.expander)

    def reload(self) -> None:
        with self._lock:
            self._index = None

    @cached_property
    def grid(self) -> Grid:
        return load_grid(self.settings.domain_data_dir / "sizing_grid.yaml")

    @cached_property
    def library(self) -> ClauseLibrary:
        return load_library(
            self.settings.prompts_dir / "clauses", self.settings.domain_data_dir / "known_articles.yaml"
        )

    @cached_property
    def messages(self) -> Messages:
        return load_messages(self.settings.prompts_dir / "messages.yaml")

    @cached_property
    def intents(self) -> IntentClassifier:
        """The intent classifier, trained from prompts/intents/ or read from its cache in <data_dir>/models/."""
        from assistant.intents import IntentClassifier

        # utterances.yaml only: adding the outside writers' files (the whole folder) was measured
        # worse on blind batch-01 (correct + partial 230 → 227, wrong route 17 → 21).
        return IntentClassifier.load(
            self.settings.prompts_dir / "intents" / "utterances.yaml", self.settings.models_dir
        )

    @property
    def card_matcher(self) -> CardMatcher | None:
        """The answer cards of corpus/cards/ with their embeddings (cached in <data_dir>/models/); None without cards."""
        from assistant.cards import load_cards
        from assistant.colloquial import ColloquialAnalyzer
        from assistant.matching import CardMatcher

        index, embedder = self.index, self.embedder
        with self._lock:
            if self._matcher is None or self._matcher[0] is not index:
                folder = self.settings.cards_dir
                cards = load_cards(folder) if folder.is_dir() else []
                if not cards:
                    return None
                matcher = CardMatcher(
                    cards,
                    embedder.embed_documents,
                    embedder.embed_query,
                    index.lexical.idf,
                    cache_dir=self.settings.models_dir,
                    identity=embedder.identity,
                    analyzer=ColloquialAnalyzer.load(self.settings.domain_data_dir / "colloquial.yaml"),
                    embed_queries=embedder.embed_queries,
                )
                self._matcher = (index, matcher)
            return self._matcher[1]

    def warm_up(self) -> None:
        """Load now what the first questions would load (the model, the intent classifier, the answer cards
        and their readings' vectors, the clause templates, the backend with its refusal models) and embed the
        tools' fixed searches: a server's start-up, and a benchmark before it times turns."""
        self.embedder  # noqa: B018 - loads the model
        self.intents  # noqa: B018 - trains or reads the classifier
        matcher = self.card_matcher  # parses and embeds the cards
        if matcher is not None:
            from assistant.readings import embed_card_texts

            embed_card_texts(matcher)  # the cards' yes/no readings
        self.library.compile_templates()
        self.embed_constant_queries()

    def embed_constant_queries(self) -> int:
        """Embed the product's fixed grounding searches (:meth:`EmbeddedBackend.constant_queries`) now, at
        start-up, rather than on the first turn of each kind (a drafted text then embedded two texts, a
        first sizing three). Returns how many texts."""
        texts = self.embedded.constant_queries()
        for text in texts:  # searched as the turns search them, so each vector is kept under the key they use
            self.toolbox.search(text, constant=True)
        return len(texts)

    @cached_property
    def redirects(self) -> Redirects:
        prompts = self.settings.prompts_dir
        return load_redirects(
            prompts / "redirects.yaml",
            prompts / "case_specific.yaml",
            prompts / "intents" / "utterances.yaml",
            self.settings.models_dir,
            prompts / "answerers.yaml",
        )

    @cached_property
    def refusal_parts(self) -> RefusalParts:
        """The words of the legal guardrails' refusals and who can help, from <prompts_dir>/refusals.yaml."""
        return load_refusal_parts(self.settings.prompts_dir / "refusals.yaml")

    @cached_property
    def refusal_policy(self) -> RefusalPolicy:
        """The refusal policy every backend shares, its conduct rules read from <prompts_dir>/conduct.yaml and its
        learned check trained on <prompts_dir>/conduct_examples.yaml (cached in <data_dir>/models/)."""
        return RefusalPolicy.learned(self.settings.prompts_dir, self.settings.models_dir, self.settings.cards_dir)

    @cached_property
    def toolbox(self) -> Toolbox:
        return Toolbox(lambda: self.retriever, self.grid, self.library, self.refusal_parts)

    @cached_property
    def database(self) -> Database:
        return Database(self.settings.database)

    @cached_property
    def store(self) -> SessionStore:
        return SessionStore(self.database)

    @cached_property
    def embedded(self) -> EmbeddedBackend:
        """The embedded backend: intent classifier, answer cards, redirects, tools over the guides."""
        from assistant.backends.embedded import EmbeddedBackend

        return EmbeddedBackend(
            self.toolbox,
            self.messages,
            classifier=self.intents,
            redirects=self.redirects,
            policy=self.refusal_policy,
            cards=lambda: self.card_matcher,
        )

    @cached_property
    def backend(self) -> Backend:
        """The configured backend: the embedded one, or the LLM falling back on it when unavailable."""
        if self.settings.backend != "llm":
            return self.embedded
        from assistant.backends.fallback import FallbackBackend
        from assistant.backends.llm import LLMBackend

        llm = LLMBackend.from_settings(self.settings, self.toolbox)
        return FallbackBackend(llm, self.embedded, notice=self.messages.get("fallback_notice"))

    @cached_property
    def engine(self) -> Engine:
        from assistant.conversation import Engine

        return Engine(
            self.store,
            self.backend,
            refusals=self.embedded,
            max_chars=self.settings.max_message_chars,
            history=self.settings.session_history_turns,
            log_messages=self.settings.log_messages,
        )
