"""`dossier run`: the long-running process. Holds the database lock, serves the service, reloads on SIGHUP.

`jobs()` lists the process's long-running tasks; a chat adapter (Discord, Slack, the web page) adds its
own there. The process stops on SIGTERM or SIGINT (Ctrl-C), on `quit` typed at its terminal chat, or when
a job fails; an empty line or the end of the terminal's input never stops it. A failure a user can cause
(a taken port, an unreadable folder, a refused token) ends it with one line on standard error
(bot/process/startup.py).
A chat platform that cannot connect is retried with backoff (bot/process/platforms.py) while the rest serves.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Coroutine
from typing import Any, TextIO

from bot.cli.chat import terminal_chat
from bot.core.report import render_report
from bot.core.service import Service
from bot.errors import ReloadBusy, ReloadRefused, StoreError, error_id
from bot.process import redact, startup
from bot.process.platforms import keep_connected
from bot.process.watch import watch_corpus
from bot.settings import Settings
from bot.store.lock import InstanceLock
from bot.store.store import Store

log = logging.getLogger("dossier")

# Who a reload started by a bare signal (`kill -HUP`) is recorded as.
SIGNAL_ACTOR = "signal:SIGHUP"


async def reload_on_signal(service: Service, store: Store, hangup: asyncio.Event) -> None:
    """Each SIGHUP reloads once, for whoever asked through `dossier reload`, and answers their request."""
    while True:
        await hangup.wait()
        hangup.clear()
        try:
            requests = await store.pending_reload_requests()
        except StoreError as exc:
            log.error("reload requests not read: %s", exc.user_message)
            requests = []
        actor = requests[-1].requested_by if requests else SIGNAL_ACTOR
        force = any(r.force for r in requests)
        try:
            ok, text = True, render_report(await service.reload(actor, force=force))
        except ReloadRefused as exc:
            ok, text = False, render_report(exc.report) if exc.report is not None else exc.user_message
        except ReloadBusy as exc:
            ok, text = False, exc.user_message
        except Exception:  # a failed reload must never stop the process that serves the live corpus
            ident = error_id()
            log.exception("reload by %s failed (error id %s); the live corpus is unchanged", actor, ident)
            ok, text = False, f"Reload failed (error id {ident}); the live corpus is unchanged."
        if requests:
            try:
                await store.answer_reload_requests([r.request_id for r in requests], ok, text)
            except StoreError as exc:
                log.error("reload requests not answered: %s", exc.user_message)


def jobs(service: Service, store: Store, settings: Settings, hangup: asyncio.Event,
         out: TextIO, interactive: bool) -> list[Coroutine[Any, Any, None]]:
    """The long-running tasks of the process; when any one returns, the process stops."""
    from bot.web import serve_web  # aiohttp is loaded only by the process that serves

    found: list[Coroutine[Any, Any, None]] = [reload_on_signal(service, store, hangup),
                                              serve_web(settings, service, out),
                                              service.keep_embedding(store)]
    if settings.discord_token is not None:
        from bot.discord.client import run_discord  # discord.py is loaded only when Discord is configured

        found.append(keep_connected("discord", lambda: run_discord(settings, service), service.platforms))
    if settings.slack_enabled:
        from bot.slack.run import run_slack  # slack_bolt is loaded only when Slack is configured

        found.append(keep_connected("slack", lambda: run_slack(settings, service), service.platforms))
    if settings.watch_corpus:
        found.append(watch_corpus(service, settings.watch_interval_seconds, settings.watch_debounce_seconds))
    if interactive:
        found.append(terminal_chat(service, out, serving=True))
    return found


async def serve(service: Service, store: Store, settings: Settings, out: TextIO, interactive: bool,
                hangup: asyncio.Event, stop: asyncio.Event) -> int:
    """Run the jobs until `stop` is set or a job ends; 1 when a job failed, else 0."""
    tasks = [asyncio.create_task(job) for job in jobs(service, store, settings, hangup, out, interactive)]
    stopper = asyncio.create_task(stop.wait())
    corpus = service.corpus
    log.info("Dossier is running (pid %d) on corpus version %s: %d documents, %d passages. "
             "SIGHUP or `dossier reload` reloads the corpus.", os.getpid(), corpus.version,
             len(corpus.documents), len(corpus.index.passages))
    try:
        done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in [*tasks, stopper]:
            task.cancel()
        await asyncio.gather(*tasks, stopper, return_exceptions=True)
    failed = [t for t in done if t is not stopper and not t.cancelled() and t.exception() is not None]
    for task in failed:
        exc = task.exception()
        if exc is not None and not startup.report(exc, settings):
            log.error("a job of the process failed", exc_info=exc)
    log.info("Dossier stopped")
    return 1 if failed else 0


async def run(settings: Settings, out: TextIO, interactive: bool) -> int:
    """Take the database lock, open the store and the service, serve until stopped.

    The signal handlers come first: a SIGHUP sent while the corpus is still loading is kept and
    answered once the process serves, instead of ending it.
    """
    redact.install(settings)
    loop = asyncio.get_running_loop()
    hangup, stop = asyncio.Event(), asyncio.Event()
    loop.add_signal_handler(signal.SIGHUP, hangup.set)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    lock = InstanceLock(settings.database_path)
    try:
        lock.acquire()
        try:
            startup.check_ports(settings)
            store = await Store.open(settings.database_path)
            try:
                service = await Service.open(settings, store)
                return await serve(service, store, settings, out, interactive, hangup, stop)
            finally:
                await store.close()
        finally:
            lock.release()
    finally:
        for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


def run_command(settings: Settings) -> int:
    """Entry point of `dossier run`: the terminal chat when standard input is a terminal, else wait."""
    try:
        return asyncio.run(run(settings, sys.stdout, sys.stdin.isatty()))
    except KeyboardInterrupt:  # Ctrl-C before the signal handlers were set
        return 130
    except Exception as exc:
        if not startup.report(exc, settings):
            raise
        return 1
