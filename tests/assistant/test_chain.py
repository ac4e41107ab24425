"""The chain on the five seed documents: each kind of question answered from the right passage, or abstained."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.abstention import Abstention
from assistant.chain import Assistant, QuestionRejected, _fuse, _item_names
from assistant.citations import Answer, Turn
from assistant.compose import ABSTENTION
from ingest.document import Chunk
from kb.knowledge_base import KnowledgeBase
from kb.search import SearchHit

KAWASAKI_2030 = "川崎市の2030年度の温室効果ガス削減目標は？"


@pytest.fixture(scope="module")
def assistant(seeded_kb: KnowledgeBase) -> Assistant:
    return Assistant(seeded_kb)


def assert_grounded(answer: Answer) -> None:
    """Every quote is verbatim from its passage, and every figure in the answer is copied from a quote."""
    assert answer.citations
    quoted = " ".join(c.quote for c in answer.citations)
    for citation in answer.citations:
        assert citation.quote in citation.chunk_text
        assert f"「{citation.quote}」[{citation.n}]" in answer.answer
    for figure in re.findall(r"\d[\d,.]*", re.sub(r"\[\d+\]", "", answer.answer)):
        assert figure in quoted, figure


def test_numeric_target_is_quoted_with_its_baseline_year(assistant: Assistant) -> None:
    answer = assistant.ask(KAWASAKI_2030)
    assert not answer.abstained
    assert answer.abstention is None
    assert "▲50%削減(2013年度比)" in answer.answer
    assert {c.municipality for c in answer.citations} == {"川崎市"}
    assert_grounded(answer)


def test_target_question_naming_no_sector_quotes_the_whole_area_target_first(assistant: Assistant) -> None:
    answer = assistant.ask("川崎市の2030年度の削減目標は？")
    assert "市域" in answer.citations[0].quote
    assert "▲50%削減(2013年度比)" in answer.citations[0].quote


def test_list_question_quotes_the_numbered_items(assistant: Assistant) -> None:
    answer = assistant.ask("川崎市が令和3年度に設けた検討体制にはどんなものがありますか？")
    for item in ("脱炭素アクションみぞのくち推進会議", "川崎カーボンニュートラルコンビナート検討会議"):
        assert item in answer.answer
    assert_grounded(answer)


def test_cross_document_question_quotes_each_city(assistant: Assistant) -> None:
    answer = assistant.ask("川崎市、さいたま市、特別区（23区）の2050年の目標に共通しているのは何ですか？")
    assert not answer.abstained
    assert {"川崎市", "さいたま市"} <= {c.municipality for c in answer.citations}
    assert "実質ゼロ" in answer.answer
    assert_grounded(answer)


def test_english_question_gets_an_english_lead_and_the_japanese_evidence(assistant: Assistant) -> None:
    answer = assistant.ask("What is Kawasaki's greenhouse gas reduction target for 2030?")
    assert not answer.abstained
    assert answer.lang == "en"
    assert answer.answer.startswith("The documents say")
    assert "▲50%" in answer.answer
    assert_grounded(answer)


def test_english_question_naming_a_place_in_romaji_quotes_the_passages_that_name_it(assistant: Assistant) -> None:
    """Ukishima is in no glossary: the knowledge base reads 浮島 from the documents, and the answerer weighs it."""
    answer = assistant.ask("What will Kawasaki test at the Ukishima plant?")
    assert "浮島処理センター" in answer.citations[0].quote
    assert_grounded(answer)


def test_a_question_in_kana_is_answered_from_the_passages_written_in_kanji(assistant: Assistant) -> None:
    """Residents type names as they sound; the documents write 川崎信用金庫."""
    answer = assistant.ask("かわさきみらいエナジーには、かわさきしんようきんこも出資してるって本当？何パーセント？")
    assert not answer.abstained
    assert "3.0%" in answer.answer
    assert "信用金庫" in answer.citations[0].quote
    assert_grounded(answer)


def test_english_question_asking_two_things_quotes_an_answer_to_each(assistant: Assistant) -> None:
    """The start of operations is in the founding sentence; the capital only in the company table."""
    answer = assistant.ask("What is the capital of Kawasaki Mirai Energy, and when did it start operating?")
    assert "2024年4月から事業を開始" in answer.answer
    assert "資本金1億円" in answer.answer
    assert_grounded(answer)


def test_date_question_quotes_the_founding_date(assistant: Assistant) -> None:
    answer = assistant.ask("川崎未来エナジー株式会社はいつ設立されましたか？")
    assert "2023年10月" in answer.answer
    assert_grounded(answer)


def test_organisation_question_names_the_department(assistant: Assistant) -> None:
    answer = assistant.ask("栃木市で脱炭素を担当している課は？")
    assert "カーボンニュートラル推進課" in answer.answer
    assert {c.doc for c in answer.citations} == {"000_56ba6f7bcf1d8ad5"}


@pytest.mark.parametrize(
    "question",
    [
        "横浜市の2030年度の削減目標は？",
        "What is Osaka's 2030 target?",
        "市川市の2030年度の温室効果ガス削減目標は何％ですか？",  # a city the gazetteer does not list
        "相模原市の地域エネルギー会社の資本金はいくらですか？",  # named only in a list of 九都県市 members
    ],
)
def test_municipality_outside_the_documents_gets_the_abstention_not_another_citys_numbers(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.abstained
    assert answer.abstention is Abstention.uncovered_place
    assert answer.citations == []
    assert answer.answer.startswith(ABSTENTION[answer.lang])
    assert "50%" not in answer.answer


def test_a_place_outside_the_knowledge_base_is_answered_from_the_sentences_about_it(assistant: Assistant) -> None:
    answer = assistant.ask("東京都の森林面積はどのくらいですか？")
    assert not answer.abstained
    assert "約8万ha" in answer.answer
    assert all("東京都" in citation.quote for citation in answer.citations)


def test_year_the_documents_give_no_figure_for_is_abstained(assistant: Assistant) -> None:
    answer = assistant.ask("川崎市の2040年度の削減目標は？")
    assert answer.abstained
    assert answer.abstention is Abstention.asked_year_absent  # no passage of 川崎市 names 2040年度
    assert answer.citations == []


@pytest.mark.parametrize(
    "question", ["川崎市の2022年度の温室効果ガス排出量は？", "さいたま市の2030年の温室効果ガス削減目標は何％ですか？"]
)
def test_sentence_with_the_asked_year_but_not_its_figure_is_no_answer(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.abstained, answer.answer


def test_a_year_whose_quotes_hold_no_asked_figure_is_abstained_for_having_no_admissible_quote(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("さいたま市の2030年の温室効果ガス削減目標は何％ですか？")
    assert answer.abstention is Abstention.no_admissible_quote


def test_evidence_under_the_bar_is_abstained_for_it_with_the_same_message(assistant: Assistant) -> None:
    answer = assistant.ask("川崎市の火星探査の予算は？")
    assert answer.abstained
    assert answer.abstention is Abstention.below_bar
    assert answer.evidence_score < 0.8754  # assistant/ranker.json's bar
    assert answer.answer.startswith(ABSTENTION["ja"])


def test_wrong_premise_is_corrected_from_the_documents(assistant: Assistant) -> None:
    answer = assistant.ask("なぜ川崎市の2030年度目標は30%削減なのですか？")
    assert not answer.abstained
    assert answer.answer.startswith("ご質問の「30%」は、引用した箇所には書かれていません。")
    assert "▲50%" in answer.answer
    assert_grounded(answer)


def test_follow_up_resolves_to_the_earlier_municipality(assistant: Assistant) -> None:
    history = [Turn(role="user", content=KAWASAKI_2030), Turn(role="assistant", content="…")]
    answer = assistant.ask("その2050年の目標は？", history)
    assert answer.standalone_query.startswith("川崎市")
    assert not answer.abstained
    assert "2050" in answer.answer
    assert {c.municipality for c in answer.citations} == {"川崎市"}


def test_follow_up_about_a_city_without_that_figure_abstains(assistant: Assistant) -> None:
    history = [Turn(role="user", content=KAWASAKI_2030), Turn(role="assistant", content="…")]
    answer = assistant.ask("さいたま市は？", history)
    assert "さいたま市" in answer.standalone_query
    assert answer.abstained


def test_overlong_and_empty_questions_are_refused_with_a_clear_message(assistant: Assistant) -> None:
    with pytest.raises(QuestionRejected, match="characters long"):
        assistant.ask("川" * 50_000)
    with pytest.raises(QuestionRejected, match="empty"):
        assistant.ask("   ")


def test_timings_are_reported_for_each_step(assistant: Assistant) -> None:
    timings = assistant.ask(KAWASAKI_2030).timings_ms
    assert set(timings) == {"retrieve", "answer", "total"}
    assert timings["total"] >= timings["retrieve"] > 0


def test_places_are_resolved_against_the_stored_municipalities_until_they_change(
    make_kb: Callable[..., KnowledgeBase], tmp_path: Path
) -> None:
    """The place resolver is built once per catalog generation, not once per question, and never goes stale."""
    folder = tmp_path / "docs"
    folder.mkdir()
    documents = {
        "aoba": ("青葉町", "青葉町は町立図書館をクーリングシェルターに指定する。"),
        "kawasaki": ("川崎市", "川崎市は2030年度までに再生可能エネルギーを33万kW以上導入する。"),
    }
    manifest = {stem: {"title": stem, "municipality": town} for stem, (town, _) in documents.items()}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (folder / "aoba.txt").write_text(documents["aoba"][1], encoding="utf-8")
    knowledge_base = make_kb()
    knowledge_base.ingest([folder])
    assistant = Assistant(knowledge_base)
    resolver = assistant._resolver.get()
    before = assistant.ask("川崎市の再生可能エネルギーの導入目標は？")
    assert assistant._resolver.get() is resolver
    assert before.abstained and before.municipality == ""  # a city the documents do not cover
    (folder / "kawasaki.txt").write_text(documents["kawasaki"][1], encoding="utf-8")
    knowledge_base.ingest([folder])
    after = assistant.ask("川崎市の再生可能エネルギーの導入目標は？")
    assert assistant._resolver.get() is not resolver
    assert after.municipality == "川崎市"


def test_comparison_quotes_each_municipality_in_the_order_asked(assistant: Assistant) -> None:
    answer = assistant.ask("栃木市と川崎市で、脱炭素の取組を担当している部署はそれぞれどこですか？")
    assert not answer.abstained
    cities = [c.municipality for c in answer.citations]
    assert set(cities) == {"栃木市", "川崎市"}
    assert cities.index("栃木市") < cities.index("川崎市")
    assert cities == sorted(cities, key=["栃木市", "川崎市"].index)  # one group per city, not interleaved
    assert_grounded(answer)


def test_a_comparison_one_side_answers_says_the_other_is_not_found(assistant: Assistant) -> None:
    answer = assistant.ask("川崎市とさいたま市の2030年度の削減目標はそれぞれ？")
    assert not answer.abstained
    assert {c.municipality for c in answer.citations} == {"川崎市"}
    assert answer.answer.splitlines()[-1] == "さいたま市については、これらの文書には答えが見つかりませんでした。"
    assert_grounded(answer)


def test_a_comparison_both_sides_answer_names_no_place_unanswered(assistant: Assistant) -> None:
    answer = assistant.ask("栃木市と川崎市で、脱炭素の取組を担当している部署はそれぞれどこですか？")
    assert "見つかりません" not in answer.answer


def test_a_comparison_neither_side_answers_is_abstained_for_it(assistant: Assistant) -> None:
    answer = assistant.ask("栃木市と川崎市の2099年度の削減目標はそれぞれ何%ですか？")
    assert answer.abstained
    assert answer.abstention is Abstention.comparison_below_bar


def test_candidates_are_the_ranking_the_answer_is_chosen_from(assistant: Assistant) -> None:
    question = "川崎市の2030年度の温室効果ガス削減目標は？"
    (ranking,) = assistant.candidates(question, depth=10)
    assert 1 < len(ranking) <= 10
    assert [e.score for e in ranking] == sorted((e.score for e in ranking), reverse=True)
    assert all("semantic" in e.signals and "own_terms" in e.signals for e in ranking)
    assert assistant.ask(question).citations[0].quote.startswith(ranking[0].sentence[:20])


def test_a_comparison_has_one_ranking_per_municipality(assistant: Assistant) -> None:
    rankings = assistant.candidates("栃木市と川崎市で、脱炭素の取組を担当している部署はそれぞれどこですか？", depth=10)
    assert [{e.hit.chunk.municipality for e in r} for r in rankings] == [{"栃木市"}, {"川崎市"}]


def test_a_comparison_keeps_a_fair_share_of_passages_for_each_municipality() -> None:
    def ranking(prefix: str, n: int) -> list[SearchHit]:
        return [SearchHit(rank=r, score=1.0, chunk=_chunk(f"{prefix}{r}")) for r in range(1, n + 1)]

    crowded, sparse = ranking("a", 8), ranking("b", 8)
    general = ranking("a", 8)
    hits = _fuse([general, crowded, sparse], 4, reserved=[crowded, sparse], quota=2)
    assert {h.chunk.chunk_id for h in hits} == {"a1", "a2", "b1", "b2"}


def _chunk(chunk_id: str) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id=chunk_id[0],
        index=0,
        text=chunk_id,
        start=0,
        end=2,
        section="",
        title="",
        municipality="",
    )


def test_a_table_row_the_words_single_out_is_retrieved_though_its_many_items_blur_its_embedding(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("さいたま市の戦略で、廃棄物焼却施設の長寿命化はどう位置付けられていますか。")
    assert any("⑧ 廃棄物焼却施設等の長寿命化・省CO2化" in h.chunk.text for h in answer.retrieved)


def test_a_term_the_question_marks_is_retrieved_though_the_rest_of_the_question_pulls_elsewhere(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("さいたま市のせんりゃくで「じこたくそう」って言葉が出てくるのは、何の話のところ？")
    assert any("自己託送" in h.chunk.text for h in answer.retrieved)


def test_a_packed_row_counts_as_naming_a_measure_only_when_one_of_its_items_holds_the_word() -> None:
    row = "概要\n① 公共施設への再生可能エネルギー設備等の導入 ② 公共施設新設時のZEBの導入 ③ 公用車の電動化の推進 ○ ●"
    assert _item_names(row, {"公用"})
    assert not _item_names(row, {"蓄電池"})
    assert not _item_names("公用車を電動化します。", {"公用"})  # a sentence is no packed row


def test_a_packed_row_item_names_an_abbreviation_glued_to_the_sign_before_it() -> None:
    row = (
        "概要\n① 公共施設への再生可能エネルギー設備等の導入 ② 公共施設新設時のZEBの導入"
        " ⑤ ゼロカーボンドライブ(再エネ×EV等)の推進 ○ ●"
    )
    assert _item_names(row, {"ev"})


def test_a_topic_only_another_municipality_writes_is_not_answered_for_the_asked_one(assistant: Assistant) -> None:
    answer = assistant.ask("かつしか区の中に水素ステーションって何か所あるの？")
    assert answer.abstained
    assert answer.abstention is Abstention.foreign_topic


def test_an_act_the_documents_write_only_as_an_aim_is_not_dated(assistant: Assistant) -> None:
    answer = assistant.ask("栃木市が国の脱炭素先行地域に実際に応募したのは何年度で、結果はどうでしたか？")
    assert answer.abstained
    assert answer.abstention is Abstention.act_only_aimed_at


def test_a_comparison_on_a_topic_only_other_municipalities_write_is_abstained(assistant: Assistant) -> None:
    answer = assistant.ask("栃木市と葛飾区の水素ステーションの場所はそれぞれどこ？")
    assert answer.abstained
    assert answer.abstention is Abstention.foreign_topic


def test_a_comparison_on_a_topic_one_compared_place_writes_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("川崎市と葛飾区の水素ステーションの場所はそれぞれどこ？")
    assert not answer.abstained
    assert "水素ステーション" in answer.citations[0].quote
    assert answer.citations[0].municipality == "川崎市"


def test_the_nations_target_is_quoted_not_the_city_s_beside_it(assistant: Assistant) -> None:
    answer = assistant.ask("国の2030年度目標も2013年度比で▲50%だから、川崎市と同じ水準なんですよね？")
    assert not answer.abstained
    assert "国全体" in answer.citations[0].quote
    assert "▲46%" in answer.answer
