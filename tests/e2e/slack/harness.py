"""The loopback Slack's companions: a small corpus with links, settings for it, and the real Dossier
Slack app running against the fake until a block ends; helpers that read what it replied.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

from bot.core.service import Service
from bot.settings import Settings
from bot.slack.run import run_slack
from bot.store.store import Store
from tests.e2e.slack.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack

LIST_MORE = "dossier_list_more"

ARTICLES = {
    "kabul.txt": (
        "ISIS-K fighters in Afghanistan\n\n"
        "ISIS-K has about 2,000 fighters in Afghanistan, according to a UN report released in July.\n\n"
        "The Taliban deployed 1,300 fighters to Nangarhar province to fight the group.\n\n"
        "Officials in Kabul said the attacks on the airport killed 170 civilians and 13 US troops.\n"
    ),
    "talks.txt": (
        "Talks in Doha\n\n"
        "The United States and the Taliban met in Doha to discuss counter-terrorism cooperation.\n\n"
        "Washington said any cooperation against ISIS-K would be limited to intelligence.\n\n"
        "China and Russia also funded reconstruction talks with the Taliban in 2022.\n"
    ),
    "inject.txt": (
        "Notice board\n\n"
        "<!channel> <!here> <!everyone> <@U999> <!subteam^S1> the ambassador & the envoy met "
        "about the embassy reopening in Kabul.\n"
    ),
}
MANIFEST = """
[[source]]
file = "kabul.txt"
title = "ISIS-K fighters in Afghanistan"
outlet = "Loopback Times"
published = 2021-08-30
url = "https://news.example/isis-k?id=1&page=2"

[[source]]
file = "talks.txt"
title = "Talks in Doha"
outlet = "Wire"
published = 2022-03-01
url = "https://news.example/doha"

[[source]]
file = "inject.txt"
title = "Notice <!channel> board"
outlet = "Board"
"""


def write_corpus(folder: Path, articles: dict[str, str], manifest: str) -> Path:
    """A corpus folder of the given articles and manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.toml").write_text(manifest, encoding="utf-8")
    return folder


def slack_settings(corpus: Path, fake: FakeSlack, **extra: object) -> Settings:
    """Settings for the loopback Slack: Socket Mode unless `extra` says otherwise."""
    values: dict[str, object] = {
        "corpus_dir": corpus,
        "slack_bot_token": BOT_TOKEN,
        "slack_app_token": APP_TOKEN,
        "slack_api_base_url": fake.api_url,
        "slack_admin_user_ids": "UADMIN",
        "top_k": 2,
        "database_path": corpus.parent / "db.sqlite3",
    }
    values.update(extra)
    return Settings(**values)


@contextlib.asynccontextmanager
async def running(settings: Settings, fake: FakeSlack, service: Service | None = None):
    """Run the Slack adapter in Socket Mode against `fake`, over a real store, until the block ends."""
    fake.connected.clear()  # set again when this app's Socket Mode connection arrives
    store = await Store.open(settings.database_path)
    service = service or await Service.open(settings, store)
    task = asyncio.create_task(run_slack(settings, service))
    try:
        await asyncio.wait_for(fake.connected.wait(), 10)
        yield service
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await store.close()


async def ask(fake: FakeSlack, name: str, text: str) -> dict[str, Any]:
    """Send a slash command and return the one reply it gets through its response_url."""
    before = len(fake.responses)
    await fake.send("slash_commands", fake.command(name, text))
    replies = await fake.wait_responses(before + 1)
    return replies[before]


def shown(reply: dict[str, Any]) -> str:
    """The mrkdwn of every section and context block of a reply."""
    texts = []
    for block in reply.get("blocks", []):
        if block["type"] == "section":
            texts.append(block["text"]["text"])
        elif block["type"] == "context":
            texts += [e["text"] for e in block["elements"]]
    return "\n".join(texts)


def has_more(reply: dict[str, Any]) -> bool:
    """True when a list reply carries its "More results" button."""
    return LIST_MORE in json.dumps(reply.get("blocks", []))
