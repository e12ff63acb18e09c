"""The command line's rough edges: where errors go, a reversed range, --version and help, `reload` alone,
a closed pipe, and line editing in `dossier chat`.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.errors import BadFilter
from tests.bot.process.test_run import PROJECT, WAIT, read_until
from tests.bot.reload_helpers import corpus_a, write_corpus

SEEDS = PROJECT / "seeds"


@pytest.fixture(autouse=True)
def _seeds(monkeypatch):
    monkeypatch.setenv("DOSSIER_CORPUS_DIR", str(SEEDS))
    monkeypatch.setenv("DOSSIER_DATABASE_PATH", "/nonexistent/never-opened.sqlite3")


def env_for(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    return env | {"DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"),
                  "DOSSIER_DATABASE_PATH": str(tmp_path / "dossier.sqlite3")}


def test_a_reversed_date_range_is_an_error_saying_so(capsys, service):
    assert main(["timeline", "--from", "2022", "--to", "2021"]) == 1
    printed = capsys.readouterr()
    assert "reversed" in printed.err and "2022" in printed.err and printed.out == ""
    assert main(["timeline", "--from", "2022", "--to", "2021", "--json"]) == 1
    assert "reversed" in capsys.readouterr().out
    with pytest.raises(BadFilter, match="reversed"):
        service.timeline(None, "2021-09-02", "2021-09-01")
    assert service.timeline(None, "2021-08", "2021")  # a month inside the year it ends in is no reversal


def test_errors_go_to_standard_error_and_answers_to_standard_output(capsys):
    for argv in (["ask", "   "], ["timeline", "--from", "August"], ["actors", "--name", "Nobody McNobody"],
                 ["figures", "--topic", "x" * 5000]):
        code = main(argv)
        printed = capsys.readouterr()
        if code == 0:  # a topic nothing matches is an answer, not an error
            assert printed.out.strip() and printed.err == "", argv
            continue
        assert code == 1 and printed.out == "" and printed.err.strip(), argv


def test_version_and_help_name_every_option_plainly(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("dossier 0.")
    with pytest.raises(SystemExit):
        main(["timeline", "--help"])
    shown = capsys.readouterr().out
    assert "--from DATE" in shown and "--to DATE" in shown and "DATE_FROM" not in shown
    json_line = next(line for line in shown.splitlines() if line.strip().startswith("--json"))
    assert "JSON" in json_line
    for command in ("ask", "sources", "actors", "figures"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "write JSON" in capsys.readouterr().out, command


def test_reload_with_nothing_running_prints_its_report_once_and_serves_nothing(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    result = subprocess.run([sys.executable, "-m", "bot.cli.main", "reload"], cwd=PROJECT, env=env_for(tmp_path),
                            capture_output=True, text=True, timeout=WAIT)
    assert result.returncode == 0, result.stderr
    both = result.stdout + result.stderr
    assert both.count("+ doc1.txt") == 1
    assert "now serving" not in both
    assert "stored corpus version" in result.stdout and "the next `dossier run` serves it" in result.stdout


@pytest.mark.parametrize("pipeline", ["dossier reload | head -1", "dossier ask --json - < big.txt | head -2"])
def test_a_reader_that_stops_early_ends_the_command_without_a_traceback(tmp_path, pipeline):
    write_corpus(tmp_path / "corpus", {**corpus_a(), **{f"more{n}.txt": f"The Story {n}\n\nText {n}.\n"
                                                         for n in range(200)}})
    (tmp_path / "big.txt").write_text("how many people did officials count?\n" * 3000, encoding="utf-8")
    command = pipeline.replace("dossier", f"{sys.executable} -m bot.cli.main", 1).replace(
        "< big.txt", f"< {tmp_path / 'big.txt'}").replace(" |", f" 2> {tmp_path / 'err.txt'} |", 1)
    env = env_for(tmp_path) | {"PYTHONPATH": str(PROJECT)}
    shown = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=WAIT)
    assert shown.stdout.strip()
    errors = (tmp_path / "err.txt").read_text(encoding="utf-8")
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


class Terminal:
    """The far side of a pseudo-terminal: everything the program wrote, and a wait for the n-th prompt."""

    def __init__(self, fd: int) -> None:
        self.fd, self.seen = fd, ""

    def prompts(self, count: int) -> str:
        """Wait until the program has shown its prompt `count` times in all, so it is reading a line."""
        while self.seen.count("\n? ") + self.seen.startswith("? ") < count:
            self.seen += read_until(self.fd, "? ")
        return self.seen

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)


def test_dossier_chat_edits_lines_and_recalls_the_last_question_with_the_up_arrow(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    main_fd, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "chat"], cwd=PROJECT, env=env_for(tmp_path),
                            stdin=terminal, stdout=terminal, stderr=subprocess.DEVNULL)
    os.close(terminal)
    screen = Terminal(main_fd)
    try:
        screen.prompts(1)
        screen.type(b"the convoy committeX\x7fe\n")  # a typo taken back with Backspace
        screen.prompts(2)
        screen.type(b"\n")  # Enter alone asks nothing and ends nothing
        screen.prompts(3)
        screen.type(b"\x1b[A\n")  # the Up arrow brings the question back
        shown = screen.prompts(4)
        assert shown.count("— The Convoy Story Number 0 — ¶1") == 2, shown  # answered twice
        assert "^[[A" not in shown
        screen.type(b"quit\n")
        assert proc.wait(timeout=WAIT) == 0
    finally:
        proc.kill()
        os.close(main_fd)
