"""Requests aiohttp refuses before any route sees them: a request line over its 8,190-byte limit, an
unknown method such as `FOO`, a byte such as 0xFF where the path belongs.

aiohttp answers those from its protocol handler, outside the application: its 400 skips the
middlewares and the response-prepare signal (so it lacked the security headers), quotes part of the
request back in the body, and logs a traceback each time, so a thousand bad requests a second became
most of a megabyte of log. Here such a request gets a plain `400 Bad Request` with the site's headers
and nothing of the request, and the log gets one short line, at most one every few seconds with the
count of the others.
"""

from __future__ import annotations

import logging
import time
from http import HTTPStatus

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest
from aiohttp.web_server import Server

from bot.web.app import NO_STORE, SECURITY_HEADERS

log = logging.getLogger("dossier.web")

# At most one log line per this many seconds about refused requests; the next line counts the rest.
LOG_EVERY_SECONDS = 5.0


class _Refusals:
    """The log of refused requests: one line, then silence for a while, then a line with the count."""

    def __init__(self) -> None:
        self.last = float("-inf")
        self.unlogged = 0

    def note(self, remote: str | None, status: int, exc: BaseException | None) -> None:
        now = time.monotonic()
        if now - self.last < LOG_EVERY_SECONDS:
            self.unlogged += 1
            return
        more = f" (and {self.unlogged} more since the last such line)" if self.unlogged else ""
        kind = type(exc).__name__ if exc is not None else "bad request"
        log.warning("refused a malformed request from %s with %d (%s)%s", remote or "?", status, kind, more)
        self.last, self.unlogged = now, 0


REFUSALS = _Refusals()


class QuietRequestHandler(RequestHandler):
    """aiohttp's connection handler, answering the requests its parser refuses the site's way."""

    def handle_error(self, request: BaseRequest, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        """A bare status page with the security headers; a 500 (a failure of ours) stays aiohttp's."""
        if status == HTTPStatus.INTERNAL_SERVER_ERROR:
            return super().handle_error(request, status, exc, message)
        REFUSALS.note(request.remote, status, exc)
        if request.writer.output_size > 0:
            raise ConnectionError("Response is sent already, cannot send another response")
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
        response = web.Response(status=status, text=f"{status} {phrase}\n", headers={**SECURITY_HEADERS, **NO_STORE})
        response.force_close()
        return response


class _QuietServer(Server):
    def __call__(self) -> RequestHandler:
        return QuietRequestHandler(self, loop=self._loop, **self._kwargs)


class QuietAppRunner(web.AppRunner):
    """An AppRunner whose connections are handled by QuietRequestHandler."""

    async def _make_server(self) -> Server:
        server = await super()._make_server()
        server.__class__ = _QuietServer  # the same server, making QuietRequestHandler connections
        return server
