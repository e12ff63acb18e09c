"""The platform-neutral service: one live corpus, swapped whole; every adapter calls it and only renders."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from bot.errors import BadFilter, BadQuestion, CorpusUnavailable, UnknownActor
from bot.questions import clean_question
from bot.settings import PROJECT_ROOT, Settings
from search.aliases import AliasTable
from search.corpus import CorpusData, load_folder
from search.extract import Actor, Event, Extraction, Gazetteer, extract
from search.extract import query as extraction_query
from search.extract.models import FigureReport
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


DEFAULT_STATES = PROJECT_ROOT / "config" / "states.toml"


def build_corpus(folder: Path, aliases_path: Path | None, synonyms_path: Path | None,
                 max_file_bytes: int, states_path: Path | None = None) -> LiveCorpus:
    """Read, clean, index and extract a corpus folder into a new immutable version (CPU-bound)."""
    started = time.perf_counter()
    aliases = AliasTable.from_toml(aliases_path) if aliases_path and aliases_path.is_file() else AliasTable.empty()
    analyzer = Analyzer(aliases)
    synonyms = Synonyms.from_toml(synonyms_path, analyzer.terms) if synonyms_path and synonyms_path.is_file() \
        else Synonyms.empty()
    data = load_folder(folder, max_file_bytes)
    index = Index.build(data.passages, analyzer, synonyms)
    states = states_path or DEFAULT_STATES
    gazetteer = Gazetteer.from_toml(states) if states.is_file() else Gazetteer()
    extraction = extract(data.documents, aliases, gazetteer)
    return LiveCorpus(data.content_hash[:12], data, index, datetime.now(UTC), time.perf_counter() - started,
                      extraction)


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
                                  settings.max_file_bytes, settings.states_path)
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

    async def ask(self, question: str, top: int | None = None, doc_ids: list[str] | None = None) -> Answer:
        """`ask_sync` off the event loop, so a long search never blocks a chat connection."""
        return await asyncio.to_thread(self.ask_sync, question, top, doc_ids)

    def sources(self) -> tuple[Document, ...]:
        """The documents of the live corpus, in path order."""
        return self._corpus.documents

    def actors(self, kind: str | None = None, name: str | None = None) -> tuple[Actor, ...]:
        """Actors of the live corpus, most mentioned first: all, of one kind, or the one a name means.

        Raises BadFilter for an unknown kind and UnknownActor when no actor goes by the name.
        """
        extraction = self._corpus.extraction
        if kind is not None and kind not in extraction_query.KINDS:
            raise BadFilter(f"Unknown kind “{kind[:40]}”: use one of {', '.join(extraction_query.KINDS)}.")
        if name is None:
            return extraction_query.actors(extraction, kind)
        found = tuple(a for a in extraction_query.find_actors(extraction, name) if kind in (None, a.kind))
        if not found:
            raise UnknownActor(f"No actor called “{name[:80]}” appears in this corpus.")
        return found

    def figures(self, topic: str | None = None) -> FigureReport:
        """Figures of the live corpus on a topic (all when None), with the groups that show disagreement."""
        return extraction_query.figures(self._corpus.extraction, topic)

    def timeline(self, actor: str | None = None, date_from: str | None = None,
                 date_to: str | None = None) -> tuple[Event, ...]:
        """Dated events in date order, involving an actor, between two dates (YYYY, YYYY-MM or YYYY-MM-DD).

        Raises BadFilter for an unreadable date and UnknownActor for a name no actor goes by.
        """
        who: Actor | None = None
        if actor is not None:
            found = self.actors(name=actor)
            if len(found) > 1:
                names = ", ".join(a.name for a in found[:5])
                raise UnknownActor(f"“{actor[:80]}” could mean several actors: {names}. Give the full name.")
            who = found[0]
        return extraction_query.events(self._corpus.extraction, who, _bound(date_from, False),
                                       _bound(date_to, True))


def _bound(text: str | None, end: bool) -> date | None:
    if text is None:
        return None
    try:
        return extraction_query.parse_bound(text, end)
    except ValueError as exc:
        raise BadFilter(f"{str(exc)[:120]}.") from None


def _nothing_found(phrases: tuple[str, ...], has_closest: bool) -> str:
    if phrases:
        quoted = ", ".join(f"“{p}”" for p in phrases)
        text = f"Nothing found: no passage contains {quoted} and answers the question."
    else:
        text = "Nothing found: no passage answers that question with confidence."
    return text + (" These passages come closest:" if has_closest else "")
