"""Handlers of the actors, figures and timeline pages and their JSON API (the command line's JSON)."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from aiohttp import web

from bot.errors import BadFilter, DossierError
from bot.records import actors_json, figures_json, timeline_json
from bot.service import Service
from bot.web.actors_view import actor_profiles, actors_list
from bot.web.extraction_html import MAX_DATE_CHARS, MAX_FILTER_CHARS
from bot.web.figures_view import figures_page, timeline_page
from search.models import Document

_dumps = partial(json.dumps, ensure_ascii=False)

# Each filter a page reads, with the most characters it takes.
LIMITS = {"kind": 20, "name": MAX_FILTER_CHARS, "topic": MAX_FILTER_CHARS, "actor": MAX_FILTER_CHARS,
          "from": MAX_DATE_CHARS, "to": MAX_DATE_CHARS}


def _filters(request: web.Request, *names: str) -> dict[str, str | None]:
    """The named query parameters, trimmed; empty ones are None. Raises BadFilter for one that is too long."""
    found: dict[str, str | None] = {}
    for name in names:
        value = request.query.get(name, "").strip()
        if len(value) > LIMITS[name]:
            raise BadFilter(f"The {name} filter takes at most {LIMITS[name]} characters.")
        found[name] = value or None
    return found


def _html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html")


def _json(data: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=_dumps)


def _shown(value: str | None, limit: int) -> str:
    return (value or "")[:limit]


class ExtractionRoutes:
    """The pages and API over the live corpus's extraction; a bad filter is a 400 that says why."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def _documents(self) -> dict[str, Document]:
        return {d.doc_id: d for d in self.service.corpus.documents}

    async def actors_page(self, request: web.Request) -> web.Response:
        """GET /actors[?kind=…][&name=…]: every actor of a kind, or the profile of the one a name means."""
        kind = name = None
        try:
            f = _filters(request, "kind", "name")
            kind, name = f["kind"], f["name"]
            found = self.service.actors(kind=kind, name=name)
        except DossierError as exc:
            shown = _shown(request.query.get("name"), MAX_FILTER_CHARS)
            return _html(actors_list((), None, shown, exc.user_message), status=400)
        if name is not None:
            return _html(actor_profiles(found, self._documents()))
        return _html(actors_list(found, kind))

    async def figures_page(self, request: web.Request) -> web.Response:
        """GET /figures[?topic=…]: groups of values that measure one thing, then every figure."""
        try:
            topic = _filters(request, "topic")["topic"]
        except DossierError as exc:
            shown = _shown(request.query.get("topic"), MAX_FILTER_CHARS)
            return _html(figures_page(None, {}, shown, exc.user_message), status=400)
        return _html(figures_page(self.service.figures(topic), self._documents(), topic or ""))

    async def timeline_page(self, request: web.Request) -> web.Response:
        """GET /timeline[?actor=…][&from=…][&to=…]: dated events in date order."""
        raw = {k: _shown(request.query.get(k), LIMITS[k]) for k in ("actor", "from", "to")}
        try:
            f = _filters(request, "actor", "from", "to")
            events = self.service.timeline(f["actor"], f["from"], f["to"])
        except DossierError as exc:
            return _html(timeline_page((), {}, raw["actor"], raw["from"], raw["to"], exc.user_message),
                         status=400)
        return _html(timeline_page(events, self._documents(), raw["actor"], raw["from"], raw["to"]))

    async def api_actors(self, request: web.Request) -> web.Response:
        """GET /api/actors[?kind=…][&name=…]: what `dossier actors --json` prints."""
        try:
            f = _filters(request, "kind", "name")
            found = self.service.actors(kind=f["kind"], name=f["name"])
        except DossierError as exc:
            return _json({"error": exc.user_message}, status=400)
        return _json(actors_json(found, profile=f["name"] is not None))

    async def api_figures(self, request: web.Request) -> web.Response:
        """GET /api/figures[?topic=…]: what `dossier figures --json` prints."""
        try:
            topic = _filters(request, "topic")["topic"]
        except DossierError as exc:
            return _json({"error": exc.user_message}, status=400)
        return _json(figures_json(self.service.figures(topic), self._documents()))

    async def api_timeline(self, request: web.Request) -> web.Response:
        """GET /api/timeline[?actor=…][&from=…][&to=…]: what `dossier timeline --json` prints."""
        try:
            f = _filters(request, "actor", "from", "to")
            events = self.service.timeline(f["actor"], f["from"], f["to"])
        except DossierError as exc:
            return _json({"error": exc.user_message}, status=400)
        return _json(timeline_json(events, self._documents()))
