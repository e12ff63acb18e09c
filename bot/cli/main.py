"""The command line: `dossier ask | sources | actors | figures | timeline | chat | run | reload | add`.

It parses, calls the service, renders.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tomllib
from collections.abc import Sequence
from importlib import metadata
from typing import TextIO

from pydantic import ValidationError

from bot.cli import add as cli_add
from bot.cli import lists as cli_extraction
from bot.cli import text as terminal
from bot.cli.chat import terminal_chat
from bot.cli.reload import reload_command
from bot.cli.vectors import embed_with_cache
from bot.core.policy import whole_number
from bot.core.service import Service
from bot.errors import DossierError
from bot.printable import PrintableFormatter, one_line
from bot.process import startup
from bot.process.run import run_command
from bot.render.json import answer_json, document_json, error_json
from bot.settings import Settings

log = logging.getLogger("dossier")


JSON_HELP = "write JSON instead of text (one object; for `ask -`, one object a line)"


def _version() -> str:
    try:
        return metadata.version("dossier-bot")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Answers questions from a corpus of articles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ask = sub.add_parser("ask", help="answer one question, or one per line of standard input with '-'")
    ask.add_argument("question", help="the question, or '-' to read one question a line from standard input")
    ask.add_argument("--top", type=whole_number, default=None, metavar="K", help="number of passages to show (1-50)")
    ask.add_argument("--json", action="store_true", help=JSON_HELP)
    sources = sub.add_parser("sources", help="list the documents of the corpus")
    sources.add_argument("--json", action="store_true", help=JSON_HELP)
    cli_extraction.add_parsers(sub, JSON_HELP)
    sub.add_parser("chat", help="interactive chat in the terminal; `quit` or Ctrl-D ends it")
    sub.add_parser("run", help="serve the web page (and Discord and Slack when configured) until Ctrl-C, "
                              "SIGTERM or `quit`")
    reload = sub.add_parser("reload", help="reload the corpus folder (in the running Dossier, if one runs)")
    reload.add_argument("--force", action="store_true", help="apply even if some files failed (never zero)")
    cli_add.add_parser(sub)
    return parser


def cmd_ask(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    """Answer a question, or each line of standard input in batch mode."""
    if args.top is not None and not 1 <= args.top <= 50:
        print("dossier: --top takes a number from 1 to 50", file=sys.stderr)
        return 2
    if args.question != "-":
        return _ask_one(service, _decoded(args.question), args, out)
    stream = getattr(sys.stdin, "buffer", None)
    lines = (raw.decode("utf-8", "replace") for raw in stream) if stream is not None else sys.stdin
    for line in lines:
        _ask_one(service, _decoded(line.rstrip("\r\n")), args, out)
        out.flush()
    return 0


def _decoded(text: str) -> str:
    """Text from the command line or standard input with undecodable bytes as U+FFFD: Python keeps such
    bytes as lone surrogates, which cannot be written back out as UTF-8.
    """
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def _ask_one(service: Service, question: str, args: argparse.Namespace, out: TextIO) -> int:
    try:
        answer = service.ask_sync(question, top=args.top)
    except DossierError as exc:
        if args.json:
            print(terminal.json_text(error_json(question[:200], exc.user_message)), file=out)
        else:
            print(one_line(exc.user_message), file=sys.stderr)
        return 1
    if args.json:
        print(terminal.json_text(answer_json(answer, service.settings.public_base_url)), file=out)
    else:
        print(terminal.render_answer(answer, out.isatty(), service.settings.public_base_url), file=out)
    return 0


def cmd_sources(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    """List the corpus documents."""
    docs = service.sources()
    if args.json:
        base = service.settings.public_base_url
        print(terminal.json_text({"sources": [document_json(d, base) for d in docs]}), file=out)
    else:
        print(terminal.render_sources(docs, service.corpus.report), file=out)
    return 0


def _searches(service: Service, question: str) -> bool:
    """Whether `dossier ask QUESTION` will search (and so wants the passage vectors): standard input
    may hold any question; a single one with only common words or symbols is refused before searching.
    """
    return question == "-" or bool(service.corpus.index.parse(question).terms)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dossier` command."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        reasons = "; ".join(e["msg"] for e in exc.errors())  # inputs are hidden: no secret is echoed
        print(one_line(f"dossier: invalid settings: {fields} (see README, Settings): {reasons}"), file=sys.stderr)
        return 2
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        named = os.environ.get("DOSSIER_CONFIG", "config/dossier.toml")
        print(one_line(f"dossier: cannot read the settings file {named}: {exc}"), file=sys.stderr)
        return 2
    try:
        return _dispatch(args, settings)
    except BrokenPipeError:
        # The reader went away (`dossier … | head -1`): stop quietly; the next write, at exit, goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:
        if not startup.report(exc, settings):
            raise
        return 1


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        return run_command(settings)
    if args.command == "reload":
        return reload_command(settings, args.force)
    if args.command == "add":
        return cli_add.add_command(settings, args)
    # `ask` and `sources` only search and list documents: they skip the actors, figures and timeline.
    service = Service.load(settings, lists=args.command not in ("ask", "sources"))
    for skipped in service.corpus.report.skipped:
        log.warning("skipped %s: %s", one_line(skipped.path), one_line(skipped.reason))
    out = sys.stdout
    if settings.dense_retrieval and (args.command == "chat"
                                     or (args.command == "ask" and _searches(service, args.question))):
        asyncio.run(embed_with_cache(service, settings))
    if args.command == "ask":
        code = cmd_ask(service, args, out)
    elif args.command == "sources":
        code = cmd_sources(service, args, out)
    elif args.command in ("actors", "figures", "timeline"):
        code = cli_extraction.run(service, args, out)
    else:
        asyncio.run(terminal_chat(service, out))
        code = 0
    out.flush()  # a closed pipe shows here, where main() hears of it, rather than at exit
    return code


if __name__ == "__main__":
    raise SystemExit(main())
