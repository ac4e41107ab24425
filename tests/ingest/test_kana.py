"""The kana ranges: the letters alone, or the whole block with its marks."""

from __future__ import annotations

import re

from ingest.kana import HIRAGANA, HIRAGANA_BLOCK, KATAKANA, KATAKANA_BLOCK


def test_the_letters_leave_out_the_long_vowel_mark_and_the_middle_dot() -> None:
    letters = re.compile(f"[{KATAKANA}]+")
    assert letters.fullmatch("ァヴヶヺ")
    assert letters.findall("グリーン・リカバリー") == ["グリ", "ン", "リカバリ"]


def test_the_block_holds_the_letters_and_their_marks() -> None:
    assert re.fullmatch(f"[{KATAKANA_BLOCK}]+", "グリーン・リカバリーヽヾ")
    assert not re.search(f"[{KATAKANA_BLOCK}]", "ぐりいん")


def test_the_hiragana_letters_leave_out_the_iteration_marks() -> None:
    letters = re.compile(f"[{HIRAGANA}]+")
    assert letters.fullmatch("ぁをんゔゖ")
    assert letters.findall("いすゞの") == ["いす", "の"]
    assert not letters.search("ゝゞゟカ")


def test_the_hiragana_block_holds_the_marks_but_no_katakana() -> None:
    assert re.fullmatch(f"[{HIRAGANA_BLOCK}]+", "いすゞゝゟ")
    assert not re.search(f"[{HIRAGANA_BLOCK}]", "カタカナー・")
