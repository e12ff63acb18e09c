"""A per-user sliding-window rate limit, shared by the chat adapters."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable

from bot.errors import DossierError

# Past this many users seen, the limiter forgets those idle for a whole window before it counts the
# next question: memory stays proportional to the users active in one window.
FORGET_AFTER_KEYS = 10_000


class RateLimiter:
    """Allows `limit` events per `window` seconds for each key; `check` answers how long to wait."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: dict[str, deque[float]] = defaultdict(deque)

    def check(self, key: str) -> float:
        """Record an event for `key` and return 0, or return the seconds to wait without recording it."""
        now = self._clock()
        if len(self._events) > FORGET_AFTER_KEYS:
            self._forget_idle(now)
        events = self._events[key]
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return events[0] + self.window - now
        events.append(now)
        return 0.0


    def __len__(self) -> int:
        """How many users the limiter holds events for."""
        return len(self._events)

    def _forget_idle(self, now: float) -> None:
        """Drop the keys with no event inside the window: they are allowed anyway."""
        for key in [k for k, events in self._events.items() if not events or events[-1] <= now - self.window]:
            del self._events[key]


class RateLimited(DossierError):
    """A user asked more often than the rate limit allows."""

    @classmethod
    def waiting(cls, seconds: float) -> RateLimited:
        """The friendly message for a wait of `seconds`."""
        return cls(f"You're asking faster than I can keep up. Please try again in {max(1, round(seconds))} "
                   "seconds.")
