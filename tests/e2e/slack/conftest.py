"""Fixtures: a loopback Slack, a small corpus with links, and the real Dossier Slack app connected to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.harness import ARTICLES, MANIFEST, running, slack_settings, write_corpus


@pytest.fixture
async def fake() -> FakeSlack:
    slack = FakeSlack()
    await slack.start()
    yield slack
    await slack.stop()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", ARTICLES, MANIFEST)


@pytest.fixture
async def bot(fake: FakeSlack, corpus: Path):
    settings = slack_settings(corpus, fake)
    async with running(settings, fake) as service:
        yield service
