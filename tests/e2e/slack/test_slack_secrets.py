"""No token reaches the log, whatever Slack answers: here a Slack that echoes the request headers in its errors."""

from __future__ import annotations

import asyncio
import logging

from bot.process import redact
from bot.process.redact import Redactor
from bot.settings import Settings
from tests.bot.process.running import RunningDossier
from tests.e2e.slack.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.e2e.slack.harness import ARTICLES, MANIFEST, write_corpus

SIGNING_SECRET = "0123456789abcdef0123456789abcdef"
DISCORD_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GAbcde.abcdefghijklmnopqrstuvwxyz0123"


def secret_parts() -> list[str]:
    """What must never be in the log: each token after its kind prefix, and the signing secret."""
    return [BOT_TOKEN.removeprefix("xoxb-"), APP_TOKEN.removeprefix("xapp-"), SIGNING_SECRET]


async def test_tokens_echoed_by_slack_in_errors_are_redacted_in_the_log(tmp_path):
    # A failure that is not a refused token (those end start-up with one line): Slack is retried, and the
    # error it answers, with the request's headers echoed in it, reaches the log.
    fake = FakeSlack(refuse_connections="internal_error", echo_headers=True)
    await fake.start()
    write_corpus(tmp_path / "corpus", ARTICLES, MANIFEST)
    run = RunningDossier(tmp_path, {"DOSSIER_SLACK_BOT_TOKEN": BOT_TOKEN, "DOSSIER_SLACK_APP_TOKEN": APP_TOKEN,
                                    "DOSSIER_SLACK_API_BASE_URL": fake.api_url})
    try:
        while not any(c.method == "apps.connections.open" for c in fake.calls):
            assert run.proc.poll() is None, "".join(run.log)
            await asyncio.sleep(0.05)
        await asyncio.to_thread(run.wait_for, "internal_error")
        status, health = await asyncio.to_thread(run.get, "/healthz")
        assert status == 200 and health["platforms"]["slack"]["state"] != "connected"
        status, answer = await asyncio.to_thread(run.get, "/api/ask?q=ISIS-K+fighters")
        assert status == 200 and answer["hits"]
    finally:
        code = await asyncio.to_thread(run.stop)
        await fake.stop()
    assert code == 0
    log = "".join(run.log)
    assert "internal_error" in log and "'request_headers'" in log  # the echo did arrive
    for secret in secret_parts():
        assert secret not in log


def test_the_filter_redacts_every_handler_and_handlers_added_later(caplog):
    settings = Settings(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN, slack_signing_secret=SIGNING_SECRET,
                        discord_token=DISCORD_TOKEN)
    redactor = redact.install(settings)
    try:
        log = logging.getLogger("dossier.test.redact")
        log.warning("sent %s and %s, secret %s", {"Authorization": f"Bearer {BOT_TOKEN}"}, APP_TOKEN, SIGNING_SECRET)
        log.warning("discord said: Authorization: Bot %s", DISCORD_TOKEN)
        log.warning("an unknown workspace token xoxp-9999-8888-someoneelses and a webhook Bearer abcdefgh12345678")
        try:
            raise RuntimeError(f"server echoed {APP_TOKEN}")
        except RuntimeError:
            log.exception("failed")
        text = caplog.text
        assert "xoxb-[redacted]" in text and "xapp-[redacted]" in text and "Bot [redacted]" in text
        assert "xoxp-[redacted]" in text and "Bearer [redacted]" in text
        for secret in [*secret_parts(), DISCORD_TOKEN, "someoneelses", "abcdefgh12345678"]:
            assert secret not in text
        assert redactor.redact("Bot connected to 3 servers") == "Bot connected to 3 servers"
    finally:
        redact.uninstall()
    log.warning("after uninstall: %s", APP_TOKEN)
    assert APP_TOKEN in caplog.text


def test_short_secrets_are_not_searched_for():
    assert Redactor(["abc"]).redact("abc abcdef") == "abc abcdef"
