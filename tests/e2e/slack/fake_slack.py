"""A small Slack on 127.0.0.1: Web API, Socket Mode websocket and response_url, recording everything.

Strict where Slack is: tokens of the right kind per method, Block Kit limits (50 blocks, 3,000
characters a section, block messages far under the 40,000-character text limit), envelopes acked by
envelope_id.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_TOKEN = "xoxb-1111-2222-loopbacksecretbot"
APP_TOKEN = "xapp-1-A1-3333-loopbacksecretapp"
BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T1"
# Slack refuses a block message far below the 40,000 characters documented for `text`.
MAX_BLOCKS_JSON = 16_000


@dataclass
class Call:
    """One Web API request: method, the bearer token, and its arguments."""

    method: str
    token: str
    args: dict[str, Any]
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeSlack:
    """Start with `await start()`; the bot's requests land in `calls` and `responses`."""

    calls: list[Call] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    acks: dict[str, dict[str, Any]] = field(default_factory=dict)
    refuse_blocks: str | None = None  # answer every block message with this error (msg_too_long, …)
    not_member_of: set[str] = field(default_factory=set)
    # Refuse apps.connections.open with this error, as a Slack that is down or misconfigured does.
    refuse_connections: str | None = None
    # Echo the request's headers (the Authorization token with them) in every error, as some proxies do.
    echo_headers: bool = False
    port: int = 0

    def __post_init__(self) -> None:
        self.connected = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._acked: dict[str, asyncio.Event] = {}
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None

    # ---- lifecycle

    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port."""
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/respond/{id}", self._respond)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Close the websocket and the server."""
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        """The Web API base, as AsyncWebClient takes it."""
        return f"http://127.0.0.1:{self.port}/api/"

    def next_id(self) -> int:
        """A fresh number for ids and timestamps."""
        return next(self._ids)

    # ---- Web API

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if request.content_type == "application/json":
            args = await request.json()
        else:
            args = dict(await request.post())
        self.calls.append(Call(method, token, args))
        if method == "apps.connections.open" and self.refuse_connections:
            return self._error(request, self.refuse_connections)
        wanted = "xapp-" if method == "apps.connections.open" else "xoxb-"
        if not token.startswith(wanted):
            return self._error(request, "not_allowed_token_type")
        if method == "auth.test":
            return web.json_response(
                {
                    "ok": True,
                    "url": "https://loopback.slack.test/",
                    "team": "Loopback",
                    "user": "dossier",
                    "team_id": TEAM,
                    "user_id": BOT_USER,
                    "bot_id": BOT_ID,
                }
            )
        if method == "apps.connections.open":
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"})
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            self.calls[-1].result = self._message(method, args)
            return web.json_response(self.calls[-1].result)
        return web.json_response({"ok": False, "error": "unknown_method"})

    def _error(self, request: web.Request, error: str) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error": error}
        if self.echo_headers:
            body["request_headers"] = dict(request.headers)
        return web.json_response(body)

    def _message(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if args.get("channel") in self.not_member_of:
            return {"ok": False, "error": "not_in_channel"}
        error = check_message(args, self.refuse_blocks)
        if error:
            return {"ok": False, "error": error}
        ts = args.get("ts") or f"1700000000.{self.next_id():06d}"
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        return {
            "ok": True,
            "channel": args["channel"],
            "ts": ts,
            "message": {
                "type": "message",
                "text": args.get("text"),
                "blocks": args.get("blocks", []),
                "ts": ts,
                "bot_id": BOT_ID,
                "user": BOT_USER,
                "thread_ts": args.get("thread_ts"),
            },
        }

    async def _respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        body["_url_id"] = request.match_info["id"]
        self.responses.append(body)
        error = check_message(body, self.refuse_blocks)
        return web.Response(status=400, text=error) if error else web.Response(text="ok")

    # ---- Socket Mode

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "connection_info": {"app_id": "A1"},
                "debug_info": {"host": "loopback"},
            }
        )
        self.connected.set()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                data = json.loads(msg.data)
                envelope = data.get("envelope_id")
                if envelope:
                    self.acks[envelope] = data
                    self._acked.setdefault(envelope, asyncio.Event()).set()
        return ws

    async def send(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        retry_attempt: int | None = None,
        timeout: float = 3.0,
    ) -> dict[str, Any]:
        """Deliver one envelope and wait for the app's ack (Slack's limit is 3 seconds)."""
        assert self._ws is not None, "the app has not connected"
        envelope_id = envelope_id or f"env-{self.next_id()}"
        self._acked[envelope_id] = asyncio.Event()
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        if retry_attempt is not None:
            envelope |= {"retry_attempt": retry_attempt, "retry_reason": "timeout"}
        await self._ws.send_json(envelope)
        await asyncio.wait_for(self._acked[envelope_id].wait(), timeout)
        return self.acks[envelope_id]

    # ---- payloads as Slack builds them

    def command(self, name: str, text: str, user: str = "U1", channel: str = "C1") -> dict[str, Any]:
        """A slash command payload with its own response_url and trigger id."""
        n = self.next_id()
        return {
            "token": "verification",
            "team_id": TEAM,
            "team_domain": "loopback",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": name,
            "text": text,
            "api_app_id": "A1",
            "is_enterprise_install": "false",
            "response_url": f"http://127.0.0.1:{self.port}/respond/{n}",
            "trigger_id": f"trigger-{n}",
        }

    def event(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        """An events_api payload around `event`."""
        return {
            "token": "verification",
            "team_id": TEAM,
            "api_app_id": "A1",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{self.next_id()}",
            "event_time": 1700000000,
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }

    def message_event(
        self,
        text: str,
        *,
        kind: str = "message",
        user: str = "U1",
        channel: str = "C1",
        thread_ts: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A message or app_mention event from a person (or a bot, with bot_id in `extra`)."""
        ts = f"1700000100.{self.next_id():06d}"
        event = {
            "type": kind,
            "user": user,
            "text": text,
            "ts": ts,
            "channel": channel,
            "event_ts": ts,
            "channel_type": "channel",
            **extra,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return event

    def click(self, message_call: Call, action_id: str, user: str = "U1") -> dict[str, Any]:
        """A block_actions payload for a button of a message the bot posted."""
        posted = message_call.args
        button = next(
            e
            for b in posted["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if e["action_id"] == action_id
        )
        ts = message_call.result["ts"]
        n = self.next_id()
        message = {
            "type": "message",
            "ts": ts,
            "text": posted["text"],
            "blocks": posted["blocks"],
            "thread_ts": posted.get("thread_ts"),
        }
        return {
            "type": "block_actions",
            "user": {"id": user, "team_id": TEAM},
            "api_app_id": "A1",
            "team": {"id": TEAM},
            "token": "verification",
            "trigger_id": f"trigger-{n}",
            "container": {"type": "message", "message_ts": ts, "channel_id": posted["channel"]},
            "channel": {"id": posted["channel"]},
            "message": message,
            "response_url": f"http://127.0.0.1:{self.port}/respond/{n}",
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b",
                    "value": button["value"],
                    "action_ts": f"1700000200.{n:06d}",
                }
            ],
        }

    def click_response(self, response: dict[str, Any], action_id: str, user: str = "U1") -> dict[str, Any]:
        """A block_actions payload for a button of an ephemeral message the bot sent to a response_url.

        Slack sends no copy of an ephemeral message with the click, only its container and a new
        response_url.
        """
        button = next(
            e
            for b in response["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if e["action_id"] == action_id
        )
        n = self.next_id()
        return {
            "type": "block_actions",
            "user": {"id": user, "team_id": TEAM},
            "api_app_id": "A1",
            "team": {"id": TEAM},
            "token": "verification",
            "trigger_id": f"trigger-{n}",
            "container": {"type": "message", "message_ts": f"1700000300.{n:06d}", "channel_id": "C1",
                          "is_ephemeral": True},
            "channel": {"id": "C1"},
            "response_url": f"http://127.0.0.1:{self.port}/respond/{n}",
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b",
                    "value": button["value"],
                    "action_ts": f"1700000200.{n:06d}",
                }
            ],
        }

    # ---- waiting and reading

    def posts(self, method: str = "chat.postMessage") -> list[Call]:
        """Calls of one Web API method, in order."""
        return [c for c in self.calls if c.method == method]

    async def wait_for(
        self, count: int, method: str = "chat.postMessage", timeout: float = 10.0
    ) -> list[Call]:
        """Wait until at least `count` calls of `method` arrived."""
        async with asyncio.timeout(timeout):
            while len(self.posts(method)) < count:
                await asyncio.sleep(0.01)
        return self.posts(method)

    async def wait_responses(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait until at least `count` response_url posts arrived."""
        async with asyncio.timeout(timeout):
            while len(self.responses) < count:
                await asyncio.sleep(0.01)
        return self.responses


def check_message(args: dict[str, Any], refuse: str | None) -> str | None:
    """The error Slack would answer for a message's size, or None."""
    blocks = args.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if blocks:
        if refuse:
            return refuse
        if len(blocks) > 50:
            return "invalid_blocks"
        for block in blocks:
            texts = [block.get("text", {})] + block.get("elements", [])
            if any(len(t.get("text", "")) > 3000 for t in texts if isinstance(t.get("text"), str)):
                return "invalid_blocks"
        if len(json.dumps(blocks, ensure_ascii=False)) > MAX_BLOCKS_JSON:
            return "msg_blocks_too_long"
    if len(args.get("text") or "") > 40_000:
        return "msg_too_long"
    return None
