"""The terminal chat of `dossier chat` and `dossier run`: lines typed are asked through the service.

Typing is edited and recalled with the readline module (arrow keys, Ctrl-R) when the terminal has it.
Empty lines are skipped, never taken as a wish to stop: `quit` (or `exit`) ends the chat. End of input
(Ctrl-D) ends `dossier chat`; in `dossier run`, which serves the web page and the chat platforms, it
only closes the terminal chat, and the process goes on until Ctrl-C, SIGTERM or `quit`.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import sys
import threading
from collections.abc import Iterator
from typing import TextIO

from bot.cli import text as terminal
from bot.core.service import Service
from bot.errors import DossierError

# What a user types to end the chat (and, in `dossier run`, the process).
QUIT_WORDS = frozenset({"quit", "exit", ":q"})
PROMPT = "? "


def _line_editing() -> None:
    """Turn on readline's editing and history for input(), where the platform has the module."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (importing it is what makes input() edit lines and keep history)


@contextlib.contextmanager
def _terminal_kept() -> Iterator[None]:
    """Restore the terminal's modes on the way out: readline changes them while it reads a line, and a
    process stopped meanwhile (Ctrl-C, SIGTERM) must not leave the terminal without echo.
    """
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _greeting(service: Service, serving: bool) -> str:
    corpus = service.corpus
    how = ("`quit` or Ctrl-C stops Dossier" if serving else "`quit` or Ctrl-D ends the chat")
    return (f"Dossier: {len(corpus.documents)} articles, {len(corpus.index.passages)} passages loaded "
            f"(version {corpus.version}). Ask a question; {how}.")


async def terminal_chat(service: Service, out: TextIO, *, serving: bool = False) -> None:
    """Ask each typed line until `quit` or end of input; other tasks of the loop run meanwhile.

    `serving`: the chat of `dossier run`; end of input then leaves the process serving, and only `quit`
    returns.
    """
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    ready = threading.Event()

    def read() -> None:  # input() blocks, so it lives in a daemon thread that never delays exit
        while True:
            ready.wait()
            ready.clear()
            try:
                line: str | None = input(PROMPT)
            except (EOFError, OSError):
                line = None
            loop.call_soon_threadsafe(lines.put_nowait, line)
            if line is None or line.strip().casefold() in QUIT_WORDS:
                return

    _line_editing()
    print(_greeting(service, serving), file=out, flush=True)
    with _terminal_kept():
        threading.Thread(target=read, name="terminal-input", daemon=True).start()
        user = getpass.getuser()
        while True:
            ready.set()
            question = await lines.get()
            if question is None:
                break
            if question.strip().casefold() in QUIT_WORDS:
                return
            if not question.strip():
                continue
            try:
                answer = await service.ask(question, platform="terminal", user_id=user)
                print(terminal.render_answer(answer, out.isatty(), service.settings.public_base_url), file=out,
                      flush=True)
            except DossierError as exc:
                print(exc.user_message, file=out, flush=True)
    if serving:
        print("The terminal chat has ended; Dossier goes on serving until Ctrl-C or SIGTERM.", file=out,
              flush=True)
        await asyncio.Event().wait()
