"""Where something stands: a quoted list item is answered with the line that announces its list."""

from __future__ import annotations

from assistant.evidence import Evidence
from assistant.standing import with_list_heading
from ingest.document import Chunk
from kb.search import SearchHit

PLAN = (
    "推進体制(プラットフォーム)\n"
    "課題やテーマに応じた柔軟な検討体制(設置・廃止を柔軟に行う体制)\n"
    "(参考)令和3(2021)年度に設置した検討体制(例)\n"
    "① 脱炭素アクションみぞのくち推進会議(事業者・団体等、行政)\n"
    "② 川崎市廃棄物発電の有効活用に関する懇談会(有識者、行政)【単年度時限設置】"
)


def quoted(sentence: str) -> Evidence:
    chunk = Chunk(
        chunk_id="c1",
        doc_id="d1",
        index=0,
        text=PLAN,
        start=0,
        end=len(PLAN),
        section="",
        title="推進体制",
        municipality="川崎市",
    )
    return Evidence(SearchHit(rank=1, score=1.0, chunk=chunk), sentence, 1.0, PLAN.index(sentence))


def test_a_quoted_list_item_gets_the_line_announcing_its_list_when_its_standing_is_asked() -> None:
    items = PLAN[PLAN.index("①") :]
    (headed,) = with_list_heading("推進会議は推進体制の中でどういう位置づけですか？", (quoted(items),))
    assert headed.sentence.startswith("(参考)令和3(2021)年度に設置した検討体制(例)\n①")
    assert headed.sentence in PLAN
    second = "② 川崎市廃棄物発電の有効活用に関する懇談会(有識者、行政)【単年度時限設置】"
    (over_both,) = with_list_heading("懇談会の位置付けは？", (quoted(second),))
    assert over_both.sentence.startswith("(参考)")


def test_other_questions_and_quotes_that_are_no_list_item_are_left_alone() -> None:
    item = quoted("① 脱炭素アクションみぞのくち推進会議(事業者・団体等、行政)")
    assert with_list_heading("推進会議の会員数は？", (item,)) == (item,)
    prose = quoted("課題やテーマに応じた柔軟な検討体制(設置・廃止を柔軟に行う体制)")
    assert with_list_heading("検討体制の位置づけは？", (prose,)) == (prose,)
