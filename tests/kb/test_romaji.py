from __future__ import annotations

import pytest

from kb.romaji import romanise, romanised_names, spellings


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("川崎市", {"kawasaki"}),
        ("さいたま市", {"saitama"}),
        ("栃木市", {"tochigi"}),
        ("葛飾区", {"katsushika"}),
        ("札幌市", {"sapporo"}),  # ッ doubles the next consonant
        ("東京都", {"tokyo", "toukyou"}),  # long vowels: as English writes them, and literally
        ("大阪市", {"osaka", "oosaka"}),
        ("北九州市", {"kitakyushu", "kitakyuushuu"}),  # digraphs
    ],
)
def test_place_names_are_spelled_as_english_texts_write_them(name: str, spellings: set[str]) -> None:
    assert romanised_names(name) == spellings


def test_short_or_unreadable_names_give_no_spelling() -> None:
    assert romanised_names("大田区") == set()  # "ota": too short to tell from an English word
    assert romanised_names("ＸＹＺ市") == set()  # no dictionary reading


@pytest.mark.parametrize(
    ("katakana", "roman"),
    [
        ("カワサキ", "kawasaki"),
        ("マッチャ", "matcha"),
        ("シンジュク", "shinjuku"),
        ("チョウフ", "choufu"),
        ("ヴ", None),
    ],
)
def test_romanise_follows_hepburn(katakana: str, roman: str | None) -> None:
    assert romanise(katakana) == roman


def test_a_reading_is_spelled_shortened_and_literally() -> None:
    assert spellings("オオミヤ") == {"omiya", "oomiya"}
    assert spellings("オオタ") == set()  # "ota" once shortened: too short to tell from an English word
