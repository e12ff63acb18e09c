"""Limits, mention injection, retries and secrets: what must never go wrong in a workspace."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from tests.e2e.slack.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.e2e.slack.harness import running, slack_settings, write_corpus

HUGE_WORD = "& < > " * 300
HUGE = {
    "huge.txt": "Huge\n\n"
    + " ".join(f"The garrison at Bagram held {i} rockets {HUGE_WORD}." for i in range(60))
    + "\n",
    "long-title.txt": "T\n\n" + ("The garrison counted rockets & mortars in the depot. " * 300) + "\n",
}
for n in range(40):
    HUGE[f"pad{n}.txt"] = f"Pad {n}\n\nThe depot at Bagram held rockets near gate {n} & more.\n"
HUGE_MANIFEST = '[[source]]\nfile = "long-title.txt"\ntitle = "' + "Very long title <!channel> " * 100 + '"\n'
MENTIONS = re.compile(r"<!(channel|here|everyone)|<@U|<!subteam")


def every_text(args: dict) -> list[str]:
    texts = [args.get("text") or ""]
    for block in args.get("blocks", []):
        texts += [block.get("text", {}).get("text", "")] + [
            e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)
        ]
    return texts


async def test_huge_passages_stay_within_slacks_limits(fake: FakeSlack, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "huge", HUGE, HUGE_MANIFEST)
    settings = slack_settings(corpus, fake, top_k=20, snippet_chars=1000, max_question_chars=5000)
    async with running(settings, fake):
        question = "rockets held by the garrison at Bagram " + "&" * 4000
        await fake.send("slash_commands", fake.command("/ask", question))
        [post] = await fake.wait_for(1)
    args = post.args
    assert "error" not in post.result and post.result["ok"]
    assert len(args["blocks"]) <= 50
    assert all(len(t) <= 3000 for t in every_text(args))
    assert len(json.dumps(args["blocks"], ensure_ascii=False)) <= 12_000
    more = next(e for b in args["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert len(more["value"]) <= 2000


async def test_refused_blocks_are_retried_as_shorter_plain_text(fake: FakeSlack, bot) -> None:
    fake.refuse_blocks = "msg_blocks_too_long"
    await fake.send("slash_commands", fake.command("/ask", "how many fighters does ISIS-K have?"))
    [refused, plain] = await fake.wait_for(2)
    assert refused.result["error"] == "msg_blocks_too_long"
    assert "blocks" not in plain.args and plain.result["ok"]
    assert "2,000 fighters" in plain.args["text"] and len(plain.args["text"]) <= 3000


@pytest.mark.parametrize(
    "question",
    [
        "<!channel> who met in Doha?",
        "<!here> <@U999> who met in Doha?",
        "<!everyone> <!subteam^S1|@team> who met in Doha?",
    ],
)
async def test_mentions_in_a_question_are_inert(fake: FakeSlack, bot, question: str) -> None:
    await fake.send("slash_commands", fake.command("/ask", question))
    [post] = await fake.wait_for(1)
    texts = every_text(post.args)
    assert not any(MENTIONS.search(t) for t in texts)
    assert "&lt;!" in texts[1]


async def test_mentions_in_corpus_text_and_titles_are_inert(fake: FakeSlack, bot) -> None:
    await fake.send(
        "slash_commands", fake.command("/ask", "when did the envoy meet about the embassy reopening?")
    )
    [post] = await fake.wait_for(1)
    texts = every_text(post.args)
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U999&gt;" in " ".join(texts)
    assert "Notice &lt;!channel&gt; board" in " ".join(texts)
    assert not any(MENTIONS.search(t) for t in texts)
    assert all(b["text"]["verbatim"] for b in post.args["blocks"] if b["type"] == "section")


async def test_a_retried_event_is_answered_once(fake: FakeSlack, bot) -> None:
    payload = fake.event(
        fake.message_event("<@UBOT> who met in Doha?", kind="app_mention"), event_id="EvSAME"
    )
    await fake.send("events_api", payload)
    await fake.send("events_api", payload, retry_attempt=1)
    await fake.send("events_api", payload, retry_attempt=2)
    await fake.wait_for(1)
    await _settle()
    assert len(fake.posts()) == 1


async def test_a_redelivered_envelope_and_a_mention_seen_twice_are_answered_once(
    fake: FakeSlack, bot
) -> None:
    command = fake.command("/ask", "who met in Doha?")
    await fake.send("slash_commands", command, envelope_id="env-X")
    await fake.send("slash_commands", command, envelope_id="env-X")
    mention = fake.message_event("<@UBOT> who met in Doha?", kind="app_mention")
    await fake.send("events_api", fake.event(mention))
    await fake.send("events_api", fake.event({**mention, "type": "message"}))
    await fake.wait_for(2)
    await _settle()
    assert len(fake.posts()) == 2


async def test_no_token_or_secret_reaches_the_log(
    fake: FakeSlack, corpus: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running(slack_settings(corpus, fake), fake):
        await fake.send("slash_commands", fake.command("/ask", "who met in Doha?"))
        await fake.wait_for(1)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "chat.postMessage" in logged  # the Web API calls were logged at debug level
    for secret in (BOT_TOKEN, APP_TOKEN, BOT_TOKEN.split("-")[-1], APP_TOKEN.split("-")[-1]):
        assert secret not in logged


async def _settle() -> None:
    import asyncio

    await asyncio.sleep(0.3)
