"""The modes of what Dossier writes: the database, its WAL and shared-memory files and the lock are
readable by their owner only (0600), and the folders Dossier creates for them are 0700.

The query log holds what people asked; under the usual umask 022 SQLite and `mkdir` would leave it
readable by every local user. Folders that already exist are left as the deployer made them.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger("dossier.store")

FILE_MODE = 0o600
FOLDER_MODE = 0o700
# SQLite's files beside a database in WAL mode; it creates them with the database file's mode.
SIDE_FILES = ("-wal", "-shm")


def real_path(path: Path) -> Path:
    """The path with every link resolved, whether or not the file exists yet: one name per database."""
    return Path(os.path.realpath(path))


def private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents with mode 0700; existing folders keep their mode."""
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        try:
            candidate.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(candidate, FOLDER_MODE)  # mkdir's mode is narrowed by the umask, never widened


def private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 when missing; narrow an existing file of ours to 0600."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        _narrow(fd, path)
    finally:
        os.close(fd)


def private_side_files(database: Path) -> None:
    """Narrow the database's WAL and shared-memory files, when present, to 0600."""
    for suffix in SIDE_FILES:
        side = database.with_name(database.name + suffix)
        try:
            fd = os.open(side, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            continue
        try:
            _narrow(fd, side)
        finally:
            os.close(fd)


def _narrow(fd: int, path: Path) -> None:
    if os.fstat(fd).st_mode & 0o777 == FILE_MODE:
        return
    try:
        os.fchmod(fd, FILE_MODE)
    except PermissionError:
        log.warning("%s belongs to another user; its mode could not be narrowed to 0600", path)
