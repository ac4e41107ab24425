"""kb.per_generation: a derived value is built once per catalog generation and rebuilt after a change."""

from __future__ import annotations

from kb.per_generation import PerGeneration


def test_value_is_built_once_per_generation_and_rebuilt_after_a_change() -> None:
    generation = [3]
    builds: list[int] = []

    def build() -> str:
        builds.append(generation[0])
        return f"built at {generation[0]}"

    cache = PerGeneration(lambda: generation[0], build)
    assert cache.get() == cache.get() == "built at 3"
    generation[0] = 4
    assert cache.get() == "built at 4"
    assert builds == [3, 4]
