"""`dossier run` and `dossier reload` as real processes: the lock, SIGHUP, kill -9 and restart."""

import os
import pty
import re
import select
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.core.build import build_corpus
from tests.bot.reload_helpers import article, corpus_a, corpus_b, write_corpus

PROJECT = Path(__file__).resolve().parents[3]
WAIT = 60


class Dossier:
    """A `dossier` process whose log lines (standard error) are collected as they come."""

    def __init__(self, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> None:
        env = {**os.environ, "DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"), "DOSSIER_WEB_PORT": "0",
               "DOSSIER_DATABASE_PATH": str(tmp_path / "dossier.sqlite3"), "PYTHONUNBUFFERED": "1", **(env or {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", *args], cwd=PROJECT, env=env,
                                     text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.lines: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((line for line in self.lines if text in line), None)
            if found:
                return found
            if self.proc.poll() is not None and not any(text in line for line in self.lines):
                time.sleep(0.2)  # let the reader take the last lines
                if not any(text in line for line in self.lines):
                    break
            time.sleep(0.02)
        pytest.fail(f"no {text!r} in the log:\n{''.join(self.lines)}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=WAIT)


def dossier(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"), "DOSSIER_WEB_PORT": "0",
           "DOSSIER_DATABASE_PATH": str(tmp_path / "dossier.sqlite3")}
    return subprocess.run([sys.executable, "-m", "bot.cli.main", *args], cwd=PROJECT, env=env, text=True,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=WAIT)


def version_of(folder: Path) -> str:
    return build_corpus(folder, None, None, 1_000_000).version


def test_sighup_and_dossier_reload_reload_the_running_process_and_a_second_start_is_refused(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    run = Dossier(tmp_path, "run")
    try:
        run.wait_for("Dossier is running")
        second = dossier(tmp_path, "run")
        assert second.returncode == 1
        assert "already running" in second.stderr and f"pid {run.proc.pid}" in second.stderr

        write_corpus(tmp_path / "corpus", corpus_b())
        os.kill(run.proc.pid, signal.SIGHUP)
        line = run.wait_for("Reload by signal:SIGHUP")
        assert f"now serving corpus version {version_of(tmp_path / 'corpus')}" in line
        with sqlite3.connect(tmp_path / "dossier.sqlite3") as db:
            last = "SELECT actor, allowed FROM audit_log ORDER BY id DESC LIMIT 1"
            actor, allowed = db.execute(last).fetchone()
        assert (actor, allowed) == ("signal:SIGHUP", 1)

        write_corpus(tmp_path / "corpus", {**corpus_a(), "broken.md": b"\x00\x01\x02"})
        refused = dossier(tmp_path, "reload")
        assert refused.returncode == 1
        assert "refused" in refused.stdout and "broken.md: file looks binary" in refused.stdout
        assert "- doc3.txt" in refused.stdout  # the report names what would have changed

        forced = dossier(tmp_path, "reload", "--force")
        assert forced.returncode == 0, forced.stderr
        assert "Forced" in forced.stdout and "broken.md" in forced.stdout and "+ doc2.txt" in forced.stdout
        run.wait_for("Forced")  # the running process logged the same report
    finally:
        assert run.stop() == 0


def test_a_broken_alias_file_refuses_a_sighup_reload_and_the_process_serves_on(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    aliases = tmp_path / "aliases.toml"
    aliases.write_text("[[actor]]\nname = 'Convoy Committee'\n", encoding="utf-8")
    run = Dossier(tmp_path, "run", env={"DOSSIER_ALIASES_PATH": str(aliases)})
    try:
        run.wait_for("Dossier is running")
        aliases.write_text("[[actor]\nname = ", encoding="utf-8")
        write_corpus(tmp_path / "corpus", corpus_b())
        os.kill(run.proc.pid, signal.SIGHUP)
        line = run.wait_for("aliases.toml cannot be read")
        assert "Reload by signal:SIGHUP refused" in line and "Still serving corpus version" in line
        time.sleep(0.5)
        assert run.proc.poll() is None, "the process must go on serving the live corpus"
    finally:
        assert run.stop() == 0


def test_dossier_reload_with_nothing_running_reloads_the_database(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    first = dossier(tmp_path, "reload")
    assert first.returncode == 0, first.stderr
    assert "(was none)" in first.stdout and "3 added" in first.stdout
    write_corpus(tmp_path / "corpus", corpus_b())
    second = dossier(tmp_path, "reload")
    assert second.returncode == 0
    assert "+ doc3.txt" in second.stdout and "- doc2.txt" in second.stdout and "~ doc1.txt" in second.stdout
    with sqlite3.connect(tmp_path / "dossier.sqlite3") as db:
        (stored,) = db.execute("SELECT version FROM corpus_versions ORDER BY id DESC LIMIT 1").fetchone()
    assert stored == version_of(tmp_path / "corpus")


def test_a_process_killed_during_a_reload_restarts_on_the_last_good_version(tmp_path):
    big_a = {f"a{n:03}.txt": article(n, "alpha", paragraphs=15) for n in range(60)}
    big_b = {f"b{n:03}.txt": article(n, "beta", paragraphs=15) for n in range(60)}
    versions = {version_of(write_corpus(tmp_path / n, files)) for n, files in (("a", big_a), ("b", big_b))}
    write_corpus(tmp_path / "corpus", big_a)
    run = Dossier(tmp_path, "run")
    run.wait_for("Dossier is running")
    write_corpus(tmp_path / "corpus", big_b)
    os.kill(run.proc.pid, signal.SIGHUP)
    run.wait_for("writing corpus version")
    run.proc.kill()
    assert run.proc.wait(timeout=WAIT) == -signal.SIGKILL

    write_corpus(tmp_path / "corpus", {}).rmdir()
    restarted = Dossier(tmp_path, "run")
    try:
        line = restarted.wait_for("Serving the last good version")
        assert any(f"version {v} " in line for v in versions)
        restarted.wait_for("Dossier is running")
    finally:
        assert restarted.stop() == 0
    with sqlite3.connect(tmp_path / "dossier.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for row_id, documents in db.execute("SELECT id, documents FROM corpus_versions"):
            count = db.execute("SELECT COUNT(*) FROM documents WHERE version_id = ?", (row_id,)).fetchone()[0]
            assert count == documents == 60


HALF_WRITTEN = """
import asyncio, sys
from pathlib import Path
from bot.store import rows as corpus_rows
from bot.core.build import build_corpus
from bot.store.store import Store

async def main():
    store = await Store.open(Path(sys.argv[1]))
    corpus = build_corpus(Path(sys.argv[2]), None, None, 1_000_000)
    async with store.transaction() as db:
        await corpus_rows.insert_version(db, corpus.data, corpus.version, "half", "now")
        print("inside the transaction", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


def test_a_process_killed_inside_the_version_write_leaves_the_previous_version(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    assert dossier(tmp_path, "reload").returncode == 0
    good = version_of(tmp_path / "corpus")
    write_corpus(tmp_path / "next", corpus_b())
    writer = subprocess.Popen([sys.executable, "-c", HALF_WRITTEN, str(tmp_path / "dossier.sqlite3"),
                               str(tmp_path / "next")], cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "inside the transaction"
    writer.kill()
    writer.wait(timeout=WAIT)

    write_corpus(tmp_path / "corpus", {}).rmdir()
    restarted = Dossier(tmp_path, "run")
    try:
        assert f"version {good} " in restarted.wait_for("Serving the last good version")
    finally:
        assert restarted.stop() == 0
    with sqlite3.connect(tmp_path / "dossier.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM corpus_versions").fetchone()[0] == 1


def read_until(fd: int, text: str, timeout: float = WAIT) -> str:
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and text.encode() not in seen:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the terminal closed: the process ended
                break
    assert text.encode() in seen, seen.decode(errors="replace")
    return seen.decode(errors="replace")


def test_dossier_run_in_a_terminal_chats_and_logs_each_question(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    env = {**os.environ, "DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"), "DOSSIER_WEB_PORT": "0",
           "DOSSIER_DATABASE_PATH": str(tmp_path / "dossier.sqlite3")}
    main, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "run"], cwd=PROJECT, env=env, stdin=terminal,
                            stdout=terminal, stderr=subprocess.DEVNULL)
    os.close(terminal)
    try:
        read_until(main, "Ask a question")
        os.write(main, b"the convoy committee\n")
        assert "The Convoy Story Number 0" in read_until(main, "Convoy Story")
        os.write(main, b"\n")  # Enter alone is no wish to stop: the prompt comes back and the process serves on
        read_until(main, "? ")
        time.sleep(0.5)
        assert proc.poll() is None, "an empty line must not stop the web page and the chat platforms"
        os.write(main, b"quit\n")
        assert proc.wait(timeout=WAIT) == 0
    finally:
        proc.kill()
        os.close(main)
    with sqlite3.connect(tmp_path / "dossier.sqlite3") as db:
        rows = db.execute("SELECT question, platform, answered FROM query_log").fetchall()
    assert rows == [("the convoy committee", "terminal", 1)]


def test_the_terminal_chat_links_quotes_to_the_public_page_when_an_address_is_set(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    env = {**os.environ, "DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"), "DOSSIER_WEB_PORT": "0",
           "DOSSIER_DATABASE_PATH": str(tmp_path / "dossier.sqlite3"),
           "DOSSIER_PUBLIC_BASE_URL": "https://dossier.example.org"}
    main, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "run"], cwd=PROJECT, env=env, stdin=terminal,
                            stdout=terminal, stderr=subprocess.DEVNULL)
    os.close(terminal)
    try:
        read_until(main, "Ask a question")
        os.write(main, b"the convoy committee\n\nquit\n")  # a question, an empty line, then `quit`
        assert proc.wait(timeout=WAIT) == 0
        shown = read_until(main, "https://dossier.example.org/docs/")  # what the closed terminal still holds
        assert re.search(r"https://dossier\.example\.org/docs/doc\d#p\d+\s", shown), shown
    finally:
        proc.kill()
        os.close(main)
