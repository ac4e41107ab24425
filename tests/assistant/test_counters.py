import re

import pytest

from assistant.counters import COUNTER_ALTERNATION, is_counter


@pytest.mark.parametrize("unit", ["本", "世帯", "団体", "か所", "人"])
def test_counting_units_are_counters(unit: str) -> None:
    assert is_counter(unit)


@pytest.mark.parametrize("unit", ["%", "万", "t", "kW", "ha", ""])
def test_measures_and_shares_are_not(unit: str) -> None:
    assert not is_counter(unit)


def test_the_alternation_reads_a_whole_counter() -> None:
    match = re.search(rf"\d+(?P<unit>{COUNTER_ALTERNATION})", "参加は22団体でした")
    assert match is not None and match.group("unit") == "団体"
