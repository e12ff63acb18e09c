"""Source links in Discord answers follow bot/render/links.py: Dossier's page, else the canonical URL, else text."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from bot.core.service import Service
from bot.settings import Settings
from tests.e2e.discord import payloads as p
from tests.e2e.discord.conftest import SEEDS, Harness, start_bot
from tests.e2e.discord.fake_discord import Sent

BASE = "https://dossier.example.org"
QUESTION = "How many fighters does ISIS-K have?"
BROAD = "Taliban ISIS-K fighters attacks"
# A markdown link at the end of a field: [label](address)
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)$")


def fields(message: dict[str, Any]) -> list[str]:
    return [f["value"] for f in message["embeds"][0]["fields"]]


def link_of(value: str) -> tuple[str, str] | None:
    """The (label, address) the source line of a quote links, or None when it links nothing."""
    found = LINK.search(value.splitlines()[-1])
    return found.groups() if found else None


async def running(settings: Settings, **changes: Any) -> AsyncIterator[Harness]:
    async for bot in start_bot(settings.model_copy(update=changes), Service.load(settings)):
        yield bot


async def ask(bot: Harness, question: str) -> tuple[str, dict[str, Any]]:
    token = await bot.slash("ask", question=question)
    return token, (await bot.reply_to(token)).message()


async def mention_then_follow_up(bot: Harness) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answer to a mention (in the thread it opens) and the answer to a reply in that thread."""
    question = await bot.say(f"<@{p.APP_ID}> who funds ISIS-K?", mention_bot=True)
    thread_id = int(question["id"])

    def in_thread(sent: Sent) -> bool:
        return sent.method == "POST" and sent.path == f"/channels/{thread_id}/messages"

    first = await bot.fake.wait_for(in_thread)
    await asyncio.sleep(0.05)  # THREAD_CREATE reaches the bot's cache
    await bot.say("and China?", channel_id=thread_id)
    follow = await bot.fake.wait_for(lambda s: in_thread(s) and "China" in s.body["embeds"][0]["title"])
    return first.body, follow.body


async def test_with_a_public_address_every_quote_links_its_paragraph_on_dossiers_page(settings):
    async for bot in running(settings, public_base_url=BASE):
        _, reply = await ask(bot, QUESTION)
        hits = bot.service.ask_sync(QUESTION, 4).hits
        values = fields(reply)
        assert values
        for value, hit in zip(values, hits, strict=False):
            label, address = link_of(value)
            assert address == f"{BASE}/docs/{hit.passage.doc_id}#p{hit.passage.paragraph}"
            assert label.endswith(f", ¶{hit.passage.paragraph}")
        assert "news.example" not in json.dumps(reply)  # the public page wins over the canonical URL
        assert bot.fake.refused() == []


async def test_more_results_pages_and_follow_ups_link_dossiers_page_too(settings):
    async for bot in running(settings, public_base_url=BASE):
        token, reply = await ask(bot, BROAD)
        shown = next(m for k, m in bot.fake.interactions[token].messages.items() if k != "@original" or m["embeds"])
        more = next(b["custom_id"] for row in reply["components"] for b in row["components"]
                    if b["custom_id"].startswith("dossier:more:"))
        click = await bot.click(more, shown)
        page = (await bot.reply_to(click)).message()
        assert "Page 2" in page["embeds"][0]["footer"]["text"]

        first, follow = await mention_then_follow_up(bot)
        for message in (page, first, follow):
            addresses = [link_of(v)[1] for v in fields(message)]
            assert addresses and all(re.fullmatch(re.escape(BASE) + r"/docs/[\w.-]+#p\d+", a) for a in addresses)
            assert "news.example" not in json.dumps(message)
        passages = {h.passage.passage_id for h in bot.service.ask_sync(BROAD, 30).hits}
        assert all(link_of(v)[1].removeprefix(f"{BASE}/docs/") in passages for v in fields(page))
        assert bot.fake.refused() == []


async def test_with_no_address_at_all_the_source_is_named_in_text(settings, corpus: Path):
    shutil.copy(SEEDS / "sources.toml", corpus / "sources.toml")  # the bundled manifest has no URLs
    async for bot in running(settings):
        _, reply = await ask(bot, QUESTION)
        answer = bot.service.ask_sync(QUESTION, 4)
        values = fields(reply)
        assert values
        for value, hit in zip(values, answer.hits, strict=False):
            title = answer.documents[hit.passage.doc_id].title  # the bundled titles hold no markdown
            assert link_of(value) is None and "](" not in value and "http" not in value
            assert value.splitlines()[-1].endswith(f" · {title}, ¶{hit.passage.paragraph}")


async def test_without_a_public_address_the_canonical_url_is_linked(settings):
    async for bot in running(settings):
        _, reply = await ask(bot, QUESTION)
        hits = bot.service.ask_sync(QUESTION, 4).hits
        for value, hit in zip(fields(reply), hits, strict=False):
            label, address = link_of(value)
            # the corpus fixture gives each article `https://news.example/{file}?ref=(dossier)`
            assert re.fullmatch(r"https://news\.example/[\w.]+\.txt\?ref=%28dossier%29", address)
            assert label.endswith(f", ¶{hit.passage.paragraph}")
        assert "/docs/" not in json.dumps(reply)


async def test_a_script_url_in_the_manifest_never_becomes_a_link(settings, corpus: Path):
    manifest = corpus / "sources.toml"
    manifest.write_text(re.sub(r'^url = ".*"$', 'url = "javascript:alert(document.cookie)"',
                               manifest.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    async for bot in running(settings):
        _, reply = await ask(bot, QUESTION)
        assert fields(reply) and all(link_of(v) is None for v in fields(reply))
        assert "javascript" not in json.dumps(reply)


async def test_an_address_too_long_to_fit_is_named_in_text_never_cut(settings, corpus: Path):
    manifest = corpus / "sources.toml"
    long_url = "https://news.example/" + "a" * 700
    manifest.write_text(re.sub(r'^url = ".*"$', f'url = "{long_url}"', manifest.read_text(encoding="utf-8"),
                               flags=re.MULTILINE), encoding="utf-8")
    async for bot in running(settings):
        _, reply = await ask(bot, QUESTION)
        hits = bot.service.ask_sync(QUESTION, 4).hits
        values = fields(reply)
        assert values and bot.fake.refused() == []
        for value, hit in zip(values, hits, strict=False):
            assert link_of(value) is None and "news.example" not in value
            assert value.endswith(f", ¶{hit.passage.paragraph}")


async def test_the_sources_list_links_each_article_on_dossiers_page(settings):
    async for bot in running(settings, public_base_url=BASE):
        token = await bot.slash("sources")
        description = (await bot.reply_to(token)).message()["embeds"][0]["description"]
        addresses = re.findall(r"\]\((\S+?)\)", description)
        assert addresses and all(re.fullmatch(re.escape(BASE) + r"/docs/[\w.-]+", a) for a in addresses)
        assert "news.example" not in description


async def test_without_a_public_address_the_sources_list_links_canonical_urls(settings):
    async for bot in running(settings):
        token = await bot.slash("sources")
        description = (await bot.reply_to(token)).message()["embeds"][0]["description"]
        addresses = re.findall(r"\]\((\S+?)\)", description)
        assert addresses and all(a.startswith("https://news.example/") for a in addresses)
