"""HTTP mode: an aiohttp endpoint handing Slack's requests to bolt, which verifies their signatures.

The AsyncApp is built with the signing secret (app.py), so bolt's RequestVerification middleware refuses
a bad signature or a timestamp more than five minutes from now with 401 before any listener runs.
"""

from __future__ import annotations

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

EVENTS_PATH = "/slack/events"
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
_MAX_BODY_BYTES = 1_000_000  # Slack's payloads are a few kilobytes; anything near this is not Slack


def build_http_app(app: AsyncApp) -> web.Application:
    """The aiohttp application serving POST /slack/events for `app`."""

    async def events(request: web.Request) -> web.Response:
        if not whole_seconds(request.headers.get(TIMESTAMP_HEADER, "")):
            return web.json_response({"error": "invalid request"}, status=401)
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    web_app = web.Application(client_max_size=_MAX_BODY_BYTES)
    web_app.router.add_post(EVENTS_PATH, events)
    return web_app


def whole_seconds(stamp: str) -> bool:
    """True for a timestamp written as Slack writes it, ASCII digits only. Bolt reads the header with
    `int()`, which fails on anything else (bolt would answer 500): such a request is refused as unsigned.
    """
    return stamp.isascii() and stamp.isdigit()


async def serve_http(app: AsyncApp, host: str, port: int) -> web.AppRunner:
    """Start listening; the caller cleans the returned runner up."""
    runner = web.AppRunner(build_http_app(app), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
