"""The rate limiter every chat platform shares: per user, freed after its window, idle users forgotten."""

from __future__ import annotations

from bot.core.ratelimit import RateLimiter


def test_rate_limit_is_per_user_and_frees_up_after_the_window():
    now = [0.0]
    limiter = RateLimiter(2, 10.0, clock=lambda: now[0])
    assert [limiter.check("a"), limiter.check("a")] == [0.0, 0.0]
    assert limiter.check("a") == 10.0
    assert limiter.check("b") == 0.0
    now[0] = 10.5
    assert limiter.check("a") == 0.0


def test_rate_limit_forgets_idle_users_but_not_active_ones():
    from bot.core.ratelimit import FORGET_AFTER_KEYS

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
