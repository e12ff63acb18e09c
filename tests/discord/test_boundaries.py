"""discord.py is imported only by bot/discord; the rate limit counts per user."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.ratelimit import RateLimiter

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return names | {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}


def test_only_the_discord_package_imports_discord():
    files = [f for folder in ("bot", "search") for f in (ROOT / folder).rglob("*.py")]
    offenders = [str(f.relative_to(ROOT)) for f in files
                 if "discord" not in f.relative_to(ROOT).parts[1:2]
                 and any(m == "discord" or m.startswith("discord.") for m in _imports(f))]
    assert offenders == []


def test_rate_limit_is_per_user_and_frees_up_after_the_window():
    now = [0.0]
    limiter = RateLimiter(2, 10.0, clock=lambda: now[0])
    assert [limiter.check("a"), limiter.check("a")] == [0.0, 0.0]
    assert limiter.check("a") == 10.0
    assert limiter.check("b") == 0.0
    now[0] = 10.5
    assert limiter.check("a") == 0.0


def test_rate_limit_forgets_idle_users_but_not_active_ones():
    from bot.ratelimit import FORGET_AFTER_KEYS

    now = [0.0]
    limiter = RateLimiter(1, 10.0, clock=lambda: now[0])
    for n in range(FORGET_AFTER_KEYS + 1):
        limiter.check(f"idle{n}")
    now[0] = 20.0
    limiter.check("busy")
    now[0] = 25.0
    assert limiter.check("new") == 0.0  # past the bound: the idle users are dropped first
    assert len(limiter) == 2
    assert limiter.check("busy") == 5.0  # an active user keeps the limit
