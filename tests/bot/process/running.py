"""`dossier run` as a child process on a free loopback port, its log and printed address collected."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
WAIT = 60


def closed_port() -> int:
    """A loopback port nothing listens on (taken and let go at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RunningDossier:
    """`dossier run` over tmp_path/corpus with a database in tmp_path and the web page on a free port."""

    def __init__(self, tmp_path: Path, env: dict[str, str] | None = None) -> None:
        env = {**os.environ, "DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"), "DOSSIER_WEB_PORT": "0",
               "DOSSIER_DATABASE_PATH": str(tmp_path / "dossier.sqlite3"), "PYTHONUNBUFFERED": "1", **(env or {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "run"], cwd=PROJECT, env=env, text=True,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.log: list[str] = []
        self.out: list[str] = []
        threading.Thread(target=self._collect, args=(self.proc.stderr, self.log), daemon=True).start()
        threading.Thread(target=self._collect, args=(self.proc.stdout, self.out), daemon=True).start()

    @staticmethod
    def _collect(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line)

    def wait_for(self, text: str, lines: list[str] | None = None, timeout: float = WAIT) -> str:
        """The first line holding text, waiting for it; fails when the process ends without it."""
        lines = self.log if lines is None else lines
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((line for line in list(lines) if text in line), None)
            if found:
                return found
            if self.proc.poll() is not None:
                time.sleep(0.2)
                if not any(text in line for line in lines):
                    break
            time.sleep(0.02)
        raise AssertionError(f"no {text!r} in:\n{''.join(self.log)}{''.join(self.out)}")

    @property
    def base(self) -> str:
        """The web page's address, once printed."""
        line = self.wait_for("Dossier web page:", self.out)
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line
        return found.group(0)

    def get(self, path: str) -> tuple[int, dict]:
        """Status and JSON of GET path on the web page."""
        try:
            with urllib.request.urlopen(self.base + path.lstrip("/"), timeout=10) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def stop(self) -> int:
        """SIGTERM and the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=WAIT)
