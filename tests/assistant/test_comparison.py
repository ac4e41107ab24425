"""Comparison questions on small in-memory passages: each municipality's own fact, with its citation, in the order
the question names them, and never one city's figure given for the other."""

from __future__ import annotations

from assistant.comparison import PlaceQuestion, place_questions, select_each
from assistant.extractive import SentenceSelector, Weights
from assistant.places import PlaceResolver
from assistant.settings import AssistantSettings
from ingest.document import Chunk
from ingest.normalize import normalize_text
from kb.search import SearchHit

COVERED = {"川崎市", "さいたま市", "栃木市", "葛飾区"}


def questions(text: str) -> tuple[PlaceQuestion, ...]:
    resolver = PlaceResolver(COVERED)
    normalized = normalize_text(text)
    return place_questions(normalized, resolver.mentions(normalized), resolver.resolve(normalized).covered)


def hit(text: str, municipality: str, rank: int) -> SearchHit:
    chunk = Chunk(
        chunk_id=f"{municipality}-{rank}",
        doc_id=municipality,
        index=rank,
        text=text,
        start=0,
        end=len(text),
        section="",
        title="計画書",
        municipality=municipality,
    )
    return SearchHit(rank=rank, score=1.0 / rank, chunk=chunk)


def selector() -> SentenceSelector:
    return SentenceSelector(idf=lambda _: 1.0, similarity=None, min_score=0.3, max_sentences=3, weights=Weights())


def test_each_municipality_is_asked_the_question_without_the_others_names() -> None:
    asked = questions("栃木市と川崎市で、脱炭素の取組を担当している部署はそれぞれどこですか？")
    assert [q.municipality for q in asked] == ["栃木市", "川崎市"]
    assert asked[0].text == "栃木市で、脱炭素の取組を担当している部署はそれぞれどこですか?"
    assert asked[1].text == "川崎市で、脱炭素の取組を担当している部署はそれぞれどこですか?"


def test_an_enumeration_owning_one_thing_keeps_it_for_each_place() -> None:
    both = questions("栃木市と川崎市の取組は？")
    assert [q.text for q in both] == ["栃木市の取組は?", "川崎市の取組は?"]


def test_what_the_other_name_owns_in_the_enumeration_goes_with_it_and_the_own_document_where_it_is_written() -> None:
    asked = questions("水素の活用について、さいたま市の戦略と川崎市の資料ではそれぞれどんなことが書かれていますか。")
    assert [q.text for q in asked] == [
        "水素の活用について、さいたま市ではそれぞれどんなことが書かれていますか。",
        "水素の活用について、川崎市ではそれぞれどんなことが書かれていますか。",
    ]


def test_a_document_named_by_its_subject_in_quotes_goes_with_its_place_and_keeps_the_subject() -> None:
    asked = questions("森林の学習について、葛飾区の「多摩の森」の報告とさいたま市の戦略ではそれぞれどんな取組が？")
    assert [q.text for q in asked] == [
        "森林の学習について、葛飾区の「多摩の森」ではそれぞれどんな取組が?",
        "森林の学習について、さいたま市ではそれぞれどんな取組が?",
    ]


def test_a_plans_full_title_goes_with_its_city_and_the_topic_stays() -> None:
    asked = questions(
        "川崎市の温暖化対策推進基本計画とさいたま市のゼロカーボンシティ推進戦略では、"
        "計画の進行管理にどのような管理サイクルを用いるとしていますか。"
    )
    assert [q.text for q in asked] == [
        "川崎市では、計画の進行管理にどのような管理サイクルを用いるとしていますか。",
        "さいたま市では、計画の進行管理にどのような管理サイクルを用いるとしていますか。",
    ]


def test_a_document_asked_about_or_shared_by_both_places_stays_in_each_question() -> None:
    revised = questions(
        "さいたま市の温暖化対策実行計画と川崎市の温暖化対策推進基本計画、それぞれ直近で改定されたのはいつですか？"
    )
    assert [q.text for q in revised] == [
        "さいたま市の温暖化対策実行計画、それぞれ直近で改定されたのはいつですか?",
        "川崎市の温暖化対策推進基本計画、それぞれ直近で改定されたのはいつですか?",
    ]
    shared = questions("電気自動車の普及について、栃木市と川崎市の資料にはそれぞれどんな取組が出てきますか。")
    assert shared[1].text == "電気自動車の普及について、川崎市の資料にはそれぞれどんな取組が出てきますか。"


def test_a_body_named_after_a_place_is_cut_whole_from_the_other_places_question() -> None:
    asked = questions("栃木市と特別区長会は、いずれも民間企業と連携協定を結んでいますが、締結日はいつですか。")
    assert asked[0].text == "栃木市は、いずれも民間企業と連携協定を結んでいますが、締結日はいつですか。"
    bodies = questions("栃木市の脱炭素促進プラットフォームと川崎市のCC川崎エコ会議、会員数はそれぞれどのくらいですか？")
    assert [q.text for q in bodies] == [
        "栃木市の脱炭素促進プラットフォーム、会員数はそれぞれどのくらいですか?",
        "川崎市のCC川崎エコ会議、会員数はそれぞれどのくらいですか?",
    ]


def test_a_clause_comma_before_the_enumeration_is_kept_and_a_bracketed_alias_goes_with_its_name() -> None:
    asked = questions("森林の吸収源を使った取組は、特別区とさいたま市でそれぞれどうなっていますか？")
    assert [q.text for q in asked] == [
        "森林の吸収源を使った取組は、特別区でそれぞれどうなっていますか?",
        "森林の吸収源を使った取組は、さいたま市でそれぞれどうなっていますか?",
    ]
    three = questions("川崎市、さいたま市、特別区（23区）の2050年の目標は？")
    assert [q.text for q in three] == [
        "川崎市の2050年の目標は?",
        "さいたま市の2050年の目標は?",
        "特別区(23区)の2050年の目標は?",
    ]
    assert [q.municipality for q in three] == ["川崎市", "さいたま市", "葛飾区"]


def test_a_group_named_through_a_members_document_in_brackets_is_cut_whole_from_the_other_places_question() -> None:
    asked = questions("研修について、特別区（葛飾区の報告資料）と川崎市の計画では、それぞれ誰が対象ですか。")
    assert [q.municipality for q in asked] == ["葛飾区", "川崎市"]
    assert asked[1].text == "研修について、川崎市の計画では、それぞれ誰が対象ですか。"


def test_places_heading_clauses_of_their_own_each_get_their_own_clause() -> None:
    asked = questions(
        "さいたま市がゼロカーボンシティを表明したのと、川崎市が脱炭素戦略を策定したのは、それぞれいつですか？"
    )
    assert [q.text for q in asked] == [
        "さいたま市がゼロカーボンシティを表明したのは、それぞれいつですか?",
        "川崎市が脱炭素戦略を策定したのは、それぞれいつですか?",
    ]
    ward = questions("栃木市がプラットフォームを設立した時期と、特別区（23区）全体が宣言した日は、それぞれいつ？")
    assert [q.text for q in ward] == [
        "栃木市がプラットフォームを設立した時期は、それぞれいつ?",
        "特別区(23区)全体が宣言した日は、それぞれいつ?",
    ]


def test_a_name_inside_a_clause_stays_with_its_place_and_enumerated_places_share_the_question() -> None:
    named = questions("栃木市が会議を開いたのと、川崎市が「かわさきプラ」を始めたのはいつ？")
    assert [q.text for q in named] == ["栃木市が会議を開いたのはいつ?", "川崎市が「かわさきプラ」を始めたのはいつ?"]
    shared = questions("栃木市と川崎市は脱炭素先行地域にそれぞれどう関わっていますか？")
    assert [q.text for q in shared] == [
        "栃木市は脱炭素先行地域にそれぞれどう関わっていますか?",
        "川崎市は脱炭素先行地域にそれぞれどう関わっていますか?",
    ]


def test_places_asked_in_sentences_of_their_own_each_get_their_sentence_with_the_shared_topic() -> None:
    asked = questions(
        "脱炭素先行地域について、栃木市は応募に向けてどの地域を対象にプロジェクトチームを設けましたか。"
        "また川崎市はいつ国から選定されましたか。"
    )
    assert [q.text for q in asked] == [
        "脱炭素先行地域について、栃木市は応募に向けてどの地域を対象にプロジェクトチームを設けましたか。",
        "脱炭素先行地域について、川崎市はいつ国から選定されましたか。",
    ]
    # Each place's passages are still searched with the whole question's words: its sentence alone may be too short
    # to find them.
    assert "プロジェクトチーム" in asked[1].search_text
    assert "川崎市" not in asked[0].search_text
    topic_first = questions("再エネについて聞きます。栃木市の導入目標は？川崎市の導入目標は？")
    assert [q.text for q in topic_first] == [
        "再エネについて聞きます。栃木市の導入目標は?",
        "再エネについて聞きます。川崎市の導入目標は?",
    ]


def test_a_place_opening_a_clause_of_its_own_is_asked_its_clause_with_the_shared_topic_only() -> None:
    joined = questions(
        "再生可能エネルギー電力の共同調達について、葛飾区の報告では何区が参加し、"
        "さいたま市の戦略ではどのような具体的事業として位置づけられていますか。"
    )
    assert [(q.municipality, q.search_text) for q in joined] == [
        ("葛飾区", "再生可能エネルギー電力の共同調達について、葛飾区では何区が参加し"),
        (
            "さいたま市",
            "再生可能エネルギー電力の共同調達について、さいたま市ではどのような具体的事業として位置づけられていますか。",
        ),
    ]
    # The first sentence names both places but is the first place's: the other is named there as what it asks.
    named_in_first = questions(
        "川崎市の計画でいう九都県市の連携相手にさいたま市は入ってる？さいたま市側の戦略にも都市間の連携って出てくる？"
    )
    assert [q.text for q in named_in_first] == [
        "川崎市でいう九都県市の連携相手にさいたま市は入ってる?",
        "さいたま市側の戦略にも都市間の連携って出てくる?",
    ]
    # Places enumerated after the topic head no clause of their own.
    enumerated = questions("共同調達について、葛飾区とさいたま市ではそれぞれどう書かれていますか。")
    assert [q.text for q in enumerated] == [
        "共同調達について、葛飾区ではそれぞれどう書かれていますか。",
        "共同調達について、さいたま市ではそれぞれどう書かれていますか。",
    ]


def test_parts_about_different_places_each_go_to_their_place_and_the_search_keeps_the_whole() -> None:
    asked = questions(
        "葛飾区の清掃事務所にさいたま市も視察に来たそうですが、その視察はいつでしたか。"
        "あと、さいたま市自身の戦略では公共施設を新しく建てるとき何を導入するとしていますか。"
    )
    # The first part names both places, but the second is さいたま市's alone: the first is 葛飾区's, and only its
    # side asks for a date.
    assert [(q.municipality, "いつ" in q.text, "導入" in q.text) for q in asked] == [
        ("葛飾区", True, False),
        ("さいたま市", False, True),
    ]
    assert all("清掃事務所" in q.search_text and "導入" in q.search_text for q in asked)
    # The topic said before any place goes with each place's part.
    topic = questions("脱炭素先行地域について、栃木市はどこの地域を対象に検討していて、川崎市はいつ選定されたの？")
    assert [q.text.startswith("脱炭素先行地域について") for q in topic] == [True, True]
    assert ["いつ" in q.text for q in topic] == [False, True]
    # Places enumerated in parts are asked one thing together: each keeps it.
    enumerated = questions("栃木市の脱炭素促進プラットフォームと、川崎市の「かわプラ」って、それぞれ会員は何団体？")
    assert all("会員" in q.text for q in enumerated)


def test_a_quote_already_given_for_the_place_it_names_is_not_given_again_for_that_place() -> None:
    listed = "九都県市(埼玉県、東京都、さいたま市、川崎市)と連携した広域的な取組を推進します。"
    hits = [
        hit(listed, "川崎市", 1),
        hit("都市間連携による脱炭素化の推進を図ります。", "さいたま市", 2),
    ]
    asked = questions("川崎市の計画で九都県市の連携は？さいたま市の戦略で都市間の連携は？")
    selection = select_each(selector(), asked, hits, "ja", per_place=1)
    assert [e.hit.chunk.municipality for e in selection.evidence] == ["川崎市", "さいたま市"]
    assert "都市間連携" in selection.evidence[1].sentence


def test_a_last_sentence_naming_no_place_asks_it_of_both_so_the_sentences_are_not_split() -> None:
    asked = questions("栃木市の計画を見ました。川崎市の計画も見ました。それぞれの計画期間は？")
    assert all("計画期間" in q.text for q in asked)


def test_a_question_about_one_municipality_is_no_comparison() -> None:
    assert questions("川崎市の2030年度の削減目標は？") == ()
    assert questions("川崎市と横浜市の削減目標は？") == ()  # only one of them is covered


def test_each_city_gets_its_own_department_with_its_own_citation_in_the_order_asked() -> None:
    hits = [
        # Kawasaki's passages rank higher and mention the topic more: they must not crowd out Tochigi's answer.
        hit("脱炭素の取組は市全体で進めます。脱炭素の取組の担当部署は環境局脱炭素戦略推進室です。", "川崎市", 1),
        hit("川崎市の脱炭素の取組の紹介。脱炭素の取組の一覧。", "川崎市", 2),
        hit("脱炭素の取組を担当している部署はカーボンニュートラル推進課です。", "栃木市", 3),
    ]
    asked = questions("栃木市と川崎市で、脱炭素の取組を担当している部署はそれぞれどこですか？")
    selection = select_each(selector(), asked, hits, "ja", per_place=1)
    assert [e.hit.chunk.municipality for e in selection.evidence] == ["栃木市", "川崎市"]
    assert "カーボンニュートラル推進課" in selection.evidence[0].sentence
    assert "脱炭素戦略推進室" in selection.evidence[1].sentence
    assert all(e.sentence in e.hit.chunk.text for e in selection.evidence)


def test_one_citys_figure_is_never_quoted_for_the_other() -> None:
    hits = [
        hit("2030年度の削減目標は50%削減です。", "川崎市", 1),
        hit("2030年度の削減目標は46%削減です。", "さいたま市", 2),
    ]
    asked = questions("川崎市とさいたま市の2030年度の削減目標は？")
    selection = select_each(selector(), asked, hits, "ja", per_place=2)
    by_city = {e.hit.chunk.municipality: e.sentence for e in selection.evidence}
    assert "50%" in by_city["川崎市"] and "46%" not in by_city["川崎市"]
    assert "46%" in by_city["さいたま市"] and "50%" not in by_city["さいたま市"]


def test_a_city_without_an_answer_is_left_out_and_no_answer_at_all_abstains() -> None:
    asked = questions("栃木市と川崎市で、脱炭素の取組を担当している部署はそれぞれどこですか？")
    answered = [hit("脱炭素の取組を担当している部署はカーボンニュートラル推進課です。", "栃木市", 1)]
    selection = select_each(selector(), asked, answered, "ja", per_place=2)
    assert {e.hit.chunk.municipality for e in selection.evidence} == {"栃木市"}
    unrelated = [hit("公園の桜が見頃です。", "栃木市", 1), hit("図書館の開館時間です。", "川崎市", 2)]
    assert select_each(selector(), asked, unrelated, "ja", per_place=2).evidence == ()


def test_each_city_keeps_its_third_quote_by_default() -> None:
    hits = [
        hit("ごみ発電の電気は市内の公共施設で使います。", "川崎市", 1),
        hit("ごみ発電の電気は市内の家庭にも届けます。", "川崎市", 2),
        hit("ごみ発電の電気を市内で循環させます。", "川崎市", 3),
        hit("ごみ発電の電気は市域で地産地消します。", "さいたま市", 4),
    ]
    asked = questions("川崎市とさいたま市は、ごみ発電の電気をどう活かしていますか？")
    selection = select_each(selector(), asked, hits, "ja", per_place=AssistantSettings().per_place)
    kawasaki = [e.sentence for e in selection.evidence if e.hit.chunk.municipality == "川崎市"]
    assert any("循環" in sentence for sentence in kawasaki)


def test_each_part_asked_of_a_city_keeps_its_quote_when_other_quotes_would_fill_the_citys_share() -> None:
    hits = [
        hit("計画の削減目標は市域全体で50%削減です。", "川崎市", 1),
        hit("計画の削減目標は市域全体の産業部門で40%削減です。", "川崎市", 2),
        hit("計画の削減目標は市域全体の家庭部門で60%削減です。", "川崎市", 3),
        hit("進行管理の方法はPDCAサイクルです。", "川崎市", 4),
        hit("計画の削減目標は市域全体で46%削減です。", "さいたま市", 5),
        hit("進行管理の方法はOODAサイクルです。", "さいたま市", 6),
    ]
    asked = questions("川崎市とさいたま市の計画について、それぞれ削減目標、進行管理の方法を教えてください。")
    per_place = AssistantSettings().per_place
    selection = select_each(selector(), asked, hits, "ja", per_place=per_place)
    kawasaki = [e.sentence for e in selection.evidence if e.hit.chunk.municipality == "川崎市"]
    assert len(kawasaki) == per_place
    assert "50%" in kawasaki[0] and "PDCA" in kawasaki[-1]


def test_a_comparison_whose_every_side_nearly_clears_the_bar_answers_and_one_side_alone_does_not() -> None:
    hits = [
        hit("脱炭素の取組を担当している部署はカーボンニュートラル推進課です。", "栃木市", 1),
        hit("脱炭素の取組を担当している部署は環境局脱炭素戦略推進室です。", "川崎市", 2),
    ]
    asked = questions("栃木市と川崎市で、脱炭素の取組を担当している部署はそれぞれどこですか？")
    best = select_each(selector(), asked, hits, "ja", per_place=1).best_score
    near = SentenceSelector(
        idf=lambda _: 1.0, similarity=None, min_score=best / 0.97, max_sentences=3, weights=Weights()
    )
    both = select_each(near, asked, hits, "ja", per_place=1, every_side=0.95)
    assert [e.hit.chunk.municipality for e in both.evidence] == ["栃木市", "川崎市"]
    assert select_each(near, asked, hits, "ja", per_place=1).evidence == ()
    one_side = select_each(near, asked, hits[:1], "ja", per_place=1, every_side=0.95)
    assert one_side.evidence == ()


def test_what_a_name_owns_through_its_subject_goes_with_it_when_cut() -> None:
    asked = questions("庁内の連携について、葛飾区のZEBの取組と川崎市の基本計画ではそれぞれどう書かれていますか。")
    assert [q.text for q in asked] == [
        "庁内の連携について、葛飾区のZEBの取組ではそれぞれどう書かれていますか。",
        "庁内の連携について、川崎市ではそれぞれどう書かれていますか。",
    ]


def test_the_later_sides_whole_phrase_goes_with_its_place_up_to_the_particle_both_sides_share() -> None:
    asked = questions("オフセットは、さいたま市のロードマップと葛飾区が参加する「多摩の森」プロジェクトでは、どう違う?")
    assert asked[0].text == "オフセットは、さいたま市のロードマップでは、どう違う?"
    assert asked[1].text == "オフセットは、葛飾区が参加する「多摩の森」プロジェクトでは、どう違う?"
    quoted = questions("情報発信は、栃木市のプラットフォームと川崎市の「アクションみぞのくち」では何をしていますか。")
    assert quoted[0].text == "情報発信は、栃木市のプラットフォームでは何をしていますか。"
    named = questions("人材育成について、葛飾区の連携方策と川崎市脱炭素経営支援コンソーシアムでは誰を育てますか。")
    assert named[0].text == "人材育成について、葛飾区の連携方策では誰を育てますか。"


def test_asking_whether_each_places_documents_mention_a_topic_scores_its_sides_on_the_topic_alone() -> None:
    """資料, 出てき and 例 are in no sentence that answers: as words to match they only pull sides under the bar."""
    hits = [
        hit("各種イベント等でEVを活用したデモンストレーションを実施した。", "栃木市", 1),
        hit("高津区役所ではFCVを公用車として活用しています。", "川崎市", 2),
    ]
    mentioned = questions("EVやFCVを公用車やイベントで活用している例は、栃木市と川崎市の資料に出てきますか。")
    topic = questions("EVやFCVを公用車やイベントで活用しているのは、栃木市と川崎市")
    scores = [select_each(selector(), asked, hits, "ja", per_place=1).best_score for asked in (mentioned, topic)]
    assert scores[0] == scores[1] > 0
