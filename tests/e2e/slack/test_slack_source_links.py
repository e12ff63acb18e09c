"""Source links in Slack answers follow bot/render/links.py: Dossier's page, else the canonical URL, else text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.e2e.slack.fake_slack import Call, FakeSlack
from tests.e2e.slack.harness import ARTICLES, MANIFEST, running, slack_settings, write_corpus

BASE = "https://dossier.example.org"
QUESTION = "how many fighters does ISIS-K have?"
BROAD = "Taliban ISIS-K fighters Kabul Doha talks"
# Slack's mrkdwn link: <address|label>
LINK = re.compile(r"<([^|>]+)\|([^>]*)>")


def hit_sections(call: Call) -> list[str]:
    """The section texts that quote a passage (the heading is the first section)."""
    return [b["text"]["text"] for b in call.args["blocks"] if b["type"] == "section"][1:]


def links(call: Call) -> list[tuple[str, str]]:
    """Every (address, label) linked in a message's sections."""
    return [m.groups() for text in hit_sections(call) for m in LINK.finditer(text)]


def without_urls(manifest: str) -> str:
    return "\n".join(line for line in manifest.splitlines() if not line.startswith("url ="))


async def test_with_a_public_address_answers_link_the_paragraph_on_dossiers_page(
    fake: FakeSlack, corpus: Path
) -> None:
    async with running(slack_settings(corpus, fake, public_base_url=BASE), fake) as service:
        await fake.send("slash_commands", fake.command("/ask", QUESTION))
        [post] = await fake.wait_for(1)
        best = service.ask_sync(QUESTION).hits[0].passage
        assert best.passage_id.endswith("#p1")
        assert links(post)[0] == (f"{BASE}/docs/{best.passage_id}", "ISIS-K fighters in Afghanistan, ¶1")
        assert all(address.startswith(f"{BASE}/docs/") for address, _ in links(post))
        assert "news.example" not in json.dumps(post.args)  # the public page wins over the canonical URL
        assert f"(ISIS-K fighters in Afghanistan, ¶1 {BASE}/docs/{best.passage_id})" in post.args["text"]


async def test_more_results_pages_and_follow_ups_link_dossiers_page_too(fake: FakeSlack, corpus: Path) -> None:
    async with running(slack_settings(corpus, fake, public_base_url=BASE), fake) as service:
        await fake.send("slash_commands", fake.command("/ask", BROAD))
        [first] = await fake.wait_for(1)
        await fake.send("interactive", fake.click(first, "dossier_more"))
        [_, page] = await fake.wait_for(2)
        assert "results 3–" in page.args["blocks"][0]["text"]["text"]

        mention = fake.message_event("<@UBOT> who met in Doha?", kind="app_mention")
        await fake.send("events_api", fake.event(mention))
        await fake.wait_for(3)
        await fake.send("events_api", fake.event(fake.message_event("and Washington?", thread_ts=mention["ts"])))
        [*_, follow] = await fake.wait_for(4)
        assert follow.args["thread_ts"] == mention["ts"]

        passages = {h.passage.passage_id for h in service.ask_sync(BROAD, 15).hits}
        passages |= {h.passage.passage_id for h in service.ask_sync("and Washington? who met in Doha?").hits}
        for reply in (page, follow):
            shown = links(reply)
            assert shown and all(address.removeprefix(f"{BASE}/docs/") in passages for address, _ in shown)
            assert "news.example" not in json.dumps(reply.args)


async def test_with_no_address_at_all_the_source_is_named_in_text(fake: FakeSlack, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "bare", ARTICLES, without_urls(MANIFEST))
    async with running(slack_settings(corpus, fake), fake):
        await fake.send("slash_commands", fake.command("/ask", QUESTION))
        [post] = await fake.wait_for(1)
        assert hit_sections(post)[0].endswith("\nISIS-K fighters in Afghanistan, ¶1 · Loopback Times · 2021-08-30")
        assert links(post) == []
        assert "http" not in json.dumps(post.args["blocks"]) and "http" not in post.args["text"]
        assert "(ISIS-K fighters in Afghanistan, ¶1)" in post.args["text"]


async def test_without_a_public_address_the_canonical_url_is_linked(fake: FakeSlack, bot) -> None:
    await fake.send("slash_commands", fake.command("/ask", QUESTION))
    [post] = await fake.wait_for(1)
    canonical = "https://news.example/isis-k?id=1&amp;page=2"
    assert links(post)[0] == (canonical, "ISIS-K fighters in Afghanistan, ¶1")
    assert f"(ISIS-K fighters in Afghanistan, ¶1 {canonical})" in post.args["text"]
    assert "/docs/" not in json.dumps(post.args)


async def test_a_script_url_in_the_manifest_never_becomes_a_link(fake: FakeSlack, tmp_path: Path) -> None:
    manifest = MANIFEST.replace('url = "https://news.example/isis-k?id=1&page=2"',
                                'url = "javascript:alert(document.cookie)"')
    corpus = write_corpus(tmp_path / "script", ARTICLES, manifest)
    async with running(slack_settings(corpus, fake), fake):
        await fake.send("slash_commands", fake.command("/ask", QUESTION))
        [post] = await fake.wait_for(1)
        assert "javascript" not in json.dumps(post.args)
        assert "\nISIS-K fighters in Afghanistan, ¶1 · Loopback Times" in hit_sections(post)[0]


async def test_a_url_cannot_break_out_of_its_link_or_ping_anyone(fake: FakeSlack, tmp_path: Path) -> None:
    manifest = MANIFEST.replace('url = "https://news.example/isis-k?id=1&page=2"',
                                'url = "https://news.example/a|b> <!channel> x"')
    corpus = write_corpus(tmp_path / "breakout", ARTICLES, manifest)
    async with running(slack_settings(corpus, fake), fake):
        await fake.send("slash_commands", fake.command("/ask", QUESTION))
        [post] = await fake.wait_for(1)
        assert links(post)[0] == ("https://news.example/a%7Cb%3E%20%3C!channel%3E%20x",
                                  "ISIS-K fighters in Afghanistan, ¶1")
        assert "<!channel>" not in json.dumps(post.args)


async def test_an_address_too_long_to_fit_is_named_in_text_never_cut(fake: FakeSlack, tmp_path: Path) -> None:
    manifest = MANIFEST.replace("url = \"https://news.example/isis-k?id=1&page=2\"",
                                f"url = \"https://news.example/{'a' * 900}\"")
    corpus = write_corpus(tmp_path / "long", ARTICLES, manifest)
    async with running(slack_settings(corpus, fake), fake):
        await fake.send("slash_commands", fake.command("/ask", QUESTION))
        [post] = await fake.wait_for(1)
        assert "\nISIS-K fighters in Afghanistan, ¶1 · Loopback Times" in hit_sections(post)[0]
        assert "aaaa" not in json.dumps(post.args)
