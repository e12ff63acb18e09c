"""The platform-neutral service: one live corpus, swapped whole; every adapter calls it and only renders."""

from __future__ import annotations

import asyncio
import gc
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.errors import BadQuestion, CorpusUnavailable
from bot.questions import clean_question
from bot.settings import Settings
from search.aliases import AliasTable
from search.corpus import CorpusData, load_folder
from search.index import Index
from search.models import Document, Hit, LoadReport
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


# Above this many passages a build skips the actor/figure/timeline extraction: it reads every
# sentence and would dominate the start-up and reload of a very large corpus (see `make bench`).
EXTRACT_MAX_PASSAGES = 200_000


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
    corpus = LiveCorpus(data.content_hash[:12], data, index, datetime.now(UTC), time.perf_counter() - started)
    # A large corpus is millions of long-lived objects; left to the cyclic collector, every full
    # collection would walk them all and stall a question for hundreds of milliseconds. Freezing
    # moves them out of its sight (reference counting still frees an old version after a reload).
    gc.freeze()
    return corpus


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

    def swap(self, corpus: LiveCorpus) -> None:
        """Make a corpus built beside the live one the live one, in one step; requests already
        running finish on the version they started with.
        """
        self._corpus = corpus

    async def ask(self, question: str, top: int | None = None, doc_ids: list[str] | None = None) -> Answer:
        """`ask_sync` off the event loop, so a long search never blocks a chat connection."""
        return await asyncio.to_thread(self.ask_sync, question, top, doc_ids)

    def sources(self) -> tuple[Document, ...]:
        """The documents of the live corpus, in path order."""
        return self._corpus.documents


def _nothing_found(phrases: tuple[str, ...], has_closest: bool) -> str:
    if phrases:
        quoted = ", ".join(f"“{p}”" for p in phrases)
        text = f"Nothing found: no passage contains {quoted} and answers the question."
    else:
        text = "Nothing found: no passage answers that question with confidence."
    return text + (" These passages come closest:" if has_closest else "")
