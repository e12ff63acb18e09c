"""The command line: `dossier ask | sources | actors | figures | timeline | chat | run`.

It parses, calls the service, renders.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import TextIO

from pydantic import ValidationError

from bot import cli_extraction, terminal
from bot.errors import DossierError
from bot.records import answer_json, document_json, error_json
from bot.service import Service
from bot.settings import Settings

log = logging.getLogger("dossier")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Answers questions from a corpus of articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question, or one per line of standard input with '-'")
    ask.add_argument("question", help="the question, or '-' to read one question a line from standard input")
    ask.add_argument("--top", type=int, default=None, help="number of passages to show")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    sources = sub.add_parser("sources", help="list the documents of the corpus")
    sources.add_argument("--json", action="store_true")
    cli_extraction.add_parsers(sub)
    sub.add_parser("chat", help="interactive chat in the terminal")
    sub.add_parser("run", help="start Dossier's main job")
    return parser


def cmd_ask(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    """Answer a question, or each line of standard input in batch mode."""
    if args.top is not None and not 1 <= args.top <= 50:
        print("--top takes a number from 1 to 50", file=sys.stderr)
        return 2
    if args.question != "-":
        return _ask_one(service, args.question, args, out)
    for line in sys.stdin:
        _ask_one(service, line.rstrip("\n"), args, out)
        out.flush()
    return 0


def _ask_one(service: Service, question: str, args: argparse.Namespace, out: TextIO) -> int:
    try:
        answer = service.ask_sync(question, top=args.top)
    except DossierError as exc:
        if args.json:
            print(json.dumps(error_json(question[:200], exc.user_message), ensure_ascii=False), file=out)
        else:
            print(exc.user_message, file=out)
        return 1
    if args.json:
        print(json.dumps(answer_json(answer), ensure_ascii=False), file=out)
    else:
        print(terminal.render_answer(answer, color=out.isatty()), file=out)
    return 0


def cmd_sources(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    """List the corpus documents."""
    docs = service.sources()
    if args.json:
        print(json.dumps({"sources": [document_json(d) for d in docs]}, ensure_ascii=False), file=out)
    else:
        print(terminal.render_sources(docs, service.corpus.report), file=out)
    return 0


def cmd_chat(service: Service, out: TextIO) -> int:
    """A question-and-answer loop in the terminal; an empty line or Ctrl-D ends it."""
    corpus = service.corpus
    print(f"Dossier: {len(corpus.documents)} articles, {len(corpus.index.passages)} passages loaded. "
          "Ask a question; an empty line or Ctrl-D quits.", file=out)
    while True:
        try:
            question = input("? ")
        except (EOFError, KeyboardInterrupt):
            print(file=out)
            return 0
        if not question.strip():
            return 0
        try:
            print(terminal.render_answer(service.ask_sync(question), color=out.isatty()), file=out)
        except DossierError as exc:
            print(exc.user_message, file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dossier` command."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        print(f"dossier: invalid settings: {fields} (see README, Settings)", file=sys.stderr)
        return 2
    try:
        service = Service.load(settings)
    except DossierError as exc:
        print(f"dossier: {exc.user_message}", file=sys.stderr)
        return 1
    for skipped in service.corpus.report.skipped:
        log.warning("skipped %s: %s", skipped.path, skipped.reason)
    out = sys.stdout
    if args.command == "ask":
        return cmd_ask(service, args, out)
    if args.command == "sources":
        return cmd_sources(service, args, out)
    if args.command in ("actors", "figures", "timeline"):
        return cli_extraction.run(service, args, out)
    return cmd_chat(service, out)


if __name__ == "__main__":
    raise SystemExit(main())
