"""A folder of article files and its optional manifest, read into documents and passages."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from search.clean import clean_article
from search.folder import list_files, read_bounded
from search.models import Document, LoadReport, Paragraph, Passage, SkippedFile, SourceInfo
from search.readers import SUFFIXES, is_article, read_article

MANIFEST = "sources.toml"
DEFAULT_MAX_FILE_BYTES = 5_000_000
# Manifest fields and the type each must have; a field of another type is ignored with a warning.
_TEXT_FIELDS = ("title", "outlet", "author", "url")
_DATE_FIELDS = ("published", "page_date")


@dataclass(frozen=True, slots=True)
class CorpusData:
    """Everything read from a corpus folder: documents, their passages, and what was skipped."""

    documents: tuple[Document, ...]
    passages: tuple[Passage, ...]
    report: LoadReport

    @property
    def content_hash(self) -> str:
        """One hash over every document's content and metadata, to tell versions apart."""
        h = hashlib.sha256()
        for doc in self.documents:
            h.update(doc.doc_id.encode())
            h.update(doc.content_hash.encode())
            h.update(repr(doc.source).encode())
        return h.hexdigest()


def read_manifest(folder: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES,
                  follow_links: bool = False) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """File name → metadata from `sources.toml`; a broken manifest is a warning, not a failure.

    The manifest is read like an article (`read_bounded`): never through a link unless links are
    followed, never from outside the folder, never past `max_bytes`.
    """
    path = folder / MANIFEST
    if not path.is_symlink() and not path.exists():
        return {}, []
    if path.is_symlink() and not follow_links:
        return {}, [f"{MANIFEST}: is a symbolic link; links are not followed, so it was ignored"]
    try:
        data = tomllib.loads(read_bounded(path, max_bytes, root=folder).decode("utf-8"))
    except (ValueError, OSError) as exc:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        return {}, [f"{MANIFEST}: not read ({exc}); titles and dates come from the article text"]
    entries: dict[str, dict[str, Any]] = {}
    warnings = []
    items = data.get("source", [])
    if not isinstance(items, list):
        return {}, [f"{MANIFEST}: `source` is not a list of [[source]] entries and was ignored"]
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            warnings.append(f"{MANIFEST}: an entry without a file name was ignored")
            continue
        wrong = [k for k in _TEXT_FIELDS if k in item and not isinstance(item[k], str)]
        wrong += [k for k in _DATE_FIELDS if k in item and _meta_date(item[k]) is None]
        if wrong:
            warnings.append(f"{MANIFEST}: {item['file']}: {', '.join(wrong)} ignored (not text or not a date)")
            item = {k: v for k, v in item.items() if k not in wrong}
        entries[item["file"]] = item
    return entries, warnings


def _doc_id(relative: Path, taken: set[str]) -> str:
    """An opaque id from the file's path: letters, digits, dash and underscore only."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", relative.with_suffix("").as_posix()).strip("-") or "doc"
    doc_id, n = base[:80], 2
    while doc_id in taken:
        doc_id, n = f"{base[:76]}-{n}", n + 1
    taken.add(doc_id)
    return doc_id


def _fallback_title(paragraphs: list[Paragraph]) -> str:
    """A title for an article whose page names none: the start of its first body paragraph."""
    first = next((p.text for p in paragraphs if p.kind.value == "body"), paragraphs[0].text)
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"


def _meta_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def load_document(path: Path, relative: Path, doc_id: str, meta: dict[str, Any], max_bytes: int,
                  root: Path | None = None) -> Document:
    """One article file as a cleaned document; raises ValueError when it cannot be used.

    The bytes come from `read_bounded`: with `root`, a path leading outside that folder is refused.
    """
    raw = read_bounded(path, max_bytes, root)
    page = read_article(path.suffix, raw, max_bytes)  # the one place a file's format is told apart
    found = page.meta
    art = clean_article(page.text, known_title=meta.get("title") or found.title)
    paragraphs = [Paragraph(i, p, kind) for i, (p, kind) in enumerate(art.paragraphs, start=1)]
    if not any(p.kind.value != "heading" for p in paragraphs):
        raise ValueError("no article text is left after removing page furniture")
    url = meta.get("url")
    # sources.toml first, then what the file states about itself, then what its text shows
    source = SourceInfo(
        title=meta.get("title") or found.title or art.title or _fallback_title(paragraphs),
        outlet=meta.get("outlet") or found.outlet or art.outlet,
        published=_meta_date(meta.get("published")) or found.published or art.published,
        url=url if isinstance(url, str) and re.match(r"https?://", url) else found.url,
        page_date=_meta_date(meta.get("page_date")) or found.page_date or art.page_date,
        author=meta.get("author") or found.author or art.author,
    )
    return Document(doc_id, relative.as_posix(), source, tuple(paragraphs), hashlib.sha256(raw).hexdigest())


def passages_of(doc: Document) -> list[Passage]:
    """The searchable passages of a document: every paragraph that is not a heading."""
    return [Passage(doc.doc_id, p.number, p.text, p.kind) for p in doc.paragraphs if p.kind.value != "heading"]


def load_folder(folder: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, follow_links: bool = False) -> CorpusData:
    """Every article file under folder (search.readers.SUFFIXES), in path order; unusable files are named
    in the report.

    Symbolic links are skipped and named unless `follow_links`, which follows those staying inside the
    folder (see search/folder.py); a subfolder that cannot be listed is named like an unreadable file.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder {folder} does not exist")
    manifest, warnings = read_manifest(folder, max_file_bytes, follow_links)
    listing = list_files(folder, SUFFIXES, follow_links)
    taken: set[str] = set()
    documents: list[Document] = []
    skipped: list[SkippedFile] = list(listing.skipped)
    for found in listing.files:
        relative = found.relative
        if not is_article(folder / relative, folder):  # e.g. the assets folder of a saved web page
            continue
        meta = manifest.get(relative.as_posix(), {})
        try:
            documents.append(load_document(found.real, relative, _doc_id(relative, taken), meta, max_file_bytes,
                                           root=folder))
        except (ValueError, OSError) as exc:
            skipped.append(SkippedFile(relative.as_posix(), str(exc)))
    skipped.sort(key=lambda s: s.path)
    listed = {d.path for d in documents} | {s.path for s in skipped}
    warnings += [f"{MANIFEST}: {name} is listed but not in the folder" for name in manifest if name not in listed]
    passages = [p for d in documents for p in passages_of(d)]
    report = LoadReport(str(folder), tuple(d.path for d in documents), tuple(skipped), tuple(warnings))
    return CorpusData(tuple(documents), tuple(passages), report)
