import re

import pytest

from assistant.places import Mention
from assistant.question import (
    DOTTED_DATE,
    QUESTION_WORD,
    AnswerKind,
    Ordinal,
    analyse,
    claimed_part,
    dated_otherwise,
    days_in,
    detect_language,
    figure_unit,
    head_terms,
    months_in,
    named_head,
    ordinals_in,
    question_parts,
    subject_clauses,
    subject_entity,
    subject_sentences,
    topic_phrases,
    years_in,
)
from ingest import tagger as tagger_module
from ingest.tagger import tagged


def test_language_follows_the_script_of_the_question() -> None:
    assert detect_language("川崎市の目標は？") == "ja"
    assert detect_language("What is Kawasaki's target?") == "en"


def test_an_english_question_quoting_a_japanese_name_is_english() -> None:
    assert (
        detect_language("What four activities does the Tama forest project (「多摩の森」活性化プロジェクト) carry out?")
        == "en"
    )
    assert detect_language("Kawasaki-shi no Ukishima shori center、建て替えて新しくなるのはいつ頃？") == "ja"
    assert detect_language("「多摩の森」活性化プロジェクトとは？") == "ja"


def test_answer_kind_is_read_from_the_question_words() -> None:
    assert analyse("いつ設立されましたか？").kind is AnswerKind.date
    assert analyse("削減目標は何%ですか？").kind is AnswerKind.figure
    assert analyse("推進員は令和6年度に何名委嘱されていますか？").kind is AnswerKind.figure
    assert analyse("共同調達に参加した特別区は何区でしたか？").kind is AnswerKind.figure
    assert analyse("担当している部署はどこですか？").kind is AnswerKind.organisation
    assert analyse("どのような施策がありますか？").kind is AnswerKind.listing
    assert analyse("What was Kawasaki's installed renewable energy capacity in FY2023?").kind is AnswerKind.figure


def test_a_question_for_a_measure_in_a_named_unit_asks_a_figure() -> None:
    assert analyse("再エネ導入目標は何kW？").kind is AnswerKind.figure
    assert analyse("森林面積は何ヘクタール？").kind is AnswerKind.figure


def test_a_scale_is_asked_as_a_figure() -> None:
    # "参加規模" is answered by the member count ("(2024年10月現在20者)"), not by what the body was set up for.
    assert analyse("プラットフォームの参加規模を比べると？").kind is AnswerKind.figure


def test_a_years_target_asked_with_no_measure_asks_a_figure() -> None:
    assert analyse("川崎市の2030年の目標は？").kind is AnswerKind.figure
    assert analyse("2050年の目標に共通しているのは何ですか？").kind is not AnswerKind.figure


def test_a_target_area_asks_which_places_not_a_figure() -> None:
    assert analyse("What kinds of facilities are in the private-facility target area?").kind is not AnswerKind.figure
    assert analyse("What is the target for FY2030?").kind is AnswerKind.figure


def test_fiscal_year_is_not_answered_by_a_calendar_date_in_that_year() -> None:
    (year,) = years_in("2022年度の排出量は？")
    assert year.fiscal
    pattern = year.pattern()
    assert pattern.search("2022年度の排出量")
    assert pattern.search("令和4(2022)年度")
    assert pattern.search("令和4年度")
    assert not pattern.search("2022年3月に改定")  # March 2022 closes fiscal 2021


def test_an_abbreviated_era_year_is_read_as_the_era() -> None:
    assert years_in("R5年度の啓発で") == years_in("令和5年度の啓発で")
    assert [y.value for y in years_in("H30年度")] == [2018]
    assert years_in("PR5年") == ()


def test_a_year_a_bracketed_name_ends_on_is_the_names_not_an_asked_year() -> None:
    assert analyse("脱炭素戦略「かわさきカーボンゼロチャレンジ2050」を策定した時期は？").years == ()
    assert [y.value for y in analyse("「2050年の目標」は何？").years] == [2050]


def test_a_fiscal_year_holds_its_months_from_april_to_the_next_march() -> None:
    (year,) = years_in("令和6年度の間伐はいつ頃？")
    pattern = year.pattern()
    assert pattern.search("令和6年8月に間伐を実施")
    assert pattern.search("2025年3月24日開催")
    assert not pattern.search("令和6年2月")
    assert not pattern.search("令和7年4月")


def test_a_year_holds_its_months_as_offices_dot_them() -> None:
    (fiscal,) = years_in("令和6年度はどんなツアーを？")
    pattern = fiscal.pattern()
    assert pattern.search("R6.7奥多摩森林セラピー散策")
    assert pattern.search("R7.2冬の山でハイキング")  # February 2025 is in fiscal 2024
    assert pattern.search("2024.10.16開催")
    assert not pattern.search("R6.3")
    assert not pattern.search("R7.4")
    assert not pattern.search("R6.12.5.1")
    (calendar,) = years_in("2024年のツアーは？")
    assert calendar.pattern().search("R6.12スギの枝")
    assert not calendar.pattern().search("R7.2冬の山")


def test_era_years_and_western_years_match_each_other() -> None:
    (year,) = years_in("令和12年の目標")
    assert year.value == 2030
    assert year.pattern().search("2030年度までに")
    assert years_in("targets for FY2030")[0].fiscal


def test_figures_named_in_the_question_are_kept_for_premise_checks() -> None:
    assert analyse("なぜ30%削減なのですか？").figures == ("30%",)
    assert analyse("Why is the target 500 t of CO2?").figures == ("500 t",)
    assert analyse("What is Kawasaki's 2030 target?").figures == ()


def test_head_terms_are_what_the_question_asks_for() -> None:
    assert head_terms("川崎市の2030年度の温室効果ガス削減目標は？") == ("削減", "目標")


def test_an_english_question_names_its_head_before_of() -> None:
    asked = (
        "What is the basic philosophy of Saitama City's Zero Carbon City Promotion Strategy? さいたま市 基本理念 戦略"
    )
    assert head_terms(asked) == ("基本", "理念")


def test_kana_nani_and_nan_ask_only_after_a_particle_a_break_or_at_the_start() -> None:
    for asking in ("基本理念ってなんですか", "「ＤＸ」ってなんのこと？", "補助？なんていう事業？", "目標2ってなに？"):
        assert re.search(QUESTION_WORD, asking), asking
    for claiming in ("稼働する予定なんですか", "100%出資した会社なんですよね？", "こんなに多いの"):
        assert not re.search(QUESTION_WORD, claiming), claiming


def test_a_question_asking_two_things_is_split_into_its_parts() -> None:
    assert question_parts("川崎市の基本計画はいつ改定され、その推進体制の中心はどこですか？") == (
        "川崎市の基本計画はいつ改定され",
        "その推進体制の中心はどこですか？",
    )


def test_a_hearsay_dating_an_act_is_asked_as_when_beside_the_whole_question() -> None:
    question = "川崎市脱炭素経営支援コンソーシアムは2022年4月に創設されたそうですが、参画団体はいくつありますか。"
    assert question_parts(question) == ("川崎市脱炭素経営支援コンソーシアムはいつ創設された", question)
    assert question_parts("令和3年度から始めたと聞きました。何のためですか？")[0] == "いつから始めた"
    # A deadline is no date of an act, and a hearsay that is the whole question asks one thing.
    assert len(question_parts("2030年までに14倍にするそうですが、何と比べて14倍なのですか？")) == 1
    assert len(question_parts("2022年4月に創設されたそうですね。")) == 1


def test_a_clause_that_asks_nothing_stays_with_the_next() -> None:
    assert question_parts("栃木市と川崎市で、担当している部署はそれぞれどこですか？") == (
        "栃木市と川崎市で担当している部署はそれぞれどこですか？",
    )


def test_a_question_asking_how_or_enumerating_what_it_asks_is_split_into_its_parts() -> None:
    assert question_parts("推進会議は推進体制の中でどういう位置づけで、今の会員数はいくつですか？") == (
        "推進会議は推進体制の中でどういう位置づけで",
        "今の会員数はいくつですか？",
    )
    assert question_parts("推進センターの法的位置づけと、中小企業支援での役割は？") == (
        "推進センターの法的位置づけと",
        "中小企業支援での役割は？",
    )
    assert question_parts("2030年度の数値目標と、公共施設ごとの管理の方針を教えてください。") == (
        "2030年度の数値目標と",
        "公共施設ごとの管理の方針を教えてください。",
    )


def test_an_enumerated_place_is_not_a_part() -> None:
    assert question_parts("さいたま市と、川崎市の目標は？") == ("さいたま市と川崎市の目標は？",)


def test_an_english_question_asking_two_things_is_split_into_its_parts() -> None:
    assert question_parts("What is the capital of the energy company, and when did it start operating?") == (
        "What is the capital of the energy company",
        "when did it start operating?",
    )
    assert question_parts("When was it founded? Who chairs it?") == ("When was it founded?", "Who chairs it?")


def test_an_english_phrase_that_asks_nothing_or_a_relative_clause_is_not_a_part() -> None:
    assert question_parts("In Saitama's strategy, what happens to CO2, and when?") == (
        "In Saitama's strategy, what happens to CO2",
        "when?",
    )
    assert question_parts("How many people attended the session, which was held in June?") == (
        "How many people attended the session, which was held in June?",
    )


def test_a_base_year_is_measured_against_not_asked_about() -> None:
    follow_up = analyse("じゃあ1990年度比だと何%になるの？")
    assert follow_up.years == () and [y.value for y in follow_up.preferred_years] == [1990]
    english = analyse("What is Japan's FY2030 target relative to FY1990?")
    assert [y.value for y in english.years] == [2030] and [y.value for y in english.base_years] == [1990]
    assert [y.value for y in analyse("2030年度の目標は2013年度比で何%？").base_years] == [2013]


def test_a_term_asked_about_is_held_and_one_only_asserted_is_not() -> None:
    """A term asked about ("第6期は何名") is held; one the asker asserts ("第50回の総会で…んですよね？") is a premise
    the documents may correct (theirs is 第52回); a round in a cleft ("第3回会議が開かれたのは") is asked; a plan's
    edition ("第3次") is none."""
    assert analyse("推進員の第6期は何名でしたか？").ordinals == (Ordinal(6, "期"),)
    assert analyse("第50回定期総会で説明したんですよね？何人来ました？").ordinals == ()
    assert analyse("推進員って、今第5期で100人くらいでしたっけ？").ordinals == ()
    assert analyse("第3回会議が開かれたのはいつ？").ordinals == (Ordinal(3, "回"),)
    assert analyse("第3次の実行計画で、2050年の将来像をどう掲げているんですか？").ordinals == ()
    assert ordinals_in("第 52 回定期総会、第7期82名") == (Ordinal(52, "回"), Ordinal(7, "期"))


def test_a_year_in_the_premise_is_preferred_not_required() -> None:
    """A wrong premise ("2030年までに…そうですが") must not make the true year's sentence unusable, while a year the
    question asks about ("2040年度の目標は？") still is required."""
    premise = analyse("さいたま市は2030年までに再エネを14倍にするそうですが、何と比べて14倍なのですか？")
    assert premise.years == ()
    assert [y.value for y in premise.preferred_years] == [2030]
    cleft = analyse("川崎市が2024年度に脱炭素先行地域に選ばれたのは、どんな取組が評価されたからですか？")
    assert cleft.years == () and [y.value for y in cleft.preferred_years] == [2024]
    asked = analyse("川崎市の2040年度の温室効果ガス削減目標は？")
    assert [y.value for y in asked.years] == [2040]
    assert asked.preferred_years == ()


def test_the_subject_named_before_nitsuite_is_the_topic_not_the_comparisons_frame() -> None:
    question = "水素の活用について、さいたま市の戦略と川崎市の資料ではそれぞれどんなことが書かれていますか。"
    assert topic_phrases(question) == ("水素活用",)
    assert "それぞれ" not in head_terms(question) and "こと" not in head_terms(question)


def test_a_quoted_topic_and_a_relation_marker_are_read_with_their_nouns() -> None:
    assert topic_phrases("中小企業の排出量の「見える化」について教えて") == ("中小企業排出量見える化",)
    assert topic_phrases("川崎市の再エネに関する目標は？") == ("再エネ",)


def test_a_day_in_the_question_matches_the_spaced_day_of_a_table_row() -> None:
    (day,) = days_in("8月2日に啓発を行った先はどこ？")
    assert day.pattern().search("8 月 2 日（水） 高齢者学級 25")
    assert not day.pattern().search("8 月 12 日（土） 夏祭り 40")


def test_a_figures_unit_is_its_counter() -> None:
    assert analyse("連携協定を3本結んだと聞きましたが？").figures == ("3本",)
    assert figure_unit("3本") == "本"
    assert figure_unit("50%") == "%"


def test_the_months_a_question_states_are_read_in_either_era() -> None:
    assert [(m.year, m.month) for m in months_in("宣言(令和2年10月)を受けて、いつ表明した？")] == [(2020, 10)]
    assert [(m.year, m.month) for m in months_in("2024年8月から令和元年5月まで")] == [(2024, 8), (2019, 5)]
    assert analyse("2050年にはどうなる？").months == ()


def test_a_hearsay_sentence_is_a_premise_whose_year_is_not_required() -> None:
    facts = analyse("栃木市は令和5年度に連携協定を3本結んだと聞きました。3本目の相手はどこですか？")
    assert facts.years == ()
    assert [y.value for y in facts.preferred_years] == [2023]
    assert facts.figures == ("3本",)


def test_a_count_in_ten_thousands_is_in_its_counter() -> None:
    assert figure_unit("3万世帯") == "世帯"
    assert figure_unit("3万") == "万"


def test_a_text_dated_in_another_fiscal_year_is_dated_otherwise() -> None:
    asked = analyse("令和5年度に間伐した面積は？").years
    assert dated_otherwise("令和6年8月から12月にかけて測量及び間伐を実施しました。", asked)
    assert not dated_otherwise("令和6年2月に間伐を実施しました。", asked)
    assert not dated_otherwise("檜原村南郷約8ha(村有林)", asked)


def test_the_subject_is_the_named_thing_before_the_topic_marker_without_its_place_or_year() -> None:
    assert subject_entity("CC川崎エコ会議って何？") == "CC川崎エコ会議"
    assert subject_entity("栃木市脱炭素促進プラットフォームには何団体？") == "脱炭素促進プラットフォーム"
    assert subject_entity("葛飾区の「多摩の森」活性化プロジェクトって何？") == "多摩の森活性化プロジェクト"
    assert subject_entity("川崎市の2030年度の温室効果ガス削減目標は？") == "温室効果ガス削減目標"
    assert subject_entity("市域全体では？") == "市域全体"


def test_a_place_running_into_a_noun_of_its_own_is_part_of_the_subject() -> None:
    assert subject_entity("川崎未来エナジーはいつ設立されたの？") == "川崎未来エナジー"
    assert subject_entity("さいたま市の戦略だと、大宮駅の周りでは何をするの？") == "大宮駅の周り"


def test_a_pronoun_a_bare_year_or_an_unmarked_question_names_no_subject() -> None:
    assert subject_entity("それっていつ設立されたの？") == ""
    assert subject_entity("では2050年は？") == ""
    assert subject_entity("どれくらいの団体が参加してる？") == ""
    assert subject_entity("川崎市は？") == ""


def test_a_question_that_only_confirms_a_year_asks_the_date_and_does_not_prefer_its_year() -> None:
    facts = analyse("さいたま市がゼロカーボンシティを表明したのは令和3年ですよね？")
    assert facts.kind is AnswerKind.date
    assert facts.preferred_years == ()


def test_a_recalled_date_is_a_premise_to_correct() -> None:
    """The ending of "…令和2年10月でしたっけ？" claims its date as "…のは令和2年10月ですよね" does: the
    documents' date answers it, so the asker's year is neither required nor preferred."""
    facts = analyse("さいたま市が気候非常事態宣言を出したのって令和2年10月でしたっけ？")
    assert facts.kind is AnswerKind.date
    assert facts.years == () and facts.preferred_years == ()


def test_a_recalled_ending_after_a_question_word_asks_and_claims_nothing() -> None:
    """The endings of "…はいつでしたっけ？" and "何%だっけ？" ask: the year they name is the one asked about."""
    assert [y.value for y in analyse("令和5年度の総会はいつでしたっけ？").years] == [2023]
    assert [y.value for y in analyse("2030年度の削減目標は何%だっけ？").years] == [2030]


def test_a_term_asked_with_a_recalled_ending_is_held_and_one_in_a_recalled_claim_is_not() -> None:
    """ "推進員の第6期は何名だったっけ？" asks for 第6期 as "…何名でしたか" does; "第3回会議で話し合ったんだっけ？"
    checks its round, which the documents may correct."""
    assert analyse("推進員の第6期は何名だったっけ？").ordinals == (Ordinal(6, "期"),)
    assert analyse("第3回会議が開かれたのはいつでしたっけ？").ordinals == (Ordinal(3, "回"),)
    assert analyse("第3回会議で話し合ったんだっけ？").ordinals == ()
    assert claimed_part("推進員は何人？第5期で100人くらいでしたっけ") == "推進員は何人？第5期で100人くらいでしたっけ"


def test_a_recalled_event_with_its_date_is_a_premise_to_correct() -> None:
    """ "…令和4年度に設立されたんでしたっけ？" claims the date of the event as "…んですよね" does: the documents' date
    answers it; with a question word ("いつ設立されたんでしたっけ") the same ending asks."""
    facts = analyse("プラットフォームって令和4年度に設立されたんでしたっけ？")
    assert facts.kind is AnswerKind.date
    assert facts.years == () and facts.preferred_years == ()
    assert [y.value for y in analyse("令和5年度の総会はいつ開かれたんでしたっけ？").years] == [2023]


def test_a_cleft_with_notte_presupposes_its_year_as_one_with_noha_does() -> None:
    facts = analyse("川崎市が2024年度に選ばれたのって、どんな取組が評価されたから？")
    assert facts.years == () and [y.value for y in facts.preferred_years] == [2024]


def test_a_premise_year_before_a_real_question_or_beside_a_stated_figure_is_still_preferred() -> None:
    facts = analyse("2030年までに14倍にするそうですが、何と比べて？")
    assert [year.value for year in facts.preferred_years] == [2030]
    facts = analyse("2030年度までに60%削減する目標だそうですが、本当ですか？")
    assert [year.value for year in facts.preferred_years] == [2030]


def test_a_year_named_in_passing_in_a_confirmation_is_still_preferred() -> None:
    facts = analyse(
        "さいたま市がゼロカーボンシティを表明したのは、国の2050年カーボンニュートラル宣言を受けてからですよね？"
    )
    assert [year.value for year in facts.preferred_years] == [2050]


def _named(text: str, *names: str) -> list[Mention]:
    return [Mention(text.index(name), text.index(name) + len(name), (name,)) for name in names]


def test_each_subject_heading_a_clause_of_its_own_gets_that_clause_with_what_is_asked_of_all() -> None:
    text = "さいたま市が宣言したのと、川崎市が戦略を策定したのは、それぞれいつ?"
    assert subject_clauses(text, _named(text, "さいたま市", "川崎市"), ["さいたま市", "川崎市"]) == (
        "さいたま市が宣言したのは、それぞれいつ?",
        "川崎市が戦略を策定したのは、それぞれいつ?",
    )
    shared = "さいたま市と川崎市の目標は?"
    assert subject_clauses(shared, _named(shared, "さいたま市", "川崎市"), ["さいたま市", "川崎市"]) == ()


def test_each_subject_asked_in_a_sentence_of_its_own_gets_it_with_the_topic_and_without_its_link_word() -> None:
    text = "再エネについて、栃木市の目標は?そして川崎市の目標は?"
    assert subject_sentences(text, _named(text, "栃木市", "川崎市"), ["栃木市", "川崎市"]) == (
        "再エネについて、栃木市の目標は?",
        "再エネについて、川崎市の目標は?",
    )


def test_the_readers_of_a_question_share_one_tagging(monkeypatch: pytest.MonkeyPatch) -> None:
    """Head, topic and subject each read the question's words: the tagger parses it once for all three."""
    tagged.cache_clear()
    parses: list[str] = []
    real_tagger = tagger_module.tagger
    monkeypatch.setattr(tagger_module, "tagger", lambda: lambda text: parses.append(text) or real_tagger()(text))
    question = "多摩区の森林整備の推進について、間伐面積の目標は？"
    assert head_terms(question) == ("目標",)
    assert topic_phrases(question) == ("森林整備推進",)
    assert subject_entity(question) == "間伐面積の目標"
    assert len(parses) == 1


def test_offices_dotted_dates_are_dates_and_a_decimal_figure_is_none() -> None:
    found = [m.group(0) for m in DOTTED_DATE.finditer("R6.10森のガイドさん R5.4.1施行 (2024.10.16開催) H30.3")]
    assert found == ["R6.10", "R5.4.1", "2024.10.16", "H30.3"]
    assert not DOTTED_DATE.search("排出量は2024.5万t、CO2は12.5%、PR3.5件、R6.13")


def test_an_english_question_names_what_it_asks_for_after_which() -> None:
    assert named_head("Which new technologies does the plan say need a national role?") == ("技術",)
    assert named_head("川崎市の削減目標は？") == ()


def test_a_date_noun_asks_for_a_date_only_as_the_thing_asked() -> None:
    for asked in ("清掃事務所で行われた視察の日付は？", "セミナーの開催日を教えてください。", "日程が知りたいです。"):
        assert analyse(asked).kind is AnswerKind.date, asked
    about = analyse("ツアーのアンケートって、ほかにどんな感想があったの？日程についての声もあった？")
    assert about.kind is AnswerKind.listing
