"""Questions about the nation's target, which a municipality's plan quotes beside its own
("国の2030年度目標も2013年度比で▲50%だから、川崎市と同じ水準なんですよね？").

The place resolver finds only municipalities, so such a question is scored as one about the municipality it names,
and the municipality's own figure, which repeats the question's words, wins. The national figure is in a line the
nation heads: the row "国全体 ▲40% ▲46%" of a comparison table, or "我が国では…". That line is one side of the
comparison the plan draws, and like one municipality of a comparison it need only clear the bar of a part: its
table's header ("2030年度目標 2013年度比") holds the question's other words.
"""

from __future__ import annotations

import re

from ingest.kana import KANJI
from ingest.normalize import normalize_text

_NATIONS_TARGET = re.compile(f"(?<![{KANJI}])(?:国全体|国|日本|我が国)の[^、。?]{{0,12}}?目標")
"""The nation's target asked for: "国の2030年度目標", "国全体の2030年度削減目標"; not "全国の…" or "中国の…"."""
_NATION_LINE = re.compile(r"^\s*(?:国全体|国(?!際)|日本|我が国|全国)", re.MULTILINE)
"""A line the nation heads: a comparison table's "国全体" row, a plan's "我が国では…"."""


def asks_the_nations_target(question: str) -> bool:
    return _NATIONS_TARGET.search(normalize_text(question)) is not None


def about_the_nation(sentence: str) -> bool:
    """Whether a quote has a line the nation heads; the municipality's own rows ("川崎市域 ▲57% ▲50%") and the
    table's title ("表 国と川崎市の削減目標の比較") do not. Read as stored: normalising would join its lines."""
    return _NATION_LINE.search(sentence) is not None
