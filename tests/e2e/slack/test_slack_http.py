"""HTTP mode: Slack's request signatures, timestamps and retries, over a real loopback socket."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import socket
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.core.service import Service
from bot.slack.run import run_slack
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.harness import slack_settings

SECRET = "loopback-signing-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign(body: str, stamp: str, secret: str = SECRET) -> str:
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


@pytest.fixture
async def endpoint(fake: FakeSlack, corpus: Path):
    port = free_port()
    settings = slack_settings(
        corpus,
        fake,
        slack_mode="http",
        slack_signing_secret=SECRET,
        slack_http_host="127.0.0.1",
        slack_http_port=port,
    )
    task = asyncio.create_task(run_slack(settings, Service.load(settings)))
    url = f"http://127.0.0.1:{port}/slack/events"
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            with contextlib.suppress(aiohttp.ClientConnectionError):
                async with session.post(url, data=""):
                    break
            await asyncio.sleep(0.02)
        yield session, url
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def post(
    endpoint,
    body: str,
    *,
    stamp: str | None = None,
    signature: str | None = None,
    content_type: str = "application/x-www-form-urlencoded",
    **headers: str,
) -> aiohttp.ClientResponse:
    session, url = endpoint
    stamp = str(int(time.time())) if stamp is None else stamp
    all_headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature if signature is not None else sign(body, stamp),
        **headers,
    }
    async with session.post(url, data=body.encode(), headers=all_headers) as response:
        await response.read()
        return response


async def test_a_signed_command_is_answered(fake: FakeSlack, endpoint) -> None:
    body = urlencode(fake.command("/ask", "who met in Doha?"))
    response = await post(endpoint, body)
    assert response.status == 200
    [answer] = await fake.wait_for(1)
    assert "Doha" in answer.args["text"]


async def test_url_verification_answers_the_challenge(endpoint) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"})
    session, url = endpoint
    stamp = str(int(time.time()))
    async with session.post(
        url,
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": sign(body, stamp),
        },
    ) as response:
        assert response.status == 200 and "c-123" in await response.text()


@pytest.mark.parametrize(
    ("stamp", "signature"),
    [
        (None, "v0=" + "0" * 64),  # bad signature
        ("now-600", None),  # stale: signed ten minutes ago
        ("abc", None),
        ("", None),
        ("12.5", None),
        ("١٢٣", None),  # malformed timestamps
        ("9" * 40, None),  # absurd timestamp
    ],
)
async def test_bad_signatures_and_stale_or_malformed_timestamps_get_401(
    fake: FakeSlack, endpoint, stamp, signature
) -> None:
    if stamp == "now-600":
        stamp = str(int(time.time()) - 600)
    body = urlencode(fake.command("/ask", "who met in Doha?"))
    response = await post(
        endpoint,
        body,
        stamp=stamp,
        signature=signature if signature is not None else sign(body, stamp or "0"),
    )
    assert response.status == 401
    await asyncio.sleep(0.1)
    assert fake.posts() == []


async def test_a_signature_made_with_another_secret_gets_401(fake: FakeSlack, endpoint) -> None:
    body = urlencode(fake.command("/ask", "who met in Doha?"))
    stamp = str(int(time.time()))
    response = await post(endpoint, body, stamp=stamp, signature=sign(body, stamp, "another-secret"))
    assert response.status == 401


async def test_slack_retries_over_http_are_answered_once(fake: FakeSlack, endpoint) -> None:
    body = json.dumps(
        fake.event(fake.message_event("<@UBOT> who met in Doha?", kind="app_mention"), event_id="EvHTTP")
    )
    first = await post(endpoint, body, content_type="application/json")
    retry = await post(
        endpoint,
        body,
        content_type="application/json",
        **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    assert (first.status, retry.status) == (200, 200)
    await fake.wait_for(1)
    await asyncio.sleep(0.3)
    assert len(fake.posts()) == 1
