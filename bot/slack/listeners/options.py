"""Slash command options written as text, the way Discord has them as fields: `actor:ISIS-K from:2021-08`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import BadFilter, DossierError

# `name:value` or `name:"a value with spaces"`; everything else is free text.
_OPTION = re.compile(r'(?<!\S)([a-z]+):(?:"([^"]*)"|(\S+))')

# The options each command takes, as on Discord.
COMMAND_OPTIONS: dict[str, tuple[str, ...]] = {
    "ask": ("source",),
    "actors": ("kind", "name"),
    "figures": ("topic",),
    "timeline": ("actor", "from", "to"),
}
# Words typed without an option name mean the command's main option: `/actors ISIS-K` is `name:ISIS-K`.
MAIN_OPTION = {"actors": "name", "figures": "topic", "timeline": "actor"}
# No actor name, topic or date is this long; a longer value is refused before it reaches a button value.
MAX_OPTION_CHARS = 200


class BadOptions(DossierError):
    """A command's text named an option the command does not take, or gave one twice."""


@dataclass(frozen=True, slots=True)
class ParsedText:
    """A command's free text and its `name:value` options."""

    text: str
    options: dict[str, str]


def parse_options(command: str, raw: str) -> ParsedText:
    """Split `raw` into known options and the rest; an unknown option is an error listing the known ones."""
    allowed = COMMAND_OPTIONS.get(command, ())
    options: dict[str, str] = {}
    rest = raw
    for match in _OPTION.finditer(raw):
        name, value = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
        if name not in allowed:
            if command == "ask":
                continue  # "time:" or "note:" in a question is part of the question
            known = ", ".join(f"{a}:" for a in allowed) or "none"
            raise BadOptions(f"/{command} has no option {name}:. Its options are: {known}")
        if name in options:
            raise BadOptions(f"The option {name}: is given twice.")
        options[name] = value.strip()
        rest = rest.replace(match.group(0), " ", 1)
    return ParsedText(" ".join(rest.split()), options)


def list_options(command: str, text: str) -> dict[str, str]:
    """The options of a list command's text; words before any option stand for its main option.

    A value runs to the next option, so `/actors name:Deborah Lyons kind:person` needs no quotes.
    """
    parse_options(command, text)  # refuses unknown and repeated options with the list of known ones
    allowed = COMMAND_OPTIONS[command]
    current = MAIN_OPTION[command]
    words: dict[str, list[str]] = {}
    for token in text.split():
        name, colon, rest = token.partition(":")
        if colon and name in allowed:
            if name in words:
                raise BadFilter(f"The option {name}: is given twice (words before any option count as {name}:).")
            current, token = name, rest
        words.setdefault(current, []).append(token)
    options = {k: " ".join(v).strip().strip('"').strip() for k, v in words.items()}
    options = {k: v for k, v in options.items() if v}
    for key, value in options.items():
        if len(value) > MAX_OPTION_CHARS:
            raise BadFilter(f"The {key}: option is too long (at most {MAX_OPTION_CHARS} characters).")
    return options
