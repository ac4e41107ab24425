from __future__ import annotations

from assistant.web.rate_limit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_refuses_past_the_limit_until_the_window_slides() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=3, clock=clock)
    assert [limiter.allow("1.2.3.4") for _ in range(4)] == [True, True, True, False]
    clock.now += 59.9
    assert not limiter.allow("1.2.3.4")
    clock.now += 0.2
    assert limiter.allow("1.2.3.4")


def test_clients_are_limited_separately() -> None:
    limiter = RateLimiter(per_minute=1, clock=Clock())
    assert limiter.allow("a")
    assert not limiter.allow("a")
    assert limiter.allow("b")


def test_refused_requests_do_not_extend_the_wait() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=1, clock=clock)
    assert limiter.allow("a")
    for _ in range(10):
        clock.now += 5
        assert not limiter.allow("a")
    clock.now += 11
    assert limiter.allow("a")
