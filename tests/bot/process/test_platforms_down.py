"""A chat platform that cannot connect is retried with backoff while the web page keeps answering."""

from __future__ import annotations

import asyncio

from bot.core.platforms import PlatformBoard
from bot.process.platforms import backoff, keep_connected
from tests.bot.process.running import RunningDossier, closed_port
from tests.bot.reload_helpers import corpus_a, write_corpus


def test_discord_unreachable_at_start_up_is_retried_while_the_web_page_answers(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    port = closed_port()
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GAbcde.abcdefghijklmnopqrstuvwxyz0123"
    run = RunningDossier(tmp_path, {"DOSSIER_DISCORD_TOKEN": token,
                                    "DOSSIER_DISCORD_API_BASE_URL": f"http://127.0.0.1:{port}/api/v10",
                                    "DOSSIER_DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/"})
    try:
        run.wait_for("discord is not connected (attempt 2 failed")
        status, health = run.get("/healthz")
        assert status == 200 and health["status"] == "ready"
        assert health["platforms"]["discord"]["state"] in ("retrying", "connecting")
        assert health["platforms"]["discord"]["failed_attempts"] >= 1
        status, answer = run.get("/api/ask?q=convoy+report")
        assert status == 200 and answer["hits"]
        assert run.proc.poll() is None
    finally:
        assert run.stop() == 0
    failures = [line for line in run.log if "discord is not connected" in line]
    assert "Cannot reach Discord" in failures[0] and "retrying in 1 s" in failures[0]
    assert "retrying in 2 s" in failures[1]
    assert not any("Traceback" in line for line in run.log)
    assert not any("abcdefghijklmnopqrstuvwxyz0123" in line for line in run.log)


def test_backoff_doubles_up_to_the_longest_wait():
    assert [backoff(n, 1, 10) for n in range(1, 7)] == [1, 2, 4, 8, 10, 10]


async def test_a_platform_that_connected_and_dropped_starts_the_count_over():
    board = PlatformBoard()
    calls = []

    async def connect() -> None:
        calls.append(len(calls))
        if len(calls) == 3:
            board.connected("chat")
        if len(calls) == 5:
            await asyncio.Event().wait()  # the fifth attempt hangs on, connecting
        raise ConnectionError(f"drop {len(calls)}")

    job = asyncio.create_task(keep_connected("chat", connect, board, first=0.01, longest=0.05))
    while len(calls) < 5:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)
    job.cancel()
    status = board.get("chat")
    assert len(calls) == 5 and status is not None and status.state == "connecting"
    assert status.attempts == 2 and status.error == "ConnectionError: drop 4"  # 3 connected: 4 counts as 2


async def test_stats_on_slack_and_discord_name_a_retrying_platform_and_why(tmp_path):
    from bot.core.service import Service
    from bot.discord.render.admin import stats_embed
    from bot.slack.render.reports import render_stats
    from bot.store.store import Store
    from tests.bot.reload_helpers import settings_for

    write_corpus(tmp_path / "corpus", corpus_a())
    settings = settings_for(tmp_path)
    store = await Store.open(settings.database_path)
    try:
        service = await Service.open(settings, store)
        service.platforms.retrying("discord", 3, "Cannot reach Discord at https://discord.com/api/v10", 8)
        service.platforms.connected("slack")
        stats = await service.stats()
    finally:
        await store.close()
    line = "discord: retrying (3 failed attempts, next in 8 s): Cannot reach Discord at https://discord.com/api/v10"
    assert [p.describe() for p in stats.platforms] == [line, "slack: connected"]
    assert line in render_stats(stats).text
    fields = {f.name: f.value for f in stats_embed(stats).fields}
    assert "discord: retrying \\(3 failed attempts" in fields["Platforms"]  # markdown-escaped
    assert "slack: connected" in fields["Platforms"]
