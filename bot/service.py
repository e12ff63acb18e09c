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
        self._log_query(answer, platform, user_id)
        return answer

    def sources(self) -> tuple[Document, ...]:
        """The documents of the live corpus, in path order."""
        return self._corpus.documents

    # --- In-memory usage log and reload: the agreed interface of the store-and-reload work, kept in
    # --- lists until the SQLite store replaces this block (same names and signatures).

    def _log_query(self, answer: Answer, platform: str, user_id: str | None) -> None:
        usage = _usage(self)
        usage.queries.append((answer.question, answer.answered, platform, user_id))

    async def reload(self, requested_by: str, *, force: bool = False) -> ReloadReport:
        """Build the next corpus off the event loop and swap it in one step.

        A load that lost files is refused unless forced, one with no documents always; a second
        reload while one runs raises ReloadBusy.
        """
        usage = _usage(self)
        if usage.reloading.locked():
            raise ReloadBusy("A reload is already running.")
        async with usage.reloading:
            old = self._corpus
            new = await asyncio.to_thread(build_corpus, self.settings.corpus_dir, self.settings.aliases_path,
                                          self.settings.synonyms_path, self.settings.max_file_bytes)
            report = _reload_report(old, new)
            if not new.documents:
                raise ReloadRefused("Reload refused: no article could be read; the live corpus is unchanged.")
            if new.report.skipped and not force:
                names = "; ".join(f"{s.path}: {s.reason}" for s in new.report.skipped)
                raise ReloadRefused(f"Reload refused, the live corpus is unchanged. Files that failed: "
                                    f"{names}")
            self._corpus = new
            return report

    async def record_feedback(self, question: str, passage_id: str, helpful: bool, *, platform: str,
                              user_id: str) -> None:
        """Keep one 👍/👎 on a passage as the answer to a question."""
        _usage(self).feedback.append((question, passage_id, helpful, platform, user_id))

    async def stats(self) -> UsageStats:
        """Questions asked, unanswered, and feedback, with the latest unanswered questions."""
        usage = _usage(self)
        unanswered = [q for q, answered, _, _ in usage.queries if not answered]
        helpful = sum(1 for f in usage.feedback if f[2])
        return UsageStats(len(usage.queries), len(unanswered), helpful, len(usage.feedback) - helpful,
                          tuple(unanswered[-RECENT_UNANSWERED:][::-1]))

    async def audit(self, actor: str, action: str, allowed: bool, result: str) -> None:
        """Keep one admin action: who, what, allowed or denied, and the result."""
        _usage(self).audit.append((actor, action, allowed, result))


RECENT_UNANSWERED = 5  # enough for an admin to see what the corpus is missing, short enough for chat


@dataclass(frozen=True, slots=True)
class ReloadReport:
    """What a reload changed: documents added, removed and changed, passages, and files that failed."""

    version: str
    previous_version: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    passages: int
    skipped: tuple[SkippedFile, ...]
    seconds: float


@dataclass(frozen=True, slots=True)
class UsageStats:
    """How the bot is used: questions, unanswered questions and feedback."""

    questions: int
    unanswered: int
    helpful: int
    unhelpful: int
    recent_unanswered: tuple[str, ...]


@dataclass
class _Usage:
    queries: list[tuple[str, bool, str, str | None]] = field(default_factory=list)
    feedback: list[tuple[str, str, bool, str, str]] = field(default_factory=list)
    audit: list[tuple[str, str, bool, str]] = field(default_factory=list)
    reloading: asyncio.Lock = field(default_factory=asyncio.Lock)


def _usage(service: Service) -> _Usage:
    usage = service.__dict__.get("_usage")
    if usage is None:
        usage = service.__dict__["_usage"] = _Usage()
    return usage


def _reload_report(old: LiveCorpus, new: LiveCorpus) -> ReloadReport:
    before = {d.doc_id: d.content_hash for d in old.documents}
    after = {d.doc_id: d.content_hash for d in new.documents}
    changed = tuple(sorted(k for k in before.keys() & after.keys() if before[k] != after[k]))
    return ReloadReport(new.version, old.version, tuple(sorted(after.keys() - before.keys())),
                        tuple(sorted(before.keys() - after.keys())), changed, len(new.index.passages),
                        new.report.skipped, new.build_seconds)

# --- end of the in-memory block


def _nothing_found(phrases: tuple[str, ...], has_closest: bool) -> str:
    if phrases:
        quoted = ", ".join(f"“{p}”" for p in phrases)
        text = f"Nothing found: no passage contains {quoted} and answers the question."
    else:
        text = "Nothing found: no passage answers that question with confidence."
    return text + (" These passages come closest:" if has_closest else "")
