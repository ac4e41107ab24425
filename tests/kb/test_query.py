from __future__ import annotations

from kb.glossary import japanese_terms, mostly_latin
from kb.loanwords import Loanwords
from kb.names import DocumentNames
from kb.query import QueryExpander

COVERED = {"川崎市", "さいたま市", "栃木市", "葛飾区"}


def test_english_question_gains_its_japanese_terms_and_place() -> None:
    expanded = QueryExpander(COVERED).expand("What is Kawasaki's renewable energy target?")
    assert expanded.startswith("What is Kawasaki's renewable energy target? ")
    added = expanded.split("? ", 1)[1].split()
    assert added[0] == "川崎市"
    assert {"再生可能エネルギー", "再エネ", "目標"} <= set(added)


def test_japanese_question_is_left_alone() -> None:
    question = "川崎市の2030年度の削減目標は？ target"
    assert QueryExpander(COVERED).expand(question) == question


def test_a_japanese_question_also_searches_the_plans_name_for_a_synonym_it_uses() -> None:
    """The plan writes ソーラーシェアリング; a question about 営農型太陽光発電 shares no word with it."""
    expander = QueryExpander(COVERED)
    question = "営農型太陽光発電はどの施策？"
    assert expander.expand(question) == f"{question} ソーラーシェアリング"
    both = "ソーラーシェアリング（営農型太陽光発電）とは"
    assert expander.expand(both) == both


def test_terms_the_question_already_has_are_not_added_twice() -> None:
    """The assistant appends the Japanese terms itself; expanding its text again must change nothing."""
    expander = QueryExpander(COVERED)
    once = expander.expand("When did Saitama declare a climate emergency?")
    assert expander.expand(once) == once
    assert once.count("さいたま市") == 1


def test_only_stored_municipalities_are_named() -> None:
    expander = QueryExpander(COVERED)
    assert expander.places("Osaka and Kawasaki and Tochigi") == ["川崎市", "栃木市"]
    assert expander.places("kawasaki, KAWASAKI") == ["川崎市"]
    assert expander.places("Kawasakiya") == []  # whole words only
    assert QueryExpander(set()).places("Kawasaki") == []


def test_language_check_counts_letters_not_digits_or_symbols() -> None:
    assert mostly_latin("What is the FY2030 target?")
    assert not mostly_latin("2030年度のCO2削減目標は？")
    assert not mostly_latin("2030 / 50%")


def test_glossary_matches_word_starts_and_keeps_order() -> None:
    assert japanese_terms("Renewables and solar targets") == ["再生可能エネルギー", "再エネ", "太陽光", "目標"]
    assert japanese_terms("a recut") == []  # "cut" only at a word start


def test_glossary_carries_the_words_of_what_a_plan_does_and_where() -> None:
    """ "emitted" finds 排出 as "emission" does, and a site's size is its 面積 under a 所在地 label."""
    assert japanese_terms("CO2 still emitted, offset by trading") == ["CO2", "排出", "オフセット", "取引"]
    assert japanese_terms("Where was thinning carried out, how big were the sites?") == [
        "間伐",
        "実施",
        "面積",
        "規模",
        "所在地",
        "箇所",
    ]


def test_names_the_documents_use_are_added_after_the_places() -> None:
    expander = QueryExpander(COVERED, DocumentNames.build(["大宮駅周辺の街区間の熱電融通。"]))
    assert expander.japanese("Where near Omiya Station in Saitama?")[:2] == ["さいたま市", "大宮"]
    assert expander.expand("Omiya?") == "Omiya? 大宮"


def test_a_municipality_is_searched_by_its_full_name_only() -> None:
    """川崎 is also a name the documents use; beside 川崎市 it would only pull in passages that mention the city."""
    expander = QueryExpander(COVERED, DocumentNames.build(["川崎市と川崎区。"]))
    assert expander.japanese("Kawasaki") == ["川崎市"]


def test_domain_words_are_not_read_as_a_shorter_term() -> None:
    assert "計画" not in japanese_terms("the incineration plant")  # "plant" is not "plan"
    assert "割合" not in japanese_terms("heat and power shared between blocks")  # "shared" is not a "share" of
    assert japanese_terms("relative to the national target") == ["比", "国", "目標"]


def test_glossary_carries_the_words_of_outreach_records_and_regional_groups() -> None:
    assert japanese_terms("at some association's board meeting, how many attended?") == [
        "団体",
        "協議会",
        "協会",
        "役員会",
        "参加",
    ]
    assert japanese_terms("cooperation with the 'Nine Prefectures and Cities'") == ["連携", "九都県市"]


def test_an_english_question_also_searches_the_katakana_loanwords_the_documents_use() -> None:
    expander = QueryExpander(COVERED, loanwords=Loanwords(["グリーン・リカバリーの視点"]))
    assert {"グリーン", "リカバリー"} <= set(expander.japanese("What does Kawasaki mean by green recovery?"))
