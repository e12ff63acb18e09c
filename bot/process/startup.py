"""The one start-up error path: a failure a user can cause becomes one line naming its cause and the setting.

A taken port, a corpus or database folder Dossier may not read or write, a database another Dossier
holds, a token a platform refuses: each is a mistake of configuration or of the machine, not a fault of
Dossier, so it is one line on standard error and a non-zero exit, never a traceback. Anything else is a
fault and keeps its traceback in the log.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import sys
from pathlib import Path

from bot.errors import CorpusUnavailable, DossierError, InstanceLocked, StoreError
from bot.printable import one_line
from bot.settings import Settings

# Why binding an address fails, in words a user acts on.
_BIND_REASONS = {
    errno.EADDRINUSE: "another program already listens there",
    errno.EACCES: "this user may not listen on that port",
    errno.EADDRNOTAVAIL: "this machine has no such address",
}


def setting(name: str) -> str:
    """How a setting is named to a user: its environment variable and its key in config/dossier.toml."""
    return f"DOSSIER_{name.upper()} ({name} in config/dossier.toml)"


def _under(path: str | os.PathLike[str] | None, folder: Path) -> bool:
    if path is None:
        return False
    try:
        return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))
    except (TypeError, ValueError):
        return False


def _bind_line(exc: OSError, settings: Settings) -> str | None:
    if exc.errno not in _BIND_REASONS or "bind" not in str(exc):
        return None
    found = re.search(r"\('[^']*', (\d{1,5})[,)]", str(exc))  # the (host, port[, …]) the server names
    port = found.group(1) if found else None
    listeners = [("web page", settings.web_host, settings.web_port, "web_port", "web_host")]
    if settings.slack_enabled and settings.slack_mode == "http":
        listeners.append(("Slack HTTP endpoint", settings.slack_http_host, settings.slack_http_port,
                          "slack_http_port", "slack_http_host"))
    named = [entry for entry in listeners if port is None or str(entry[2]) == port] or listeners[:1]
    what, host, number, port_name, host_name = named[0]
    fix = setting(host_name) if exc.errno == errno.EADDRNOTAVAIL else setting(port_name)
    return f"cannot serve the {what} on {host}:{number}: {_BIND_REASONS[exc.errno]}; set {fix} to change it."


def _path_line(exc: OSError, settings: Settings) -> str | None:
    reason = (exc.strerror or type(exc).__name__).lower()
    where = exc.filename
    database_folder = settings.database_path.parent
    if _under(where, database_folder) or where is not None and _under(database_folder, where):
        return (f"cannot create or open the database {settings.database_path} ({one_line(str(where))}: "
                f"{reason}); set {setting('database_path')} to a file in a folder this user can write.")
    if _under(where, settings.corpus_dir):
        return (f"cannot read the corpus folder {one_line(str(settings.corpus_dir))} ({one_line(str(where))}: "
                f"{reason}); set {setting('corpus_dir')} to a folder this user can read.")
    return None


def explain(exc: BaseException, settings: Settings) -> str | None:
    """The one line for a failure a user can cause, or None for a fault that needs its traceback."""
    if isinstance(exc, InstanceLocked):
        return f"{exc.user_message} A second Dossier needs its own database: {setting('database_path')}."
    if isinstance(exc, CorpusUnavailable):
        return f"{exc.user_message.rstrip('.')}; set {setting('corpus_dir')} to a folder of articles."
    if isinstance(exc, StoreError):
        return f"{exc.user_message.rstrip('.')}; the database is set by {setting('database_path')}."
    if isinstance(exc, DossierError):
        return exc.user_message
    if isinstance(exc, BrokenPipeError):
        return "standard output was closed (the program reading it stopped), so Dossier stopped too."
    if isinstance(exc, OSError):
        return _bind_line(exc, settings) or _path_line(exc, settings)
    return None


def check_ports(settings: Settings) -> None:
    """Fail at once when a port Dossier will listen on is taken, before a corpus that may take minutes to load.

    Each address is bound and let go as the web server binds it (address reuse on, so a port left in
    TIME_WAIT by a stopped Dossier is free); the server binds it for good once the corpus is loaded.
    Raises OSError worded as the server's own, which `explain` turns into one line.
    """
    listeners = [(settings.web_host, settings.web_port)]
    if settings.slack_enabled and settings.slack_mode == "http":
        listeners.append((settings.slack_http_host, settings.slack_http_port))
    for host, port in listeners:
        if port == 0:
            continue
        try:
            found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        except OSError:
            continue  # a name that does not resolve is the server's to report
        for family, kind, proto, _, address in found:
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    probe.bind(address)
                except OSError as exc:
                    reason = (exc.strerror or "").lower()
                    raise OSError(exc.errno, f"error while attempting to bind on address {address!r}: "
                                             f"{reason}") from None


def report(exc: BaseException, settings: Settings) -> bool:
    """Write the one line for `exc` to standard error; False when it is a fault with no such line."""
    line = explain(exc, settings)
    if line is None:
        return False
    print(f"dossier: {one_line(line)}", file=sys.stderr, flush=True)
    return True
