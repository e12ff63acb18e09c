"""`dossier add URL`: fetch an article page into the corpus folder, then reload as `dossier reload` does."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from typing import Any, TextIO

from bot.cli.reload import reload
from bot.core.add import add_link
from bot.errors import DossierError, FetchFailed, StoreError
from bot.settings import Settings
from bot.store.store import Store

log = logging.getLogger("dossier.cli.add")


def add_parser(sub: Any) -> None:
    """The `add` subcommand."""
    add = sub.add_parser("add", help="fetch an article by its link into the corpus folder, then reload")
    add.add_argument("url", help="the article's address, http:// or https://")


async def _audit(settings: Settings, actor: str, result: str) -> None:
    try:
        store = await Store.open(settings.database_path)
        try:
            await store.audit(actor, "add", True, result)
        finally:
            await store.close()
    except StoreError as exc:
        log.warning("audit log not written (%s add): %s", actor, exc.user_message)


async def add(settings: Settings, url: str, out: TextIO) -> int:
    """Fetch and store the link, audit it, then reload through the running Dossier or the database."""
    actor = f"cli:{getpass.getuser()}"
    try:
        added = await add_link(settings, url)
    except FetchFailed as exc:
        await _audit(settings, actor, f"{url[:300]}: {exc.user_message}")
        print(f"dossier: {exc.user_message}", file=sys.stderr)
        return 1
    await _audit(settings, actor, f"{added.url} stored as {added.file}")
    print(f"Stored {added.url} as {added.file}", file=out)
    return await reload(settings, False, out)


def add_command(settings: Settings, args: argparse.Namespace) -> int:
    """Entry point of `dossier add`."""
    try:
        return asyncio.run(add(settings, args.url, sys.stdout))
    except DossierError as exc:
        print(f"dossier: {exc.user_message}", file=sys.stderr)
        return 1
