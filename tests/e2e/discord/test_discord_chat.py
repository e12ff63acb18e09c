"""Free-text chat over the real gateway: mentions, DMs, thread follow-ups, and what is not a question."""

from __future__ import annotations

import asyncio

from tests.e2e.discord import payloads as p


def posted(bot, channel_id: int):
    return lambda s: s.method == "POST" and s.path == f"/channels/{channel_id}/messages"


async def test_a_mention_in_a_channel_is_answered_in_a_new_thread(bot):
    question = await bot.say(f"<@{p.APP_ID}> how many fighters does ISIS-K have?", mention_bot=True)
    thread = await bot.fake.wait_for(lambda s: s.path.endswith(f"/messages/{question['id']}/threads"))
    assert thread.body["name"] == "how many fighters does ISIS-K have?"
    answer = await bot.fake.wait_for(posted(bot, int(question["id"])))
    embed = answer.body["embeds"][0]
    assert "**fighters**" in str(embed["fields"]) and answer.body["allowed_mentions"] == {"parse": []}
    assert bot.fake.refused() == []


async def test_a_reply_in_the_bots_thread_is_a_follow_up_with_the_earlier_question(bot):
    question = await bot.say(f"<@{p.APP_ID}> who funds ISIS-K?", mention_bot=True)
    thread_id = int(question["id"])
    await bot.fake.wait_for(posted(bot, thread_id))
    await asyncio.sleep(0.05)  # THREAD_CREATE reaches the bot's cache
    await bot.say("and China?", channel_id=thread_id)
    answers = lambda s: posted(bot, thread_id)(s) and "China" in s.body["embeds"][0]["title"]  # noqa: E731
    follow_up = await bot.fake.wait_for(answers)
    title = follow_up.body["embeds"][0]["title"]
    assert "and China?" in title and "ISIS-K" in title  # searched with the thread's question as context
    assert any("China" in f["value"] for f in follow_up.body["embeds"][0]["fields"])


async def test_any_direct_message_is_a_question(bot):
    await bot.say("how many fighters does ISIS-K have?", dm=True)
    answer = await bot.fake.wait_for(posted(bot, p.DM_CHANNEL_ID))
    assert "**fighters**" in str(answer.body["embeds"][0]["fields"])
    assert not any(s.path.endswith("/threads") for s in bot.fake.sent)


async def test_everyone_other_bots_and_plain_chatter_are_not_questions(bot):
    await bot.say("@everyone who funds ISIS-K?")
    await bot.say(f"<@{p.APP_ID}> who funds ISIS-K?", mention_bot=True, author_id=p.OTHER_BOT_ID, bot=True)
    await bot.say("who funds ISIS-K?")
    await bot.say("ping", dm=True)  # a marker: once this DM is answered, the earlier messages were seen
    await bot.fake.wait_for(posted(bot, p.DM_CHANNEL_ID))
    assert [s.path for s in bot.fake.sent if s.method == "POST" and "/channels/" in s.path] == \
        [f"/channels/{p.DM_CHANNEL_ID}/messages"]


async def test_an_empty_mention_gets_a_hint_not_an_error(bot):
    question = await bot.say(f"<@{p.APP_ID}>", mention_bot=True)
    answer = await bot.fake.wait_for(posted(bot, p.CHANNEL_ID))
    assert "Please type a question" in answer.body["content"]
    assert str(answer.body["message_reference"]["message_id"]) == question["id"]
