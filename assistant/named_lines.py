"""The line a question picks by its own words: the count it asks of a noun, the table row a bracketed label heads.

A count question ("基本的施策はいくつ決めてるの？") is answered by the sentence that counts the noun ("7つの基本的施
策を示しています") or by the cell beside the item it brackets ("II グリーンイノベーションで世界の脱炭素化に貢献する
まち 5施策"); the list's heading and items share more of its words and outscore it. A value question naming a label
(「市役所目標」は何％削減) is answered by the line of a flattened table that starts with that label ("市役所目標2030年度
までに▲50%以上削減"); the neighbouring rows ("市域目標…", "個別目標 V 市役所が…") share its words too. The
selector's best quote is then the line the question picks, ahead of those neighbours. So too for a question asking
names under a label it uses ("金融機関のうち…どこ"): the form's row "金融機関 : 三井住友銀行、…" answers it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import Evidence, overlaps
from assistant.premises import COUNTED_NOUN
from assistant.question import AnswerKind
from assistant.quoted import quoted_names
from ingest.kana import HIRAGANA_BLOCK
from ingest.normalize import normalize_text

_BRACKETED_NAME = (2, 40)
"""How long a name the question sets in brackets (an item or a label it picks its line by) may be."""
_COUNT_ASKED = re.compile(
    rf"{COUNTED_NOUN}(?:は|が|を|って|も)?\s*(?:いくつ|何つ)|(?:どの(?:程度|くらい|ぐらい)の数|いくつ)の{COUNTED_NOUN}"
)
"""The noun a count question counts: "基本的施策はいくつ", "施策がいくつ", "いくつの企業", "どの程度の数の主体"."""
_NUMBER = r"(?<![\d.,])\d{1,3}\s*"
_BEYOND = r"(?:を超える|を上回る|以上の|超の|余りの)"
"""A count given as a bound: "100を超える多様な主体"."""
_MAX_LABEL_CHARS = 12
"""A label heads a row ("市役所目標", "再エネ目標"); a longer bracketed name is an item's, not a row label."""
_LINE_LEAD = re.compile(r"^[\s\-・*●○■□◆◇]*")
_FIGURE = re.compile(r"\d")
_SENTENCE = re.compile(r"[、。]")
_HIRAGANA = re.compile(rf"[{HIRAGANA_BLOCK}]")
_SPACE = re.compile(r"\s+")
_COLON_ROW = re.compile(r"^[\s\-・*●○■□◆◇]*(?P<label>[^\s:、。]{2,10})\s*:\s*(?P<names>\S.*)$")
"""A row of a flattened form: a label, a colon, the names it lists ("金融機関 : 三井住友銀行、…")."""


def _squeezed(text: str) -> str:
    """Text without spaces: a PDF's table cells break a name where the question runs it together."""
    return _SPACE.sub("", normalize_text(text))


def _bracketed(question: str) -> list[str]:
    return [_squeezed(name) for name in quoted_names(normalize_text(question), *_BRACKETED_NAME)]


def counted_noun(question: str) -> str | None:
    """The noun whose count the question asks ("基本的施策" of "基本的施策はいくつ"), if it asks one."""
    match = _COUNT_ASKED.search(normalize_text(question))
    return (match.group(1) or match.group(2)) if match else None


def _count_pattern(noun: str) -> re.Pattern[str]:
    """The documents' count of the noun, either way round: "7つの基本的施策", "5施策", "基本的施策は7つ"."""
    counted = re.escape(noun)
    return re.compile(
        rf"{_NUMBER}(?:つ?の)?{counted}|{_NUMBER}{_BEYOND}[^\d、。]{{0,8}}?{counted}|{counted}(?:は|が|を)?{_NUMBER}つ"
    )


def count_pattern(question: str) -> re.Pattern[str] | None:
    """What the documents' count of the noun the question asks the count of looks like, if it asks one."""
    noun = counted_noun(question)
    return _count_pattern(noun) if noun is not None else None


def counts_asked(pattern: re.Pattern[str] | None, text: str) -> bool:
    """Whether the text counts the asked noun (`pattern` from `count_pattern`), however its cells are spaced."""
    return pattern is not None and pattern.search(_squeezed(text)) is not None


def _count_lines(evidence: Evidence, pattern: re.Pattern[str], names: list[str]) -> tuple[int, bool]:
    """How many lines of the quote count the noun, and whether one of them names a bracketed item too."""
    lines = [_squeezed(line) for line in evidence.sentence.split("\n")]
    counting = [line for line in lines if pattern.search(line)]
    return len(counting), any(name in line for line in counting for name in names)


def counting_quote(question: str, scored: Sequence[Evidence]) -> Evidence | None:
    """The best quote that counts what the question asks the count of, on the line naming the item it brackets
    when it brackets one; quotes counting one thing are preferred to table rows counting several."""
    pattern = count_pattern(question)
    if pattern is None:
        return None
    names = _bracketed(question)
    found = []
    for evidence in scored:
        counts, named = _count_lines(evidence, pattern, names)
        if counts and (named or not names):
            found.append((counts, -evidence.score, evidence))
    return min(found, key=lambda f: f[:2])[2] if found else None


def _heads(line: str, label: str, items: bool) -> bool:
    """The line starts with the label and gives a figure after it (`items`: the names it lists, not a sentence
    going on from the label: "多摩の森の整備…を実施しました。" mentions 「多摩の森」): the label's row."""
    body = _LINE_LEAD.sub("", _squeezed(line))
    rest = body[len(label) :]
    if not body.startswith(label):
        return False
    if items:
        return len(rest) > len(label) and not _SENTENCE.search(rest) and not _HIRAGANA.match(rest)
    return bool(_FIGURE.search(rest))


def labelled_row(question: str, scored: Sequence[Evidence], items: bool = False) -> Evidence | None:
    """The best quote holding the row a bracketed label heads ("市役所目標2030年度までに▲50%以上削減", or with `items`
    the names it lists: "基本方針 多様な主体との協働・連携 地域資源の…"); quotes of that row alone are preferred to
    those that run on into the neighbouring rows."""
    labels = [name for name in _bracketed(question) if len(name) <= _MAX_LABEL_CHARS]
    found = []
    for evidence in scored:
        lines = evidence.sentence.split("\n")
        if any(_heads(line, label, items) for line in lines for label in labels):
            found.append((len(lines), -evidence.score, evidence))
    return min(found, key=lambda f: f[:2])[2] if found else None


def _names_its_row(line: str, question: str) -> bool:
    """The line lists the names under a label the question uses ("金融機関 : 三井住友銀行、りそな銀行、…")."""
    match = _COLON_ROW.match(normalize_text(line))
    return match is not None and _squeezed(match.group("label")) in question and "、" in match.group("names")


def listed_row(question: str, scored: Sequence[Evidence]) -> Evidence | None:
    """The best quote holding the row of names a label of the question heads; quotes of fewer lines first."""
    asked = _squeezed(question)
    found = []
    for evidence in scored:
        lines = evidence.sentence.split("\n")
        if any(_names_its_row(line, asked) for line in lines):
            found.append((len(lines), -evidence.score, evidence))
    return min(found, key=lambda f: f[:2])[2] if found else None


def picked_first(
    question: str, kind: AnswerKind, scored: Sequence[Evidence], chosen: tuple[Evidence, ...]
) -> tuple[Evidence, ...]:
    """The chosen quotes with the line the question picks first, when it picks one: the count it asks, the row of
    the label it brackets when it asks a value, the row of names a label it uses heads when it asks names."""
    picked = counting_quote(question, scored)
    if picked is None and kind is AnswerKind.figure:
        picked = labelled_row(question, scored)
    if picked is None and kind in (AnswerKind.organisation, AnswerKind.listing):
        picked = listed_row(question, scored)
    if picked is None and kind is AnswerKind.listing:
        picked = labelled_row(question, scored, items=True)
    if picked is None:
        return chosen
    return (picked, *(c for c in chosen if not overlaps(c, picked)))
