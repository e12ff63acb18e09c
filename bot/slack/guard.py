"""Once-only delivery for the Slack adapter (in memory, bounded)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

# Slack retries an event three times over about five minutes; remembering ten minutes of ids
# covers every retry, and the cap bounds memory on a busy workspace.
SEEN_SECONDS = 600.0
SEEN_MAX = 10_000


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

