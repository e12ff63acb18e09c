"""The command line's `actors`, `figures` and `timeline` subcommands: parse, call the service, render."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from bot.cli import lists_text as extraction_text
from bot.cli.text import json_text
from bot.core.service import Service
from bot.errors import DossierError
from bot.printable import one_line, printable
from bot.render.json import actors_json, figures_json, timeline_json
from search.extract.query import KINDS


def add_parsers(sub: Any, json_help: str) -> None:
    """Add the three subcommands to the `dossier` parser; `json_help` is the help of their --json."""
    actors = sub.add_parser("actors", help="people, groups, states and organisations the articles name")
    actors.add_argument("--kind", choices=KINDS, default=None, help="only actors of this kind")
    actors.add_argument("--name", default=None, metavar="NAME",
                        help="one actor's profile: roles, quotes and passages")
    actors.add_argument("--json", action="store_true", help=json_help)
    figures = sub.add_parser("figures",
                             help="the numbers the articles state, grouped where they measure one thing")
    figures.add_argument("--topic", default=None, metavar="WORDS",
                         help="only figures whose sentence has these words")
    figures.add_argument("--json", action="store_true", help=json_help)
    timeline = sub.add_parser("timeline", help="dated events in date order")
    timeline.add_argument("--actor", default=None, metavar="NAME", help="only events that involve this actor")
    timeline.add_argument("--from", dest="date_from", default=None, metavar="DATE",
                          help="only events from this date on: YYYY, YYYY-MM or YYYY-MM-DD")
    timeline.add_argument("--to", dest="date_to", default=None, metavar="DATE",
                          help="only events up to this date: YYYY, YYYY-MM or YYYY-MM-DD")
    timeline.add_argument("--json", action="store_true", help=json_help)


def run(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    """Run one of the three subcommands; a domain error is its message (JSON on standard output, else a line
    on standard error) and 1.
    """
    documents = {d.doc_id: d for d in service.corpus.documents}
    try:
        if args.command == "actors":
            found = service.actors(kind=args.kind, name=args.name)
            if args.json:
                _json(actors_json(found, profile=args.name is not None), out)
            elif args.name is not None:
                _text("\n\n".join(extraction_text.render_profile(a, documents) for a in found), out)
            else:
                _text(extraction_text.render_actors(found), out)
        elif args.command == "figures":
            report = service.figures(args.topic)
            if args.json:
                _json(figures_json(report, documents), out)
            else:
                _text(extraction_text.render_figures(report, documents), out)
        else:
            events = service.timeline(args.actor, args.date_from, args.date_to)
            if args.json:
                _json(timeline_json(events, documents), out)
            else:
                _text(extraction_text.render_timeline(events, documents), out)
    except DossierError as exc:
        if args.json:
            _json({"error": exc.user_message}, out)
        else:
            print(one_line(exc.user_message), file=sys.stderr)
        return 1
    return 0


def _text(block: str, out: TextIO) -> None:
    print(printable(block), file=out)


def _json(obj: dict[str, Any], out: TextIO) -> None:
    print(json_text(obj), file=out)
