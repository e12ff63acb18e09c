"""/ask over the real protocol: acknowledgement, quotes, links, paging, feedback, limits, mentions."""

from __future__ import annotations

import re
import time

from bot.core.service import Service
from tests.e2e.discord import payloads as p
from tests.e2e.discord.conftest import start_bot

QUESTION = "How many fighters does ISIS-K have?"


def buttons(message: dict) -> dict[str, dict]:
    return {b["custom_id"]: b for row in message.get("components", []) for b in row["components"]}


async def test_ask_acknowledges_first_then_answers_with_bold_quotes_and_source_links(bot):
    token = await bot.slash("ask", question=QUESTION)
    ack = await bot.callback(token)
    assert ack.body["type"] == 5 and ack.status == 200  # deferred: "Dossier is thinking…"
    reply = (await bot.reply_to(token)).message()
    embed = reply["embeds"][0]
    assert "fighters" in embed["title"]
    values = [f["value"] for f in embed["fields"]]
    assert all(v.startswith("> “") and "¶" in v for v in values)
    assert all(re.search(r"\[[^\]]+, ¶\d+\]\(https://news\.example/", v) for v in values)
    assert any("**fighters**" in v for v in values)
    assert all(v.endswith("%28dossier%29)") for v in values)  # parentheses in a URL cannot end the link early
    assert reply["allowed_mentions"] == {"parse": []}
    assert "Question: " + QUESTION in embed["footer"]["text"]
    assert bot.fake.refused() == []


async def test_private_ask_is_ephemeral(bot):
    token = await bot.slash("ask", question=QUESTION, private=True)
    ack = await bot.callback(token)
    assert ack.body["data"]["flags"] & 64
    reply = (await bot.reply_to(token)).message()
    assert reply["flags"] & 64


async def test_more_results_pages_for_the_asker_only(bot):
    token = await bot.slash("ask", question="Taliban ISIS-K fighters attacks", user_id=p.MEMBER_ID)
    reply = await bot.reply_to(token)
    original = bot.fake.interactions[token].messages
    shown = next(m for k, m in original.items() if k != "@original" or m["embeds"])
    more = next(cid for cid in buttons(reply.message()) if cid.startswith("dossier:more:"))
    first_titles = [f["name"] for f in reply.message()["embeds"][0]["fields"]]

    stranger = await bot.click(more, shown, user_id=p.OTHER_ID)
    refusal = await bot.callback(stranger)
    assert refusal.body["type"] == 4 and refusal.body["data"]["flags"] & 64
    assert "Only the person who asked" in refusal.body["data"]["content"]

    asker = await bot.click(more, shown, user_id=p.MEMBER_ID)
    assert (await bot.callback(asker)).body["type"] == 6  # deferred update of the same message
    page = (await bot.reply_to(asker)).message()
    assert page["embeds"][0]["fields"][0]["name"].startswith(f"{len(first_titles) + 1}.")
    assert "Page 2" in page["embeds"][0]["footer"]["text"]
    assert bot.fake.refused() == []


async def test_feedback_is_stored_and_acknowledged_privately(bot):
    token = await bot.slash("ask", question=QUESTION)
    reply = (await bot.reply_to(token)).message()
    up = next(cid for cid in buttons(reply) if cid.startswith("dossier:fb:1:"))
    message = p.message(p.CHANNEL_ID, p.BOT_USER, **{k: reply[k] for k in ("embeds", "components")})
    click = await bot.click(up, message, user_id=p.OTHER_ID)
    ack = await bot.callback(click)
    assert ack.body["type"] == 5 and ack.body["data"]["flags"] & 64
    thanks = (await bot.reply_to(click)).message()
    assert "Thanks" in thanks["content"]
    stats = await bot.service.stats()
    assert (stats.helpful, stats.unhelpful) == (1, 0)
    passage = up.removeprefix("dossier:fb:1:")
    assert passage in {h.passage.passage_id for h in bot.service.ask_sync(QUESTION).hits}


async def test_buttons_keep_working_after_a_restart(settings):
    service = Service.load(settings)
    async for first in start_bot(settings, service):
        token = await first.slash("ask", question="Taliban ISIS-K fighters attacks")
        reply = (await first.reply_to(token)).message()
    message = p.message(p.CHANNEL_ID, p.BOT_USER, **{k: reply[k] for k in ("embeds", "components")})
    more = next(cid for cid in buttons(reply) if cid.startswith("dossier:more:"))
    async for second in start_bot(settings, Service.load(settings)):
        click = await second.click(more, message)
        page = (await second.reply_to(click)).message()
        assert "Page 2" in page["embeds"][0]["footer"]["text"]


async def test_huge_passages_fit_every_limit_and_keep_their_source_links(settings, corpus):
    sentence = "The Taliban fighters clashed with ISIS-K fighters near Jalalabad again and again "
    for n in range(3):
        (corpus / f"huge_{n}.txt").write_text(f"Huge report {n}\n\n" + ("*_`|> " + sentence * 60 + ". ") * 3,
                                             encoding="utf-8")
    settings = settings.model_copy(update={"snippet_chars": 1000})
    async for bot in start_bot(settings, Service.load(settings)):
        token = await bot.slash("ask", question="Taliban fighters clashed with ISIS-K near Jalalabad")
        reply = await bot.reply_to(token)
        assert reply.status == 200 and bot.fake.refused() == []
        embed = reply.message()["embeds"][0]
        for f in embed["fields"]:
            assert len(f["value"]) <= 1024
            assert re.search(r"(\)|, ¶\d+)$", f["value"])  # the source line comes last, whole
        assert any("…" in f["value"] for f in embed["fields"])


async def test_everyone_in_quoted_text_or_question_never_pings(settings, corpus):
    (corpus / "ping.txt").write_text("Ping test\n\n@everyone the Kabul airport bomber was <@&123> named "
                                     "**[click](https://evil.example)** in reports.\n", encoding="utf-8")
    async for bot in start_bot(settings, Service.load(settings)):
        token = await bot.slash("ask", question="@everyone who was the Kabul airport bomber?")
        reply = (await bot.reply_to(token)).message()
        assert reply["allowed_mentions"] == {"parse": []}
        embed = reply["embeds"][0]
        shown = [embed["title"], embed.get("description") or ""]
        shown += [f["name"] + f["value"] for f in embed["fields"]]
        assert any("everyone" in text for text in shown)
        for text in shown:  # markdown escapes leave nothing to read as a mention or a masked link
            assert not re.search(r"(?<!\\)@everyone|(?<!\\)<@&|(?<!\\)\]\(https://evil", text)
        assert bot.fake.refused() == []


class SlowService(Service):
    """A service whose searches take longer than Discord's three-second answer window."""

    def ask_sync(self, question, top=None, doc_ids=None):
        time.sleep(3.3)
        return super().ask_sync(question, top, doc_ids)


async def test_slow_search_is_acknowledged_in_time_and_does_not_block_the_bot(settings):
    async for bot in start_bot(settings, SlowService.load(settings)):
        slow = await bot.slash("ask", question=QUESTION)
        assert (await bot.callback(slow)).status == 200
        quick = await bot.slash("help")
        help_reply = await bot.callback(quick, timeout=3.0)
        assert help_reply.status == 200 and "/ask" in help_reply.body["data"]["content"]
        answer = await bot.reply_to(slow, timeout=8.0)
        assert answer.status == 200 and answer.message()["embeds"][0]["fields"]
        assert help_reply.at < answer.at  # /help was answered while the search was still running
        assert bot.fake.refused() == []


async def test_the_rate_limit_answers_politely(settings):
    settings = settings.model_copy(update={"rate_limit_questions": 2})
    async for bot in start_bot(settings, Service.load(settings)):
        tokens = [await bot.slash("ask", question=QUESTION) for _ in range(3)]
        for token in tokens:
            await bot.reply_to(token)
        # The three arrive together and are handled concurrently: any one of them may be the third.
        answers = {t: bot.fake.interactions[t].messages.get("@original", {}) for t in tokens}
        refused = [t for t, original in answers.items() if not original.get("embeds")]
        assert len(refused) == 1
        assert all(not m["flags"] & 64 for t, m in answers.items() if t not in refused)  # answers are public
        # the public "thinking…" message is gone, the notice is seen by the asker only
        assert "try again in" in bot.private_notice(refused[0])
        assert bot.fake.refused() == []


async def test_source_autocomplete_offers_document_titles(bot):
    token = await bot.autocomplete("ask", "source", "taliban")
    answer = await bot.callback(token)
    assert answer.body["type"] == 8
    choices = answer.body["data"]["choices"]
    assert choices and all("taliban" in c["name"].lower() for c in choices)
    scoped = await bot.slash("ask", question="fighters", source=choices[0]["value"])
    embed = (await bot.reply_to(scoped)).message()["embeds"][0]
    assert "Source: " + choices[0]["value"] in embed["footer"]["text"]


async def test_a_bad_public_question_is_explained_privately_and_its_placeholder_removed(bot):
    token = await bot.slash("ask", question="??? !!!")
    ack = (await bot.callback(token)).body
    assert ack["type"] == 5 and not (ack.get("data") or {}).get("flags")  # a public "thinking…" first
    await bot.reply_to(token)
    assert "no words to search for" in bot.private_notice(token)
    assert any(s.method == "DELETE" and token in s.path for s in bot.fake.sent)
    unknown = await bot.slash("ask", question=QUESTION, source="No Such Article")
    await bot.reply_to(unknown)
    assert "I have no article by that name" in bot.private_notice(unknown)
    assert bot.fake.refused() == []


async def test_an_answer_discord_refuses_ends_in_a_private_error_id_with_the_details_only_logged(bot, caplog):
    detail = "Must be 4096 or fewer in length."
    bot.fake.refuse_next(lambda s: s.method == "POST" and bool((s.body or {}).get("embeds")), 400, {
        "code": 50035, "message": "Invalid Form Body",
        "errors": {"embeds": {"0": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": detail}]}}}})
    token = await bot.slash("ask", question=QUESTION)
    await bot.fake.wait_for(lambda s: token in s.path and s.method == "POST" and s.status == 200
                            and not s.path.endswith("/callback"))
    notice = bot.private_notice(token)  # neither the answer nor the "thinking…" message is left
    eid = re.fullmatch(r"Sorry, something went wrong on my side\. .+ error id `([0-9a-f]{8})`\.", notice)[1]
    for leak in ("50035", "Invalid Form Body", detail, "HTTPException", "Traceback", "embeds"):
        assert leak not in notice
    [logged] = [r for r in caplog.records if eid in r.getMessage()]
    assert logged.levelname == "ERROR" and "/ask" in logged.getMessage() and detail in str(logged.exc_info[1])
    assert [s.status for s in bot.fake.refused()] == [400]


async def test_a_bad_private_question_is_explained_in_its_private_placeholder(bot):
    token = await bot.slash("ask", question="??? !!!", private=True)
    await bot.reply_to(token)
    assert "no words to search for" in bot.private_notice(token)
    assert not any(s.method == "DELETE" for s in bot.fake.sent)  # nothing public to remove
