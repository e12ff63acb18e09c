"""Adding an article by link: fetch the page, check that it reads as an article, keep it in the corpus
folder as the page it was, and write its address into sources.toml. Nothing changes when any step fails.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.core.fetch import fetch_page
from bot.errors import FetchFailed
from bot.settings import Settings
from search.corpus import MANIFEST, read_manifest
from search.readers import read_article

# The longest file name a link becomes, before its suffix.
_NAME_CHARS = 80


@dataclass(frozen=True, slots=True)
class AddedFile:
    """The file a link was stored as, relative to the corpus folder, and the address it came from."""

    file: str
    url: str


async def add_link(settings: Settings, url: str) -> AddedFile:
    """Fetch a link into the corpus folder; FetchFailed (nothing changed) when it cannot be added."""
    url = url.strip().strip("<>")
    folder = settings.corpus_dir
    if not folder.is_dir():
        raise FetchFailed(f"The corpus folder {folder} does not exist.")
    _refuse_known(folder, url)
    page = await fetch_page(url, timeout=settings.fetch_timeout_seconds, max_bytes=settings.max_file_bytes,
                            max_redirects=settings.fetch_max_redirects,
                            allowed_hosts=settings.fetch_allowed_hosts)
    if page.url != url:
        _refuse_known(folder, page.url)
    try:
        await asyncio.to_thread(read_article, page.suffix, page.body, settings.max_file_bytes)
    except ValueError as exc:
        raise FetchFailed(f"The page at {page.url} was not added: {exc}.") from None
    try:
        return await asyncio.to_thread(_store, folder, page.url, page.body, page.suffix)
    except OSError as exc:
        raise FetchFailed(f"The page could not be saved in the corpus folder ({exc.strerror or exc}).") from None


def _refuse_known(folder: Path, url: str) -> None:
    entries, _ = read_manifest(folder)
    for name, entry in entries.items():
        if entry.get("url") == url:
            raise FetchFailed(f"{url} is already in the corpus as {name}.")


def file_name(url: str, suffix: str, folder: Path) -> str:
    """A readable file name from the link: host and last path segment, numbered when taken."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    segment = next((s for s in reversed(parts.path.split("/")) if s), "")
    segment = re.sub(r"\.(?:s?html?|php|aspx?|pdf)$", "", segment, flags=re.IGNORECASE)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", f"{host}-{segment}" if segment else host).strip("-").lower()
    stem = stem[:_NAME_CHARS].rstrip("-") or "page"
    name, n = f"{stem}{suffix}", 2
    while (folder / name).exists():
        name, n = f"{stem}-{n}{suffix}", n + 1
    return name


def _store(folder: Path, url: str, body: bytes, suffix: str) -> AddedFile:
    name = file_name(url, suffix, folder)
    _write_atomically(folder / name, body)
    manifest = folder / MANIFEST
    try:
        existing = manifest.read_bytes() if manifest.exists() else b""
        entry = f"\n[[source]]\nfile = {json.dumps(name)}\nurl = {json.dumps(url, ensure_ascii=False)}\n"
        lead = b"" if not existing or existing.endswith(b"\n") else b"\n"
        _write_atomically(manifest, existing + lead + entry.encode("utf-8"))
    except OSError:
        (folder / name).unlink(missing_ok=True)  # the page without its address would be half an add
        raise
    return AddedFile(name, url)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".adding-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
