"""Only bot/slack imports slack_bolt or slack_sdk."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLACK_MODULES = ("slack_bolt", "slack_sdk")


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_slack_package_imports_the_slack_sdks() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("bot", "search")
        for p in (ROOT / folder).rglob("*.py")
        if imported_roots(p) & set(SLACK_MODULES) and "slack" not in p.relative_to(ROOT).parts[1:2]
    ]
    assert offenders == []


def test_the_slack_package_does_import_them() -> None:
    roots = set().union(*(imported_roots(p) for p in (ROOT / "bot" / "slack").rglob("*.py")))
    assert set(SLACK_MODULES) <= roots
