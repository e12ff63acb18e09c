"""Actors as list entries: one line an actor, or one actor's profile with roles, quotes and links."""

from __future__ import annotations

from collections.abc import Sequence

from bot.render.words import plural
from bot.slack.render.cite import cite
from bot.slack.render.pages import MAX_ENTRY_CHARS, Entry, ListPage, cap
from search.extract.models import Actor
from search.models import Document, PassageRef

# A list line names the first few aliases; the profile has them all (up to its room).
LIST_ALIASES = 4
# Each quote is shown whole up to this many characters, so a few fit beside the roles.
MAX_QUOTE_CHARS = 400
# Passages a profile links to besides the quotes: the first few, then how many more.
PROFILE_PASSAGES = 5
# A page of the list: lines are short, profiles long.
ACTORS_A_PAGE = 25
PROFILES_A_PAGE = 3


def actor_entries(actors: Sequence[Actor]) -> list[Entry]:
    """One line an actor: name, kind, mentions, documents, the first role and a few other names."""
    entries = []
    for a in actors:
        facts = f"{a.kind} · {plural(a.mentions, 'mention')} in {plural(len(a.doc_ids), 'document')}"
        role = f" · {cap(a.roles[0].text, 150)}" if a.roles else ""
        also = f" · also {cap(', '.join(a.aliases[:LIST_ALIASES]), 200)}" if a.aliases else ""
        entries.append(Entry(f"• *{cap(a.name, 150)}* — {facts}{role}{also}",
                             f"{cap(a.name, 150)} ({facts})"))
    return entries


def profile_entries(actors: Sequence[Actor], documents: dict[str, Document], public_base_url: str | None
                    ) -> list[Entry]:
    """Each actor's profile as one entry: kind, counts, aliases, roles, quotes with links, passages."""
    return [_profile(a, documents, public_base_url) for a in actors]


def _profile(actor: Actor, documents: dict[str, Document], base_url: str | None) -> Entry:
    head = (f"*{cap(actor.name, 150)}* — {actor.kind} · {plural(actor.mentions, 'mention')} in "
            f"{plural(len(actor.doc_ids), 'document')}")
    lines = [head]
    if actor.aliases:
        lines.append(f"*Also called:* {cap(', '.join(actor.aliases), 400)}")
    for role in actor.roles:
        lines.append(f"*Role:* {cap(role.text, 200)} ({_cite(role.passage_id, documents, base_url)})")
    for quote in actor.quotes:
        lines.append(f"> “{cap(quote.text, MAX_QUOTE_CHARS)}”\n{_cite(quote.passage_id, documents, base_url)}")
    if not actor.quotes:
        lines.append("_No quotes attributed in the articles._")
    shown = [_cite(p, documents, base_url) for p in actor.passage_ids[:PROFILE_PASSAGES]]
    more = len(actor.passage_ids) - len(shown)
    lines.append("*Mentioned in:* " + "; ".join(shown) + (f"; and {more} more passages" if more > 0 else ""))
    return Entry(_within(lines), f"{cap(actor.name, 150)} ({actor.kind}, {plural(actor.mentions, 'mention')})")


def _cite(passage_id: str, documents: dict[str, Document], base_url: str | None) -> str:
    return cite(documents, PassageRef.parse(passage_id), base_url)


def _within(lines: list[str]) -> str:
    """Whole lines, in order, while they fit one entry; the last one (passages) always kept if it fits."""
    text = lines[0]
    skipped = 0
    for line in lines[1:]:
        if len(text) + 1 + len(line) > MAX_ENTRY_CHARS - 60:
            skipped += 1
            continue
        text += "\n" + line
    return text + (f"\n_{skipped} more lines did not fit._" if skipped else "")


def actors_page(actors: Sequence[Actor], options: dict[str, str], documents: dict[str, Document],
                public_base_url: str | None) -> ListPage:
    """All actors (of a kind) as lines, or, when a name was asked for, the profiles it matches."""
    if options.get("name"):
        return ListPage(f"Actors called “{cap(options['name'], 100)}”",
                        profile_entries(actors, documents, public_base_url), "No actor goes by that name.",
                        PROFILES_A_PAGE, joiner="\n\n")
    kind = f" ({cap(options['kind'], 40)})" if options.get("kind") else ""
    return ListPage(f"Actors{kind}", actor_entries(actors), "No actors found in this corpus.", ACTORS_A_PAGE)
