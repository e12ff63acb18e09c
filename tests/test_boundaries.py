"""The whole import rule, read from the source: layers import only downward, no circles, each SDK in its room.

Layers, lowest first: search ← bot.settings/bot.errors ← bot.core ← bot.render ← bot.store ← the rooms that
use them (bot.cli, bot.discord, bot.slack, bot.web, which never import each other) ← bot.process (which starts
the rooms) ← bot.cli.main (the `dossier` command). A module may import its own package and anything lower.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# (layer, package prefixes); a module belongs to the longest prefix that names it.
LAYERS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (0, ("search",)),
    (1, ("bot.settings", "bot.errors", "bot")),
    (2, ("bot.core",)),
    (3, ("bot.render",)),
    (4, ("bot.store",)),
    (5, ("bot.cli", "bot.discord", "bot.slack", "bot.web")),
    (6, ("bot.process",)),
    (7, ("bot.cli.main",)),
)
# Packages at one layer that must stay apart (each chat platform and the web page is its own room).
ROOMS = ("bot.cli", "bot.discord", "bot.slack", "bot.web")
# Third-party packages → the only places that may import them (a prefix of the importing module).
SDK_HOMES = {
    "discord": ("bot.discord",),
    "slack_bolt": ("bot.slack",),
    "slack_sdk": ("bot.slack",),
    "aiosqlite": ("bot.store",),
    "jinja2": ("bot.web",),
    "rank_bm25": (),  # the reference BM25 of the tests only
}
# search/ is a plain synchronous library: no application, platform, store, settings or event loop.
SEARCH_MAY_NOT_IMPORT = {"bot", "discord", "slack_bolt", "slack_sdk", "aiosqlite", "aiohttp", "asyncio",
                         "pydantic", "pydantic_settings", "jinja2"}
MAX_MODULE_LINES = 400
MAX_TOP_LEVEL_MODULES = 4


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Absolute names of every module the source imports, relative imports resolved, including imports
    inside functions or under TYPE_CHECKING and `importlib.import_module("…")` / `__import__("…")`."""
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


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for folder in ("bot", "search") for p in sorted((REPO / folder).rglob("*.py"))}


MODULES = project_modules()


def imports_of(name: str) -> set[str]:
    path = MODULES[name]
    return imported_modules(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")


def project_imports(name: str) -> set[str]:
    """The project modules `name` imports (a `from package import module` names the module)."""
    return {m for m in imports_of(name) if m in MODULES and m != name}


def owner(name: str, prefixes: tuple[str, ...]) -> str | None:
    matches = [p for p in prefixes if name == p or name.startswith(p + ".")]
    return max(matches, key=len) if matches else None


def layer(name: str) -> int:
    best = max(((len(p), n) for n, ps in LAYERS for p in ps if name == p or name.startswith(p + ".")),
               default=(0, -1))
    return best[1]


def is_parent_package(a: str, b: str) -> bool:
    return b.startswith(a + ".") or a.startswith(b + ".")


def test_the_walker_sees_every_kind_of_import():
    source = ("import discord.ext.commands\nfrom slack_bolt import App\nfrom .. import settings\n"
              "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bot.discord.client import C\n"
              "def later():\n    import aiosqlite\n    __import__('asyncio')\n")
    found = imported_modules(source, "bot.core.service")
    assert {"discord.ext.commands", "slack_bolt", "bot.settings", "bot.discord.client", "aiosqlite",
            "asyncio"} <= found
    assert "bot.discord.render" in imported_modules("from .render import x", "bot.discord", is_package=True)


def test_every_module_has_a_layer_and_there_are_modules_to_check():
    assert len(MODULES) > 60
    assert [m for m in MODULES if layer(m) < 0] == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_imports_only_its_own_layer_or_lower(name):
    wrong = sorted(m for m in project_imports(name) if layer(m) > layer(name) and not is_parent_package(m, name))
    assert wrong == []


@pytest.mark.parametrize("name", sorted(m for m in MODULES if owner(m, ROOMS)))
def test_a_room_never_imports_another_room(name):
    mine = owner(name, ROOMS)
    others = sorted(m for m in project_imports(name) if owner(m, ROOMS) not in (None, mine) and layer(m) == 5)
    assert others == []


def test_there_is_no_import_circle_anywhere():
    graph = {n: {m for m in project_imports(n) if not is_parent_package(m, n)} for n in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            visit(v)
    assert circles == []


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.startswith("search")))
def test_search_imports_no_application_platform_store_settings_or_event_loop(name):
    assert {m.split(".")[0] for m in imports_of(name)}.isdisjoint(SEARCH_MAY_NOT_IMPORT)


@pytest.mark.parametrize("sdk, homes", SDK_HOMES.items())
def test_each_third_party_sdk_is_imported_only_in_its_room(sdk, homes):
    offenders = sorted(n for n in MODULES if sdk in {m.split(".")[0] for m in imports_of(n)}
                       and owner(n, homes) is None)
    assert offenders == []


def test_modules_stay_small_and_bot_has_few_top_level_modules():
    long = sorted(n for n, p in MODULES.items() if len(p.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES)
    top = sorted(p.name for p in (REPO / "bot").glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert long == []
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
