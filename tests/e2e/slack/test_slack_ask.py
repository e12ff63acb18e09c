"""/ask, mentions, follow-ups and DMs through the real slack-bolt app and the loopback Slack."""

from __future__ import annotations

import asyncio
import json
import re
import time

from bot.core.service import Service
from tests.e2e.slack.fake_slack import BOT_ID, FakeSlack
from tests.e2e.slack.harness import running, slack_settings


def section_texts(args: dict) -> list[str]:
    return [b["text"]["text"] for b in args["blocks"] if b["type"] == "section"]


async def test_ask_round_trip_quotes_the_passage_with_its_source_link(fake: FakeSlack, bot) -> None:
    ack = await fake.send("slash_commands", fake.command("/ask", "how many fighters does ISIS-K have?"))
    assert ack["envelope_id"]
    [post] = await fake.wait_for(1)
    args = post.args
    assert post.token.startswith("xoxb-") and args["channel"] == "C1"
    assert args["unfurl_links"] is False and args["unfurl_media"] is False
    hit = section_texts(args)[1]
    assert ">*ISIS-K* has about 2,000 *fighters* in Afghanistan" in hit
    assert hit.endswith("<https://news.example/isis-k?id=1&amp;page=2|ISIS-K fighters in Afghanistan, ¶1>"
                        " · Loopback Times · 2021-08-30")
    assert "2,000 fighters" in args["text"]
    assert any(b["type"] == "context" for b in args["blocks"])


async def test_mention_is_answered_in_its_thread(fake: FakeSlack, bot) -> None:
    event = fake.message_event("<@UBOT> who met in Doha?", kind="app_mention")
    await fake.send("events_api", fake.event(event))
    [post] = await fake.wait_for(1)
    assert post.args["thread_ts"] == event["ts"]
    assert "Doha" in section_texts(post.args)[1]
    assert "UBOT" not in section_texts(post.args)[0]


async def test_reply_in_an_answered_thread_is_a_follow_up_with_the_earlier_question(
    fake: FakeSlack, bot
) -> None:
    first = fake.message_event(
        "<@UBOT> who funded reconstruction talks with the Taliban?", kind="app_mention"
    )
    await fake.send("events_api", fake.event(first))
    await fake.wait_for(1)
    reply = fake.message_event("and Russia?", thread_ts=first["ts"])
    await fake.send("events_api", fake.event(reply))
    [_, follow] = await fake.wait_for(2)
    assert_follow_up_on_russia(follow.args, first["ts"])


def assert_follow_up_on_russia(args: dict, thread_ts: str) -> None:
    """The answer to "and Russia?" in the thread, searched with the thread's first question."""
    assert args["thread_ts"] == thread_ts
    texts = section_texts(args)
    assert texts[0].startswith("*and Russia?*")
    assert "*Russia*" in texts[1] and "reconstruction" in texts[1]


async def test_a_reply_in_an_answered_thread_is_a_follow_up_after_a_restart(fake: FakeSlack, corpus) -> None:
    settings = slack_settings(corpus, fake)
    first = fake.message_event("<@UBOT> who funded reconstruction talks with the Taliban?", kind="app_mention")
    async with running(settings, fake):
        await fake.send("events_api", fake.event(first))
        await fake.wait_for(1)
    async with running(settings, fake):  # a new app and service on the same database
        reply = fake.message_event("and Russia?", thread_ts=first["ts"])
        await fake.send("events_api", fake.event(reply))
        [_, follow] = await fake.wait_for(2)
    assert_follow_up_on_russia(follow.args, first["ts"])


async def test_replies_in_threads_the_bot_did_not_answer_and_bot_messages_are_ignored(
    fake: FakeSlack, bot
) -> None:
    await fake.send(
        "events_api", fake.event(fake.message_event("how many fighters?", thread_ts="1699999999.000001"))
    )
    await fake.send(
        "events_api", fake.event(fake.message_event("<@UBOT> fighters?", kind="app_mention", bot_id="BOTHER"))
    )
    await fake.send("events_api", fake.event(fake.message_event("fighters", bot_id=BOT_ID, user="UBOT")))
    await asyncio.sleep(0.3)
    assert fake.posts() == []


async def test_a_direct_message_is_a_question(fake: FakeSlack, bot) -> None:
    event = fake.message_event(
        "how many US troops were killed at the airport?", channel="D1", channel_type="im"
    )
    await fake.send("events_api", fake.event(event))
    [post] = await fake.wait_for(1)
    assert post.args["channel"] == "D1" and "13 US troops" in post.args["text"]


async def test_a_question_with_nothing_to_search_gets_a_private_explanation(fake: FakeSlack, bot) -> None:
    await fake.send("slash_commands", fake.command("/ask", "   "))
    [reply] = await fake.wait_responses(1)
    assert reply["response_type"] == "ephemeral" and "Please type a question" in reply["text"]
    assert fake.posts() == []


async def test_ask_in_a_channel_the_bot_is_not_in_answers_through_the_response_url(
    fake: FakeSlack, bot
) -> None:
    fake.not_member_of.add("C9")
    await fake.send("slash_commands", fake.command("/ask", "who met in Doha?", channel="C9"))
    [reply] = await fake.wait_responses(1)
    assert reply["response_type"] == "in_channel" and "Doha" in json.dumps(reply["blocks"])


async def test_the_configured_rate_limit_is_enforced_with_a_friendly_message(fake: FakeSlack, corpus) -> None:
    settings = slack_settings(corpus, fake, rate_limit_questions=2, rate_limit_seconds=30)
    async with running(settings, fake):
        for _ in range(3):
            await fake.send("slash_commands", fake.command("/ask", "who met in Doha?", user="UFAST"))
        [reply] = await fake.wait_responses(1)
        assert reply["response_type"] == "ephemeral"
        assert re.fullmatch(r"You're asking faster than I can keep up\. Please try again in (29|30) seconds\.",
                            reply["text"])
        assert len(await fake.wait_for(2)) == 2
        await fake.send("slash_commands", fake.command("/ask", "who met in Doha?", user="USLOW"))
        await fake.wait_for(3)  # the limit is per person: someone else is still answered
        await asyncio.sleep(0.2)
        assert len(fake.responses) == 1


class SlowService(Service):
    """A service whose searches take longer than the three seconds Slack waits for an envelope's ack."""

    def ask_sync(self, question, top=None, doc_ids=None):
        time.sleep(3.3)
        return super().ask_sync(question, top, doc_ids)


async def test_a_slow_search_is_acknowledged_in_time_and_does_not_block_the_bot(fake: FakeSlack, corpus) -> None:
    settings = slack_settings(corpus, fake)
    async with running(settings, fake, SlowService.load(settings)):
        started = time.monotonic()
        await fake.send("slash_commands", fake.command("/ask", "who met in Doha?"), timeout=1.0)
        mention = fake.message_event("<@UBOT> how many fighters does ISIS-K have?", kind="app_mention")
        await fake.send("events_api", fake.event(mention), timeout=1.0)
        await fake.send("slash_commands", fake.command("/sources", ""), timeout=1.0)
        [sources] = await fake.wait_responses(1, timeout=2.0)
        assert "Talks in Doha" in json.dumps(sources)
        assert fake.posts() == []  # both envelopes and /sources were answered while the searches ran
        posts = await fake.wait_for(2, timeout=8.0)
        assert time.monotonic() - started > 3.3
        answers = {p.args.get("thread_ts"): p.args["text"] for p in posts}
        assert "Doha" in answers[None] and "2,000 fighters" in answers[mention["ts"]]

