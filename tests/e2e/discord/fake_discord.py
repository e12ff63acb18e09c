"""A small Discord on 127.0.0.1: the REST API under /api/v10 and the gateway websocket, strict like Discord.

The real discord.py client logs in to it, syncs its commands, receives HELLO, READY and GUILD_CREATE,
and gets the events the tests dispatch. Every request the bot sends is recorded for the tests to assert on.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.e2e.discord import payloads as p
from tests.e2e.discord.limits import refusal

BOT_TOKEN = "fake-token"
INTERACTION_DEADLINE = 3.0  # seconds Discord gives a bot to answer an interaction
EPHEMERAL, LOADING = 1 << 6, 1 << 7  # message flags: seen only by its user; the "thinking…" placeholder


@dataclass
class Sent:
    """One request the bot made, and how the fake answered it."""

    method: str
    path: str
    body: Any
    status: int = 200
    at: float = field(default_factory=time.monotonic)

    def message(self) -> dict[str, Any]:
        """The message payload of the request, wherever the endpoint keeps it."""
        if self.path.endswith("/callback"):
            return (self.body or {}).get("data") or {}
        return self.body or {}


@dataclass
class PendingInteraction:
    """An interaction the tests dispatched: when, and whether it has been answered."""

    data: dict[str, Any]
    dispatched: float
    answered: bool = False
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    thinking: bool = False  # a deferred "thinking…" message that no edit, delete or follow-up replaced yet


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py parses a body as JSON only when Content-Type is exactly application/json
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json"})


class FakeDiscord:
    """The fake server; `start()` it, point the bot at `api_url` and `gateway_url`."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.gateway_ops: list[dict[str, Any]] = []
        self.messages: dict[str, dict[str, Any]] = {}
        self.interactions: dict[str, PendingInteraction] = {}
        self.connections = 0
        self._refusals: list[tuple[Callable[[Sent], bool], int, dict[str, Any]]] = []
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.base = ""

    @property
    def api_url(self) -> str:
        """The REST base the bot is configured with."""
        return f"{self.base}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The gateway address the bot is configured with."""
        return self.base.replace("http://", "ws://") + "/gateway"

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # the port the OS picked
        self.base = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        """Close connections and the listener."""
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what the tests use

    async def wait_for(self, predicate: Callable[[Sent], bool], timeout: float = 5.0) -> Sent:
        """The first recorded request matching `predicate`, waiting for it to arrive."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: any(map(predicate, self.sent))), timeout)
        return next(s for s in self.sent if predicate(s))

    async def wait_gateway(self, op: int, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until the bot has sent `count` gateway payloads with opcode `op`."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(
                lambda: sum(1 for g in self.gateway_ops if g["op"] == op) >= count), timeout)

    def refused(self) -> list[Sent]:
        """Requests the fake refused: late or double answers, broken limits, unknown routes, `refuse_next`."""
        return [s for s in self.sent if s.status >= 400]

    def refuse_next(self, predicate: Callable[[Sent], bool], status: int, error: dict[str, Any]) -> None:
        """Answer the next request matching `predicate` with this error, as Discord does when it balks."""
        self._refusals.append((predicate, status, error))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event to the connected bot."""
        if event == "INTERACTION_CREATE":
            self.interactions[data["token"]] = PendingInteraction(data, time.monotonic())
        if event == "MESSAGE_CREATE":
            self.messages[data["id"]] = data
        await self._send_dispatch(event, data)

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the gateway websocket as Discord does when it wants the client to reconnect."""
        assert self._ws is not None
        await self._ws.close(code=code, message=b"reconnect")

    # --- gateway

    async def _send_dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "the bot is not connected"
        self._seq += 1
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws, self.connections = ws, self.connections + 1
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45_000}}))
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            await self._record_gateway(payload)
            if payload["op"] == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif payload["op"] == 2:
                await self._send_dispatch("READY", {
                    "v": 10, "user": p.BOT_USER, "guilds": [{"id": str(p.GUILD_ID), "unavailable": True}],
                    "session_id": "session-1", "resume_gateway_url": self.gateway_url,
                    "application": {"id": str(p.APP_ID), "flags": 0}, "private_channels": [],
                    "relationships": []})
                await self._send_dispatch("GUILD_CREATE", p.guild())
            elif payload["op"] == 6:
                await self._send_dispatch("RESUMED", {})
        return ws

    async def _record_gateway(self, payload: dict[str, Any]) -> None:
        async with self._changed:
            self.gateway_ops.append(payload)
            self._changed.notify_all()

    # --- REST

    async def _rest(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else None
        sent = Sent(request.method, "/" + request.match_info["path"], body)
        token_free = sent.path.startswith(("/interactions/", "/webhooks/"))  # these carry their own token
        try:
            if not token_free and request.headers.get("Authorization") != f"Bot {BOT_TOKEN}":
                status, data = 401, {"code": 0, "message": "401: Unauthorized"}
            elif planned := next((r for r in self._refusals if r[0](sent)), None):
                self._refusals.remove(planned)
                status, data = planned[1:]
            else:
                status, data = self._route(sent)
        except KeyError:
            status, data = 404, {"code": 0, "message": "404: Not Found"}
        sent.status = status
        async with self._changed:
            self.sent.append(sent)
            self._changed.notify_all()
        return web.Response(status=204) if status == 204 else _json(data, status)

    def _route(self, sent: Sent) -> tuple[int, Any]:
        parts = sent.path.strip("/").split("/")
        match sent.method, parts:
            case "GET", ["users", "@me"]:
                return 200, p.BOT_USER
            case "GET", ["oauth2", "applications", "@me"]:
                return 200, p.application()
            case "PUT", ["applications", _, *rest] if rest[-1] == "commands":
                guild = {"guild_id": rest[1]} if rest[0] == "guilds" else {}
                return 200, [c | {"id": str(p.snowflake()), "application_id": str(p.APP_ID), "version": "1"}
                             | guild for c in sent.body]
            case "POST", ["interactions", _, token, "callback"]:
                return self._callback(token, sent.body)
            case ("PATCH" | "GET"), ["webhooks", _, token, "messages", "@original"]:
                return self._original(token, sent.method, sent.body)
            case "DELETE", ["webhooks", _, token, "messages", "@original"]:
                return self._delete_original(token)
            case "POST", ["webhooks", _, token]:
                return self._followup(token, sent.body)
            case "POST", ["channels", channel_id, "messages"]:
                return self._post(channel_id, sent.body)
            case "POST", ["channels", channel_id, "messages", message_id, "threads"]:
                return self._thread(channel_id, message_id, sent.body)
            case "GET", ["channels", _, "messages", message_id]:
                return 200, self.messages[message_id]
            case "POST", ["channels", _, "typing"]:
                return 204, None
        raise KeyError(sent.path)

    def _callback(self, token: str, body: dict[str, Any]) -> tuple[int, Any]:
        pending = self.interactions[token]
        if time.monotonic() - pending.dispatched > INTERACTION_DEADLINE:
            return 404, {"code": 10062, "message": "Unknown interaction"}
        if pending.answered:
            return 400, {"code": 40060, "message": "Interaction has already been acknowledged."}
        if body.get("type") in (4, 7) and (refused := refusal(body.get("data") or {})):
            return refused
        pending.answered = True
        kind, data = body["type"], body.get("data") or {}
        flags = int(data.get("flags") or 0) | (LOADING if kind == 5 else 0)
        original = p.message(int(pending.data["channel_id"]), p.BOT_USER, data.get("content") or "",
                             embeds=data.get("embeds") or [], components=data.get("components") or [],
                             webhook_id=str(p.APP_ID), application_id=str(p.APP_ID), flags=flags)
        pending.messages["@original"], pending.thinking = original, kind == 5
        result: dict[str, Any] = {"interaction": {
            "id": pending.data["id"], "type": pending.data["type"], "response_message_id": original["id"],
            "response_message_loading": kind == 5, "response_message_ephemeral": bool(flags & EPHEMERAL)}}
        if kind in (4, 5, 7):
            result["resource"] = {"type": kind, "message": original}
        return 200, result

    def _original(self, token: str, method: str, body: dict[str, Any] | None) -> tuple[int, Any]:
        pending = self.interactions[token]
        if not pending.answered:
            return 404, {"code": 10015, "message": "Unknown Webhook"}
        if method == "PATCH":
            if refused := refusal(body or {}):
                return refused
            self._edit_original(pending, body or {})
        return 200, pending.messages["@original"]

    @staticmethod
    def _edit_original(pending: PendingInteraction, body: dict[str, Any]) -> dict[str, Any]:
        """Replace the original's content; like Discord, an edit never changes who can see it."""
        original = pending.messages["@original"]
        original |= {k: v for k, v in body.items() if k not in ("allowed_mentions", "flags")}
        original["flags"] &= ~LOADING
        pending.thinking = False
        return original

    def _delete_original(self, token: str) -> tuple[int, Any]:
        pending = self.interactions[token]
        if pending.messages.pop("@original", None) is None:
            return 404, {"code": 10008, "message": "Unknown Message"}
        pending.thinking = False
        return 204, None

    def _followup(self, token: str, body: dict[str, Any]) -> tuple[int, Any]:
        pending = self.interactions[token]
        if not pending.answered:
            return 404, {"code": 10015, "message": "Unknown Webhook"}
        if refused := refusal(body):
            return refused
        if pending.thinking:  # Discord's first follow-up fills the placeholder, public or private as it was
            return 200, self._edit_original(pending, body)
        created = p.message(int(pending.data["channel_id"]), p.BOT_USER, body.get("content") or "",
                            embeds=body.get("embeds") or [], components=body.get("components") or [],
                            webhook_id=str(p.APP_ID), flags=body.get("flags", 0))
        pending.messages[created["id"]] = created
        return 200, created

    def _post(self, channel_id: str, body: dict[str, Any]) -> tuple[int, Any]:
        if refused := refusal(body):
            return refused
        in_guild = int(channel_id) != p.DM_CHANNEL_ID
        created = p.message(int(channel_id), p.BOT_USER, body.get("content") or "", guild=in_guild,
                            embeds=body.get("embeds") or [], components=body.get("components") or [])
        self.messages[created["id"]] = created
        return 200, created

    def _thread(self, channel_id: str, message_id: str, body: dict[str, Any]) -> tuple[int, Any]:
        if len(body.get("name") or "") > 100 or not body.get("name"):
            return 400, {"code": 50035, "message": "Invalid Form Body", "errors": ["thread name"]}
        created = p.thread(int(message_id), int(channel_id), p.APP_ID, body["name"])
        event = created | {"newly_created": True}  # Discord announces the thread on the gateway too
        asyncio.get_running_loop().create_task(self._send_dispatch("THREAD_CREATE", event))
        return 200, created
