"""Once-only delivery and per-user rate limits for the Slack adapter (in memory, bounded)."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

# Slack retries an event three times over about five minutes; remembering ten minutes of ids
# covers every retry, and the cap bounds memory on a busy workspace.
SEEN_SECONDS = 600.0
SEEN_MAX = 10_000
# A person asks a few questions a minute; more than this is a script or a stuck client.
RATE_LIMIT = 8
RATE_WINDOW_SECONDS = 60.0


class SeenOnce:
    """Remembers keys for a while: `first(key)` is True the first time only."""

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


class RateLimiter:
    """At most `limit` requests per user in any `window` seconds."""

    def __init__(self, limit: int = RATE_LIMIT, window: float = RATE_WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._recent: dict[str, deque[float]] = {}
        self._limit, self._window, self._clock = limit, window, clock

    def allow(self, user_id: str) -> bool:
        """Count one request for `user_id`; False when over the limit (and then it is not counted)."""
        now = self._clock()
        times = self._recent.setdefault(user_id, deque())
        while times and times[0] <= now - self._window:
            times.popleft()
        if len(times) >= self._limit:
            return False
        times.append(now)
        if len(self._recent) > SEEN_MAX:
            self._recent = {u: t for u, t in self._recent.items() if t and t[-1] > now - self._window}
        return True
