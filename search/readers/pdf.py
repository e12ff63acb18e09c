"""PDFs: the text layer read with pypdf, rebuilt into paragraphs (see pdf_layout), and the document's
title, author and creation date. A PDF is untrusted input: a broken, encrypted or oversized one, or
one without a text layer (a scan), raises ValueError naming the reason, and the rest of the corpus loads.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from search.readers.page import PageMeta, ReadPage, join_paragraphs
from search.readers.pdf_layout import Line, drop_furniture, paragraphs, reading_order

# More pages than any article or report: a file past this is a page-count bomb and is not read.
MAX_PAGES = 500
# Fewer visible characters than this on every page together: the pages are images, not text.
MIN_TEXT_CHARS = 40
# Titles that name the file or the program that made it rather than the article.
_JUNK_TITLE = re.compile(r"^(?:untitled|microsoft word\b.*|document\d*|.*\.(?:docx?|pdf|odt|rtf|txt|html?))$",
                         re.IGNORECASE)
# A title on the first page is set larger than the text: this many times the usual size at least.
_TITLE_SCALE = 1.25


class Unreadable(ValueError):
    """A PDF this reader declines, with the reason in words."""


def read(raw: bytes) -> ReadPage:
    """A PDF article; raises ValueError when it cannot be read or holds no text."""
    from pypdf.errors import PyPdfError  # imported when a corpus has a PDF: plain-text corpora never load it

    try:
        return _read(raw)
    except Unreadable:
        raise
    except PyPdfError as exc:
        text = str(exc).lower()
        reason = "PDF is encrypted" if "crypt" in text or "password" in text else "PDF is broken"
        raise ValueError(f"{reason} ({type(exc).__name__})") from None
    except ValueError as exc:  # pypdf's own, on a damaged stream: "Ascii85 overflow"
        raise ValueError(f"PDF is broken ({str(exc)[:80]})") from None
    except _DAMAGE as exc:
        raise ValueError(f"PDF is broken ({type(exc).__name__})") from None


# What pypdf raises besides its own errors on a damaged file: the file is named in the report, never fatal.
_DAMAGE = (KeyError, TypeError, IndexError, AttributeError, OSError, RecursionError, NotImplementedError,
           ZeroDivisionError, OverflowError, UnicodeError, AssertionError)


def _read(raw: bytes) -> ReadPage:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("PDF is encrypted with a password")
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise Unreadable(f"PDF has {count:,} pages, over the {MAX_PAGES}-page limit")
    if count == 0:
        raise Unreadable("PDF has no pages")
    pages = [reading_order(_page_lines(page, i), float(page.mediabox.width))
             for i, page in enumerate(reader.pages)]
    if sum(len(ln.text.replace(" ", "")) for page in pages for ln in page) < MIN_TEXT_CHARS:
        raise Unreadable("no text layer (a scanned PDF?): nothing to read")
    body = drop_furniture(pages)
    info = _info(reader)
    title = _meta_title(info.get("/Title")) or _first_page_title(body[0])
    meta = PageMeta(title=title, author=_meta_text(info.get("/Author")),
                    page_date=_pdf_date(info.get("/CreationDate")))
    return ReadPage(join_paragraphs(paragraphs(body)), meta)


def _page_lines(page: Any, number: int) -> list[Line]:
    """The page's lines in drawing order, each with the place and size of its first text."""
    lines: list[Line] = []
    buffer: list[str] = []
    start: tuple[float, float, float] | None = None

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        nonlocal start
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if piece.strip() and start is None:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = abs(tm[3] * cm[3] + tm[2] * cm[1]) or 1.0
                start = (x, y, size * scale)
            buffer.append(piece)
            if i < len(pieces) - 1:
                close()

    def close() -> None:
        nonlocal start
        text = re.sub(r"\s+", " ", "".join(buffer)).strip()
        if text and start is not None:
            lines.append(Line(number, start[0], start[1], round(start[2], 1), text))
        buffer.clear()
        start = None

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _first_page_title(lines: list[Line]) -> str | None:
    """The largest text near the top of the first page, when it is larger than the text around it."""
    if not lines:
        return None
    usual = sorted(ln.size for ln in lines)[len(lines) // 2]
    largest = max(ln.size for ln in lines)
    if largest < _TITLE_SCALE * usual:
        return None
    first = next(i for i, ln in enumerate(lines) if ln.size == largest)
    title = [lines[first].text]
    for ln in lines[first + 1:]:
        if ln.size != largest:
            break
        title.append(ln.text)
    return " ".join(title)


def _info(reader: Any) -> dict[str, Any]:
    """The document information dictionary; empty when it is damaged, since the text is what matters."""
    from pypdf.errors import PyPdfError

    try:
        return dict(reader.metadata or {})
    except (PyPdfError, *_DAMAGE):
        return {}


def _meta_text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text or None


def _meta_title(value: object) -> str | None:
    text = _meta_text(value)
    return None if text is None or _JUNK_TITLE.match(text) else text


def _pdf_date(value: object) -> date | None:
    """A PDF date string "D:20240314083000+00'00'" as a date."""
    if not isinstance(value, str):
        return None
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
