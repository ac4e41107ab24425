"""The sentence selector on small in-memory passages."""

from __future__ import annotations

from assistant.evidence import Evidence
from assistant.extractive import Asking, SentenceSelector, Weights, _without_repeats, in_context
from assistant.question import analyse
from ingest.document import Chunk
from kb.search import SearchHit


def _selector(rarity: dict[str, float] | None = None) -> SentenceSelector:
    """Every term weighs the same but those given a `rarity`, and no embedding model reranks: the rules alone
    decide."""
    weights = rarity or {}
    return SentenceSelector(
        idf=lambda t: weights.get(t, 1.0), similarity=None, min_score=0.1, max_sentences=1, weights=Weights()
    )


def _hit(text: str, title: str = "", municipality: str = "川崎市", section: str = "") -> SearchHit:
    chunk = Chunk(
        chunk_id="c",
        doc_id="d",
        index=0,
        text=text,
        start=0,
        end=len(text),
        section=section,
        title=title,
        municipality=municipality,
    )
    return SearchHit(rank=1, score=1.0, chunk=chunk)


def test_a_running_head_repeating_the_documents_title_is_not_quoted_as_the_answer() -> None:
    title = "ゼロカーボンシティ特別区に向けた取組について"
    text = f"{title}森林整備の取組\n23区が一体となって森林整備に取り組み、吸収量を確保します。"
    selector = _selector()
    question = "特別区の森林整備の取組はどうなっていますか？"
    selection = selector.select(analyse(question), question, [_hit(text, title, "葛飾区")], ("葛飾区",))
    assert selection.evidence[0].sentence.startswith("23区が一体となって")


def test_the_quoted_sentence_carries_the_next_sentence_of_its_paragraph() -> None:
    text = (
        "駅の取組\n武蔵溝ノ口駅では自立型水素エネルギーシステムを導入し、水素をタンクに補充しています。"
        "補充した水素で発電した電気を、夜間や災害時に活用しています。\n次の話題です。"
    )
    selector = _selector()
    question = "武蔵溝ノ口駅の自立型水素エネルギーシステムとは？"
    selection = selector.select(analyse(question), question, [_hit(text)], ("川崎市",))
    assert selection.evidence[0].sentence.endswith(
        "武蔵溝ノ口駅では自立型水素エネルギーシステムを導入し、水素をタンクに補充しています。"
        "補充した水素で発電した電気を、夜間や災害時に活用しています。"
    )


def test_a_table_row_is_quoted_with_the_short_label_line_over_it() -> None:
    text = "期日 会場 内容\n1月15日(月)\n渡良瀬遊水地ハートランド城の研修室で、藤岡地域内の現地視察について協議した。"
    selector = _selector()
    question = "藤岡地域内の現地視察について協議したのはどこ？"
    selection = selector.select(analyse(question), question, [_hit(text, municipality="栃木市")], ("栃木市",))
    assert selection.evidence[0].sentence.startswith("1月15日(月)\n渡良瀬遊水地")


def test_the_row_of_the_asked_day_answers_though_it_shares_no_other_word() -> None:
    text = "8月2日(水) 高齢者学級わたらせ大学25\n9月11日(月) 学習会25\n\n市民団体の会議や研修会で啓発活動を実施した。"
    # digits and 月/日 are everywhere in a table of events: only the other words carry weight
    selector = SentenceSelector(
        idf=lambda t: 0.0 if t.isdigit() or t in "月日" else 1.0,
        similarity=None,
        min_score=0.1,
        max_sentences=1,
        weights=Weights(),
    )
    question = "栃木市が8月2日に啓発を行った先はどこ？"
    selection = selector.select(analyse(question), question, [_hit(text, municipality="栃木市")], ("栃木市",))
    assert "8月2日(水) 高齢者学級わたらせ大学25" in selection.evidence[0].sentence


def test_a_note_after_the_sentence_holding_the_count_is_quoted_with_it() -> None:
    text = "2022年4月に循環プロジェクトを設立しました。(2024年10月現在20者)\n【目的】"
    selector = _selector()
    question = "循環プロジェクトの参加者数は？"
    selection = selector.select(analyse(question), question, [_hit(text, municipality="栃木市")], ("栃木市",))
    assert selection.evidence[0].sentence == "2022年4月に循環プロジェクトを設立しました。(2024年10月現在20者)"


def test_a_table_row_whose_cells_fell_onto_lines_of_their_own_is_quoted_whole() -> None:
    text = (
        "期日会場内容\n1月15日(月)\n渡良瀬遊水地\nハートランド城\n(研修室1)\n脱炭素先行地域づくりの概要について\n"
        "藤岡地域内の現地視察について\n1月26日(月)\n渡良瀬遊水地\n事業の具体化について\n(5) 再エネ普及促進プロジェクト"
    )
    selector = _selector()
    question = "1月15日に藤岡地域の現地視察について話し合った会場は？"
    selection = selector.select(analyse(question), question, [_hit(text, municipality="栃木市")], ("栃木市",))
    assert selection.evidence[0].sentence == (
        "1月15日(月)\n渡良瀬遊水地\nハートランド城\n(研修室1)\n脱炭素先行地域づくりの概要について\n藤岡地域内の現地視察について"
    )


def test_a_count_in_a_wrong_premise_prefers_the_documents_count_of_the_same_thing() -> None:
    passages = [
        _hit("市は連携協定を締結したと聞きました。", municipality="栃木市"),
        _hit("市は連携協定を2本締結した。", municipality="栃木市"),
    ]
    selector = _selector()
    question = "市は連携協定を3本締結したと聞きましたが、本当ですか？"
    selection = selector.select(analyse(question), question, passages, ("栃木市",))
    assert "2本" in selection.evidence[0].sentence


def test_a_follow_up_is_answered_about_what_the_earlier_answer_named() -> None:
    # The other event's passage comes first: without the earlier answer the two tie and it would be quoted.
    hits = [
        _hit("家電キャンペーンは市内の量販店(5店舗)で実施しました。"),
        _hit("森のフェアは市内の書店(8店舗)で実施しました。"),
    ]
    selector = _selector()
    question = "それは何店舗で実施しましたか？"
    earlier = "「森のフェア」を書店で開きました。"
    selection = selector.select(analyse(question), question, hits, ("川崎市",), conversation=earlier)
    assert selection.evidence[0].sentence.startswith("森のフェア")


def test_a_follow_up_asking_past_the_earlier_answer_is_not_answered_by_restating_it() -> None:
    """ "それでも…": the earlier answer (the net-zero target) is the premise; the offset is what is asked."""
    hits = [
        _hit("将来目標は、実行計画を継承し「2050年温室効果ガス排出実質ゼロ」と定めます。", municipality="さいたま市"),
        _hit("① カーボンオフセット:2050年に排出されるCO2は排出量取引等で相殺する。", municipality="さいたま市"),
    ]
    question = "それでも2050年に残ってしまう排出はどう扱う考えですか？"
    earlier = "将来目標として「2050年温室効果ガス排出実質ゼロ」を掲げています。"
    selection = _selector().select(analyse(question), question, hits, ("さいたま市",), conversation=earlier)
    assert "カーボンオフセット" in selection.evidence[0].sentence


def test_a_follow_up_asking_what_comes_next_is_answered_by_the_sentence_after_the_earlier_answer() -> None:
    """ "今後は…": the plan says it right after its description of the thing, which names the thing less often than
    other sentences about its future do."""
    hits = [
        _hit("本計画では、推進会議を中心に体制を今後どうしていくか検討し、強化していきます。"),
        _hit(
            "推進会議は、会員間の情報共有やネットワークづくりを進めています。今後も、会員数の増加に取り組んでいきます。"
        ),
    ]
    question = "その会議、今後はどうしていくって書いてある？"
    earlier = "会員間の情報共有やネットワークづくりを進めている会議です。"
    selection = _selector().select(analyse(question), question, hits, ("川崎市",), conversation=earlier)
    assert selection.evidence[0].sentence.startswith("今後も、会員数の増加")


def test_another_organisations_count_in_the_asked_year_is_not_the_asked_ones() -> None:
    passages = [_hit("「脱炭素アクションみぞのくち推進会議」(会員数:58(2024年11月現在))を発足した。")]
    selector = _selector()
    question = "CC川崎エコ会議の2024年度の会員数は？"
    assert selector.select(analyse(question), question, passages, ("川崎市",)).evidence == ()
    question = "脱炭素アクションみぞのくち推進会議の2024年度の会員数は？"
    assert selector.select(analyse(question), question, passages, ("川崎市",)).evidence != ()


def test_a_count_under_another_organisations_heading_is_not_the_asked_ones() -> None:
    text = "(1) 川崎温暖化対策推進会議(CC川崎エコ会議)\n令和4(2022)年2月末現在、110の企業・団体等が会員となっています。"
    question = "脱炭素アクションみぞのくち推進会議の2022年時点の会員数は？"
    assert _selector().select(analyse(question), question, [_hit(text)], ("川崎市",)).evidence == ()
    question = "CC川崎エコ会議の2022年時点の会員数は？"
    assert _selector().select(analyse(question), question, [_hit(text)], ("川崎市",)).evidence != ()


def test_the_best_admitted_sentence_answers_when_a_better_scored_one_is_not_admitted() -> None:
    passages = [
        _hit("川崎市の森林面積は約500haです。", municipality="川崎市"),
        _hit("東京都の森林面積はおよそ約8万haです。", municipality="葛飾区"),
    ]
    selector = _selector()
    question = "森林面積は？"
    selection = selector.select(analyse(question), question, passages, (), admits=lambda s: "東京都" in s)
    assert [e.sentence for e in selection.evidence] == ["東京都の森林面積はおよそ約8万haです。"]


def test_a_year_heading_an_empty_column_of_a_table_does_not_answer_for_that_year() -> None:
    passages = [_hit("年次目指す方向 2022 2023 2024 2025 2026\n実績値31,825,490 (KWh/年) 183,147,067 (KWh/年)")]
    question = "2025年の再エネ電力供給量の実績は？"
    assert _selector().select(analyse(question), question, passages, ("川崎市",)).evidence == ()
    question = "2023年の再エネ電力供給量の実績は？"
    assert _selector().select(analyse(question), question, passages, ("川崎市",)).evidence != ()


def test_a_part_whose_best_quote_repeats_a_quoted_line_widens_that_quote_to_its_answer() -> None:
    """The answer quotes "②設立日…/③所在地…" of a company table; the capital under it still answers its part,
    in one quote that repeats no line."""
    text = "②設立日2023年10月12日\n③所在地川崎市幸区\n④資本金1億円"
    selector = _selector()
    question = "設立日と所在地は？"
    parts = ("設立日と所在地は？", "所在地の資本金は？")
    selection = selector.select(analyse(question), question, [_hit(text)], ("川崎市",), parts=parts)
    assert [e.sentence for e in selection.evidence] == [text]


def test_a_hearsay_date_of_an_act_is_answered_beside_what_the_question_asks() -> None:
    """ "…は2022年4月に創設されたそうですが、参画団体はいくつ？": the documents' founding date corrects the asker."""
    text = "川崎市脱炭素経営支援コンソーシアム(2023年9月1日創設)\n参画団体(22団体 ※2024年5月1日現在)\n自治体 : 川崎市"
    question = "川崎市脱炭素経営支援コンソーシアムは2022年4月に創設されたそうですが、参画団体はいくつありますか。"
    selection = _selector().select(analyse(question), question, [_hit(text)], ("川崎市",))
    quoted = "\n".join(e.sentence for e in selection.evidence)
    assert "2023年9月1日創設" in quoted and "22団体" in quoted


def test_a_date_written_with_the_western_year_in_brackets_answers_when() -> None:
    hits = [
        _hit("2024年4月に稼働した橋処理センターでは、ごみの焼却時の熱で発電します。"),
        _hit("浮島処理センター(令和27(2045)年頃稼働)の建替えのタイミングで、炭素循環プラントを設置する。"),
    ]
    question = "新しい浮島処理センターはいつ頃稼働する予定ですか？"
    selection = _selector().select(analyse(question), question, hits, ("川崎市",))
    assert "(2045)年頃稼働" in selection.evidence[0].sentence


def test_the_passages_own_heading_is_not_the_answer_to_what_it_names() -> None:
    heading = "(1) 川崎温暖化対策推進会議(CC川崎エコ会議)"
    description = (
        "市民・事業者・行政が一体となって地球温暖化対策に取り組む組織であり、市内の温暖化対策の取組等について、"
        "国内外に情報発信することや会員間の情報共有、ネットワークづくりを進めています。"
        "令和4(2022)年2月末現在、110の企業・団体等が会員となっています。"
    )
    text = f"{heading}\n{description}"
    question = "CC川崎エコ会議ってどんな組織？"
    selection = _selector().select(analyse(question), question, [_hit(text, section=heading)], ("川崎市",))
    assert "市民・事業者・行政が一体となって" in selection.evidence[0].sentence


def test_a_cell_of_a_table_row_is_quoted_with_the_rest_of_its_row() -> None:
    row = (
        "1月15日(月)\n渡良瀬遊水地\nハートランド城\n(研修室1)\n脱炭素先行地域づくりの概要について\n"
        "藤岡地域内の現地視察について\n課題の整理について\n先行地域の選定について"
    )
    text = f"期日会場内容\n{row}\n\n(5) 再エネ普及促進プロジェクト"
    selector = _selector()
    question = "藤岡地域内の現地視察の会合は、本庁舎で開かれたんですよね？"
    selection = selector.select(analyse(question), question, [_hit(text, municipality="栃木市")], ("栃木市",))
    assert selection.evidence[0].sentence == row


def test_a_label_joined_to_the_end_of_the_sentence_before_it_is_quoted_with_its_value() -> None:
    text = "森林の整備に向けて測量と間伐を実施しました。ア所在地及び面積\n檜原村南郷約8ha(村有林)\n\n次の話題です。"
    selector = _selector()
    question = "間伐した森林の所在地及び面積は？"
    selection = selector.select(analyse(question), question, [_hit(text, municipality="葛飾区")], ("葛飾区",))
    assert selection.evidence[0].sentence.endswith("ア所在地及び面積\n檜原村南郷約8ha(村有林)")


def test_a_lettered_record_is_quoted_whole_with_the_sentence_its_first_label_was_joined_to() -> None:
    record = "\n".join(
        [
            "多摩の森の整備に向けて間伐を実施しました。ア所在地及び面積",
            "檜原村南郷約8ha(村有林)",
            "イ CO2吸収量(見込み)",
            "330t-CO2",
        ]
    )
    passages = [
        _hit("東京都の森林面積は約8万haです。", municipality="葛飾区"),
        _hit(f"{record}\n奥多摩町の森林を活用したツアーを企画し、次のとおり実施しました。", municipality="葛飾区"),
    ]
    selector = _selector()
    question = "多摩の森で間伐した森林の面積は？"
    selection = selector.select(analyse(question), question, passages, ("葛飾区",))
    assert selection.evidence[0].sentence == record


def test_a_question_for_an_area_prefers_the_figure_given_in_an_area_unit() -> None:
    passages = [
        _hit("間伐を実施した森林のツアーに20人が参加しました。", municipality="葛飾区"),
        _hit("間伐した森林は約8haです。", municipality="葛飾区"),
    ]
    selector = _selector()
    question = "間伐を実施した森林はどのくらいの広さですか？"
    selection = selector.select(analyse(question), question, passages, ("葛飾区",))
    assert selection.evidence[0].sentence == "間伐した森林は約8haです。"


def test_a_wrong_figure_in_tonnes_prefers_the_documents_figure_written_in_t() -> None:
    passages = [
        _hit("間伐によるCO2吸収量の見込みを毎年度確認していきます。", municipality="葛飾区"),
        _hit("間伐によるCO2吸収量の見込みは村有林と市有林で330t-CO2です。", municipality="葛飾区"),
    ]
    selector = _selector()
    question = "間伐によるCO2吸収量は3,300トンの見込みですよね？"
    selection = selector.select(analyse(question), question, passages, ("葛飾区",))
    assert "330t-CO2" in selection.evidence[0].sentence


def test_when_is_not_answered_by_the_date_the_question_itself_gives() -> None:
    passages = [
        _hit(
            "令和2年10月、国がカーボンニュートラルを宣言し、市もゼロカーボンシティの実現を目指しています。",
            municipality="さいたま市",
        ),
        _hit("令和2年7月に市がゼロカーボンシティを表明しました。", municipality="さいたま市"),
    ]
    selector = _selector()
    question = "市は国のカーボンニュートラル宣言(令和2年10月)を受けて、いつゼロカーボンシティを表明しましたか？"
    selection = selector.select(analyse(question), question, passages, ("さいたま市",))
    assert selection.evidence[0].sentence.startswith("令和2年7月")


def test_a_count_after_its_label_is_a_figure() -> None:
    hits = [
        _hit("CC川崎エコ会議は、110の企業・団体等が会員となっています。"),
        _hit("事業者が集まり、「みぞのくち推進会議」(会員数:58(2024年11月現在))を発足しました。"),
    ]
    question = "みぞのくち推進会議の会員数はいくつですか？"
    selection = _selector().select(analyse(question), question, hits, ("川崎市",))
    assert "会員数:58" in selection.evidence[0].sentence


def test_a_sentence_telling_what_a_chapter_shows_is_not_the_answer() -> None:
    hits = [
        _hit("計画の進行管理の方法を示しています。", municipality="さいたま市"),
        _hit("進行管理はPDCAサイクルによる方法で行います。", municipality="さいたま市"),
    ]
    question = "計画の進行管理の方法は？"
    selection = _selector().select(analyse(question), question, hits, ("さいたま市",))
    assert selection.evidence[0].sentence.startswith("進行管理はPDCAサイクル")


def test_a_heading_under_a_sentence_telling_what_a_chapter_shows_is_not_the_answer() -> None:
    """The signpost's line, quoted with the heading under it, still only says where the answer is."""
    text = (
        "9. 本計画の管理\n計画の着実かつ効果的な推進に向けた推進体制と進行管理を示します。\n推進体制\n進行管理\n"
        "PDCAサイクルにしたがって計画の中間見直し・改定を実施\n個別プロジェクトはOODAサイクルに従って継続的な改善を実施"
    )
    question = "計画の推進体制と進行管理は？"
    selection = _selector().select(
        analyse(question), question, [_hit(text, municipality="さいたま市")], ("さいたま市",)
    )
    assert "示します" not in selection.evidence[0].sentence


def test_a_question_in_parts_is_answered_when_one_part_clears_the_bar() -> None:
    """Each sentence answers one part: the whole question's best matches half its words and falls short."""
    hits = [_hit("推進会議は2021年7月に発足しました。"), _hit("会員数は58人です。")]
    question = "推進会議はいつ発足し、会員数はいくつですか？"
    strict = SentenceSelector(idf=lambda _: 1.0, similarity=None, min_score=0.7, max_sentences=1, weights=Weights())
    selection = strict.select(analyse(question), question, hits, ("川崎市",))
    assert [e.sentence for e in selection.evidence] == ["推進会議は2021年7月に発足しました。", "会員数は58人です。"]


def test_a_question_for_the_department_is_answered_by_an_office_not_a_platform() -> None:
    hits = [
        _hit("脱炭素の取組を進めるため、脱炭素促進プラットフォームを設置した。", municipality="栃木市"),
        _hit("脱炭素はカーボンニュートラル推進課の担当である。", municipality="栃木市"),
    ]
    question = "脱炭素の取組を担当している部署はどこですか？"
    selection = _selector().select(analyse(question), question, hits, ("栃木市",))
    assert "カーボンニュートラル推進課" in selection.evidence[0].sentence


def test_a_table_whose_records_extraction_split_over_lines_is_quoted_with_every_record() -> None:
    text = (
        "3連携協定締結\n協定の名称締結先締結日\nカーボンニュートラルシティ実現に向けた包括連携協定\n栃木ガス株式会社\n"
        "東京瓦斯株式会社7月13日\nゼロカーボンシティの実現に向けた連携協定\n東京電力パワーグリッド株式\n"
        "会社栃木南支社7月13日"
    )
    selector = _selector()
    question = "栃木市の連携協定の締結先はどこ？"
    selection = selector.select(analyse(question), question, [_hit(text, municipality="栃木市")], ("栃木市",))
    quoted = "\n".join(e.sentence for e in selection.evidence)
    assert "東京瓦斯株式会社" in quoted
    assert "東京電力パワーグリッド株式" in quoted


def test_a_follow_up_for_one_column_of_the_earlier_total_is_answered_by_that_columns_figure() -> None:
    grid = "(4) 脱炭素先行地域プロジェクト\n市内県内県外計\n48 8 2 58"
    events = "実施日実施団体・イベント参加人数\n4月17日(月) 栃木市女性団体連絡協議会役員会14"
    hits = [_hit(events, municipality="栃木市"), _hit(grid, municipality="栃木市")]
    selector = _selector()
    question = "栃木市 そのうち市内の団体はいくつですか？"
    earlier = "令和6年3月31日現在で58団体が会員です。"
    selection = selector.select(analyse(question), question, hits, ("栃木市",), conversation=earlier)
    assert selection.evidence[0].sentence == "市内県内県外計\n48 8 2 58"


def test_a_row_of_a_yearly_report_answers_for_its_year_though_it_names_none() -> None:
    title = "令和5年度 事務報告 第7節 カーボンニュートラル推進課"
    text = "実施日実施団体・イベント参加人数\n4月17日(月) 栃木市女性団体連絡協議会役員会14"
    question = "令和5年度に役員会で説明した団体と参加人数は？"
    selection = _selector().select(analyse(question), question, [_hit(text, title, "栃木市")], ("栃木市",))
    assert "役員会14" in selection.evidence[0].sentence
    question = "令和4年度に役員会で説明した団体と参加人数は？"
    assert _selector().select(analyse(question), question, [_hit(text, title, "栃木市")], ("栃木市",)).evidence == ()


def test_a_table_of_years_is_read_with_the_title_over_its_header_row() -> None:
    """The figure row under "2022 2023 …" says nothing of what it counts; the table's title two lines up does."""
    text = (
        "① 再生可能エネルギー電力供給量 [kWh/年]\n年次目指す方向\n2022 2023 2024 2025 2026\n"
        "実績値31,825,490 (KWh/年) 183,147,067 (KWh/年)"
    )
    question = "2023年の再エネ電力供給量は？"
    selection = _selector().select(analyse(question), question, [_hit(text)], ("川崎市",))
    assert "183,147,067" in selection.evidence[0].sentence


def test_a_question_naming_a_unit_prefers_the_figure_in_that_unit() -> None:
    passages = [
        _hit("再エネ電力の達成率は2023年度時点で約46%です。"),
        _hit("2023年 183,147,067 (KWh/年)", section="再エネ電力"),
    ]
    question = "How much renewable electricity in the leading area in 2023, in kWh?"
    search_text = f"{question} 再エネ 電力"
    selection = _selector().select(analyse(question), search_text, passages, ("川崎市",))
    assert "183,147,067" in selection.evidence[0].sentence


def test_an_english_questions_japanese_words_do_not_read_as_an_organisations_name() -> None:
    """ "栃木市 団体 会員 … プラットフォーム" normalised runs together into a name no passage gives: the passage's
    own platform must not count as another organisation."""
    text = "栃木市脱炭素促進プラットフォームを設置した。\n(1) 会員(令和6年3月31日現在) (単位:団体)"
    question = "How many organisations belonged to the platform in March 2024?"
    search_text = f"{question} 栃木市 団体 会員 脱炭素 プラットフォーム"
    selection = _selector().select(analyse(question), search_text, [_hit(text, municipality="栃木市")], ("栃木市",))
    assert selection.evidence != ()


def test_a_figure_asked_in_tonnes_is_answered_by_a_figure_in_tonnes_not_a_percentage() -> None:
    passages = [
        _hit("市内の全公共施設において、温室効果ガス削減に向け2030年度までに再エネ100%電力導入等を進める。"),
        _hit("2030年度削減目標\n市域全体目標 ▲50%削減(2013年度比)(▲1,180万t-CO2)"),
    ]
    selector = _selector()
    question = (
        "川崎市って2030年度までに温室効果ガスを何トン減らす計画なんですか？パーセントじゃなくて量で知りたいです。"
    )
    selection = selector.select(analyse(question), question, passages, ("川崎市",))
    assert "1,180万t-CO2" in selection.evidence[0].sentence


def test_a_declined_share_leaves_the_measure_asked() -> None:
    passages = [
        _hit("2030年度の温室効果ガス排出量の削減は50%です。"),
        _hit("2030年度の温室効果ガス排出量の削減は1,180万t-CO2です。"),
    ]
    selector = _selector()
    question = "2030年度の温室効果ガス排出量の削減は、割合ではなくどれだけの量ですか？"
    selection = selector.select(analyse(question), question, passages, ("川崎市",))
    assert "1,180万t-CO2" in selection.evidence[0].sentence


def test_an_area_asked_for_a_year_is_not_answered_by_another_figure_of_that_year() -> None:
    founded = "令和5年7月31日に、本区を含む都内6区、6市町村及び東京都が連携して多摩の森の推進協議会を発足。"
    thinned = "令和6年8月から12月にかけて測量及び間伐を実施しました。檜原村南郷約8ha(村有林)"
    found = [_hit(founded, municipality="葛飾区"), _hit(thinned, municipality="葛飾区")]
    question = "葛飾区が参加する多摩の森の事業で、令和5年度に間伐した面積はどれくらいですか"
    assert _selector().select(analyse(question), question, found, ("葛飾区",)).evidence == ()
    question = "葛飾区が参加する多摩の森の事業で、間伐した面積はどれくらいですか"
    assert "約8ha" in _selector().select(analyse(question), question, found, ("葛飾区",)).evidence[0].sentence


def test_a_misspelt_facility_is_answered_from_the_documents_spelling_with_its_count() -> None:
    text = (
        "ごみを利用して発電します\n2024年4月に稼働した橋処理センターでは、ごみの焼却時の熱を利用して電気を発電します。"
        "場内で使用する電力のほか、一般家庭13,000世帯相当分の電力をまかなうことができます。"
    )
    question = "2024年に動き出した橘処理センター、一般家庭3万世帯分の電気をまかなえるらしいですね。"
    selection = _selector().select(analyse(question), question, [_hit(text)], ())
    assert "一般家庭13,000世帯相当分" in selection.evidence[0].sentence


_TARGETS = (
    "2050年の将来ビジョンと2030年度の温室効果ガス削減目標等を定めた基本計画を2022年3月に改定しました。",
    "2050年の市域の温室効果ガス排出量実質ゼロを目指す",
    "市域目標2030年度までに▲50%削減(2013年度比)",
)


def test_a_years_target_is_answered_by_its_figure_not_by_the_plan_that_sets_it() -> None:
    question = "川崎市の2030年の目標は？"
    selection = _selector().select(analyse(question), question, [_hit(t) for t in _TARGETS], ("川崎市",))
    assert "▲50%" in selection.evidence[0].sentence


def test_a_long_term_target_set_at_zero_is_answered_by_that_zero() -> None:
    question = "川崎市の2050年の目標は？"
    selection = _selector().select(analyse(question), question, [_hit(t) for t in _TARGETS], ("川崎市",))
    assert "実質ゼロ" in selection.evidence[0].sentence


def test_a_figure_in_gwh_inside_a_formula_answers_a_follow_up_for_the_denominator() -> None:
    formula = (
        r"$$\left(\begin{array}{l} \text{再エネ等の電力供給量} \\ \text{約180GWh/年} \end{array} \right) \div "
        r"\begin{array}{l} \text{民生部門の電力需要量} \\ \text{約400GWh/年} \end{array}$$"
    )
    hits = [
        _hit("民生部門の電力消費に伴うCO2排出の実質ゼロ達成率は、2023年度時点で約46%となっています。"),
        _hit(formula),
    ]
    question = "分母の電力需要量はいくつで計算してるの？"
    selection = _selector().select(analyse(question), question, hits, ("川崎市",))
    assert "約400GWh/年" in selection.evidence[0].sentence


def test_a_tour_dated_in_offices_dotted_era_writing_answers_when() -> None:
    """A programme dates its tours "R6.10" (Ｒ６.10 before NFKC): the tour's line answers, not a dated sentence
    that only shares the project's name."""
    hits = [
        _hit("多摩の森の整備及び保全に向けて、令和6年8月から12月にかけて測量及び間伐を実施しました。"),
        _hit(
            "ツアーを企画し、次のとおり実施しました。\n"
            "R6.10森のガイドさんと、わくわくな探検をしよう!\n"
            "R6.12スギの枝や葉でクリスマスリースを作ろう!"
        ),
    ]
    question = "多摩の森のツアーで、クリスマスリースを作るのっていつあった？"
    selection = _selector().select(analyse(question), question, hits, ("川崎市",))
    assert "R6.12スギの枝や葉でクリスマスリースを作ろう!" in selection.evidence[0].sentence


def test_a_line_repeating_what_a_when_question_describes_answers_it_with_the_date_it_adds() -> None:
    """The question describes the scheme in the line's own words; the line still tells the one thing asked."""
    text = "\n".join(
        [
            "特定建築事業者太陽光発電設備導入制度【令和7(2025)年度施行】",
            "延べ床面積2,000m2未満の新築建築物を市内に年間一定量以上建築・供給する建築事業者への太陽光発電設備設置義務",
            "制度3",
            "建築士太陽光発電設備説明制度【令和6(2024)年度施行】",
            "建築士に対し、建築主への「太陽光発電設備の設置に関する説明」を行う説明義務",
        ]
    )
    question = "建築士が建築主に太陽光発電設備の設置について説明する制度は、何年度から施行されていますか？"
    selection = _selector().select(analyse(question), question, [_hit(text)], ("川崎市",))
    assert "令和6(2024)年度施行" in selection.evidence[0].sentence


def test_another_terms_count_is_no_answer_even_when_a_later_step_would_add_it() -> None:
    heading = "(3) 川崎市地球温暖化防止活動推進員"
    sentence = "法律第37条に基づき、川崎市から委嘱を受け(令和4(2022)年3月末現在、第7期82名)、普及啓発を行っています。"
    passages = [_hit(f"{heading}\n{sentence}")]

    def completion(
        question: str, chosen: tuple[Evidence, ...], hits: list[SearchHit], _: tuple[str, ...], __: str
    ) -> tuple[Evidence, ...]:
        return (*chosen, Evidence(hits[0], sentence, 0.0))

    selector = SentenceSelector(
        idf=lambda _: 1.0, similarity=None, min_score=0.1, max_sentences=1, weights=Weights(), complete=completion
    )
    question = "川崎市地球温暖化防止活動推進員の第6期は何名でしたか？"
    assert selector.select(analyse(question), question, passages, ("川崎市",)).evidence == ()
    question = "川崎市地球温暖化防止活動推進員の第7期は何名でしたか？"
    assert "第7期82名" in selector.select(analyse(question), question, passages, ("川崎市",)).evidence[0].sentence


def test_a_count_of_people_is_answered_by_a_head_count_not_by_another_figure() -> None:
    passages = [
        _hit("多摩の森の整備に向けて、令和6年8月から12月にかけて間伐を実施しました。\nCO2吸収量(見込み)\n330t-CO2"),
        _hit(
            "開催日 事業名 参加人数\n3月10日(日) くららフェスタ2024 2000\n12月5日(火) 栃木市市民大学120",
            municipality="栃木市",
        ),
    ]
    question = "令和6年度の多摩の森の現場体験ツアーって、全部で何人参加したの？"
    assert _selector().select(analyse(question), question, passages[:1], ("葛飾区",)).evidence == ()
    named = [_hit("推進員の育成支援 制度5\n新たな研修制度【令和6(2024)年度施行】")]
    question = "推進員は、令和6年度には何名委嘱されていますか？"
    assert _selector().select(analyse(question), question, named, ("川崎市",)).evidence == ()
    question = "くららフェスタ2024の啓発活動には何人参加しましたか？"
    selection = _selector().select(analyse(question), question, passages[1:], ("栃木市",))
    assert "2000" in selection.evidence[0].sentence
    question = "栃木市市民大学での啓発活動には何人参加しましたか？"
    selection = _selector().select(analyse(question), question, passages[1:], ("栃木市",))
    assert selection.evidence[0].sentence.endswith("栃木市市民大学120")


def test_a_timeline_line_of_the_asked_year_dates_only_the_event_it_names() -> None:
    timeline = "令和2年10月国がカーボンニュートラルを表明\n令和3年3月さいたま市が総合振興計画を改定"
    passages = [_hit(timeline, municipality="さいたま市")]
    question = "さいたま市ゼロカーボンシティ推進戦略は、令和3年の何月に策定されたのですか。"
    assert _selector().select(analyse(question), question, passages, ("さいたま市",)).evidence == ()
    question = "さいたま市が総合振興計画を改定したのは令和3年の何月？"
    assert (
        "令和3年3月" in _selector().select(analyse(question), question, passages, ("さいたま市",)).evidence[0].sentence
    )


def test_a_count_asked_in_a_counter_is_not_answered_by_a_share_of_the_asked_year() -> None:
    share = (
        "脱炭素先行地域における民生部門の電力消費に伴うCO2排出の実質ゼロ達成率は、2023年度時点で約46%となっており、"
        "事業者との連携による地域脱炭素化に向けた取組が進んでいます。"
    )
    count = "2022年4月に「かわさきプラスチック循環プロジェクト」(かわプラ)を設立しました(2023年度末現在18者)。"
    question = "かわプラの参加者って、2023年度には何者だったの？"
    assert _selector().select(analyse(question), question, [_hit(share)], ("川崎市",)).evidence == ()
    selection = _selector().select(analyse(question), question, [_hit(share), _hit(count)], ("川崎市",))
    assert "18者" in selection.evidence[0].sentence


def test_a_count_of_bodies_is_answered_by_a_table_in_that_unit_or_a_count_of_them() -> None:
    members = _hit("(1) 会員(令和6年3月31日現在) (単位:団体)\n市内県内県外計\n48 8 2 58", municipality="栃木市")
    question = "栃木市脱炭素促進プラットフォームの会員は令和5年度に何団体ですか？"
    selection = _selector().select(analyse(question), question, [members], ("栃木市",))
    assert "単位:団体" in selection.evidence[0].sentence
    bodies = _hit("CC川崎エコ会議は、令和4(2022)年度末現在、110の企業・団体等が会員となっています。")
    question = "CC川崎エコ会議には令和4年度に何社・何団体が会員として参加していますか？"
    selection = _selector().select(analyse(question), question, [bodies], ("川崎市",))
    assert "110の企業・団体等" in selection.evidence[0].sentence


def test_a_capacity_asked_of_a_year_is_not_answered_by_that_years_energy_in_kwh() -> None:
    supply = "① 再生可能エネルギー電力供給量 [kWh/年]\n2023年度 実績値 183,147,067 (KWh/年)"
    target = "市域の再エネ導入目標\n2030年度までに33万kW以上導入(2020年度実績20万kW)"
    question = "What was Kawasaki's installed renewable energy capacity in FY2023? 再エネ 導入"
    assert _selector().select(analyse(question), question, [_hit(supply)], ("川崎市",)).evidence == ()
    question = "What is Kawasaki's renewable energy capacity target for FY2030? 再エネ 導入 目標"
    selection = _selector().select(analyse(question), question, [_hit(supply), _hit(target)], ("川崎市",))
    assert "33万kW" in selection.evidence[0].sentence


THINNING = (
    "「多摩の森」活性化プロジェクト②\n"
    "多摩の森の整備及び保全に向けて、測量及び間伐を実施しました。ア所在地及び面積\n"
    "檜原村南郷約8ha(村有林)あきる野市戸倉約3ha(市有林)\n"
    "イ CO2吸収量(見込み)"
)


def test_a_quote_ending_with_a_joined_label_goes_on_to_the_labels_value() -> None:
    hit = _hit(THINNING)
    window = THINNING[: THINNING.index("\n檜原村")]  # the sentence and its label under the line over them
    sentence = THINNING[THINNING.index("多摩の森の") : THINNING.index("ア所在地")]
    for quote in (window, sentence):
        quoted = in_context(Evidence(hit, quote, 1.0, THINNING.index(quote))).sentence
        assert quoted.endswith("ア所在地及び面積\n檜原村南郷約8ha(村有林)あきる野市戸倉約3ha(市有林)")


def test_a_joined_label_over_a_line_of_prose_is_quoted_as_it_was() -> None:
    text = "間伐を実施しました。ア今後の予定\n来年度も引き続き間伐を実施します。"
    quoted = in_context(Evidence(_hit(text), "間伐を実施しました。", 1.0, 0)).sentence
    assert quoted == "間伐を実施しました。ア今後の予定"


BODIES = (
    "2. 各体制について\n"
    "(1) 川崎温暖化対策推進会議(CC川崎エコ会議)\n"
    "市民・事業者・行政が一体となって地球温暖化対策に取り組む組織であり、国内外に情報発信することを進めています。"
    "令和4(2022)年2月末現在、110の企業・団体等が会員となっています。\n"
    "(2) 川崎市地球温暖化防止活動推進センター\n"
    "(3) 川崎市地球温暖化防止活動推進員"
)


def test_a_heading_quoted_alone_goes_on_to_the_sentences_under_it_that_describe_it() -> None:
    heading = BODIES[: BODIES.index("\n市民")]
    quoted = in_context(Evidence(_hit(BODIES), heading, 1.0, 0)).sentence
    assert quoted.startswith(heading)
    assert "国内外に情報発信することを進めています。" in quoted
    assert quoted.endswith("110の企業・団体等が会員となっています。")


def test_a_heading_whose_description_is_quoted_already_widens_that_quote_instead_of_being_dropped() -> None:
    description_start = BODIES.index("市民・事業者")
    description = BODIES[description_start : BODIES.index("令和4")]
    chosen = Evidence(_hit(BODIES), description, 1.0, description_start)
    heading = BODIES[BODIES.index("(1)") : description_start - 1]
    kept = _without_repeats((chosen, in_context(Evidence(_hit(BODIES), heading, 0.9, BODIES.index("(1)")))))
    assert len(kept) == 1
    assert "(1) 川崎温暖化対策推進会議(CC川崎エコ会議)\n" + description in kept[0].sentence
    assert kept[0].score == 1.0


def test_a_quote_ending_with_a_label_the_question_names_reads_on_through_the_short_lines_it_heads() -> None:
    text = (
        "再エネ電気の利用促進を目的とした小売電気事業等\nエネルギーマネジメントの取組\n供給サイド\n廃棄物発電\n"
        "市外再エネ電気\n需要サイドでは、公共施設へ電気を供給しています。"
    )
    selector = _selector()
    question = "地域エネルギー会社の電力の供給サイドについて教えてください。"
    selection = selector.select(analyse(question), question, [_hit(text)], ("川崎市",))
    assert selection.evidence[0].sentence.endswith("供給サイド\n廃棄物発電\n市外再エネ電気")


def test_a_heading_over_another_heading_is_quoted_as_it_was() -> None:
    item = "(2) 川崎市地球温暖化防止活動推進センター"
    quoted = in_context(Evidence(_hit(BODIES), item, 1.0, BODIES.index(item))).sentence
    assert quoted == item


def test_one_selector_weighs_an_english_questions_latin_words_only_when_the_documents_write_them_in_capitals() -> None:
    selector = SentenceSelector(
        idf=lambda _: 1.0,
        similarity=None,
        min_score=0.3,
        max_sentences=1,
        weights=Weights(),
        capitals=lambda: frozenset({"zeb"}),
    )
    hits = [_hit("計画はPlan Do Check Actionの手順で進めます。"), _hit("庁舎のZEB化を進めます。")]

    def answer(question: str) -> list[str]:
        return [e.sentence for e in selector.select(analyse(question), question, hits, ("川崎市",)).evidence]

    assert answer("What plan checks the actions?") == []
    assert answer("What is the plan for ZEB?") == ["庁舎のZEB化を進めます。"]
    # A Japanese question's Latin words are names it chose to write.
    assert answer("Plan Do Checkとは?") == ["計画はPlan Do Check Actionの手順で進めます。"]


def test_a_part_of_an_english_question_is_weighed_as_english_though_written_with_its_japanese_words() -> None:
    def weight(_: str) -> float:
        return 1.0

    whole = Asking.of(analyse("When was it revised, and who leads it?"), "", ("川崎市",), weight)
    part = whole.part("who leads it? 推進体制 中心")
    assert part.facts.lang == "en"
    assert part.weight is weight


def test_a_count_of_shops_answers_a_how_many_question() -> None:
    question = "ブックカバーを配布した書店はいくつ？"
    counted = "都内大型書店(8店舗)において、書籍購入者にブックカバーを配布しました。"
    hits = [_hit("都内の6区が連携してフェアを実施しました。"), _hit(counted)]
    selection = _selector().select(analyse(question), question, hits, ("川崎市",))
    assert [e.sentence for e in selection.evidence] == [counted]


def test_the_row_of_the_table_headed_by_the_asked_noun_is_quoted_first() -> None:
    question = "さいたま市の基本的施策1「再生可能エネルギーの地産地消」を進めるとどんな効果が見込まれていますか。"
    summary = _hit(
        "基本的施策取組名称概要\n1. 再生可能エネルギーの地産地消1) 再生可能エネルギー等の導入が見込まれる。",
        municipality="さいたま市",
        section="5. 具体的事業・重点事業(1)",
    )
    effects = _hit(
        "基本的施策取組の効果・指標\n1.再生可能エネルギーの地産地消・分散型電源の増加によるレジリエンス強化",
        municipality="さいたま市",
        section="6.取組の効果・指標",
    )
    effects = SearchHit(rank=2, score=0.8, chunk=effects.chunk.model_copy(update={"chunk_id": "e"}))
    selection = _selector().select(analyse(question), question, [summary, effects], ("さいたま市",))
    assert "レジリエンス強化" in selection.evidence[0].sentence


def test_a_year_matched_quote_must_name_the_rarest_subject_the_documents_give_for_another_year() -> None:
    ranked = [
        _hit("大都市比較\n「死亡率」が最も低い【17年連続】(0.886%)\n出典:令和4年版大都市比較統計年表"),
        _hit("川崎市の概況\n面積:約144km2 (政令指定都市で最小)\n世帯数:約78万世帯 (2024年9月1日現在)"),
    ]
    selector = _selector({"死亡": 4.7, "世帯": 4.0})
    question = "令和6年版では、川崎市の死亡率は政令指定都市の中で何位でしたか。"
    assert selector.select(analyse(question), question, ranked, ("川崎市",)).evidence == ()
    question = "2024年の川崎市の世帯数は政令指定都市の中でどれくらいですか。"
    assert "78万世帯" in selector.select(analyse(question), question, ranked, ("川崎市",)).evidence[0].sentence


def test_a_subject_word_of_the_documents_title_is_given_in_the_asked_year_by_that_documents_lines() -> None:
    title = "さいたま市ゼロカーボンシティ推進戦略 骨子（素案）"
    ranked = [
        _hit("【骨子】\nさいたま市ゼロカーボンシティ推進戦略\n素案", title, "さいたま市"),
        _hit("目標2:\n2050年再生可能エネルギー等*の導入量2017年度比で、約14倍(37,954 TJ)", title, "さいたま市"),
    ]
    selector = _selector({"骨子": 4.7})
    question = "さいたま市ゼロカーボンシティ推進戦略（骨子案）では、2050年の再生可能エネルギー等の導入量の目標は？"
    assert "37,954" in selector.select(analyse(question), question, ranked, ("さいたま市",)).evidence[0].sentence


def test_a_word_in_hiragana_alone_is_not_the_subject_the_asked_year_must_name() -> None:
    ranked = [
        _hit("検討体制\n(参考)令和3(2021)年度に設置した検討体制(例)\n① 脱炭素アクションみぞのくち推進会議"),
        _hit("重点事業\n次世代自動車の導入を進めており、全庁で取組があります。"),
    ]
    selector = _selector({"あり": 4.7, "検討": 2.4})
    question = "令和3年度につくった検討体制の例はどんなものがありましたか？"
    assert "推進会議" in selector.select(analyse(question), question, ranked, ("川崎市",)).evidence[0].sentence


def test_an_asked_date_must_be_given_on_a_line_about_the_asked_event_not_another_dated_row_of_the_plan() -> None:
    title = "さいたま市ゼロカーボンシティ推進戦略"
    ranked = [
        _hit("経緯\n令和2年7月さいたま市がゼロカーボンシティを表明\n令和2年10月国がカーボンニュートラルを表明", title),
        _hit("進行管理\nPDCAサイクルにしたがって中間見直し・改定を実施します。", title),
    ]
    selector = _selector()
    question = "さいたま市ゼロカーボンシティ推進戦略の中間見直しは、何年度に行う予定ですか？"
    assert selector.select(analyse(question), question, ranked, ("さいたま市",)).evidence == ()
    question = "さいたま市がゼロカーボンシティを表明したのはいつですか？"
    assert "令和2年7月" in selector.select(analyse(question), question, ranked, ("さいたま市",)).evidence[0].sentence


CONSORTIUM = (
    "川崎市脱炭素経営支援コンソーシアム(2023年9月1日創設)\n参画団体(22団体 ※2024年5月1日現在)\n"
    "自治体 : 川崎市(環境局・経済労働局)\n金融機関 : 三井住友銀行、りそな銀行"
)


def _quote(hit: SearchHit, first: str, last: str, score: float) -> Evidence:
    """The passage quoted from the line starting with `first` to the end of the line starting with `last`."""
    text = hit.chunk.text
    start = text.index(first)
    end = text.find("\n", text.index(last))
    return Evidence(hit, text[start : end if end >= 0 else len(text)], score, start)


def _picked(*candidates: Evidence) -> tuple[Evidence, ...]:
    selector = SentenceSelector(idf=lambda _: 1.0, similarity=None, min_score=0.1, max_sentences=3, weights=Weights())
    return selector._pick(analyse("川崎市からは環境局だけが参加してるんだよね？"), list(candidates), ("川崎市",))


def test_a_runner_up_going_on_past_the_chosen_quote_from_a_shared_line_widens_it() -> None:
    chosen = _quote(_hit(CONSORTIUM), "川崎市脱炭素", "参画団体", 1.0)
    runner_up = _quote(_hit(CONSORTIUM), "参画団体", "自治体", 0.9)
    picked = _picked(chosen, runner_up)
    assert [e.sentence for e in picked] == [CONSORTIUM[: CONSORTIUM.index("\n金融機関")]]
    assert picked[0].score == 1.0


def test_a_runner_up_holding_the_whole_chosen_quote_does_not_widen_it() -> None:
    chosen = _quote(_hit(CONSORTIUM), "参画団体", "参画団体", 1.0)
    window = _quote(_hit(CONSORTIUM), "川崎市脱炭素", "金融機関", 0.9)
    assert _picked(chosen, window) == (chosen,)


def test_a_runner_up_adding_the_documents_running_head_does_not_widen_the_chosen_quote() -> None:
    title = "川崎市の脱炭素の取組について"
    hit = _hit(f"{title}\n{CONSORTIUM}", title=title)
    chosen = _quote(hit, "川崎市脱炭素", "参画団体", 1.0)
    runner_up = _quote(hit, title, "川崎市脱炭素", 0.9)
    assert _picked(chosen, runner_up) == (chosen,)


AGREEMENTS = (
    "3連携協定締結\nカーボンニュートラルの実現を図ることを目的に連携協定を2本締結した。\n"
    "協定の名称締結先締結日\nゼロカーボンシティの実現に向けた連携協定\n東京電力パワーグリッド株式会社7月13日"
)


def test_a_runner_up_adding_only_a_tables_header_row_leaves_the_table_its_own_quote() -> None:
    chosen = _quote(_hit(AGREEMENTS), "3連携協定", "カーボンニュートラル", 1.0)
    runner_up = _quote(_hit(AGREEMENTS), "カーボンニュートラル", "協定の名称", 0.95)
    table = _quote(_hit(AGREEMENTS), "協定の名称", "東京電力", 0.9)
    picked = _picked(chosen, runner_up, table)
    assert [e.sentence for e in picked] == [chosen.sentence, table.sentence]


def test_a_list_item_is_of_the_year_its_lists_heading_names() -> None:
    text = (
        "(参考)令和3(2021)年度に設置した検討体制(例)\n"
        "① 脱炭素アクションみぞのくち推進会議(事業者・団体等、行政)\n"
        "② 川崎市廃棄物発電の有効活用に関する懇談会(有識者、行政)【単年度時限設置】\n"
        "③ 川崎カーボンニュートラルコンビナート検討会議(有識者・団体等、行政)\n"
        "④ 全国都市緑化かわさきフェア基本計画懇談会(有識者・団体等、行政)\n"
        "⑤ 庁内のテーマ毎のワーキング(5種類)(行政)"
    )
    question = "川崎市が令和3年度に設けた「川崎カーボンニュートラルコンビナート検討会議」の構成は？"
    evidence = _selector().select(analyse(question), question, [_hit(text)], ("川崎市",)).evidence
    assert any("③ 川崎カーボンニュートラルコンビナート検討会議(有識者・団体等、行政)" in e.sentence for e in evidence)
    question = "川崎市が令和5年度に設けた「川崎カーボンニュートラルコンビナート検討会議」の構成は？"
    assert _selector().select(analyse(question), question, [_hit(text)], ("川崎市",)).evidence == ()


def test_a_body_the_question_describes_by_what_was_done_is_any_body_of_its_kind() -> None:
    founded = (
        "令和5年7月31日に、本区を含む都内6区、6市町村及び東京都が連携して多摩地域の森林整備を進めるため、"
        "「多摩の森」活性化プロジェクト推進協議会を発足。"
    )
    question = "葛飾区を含む都内6区、6市町村と東京都が令和5年7月31日に立ち上げた協議会の名前は何ですか。"
    selection = _selector().select(analyse(question), question, [_hit(founded, municipality="葛飾区")], ("葛飾区",))
    assert "推進協議会を発足" in selection.evidence[0].sentence
    other = "令和5年7月31日に、都内の区が連携して森林整備の検討会議を開催。"
    selection = _selector().select(analyse(question), question, [_hit(other, municipality="葛飾区")], ("葛飾区",))
    assert selection.evidence == ()
