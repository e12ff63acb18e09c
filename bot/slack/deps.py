"""What every Slack handler shares: settings, service, limits, answered threads, and replies with errors."""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.errors import DossierError, StoreError, error_id
from bot.ratelimit import RateLimited, RateLimiter
from bot.service import Answer, Service
from bot.settings import Settings
from bot.slack.guard import SeenOnce
from bot.store import Store

log = logging.getLogger("dossier.slack")

# "More results" pages through at most this many passages: past that, a better question helps more.
MAX_RESULTS = 15
# Answered threads also held in memory; the least recently used are dropped past this many.
MAX_THREADS = 5000
# How the store tells Slack's threads from another platform's.
PLATFORM = "slack"


class ThreadMemory:
    """The question each thread the bot answered started from, for follow-ups in that thread.

    Kept in the store when the service has one, so a restart forgets no thread; the recent ones are
    also held in memory. A store that cannot be read or written is logged and never fails an answer.
    """

    def __init__(self, store: Store | None = None) -> None:
        self._store = store
        self._questions: OrderedDict[str, str] = OrderedDict()

    async def remember(self, channel: str, thread_ts: str, question: str) -> None:
        """Note the question a thread answers; keeps the first question of a thread."""
        key = f"{channel}:{thread_ts}"
        self._hold(key, self._questions.get(key, question))
        if self._store is not None:
            try:
                await self._store.remember_thread(PLATFORM, key, question)
            except StoreError as exc:
                log.warning("could not store an answered thread: %s", exc)

    async def question(self, channel: str, thread_ts: str) -> str | None:
        """The question a thread started from, or None when the bot did not answer that thread."""
        key = f"{channel}:{thread_ts}"
        found = self._questions.get(key)
        if found is None and self._store is not None:
            try:
                found = await self._store.thread_question(PLATFORM, key)
            except StoreError as exc:
                log.warning("could not read answered threads: %s", exc)
            if found is not None:
                self._hold(key, found)
        return found

    def _hold(self, key: str, question: str) -> None:
        self._questions[key] = question
        self._questions.move_to_end(key)
        while len(self._questions) > MAX_THREADS:
            self._questions.popitem(last=False)


@dataclass
class SlackDeps:
    """Dependencies of the handlers, built once by `build_app`."""

    settings: Settings
    service: Service
    seen: SeenOnce = field(default_factory=SeenOnce)
    limiter: RateLimiter = field(init=False)
    threads: ThreadMemory = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.settings.rate_limit_questions, self.settings.rate_limit_seconds)
        self.threads = ThreadMemory(self.service.store)

    def is_admin(self, user_id: str) -> bool:
        """True for the configured admin user ids."""
        return user_id in self.settings.slack_admin_user_ids

    def check_rate(self, user_id: str) -> None:
        """Raise RateLimited when the user asked `rate_limit_questions` times in the last `rate_limit_seconds`."""
        wait = self.limiter.check(user_id)
        if wait:
            raise RateLimited.waiting(wait)

    async def search(self, question: str, user_id: str, offset: int = 0,
                     doc_ids: list[str] | None = None) -> tuple[Answer, bool]:
        """One page of the answer from `offset`, and whether a further page exists."""
        page = self.settings.top_k
        top = min(offset + page + 1, MAX_RESULTS + 1)
        answer = await self.service.ask(question, top=top, doc_ids=doc_ids, platform="slack", user_id=user_id)
        if not answer.answered:
            return dataclasses.replace(answer, closest=answer.closest[:page]), False
        hits = answer.hits[offset:offset + page]
        more = len(answer.hits) > offset + page and offset + page < MAX_RESULTS
        return dataclasses.replace(answer, hits=hits), more


async def reporting_errors(reply: Callable[[str], Awaitable[object]], work: Awaitable[object]) -> None:
    """Run a handler's work; a domain error is shown as its message, anything else as an error id."""
    try:
        await work
    except DossierError as exc:
        await _safe_reply(reply, exc.user_message)
    except Exception:
        eid = error_id()
        log.exception("Slack handler failed [error id %s]", eid)
        await _safe_reply(reply, f"Something went wrong on Dossier's side (error id {eid}).")


async def _safe_reply(reply: Callable[[str], Awaitable[object]], text: str) -> None:
    try:
        await reply(text)
    except Exception:
        log.exception("could not tell the user about an error")
