from assistant.evidence import Evidence
from assistant.headings import asked_heads, under_asked_heading
from ingest.document import Chunk
from kb.search import SearchHit

_QUESTION = "基本的施策1「再生可能エネルギーの地産地消」を進めるとどんな効果が見込まれていますか。"


def _row(section: str, header: str, row: str, score: float) -> Evidence:
    text = f"{header}\n{row}"
    chunk = Chunk(
        chunk_id=section, doc_id="d", index=0, text=text, start=0, end=len(text), page=None, section=section, title="t"
    )
    return Evidence(SearchHit(rank=1, score=score, chunk=chunk), row, score, len(header) + 1, {})


def _weight(_term: str) -> float:
    return 1.0


_SUMMARY = _row(
    "5. 具体的事業・重点事業(1)",
    "基本的施策取組名称概要具体的事業重点事業",
    "1. 再生可能エネルギーの地産地消1) 再生可能エネルギー等の導入促進住宅及び事業所への導入支援",
    1.08,
)
_EFFECTS = _row(
    "6.取組の効果・指標",
    "基本的施策取組の効果・指標 SDGsとの関連性",
    "1.再生可能エネルギーの地産地消・分散型電源の増加によるレジリエンス強化・市有施設の買電料金低減によるコスト削減",
    0.94,
)


def test_the_row_under_the_table_naming_the_asked_noun_goes_first() -> None:
    assert under_asked_heading(_QUESTION, _weight, [_SUMMARY, _EFFECTS], 0.85) is _EFFECTS


def test_a_best_quote_naming_the_asked_noun_stays_first() -> None:
    effects_said = _row("5. 具体的事業", "概要", "再生可能エネルギーの地産地消の効果は大きい", 1.08)
    assert under_asked_heading(_QUESTION, _weight, [effects_said, _EFFECTS], 0.85) is None


def test_a_far_weaker_quote_under_the_heading_does_not_go_first() -> None:
    assert under_asked_heading(_QUESTION, _weight, [_SUMMARY, _EFFECTS], 0.95) is None


def test_a_head_without_weight_heads_no_table() -> None:
    assert asked_heads(_QUESTION, _weight) == ("効果",)
    assert asked_heads(_QUESTION, lambda _: 0.0) == ()
