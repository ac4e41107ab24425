"""Whether a question dates an act the documents name only as an aim ("…に実際に応募したのは何年度で、結果は？").

Such a question takes the act as done. A record that writes it only as what work was for ("事業への応募に向けて…
プロジェクトチームを設置し…検討を行った") says it was being prepared, not that it happened: no line of the documents
dates it, and the dated sentences around (the year's other work) would read as its date. So the assistant says the
documents do not give it. One line writing the act as done ("応募しました") leaves the question to the documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.kana import KANJI, KATAKANA
from ingest.normalize import normalize_text

_DONE_ACT_DATED = re.compile(
    rf"([{KANJI}{KATAKANA}ー]{{2,}})を?(?:した|された|しました|されました)の(?:は|って)\s*(?:何年|いつ)"
)
"""The act a date question takes as done, the noun before した: "応募したのは何年度", "表明されたのっていつ"."""
_AIM = r"\s*(?:に向け|を目指|を?予定|の準備|を?検討)"
"""What makes a mention of the act its aim: "応募に向けて", "応募を目指し", "応募予定", "応募の準備", "応募を検討"."""


def act_only_aimed_at(question: str, texts: Iterable[str]) -> str | None:
    """The act the question dates, when the texts name it and every time only as an aim; else None (the texts
    name it as done somewhere, or never, so they answer or not on their own)."""
    asked = _DONE_ACT_DATED.search(normalize_text(question))
    if asked is None:
        return None
    act = re.escape(asked.group(1))
    mentions = aims = 0
    for text in texts:
        normalized = normalize_text(text)
        mentions += len(re.findall(act, normalized))
        aims += len(re.findall(f"{act}{_AIM}", normalized))
    return asked.group(1) if mentions and mentions == aims else None
