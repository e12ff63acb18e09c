"""The platform-neutral service: one live corpus, swapped whole; every adapter calls it and only renders."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace
from datetime import date

from bot.core.add import add_link
from bot.core.build import build_corpus, build_from_settings, rebuild_from_settings
from bot.core.dense import DenseSide, EmbedReport, VectorCache, fill_vectors
from bot.core.models import Answer, LiveCorpus, Store, UsageStats
from bot.core.platforms import PlatformBoard
from bot.core.policy import AnswerPage, fetch_size, match_sources, page_of
from bot.core.questions import clean_question
from bot.core.reload import prepare_reload, startup_corpus
from bot.core.report import ReloadReport, render_report
from bot.errors import (
    BadFilter,
    BadQuestion,
    CorpusUnavailable,
    FetchFailed,
    NotAdmin,
    ReloadBusy,
    ReloadRefused,
    StoreError,
    UnknownActor,
)
from bot.settings import Settings
from search.extract import Actor, Event
from search.extract import query as extraction_query
from search.extract.models import FigureReport
from search.models import Document

log = logging.getLogger("dossier.core.service")


class Service:
    """Holds the live corpus and answers ask and sources; reload swaps the corpus in one step."""

    def __init__(self, settings: Settings, corpus: LiveCorpus, store: Store | None = None) -> None:
        self.settings = settings
        self._corpus = corpus
        self.store = store  # None: nothing is logged or kept (one-shot commands such as `dossier ask`)
        self._reloading = False
        self.platforms = PlatformBoard()  # each chat platform's connection, written by the process
        self.dense = DenseSide()

    @classmethod
    async def open(cls, settings: Settings, store: Store) -> Service:
        """The service for a long-running process: the corpus folder, else the last good stored version."""
        return cls(settings, await startup_corpus(settings, store, lambda: build_from_settings(settings),
                                                  lambda data: rebuild_from_settings(settings, data)), store)

    @classmethod
    def load(cls, settings: Settings, *, lists: bool = True) -> Service:
        """A service over the configured corpus folder; raises CorpusUnavailable when it cannot be read.

        `lists=False`: a service that only searches, without the actors, figures and timeline.
        """
        try:
            corpus = build_corpus(settings.corpus_dir, settings.aliases_path, settings.synonyms_path,
                                  settings.max_file_bytes, settings.states_path, lists=lists,
                                  follow_links=settings.corpus_follow_links)
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
        dense = self.dense.query(corpus.version, cleaned.text)
        result = corpus.index.search(query, top or self.settings.top_k, self.settings.snippet_chars, doc_ids,
                                     dense.cosine if dense else None,
                                     sentence_similarity=dense.sentences if dense else None)
        shown = result.hits + result.closest
        documents = {h.passage.doc_id: d for h in shown if (d := corpus.document(h.passage.doc_id))}
        message = None
        if not result.answered:
            message = _nothing_found(result.query.phrases, bool(result.closest))
        return Answer(cleaned.text, result.answered, result.hits, result.closest, corpus.version, documents,
                      cleaned.notices, message, time.perf_counter() - started, round(result.confidence, 4),
                      result.retrieval)

    async def embed(self, cache: VectorCache | None, budget_seconds: float | None = None) -> EmbedReport | None:
        """Give the live version its passage vectors (cached ones read, new ones embedded and kept), then
        search it hybrid; None when the encoder is not installed. Questions meanwhile use BM25 alone, and
        go on so when `budget_seconds` ran out first (the vectors made by then are kept for the next run).
        """
        if not self.settings.dense_retrieval:
            return None
        encoder = self.dense.encoder or await asyncio.to_thread(self.dense.load)
        if encoder is None:
            return None
        corpus = self._corpus
        dense, report = await fill_vectors(corpus.version, corpus.index.passages, encoder, cache, budget_seconds)
        if dense is not None and self._corpus.version == corpus.version:
            self.dense.attach(dense)
        return report

    async def keep_embedding(self, cache: VectorCache | None) -> None:
        """Embed each version that goes live, for as long as the process runs; never returns.

        When the encoder is not installed, or fails, answers go on with BM25 alone.
        """
        while True:
            self.dense.changed.clear()
            try:
                report = await self.embed(cache)
            except Exception:  # the dense side must never stop the process that answers with BM25
                log.exception("passage vectors not made; answers use BM25 alone until the next reload")
                report = None
            if report is not None:
                log.info("passage vectors of version %s ready: %d passages, %d cached, %d embedded in %.1f s",
                         report.version, report.passages, report.cached, report.embedded, report.seconds)
            elif self.dense.encoder is None:
                log.info("dense retrieval is off or not installed (extra `dense`): answers use BM25 alone")
            await self.dense.changed.wait()

    async def ask(self, question: str, top: int | None = None, doc_ids: list[str] | None = None, *,
                  platform: str = "cli", user_id: str | None = None) -> Answer:
        """`ask_sync` off the event loop, so a long search never blocks a chat connection; logs the query."""
        started, version = time.perf_counter(), self._corpus.version
        try:
            answer = await asyncio.to_thread(self.ask_sync, question, top, doc_ids)
        except BadQuestion:
            await self._log_query(question, platform, user_id, None, started, version)
            raise
        await self._log_query(question, platform, user_id, answer, started, answer.corpus_version)
        return answer

    async def _log_query(self, question: str, platform: str, user_id: str | None, answer: Answer | None,
                         started: float, version: str) -> None:
        """Write the query log; a failed write is logged and never reaches the person who asked."""
        if self.store is None:
            return
        answered = answer is not None and answer.answered
        top_id = answer.hits[0].passage.passage_id if answer is not None and answered and answer.hits \
            else None
        latency_ms = (time.perf_counter() - started) * 1000
        try:
            await self.store.log_query(question[:self.settings.max_question_chars], platform, user_id,
                                       answered, top_id, latency_ms, version)
        except StoreError as exc:
            log.warning("query log not written: %s", exc.user_message)

    async def reload(self, requested_by: str, *, force: bool = False) -> ReloadReport:
        """Build the next version off the event loop, check it, store it, swap it in; see bot/core/reload.py."""
        if self._reloading:
            await self._audit_quietly(requested_by, "reload", True, "refused: a reload is already running")
            raise ReloadBusy("A reload is already running; wait for its report, then try again if needed.")
        self._reloading = True
        try:
            report, corpus = await prepare_reload(self._corpus, self.store, requested_by, force,
                                                  lambda: build_from_settings(self.settings))
            self._corpus = corpus  # the one-step swap: requests read this reference once and keep it
            self.dense.changed.set()
        except ReloadRefused as exc:
            if exc.report is not None:
                log.warning("%s", render_report(exc.report))
                await self._audit_quietly(requested_by, "reload", True, render_report(exc.report))
            raise
        finally:
            self._reloading = False
        log.info("%s", render_report(report))
        await self._audit_quietly(requested_by, "reload", True, render_report(report))
        return report

    async def add(self, url: str, requested_by: str) -> ReloadReport:
        """Fetch a link into the corpus folder, then reload; the report is the answer. FetchFailed, audited,
        when the link cannot be added (nothing changed); ReloadRefused as for `reload`.
        """
        try:
            added = await add_link(self.settings, url)
        except FetchFailed as exc:
            await self._audit_quietly(requested_by, "add", True, f"{url[:300]}: {exc.user_message}")
            raise
        await self._audit_quietly(requested_by, "add", True, f"{added.url} stored as {added.file}")
        return await self.reload(requested_by)

    async def record_feedback(self, question: str, passage_id: str, helpful: bool, *, platform: str,
                              user_id: str) -> None:
        """Keep a reader's verdict on a quoted passage; raises StoreError when it cannot be kept."""
        await self._require_store().record_feedback(question[:self.settings.max_question_chars], passage_id,
                                                    helpful, platform, user_id)

    async def stats(self) -> UsageStats:
        """Questions, unanswered questions, helpful and unhelpful votes, the latest unanswered questions."""
        return replace(await self._require_store().stats(), platforms=self.platforms.all())

    async def audit(self, actor: str, action: str, allowed: bool, result: str) -> None:
        """Add an admin action to the audit log; raises StoreError when it cannot be written."""
        await self._require_store().audit(actor, action, allowed, result)

    async def _audit_quietly(self, actor: str, action: str, allowed: bool, result: str) -> None:
        if self.store is None:
            return
        try:
            await self.store.audit(actor, action, allowed, result)
        except StoreError as exc:
            log.error("audit log not written (%s %s): %s", actor, action, exc.user_message)

    def _require_store(self) -> Store:
        if self.store is None:
            raise StoreError("Nothing can be recorded: this command runs without the database.")
        return self.store

    def swap(self, corpus: LiveCorpus) -> None:
        """Make a corpus built beside the live one the live one, in one step; requests already
        running finish on the version they started with. `reload` is the checked, stored way.
        """
        self._corpus = corpus
        self.dense.changed.set()

    def sources(self) -> tuple[Document, ...]:
        """The documents of the live corpus, in path order."""
        return self._corpus.documents

    def find_sources(self, wanted: str) -> tuple[str, ...]:
        """The ids of the documents a source filter names (policy.match_sources); BadFilter for none."""
        return match_sources(self._corpus.documents, wanted)

    async def ask_page(self, question: str, offset: int = 0, doc_ids: list[str] | None = None, *,
                       platform: str, user_id: str | None = None) -> AnswerPage:
        """One page of the answer from `offset`, `top_k` passages a page, as every chat platform pages."""
        page = self.settings.top_k
        top = fetch_size(offset, page)
        if offset:  # a further page of a question already asked (and logged) is not a new question
            answer = await asyncio.to_thread(self.ask_sync, question, top, doc_ids)
        else:
            answer = await self.ask(question, top, doc_ids, platform=platform, user_id=user_id)
        return page_of(answer, offset, page)

    async def authorize(self, actor: str, action: str, is_admin: bool) -> None:
        """Let an admin action through; otherwise audit the denied attempt and raise NotAdmin. Who is an
        admin is the platform's to tell (its roles and the configured ids); this is the one rule after.
        """
        if not is_admin:
            await self._audit_quietly(actor, action, False, "not an admin")
            raise NotAdmin(action)

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

        Raises BadFilter for an unreadable date or a reversed range, and UnknownActor for a name no actor goes by.
        """
        who: Actor | None = None
        if actor is not None:
            found = self.actors(name=actor)
            if len(found) > 1:
                names = ", ".join(a.name for a in found[:5])
                raise UnknownActor(f"“{actor[:80]}” could mean several actors: {names}. Give the full name.")
            who = found[0]
        start, end = _bound(date_from, False), _bound(date_to, True)
        if start is not None and end is not None and start > end:
            raise BadFilter(f"The date range is reversed: from {date_from} is after to {date_to}; "
                            "give the earlier date first.")
        return extraction_query.events(self._corpus.extraction, who, start, end)


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
