from assistant.evidence import Evidence
from assistant.named_lines import count_pattern, counted_noun, counts_asked, picked_first
from assistant.question import AnswerKind
from ingest.document import Chunk
from kb.search import SearchHit


def _evidence(text: str, score: float) -> Evidence:
    chunk = Chunk(
        chunk_id=f"c{score}", doc_id="d", index=0, text=text, start=0, end=len(text), page=None, section="", title="t"
    )
    return Evidence(SearchHit(rank=1, score=score, chunk=chunk), text, score, 0, {})


def test_a_count_question_names_the_noun_it_counts() -> None:
    assert counted_noun("さいたまのゼロカーボン戦略って、基本的施策はいくつ決めてるの？") == "基本的施策"
    assert counted_noun("基本的施策の内容は？") is None


def test_the_documents_count_is_read_either_way_round_and_across_cell_spaces() -> None:
    pattern = count_pattern("基本計画には施策がいくつ位置付けられていますか")
    assert counts_asked(pattern, "2030年度目標 II グリーンイノベーションで世界の 脱炭素化に貢献するまち 5施策")
    assert not counts_asked(pattern, "2030年度の施策の進捗")
    assert counts_asked(count_pattern("基本的施策はいくつ"), "基本理念・基本方針と7つの基本的施策を示しています。")


def test_the_sentence_counting_the_noun_goes_before_the_lists_heading() -> None:
    heading = _evidence(
        "2.基本理念・基本方針・基本的施策\n基本理念ゼロカーボンシティ推進によるグリーン成長の実現", 0.93
    )
    counting = _evidence("ゼロカーボンシティに向けた基本理念・基本方針と7つの基本的施策を示しています。", 0.87)
    chosen = picked_first("基本的施策はいくつ決めてるの？", AnswerKind.figure, [heading, counting], (heading,))
    assert chosen[0] is counting and heading in chosen


def test_a_bracketed_item_picks_the_row_counting_it() -> None:
    other = _evidence("I 市民・事業者などあらゆる主体が脱炭素化に取り組んでいるまち7施策", 0.9)
    row = _evidence("2030年度目標 II グリーンイノベーションで世界の 脱炭素化に貢献するまち5施策", 0.5)
    question = "「グリーンイノベーションで世界の脱炭素化に貢献するまち」には施策がいくつ位置付けられていますか？"
    assert picked_first(question, AnswerKind.figure, [other, row], (other,))[0] is row


def test_a_bracketed_label_picks_its_own_row_of_a_flattened_table() -> None:
    neighbour = _evidence("市域目標2030年度までに▲50%削減(2013年度比)\n個別目標 V 市役所が自ら率先して脱炭素化に", 1.2)
    row = _evidence("市役所目標2030年度までに▲50%以上削減(2013年度比) VIII 多様なみどりが市民をつなぐまち4施策", 1.0)
    question = "個別目標のうち、「市役所目標」は2030年度までに何％削減とされていますか。"
    assert picked_first(question, AnswerKind.figure, [neighbour, row], (neighbour,))[0] is row
    assert picked_first(question, AnswerKind.general, [neighbour, row], (neighbour,)) == (neighbour,)


def test_a_label_the_question_uses_picks_the_row_of_names_it_heads() -> None:
    lead = _evidence("市内中小企業の脱炭素化を川崎市、金融機関、支援機関等、多様な主体が連携して促進するため", 1.2)
    row = _evidence("自治体 : 川崎市(環境局)\n金融機関 : 三井住友銀行、りそな銀行、商工組合中央金庫、政策金融公庫", 1.0)
    question = "コンソーシアムに参画している金融機関のうち、政府系の金融機関はどこですか。"
    assert picked_first(question, AnswerKind.organisation, [lead, row], (lead,))[0] is row
    assert picked_first(question, AnswerKind.general, [lead, row], (lead,)) == (lead,)


def test_a_count_asked_as_how_many_of_a_noun_reads_a_bound_count() -> None:
    question = "CC川崎エコ会議はどの程度の数の主体が参加する会議体と説明されていますか。"
    assert counted_noun(question) == "主体"
    assert counts_asked(count_pattern(question), "「川崎温暖化対策推進会議(100を超える多様な主体が参加する会議体)」")
    assert counts_asked(count_pattern("いくつの企業・団体が会員に"), "110の企業・団体等が会員となっています。")


def test_a_list_question_bracketing_a_label_picks_the_row_the_label_heads() -> None:
    goals = _evidence("目標1:\n2050年温室効果ガス排出量実質ゼロ", 0.9)
    mention = _evidence("ゼロカーボンシティへの、基本方針(戦略)を定め、目標達成を推進していきます。", 0.8)
    row = _evidence("基本方針 多様な主体との協働・連携 地域資源の最大限の活用", 0.7)
    question = "推進戦略で「基本方針」として挙げられている3つを教えて。"
    assert picked_first(question, AnswerKind.listing, [goals, mention, row], (goals,)) == (row, goals)


def test_a_sentence_going_on_from_a_bracketed_name_is_no_row_of_that_label() -> None:
    items = _evidence("各自治体と共同で①森林整備及び保全、②現場体験に取り組みます。", 0.9)
    sentence = _evidence("多摩の森の整備及び保全に向けて、令和6年8月から測量及び間伐を実施しました。", 0.8)
    question = "「多摩の森」活性化プロジェクトで自治体が一緒に取り組む内容って何がある？"
    assert picked_first(question, AnswerKind.listing, [items, sentence], (items,)) == (items,)
