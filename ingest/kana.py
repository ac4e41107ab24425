"""The kana and kanji ranges, written once for every module that reads Japanese text by character class.

Each is the body of a character class (`f"[{KATAKANA}ー]"`), at the lowest floor so ingest, kb and assistant share
them. Two ranges, because a run of one word and Japanese text in general end at different characters: the middle
dot "・" joins two loanwords (グリーン・リカバリー) that a word reader takes apart, and the long-vowel mark "ー"
is added by each reader of words, as a mark inside one, not a letter (a line of "ー" is no katakana name).
Hiragana has the same two: its letters (a verb's ending, a particle) and the block with its voiced-sound and
iteration marks, for telling Japanese text from other text. Kanji is one range, the CJK Unified Ideographs
every plan's words are written in; the iteration mark "々" (人々, 各々) is added by each reader of words as "ー" is,
and a reader telling Japanese text from other text may add the rarer ideograph blocks (extension A, compatibility).
"""

from __future__ import annotations

import re

KATAKANA = "\u30a1-\u30fa"
"""The katakana letters, ァ to ヺ: no "ー", "・" or iteration marks."""
KATAKANA_BLOCK = "\u30a0-\u30ff"
"""The whole katakana block, ゠ to ヿ: the letters, "ー", the middle dot "・" and the iteration marks ヽヾ."""
HIRAGANA = "\u3041-\u3096"
"""The hiragana letters, ぁ to ゖ: no voiced-sound marks, iteration marks ゝゞ or the ligature ゟ."""
HIRAGANA_BLOCK = "\u3040-\u309f"
"""The whole hiragana block, to ゟ: the letters, the voiced-sound marks ゙゚゛゜ and the iteration marks ゝゞ."""
KANJI = "\u4e00-\u9fff"
"""The CJK Unified Ideographs block, 一 to 鿿: no "々", no extension A (㐀…) and no compatibility ideographs."""
KANJI_RUN = re.compile(f"[{KANJI}々]+")
"""A run of kanji as a reader of words takes it, with the iteration mark (人々, 佐々木)."""
