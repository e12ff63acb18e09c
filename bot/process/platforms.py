"""Keeping a chat platform connected: a failed connection is retried with backoff while the rest serves.

Discord or Slack being unreachable at start-up (or later) is a state, shown on /healthz and in
/stats, not the end of the process: the web page and the other platforms keep answering.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from bot.core.platforms import PlatformBoard
from bot.errors import CredentialsRefused, DossierError
from bot.process import redact

log = logging.getLogger("dossier")

# The wait before the first retry, doubled after each failure up to the last: a platform that is down
# for hours is tried every five minutes, one that blinked is back within a second.
FIRST_RETRY_SECONDS = 1.0
LONGEST_RETRY_SECONDS = 300.0
# A failure reason longer than this is cut: it is one line of the log and of /stats.
REASON_CHARS = 300


def backoff(attempts: int, first: float = FIRST_RETRY_SECONDS, longest: float = LONGEST_RETRY_SECONDS) -> float:
    """The wait after `attempts` failures in a row: first, 2 × first, 4 × first, … at most longest."""
    return min(longest, first * 2 ** max(0, attempts - 1))


def reason(exc: BaseException) -> str:
    """A failure as one redacted line: the message a DossierError carries, else the type and text."""
    text = exc.user_message if isinstance(exc, DossierError) else f"{type(exc).__name__}: {exc}".rstrip(": ")
    line = redact.redact(" ".join(text.split()))  # before the cut: a token cut in two would escape its shape
    return line if len(line) <= REASON_CHARS else line[:REASON_CHARS - 1] + "…"


async def keep_connected(name: str, connect: Callable[[], Coroutine[Any, Any, None]], board: PlatformBoard,
                         first: float = FIRST_RETRY_SECONDS, longest: float = LONGEST_RETRY_SECONDS) -> None:
    """Run `connect()` until cancelled, starting it again with backoff whenever it fails or returns.

    The platform's room marks itself connected on the board; a failure after that starts the count of
    failed attempts over, so a long-lived connection that drops is retried at once.
    """
    attempts = 0
    while True:
        board.connecting(name)
        try:
            await connect()
            failure: BaseException = ConnectionError("the connection ended")
        except (asyncio.CancelledError, CredentialsRefused):
            raise  # a refused token ends the process with one line: no retry can mend it
        except Exception as exc:  # any failure of one platform is that platform's, never the process's
            failure = exc
        status = board.get(name)
        attempts = 1 if status is not None and status.state == "connected" else attempts + 1
        delay = backoff(attempts, first, longest)
        why = reason(failure)
        board.retrying(name, attempts, why, delay)
        log.error("%s is not connected (attempt %d failed: %s); retrying in %.0f s; the other platforms and "
                  "the web page keep serving", name, attempts, why, delay)
        await asyncio.sleep(delay)
