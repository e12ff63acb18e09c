"""One running Dossier per database: an exclusive lock on a file beside it, holding the owner's pid.

The lock sits beside the database's real path, so every name of one database shares it; the file is
0600 like the database.

The kernel drops the lock when its process ends, however it ends (kill -9 included), so a stale
file never blocks a restart.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from bot.errors import InstanceLocked
from bot.store.files import FILE_MODE, private_file, private_folder, real_path


def lock_path(database_path: Path) -> Path:
    """The lock file of a database: its real name with `.lock` added, in its real folder.

    Every name of one database (a symbolic link to it, a linked folder, `./x` for `x`) resolves to
    the same real path and so to the same lock: a second name never makes a second instance.
    """
    real = real_path(database_path)
    return real.with_name(real.name + ".lock")


class InstanceLock:
    """The lock of one database; `acquire` raises InstanceLocked when another process holds it."""

    def __init__(self, database_path: Path) -> None:
        self.database_path = database_path
        self.path = lock_path(database_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock and write this process's pid into the file."""
        private_folder(self.path.parent)
        private_file(self.path)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            owner = f"pid {pid}" if pid else "another process"
            raise InstanceLocked(f"Dossier is already running on {self.database_path} ({owner}). Stop it "
                                 "first, or use `dossier reload` to reload it.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Empty the file and let the lock go."""
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def holder(self) -> int | None:
        """The pid of the process holding the lock (0 while it is still writing it), or None when free."""
        if self._fd is not None:
            return os.getpid()
        if not self.path.exists():
            return None
        fd = os.open(self.path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_pid(fd)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(fd: int) -> int:
    text = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return int(text) if text.isdigit() else 0
