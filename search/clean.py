"""Article text cleaned the way a reader skims a saved web page: each rule a named function.

The input is one article's text as saved from a news site; the output is its paragraphs in reading
order, each marked body, caption or heading, plus the metadata the page itself states (title,
outlet, publication date, page date, byline). Rules only remove page furniture or duplicates; they
never rewrite a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from search.lexicon.dates import find_full_date, parse_date
from search.models import PassageKind

# Lines that are page widgets, never article text: media player clocks, close buttons, sign-up boxes.
_WIDGET_LINE = re.compile(
    r"^(?:\d{1,2}:\d{2}(?::\d{2})?|close|×|x|✕|newsletter|advertisement|sponsored|share|share this( article)?"
    r"|subscribe|sign up|skip to (?:main )?content|menu|search|print|email|tweet|follow us.*"
    r"|read more:.*|also read:.*|see also:.*|your email address will not be published\.?"
    r"|required fields are marked.*|all rights reserved\.?|©.*|copyright.*)$",
    re.IGNORECASE,
)
# Headers after which a page lists other stories or comment forms: the article is over.
_TAIL_MARKER = re.compile(
    r"^(?:related articles|related stories|related posts|related news|related|more stories|more from .+"
    r"|you may also like|recommended(?: for you)?|read next|most read|most popular|trending|leave a reply"
    r"|leave a comment|comments|\d+ comments|post a comment|latest news|top stories)\s*:?$",
    re.IGNORECASE,
)
# "Published in Dawn, April 25th, 2023", "Published on May 2, 2024", "Published January 5, 2025",
# "Updated: January 6, 2025". Without "in/by/on" the line must start with its date, so a sentence such as
# "Published reports say…" stays text.
_PUBLISHED_LINE = re.compile(r"^(?:first\s+|last\s+)?(?P<verb>published|updated)\s*:?\s+(?:(?P<prep>in|by|on)\s+)?"
                             r"(?P<rest>.+)$", re.IGNORECASE)
_BYLINE = re.compile(r"^[Bb]y\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|al-\w+)){0,5})$")
# Photo credits: "Photo: AFP / Aamir Qureshi", "(Photo by …)", "… /AFP via Getty Images", "Image: Facebook".
_CAPTION_CREDIT = re.compile(
    r"(?:\b(?:photo|photograph|image|picture|file photo)s?\s*(?::|by\b|credit\b)|\bgetty images\b"
    r"|/\s*afp\b|\bafp\s*/|\breuters/|\bap photo\b|\bepa-efe\b)",
    re.IGNORECASE,
)
_SENTENCE_PUNCT = ".!?\"”’'):;…"
_MAX_HEADING_CHARS = 140


@dataclass
class CleanArticle:
    """An article's cleaned paragraphs and the metadata the page stated."""

    paragraphs: list[tuple[str, PassageKind]]
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    page_date: date | None = None
    author: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a byte-order mark, NULs and invisible format characters go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL_CANDIDATE.sub(_drop_control, text)


# Characters that may be control or format characters: everything but printable ASCII, LF and tab.
# Only these are looked up, so plain text passes at the speed of one pattern scan.
_CONTROL_CANDIDATE = re.compile(r"[^\x20-\x7e\n\t]")


def _drop_control(match: re.Match[str]) -> str:
    return "" if unicodedata.category(match.group()) in ("Cc", "Cf") else match.group()


def split_blocks(text: str) -> list[str]:
    """Paragraphs: blank-line separated blocks; a block of short unpunctuated lines is a list of items,
    a block of long wrapped lines is one paragraph.
    """
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in block.split("\n")]
        lines = [ln for ln in lines if ln]
        if not lines:
            continue
        if len(lines) > 1 and _is_wrapped(lines):
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return [s for s in map(_strip_markdown, out) if s]


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: every line but the last is long and most continue mid-sentence."""
    body = lines[:-1]
    if any(len(ln) < 40 for ln in body):
        return False
    continued = sum(1 for ln in body if ln[-1] not in ".!?:\"”")
    return continued * 2 >= len(body)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _strip_markdown(paragraph: str) -> str:
    """Markdown heading marks, emphasis and link targets removed; the words stay."""
    if paragraph[:1] not in "#>" and "[" not in paragraph and "**" not in paragraph and "__" not in paragraph:
        return paragraph.strip()  # nothing below can match
    paragraph = re.sub(r"^#{1,6}\s+", "", paragraph)
    paragraph = re.sub(r"^>\s?", "", paragraph)
    paragraph = _MD_LINK.sub(r"\1", paragraph)
    paragraph = re.sub(r"(\*\*|__)(.+?)\1", r"\2", paragraph)
    paragraph = re.sub(r"(?<![\w*])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![\w*])", r"\2", paragraph)
    return paragraph.strip()


def is_heading_like(paragraph: str) -> bool:
    """A line that does not end a sentence and is short, or written in Title Case like a standfirst:
    a headline, subhead, standfirst or masthead.
    """
    if re.fullmatch(r"['‘\"“].{1,80}['’\"”]", paragraph):
        return True
    if paragraph[-1] in _SENTENCE_PUNCT:
        return False
    words = paragraph.split()
    if len(paragraph) <= _MAX_HEADING_CHARS and len(words) <= 20:
        return True
    capitalised = sum(1 for w in words if w[0].isupper() or not w[0].isalpha())
    return len(paragraph) <= 2 * _MAX_HEADING_CHARS and capitalised >= 0.8 * len(words)


def is_caption(paragraph: str) -> bool:
    """A photo caption: it carries a photo credit."""
    lower = paragraph.lower()
    if not _ODD_CASE.search(paragraph) and not any(w in lower for w in _CREDIT_WORDS):
        return False  # every credit holds one of these words; checking them first is far cheaper
    return bool(_CAPTION_CREDIT.search(paragraph))


_CREDIT_WORDS = ("photo", "image", "picture", "getty", "afp", "reuters/", "epa-efe")
# The only characters a case-insensitive pattern equates with an ASCII letter that lower() leaves alone.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")


def _is_tag_list(paragraph: str) -> bool:
    """A keyword line such as "afghan, taliban, celebrate, peace, deal"."""
    items = [p.strip() for p in paragraph.split(",")]
    return len(items) >= 3 and paragraph == paragraph.lower() and all(
        item and len(item.split()) <= 3 and item[-1] not in ".!?" for item in items
    )


def drop_widgets(paras: list[str], art: CleanArticle) -> list[str]:
    """Remove media-player clocks, close buttons, newsletter boxes and other single-line widgets."""
    kept = []
    for p in paras:
        if _WIDGET_LINE.match(p) or _is_tag_list(p):
            art.removed.append(("widget", p))
        else:
            kept.append(p)
    return kept


def cut_tail(paras: list[str], art: CleanArticle) -> list[str]:
    """Stop at "Related Articles", "Leave a Reply" and the like, once some article text has been read."""
    seen_body = 0
    for i, p in enumerate(paras):
        if _TAIL_MARKER.match(p) and seen_body >= 2:
            art.removed.extend(("tail", q) for q in paras[i:])
            return paras[:i]
        if not is_heading_like(p):
            seen_body += 1
    return paras


def take_page_dates(paras: list[str], art: CleanArticle) -> list[str]:
    """A line that is only a date (or a site name and a date) is the page's date, not article text."""
    kept = []
    for i, p in enumerate(paras):
        found = find_full_date(p) if is_heading_like(p) and i < 6 else None
        if found is not None:
            match, when = found
            prefix = p[: match.start()].strip(" ,|-–—")
            suffix = p[match.end():].strip(" ,|-–—")
            if not suffix and len(prefix.split()) <= 5:
                art.page_date = art.page_date or when
                if prefix and art.outlet is None:
                    art.outlet = prefix
                art.removed.append(("page date", p))
                continue
        kept.append(p)
    return kept


def take_published_line(paras: list[str], art: CleanArticle) -> list[str]:
    """A line such as "Published in Dawn, April 25th, 2023" names the outlet and the publication date.

    An "Updated <date>" line is removed too; its date stands for the publication date only when no
    "Published" line gives one, since a story is updated after it is published.
    """
    kept = []
    updated: date | None = None
    for p in paras:
        m = _PUBLISHED_LINE.match(p) if len(p) < 120 else None
        if m is None:
            kept.append(p)
            continue
        rest = m["rest"].strip(" .")
        found = find_full_date(rest)
        starts_with_date = found is not None and not rest[: found[0].start()].strip(" ,|-–—")
        is_update = m["verb"].casefold() == "updated"
        if (m["prep"] is None or is_update) and not starts_with_date:
            kept.append(p)
            continue
        art.removed.append(("published line", p))
        if is_update:
            updated = updated or (found[1] if found else None)
        elif found is not None:
            art.published = found[1]
            outlet = rest[: found[0].start()].strip(" ,")
            if outlet and not re.fullmatch(r"(?:on|the)", outlet, re.IGNORECASE):
                art.outlet = outlet
        elif parse_date(rest) is None and len(rest.split()) <= 5:
            art.outlet = rest
    art.published = art.published or updated
    return kept


def take_byline(paras: list[str], art: CleanArticle) -> list[str]:
    """A line such as "By Jane Doe" near the top is the author, not text."""
    kept = []
    for i, p in enumerate(paras):
        m = _BYLINE.match(p)
        if m and i < 6 and art.author is None:
            art.author = m["name"]
            art.removed.append(("byline", p))
            continue
        kept.append(p)
    return kept


def take_title(paras: list[str], art: CleanArticle, known_title: str | None) -> list[str]:
    """The headline: printed twice, or the first short line; lines above it are the masthead."""
    head = paras[:8]
    title_at = None
    for i in range(len(head) - 1):
        if is_heading_like(head[i]) and _same(head[i], head[i + 1]):
            title_at = i
            break
    if title_at is None and known_title is not None:
        title_at = next((i for i, p in enumerate(head) if _same(p, known_title)), None)
    if title_at is None and head and is_heading_like(head[0]) and not is_caption(head[0]):
        title_at = 0
    if title_at is None:
        return paras
    masthead = paras[:title_at]
    if not all(is_heading_like(p) for p in masthead):
        return paras
    if masthead and art.outlet is None:
        art.outlet = masthead[0]
    art.removed.extend(("masthead", p) for p in masthead)
    art.title = paras[title_at]
    art.removed.append(("title", paras[title_at]))
    rest = paras[title_at + 1:]
    while rest and _same(rest[0], art.title):
        art.removed.append(("title repeated", rest[0]))
        rest = rest[1:]
    return rest


def drop_duplicates(paras: list[str], art: CleanArticle) -> list[str]:
    """A paragraph printed again later in the same article is read once."""
    seen: set[str] = set()
    kept = []
    for p in paras:
        key = _fold(p)
        if key in seen:
            art.removed.append(("duplicate", p))
            continue
        seen.add(key)
        kept.append(p)
    return kept


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _same(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def classify(paragraph: str) -> PassageKind:
    """Body text, a photo caption, or a subheading."""
    if is_caption(paragraph):
        return PassageKind.CAPTION
    if is_heading_like(paragraph):
        return PassageKind.HEADING
    return PassageKind.BODY


def clean_article(text: str, known_title: str | None = None) -> CleanArticle:
    """Apply the cleaning rules in order to one article's text."""
    art = CleanArticle(paragraphs=[])
    paras = split_blocks(normalize_newlines(text))
    paras = drop_widgets(paras, art)
    paras = cut_tail(paras, art)
    paras = take_published_line(paras, art)
    paras = take_page_dates(paras, art)
    paras = take_byline(paras, art)
    paras = take_title(paras, art, known_title)
    paras = drop_duplicates(paras, art)
    art.paragraphs = [(p, classify(p)) for p in paras]
    return art
