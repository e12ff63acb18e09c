"""Request handlers: read the query, call the service, render HTML or the command line's JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import partial
from importlib.resources import files
from typing import Any

from aiohttp import web

from bot.core.models import LiveCorpus
from bot.core.policy import whole_number
from bot.core.questions import clean_question
from bot.core.service import Service
from bot.errors import BadQuestion, DossierError
from bot.render.json import answer_json, document_json, error_json
from bot.settings import Settings
from bot.web import pages
from search.models import Span
from search.snippets import term_spans

# The shape of every document id the corpus loader makes (search/corpus.py): anything else, such as
# "..%2f", a NUL or a thousand characters, cannot name a document and is refused before any lookup.
DOC_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")

# The same bounds as `dossier ask --top`.
TOP_RANGE = range(1, 51)

_dumps = partial(json.dumps, ensure_ascii=False)


def _html(body: str) -> web.Response:
    return web.Response(text=body, content_type="text/html")


def _json(data: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=_dumps)


def _no_marks(_text: str) -> Sequence[Span]:
    return ()


class Routes:
    """The site's handlers over one service; each reads the live corpus once per request."""

    def __init__(self, settings: Settings, service: Service) -> None:
        self.settings = settings
        self.service = service
        self._css = files("bot.web").joinpath("dossier.css").read_text(encoding="utf-8")

    async def ask_page(self, request: web.Request) -> web.Response:
        """GET /?q=…: the question box, and the answer when a question was asked."""
        question = request.query.get("q", "")
        limit = self.settings.max_question_chars
        corpus = self.service.corpus
        if not question.strip():
            return _html(pages.ask_page(question[:limit], limit, corpus))
        try:
            answer = await self.service.ask(question, platform="web")
        except DossierError as exc:
            return _html(pages.ask_page(question[:limit], limit, corpus, error=exc.user_message))
        return _html(pages.ask_page(question[:limit], limit, corpus, answer=answer))

    async def document_page(self, request: web.Request) -> web.Response:
        """GET /docs/{doc_id}?q=…: the cleaned article, by id in the live corpus only."""
        doc_id = request.match_info["doc_id"]
        corpus = self.service.corpus
        doc = corpus.document(doc_id) if DOC_ID.fullmatch(doc_id) else None
        if doc is None:
            raise web.HTTPNotFound(reason="No such document")
        question, mark = self._marker(corpus, request.query.get("q", ""))
        return _html(pages.document_page(doc, question, mark))

    def _marker(self, corpus: LiveCorpus, raw: str) -> tuple[str | None, Callable[[str], Sequence[Span]]]:
        """The cleaned question and a function marking its terms in a text; no question marks nothing."""
        if not raw.strip():
            return None, _no_marks
        try:
            question = clean_question(raw, self.settings.max_question_chars).text
        except BadQuestion:
            return None, _no_marks
        analyzer = corpus.index.analyzer
        terms = set(analyzer.terms(question))
        return question, lambda text: term_spans(text, terms, analyzer)

    async def sources_page(self, request: web.Request) -> web.Response:
        """GET /sources: the documents of the live corpus."""
        return _html(pages.sources_page(self.service.sources()))

    async def api_ask(self, request: web.Request) -> web.Response:
        """GET /api/ask?q=…[&top=K]: what `dossier ask --json` prints; 400 for an unsearchable question."""
        question = request.query.get("q", "")
        top_raw = request.query.get("top")
        try:
            top = whole_number(top_raw) if top_raw is not None else None
        except ValueError:
            top = None
        if top_raw is not None and top not in TOP_RANGE:
            return _json(error_json(question[:200], "top takes a number from 1 to 50"), status=400)
        try:
            answer = await self.service.ask(question, top=top, platform="web")
        except DossierError as exc:
            return _json(error_json(question[:200], exc.user_message), status=400)
        return _json(answer_json(answer, self.settings.public_base_url))

    async def api_sources(self, request: web.Request) -> web.Response:
        """GET /api/sources: the object `dossier sources --json` prints."""
        base = self.settings.public_base_url
        return _json({"sources": [document_json(d, base) for d in self.service.sources()]})

    async def healthz(self, request: web.Request) -> web.Response:
        """GET /healthz: 200 once a corpus with documents is live, 503 before.

        `platforms` gives each chat platform's connection state (never the failure's text, which names
        hosts and is for admins: /stats and the log have it). A platform that is retrying leaves the
        page ready: the web page answers whatever the chat platforms do.
        """
        corpus = self.service.corpus
        if not corpus.documents:
            return _json({"status": "not ready", "reason": "no corpus loaded"}, status=503)
        platforms = {p.name: {"state": p.state, "failed_attempts": p.attempts,
                              "retry_in_seconds": None if p.retry_in() is None else round(p.retry_in() or 0, 1)}
                     for p in self.service.platforms.all()}
        return _json({"status": "ready", "corpus_version": corpus.version, "documents": len(corpus.documents),
                      "passages": len(corpus.index.passages), "platforms": platforms})

    async def stylesheet(self, request: web.Request) -> web.Response:
        """GET /static/dossier.css: the site's one stylesheet."""
        return web.Response(text=self._css, content_type="text/css",
                            headers={"Cache-Control": "max-age=3600"})
