"""What every Slack listener shares: settings, service, limits, memory, and the one error handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.core.ratelimit import RateLimited, RateLimiter
from bot.core.service import Service
from bot.errors import DossierError, NotAdmin, error_id
from bot.settings import Settings
from bot.slack.memory import SeenOnce, ThreadMemory
from bot.slack.render import not_admin_text

log = logging.getLogger("dossier.slack")


@dataclass
class SlackDeps:
    """Dependencies of the listeners, built once by `build_app`."""

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


async def reporting_errors(reply: Callable[[str], Awaitable[object]], work: Awaitable[object]) -> None:
    """Run a listener's work; a domain error is shown as its message, anything else as an error id."""
    try:
        await work
    except NotAdmin as exc:
        await _safe_reply(reply, not_admin_text(exc.action))
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
