"""Terminal escapes and newlines in titles, outlets and file names are shown on the terminal and in the log,
never obeyed: `sources`, `ask`, `figures`, `reload` and the log lines of a real `dossier` process.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.printable import PrintableFormatter, json_printable, one_line, printable
from tests.bot.process.test_run import PROJECT, WAIT
from tests.bot.reload_helpers import article, write_corpus

CLEAR_AND_RETITLE = "\x1b[2J\x1b]0;owned\x07"
# What a terminal would obey: ESC, BEL, the 8-bit CSI, a bidi override.
OBEYED = re.compile("[\x07\x1b\x9b\u202e]")
MANIFEST = r'''
[[source]]
file = "doc0.txt"
title = "Evil\u001b[2J\u001b]0;owned\u0007 Title"
outlet = "Bad\u009b31m Outlet\u202e"
'''
# A file name with an escape and a newline that would forge a line of the report and of the log.
FORGED_NAME = "doc\x1b[31mred\n2099-01-01 ERROR forged.txt"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = write_corpus(tmp_path / "corpus", {"doc0.txt": article(0, "alpha"), "doc1.txt": article(1, "alpha"),
                                                "sources.toml": MANIFEST})
    (folder / FORGED_NAME).write_bytes(b"\x00\x01 binary")
    return folder


def dossier(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    env |= {"DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"), "DOSSIER_DATABASE_PATH": str(tmp_path / "d.sqlite3")}
    return subprocess.run([sys.executable, "-m", "bot.cli.main", *args], cwd=PROJECT, env=env, capture_output=True,
                          text=True, timeout=WAIT)


def test_the_sanitiser_escapes_what_a_terminal_obeys_and_keeps_the_rest():
    assert one_line(f"a{CLEAR_AND_RETITLE}b\nc\u202ed\x9b") == r"a\x1b[2J\x1b]0;owned\x07b\nc\u202ed\x9b"
    assert printable("line one\n\tline two\r\x1b") == "line one\n\tline two\\r\\x1b"
    assert one_line("Tali­ban — São Paulo 🔥 «quote»") == "Tali­ban — São Paulo 🔥 «quote»"
    dumped = json_printable(json.dumps({"t": "a\x9b\u202e\x1b"}, ensure_ascii=False))
    assert not OBEYED.search(dumped) and json.loads(dumped) == {"t": "a\x9b\u202e\x1b"}


def test_sources_ask_and_figures_show_the_escapes_of_a_title_instead_of_obeying_them(tmp_path, corpus):
    for args in (["sources"], ["ask", "the convoy committee"], ["figures"], ["timeline"], ["sources", "--json"],
                 ["ask", "--json", "the convoy committee"]):
        result = dossier(tmp_path, *args)
        assert result.returncode == 0, result.stderr
        assert not OBEYED.search(result.stdout), (args, result.stdout)
        assert not OBEYED.search(result.stderr), (args, result.stderr)
    shown = dossier(tmp_path, "sources").stdout
    assert r"Evil\x1b[2J\x1b]0;owned\x07 Title" in shown and r"Bad\x9b31m Outlet\u202e" in shown
    listed = json.loads(dossier(tmp_path, "sources", "--json").stdout)["sources"]
    assert {s["source"]["title"] if "source" in s else s["title"] for s in listed} >= {
        "Evil\x1b[2J\x1b]0;owned\x07 Title"}  # JSON keeps the value itself, only escaped


def test_a_file_name_with_an_escape_and_a_newline_stays_on_its_line_of_the_report_and_the_log(tmp_path, corpus):
    result = dossier(tmp_path, "reload", "--force")
    assert result.returncode == 0, result.stderr
    for text in (result.stdout, result.stderr):
        assert not OBEYED.search(text)
        assert not any(line.startswith("2099-01-01") for line in text.splitlines()), text
    assert r"! doc\x1b[31mred\n2099-01-01 ERROR forged.txt: " in result.stdout
    logged = dossier(tmp_path, "sources").stderr  # the skipped file is logged as a warning
    assert r"skipped doc\x1b[31mred\n2099-01-01 ERROR forged.txt" in logged
    assert all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ |    ", line) for line in logged.splitlines()), logged


def test_a_log_message_over_several_lines_cannot_pass_for_a_record_of_its_own():
    formatter = PrintableFormatter("%(levelname)s %(message)s")
    record = logging.LogRecord("dossier", logging.INFO, __file__, 1, "report:\n%s", ("x\x1b[2J\nERROR forged",),
                               None)
    assert formatter.format(record) == "INFO report:\n    x\\x1b[2J\n    ERROR forged"
