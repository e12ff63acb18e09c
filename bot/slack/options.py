"""Slash command options written as text, the way Discord has them as fields: `actor:ISIS-K from:2021-08`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import DossierError

# `name:value` or `name:"a value with spaces"`; everything else is free text.
_OPTION = re.compile(r'(?<!\S)([a-z]+):(?:"([^"]*)"|(\S+))')

# The options each command takes, as on Discord.
COMMAND_OPTIONS: dict[str, tuple[str, ...]] = {
    "ask": ("source",),
    "actors": ("kind", "name"),
    "figures": ("topic",),
    "timeline": ("actor", "from", "to"),
}


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
