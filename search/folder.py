"""Walking a corpus folder and reading its files without leaving it or reading more than a limit.

Every reader of corpus files goes through `read_bounded`, and every walk through `list_files`, so one
place decides what a hostile or unlucky folder can make Dossier read:

- Nothing outside the folder: paths are resolved, and a resolved path outside the folder is refused.
- Symbolic links are not followed unless the caller allows links; even then only links whose target
  stays inside the folder are. Skipped links, loops and dangling links are named with the reason.
- No more than the limit: the size is taken with `fstat` before reading and at most `limit + 1` bytes
  are read, so a huge or sparse file costs one system call, not its size in memory.
- Only regular files: a FIFO or device named like an article is named, never opened for reading
  (the open does not block, and `fstat` decides before the first read).
- A subfolder that cannot be listed is named like an unreadable file, so its documents are never
  silently dropped.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from search.models import SkippedFile

# Bytes asked of the kernel per read: large enough to be few calls, small enough to bound a read.
_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A file the walk will read: its path relative to the folder (its name in the corpus) and its real path."""

    relative: Path
    real: Path


@dataclass(frozen=True, slots=True)
class FolderListing:
    """The files of a folder to read, in path order, and the entries left out with the reason."""

    files: tuple[FoundFile, ...]
    skipped: tuple[SkippedFile, ...]


def inside(path: Path, root: Path) -> bool:
    """True when the real path `path` is the real folder `root` or lies under it."""
    return path == root or path.is_relative_to(root)


def read_bounded(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    With `root`, a path that resolves outside that folder is refused. The last component is opened
    without following a link, so a file swapped for a link after the walk is refused too. Raises
    ValueError with a reason an admin can act on, or OSError when the file cannot be opened.
    """
    real = Path(os.path.realpath(path, strict=True))
    if root is not None and not inside(real, Path(os.path.realpath(root, strict=True))):
        raise ValueError("the path leads outside the corpus folder; it was not read")
    fd = os.open(real, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file (a pipe, device or socket); it was not read")
        if info.st_size > limit:
            raise ValueError(f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise ValueError(f"file grew past the {limit:,}-byte limit while it was read")
    return data


def _link_problem(entry: os.DirEntry[str], root: Path, follow_links: bool) -> tuple[str | None, Path | None]:
    """Why a link is left out (None when it is followed) and its real target (None when it has none)."""
    try:
        real = Path(os.path.realpath(entry.path, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop; it was not followed", None
        return "is a dangling symbolic link (its target does not exist)", None
    where = "inside" if inside(real, root) else "outside"
    if not follow_links:
        return f"is a symbolic link to a path {where} the corpus folder; links are not followed", real
    if where == "outside":
        return "is a symbolic link to a path outside the corpus folder; it was not followed", real
    return None, real


class _Walk:
    """One walk of a folder: the files found, the entries skipped, and the folders already read."""

    def __init__(self, root: Path, suffixes: tuple[str, ...], follow_links: bool) -> None:
        self.root, self.suffixes, self.follow_links = root, suffixes, follow_links
        self.files: list[FoundFile] = []
        self.skipped: list[SkippedFile] = []
        self.seen: set[tuple[int, int]] = set()

    def wanted(self, name: str) -> bool:
        return name.lower().endswith(self.suffixes)

    def folder(self, real: Path, relative: Path) -> None:
        info = os.stat(real)
        if (info.st_dev, info.st_ino) in self.seen:
            self.skip(relative, "leads back to a folder already read (a link loop); it was not followed")
            return
        self.seen.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(real) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if relative == Path("."):
                raise
            self.skip(relative, f"folder cannot be read ({exc.strerror}); its files were not loaded", "/")
            return
        for entry in entries:
            if not entry.name.startswith("."):
                self.entry(entry, relative / entry.name)

    def entry(self, entry: os.DirEntry[str], relative: Path) -> None:
        if entry.is_symlink():
            self.link(entry, relative)
        elif entry.is_dir(follow_symlinks=False):
            self.folder(Path(entry.path), relative)
        elif self.wanted(entry.name):
            if entry.is_file(follow_symlinks=False):
                self.files.append(FoundFile(relative, Path(entry.path)))
            else:
                self.skip(relative, "is not a regular file (a pipe, device or socket); it was not read")

    def link(self, entry: os.DirEntry[str], relative: Path) -> None:
        problem, real = _link_problem(entry, self.root, self.follow_links)
        is_dir = real is not None and real.is_dir()
        if real is not None and not is_dir and not self.wanted(entry.name):
            return  # a link to something that is not an article, e.g. an image: not the corpus's business
        if problem is not None:
            self.skip(relative, problem)
        elif real is not None and is_dir:
            self.folder(real, relative)
        elif real is not None and real.is_file():
            self.files.append(FoundFile(relative, real))
        else:
            self.skip(relative, "is a link to something that is not a regular file; it was not read")

    def skip(self, relative: Path, reason: str, mark: str = "") -> None:
        self.skipped.append(SkippedFile(relative.as_posix() + mark, reason))


def list_files(folder: Path, suffixes: tuple[str, ...], follow_links: bool = False) -> FolderListing:
    """The files under `folder` whose names end in one of `suffixes`, hidden names left out.

    Raises OSError when the folder itself cannot be read. `follow_links` follows symbolic links whose
    target stays inside the folder; other links, loops and dangling links are skipped and named.
    """
    root = Path(os.path.realpath(folder, strict=True))
    walk = _Walk(root, tuple(s.lower() for s in suffixes), follow_links)
    walk.folder(root, Path("."))
    files = sorted(walk.files, key=lambda f: f.relative.as_posix())
    return FolderListing(tuple(files), tuple(sorted(walk.skipped, key=lambda s: s.path)))
