"""Domain errors: each carries a message that is safe to show a user as it is."""

from __future__ import annotations

import secrets
from typing import Any


class DossierError(Exception):
    """An error whose `user_message` can be shown in chat; details belong in the log."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class BadQuestion(DossierError):
    """The question cannot be searched: empty, or nothing but stopwords, punctuation or emoji."""


class CorpusUnavailable(DossierError):
    """No corpus could be loaded, so nothing can be answered."""


class ConfigInvalid(DossierError):
    """A configuration file (aliases, synonyms, states) is there but cannot be read."""


class ReloadRefused(DossierError):
    """A reload was refused; the live corpus is unchanged."""

    def __init__(self, user_message: str, report: Any = None) -> None:
        super().__init__(user_message)
        self.report = report  # the ReloadReport (bot/core/report.py) naming what failed, when one was made


class ReloadBusy(DossierError):
    """A reload was asked for while another one was running; the running one goes on."""


class StoreError(DossierError):
    """The database could not be read or written; the detail is in the log."""


class InstanceLocked(DossierError):
    """Another Dossier process already holds the database."""


class UnknownActor(DossierError):
    """No actor of the corpus goes by the name asked for."""


class BadFilter(DossierError):
    """A filter (kind, date) could not be read."""


class FetchFailed(DossierError):
    """A link could not be added: the page was refused, unreachable or no article; nothing changed."""


class CredentialsRefused(DossierError):
    """A chat platform refused a token or a setting it needs: retrying cannot help, the admin must fix it."""


class NotAdmin(DossierError):
    """An admin action asked for by someone who is not an admin; each platform says who admins are."""

    def __init__(self, action: str) -> None:
        super().__init__(f"Only Dossier admins can use /{action}.")
        self.action = action


def error_id() -> str:
    """A short id to quote in a user-facing error and find the traceback in the log."""
    return secrets.token_hex(4)
