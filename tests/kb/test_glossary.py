"""The glossary's one spelling per wording, used to compare a question's words with a document's."""

from __future__ import annotations

from kb.glossary import canonical_wording, japanese_terms, plans_names


def test_an_everyday_verb_compares_with_the_plans_term() -> None:
    assert "削減" in canonical_wording("温室効果ガスを何トン減らす計画ですか")
    assert canonical_wording("再生可能エネルギーを減らし") == "再エネを削減"
    assert canonical_wording("2030年度削減目標") == "2030年度削減目標"


def test_plan_vocabulary_maps_to_the_plans_headings() -> None:
    assert japanese_terms("the basic philosophy of the strategy") == ["基本理念", "戦略"]
    assert japanese_terms("its basic policies") == ["基本方針"]
    assert "重点事業" in japanese_terms("Which priority projects")


def test_the_legal_roles_and_acts_of_a_climate_plan_have_their_japanese_names() -> None:
    assert "推進員" in japanese_terms("How many promoters does Kawasaki have?")
    assert "表明" in japanese_terms("When did Saitama declare itself a zero carbon city?")


def test_a_latin_term_said_in_katakana_and_a_shortened_word_compare_with_the_documents_spelling() -> None:
    assert canonical_wording("ゼッチの支援") == "ZEHの支援"
    assert canonical_wording("キッズユーチューバー") == "キッズYouTuber"
    assert canonical_wording("EV車を活用したデモンストレーション") == "EV車を活用したデモ"


def test_city_gas_has_its_japanese_name() -> None:
    assert "都市ガス" in japanese_terms("what happens to city gas and LNG?")


def test_the_future_a_plan_aims_for_is_its_vision() -> None:
    assert "将来像" in japanese_terms("the future city it is aiming for")


def test_ordinary_planning_words_have_their_japanese() -> None:
    assert {"林業", "体験", "自然", "観察"} <= set(japanese_terms("forestry experience and nature-watching tours"))
    assert "所在地" in japanese_terms("Where is the company's office?")


def test_a_british_spelling_finds_the_glossary_term_not_its_last_word() -> None:
    assert japanese_terms("In Kawasaki's leading decarbonisation area") == ["脱炭素先行地域"]
    assert japanese_terms("the neighbouring cities' centre") == ["近隣都市", "センター"]
    assert japanese_terms("which organisations") == ["団体"]


def test_a_phrase_is_read_before_its_words() -> None:
    assert japanese_terms("How will it strengthen them in the future?") == ["強化", "今後"]
    assert japanese_terms("the private-facility target area") == ["民間", "施設", "対象地域"]
    assert japanese_terms("Which facilities will carry out demand response?") == ["施設", "実施"]


def test_local_people_are_the_documents_locals() -> None:
    assert "地元" in japanese_terms("Did they meet local people?")


def test_common_plan_words_have_their_japanese() -> None:
    assert {"次世代", "公共"} <= set(japanese_terms("next-generation vehicles for public buildings"))
    assert japanese_terms("How will the effects be quantified?") == ["効果", "定量化"]
    assert "熱" in japanese_terms("solar thermal use")


def test_schools_and_what_the_city_runs_have_their_japanese() -> None:
    assert japanese_terms("solar power at all city-run schools") == ["太陽光", "電力", "市立", "学校"]
    assert japanese_terms("together with the municipalities") == ["市町村", "自治体"]


def test_a_nature_or_infrastructure_phrase_is_the_plans_term_not_its_words() -> None:
    assert japanese_terms("'secondary nature' in the green infrastructure measure")[:2] == [
        "二次的自然",
        "グリーンインフラ",
    ]


def test_effective_is_read_as_effect_for_the_plans_kouka_teki() -> None:
    assert "効果" in japanese_terms("consider effective measures")


def test_local_consumption_and_power_generation_have_the_plans_terms() -> None:
    """ "consumed locally" is the plans' 地産地消, not "local" (地域) alone; "waste power generation" is 廃棄物発電."""
    assert "地産地消" in japanese_terms("How much electricity is consumed locally?")
    assert "地産地消" in japanese_terms("local consumption of energy")
    assert {"廃棄物", "発電"} <= set(japanese_terms("waste power generation"))


def test_another_established_name_compares_with_the_plans_name() -> None:
    assert canonical_wording("営農型太陽光発電の普及") == "ソーラーシェアリングの普及"
    assert canonical_wording("ゴミの削減") == "ごみの削減"
    assert canonical_wording("ネット・ゼロ・エネルギー・ハウスの支援") == "ZEHの支援"


def test_names_that_differ_in_meaning_are_kept_apart() -> None:
    """脱炭素 is a direction, カーボンニュートラル a balance reached: one is not asked as the other."""
    distinct = "脱炭素とカーボンニュートラルとゼロカーボン"
    assert canonical_wording(distinct) == distinct


def test_a_text_gets_the_plans_names_for_its_synonyms_once_in_order() -> None:
    assert plans_names("温暖化ガスとフードロスと温暖化ガス") == ["温室効果ガス", "食品ロス"]
    assert plans_names("ソーラーシェアリングの効果") == []
