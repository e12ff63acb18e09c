"""Import boundaries, read from the source: search/ stays pure, each chat SDK stays in its adapter."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("search", "bot", "tools")

SEARCH_MAY_NOT_IMPORT = {"discord", "slack_bolt", "slack_sdk", "aiosqlite", "aiohttp", "asyncio", "pydantic",
                         "pydantic_settings", "bot"}
# SDK → the only package allowed to import it.
SDK_HOMES = {"discord": "bot/discord", "slack_bolt": "bot/slack", "slack_sdk": "bot/slack"}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Absolute names of every module the source imports, relative imports resolved, including
    imports inside functions and `importlib.import_module("…")` / `__import__("…")` with a literal name."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def roots(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names if n}


def modules_under(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.py") if (REPO / folder).is_dir())


def imports_of(path: Path) -> set[str]:
    return imported_modules(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def test_checker_sees_every_kind_of_import():
    source = (
        "import discord.ext.commands\nfrom slack_bolt import App\nfrom .. import settings\n"
        "from ..bot.settings import Settings\nimport importlib\n"
        "def later():\n    import aiosqlite\n    importlib.import_module('pydantic')\n    __import__('asyncio')\n"
    )
    found = roots(imported_modules(source, "search.extract.actors"))
    assert {"discord", "slack_bolt", "search", "aiosqlite", "pydantic", "asyncio", "importlib"} <= found
    assert "search.bot.settings" in imported_modules(source, "search.extract.actors")
    assert "bot.settings" in imported_modules("from .settings import Settings", "bot.service")
    assert "bot.discord.render" in imported_modules("from .render import x", "bot.discord", is_package=True)


def test_there_are_search_modules_to_check():
    assert len(modules_under("search")) >= 8


@pytest.mark.parametrize("path", modules_under("search"), ids=lambda p: str(p.relative_to(REPO)))
def test_search_imports_no_platform_store_settings_or_bot_code(path):
    assert roots(imports_of(path)).isdisjoint(SEARCH_MAY_NOT_IMPORT)


@pytest.mark.parametrize("sdk, home", SDK_HOMES.items())
def test_each_chat_sdk_is_imported_only_in_its_adapter_package(sdk, home):
    offenders = [str(p.relative_to(REPO)) for p in modules_under(*PACKAGES)
                 if not p.relative_to(REPO).as_posix().startswith(home + "/") and sdk in roots(imports_of(p))]
    assert offenders == []

