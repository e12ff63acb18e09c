"""Start-up failures a user can cause end `dossier run` with one line naming the cause and the setting."""

from __future__ import annotations

import asyncio
import errno
import fcntl
import os
import pty
import signal
import socket
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from aiohttp import web

from bot.process.startup import explain
from bot.settings import Settings
from tests.bot.process.test_run import PROJECT, WAIT, Dossier, read_until
from tests.bot.reload_helpers import corpus_a, write_corpus
from tests.e2e.discord.fake_discord import FakeDiscord


def env_for(tmp_path: Path, database: str = "dossier.sqlite3", **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    return env | {"DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"), "DOSSIER_WEB_PORT": "0",
                  "DOSSIER_DATABASE_PATH": str(tmp_path / database)} | extra


def run_once(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli.main", *args], cwd=PROJECT, env=env, text=True,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=WAIT)


def the_error(stderr: str) -> str:
    """The one `dossier:` line of standard error; the rest are log lines with a time stamp."""
    assert "Traceback" not in stderr, stderr
    (line,) = [line for line in stderr.splitlines() if line.startswith("dossier:")]
    return line


def a_taken_port() -> socket.socket:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    return holder


def test_a_second_instance_on_a_taken_port_says_so_in_one_line_naming_the_setting(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    first = Dossier(tmp_path, "run")
    try:
        first.wait_for("Dossier is running")
        port = next(line for line in iter(first.proc.stdout.readline, "") if "Dossier web page" in line)
        port = port.rsplit(":", 1)[1].strip("/\n")
        second = run_once(env_for(tmp_path, "second.sqlite3", DOSSIER_WEB_PORT=port), "run")
        assert second.returncode == 1
        line = the_error(second.stderr)
        assert f"127.0.0.1:{port}" in line and "another program already listens there" in line
        assert "DOSSIER_WEB_PORT" in line
        assert "Dossier is running" not in second.stderr  # said before the corpus is loaded, not after
    finally:
        assert first.stop() == 0


def test_a_database_path_that_cannot_be_created_is_one_line_naming_database_path(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    for database in ("/proc/dossier-test/dossier.sqlite3", str(tmp_path / "a-file" / "dossier.sqlite3")):
        result = run_once(env_for(tmp_path, DOSSIER_DATABASE_PATH=database), "run")
        assert result.returncode == 1
        line = the_error(result.stderr)
        assert f"the database {database}" in line and "DOSSIER_DATABASE_PATH" in line


def test_a_database_another_dossier_holds_is_one_line_naming_its_pid_and_the_setting(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    first = Dossier(tmp_path, "run")
    try:
        first.wait_for("Dossier is running")
        for command in ("run", "reload"):
            second = run_once(env_for(tmp_path), command)
            if command == "reload":  # `dossier reload` asks the running one instead of failing
                assert second.returncode == 0, second.stderr
                continue
            assert second.returncode == 1
            line = the_error(second.stderr)
            assert f"pid {first.proc.pid}" in line and "DOSSIER_DATABASE_PATH" in line
    finally:
        assert first.stop() == 0


def test_a_missing_corpus_folder_is_one_line_naming_corpus_dir(tmp_path):
    result = run_once(env_for(tmp_path), "run")
    assert result.returncode == 1
    line = the_error(result.stderr)
    assert str(tmp_path / "corpus") in line and "DOSSIER_CORPUS_DIR" in line
    asked = run_once(env_for(tmp_path), "ask", "who?")
    assert asked.returncode == 1 and "DOSSIER_CORPUS_DIR" in the_error(asked.stderr)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_an_unreadable_corpus_folder_is_one_line_naming_corpus_dir(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    (tmp_path / "corpus").chmod(0)
    try:
        result = run_once(env_for(tmp_path), "run")
    finally:
        (tmp_path / "corpus").chmod(0o755)
    assert result.returncode == 1
    assert "DOSSIER_CORPUS_DIR" in the_error(result.stderr)


def test_the_errors_the_operating_system_gives_are_named_by_the_setting_that_causes_them(tmp_path):
    settings = Settings(corpus_dir=tmp_path / "corpus", database_path=tmp_path / "var" / "d.sqlite3",
                        web_port=80)
    denied = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "corpus" / "sub"))
    assert "DOSSIER_CORPUS_DIR" in explain(denied, settings)
    lock = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "var" / "d.sqlite3.lock"))
    assert "DOSSIER_DATABASE_PATH" in explain(lock, settings)
    low_port = OSError(errno.EACCES, "error while attempting to bind on address ('127.0.0.1', 80): "
                                     "permission denied")
    assert "may not listen on that port" in explain(low_port, settings)
    assert "DOSSIER_WEB_PORT" in explain(low_port, settings)
    no_host = OSError(errno.EADDRNOTAVAIL, "error while attempting to bind on address ('10.9.9.9', 80): "
                                           "cannot assign requested address")
    assert "DOSSIER_WEB_HOST" in explain(no_host, settings)
    v6 = OSError(errno.EADDRINUSE, "error while attempting to bind on address ('::1', 3000, 0, 0): address in use")
    slack = settings.model_copy(update={"slack_bot_token": "xoxb-1", "slack_mode": "http"})
    assert "Slack HTTP endpoint" in explain(v6, slack) and "DOSSIER_SLACK_HTTP_PORT" in explain(v6, slack)
    assert explain(OSError(errno.EIO, "input/output error", "/elsewhere/file"), settings) is None
    assert "standard output was closed" in explain(BrokenPipeError(errno.EPIPE, "Broken pipe"), settings)
    assert explain(ZeroDivisionError(), settings) is None  # a fault keeps its traceback


async def test_a_token_discord_refuses_is_one_line_naming_discord_token(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    fake = FakeDiscord()
    await fake.start()
    try:
        env = env_for(tmp_path, DOSSIER_DISCORD_TOKEN="not-the-token", DOSSIER_DISCORD_API_BASE_URL=fake.api_url,
                      DOSSIER_DISCORD_GATEWAY_URL=fake.gateway_url)
        proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli.main", "run", cwd=PROJECT,
                                                    env=env, stdin=subprocess.DEVNULL,
                                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _, err = await asyncio.wait_for(proc.communicate(), WAIT)
        finally:
            if proc.returncode is None:  # still running after the wait: stop it, then fail
                proc.kill()
                await proc.wait()
    finally:
        await fake.stop()
    assert proc.returncode == 1
    line = the_error(err.decode())
    assert "refused the bot token (discord_token)" in line and "not-the-token" not in err.decode()


def test_end_of_input_leaves_dossier_run_serving_until_sigterm(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    main, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "run"], cwd=PROJECT, env=env_for(tmp_path),
                            stdin=terminal, stdout=terminal, stderr=subprocess.DEVNULL)
    os.close(terminal)
    try:
        read_until(main, "? ")  # the prompt, after the greeting
        os.write(main, b"\x04")  # Ctrl-D at an empty prompt: the end of the terminal's input
        read_until(main, "goes on serving")
        time.sleep(0.5)
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=WAIT) == 0
    finally:
        proc.kill()
        os.close(main)


class RefusingSlack:
    """A Slack Web API that refuses one kind of token with `invalid_auth`, as Slack does a revoked one."""

    def __init__(self, refused_prefix: str) -> None:
        self.refused_prefix = refused_prefix
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self.runner.addresses[0][1]}/api/"

    async def _api(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token.startswith(self.refused_prefix):
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if request.match_info["method"] == "auth.test":
            return web.json_response({"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"})
        return web.json_response({"ok": False, "error": "unknown_method"})

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


@pytest.mark.parametrize(("refused", "setting"), [("xoxb-", "slack_bot_token"), ("xapp-", "slack_app_token")])
async def test_a_token_slack_refuses_is_one_line_naming_the_setting(tmp_path, refused, setting):
    write_corpus(tmp_path / "corpus", corpus_a())
    fake = RefusingSlack(refused)
    await fake.start()
    try:
        env = env_for(tmp_path, DOSSIER_SLACK_BOT_TOKEN="xoxb-revoked-0001", DOSSIER_SLACK_APP_TOKEN="xapp-revoked-2",
                      DOSSIER_SLACK_API_BASE_URL=fake.url)
        proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli.main", "run", cwd=PROJECT,
                                                    env=env, stdin=subprocess.DEVNULL,
                                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _, err = await asyncio.wait_for(proc.communicate(), WAIT)
        finally:
            if proc.returncode is None:  # still running after the wait: stop it, then fail
                proc.kill()
                await proc.wait()
    finally:
        await fake.stop()
    assert proc.returncode == 1
    line = the_error(err.decode())
    assert "Slack refused the" in line and f"({setting}): invalid_auth" in line
    assert "revoked" not in err.decode()


def test_ctrl_c_in_the_middle_of_a_line_stops_dossier_run_and_gives_the_terminal_back(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    main, terminal = pty.openpty()
    modes = termios.tcgetattr(terminal)

    def controlling_terminal() -> None:  # the terminal turns Ctrl-C into SIGINT only for its own session
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "run"], cwd=PROJECT, env=env_for(tmp_path),
                            stdin=terminal, stdout=terminal, stderr=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=controlling_terminal)
    try:
        read_until(main, "? ")
        os.write(main, b"half a questi")
        time.sleep(0.3)
        os.write(main, b"\x03")
        assert proc.wait(timeout=WAIT) == 0
        assert termios.tcgetattr(terminal)[3] == modes[3]  # echo and line mode as they were
    finally:
        proc.kill()
        os.close(terminal)
        os.close(main)
