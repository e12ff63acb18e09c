"""How each chat platform's connection is doing, for /healthz, /stats and the log.

The process keeps each platform (Discord, Slack) in a job of its own that retries a failed
connection with backoff; the job and the platform's room write here, the web page and the admin
commands read. A platform that cannot connect never stops the others or the web page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

State = Literal["connecting", "connected", "retrying"]


@dataclass(frozen=True, slots=True)
class PlatformStatus:
    """One platform's connection: its state, failed attempts in a row, the last failure in one line
    (for admins only: it may name hosts) and, while retrying, the time of the next attempt.
    """

    name: str
    state: State
    attempts: int = 0
    error: str | None = None
    retry_at: float | None = None  # time.time() of the next attempt
    since: float = 0.0  # time.time() when the state began

    def retry_in(self, now: float | None = None) -> float | None:
        """Seconds until the next attempt, or None when none is planned."""
        if self.retry_at is None:
            return None
        return max(0.0, self.retry_at - (time.time() if now is None else now))

    def describe(self) -> str:
        """One line an admin reads: `discord: retrying (3 failed attempts, next in 8 s): why`."""
        if self.state != "retrying":
            return f"{self.name}: {self.state}"
        wait = self.retry_in()
        plural = "" if self.attempts == 1 else "s"
        head = f"{self.name}: retrying ({self.attempts} failed attempt{plural}, next in {wait or 0:.0f} s)"
        return f"{head}: {self.error}" if self.error else head


class PlatformBoard:
    """The latest status of every platform the process runs."""

    def __init__(self) -> None:
        self._states: dict[str, PlatformStatus] = {}

    def connecting(self, name: str) -> None:
        """An attempt to connect has begun."""
        old = self._states.get(name)
        self._states[name] = PlatformStatus(name, "connecting", old.attempts if old else 0, old.error if old else None,
                                            since=time.time())

    def connected(self, name: str) -> None:
        """The platform is connected and answering; the count of failed attempts starts over."""
        self._states[name] = PlatformStatus(name, "connected", since=time.time())

    def retrying(self, name: str, attempts: int, error: str, delay: float) -> None:
        """An attempt failed; the next one comes after `delay` seconds."""
        now = time.time()
        self._states[name] = PlatformStatus(name, "retrying", attempts, error, now + delay, now)

    def get(self, name: str) -> PlatformStatus | None:
        """The status of one platform, None when the process does not run it."""
        return self._states.get(name)

    def all(self) -> tuple[PlatformStatus, ...]:
        """Every platform's status, by name."""
        return tuple(self._states[name] for name in sorted(self._states))
