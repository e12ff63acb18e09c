"""Which reader reads which file: one module a format, each taking a file's bytes and returning the
article's text (paragraphs separated by blank lines, headline first when the file names one) and the
metadata the file itself states. The text then goes through the same cleaning as a plain-text article,
so a page saved as .txt, .md, .html or .pdf gives the same paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from search.readers import html, pdf, text
from search.readers.cache import ReadCache
from search.readers.page import PageMeta, ReadPage

__all__ = ["READ_CACHE", "PageMeta", "ReadPage", "SUFFIXES", "is_article", "read_article"]

Reader = Callable[[bytes], ReadPage]
READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".pdf": pdf.read,
}
SUFFIXES = tuple(READERS)
# Reading HTML and PDF costs far more than hashing the bytes: their results are kept by content hash
# for the life of the process, so a reload re-reads only the files that changed. Plain text is not
# kept: decoding it is as cheap as hashing it.
_CACHED = frozenset({".html", ".htm", ".pdf"})
READ_CACHE = ReadCache()
# A browser saving "Page.html" puts its images, styles and scripts in "Page_files/" beside it.
_SAVED_PAGE_FOLDER = "_files"


def is_article(path: Path, folder: Path) -> bool:
    """A file of a format some reader reads, outside hidden folders and the asset folders of saved pages."""
    if path.suffix.lower() not in READERS:
        return False
    relative = path.relative_to(folder)
    if any(part.startswith(".") for part in relative.parts):
        return False
    parent = folder
    for part in relative.parts[:-1]:
        if part.endswith(_SAVED_PAGE_FOLDER) and _has_saved_page(parent, part.removesuffix(_SAVED_PAGE_FOLDER)):
            return False
        parent = parent / part
    return True


def _has_saved_page(parent: Path, stem: str) -> bool:
    return any((parent / f"{stem}{suffix}").is_file() for suffix in (".html", ".htm"))


def read_article(suffix: str, raw: bytes, max_bytes: int) -> ReadPage:
    """The article in a file's bytes, read by its suffix's reader; ValueError with the reason it cannot be."""
    if len(raw) > max_bytes:
        raise ValueError(f"file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit")
    if not raw.strip():
        raise ValueError("file is empty")
    suffix = suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ValueError(f"no reader for {suffix or 'files without a suffix'}")
    if suffix not in _CACHED:
        return reader(raw)
    return READ_CACHE.read(suffix, raw, reader)
