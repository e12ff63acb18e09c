"""Running a check as a user without privileges, so file modes mean what they say even under root.

Root reads a `chmod 000` folder as if it were open; a test of what an unreadable folder does must run
as someone the mode applies to. `shared_folder` makes a folder such a user can reach (the usual
`tmp_path` sits under a folder only its owner can enter) and `unprivileged` runs a function in a child
process that has dropped to `nobody` when the tests run as root, or in this process otherwise.
"""

from __future__ import annotations

import concurrent.futures.thread  # noqa: F401 - asyncio.to_thread loads it lazily; nobody may not read it
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
NOBODY = 65534


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A new folder under the system's temporary folder that every user may enter and read."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-shared-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


def unprivileged(fn: Callable[[], T]) -> T:
    """fn() as a user the file modes apply to: run by `nobody` in a forked child when this is root.

    The child cannot import what only root may read (a Python installed under /root): what fn needs
    must be imported before the call.
    """
    if os.geteuid() != 0:
        return fn()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, run, send back the result or the exception
        os.close(read)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            outcome: tuple[bool, object] = (True, fn())
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the test
            outcome = (False, exc)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    ok, value = pickle.loads(data)
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]
