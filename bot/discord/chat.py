"""Free-text chat: a mention or a DM is a question; a reply in a thread the bot started is a follow-up."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import discord

from bot.discord.context import BotContext
from bot.discord.errors import user_line
from bot.discord.render.answer import AnswerState
from bot.discord.render.text import THREAD_NAME, cut
from bot.discord.views.answer import answer_message

log = logging.getLogger("dossier.discord.chat")
_USER_MENTION = re.compile(r"<@!?(\d+)>")


@dataclass(frozen=True, slots=True)
class ChatQuestion:
    """What a message asks, and the earlier question of its thread when it is a follow-up."""

    text: str
    context: str | None = None

    @property
    def search_text(self) -> str:
        """The follow-up first, so a length cap never drops it, then the question it follows."""
        return f"{self.text} {self.context}" if self.context else self.text


def strip_mentions(content: str, bot_id: int) -> str:
    """The message text without the mention of the bot."""
    return " ".join(re.sub(rf"<@!?{bot_id}>", " ", content).split())


async def read_question(client: BotContext, message: discord.Message) -> ChatQuestion | None:
    """The question a message asks the bot, or None when it is not addressed to it."""
    me = client.user
    if me is None or message.author.bot or message.author.id == me.id:
        return None
    text = strip_mentions(message.content, me.id)
    channel = message.channel
    if isinstance(channel, discord.DMChannel):
        return ChatQuestion(text)
    if isinstance(channel, discord.Thread) and channel.owner_id == me.id:
        return ChatQuestion(text, await earlier_question(client, channel))
    if me in message.mentions:  # @everyone and @here never put the bot in `mentions`
        return ChatQuestion(text)
    return None


async def earlier_question(client: BotContext, thread: discord.Thread) -> str:
    """The question that opened a thread: its starter message, else the thread's name."""
    parent = thread.parent
    if isinstance(parent, discord.TextChannel) and client.user is not None:
        try:
            starter = thread.starter_message or await parent.fetch_message(thread.id)
            return strip_mentions(starter.content, client.user.id) or thread.name
        except discord.HTTPException:
            log.info("starter message of thread %s is gone; using its name", thread.id)
    return thread.name


async def destination(message: discord.Message, question: str) -> discord.abc.Messageable:
    """Where to answer: a new thread on a channel message, else the same DM or thread."""
    if isinstance(message.channel, discord.TextChannel):
        try:
            return await message.create_thread(name=cut(question or "Question", THREAD_NAME))
        except discord.HTTPException:
            log.info("cannot start a thread in channel %s; answering in the channel", message.channel.id)
    return message.channel


async def on_message(client: BotContext, message: discord.Message) -> None:
    """Read the question, check the rate limit, search off the loop, answer with the first page of quotes."""
    question = await read_question(client, message)
    if question is None:
        return
    try:
        client.check_rate(message.author.id)
        page = await client.service.ask_page(question.search_text, platform="discord",
                                             user_id=str(message.author.id))
        embed, view = answer_message(page, AnswerState(page.answer.question), message.author.id, client.settings)
        place = await destination(message, question.text)
        await place.send(embed=embed, view=view)
    except Exception as exc:  # every failure ends in a visible line with an error id
        await message.channel.send(user_line(exc, "chat"), reference=message, mention_author=False)
