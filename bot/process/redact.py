"""Secret redaction for every log line: one filter knows each configured token and the shapes of tokens.

A server may answer an error by echoing the request, headers included, and a library may log that
answer (slack_sdk's errors carry the response body; aiohttp's carry the request). So redaction cannot
rely on what Dossier itself chooses to log: `Redactor` is a logging filter that rewrites the whole
record (message, arguments, exception text and stack) before any handler formats it, replacing

- every configured secret (the Slack bot and app-level tokens, the signing secret, the Discord token),
  wherever it appears;
- anything shaped like a token, configured or not: Slack's `xoxb-`, `xoxp-`, `xapp-` and the other
  `xox?-` kinds, Discord bot tokens (three base64url parts joined by dots), and whatever follows
  `Bearer`, or `Bot` in an authorization header.

`install` puts the one filter on every handler that exists and, through the record factory, on
every record made later, so a handler added afterwards (a library's, a test's) gets clean records too.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import SecretStr

from bot.settings import Settings

REDACTED = "[redacted]"
# Shapes of tokens, whoever they belong to. Slack: xoxb- bot, xoxp- user, xoxa-/xoxr-/xoxe- app and
# refresh tokens, xoxs- workspace; xapp- app-level. Discord: user id (base64) . timestamp . HMAC.
TOKEN_SHAPES = re.compile(
    r"(?P<slack>\b(?:xox[abeoprs]|xapp)-)[A-Za-z0-9-]+"
    r"|\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}"
    r"|(?P<scheme>\bBearer\s+|[Aa]uthorization['\"]?\s*[:=]\s*['\"]?Bot\s+)(?!xox[abeoprs]-|xapp-)[A-Za-z0-9._~+/=-]{8,}"
)
# Shorter secrets are not searched for: they would blank ordinary words in the log.
MIN_SECRET_CHARS = 8


def _shape(match: re.Match[str]) -> str:
    prefix = match.group("slack") or match.group("scheme") or ""
    return prefix + REDACTED


class Redactor(logging.Filter):
    """Rewrites each record so that no configured secret and nothing shaped like a token is left in it."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        known = sorted({s for s in secrets if len(s) >= MIN_SECRET_CHARS}, key=len, reverse=True)
        self._known = re.compile("|".join(re.escape(s) for s in known)) if known else None

    def redact(self, text: str) -> str:
        """The text with every secret and token replaced by [redacted]."""
        text = TOKEN_SHAPES.sub(_shape, text)  # first, so a known Slack token keeps its kind: xapp-[redacted]
        return self._known.sub(REDACTED, text) if self._known is not None else text

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place (its message with arguments, exception and stack); keep it."""
        if getattr(record, "_dossier_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record or leak its args
            message = f"{record.msg!s} (arguments not shown: they did not fit the message)"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        record._dossier_redacted = True
        return True


def configured_secrets(settings: Settings) -> list[str]:
    """Every secret value the settings hold: each SecretStr field that is set."""
    found = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            found.append(value.get_secret_value())
    return found


_installed: Redactor | None = None
_previous_factory: Callable[..., logging.LogRecord] | None = None


def redact(text: str) -> str:
    """The text with the installed filter's secrets (or, before `install`, only token shapes) redacted."""
    return (_installed or Redactor()).redact(text)


def install(settings: Settings) -> Redactor:
    """Redact every log record of this process from now on; returns the filter (installed once)."""
    global _installed, _previous_factory
    redactor = Redactor(configured_secrets(settings))
    for handler in _all_handlers():
        if _installed is not None:
            handler.removeFilter(_installed)
        handler.addFilter(redactor)
    if _installed is None:
        _previous_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_redacting_factory(_previous_factory))
    _installed = redactor
    return redactor


def uninstall() -> None:
    """Take the filter off every handler and restore the record factory (for a process that embeds Dossier)."""
    global _installed, _previous_factory
    if _installed is None:
        return
    for handler in _all_handlers():
        handler.removeFilter(_installed)
    if _previous_factory is not None:
        logging.setLogRecordFactory(_previous_factory)
    _installed, _previous_factory = None, None


def _all_handlers() -> list[logging.Handler]:
    handlers = list(logging.getLogger().handlers)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        handlers += getattr(logger, "handlers", [])
    return handlers


def _redacting_factory(make: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        if _installed is not None:
            _installed.filter(record)
        return record

    return factory
