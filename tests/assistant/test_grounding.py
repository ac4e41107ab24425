"""From a verified model answer to citations: which passages the model sees, renumbering, the quoted sentence."""

from __future__ import annotations

from assistant.grounding import best_quote, cite, passages_for, renumber
from assistant.verify import claims, verify
from ingest.document import Chunk
from kb.search import SearchHit


def chunk(name: str, text: str, municipality: str = "川崎市") -> Chunk:
    return Chunk(
        chunk_id=f"doc_{name}",
        doc_id="doc",
        index=0,
        text=text,
        start=0,
        end=len(text),
        page=3,
        section="第2章",
        title="川崎市地球温暖化対策推進基本計画",
        municipality=municipality,
    )


def hits(*chunks: Chunk) -> list[SearchHit]:
    return [SearchHit(rank=n, score=1.0 / n, chunk=c) for n, c in enumerate(chunks, 1)]


TARGET = chunk(
    "target",
    "本市は脱炭素化を進めます。市域全体目標は2030年度までに▲50%削減(2013年度比)です。"
    "排出量は▲1,180万t-CO2です。長期的には2050年の脱炭素社会を目指します。",
)
COMPANY = chunk("company", "川崎未来エナジー株式会社は2023年10月に設立されました。本社は川崎区にあります。")


def test_evidence_comes_first_and_other_cities_passages_are_left_out() -> None:
    tochigi = chunk("tochigi", "栃木市は2030年度までに46%削減します。", municipality="栃木市")
    naming = chunk("naming", "川崎市と横浜市の連携協定。", municipality="横浜市")
    national = chunk("national", "国の目標は46%削減です。", municipality="")
    found = hits(COMPANY, tochigi, naming, national, TARGET)
    assert passages_for(found, [TARGET], ["川崎市"], 8) == [TARGET, COMPANY, naming]
    assert passages_for(found, [TARGET], [], 8) == [TARGET, COMPANY, tochigi, naming, national]
    assert passages_for(found, [TARGET], [], 2) == [TARGET, COMPANY]
    assert passages_for(found, [tochigi], ["川崎市"], 8) == [tochigi, COMPANY, naming, TARGET]


def test_markers_are_rewritten_to_citation_numbers() -> None:
    assert renumber("A[3]。B[5、3]。C［５］［3］。", {3: 1, 5: 2}) == "A[1]。B[2][1]。C[2][1]。"


def test_the_quote_is_the_sentence_holding_the_figures() -> None:
    [claim] = claims("川崎市は2030年度までに▲50%削減を目指します[1]。")
    assert best_quote(TARGET.text, [claim]) == "市域全体目標は2030年度までに▲50%削減(2013年度比)です。"


def test_without_figures_the_quote_is_the_sentence_sharing_most_wording() -> None:
    [claim] = claims("本社は川崎区です[1]。")
    assert best_quote(COMPANY.text, [claim]) == "本社は川崎区にあります。"


def test_figures_split_over_neighbouring_sentences_are_quoted_together() -> None:
    [claim] = claims("目標は▲50%削減、排出量で▲1,180万t-CO2です[1]。")
    assert best_quote(TARGET.text, [claim]) == (
        "市域全体目標は2030年度までに▲50%削減(2013年度比)です。排出量は▲1,180万t-CO2です。"
    )


def test_citations_follow_the_order_of_use_with_the_passage_details() -> None:
    passages = [COMPANY, TARGET]
    answer = "目標は2030年度までに▲50%削減です[2]。会社は2023年10月に設立されました[1][2]。"
    verdict = verify(answer, [p.text for p in passages])
    assert verdict.ok, verdict.reason
    text, citations = cite(answer, verdict, passages)
    assert text == "目標は2030年度までに▲50%削減です[1]。会社は2023年10月に設立されました[2][1]。"
    assert [(c.n, c.chunk_id) for c in citations] == [(1, "doc_target"), (2, "doc_company")]
    first, second = citations
    assert (first.doc, first.title, first.municipality, first.page, first.section) == (
        "doc",
        "川崎市地球温暖化対策推進基本計画",
        "川崎市",
        3,
        "第2章",
    )
    assert first.quote == "市域全体目標は2030年度までに▲50%削減(2013年度比)です。"
    assert second.quote == "川崎未来エナジー株式会社は2023年10月に設立されました。"
    assert all(c.quote in c.chunk_text for c in citations)
