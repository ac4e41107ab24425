"""The kana ranges (the letters alone, or the whole block with its marks) and the kanji range."""

from __future__ import annotations

import re

from ingest.kana import HIRAGANA, HIRAGANA_BLOCK, KANJI, KANJI_RUN, KATAKANA, KATAKANA_BLOCK


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


def test_the_kanji_are_the_unified_ideographs_alone() -> None:
    kanji = re.compile(f"[{KANJI}]")
    held = [chr(c) for c in range(0x3000, 0xA000) if kanji.fullmatch(chr(c))]
    assert held[0] == "一" and held[-1] == "\u9fff" and len(held) == 0x9FFF - 0x4E00 + 1
    assert kanji.findall("人々の脱炭素㐂") == ["人", "脱", "炭", "素"]  # no iteration mark, no extension A


def test_a_kanji_run_holds_the_iteration_mark_of_a_word() -> None:
    assert KANJI_RUN.fullmatch("佐々木") and KANJI_RUN.fullmatch("人々")
    assert KANJI_RUN.findall("川崎市のゼロカーボン各々") == ["川崎市", "各々"]
