"""The terminal chat of `dossier run`: lines typed are asked through the service, answers printed."""

from __future__ import annotations

import asyncio
import getpass
import threading
from typing import TextIO

from bot.cli import text as terminal
from bot.core.service import Service
from bot.errors import DossierError


async def terminal_chat(service: Service, out: TextIO) -> None:
    """Ask each typed line until an empty line or end of input; other tasks run meanwhile."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    ready = threading.Event()

    def read() -> None:  # input() blocks, so it lives in a daemon thread that never delays exit
        while True:
            ready.wait()
            ready.clear()
            try:
                line: str | None = input("? ")
            except (EOFError, OSError):
                line = None
            loop.call_soon_threadsafe(lines.put_nowait, line)
            if line is None or not line.strip():
                return

    corpus = service.corpus
    print(f"Dossier: {len(corpus.documents)} articles, {len(corpus.index.passages)} passages loaded "
          f"(version {corpus.version}). Ask a question; an empty line or Ctrl-D quits.", file=out, flush=True)
    threading.Thread(target=read, name="terminal-input", daemon=True).start()
    user = getpass.getuser()
    while True:
        ready.set()
        question = await lines.get()
        if question is None or not question.strip():
            return
        try:
            answer = await service.ask(question, platform="terminal", user_id=user)
            print(terminal.render_answer(answer, out.isatty(), service.settings.public_base_url), file=out,
                  flush=True)
        except DossierError as exc:
            print(exc.user_message, file=out, flush=True)
