"""What the adapter remembers between deliveries: the threads it answered and the deliveries it saw."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable

from bot.core.models import Store
from bot.errors import StoreError

log = logging.getLogger("dossier.slack")

# How the store tells Slack's threads from another platform's.
PLATFORM = "slack"
# Answered threads also held in memory; the least recently used are dropped past this many.
MAX_THREADS = 5000
# Slack retries an event three times over about five minutes; remembering ten minutes of ids
# covers every retry, and the cap bounds memory on a busy workspace.
SEEN_SECONDS = 600.0
SEEN_MAX = 10_000


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


class SeenOnce:
    """Remembers keys for a while (in memory, bounded): `first(key)` is True the first time only."""

    def __init__(self, seconds: float = SEEN_SECONDS, capacity: int = SEEN_MAX,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._seconds, self._capacity, self._clock = seconds, capacity, clock

    def first(self, key: str) -> bool:
        """True if `key` was not seen in the last `seconds`; records it either way."""
        now = self._clock()
        while self._seen and (len(self._seen) >= self._capacity or next(iter(self._seen.values())) < now
                              - self._seconds):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True
