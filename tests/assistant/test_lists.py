"""The list collector on small in-memory documents: every item quoted, each from the chunk that holds it."""

from __future__ import annotations

from itertools import pairwise

from assistant.extractive import SentenceSelector, Weights
from assistant.lists import (
    asked_compound,
    asked_count,
    asks_whole,
    find_blocks,
    names_any,
    quotes,
    row_named,
    run_on,
    subject_item,
    under_item,
)
from assistant.question import analyse
from ingest.document import Chunk
from kb.search import SearchHit

PROJECTS = (
    "川崎市の取組\n"
    "重点事業を「3大プロジェクト」として位置づけ、重点的に取組を推進しています。\n"
    "PJ 1地域エネルギー会社の設立PJ\n"
    "PJ 2臨海部のカーボンニュートラル化PJ\n"
    "PJ 3次世代自動車の普及PJ\n"
    "地域エネルギー会社の設立\n"
    "これまで市外に流出していた廃棄物発電を市内で循環させます。"
)


BODIES = (
    "2. 各体制について\n"
    "(1) 推進会議\n"
    "市民・事業者・行政が一体となって取り組む組織です。\n"
    "(2) 防止活動推進センター\n"
    "市内の活動の支援、普及啓発、相談助言等を実施しています。\n"
    "今後も推進拠点として活動を行っていきます。\n"
    "(3) 防止活動推進員\n"
    "市民の中から委嘱しています。"
)

SUPPLY = (
    "再生可能エネルギー等の供給\n"
    "1) 再生可能エネルギー電気\n"
    "① 太陽光発電:市域の屋根面積、農地面積を最大限活用する。\n"
    "② 廃棄物発電:市域で100%の地産地消を進める。\n"
    "③ バイオガス発電:市域の生ごみを最大限利用する。\n"
    "2)カーボンニュートラル燃料\n"
    "① CNガス:都市ガスやLNGを、水素等のCNガスに変更する。\n"
    "② CN燃料:石油由来の燃料からバイオマス由来の燃料等に変更する。\n"
    "3)再生可能エネルギー熱\n"
    "① 太陽熱:市域の屋根面積を最大限活用する。\n"
    "② 廃棄物熱利用:廃棄物発電と同様に、市域での最大限の活用による地産地消を進める。\n"
    "③ 地中熱利用:市域のポテンシャルをヒートポンプ技術を用いた熱回収で最大限活用する。\n"
    "4)その他\n"
    "① カーボンオフセット:2050年に排出されるCO2は排出量取引等で相殺する。"
)


class Documents:
    """A document source over one document cut into chunks at the given offsets."""

    def __init__(self, text: str, cuts: list[int]) -> None:
        self.text = text
        bounds = [0, *cuts, len(text)]
        self.chunks = [_chunk(text, start, end, index) for index, (start, end) in enumerate(pairwise(bounds))]

    def document_text(self, doc_id: str) -> str | None:
        return self.text if doc_id == "doc" else None

    def chunk_covering(self, doc_id: str, start: int, end: int) -> Chunk | None:
        return next((c for c in self.chunks if c.start <= start and end <= c.end), None)


def _chunk(text: str, start: int, end: int, index: int) -> Chunk:
    while text[start] == "\n":
        start += 1
    end = end - 1 if text[end - 1] == "\n" else end
    return Chunk(
        chunk_id=f"c{index}",
        doc_id="doc",
        index=index,
        text=text[start:end],
        start=start,
        end=end,
        section="川崎市の取組",
        title="計画",
        municipality="川崎市",
    )


def hit(chunk: Chunk, rank: int = 1) -> SearchHit:
    return SearchHit(rank=rank, score=1.0 / rank, chunk=chunk)


def selector_over(documents: Documents) -> SentenceSelector:
    """Every term weighs the same and no embedding model reranks; lists are read from `documents`."""
    return SentenceSelector(
        idf=lambda _: 1.0, similarity=None, min_score=0.1, max_sentences=3, weights=Weights(), documents=documents
    )


def test_numbered_items_are_followed_into_the_next_chunk_and_cited_from_it() -> None:
    documents = Documents(PROJECTS, [PROJECTS.index("PJ 3")])
    first, second = documents.chunks[0], documents.chunks[1]
    (block,) = [b for b in find_blocks(hit(first), documents) if b.count == 3]
    quoted = quotes(block, documents)
    assert [q.text for q in quoted] == [
        "PJ 1地域エネルギー会社の設立PJ\nPJ 2臨海部のカーボンニュートラル化PJ",
        "PJ 3次世代自動車の普及PJ",
    ]
    assert quoted[0].hit.chunk.chunk_id == first.chunk_id
    assert quoted[1].hit.chunk.chunk_id == second.chunk_id
    assert all(q.text in q.hit.chunk.text for q in quoted)


def test_without_the_document_the_list_is_read_from_the_passage_alone() -> None:
    documents = Documents(PROJECTS, [])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), None) if b.count == 3]
    assert "PJ 3次世代自動車の普及PJ" in "\n".join(q.text for q in quotes(block, None))


def test_counted_heading_over_unnumbered_lines_quotes_each_item_line() -> None:
    text = (
        "23区で新たな施策を検討\n"
        "推進組織の3つの連携方策\n"
        "再生可能エネルギー電力の利用\n"
        "中小企業の脱炭素化への支援\n"
        "CO2吸収量の確保・効果の把握\n"
        "1概要\n"
        "特別区全体で2050年までに温室効果ガス排出量実質ゼロの実現を目指すことを宣言しました。"
    )
    documents = Documents(text, [])
    blocks = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.intro == "推進組織の3つの連携方策"]
    (block,) = blocks
    assert block.count == 3
    assert [q.text for q in quotes(block, documents)] == [
        "再生可能エネルギー電力の利用\n中小企業の脱炭素化への支援\nCO2吸収量の確保・効果の把握"
    ]


def test_a_bare_label_is_quoted_with_the_name_under_it() -> None:
    lines = ["制度の一覧", "制度1", "特定建築物制度", "対象の説明", "制度2", "特定建築事業者制度", "対象の説明"]
    text = "\n".join([*lines, "制度3", "建築士説明制度", "対象の説明"])
    documents = Documents(text, [])
    (block,) = find_blocks(hit(documents.chunks[0]), documents)
    quoted = "\n".join(q.text for q in quotes(block, documents))
    for name in ("特定建築物制度", "特定建築事業者制度", "建築士説明制度"):
        assert f"\n{name}" in quoted


def test_years_dates_and_figures_at_a_line_start_are_no_item_numbers() -> None:
    text = "実績\n1月15日(月)\n2050年温室効果ガス排出量実質ゼロ\n3つの柱を定めた。\n1.5°Cに抑える努力"
    documents = Documents(text, [])
    assert find_blocks(hit(documents.chunks[0]), documents) == []


def test_the_count_a_question_names_is_read() -> None:
    assert asked_count("7つの基本的施策を教えてください") == 7
    assert asked_count("「5大プロジェクト」の中身") == 5
    assert asked_count("2030年度の削減目標は？") is None


def test_an_english_question_counting_its_items_is_read() -> None:
    assert asked_count("What four activities does the Tama forest project carry out?") == 4
    assert asked_count("Which three pillars does the company's work rest on?") == 3
    assert asked_count("List the 5 basic policies") == 5
    assert asked_count("In which year was it founded?") is None


def test_list_question_is_answered_with_every_item_and_its_citation() -> None:
    documents = Documents(PROJECTS, [PROJECTS.index("PJ 3")])
    selector = selector_over(documents)
    question = "川崎市の「3大プロジェクト」の中身を教えてください。"
    selection = selector.select(analyse(question), question, [hit(documents.chunks[0])], ("川崎市",))
    quoted = [e.sentence for e in selection.evidence]
    for item in ("地域エネルギー会社の設立PJ", "臨海部のカーボンニュートラル化PJ", "次世代自動車の普及PJ"):
        assert any(item in q for q in quoted), item
    assert all(e.sentence in e.hit.chunk.text for e in selection.evidence)
    assert sum(len(q) for q in quoted) < 400


def test_the_item_a_question_names_is_answered_by_the_lines_under_it() -> None:
    documents = Documents(BODIES, [BODIES.index("今後も")])
    (block,) = find_blocks(hit(documents.chunks[0]), documents)
    question = "防止活動推進センターはどんな活動をしているのですか？"
    subject = subject_item(block, question)
    assert subject == 1
    quoted = under_item(block, subject, documents)
    assert [q.text for q in quoted] == [
        "市内の活動の支援、普及啓発、相談助言等を実施しています。",
        "今後も推進拠点として活動を行っていきます。",
    ]
    assert all(q.text in q.hit.chunk.text for q in quoted)


def test_a_list_named_by_none_or_several_of_its_items_has_no_subject_item() -> None:
    documents = Documents(BODIES, [])
    (block,) = find_blocks(hit(documents.chunks[0]), documents)
    assert subject_item(block, "各体制について教えてください") is None
    assert subject_item(block, "推進会議と防止活動推進員の違いは？") is None


def test_a_list_question_about_one_item_quotes_what_is_under_it() -> None:
    documents = Documents(BODIES, [])
    selector = selector_over(documents)
    question = "防止活動推進センターはどんな活動をしていますか？"
    selection = selector.select(analyse(question), question, [hit(documents.chunks[0])], ("川崎市",))
    quoted = "\n".join(e.sentence for e in selection.evidence)
    assert "相談助言" in quoted
    assert "(1) 推進会議" not in quoted


def test_a_best_sentence_announcing_a_counted_table_brings_its_rows() -> None:
    text = (
        "連携協定締結\n"
        "カーボンニュートラルの実現を図ることを目的に連携協定を2本締結した。\n"
        "協定の名称 締結先 締結日\n"
        "包括連携協定\n"
        "甲ガス株式会社\n"
        "乙瓦斯株式会社 7月13日\n"
        "ゼロカーボン連携協定\n"
        "丙電力株式会社\n"
        "7月13日"
    )
    documents = Documents(text, [])
    selector = selector_over(documents)
    question = "連携協定を締結した企業はどこですか？"
    selection = selector.select(analyse(question), question, [hit(documents.chunks[0])], ("川崎市",))
    quoted = "\n".join(e.sentence for e in selection.evidence)
    for partner in ("甲ガス株式会社", "乙瓦斯株式会社", "丙電力株式会社"):
        assert partner in quoted, partner


def test_a_sentence_numbering_its_items_inline_is_a_list() -> None:
    text = "多摩の森\n発足しました。\n各自治体と共同で①森林整備、②現場体験、③カーボンオフセット、④木材活用に取り組む。"
    documents = Documents(text, [])
    (block,) = find_blocks(hit(documents.chunks[0]), documents)
    assert block.count == 4
    assert [q.text for q in quotes(block, documents)] == [text.splitlines()[-1]]


def test_a_long_item_line_keeps_the_list_within_its_budget_and_every_item_quoted() -> None:
    description = "この施策は地域の事業者と市民が協力して進める取組であり、毎年度の進捗を点検して改善していく。"
    lines = ["施策の一覧"]
    for number in range(1, 9):
        lines += [f"({number}) 第{number}の施策の名称", description]
    lines += ["(9) " + "長い説明を持つ最後の施策で、" + "その内容は多岐にわたり" * 8 + "ます。"]
    documents = Documents("\n".join(lines), [])
    (block,) = find_blocks(hit(documents.chunks[0]), documents)
    quoted = "\n".join(q.text for q in quotes(block, documents))
    for number in range(1, 9):
        assert f"第{number}の施策の名称" in quoted
    assert "(9) 長い説明を持つ最後の施策" in quoted


def test_a_table_of_contents_is_no_list() -> None:
    text = (
        "計画の構成\n1. 現状・課題\n本市の現状と課題を示しています。\n2. 基本方針\n基本理念と基本方針を示しています。\n"
        "3. 目標\n達成の目標を示しています。\n4. 計画の管理\n推進体制と進行管理について示しています。"
    )
    documents = Documents(text, [])
    assert [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.count == 4] == []


def test_a_list_the_best_sentence_announces_at_the_end_of_its_passage_is_read_on_into_the_next() -> None:
    lead = "次の①~③の施策の具体化も必要です。"
    text = f"背景\n{lead}\n① 市民の再エネ利用\n② 事業者の再エネ利用\n③ 環境活動の促進"
    documents = Documents(text, [text.index("①")])
    assert [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.count == 3] == []
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents, lead) if b.count == 3]
    assert [q.text for q in quotes(block, documents)] == ["① 市民の再エネ利用\n② 事業者の再エネ利用\n③ 環境活動の促進"]


def test_the_line_the_asked_noun_labels_answers_a_list_question_over_the_list_under_it() -> None:
    text = (
        "2.基本理念・基本方針・基本的施策\n"
        "基本理念グリーン成長の実現\n"
        "基本方針多様な主体との協働・連携地域資源の最大限の活用\n"
        "1再生可能エネルギーの地産地消\n2民間力を活用した普及拡大\n3脱炭素化とレジリエンス強化の両立"
    )
    documents = Documents(text, [])
    selector = selector_over(documents)
    question = "川崎市の基本方針にはどんなものがある？"
    selection = selector.select(analyse(question), question, [hit(documents.chunks[0])], ("川崎市",))
    quoted = "\n".join(e.sentence for e in selection.evidence)
    assert "基本方針多様な主体との協働・連携地域資源の最大限の活用" in quoted
    assert "民間力" not in quoted


def test_the_one_item_holding_the_word_a_question_brackets_is_answered_by_its_whole_sub_list() -> None:
    documents = Documents(SUPPLY, [SUPPLY.index("3)再生"), SUPPLY.index("4)その他")])
    (block, *_) = find_blocks(hit(documents.chunks[1]), documents)
    question = "再エネの「熱」としてはどんな種類を活用するつもりなんでしょう？"
    subject = subject_item(block, question)
    assert subject == 2
    quoted = [q.text for q in under_item(block, subject, documents)]
    assert quoted == [SUPPLY[SUPPLY.index("① 太陽熱") : SUPPLY.index("\n4)")]]
    assert subject_item(block, "「エネルギー」は？") is None  # two items hold it


def test_a_bracketed_word_the_lists_heading_holds_names_the_list_not_an_item() -> None:
    text = "公共施設群の脱炭素化\n1 さいたま市役所のZEB化\n2 公共発電電力を公共施設へ\n"
    text += "3 東北地方へ公共施設群の脱炭素化の普及"
    documents = Documents(text, [])
    (block, *_) = find_blocks(hit(documents.chunks[0]), documents)
    assert subject_item(block, "「公共施設群の脱炭素化」には、どんな取組が含まれていますか。") is None


def test_a_list_question_bracketing_one_items_word_quotes_that_items_lines_only() -> None:
    documents = Documents(SUPPLY, [SUPPLY.index("3)再生")])
    selector = selector_over(documents)
    question = "再エネの「熱」としてはどんな種類を活用するつもりなんでしょう？"
    hits = [hit(documents.chunks[1]), hit(documents.chunks[0], 2)]
    selection = selector.select(analyse(question), question, hits, ("川崎市",))
    quoted = "\n".join(e.sentence for e in selection.evidence)
    assert all(name in quoted for name in ("太陽熱", "廃棄物熱利用", "地中熱利用"))
    assert "太陽光発電" not in quoted


def test_the_whole_compound_a_question_asks_names_the_list_its_heading_writes() -> None:
    assert asked_compound("推進戦略に掲げられている基本的施策を全部教えて。", "施策") == "基本的施策"
    assert asked_compound("市の施策は？", "施策") == ""
    assert asked_compound("再生可能エネルギー熱として何を活用しますか", "活用") == "再生可能エネルギー熱"
    assert asked_compound("「再生可能エネルギー熱」として何を活用しますか", "活用") == "再生可能エネルギー熱"
    assert asked_compound("目標として何を掲げていますか", "目標") == ""
    assert asked_compound("川崎市が挙げている主な課題は何ですか。", "課題") == "主な課題"
    assert asked_compound("具体的な基本的施策は？", "施策") == "基本的施策"
    assert asks_whole("基本的施策を全部教えて")
    assert asks_whole("目標はいくつあって、それぞれ何ですか？")
    assert not asks_whole("基本的施策の一つ目は？")


def test_a_table_rows_first_item_joined_to_its_cells_starts_the_run_and_the_cells_introduce_it() -> None:
    text = (
        "基本的施策取組名称概要具体的事業取組分類\n"
        "4. 資源循環による脱炭素化の推進1) 循環型システムの構築廃棄物処分量を削減する。 ① 食品ロス削減の推進 ○\n"
        "② フードシェア・マイレージ事業 ○\n"
        "③ プラスチックの資源循環に向けた協働 ○\n"
        "5. グリーンインフラの活用と保全1) 地域の自然資源等の活用自然資源を保全・活用する。 ① 見沼田圃の保全 ○\n"
        "② ソーラーシェアリングの普及拡大 ●\n"
        "③ 生物多様性の保全の推進"
    )
    documents = Documents(text, [])
    blocks = find_blocks(hit(documents.chunks[0]), documents)
    (green,) = [b for b in blocks if "グリーンインフラの活用と保全" in b.intro]
    assert green.count == 3
    first = quotes(green, documents)[0].text
    assert first.startswith("5. グリーンインフラの活用と保全1)")
    assert "自然資源を保全・活用する。 ① 見沼田圃の保全 ○\n② ソーラーシェアリング" in first
    assert any(b.count == 3 and "資源循環" in b.intro for b in blocks)


ROWS = (
    "基本的施策取組名称概要具体的事業重点事業\n"
    "1. 再生可能エネルギーの地産地消1) 再生可能エネルギー等の導入促進住宅及び事業所への導入支援により、"
    "地産地消型の再生可能エネルギーの導入を促進する。 ① 住宅用太陽光発電設備等の導入支援 ② ZEHの導入支援 "
    "③ 再生可能エネルギーの共同調達の推進 ○ ○\n"
    "2) 市有施設の脱炭素化廃棄物発電の地産地消とPPA活用等による再生可能エネルギーの導入により、市有施設の脱炭素化を"
    "進める。また、この脱炭素の取組を環境教育の教材とし、地産地消の重要性を市民に普及啓発する。 "
    "① 公共施設への再生可能エネルギー設備等の導入 ② 公共施設新設時のZEBの導入 ③ エネルギーの地産地消の推進 "
    "⑤ ゼロカーボンドライブの推進 ⑥ 全市立学校の太陽光発電設備及び蓄電池の導入・活用 ⑨ 衛生センターの長寿命化・省CO2化 "
    "⑩ 公用車の電動化・利用最適化の推進 ○ ○ ● ●"
)


def test_a_table_row_split_between_passages_is_quoted_from_its_first_circled_item() -> None:
    documents = Documents(ROWS, [ROWS.index("また、この脱炭素")])
    blocks = find_blocks(hit(documents.chunks[1]), documents)
    (row,) = [b for b in blocks if b.item_text.startswith("① 公共施設")]
    assert "市有施設の脱炭素化" in row.intro
    (quoted,) = quotes(row, documents)
    assert quoted.text.startswith("① 公共施設への再生可能エネルギー設備等の導入")
    assert quoted.text.endswith("⑩ 公用車の電動化・利用最適化の推進 ○ ○ ● ●")


def test_the_row_a_question_names_in_brackets_is_the_asked_list_and_its_neighbour_is_not() -> None:
    documents = Documents(ROWS, [])
    blocks = find_blocks(hit(documents.chunks[0]), documents)
    question = "取組「市有施設の脱炭素化」の具体的事業を教えてください。"
    named = [b for b in blocks if row_named(b, question)]
    assert named
    assert all("公用車の電動化" in b.item_text for b in named)
    assert not any(row_named(b, "取組「都市間連携の推進」の具体的事業は？") for b in blocks)


def test_a_question_bracketing_a_rows_name_is_answered_by_the_rows_items_however_worded() -> None:
    text = (
        "基本的施策取組名称概要具体的事業取組分類\n"
        "⑤ 情報発信・環境教育拠点の整備\n"
        "2) 次世代技術の導入・活用公民学連携による実証事業により、次世代技術の導入・活用を図る。"
        " ① カーボンリサイクル技術の活用 ○\n"
        "② カーボンニュートラルガス(メタネーション等)の普及拡大\n"
        "③ 再エネ由来の水素の普及拡大 ○\n"
        "④ ESG投資促進に向けた連携\n"
        "3) ESG投資の促進市の施策と金融機関等の連携により、ESG投資による脱炭素化を促進する。"
    )
    documents = Documents(text, [])
    question = "「次世代技術の導入・活用」って、具体的に何やるの？"
    assert analyse(question).kind.value != "listing"
    selection = selector_over(documents).select(analyse(question), question, [hit(documents.chunks[0])], ())
    quoted = "\n".join(e.sentence for e in selection.evidence)
    assert "② カーボンニュートラルガス(メタネーション等)の普及拡大" in quoted
    assert "④ ESG投資促進に向けた連携" in quoted


APPROACH = (
    "(1)国との協調\n"
    "再生可能エネルギー拡大や、水素社会の実現、CCUS/カーボンリサイクルなどCO2を吸収・削減する新たな技術の開発・"
    "社会実装化を進めていくためには、国の役割と責任が非常に大きいものとなります。\n"
    "(2)市域を超えた広域連携\n"
    "近隣都市や九都県市の他、地域等と連携した広域的な取組を推進します。\n"
    "(3)グリーン・リカバリーの視点\n"
    "国の今後の動向等も踏まえながら、効果的な取組等を検討します。"
)


def test_a_list_naming_none_of_the_asked_things_is_another_list() -> None:
    documents = Documents(APPROACH, [])
    block = find_blocks(hit(documents.chunks[0]), documents)[0]
    assert names_any(block, ("協調",))
    assert not names_any(block, ("技術",))
    assert names_any(block, ())


def test_which_technologies_are_not_answered_by_the_section_headings_beside_them() -> None:
    documents = Documents(APPROACH, [])
    selector = selector_over(documents)
    question = "Which new technologies does the plan say need a national role? 川崎市 技術 計画 国"
    selection = selector.select(analyse(question), question, [hit(documents.chunks[0])], ("川崎市",))
    quoted = [e.sentence for e in selection.evidence]
    assert any("水素社会の実現" in q for q in quoted)
    assert not {"(1)国との協調", "(2)市域を超えた広域連携", "(3)グリーン・リカバリーの視点"} & set(quoted)


APPROACHES = (
    "4. 計画の実行性を高めるアプローチ\n"
    "基本計画の取組を進めていく上で、さらに必要となる視点等について整理しました。\n"
    "(1)国との協調\n"
    + "脱炭素社会の実現には、エネルギー供給に係るイノベーションが必要です。" * 8
    + "\n(2)市域を超えた広域連携\n"
    + "市域を超えて広域的に取組を進めていくことも重要となるため、近隣都市と連携します。" * 8
    + "\n(3)グリーン・リカバリーの視点\n"
    "社会環境の急激な変化をポジティブに捉え、脱炭素化を進めます。"
)


def _section_passage(text: str, cut: int, section: str) -> tuple[Documents, Chunk]:
    documents = Documents(text, [cut])
    first = documents.chunks[0]
    return documents, Chunk(
        chunk_id=first.chunk_id,
        doc_id=first.doc_id,
        index=first.index,
        text=first.text,
        start=first.start,
        end=first.end,
        section=section,
    )


def test_a_sections_subsection_headings_after_its_opening_passage_are_its_list() -> None:
    documents, opening = _section_passage(APPROACHES, APPROACHES.index("(1)"), "4. 計画の実行性を高めるアプローチ")
    (block,) = [b for b in find_blocks(hit(opening), documents) if b.count == 3]
    assert block.names == ("国との協調", "市域を超えた広域連携", "グリーン・リカバリーの視点")


def test_subsection_headings_after_a_passage_that_opens_no_section_are_not_its_list() -> None:
    documents, passage = _section_passage(APPROACHES, APPROACHES.index("(1)"), "3. 進行管理")
    assert [b for b in find_blocks(hit(passage), documents) if b.count == 3] == []


FUNCTIONS = (
    "コンソーシアムの機能\n"
    "支援体制の整備\n"
    "①参画団体間の情報共有\n"
    "参画団体間の情報共有・交流\n"
    "中小企業の脱炭素経営支援策の検討など\n"
    "②参画団体の支援人材の育成\n"
    "参画機関の人材向けセミナー・勉強会等の開催など\n"
    "事業者支援の実施\n"
    "③地域ぐるみの事業者支援\n"
    "事例集や支援ツールを活用した事業者の取組のきっかけづくり\n"
    "融資メニューなど参画機関の支援施策を活用した取組促進"
)


def test_an_item_whose_lines_run_into_the_next_chunk_is_quoted_not_skipped() -> None:
    documents = Documents(FUNCTIONS, [FUNCTIONS.index("事業者支援の実施")])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.count == 3]
    quoted = "\n".join(q.text for q in quotes(block, documents))
    for item in ("①参画団体間の情報共有", "②参画団体の支援人材の育成", "③地域ぐるみの事業者支援"):
        assert item in quoted, item


VOICES = (
    "ツアーを実施しました。\n"
    "(アンケート結果)\n"
    "山の空気や鳥の声、植物を通じてリフレッシュできた\n"
    "参加者や地元の方と交流できてよかった\n"
    "コンパクトながら充実していた\n"
    "子どもと楽しく学べた\n"
    "また訪れたいと思う\n"
    "ア所在地及び面積\n"
    "檜原村南郷約8ha(村有林)"
)


def test_a_run_of_item_lines_cut_by_its_passage_goes_on_in_the_next_chunk_to_the_runs_end() -> None:
    documents = Documents(VOICES, [VOICES.index("子どもと")])
    first = documents.chunks[0]
    window = first.text[first.text.index("(アンケート結果)") :]
    rest = run_on(hit(first), first.text.index(window), window, documents)
    assert rest is not None
    assert rest.text == "子どもと楽しく学べた\nまた訪れたいと思う"
    assert rest.hit.chunk.chunk_id == documents.chunks[1].chunk_id


def test_a_run_its_passage_does_not_cut_or_a_single_line_is_not_read_on() -> None:
    documents = Documents(VOICES, [VOICES.index("子どもと")])
    first = documents.chunks[0]
    window = first.text[first.text.index("(アンケート結果)") : first.text.index("コンパクト") - 1]
    assert run_on(hit(first), first.text.index(window), window, documents) is None
    sentence = "ツアーを実施しました。"
    assert run_on(hit(first), 0, sentence, documents) is None


def test_a_list_question_answered_by_a_cut_run_of_voices_quotes_every_voice() -> None:
    documents = Documents(VOICES, [VOICES.index("子どもと")])
    question = "ツアーのアンケート結果には、参加者からどんな声がありましたか。"
    selection = selector_over(documents).select(analyse(question), question, [hit(documents.chunks[0])], ("川崎市",))
    quoted = "\n".join(e.sentence for e in selection.evidence)
    for voice in ("リフレッシュできた", "子どもと楽しく学べた", "また訪れたいと思う"):
        assert voice in quoted, voice
    assert "所在地" not in quoted
    assert all(e.sentence in e.hit.chunk.text for e in selection.evidence)


DIRECTIONS = (
    "基本計画を2022年3月に改定しました。\n"
    "将来ビジョン基本的方向40施策\n"
    "2050年の排出量実質ゼロを目指す I 市民・事業者などあらゆる主体が脱炭素化に取り組んでいるまち7施策\n"
    "2030年度目標 II グリーンイノベーションで世界の脱炭素化に貢献するまち5施策\n"
    "全体目標 III 再生可能エネルギーを最大活用しエネルギー最適化しているまち3施策\n"
    "個別目標 IV 地球にやさしい交通環境が整備されたまち4施策\n"
    "市民活動の推進拠点は、地球温暖化対策の推進に関する法律第38条に基づき指定を受けています。"
)


def test_a_roman_numbered_column_down_a_tables_rows_is_a_list_of_its_cells() -> None:
    documents = Documents(DIRECTIONS, [])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.column]
    assert [q.text for q in quotes(block, documents)] == [
        "I 市民・事業者などあらゆる主体が脱炭素化に取り組んでいるまち7施策",
        "II グリーンイノベーションで世界の脱炭素化に貢献するまち5施策",
        "III 再生可能エネルギーを最大活用しエネルギー最適化しているまち3施策",
        "IV 地球にやさしい交通環境が整備されたまち4施策",
    ]
    assert "基本的方向" in block.intro


def test_a_roman_column_answers_a_question_counting_its_items_but_not_one_asking_which_article() -> None:
    documents = Documents(DIRECTIONS, [])
    selector = selector_over(documents)
    listing = "基本計画に掲げられている4つの基本的方向を挙げてください。"
    selection = selector.select(analyse(listing), listing, [hit(documents.chunks[0])], ("川崎市",))
    assert any(e.sentence.startswith("IV 地球にやさしい交通環境") for e in selection.evidence)
    article = "Under which article was the center designated? 市民 脱炭素化 まち 施策"
    selection = selector.select(analyse(article), article, [hit(documents.chunks[0])], ("川崎市",))
    assert not any(e.sentence.startswith("I 市民") for e in selection.evidence)


def test_a_question_naming_one_roman_numbered_direction_is_answered_by_its_cell_alone() -> None:
    documents = Documents(DIRECTIONS, [])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.column]
    subject = subject_item(block, "「地球にやさしい交通環境が整備されたまち」には施策がいくつあるの？")
    assert subject == 3
    assert [q.text for q in under_item(block, subject, documents)] == ["IV 地球にやさしい交通環境が整備されたまち4施策"]


CAPTIONS = (
    "脱炭素先行地域づくりの推進\n"
    "交付金も活用し、太陽光発電設備や蓄電池など、公共施設群において設備の導入を推進しています。\n"
    "【太陽光発電設備】\n"
    "【蓄電池】\n"
    "【ソーラーカーポート】\n"
    "【充電設備】\n"
    "達成率は約46%となっています。"
)


def test_bracketed_captions_after_the_sentence_ending_the_passage_are_its_list() -> None:
    documents = Documents(CAPTIONS, [CAPTIONS.index("【太陽光")])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.item_text.startswith("【")]
    labels = "【太陽光発電設備】\n【蓄電池】\n【ソーラーカーポート】\n【充電設備】"
    assert [q.text for q in quotes(block, documents)] == [labels]
    assert "太陽光発電設備や蓄電池など" in block.intro


def test_captions_the_sentence_ending_the_passage_does_not_name_are_no_list_of_it() -> None:
    text = CAPTIONS.replace("太陽光発電設備や蓄電池など", "様々な設備")
    documents = Documents(text, [text.index("【太陽光")])
    assert not [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.item_text.startswith("【")]


def test_captions_answer_a_question_asking_for_what_they_name_but_not_one_asking_for_another_thing() -> None:
    documents = Documents(CAPTIONS, [CAPTIONS.index("【太陽光")])
    selector = selector_over(documents)
    asked = {
        "公共施設群で導入を推進している設備にはどのようなものがありますか？": True,
        "脱炭素先行地域づくりではどのような取組を推進していますか？": False,
    }
    for question, listed in asked.items():
        selection = selector.select(analyse(question), question, [hit(documents.chunks[0])], ("川崎市",))
        assert any("【ソーラーカーポート】" in e.sentence for e in selection.evidence) is listed


def test_a_row_named_by_a_long_bracketed_measure_name_is_the_asked_list() -> None:
    # Plans name their measures in 20-30 characters; such a name in brackets names a row, not a quoted sentence.
    text = (
        "1) 再生可能エネルギー等の導入促進住宅及び事業所への導入支援を進める。 ① 住宅用太陽光発電設備等の導入支援 "
        "② ZEHの導入支援 ③ 再生可能エネルギーの共同調達の推進 ○ ○\n"
        "2) デジタル技術を活用した再生可能エネルギーの導入次世代型スマートメーターの普及を推進する。 "
        "① DER(分散型電源)活用機会創出及び価値向上 ② デジタル技術を活用したまちづくりの推進 "
        "③ マイクログリッド・VPP事業等 ○ ●"
    )
    documents = Documents(text, [])
    blocks = find_blocks(hit(documents.chunks[0]), documents)
    question = "「デジタル技術を活用した再生可能エネルギーの導入」の具体的事業って何があるの？"
    named = [b for b in blocks if row_named(b, question)]
    assert named
    assert all("マイクログリッド" in b.item_text and "ZEH" not in b.item_text for b in named)


STEPS = (
    "事業展開イメージ\n3つの段階を踏み、既存の廃棄物処理施設を活用した検証を行います。\n"
    "Step 1既存施設におけるCO2分離回収試験・CCUS検証\n"
    "CO2分離回収設備等を実機で試験を行い、課題を抽出\n"
    "Step 2堤根処理センターCO2分離回収設備実装・CCUS検証\n"
    "回収したCO2の利用・貯留を行い、検証\n"
    "Step 3新たな浮島処理センターでCN実現に向けたCCUSの取組\n"
    "技術革新の状況や制度設計・社会動向を注視した上で、浮島処理センターの建替えのタイミングで、"
    "炭素循環プラントを設置し、市の廃棄物焼却のCNの実現を目指す。"
)


def test_an_item_quoted_by_its_heading_alone_is_quoted_with_the_chosen_sentence_under_it() -> None:
    documents = Documents(STEPS, [STEPS.index("Step 3")])
    question = "新しい浮島処理センターではどんな取組をするの？"
    hits = [hit(chunk, rank) for rank, chunk in enumerate(documents.chunks, 1)]
    evidence = selector_over(documents).select(analyse(question), question, hits, ("川崎市",)).evidence
    assert evidence[0].sentence.startswith("Step 1既存施設")
    assert evidence[-1].sentence.startswith("Step 3新たな浮島処理センター")
    assert evidence[-1].sentence.endswith("炭素循環プラントを設置し、市の廃棄物焼却のCNの実現を目指す。")


def test_all_asks_every_item_when_it_goes_with_telling_or_counting_not_when_it_quantifies_the_asked_act() -> None:
    assert asks_whole("実行性を高める視点を全て挙げてください。")
    assert asks_whole("参加者は全部で何人だったの？")
    assert asks_whole("会議、何月何日にやったか全部わかりますか？")
    assert not asks_whole("公用乗用自動車をすべて次世代自動車にするのはいつまでとしていますか。")
    assert not asks_whole("23区すべてが共同調達に参加したんですよね？")
    assert not asks_whole("市内全部で始まるのはいつ頃の予定ですか？")


ISSUES = (
    "脱炭素先行地域の実現に向け、様々な課題がありますが、関係者と連携し、取組を推進しています。\n"
    "【主な課題とその対応】\n"
    "需要家との合意形成\n"
    "⇒地域エネルギー会社と連携し、需要家との意見交換を重ねる\n"
    "新たな需要家の確保\n"
    "⇒区内の事業者に取組参画を案内し、個別に意見交換を実施\n"
    "交付金の活用\n"
    "⇒施設の工事スケジュールを精査し、交付金の活用可能性について調整\n"
    "執行体制の確立\n"
    "⇒推進室内にプロジェクト体制を構築し、案件ごとに連携しながら事業を推進\n"
    "脱炭素先行地域づくりの推進\n"
    "太陽光発電設備や蓄電池など、設備の導入を推進しています。"
)


def test_short_lines_each_answered_by_an_arrowed_line_are_a_list_read_on_past_the_passage() -> None:
    documents = Documents(ISSUES, [ISSUES.index("交付金の活用\n")])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.count == 4]
    assert block.names == ("需要家との合意形成", "新たな需要家の確保", "交付金の活用", "執行体制の確立")
    assert block.intro.endswith("【主な課題とその対応】")
    quoted = quotes(block, documents)
    assert quoted[-1].hit.chunk.chunk_id == "c1"
    assert quoted[-1].text.endswith(
        "執行体制の確立\n⇒推進室内にプロジェクト体制を構築し、案件ごとに連携しながら事業を推進"
    )


def test_lines_without_arrowed_answers_or_too_few_of_them_are_no_answered_list() -> None:
    unanswered = ISSUES.replace("⇒", "")
    two = ISSUES[: ISSUES.index("交付金の活用\n")]
    for text in (unanswered, two):
        documents = Documents(text, [])
        assert not [b for b in find_blocks(hit(documents.chunks[0]), documents) if "需要家との合意形成" in b.names]


def test_a_question_for_the_issues_a_plan_names_is_answered_by_every_issue_and_its_response() -> None:
    documents = Documents(ISSUES, [ISSUES.index("交付金の活用\n"), ISSUES.index("執行体制の確立\n")])
    selector = selector_over(documents)
    question = "脱炭素先行地域を進めるうえでの主な課題として、川崎市はどんなことを挙げていますか？"
    selection = selector.select(analyse(question), question, [hit(documents.chunks[0])], ("川崎市",))
    quoted = "\n".join(e.sentence for e in selection.evidence)
    assert all(
        name in quoted for name in ("需要家との合意形成", "新たな需要家の確保", "交付金の活用", "執行体制の確立")
    )
