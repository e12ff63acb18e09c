"""`dossier reload`: ask the running Dossier to reload and print its report, or reload the database."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import logging
import os
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TextIO

from bot.core.build import index_corpus
from bot.core.models import LiveCorpus
from bot.core.report import ReloadReport, render_report
from bot.core.service import Service
from bot.errors import InstanceLocked, ReloadRefused
from bot.printable import printable
from bot.settings import Settings
from bot.store.lock import InstanceLock
from bot.store.store import Store
from search.corpus import CorpusData
from search.models import LoadReport

# How long `dossier reload` waits for the running process's report; a reload of a large corpus
# takes seconds, so this only guards against a process that stopped answering.
REPORT_WAIT_SECONDS = 300.0
POLL_SECONDS = 0.1


async def _stored_or_empty(settings: Settings, store: Store) -> LiveCorpus:
    """The last stored version to compare against, or an empty version named "none"."""
    stored = await store.latest_version()
    if stored is not None:
        return await asyncio.to_thread(index_corpus, stored.data, settings.aliases_path,
                                       settings.synonyms_path, None, states_path=settings.states_path)
    empty = CorpusData((), (), LoadReport("(none)"))
    return replace(index_corpus(empty, None, None), version="none")


@contextlib.contextmanager
def _report_printed_not_logged() -> Iterator[None]:
    """The service logs each reload's report for a running process's log; here the report is printed on
    standard output instead, so it is not written twice to one terminal.
    """
    service_log = logging.getLogger("dossier.core.service")
    level = service_log.level
    service_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        service_log.setLevel(level)


def _stored_report(report: ReloadReport, settings: Settings) -> str:
    """The report of a reload no process serves: its first line says the version was stored, not served."""
    rest = render_report(report).split("\n")[1:]
    head = (f"Reload by {report.requested_by}: stored corpus version {report.new_version} (was "
            f"{report.old_version}) in {settings.database_path}; {report.documents} documents, "
            f"{report.passages} passages. No Dossier is running: the next `dossier run` serves it.")
    if report.forced and report.failed:
        head += " Forced: the files below failed and were left out."
    return "\n".join([head, *rest])


async def _reload_here(settings: Settings, store: Store, lock: InstanceLock, actor: str, force: bool,
                       out: TextIO) -> int:
    """No Dossier runs: build the folder's version and store it, holding the lock meanwhile."""
    lock.acquire()
    try:
        with _report_printed_not_logged():
            service = Service(settings, await _stored_or_empty(settings, store), store)
            report = await service.reload(actor, force=force)
    except ReloadRefused as exc:
        print(printable(render_report(exc.report) if exc.report is not None else exc.user_message), file=out)
        return 1
    finally:
        lock.release()
    print(printable(_stored_report(report, settings)), file=out)
    return 0


async def _ask_running(store: Store, lock: InstanceLock, pid: int, actor: str, force: bool,
                       out: TextIO) -> int:
    """Leave a request in the database, signal the running process, print its answer."""
    request_id = await store.request_reload(actor, force)
    os.kill(pid, signal.SIGHUP)
    deadline = time.monotonic() + REPORT_WAIT_SECONDS
    while time.monotonic() < deadline:
        answer = await store.reload_answer(request_id)
        if answer is not None:
            print(printable(answer[1]), file=out)
            return 0 if answer[0] else 1
        if lock.holder() is None:
            print(f"dossier: the running Dossier (pid {pid}) stopped before it answered", file=sys.stderr)
            return 1
        await asyncio.sleep(POLL_SECONDS)
    print(f"dossier: no report from pid {pid} after {REPORT_WAIT_SECONDS:.0f}s", file=sys.stderr)
    return 1


async def reload(settings: Settings, force: bool, out: TextIO) -> int:
    """Reload through the running process when there is one, else directly in the database."""
    lock = InstanceLock(settings.database_path)
    actor = f"cli:{getpass.getuser()}"
    store = await Store.open(settings.database_path)
    try:
        for _ in range(50):  # a process that has just taken the lock writes its pid a moment later
            pid = lock.holder()
            if pid != 0:
                break
            await asyncio.sleep(POLL_SECONDS)
        if pid is None:
            try:
                return await _reload_here(settings, store, lock, actor, force, out)
            except InstanceLocked:  # a Dossier started meanwhile: ask it instead
                pid = lock.holder()
        if not pid:
            print("dossier: the lock is held but names no process", file=sys.stderr)
            return 1
        return await _ask_running(store, lock, pid, actor, force, out)
    finally:
        await store.close()


def reload_command(settings: Settings, force: bool) -> int:
    """Entry point of `dossier reload`; the caller (bot/cli/main.py) turns a start-up failure into one line."""
    return asyncio.run(reload(settings, force, sys.stdout))
