"""Handlers of the actors, figures and timeline pages and their JSON API (the command line's JSON)."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from aiohttp import web

from bot.core.service import Service
from bot.errors import DossierError
from bot.render.json import actors_json, figures_json, timeline_json
from bot.web.filters import read_filters, shown
from bot.web.pages import actor_profiles, actors_page, figures_page, timeline_page
from search.models import Document

_dumps = partial(json.dumps, ensure_ascii=False)


def _html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html")


def _json(data: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=_dumps)


class ExtractionRoutes:
    """The pages and API over the live corpus's extraction; a bad filter is a 400 that says why."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def _documents(self) -> dict[str, Document]:
        return {d.doc_id: d for d in self.service.corpus.documents}

    async def actors_page(self, request: web.Request) -> web.Response:
        """GET /actors[?kind=…][&name=…]: every actor of a kind, or the profile of the one a name means."""
        try:
            f = read_filters(request.query, "kind", "name")
            found = self.service.actors(kind=f["kind"], name=f["name"])
        except DossierError as exc:
            return _html(actors_page((), None, shown(request.query, "name"), exc.user_message), status=400)
        if f["name"] is not None:
            return _html(actor_profiles(found, self._documents()))
        return _html(actors_page(found, f["kind"]))

    async def figures_page(self, request: web.Request) -> web.Response:
        """GET /figures[?topic=…]: groups of values that measure one thing, then every figure."""
        try:
            topic = read_filters(request.query, "topic")["topic"]
        except DossierError as exc:
            return _html(figures_page(None, {}, shown(request.query, "topic"), exc.user_message), status=400)
        return _html(figures_page(self.service.figures(topic), self._documents(), topic or ""))

    async def timeline_page(self, request: web.Request) -> web.Response:
        """GET /timeline[?actor=…][&from=…][&to=…]: dated events in date order."""
        actor, date_from, date_to = (shown(request.query, k) for k in ("actor", "from", "to"))
        try:
            f = read_filters(request.query, "actor", "from", "to")
            events = self.service.timeline(f["actor"], f["from"], f["to"])
        except DossierError as exc:
            return _html(timeline_page((), {}, actor, date_from, date_to, exc.user_message), status=400)
        return _html(timeline_page(events, self._documents(), actor, date_from, date_to))

    async def api_actors(self, request: web.Request) -> web.Response:
        """GET /api/actors[?kind=…][&name=…]: what `dossier actors --json` prints."""
        try:
            f = read_filters(request.query, "kind", "name")
            found = self.service.actors(kind=f["kind"], name=f["name"])
        except DossierError as exc:
            return _json({"error": exc.user_message}, status=400)
        return _json(actors_json(found, profile=f["name"] is not None))

    async def api_figures(self, request: web.Request) -> web.Response:
        """GET /api/figures[?topic=…]: what `dossier figures --json` prints."""
        try:
            topic = read_filters(request.query, "topic")["topic"]
        except DossierError as exc:
            return _json({"error": exc.user_message}, status=400)
        return _json(figures_json(self.service.figures(topic), self._documents()))

    async def api_timeline(self, request: web.Request) -> web.Response:
        """GET /api/timeline[?actor=…][&from=…][&to=…]: what `dossier timeline --json` prints."""
        try:
            f = read_filters(request.query, "actor", "from", "to")
            events = self.service.timeline(f["actor"], f["from"], f["to"])
        except DossierError as exc:
            return _json({"error": exc.user_message}, status=400)
        return _json(timeline_json(events, self._documents()))
