"""The records the service hands to every adapter, and the store it needs (a port the store package fills)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from bot.core.platforms import PlatformStatus
from search.corpus import CorpusData
from search.extract import Extraction
from search.index import Index
from search.models import Document, Hit, LoadReport


@dataclass(frozen=True)
class LiveCorpus:
    """One loaded corpus version: documents, passages and index, never changed after it is built."""

    version: str
    data: CorpusData
    index: Index
    loaded_at: datetime
    build_seconds: float
    extraction: Extraction = field(default_factory=Extraction)

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents of this version."""
        return self.data.documents

    @property
    def report(self) -> LoadReport:
        """What the load read and skipped."""
        return self.data.report

    def document(self, doc_id: str) -> Document | None:
        """A document by id, or None."""
        return next((d for d in self.data.documents if d.doc_id == doc_id), None)


@dataclass(frozen=True, slots=True)
class Answer:
    """The service's answer to one question, for any adapter to render."""

    question: str
    answered: bool
    hits: tuple[Hit, ...]
    closest: tuple[Hit, ...]
    corpus_version: str
    documents: dict[str, Document]
    notices: tuple[str, ...] = ()
    message: str | None = None
    seconds: float = 0.0
    confidence: float = 0.0
    retrieval: str = "bm25"  # "hybrid" when dense similarity joined BM25 for this answer


@dataclass(frozen=True, slots=True)
class UsageStats:
    """How the bot is used: questions asked, how many went unanswered, feedback, recent misses."""

    questions: int
    unanswered: int
    helpful: int
    unhelpful: int
    recent_unanswered: tuple[str, ...]
    platforms: tuple[PlatformStatus, ...] = ()  # each chat platform's connection, by name


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """A corpus version as the database holds it: its row id, version name, when, and its data."""

    row_id: int
    version: str
    created_at: str
    folder: str
    data: CorpusData


class Store(Protocol):
    """What the service keeps in the database; `bot.store.Store` is the one implementation."""

    path: Path

    async def save_version(self, corpus: LiveCorpus) -> None:
        """Keep a version with its extraction results, pruning old ones."""

    async def latest_version(self) -> StoredVersion | None:
        """The newest stored version, or None."""

    async def latest_content_hash(self) -> str | None:
        """The content hash of the newest stored version, or None."""

    async def log_query(self, question: str, platform: str, user_id: str | None, answered: bool,
                        top_passage_id: str | None, latency_ms: float, corpus_version: str) -> None:
        """Add a question to the query log."""

    async def record_feedback(self, question: str, passage_id: str, helpful: bool, platform: str,
                              user_id: str) -> None:
        """Keep a reader's verdict on a quoted passage."""

    async def stats(self) -> UsageStats:
        """Usage figures for `/stats`."""

    async def audit(self, actor: str, action: str, allowed: bool, result: str) -> int:
        """Add an admin action to the audit log."""

    async def remember_thread(self, platform: str, thread: str, question: str) -> None:
        """Keep the question a chat thread answered, for follow-ups in it."""

    async def thread_question(self, platform: str, thread: str) -> str | None:
        """The question a chat thread answered, or None."""
