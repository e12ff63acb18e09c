"""HTTP mode: an aiohttp endpoint that checks Slack's request signature before bolt sees the request."""

from __future__ import annotations

import time

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

EVENTS_PATH = "/slack/events"
# Slack's guidance: refuse requests whose timestamp is more than five minutes from now (replays).
MAX_SKEW_SECONDS = 300
_MAX_BODY_BYTES = 1_000_000  # Slack's payloads are a few kilobytes; anything near this is not Slack


def build_http_app(app: AsyncApp, signing_secret: str) -> web.Application:
    """The aiohttp application serving POST /slack/events for `app`."""
    verifier = SignatureVerifier(signing_secret)

    async def events(request: web.Request) -> web.Response:
        body = await request.text()
        stamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not fresh(stamp) or not verifier.is_valid(body, stamp, signature):
            return web.json_response({"error": "invalid request"}, status=401)
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    web_app = web.Application(client_max_size=_MAX_BODY_BYTES)
    web_app.router.add_post(EVENTS_PATH, events)
    return web_app


def fresh(stamp: str, now: float | None = None) -> bool:
    """True for a whole number of seconds within five minutes of now; False when stale or malformed."""
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        return False
    return abs((time.time() if now is None else now) - int(stamp)) <= MAX_SKEW_SECONDS


async def serve_http(app: AsyncApp, signing_secret: str, host: str, port: int) -> web.AppRunner:
    """Start listening; the caller cleans the returned runner up."""
    runner = web.AppRunner(build_http_app(app, signing_secret), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
