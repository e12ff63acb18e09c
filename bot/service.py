"""The platform-neutral service: one live corpus, swapped whole; every adapter calls it and only renders."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.errors import BadQuestion, CorpusUnavailable, ReloadBusy, ReloadRefused
from bot.questions import clean_question
from bot.settings import Settings
from search.aliases import AliasTable
from search.corpus import CorpusData, load_folder
from search.index import Index
from search.models import Document, Hit, LoadReport, SkippedFile
from search.synonyms import Synonyms
from search.text import Analyzer


@dataclass(frozen=True)
class LiveCorpus:
    """One loaded corpus version: documents, passages and index, never changed after it is built."""

    version: str
    data: CorpusData
    index: Index
    loaded_at: datetime
    build_seconds: float

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


def build_corpus(folder: Path, aliases_path: Path | None, synonyms_path: Path | None,
                 max_file_bytes: int) -> LiveCorpus:
    """Read, clean and index a corpus folder into a new immutable version (synchronous, CPU-bound)."""
    started = time.perf_counter()
    aliases = AliasTable.from_toml(aliases_path) if aliases_path and aliases_path.is_file() else AliasTable.empty()
    analyzer = Analyzer(aliases)
    synonyms = Synonyms.from_toml(synonyms_path, analyzer.terms) if synonyms_path and synonyms_path.is_file() \
        else Synonyms.empty()
    data = load_folder(folder, max_file_bytes)
    index = Index.build(data.passages, analyzer, synonyms)
    return LiveCorpus(data.content_hash[:12], data, index, datetime.now(UTC), time.perf_counter() - started)


class Service:
    """Holds the live corpus and answers ask and sources; reload swaps the corpus in one step."""

    def __init__(self, settings: Settings, corpus: LiveCorpus) -> None:
        self.settings = settings
        self._corpus = corpus
        self._memory_usage = MemoryUsage()
        self._reload_lock = asyncio.Lock()

    @classmethod
    def load(cls, settings: Settings) -> Service:
        """A service over the configured corpus folder; raises CorpusUnavailable when it cannot be read."""
        try:
            corpus = build_corpus(settings.corpus_dir, settings.aliases_path, settings.synonyms_path,
                                  settings.max_file_bytes)
        except FileNotFoundError as exc:
            raise CorpusUnavailable(str(exc)) from exc
        if not corpus.documents:
            raise CorpusUnavailable(f"no article could be read from {settings.corpus_dir}")
        return cls(settings, corpus)

    @property
    def corpus(self) -> LiveCorpus:
        """The live corpus version; read it once per request and use that object throughout."""
        return self._corpus

    def ask_sync(self, question: str, top: int | None = None, doc_ids: list[str] | None = None) -> Answer:
        """Answer a question from the live corpus; raises BadQuestion for input with nothing to search."""
        started = time.perf_counter()
        corpus = self._corpus
        cleaned = clean_question(question, self.settings.max_question_chars)
        query = corpus.index.parse(cleaned.text)
        if not query.terms:
            raise BadQuestion("That question has only common words like “what” or “the”. "
                              "Add the names or things you are asking about.")
        result = corpus.index.search(query, top or self.settings.top_k, self.settings.snippet_chars, doc_ids)
        shown = result.hits + result.closest
        documents = {h.passage.doc_id: d for h in shown if (d := corpus.document(h.passage.doc_id))}
        message = None
        if not result.answered:
            message = _nothing_found(result.query.phrases, bool(result.closest))
        return Answer(cleaned.text, result.answered, result.hits, result.closest, corpus.version, documents,
                      cleaned.notices, message, time.perf_counter() - started, round(result.coverage, 4))

    async def ask(self, question: str, top: int | None = None, doc_ids: list[str] | None = None, *,
                  platform: str = "cli", user_id: str | None = None) -> Answer:
        """`ask_sync` off the event loop, so a long search never blocks a chat connection; logs the query."""
        answer = await asyncio.to_thread(self.ask_sync, question, top, doc_ids)
        self._usage().log_question(answer.question, answer.answered, platform, user_id)
        return answer

    def sources(self) -> tuple[Document, ...]:
        """The documents of the live corpus, in path order."""
        return self._corpus.documents

    # --- In-memory reload, feedback, audit and usage: the interface the store-backed service keeps.
    # Replaced by the SQLite-backed implementation; adapters call only these four coroutines.

    def _usage(self) -> MemoryUsage:
        return self._memory_usage

    async def reload(self, requested_by: str, *, force: bool = False) -> ReloadReport:
        """Build a whole new corpus beside the live one and swap it in one step.

        Raises ReloadBusy while another reload runs, ReloadRefused when the new corpus has no article.
        """
        usage = self._usage()
        if self._reload_lock.locked():
            raise ReloadBusy("A reload is already running; try again when it has finished.")
        async with self._reload_lock:
            old = self._corpus
            s = self.settings
            new = await asyncio.to_thread(build_corpus, s.corpus_dir, s.aliases_path, s.synonyms_path,
                                          s.max_file_bytes)
            if not new.documents:
                raise ReloadRefused(f"No article could be read from {s.corpus_dir}; "
                                    "the live corpus is unchanged.")
            report = ReloadReport.between(old, new, requested_by)
            if report.changed_anything or force:
                self._corpus = new
            usage.reloads.append(report)
            return report

    async def record_feedback(self, question: str, passage_id: str, helpful: bool, *, platform: str,
                              user_id: str) -> None:
        """Keep one reader's verdict on one quoted passage."""
        self._usage().feedback.append((question, passage_id, helpful, platform, user_id))

    async def stats(self) -> UsageStats:
        """Questions asked, unanswered questions and feedback so far."""
        usage = self._usage()
        unanswered = [q for q, answered, _, _ in usage.questions if not answered]
        helpful = sum(1 for f in usage.feedback if f[2])
        return UsageStats(len(usage.questions), len(unanswered), helpful, len(usage.feedback) - helpful,
                          tuple(unanswered[-10:][::-1]))

    async def audit(self, actor: str, action: str, allowed: bool, result: str) -> None:
        """Record an admin action, allowed or denied."""
        self._usage().audit.append((actor, action, allowed, result))


@dataclass
class MemoryUsage:
    """Query log, feedback, audit trail and reload history kept in memory."""

    questions: list[tuple[str, bool, str, str | None]] = field(default_factory=list)
    feedback: list[tuple[str, str, bool, str, str]] = field(default_factory=list)
    audit: list[tuple[str, str, bool, str]] = field(default_factory=list)
    reloads: list[ReloadReport] = field(default_factory=list)

    def log_question(self, question: str, answered: bool, platform: str, user_id: str | None) -> None:
        """Remember one asked question."""
        self.questions.append((question, answered, platform, user_id))


@dataclass(frozen=True, slots=True)
class ReloadReport:
    """What a reload changed: documents added, removed or changed, and files that failed and why."""

    requested_by: str
    old_version: str
    new_version: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    failed: tuple[SkippedFile, ...]
    documents: int
    seconds: float

    @property
    def changed_anything(self) -> bool:
        """True when the new corpus differs from the old one."""
        return self.old_version != self.new_version

    @classmethod
    def between(cls, old: LiveCorpus, new: LiveCorpus, requested_by: str) -> ReloadReport:
        """Compare two corpus versions document by document."""
        before = {d.doc_id: d.content_hash for d in old.documents}
        after = {d.doc_id: d.content_hash for d in new.documents}
        return cls(requested_by, old.version, new.version,
                   tuple(sorted(after.keys() - before.keys())), tuple(sorted(before.keys() - after.keys())),
                   tuple(sorted(k for k in after.keys() & before.keys() if after[k] != before[k])),
                   new.report.skipped, len(new.documents), round(new.build_seconds, 3))


@dataclass(frozen=True, slots=True)
class UsageStats:
    """Usage counts for admins."""

    questions: int
    unanswered: int
    helpful: int
    unhelpful: int
    recent_unanswered: tuple[str, ...]


def _nothing_found(phrases: tuple[str, ...], has_closest: bool) -> str:
    if phrases:
        quoted = ", ".join(f"“{p}”" for p in phrases)
        text = f"Nothing found: no passage contains {quoted} and answers the question."
    else:
        text = "Nothing found: no passage answers that question with confidence."
    return text + (" These passages come closest:" if has_closest else "")
