"""The web application: routes, read-only method rule, security headers and the one error handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.core.service import Service
from bot.errors import error_id
from bot.settings import Settings
from bot.web.extraction_routes import ExtractionRoutes
from bot.web.pages import error_page
from bot.web.routes import Routes
from bot.web.templating import STYLESHEET

log = logging.getLogger("dossier.web")

# The site only reads: every other method is refused before routing.
READ_METHODS = frozenset({"GET", "HEAD"})

# No script runs on any page; the stylesheet is the only resource and comes from the site itself.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

# Every page and answer depends on the live corpus and the question: no cache keeps one. The stylesheet
# sets its own Cache-Control and keeps it.
NO_STORE = {"Cache-Control": "no-store"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def read_only(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse anything but GET and HEAD with 405, whatever the path."""
    if request.method not in READ_METHODS:
        raise web.HTTPMethodNotAllowed(request.method, sorted(READ_METHODS))
    return await handler(request)


@web.middleware
async def error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """HTTP errors as a short page (JSON under /api/); any other failure is logged with an id."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return _error_response(request, exc.status, exc.reason, exc.headers.get("Allow"))
    except Exception:
        eid = error_id()
        log.exception("web request %s %s failed [error %s]", request.method, request.path, eid)
        return _error_response(request, 500, f"Something went wrong (error {eid}).")


def _error_response(request: web.Request, status: int, message: str,
                    allow: str | None = None) -> web.Response:
    headers = {"Allow": allow} if allow else None
    if request.path.startswith("/api/") or request.path == "/healthz":
        return web.json_response({"error": message}, status=status, headers=headers)
    return web.Response(text=error_page(message), status=status, content_type="text/html", headers=headers)


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)
    for name, value in NO_STORE.items():
        response.headers.setdefault(name, value)


def build_app(settings: Settings, service: Service) -> web.Application:
    """The aiohttp application over a service; nothing is listening until it is started."""
    app = web.Application(middlewares=[error_pages, read_only], client_max_size=4096)
    routes = Routes(settings, service)
    app.router.add_get("/", routes.ask_page)
    app.router.add_get("/sources", routes.sources_page)
    app.router.add_get("/docs/{doc_id}", routes.document_page)
    app.router.add_get("/api/ask", routes.api_ask)
    app.router.add_get("/api/sources", routes.api_sources)
    extraction = ExtractionRoutes(service)
    app.router.add_get("/actors", extraction.actors_page)
    app.router.add_get("/figures", extraction.figures_page)
    app.router.add_get("/timeline", extraction.timeline_page)
    app.router.add_get("/api/actors", extraction.api_actors)
    app.router.add_get("/api/figures", extraction.api_figures)
    app.router.add_get("/api/timeline", extraction.api_timeline)
    app.router.add_get("/healthz", routes.healthz)
    app.router.add_get(STYLESHEET, routes.stylesheet)
    app.on_response_prepare.append(_security_headers)
    return app
