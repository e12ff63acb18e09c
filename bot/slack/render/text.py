"""Text for Slack's mrkdwn: escaping, capping, bold question terms and safe links.

Slack reads `<…>` as links and mentions (`<!channel>`, `<@U123>`, `<!subteam^S1>`), so every `&`,
`<` and `>` that comes from the corpus or a question is escaped; nothing typed by a user or written in
an article can ping anyone or hide a link.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from search.models import Snippet

ELLIPSIS = "…"
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Text made inert for mrkdwn and plain_text alike: `&`, `<`, `>` as entities, line breaks as spaces."""
    return "".join(_ENTITIES.get(ch, ch) for ch in _SPACE.sub(" ", text))


def escape_capped(text: str, limit: int) -> str:
    """`escape(text)` no longer than `limit`, cut between characters (never inside an entity) with `…`."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    out, used = [], 0
    for ch in _SPACE.sub(" ", text):
        piece = _ENTITIES.get(ch, ch)
        if used + len(piece) > limit - len(ELLIPSIS):
            break
        out.append(piece)
        used += len(piece)
    return "".join(out).rstrip() + ELLIPSIS


def bold_snippet(snippet: Snippet, limit: int) -> str:
    """The snippet escaped, the question's words in `*bold*`, at most `limit` characters."""
    text, pieces, at = snippet.text, [], 0
    for span in snippet.highlights:
        if span.start < at or span.end > len(text):
            continue
        word = text[span.start:span.end]
        pieces.append(escape(text[at:span.start]))
        # mrkdwn has no escape for `*`: a term holding one is left plain rather than break the bold.
        pieces.append(f"*{escape(word)}*" if "*" not in word and word.strip() == word else escape(word))
        at = span.end
    pieces.append(escape(text[at:]))
    rendered = "".join(pieces)
    return rendered if len(rendered) <= limit else escape_capped(text, limit)


def web_address(url: str | None) -> str | None:
    """An http(s) URL made safe inside `<…>` (quoted, `&` as an entity); None for any other address."""
    if not url or not url.startswith(("https://", "http://")):
        return None
    return quote(url, safe=":/?#[]@!$'()*+,;=%~&.-_").replace("&", "&amp;")


def link_escaped(address: str | None, shown: str) -> str:
    """`<address|shown>` from a `web_address` and already escaped text; the text alone without an address."""
    return f"<{address}|{shown.replace('|', '∣')}>" if address else shown


def link(url: str | None, label: str, limit: int) -> str:
    """`<url|label>` for an http(s) URL, else the escaped label; the label escaped and capped."""
    return link_escaped(web_address(url), escape_capped(label, limit))
