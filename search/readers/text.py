"""Plain text and Markdown: the file's text as it is, for the shared cleaning to read."""

from __future__ import annotations

from search.readers.page import ReadPage


def decode(raw: bytes) -> str:
    """Bytes of a text file as text; raises ValueError with a reason an admin can act on."""
    if b"\x00" in raw[:8192]:
        raise ValueError("file looks binary (it contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"file is not UTF-8 (invalid byte at offset {exc.start})") from None


def read(raw: bytes) -> ReadPage:
    """A .txt or .md article: its text; the headline, masthead and dates are found by the cleaning."""
    return ReadPage(decode(raw))
