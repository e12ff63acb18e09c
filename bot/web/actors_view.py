"""The actors page: every actor (or one kind), and one actor's profile with roles and linked quotes."""

from __future__ import annotations

from collections.abc import Sequence

from bot.web.extraction_html import MAX_FILTER_CHARS, actor_href, filter_form, passage_link, plural, problem
from bot.web.html import esc, page
from search.extract.models import Actor
from search.extract.query import KINDS
from search.models import Document


def _kinds(active: str | None) -> str:
    links = []
    for kind, label in ((None, "all"), *((k, k) for k in KINDS)):
        href = "/actors" + (f"?kind={kind}" if kind else "")
        current = ' aria-current="true"' if kind == active else ""
        links.append(f'<a href="{esc(href)}"{current}>{esc(label)}</a>')
    return '<p class="kinds">Show: ' + " · ".join(links) + "</p>"


def _row(actor: Actor) -> str:
    meta = [esc(actor.kind), f"{plural(actor.mentions, 'mention')} in {plural(len(actor.doc_ids), 'article')}"]
    if actor.roles:
        meta.append(esc(actor.roles[0].text))
    also = f'<span class="also">also {esc(", ".join(actor.aliases[:6]))}</span>' if actor.aliases else ""
    return (f'<li><a href="{esc(actor_href(actor.name))}">{esc(actor.name)}</a>'
            f'<span class="meta">{" · ".join(meta)}</span>{also}</li>')


def actors_list(actors: Sequence[Actor], kind: str | None, name: str = "", message: str | None = None) -> str:
    """Every actor, most mentioned first, with links to their profiles; or a message about the filter."""
    form = filter_form("/actors", [("name", "Name", name, MAX_FILTER_CHARS, "a person, group or state")],
                       "Find")
    if message:
        listing = problem(message)
    elif not actors:
        listing = '<p class="nothing">No actors found.</p>'
    else:
        listing = f'<ul class="actors">{"".join(_row(a) for a in actors)}</ul>'
    count = "" if message else f": {plural(len(actors), 'actor')}"
    body = (f"<h1>Actors</h1><p>People, groups, states and organisations the articles name{count}.</p>"
            f"{form}{_kinds(kind)}{listing}")
    return page("Actors", body, active="/actors")


def _profile(actor: Actor, documents: dict[str, Document]) -> str:
    parts = [f'<h1>{esc(actor.name)}</h1><p class="meta">{esc(actor.kind)} · '
             f"{plural(actor.mentions, 'mention')} in {plural(len(actor.doc_ids), 'article')}</p>"]
    if actor.aliases:
        parts.append(f'<p class="also">Also called: {esc(", ".join(actor.aliases))}</p>')
    if actor.roles:
        roles = "".join(f"<li>{esc(r.text)} — {passage_link(r.passage_id, documents)}</li>" for r in actor.roles)
        parts.append(f'<h2>Roles</h2><ul class="roles">{roles}</ul>')
    if actor.quotes:
        quotes = "".join(f'<li class="hit"><blockquote>“{esc(q.text)}”</blockquote>'
                         f'<p class="source">{passage_link(q.passage_id, documents)}</p></li>'
                         for q in actor.quotes)
        parts.append(f'<h2>Quotes</h2><ol class="hits">{quotes}</ol>')
    passages = ", ".join(passage_link(p, documents) for p in actor.passage_ids)
    parts.append(f'<h2>Mentioned in</h2><p class="passages">{passages}</p>')
    return '<section class="profile">' + "".join(parts) + "</section>"


def actor_profiles(actors: Sequence[Actor], documents: dict[str, Document]) -> str:
    """The profile of every actor a name matched (one, unless the name is part of several)."""
    note = ""
    if len(actors) > 1:
        note = f'<p class="notice">{len(actors)} actors go by that name.</p>'
    body = note + "".join(_profile(a, documents) for a in actors)
    return page(actors[0].name if len(actors) == 1 else "Actors", body + '<p><a href="/actors">All actors</a></p>',
                active="/actors")
