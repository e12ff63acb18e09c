"""Requests aiohttp's parser refuses: a bare 400 with the site's headers, nothing echoed, one short log line."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.web.app import SECURITY_HEADERS
from bot.web.protocol import REFUSALS
from bot.web.server import start_web

LONG_LINE = b"GET /?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
BAD_METHOD = b"FOO /?q=secretish HTTP/1.1\r\nHost: x\r\n\r\n"
BAD_PATH = b"GET /\xff\xfe?q=secretish HTTP/1.1\r\nHost: x\r\n\r\n"


async def send(port: int, request: bytes) -> tuple[str, dict[str, str], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return status, headers, body


@pytest.fixture
async def port(settings, service):
    runner = await start_web(settings.model_copy(update={"web_port": 0}), service)
    yield runner.addresses[0][1]
    await runner.cleanup()


@pytest.mark.parametrize("request_bytes", [LONG_LINE, BAD_METHOD, BAD_PATH], ids=["long", "method", "path"])
async def test_requests_the_parser_refuses_get_a_bare_400_with_the_headers(port, request_bytes, caplog):
    REFUSALS.last = float("-inf")
    with caplog.at_level(logging.DEBUG):
        status, headers, body = await send(port, request_bytes)
    assert status.split(" ", 1)[1] == "400 Bad Request"
    assert body == b"400 Bad Request\n"
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert headers["Cache-Control"] == "no-store"
    records = [r for r in caplog.records if r.levelno >= logging.WARNING or r.name.startswith("aiohttp")]
    assert len(records) == 1 and records[0].exc_info is None
    assert "refused a malformed request from 127.0.0.1 with 400" in records[0].getMessage()
    assert len(caplog.text) < 300 and "secretish" not in caplog.text and "aaaa" not in caplog.text


async def test_a_flood_of_bad_requests_logs_a_line_now_and_then(port, caplog):
    REFUSALS.last = float("-inf")
    with caplog.at_level(logging.DEBUG):
        for _ in range(200):
            await send(port, BAD_METHOD)
    lines = [r for r in caplog.records if "malformed" in r.getMessage()]
    assert len(lines) == 1 and len(caplog.text) < 300


async def test_dynamic_pages_are_not_cached_and_the_stylesheet_is(client):
    for path in ("/", "/?q=fighters", "/sources", "/api/ask?q=fighters", "/healthz", "/docs/nothing-here"):
        assert (await client.get(path)).headers["Cache-Control"] == "no-store", path
    css = await client.get("/static/dossier.css")
    assert css.headers["Cache-Control"] == "max-age=3600"


@pytest.mark.parametrize("top", ["３", "٣", "²", "1٠", "00003"])
async def test_top_in_digits_other_than_ascii_is_refused(client, top):
    response = await client.get("/api/ask", params={"q": "fighters", "top": top})
    assert response.status == 400 and "top takes a number" in (await response.json())["error"]


@pytest.mark.parametrize("bound", ["２０２１", "٢٠٢١-٠٨", "2021-0８"])
async def test_dates_in_digits_other_than_ascii_are_refused(client, bound):
    response = await client.get("/api/timeline", params={"from": bound})
    assert response.status == 400 and "not a date" in (await response.json())["error"]
