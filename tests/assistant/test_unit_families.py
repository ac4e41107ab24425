"""Which unit a question asks its figure in, and what a figure in it looks like."""

from __future__ import annotations

import pytest

from assistant.unit_families import asked_figure, asked_unit
from ingest.normalize import normalize_text


def test_energy_is_not_read_as_the_power_its_unit_starts_with() -> None:
    units = asked_unit("再エネ電力供給量の目標値って何kWh?")
    assert units is not None
    assert units.search("183,147,067 (KWh/年)")
    assert not units.search("33万kW以上導入")


@pytest.mark.parametrize(
    ("question", "written", "other"),
    [
        ("排出量は何万t-CO2でしたか?", "2,084万トン", "33万kW"),
        ("何トン減らす?", "330t-CO2", "50%"),
        ("何%削減する目標ですか?", "▲50%", "2,084万トン"),
        ("設備容量は何キロワット?", "33万kW", "100kWh"),
        ("熱量は何TJ?", "5TJ", "5t"),
    ],
)
def test_the_asked_unit_is_written_in_any_of_its_spellings(question: str, written: str, other: str) -> None:
    units = asked_unit(normalize_text(question))
    assert units is not None
    assert units.search(written)
    assert not units.search(other)


def test_a_question_naming_no_unit_after_nani_asks_none() -> None:
    assert asked_unit("再エネの導入目標はどのくらいですか?") is None
    assert asked_unit("how many tonnes?") is None


@pytest.mark.parametrize(
    ("question", "answer", "no_answer"),
    [
        ("何トン減らす計画なんですか？", "2030年度までに約330万トン削減", "2030年度までに50%削減"),
        ("How many tonnes are absorbed?", "330t-CO2", "50%"),
        ("面積は何ヘクタール?", "約8ha", "8箇所"),
        ("What is the installed capacity?", "20万kW", "190,000,000kWh"),
        ("何人参加しましたか？", "約200人が参加", "制度5"),
        ("川崎から東京駅までって、どれくらいで行けるの？", "東京駅まで18分", "2,084万t-CO2"),
        ("How long does it take to get to Haneda Airport?", "羽田空港まで15分", "排出量の5分の1"),
    ],
)
def test_only_a_figure_in_the_asked_unit_answers(question: str, answer: str, no_answer: str) -> None:
    figure = asked_figure(question)
    assert figure is not None
    assert figure.search(answer)
    assert not figure.search(no_answer)


def test_a_count_of_people_ends_a_row_of_dated_events() -> None:
    figure = asked_figure("何人参加した?")
    assert figure is not None
    assert figure.search("3 月 10 日（日） くららフェスタ 2024 2000")


def test_a_question_asking_no_unit_asks_no_figure() -> None:
    assert asked_figure("2030年度の削減目標は？") is None


def test_a_field_asked_with_nanbun_is_no_duration() -> None:
    assert asked_figure("何分野で取り組んでいますか？") is None
