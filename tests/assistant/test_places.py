from assistant.places import PlaceResolver, inside_name

COVERED = {"川崎市", "さいたま市", "栃木市", "葛飾区"}


def test_japanese_name_reading_and_english_name_all_resolve_to_the_municipality() -> None:
    resolver = PlaceResolver(COVERED)
    for text in ("川崎市の目標", "川崎の目標", "かわさきの目標", "カワサキの目標", "What is Kawasaki's target?"):
        assert resolver.resolve(text).covered == ("川崎市",), text


def test_municipality_outside_the_knowledge_base_is_recognised_as_uncovered() -> None:
    match = PlaceResolver(COVERED).resolve("横浜市の2030年度の削減目標は？")
    assert match.covered == ()
    assert match.uncovered == ("横浜市",)
    assert PlaceResolver(COVERED).resolve("What is Osaka's 2030 target?").uncovered == ("大阪市",)


def test_a_covered_city_named_only_as_the_likeness_leaves_the_question_to_the_uncovered_one() -> None:
    match = PlaceResolver(COVERED).resolve("小山市にも栃木市みたいな脱炭素のプラットフォームってある？")
    assert match.covered == () and match.uncovered == ("小山市",)
    both = PlaceResolver(COVERED).resolve("小山市と栃木市の会員数は？")
    assert both.covered == ("栃木市",) and both.uncovered == ("小山市",)


def test_a_covered_city_named_only_as_the_partner_of_the_uncovered_topic_leaves_the_question_to_it() -> None:
    resolver = PlaceResolver(COVERED)
    for text in (
        "上尾市はさいたま市と再エネを融通し合う協定を結んでいますか？",
        "上尾市ってさいたま市との連携協定ある？",
    ):
        match = resolver.resolve(text)
        assert match.covered == () and match.uncovered == ("上尾市",), text
    for text in ("さいたま市と上尾市は協定を結んでいますか？", "さいたま市は上尾市と協定を結んでいますか？"):
        assert resolver.resolve(text).covered == ("さいたま市",), text


def test_a_question_ending_by_asking_about_an_uncovered_place_is_about_it_not_the_covered_scene() -> None:
    """The last clause "小山市のほうは何団体？" asks 小山市's figure, of which 栃木市's is no answer."""
    resolver = PlaceResolver(COVERED)
    for text in (
        "栃木市と小山市でプラットフォームを作ってるみたいだけど、小山市のほうは会員何団体？",
        "栃木市は58団体だけど小山市は？",
        "栃木市は58団体なんですが、小山市は？",
    ):
        match = resolver.resolve(text)
        assert match.covered == () and match.uncovered == ("小山市",), text


def test_an_uncovered_place_asked_with_or_after_a_covered_ones_question_leaves_the_covered_one_asked() -> None:
    resolver = PlaceResolver(COVERED)
    for text, asked in (
        ("川崎市と横浜市は何を？", "川崎市"),
        ("さいたま市の目標は何%？埼玉県は？", "さいたま市"),
        ("川崎市は横浜市と連携して何をしている？", "川崎市"),
        ("九都県市(埼玉県、千葉県、東京都、神奈川県、横浜市、川崎市、千葉市)で川崎市は何を担当？", "川崎市"),
    ):
        assert resolver.resolve(text).covered == (asked,), text


def test_a_short_reading_with_its_suffix_read_out_names_the_municipality() -> None:
    resolver = PlaceResolver(COVERED)
    assert resolver.resolve("ちばしがゼロカーボンシティを表明したのはいつ？").uncovered == ("千葉市",)
    assert resolver.resolve("みなとくの目標は？").uncovered == ("港区",)
    assert not resolver.resolve("ちばの話、ならしの運転").any


def test_prefecture_is_not_mistaken_for_the_city_of_a_similar_name() -> None:
    match = PlaceResolver(COVERED).resolve("埼玉県の目標は？")
    assert match.uncovered == ("埼玉県",)
    assert PlaceResolver(COVERED).resolve("埼玉市の目標は？").covered == ("さいたま市",)


def test_everyday_words_are_not_place_names() -> None:
    resolver = PlaceResolver(COVERED)
    assert not resolver.resolve("中央の会議で口頭で報告した。これならよい").any


def test_two_municipalities_are_both_found_in_order() -> None:
    assert PlaceResolver(COVERED).resolve("栃木市と川崎市の担当部署は？").covered == ("栃木市", "川崎市")


def test_a_covered_municipality_missing_from_the_gazetteer_is_found_by_stem_and_romanised_reading() -> None:
    resolver = PlaceResolver({*COVERED, "小田原市"})
    for text in ("小田原市の目標", "小田原の目標", "What is Odawara's 2030 target?"):
        assert resolver.resolve(text).covered == ("小田原市",), text
    assert resolver.english_name("小田原市") == "Odawara"
    assert resolver.english_name("川崎市") == "Kawasaki"


def test_a_group_of_wards_stands_for_the_wards_the_knowledge_base_covers() -> None:
    resolver = PlaceResolver(COVERED)
    for text in ("特別区の4つの連携方策は？", "23区の共同宣言はいつ？", "川崎市、特別区（23区）の目標"):
        assert "葛飾区" in resolver.resolve(text).covered, text
    assert PlaceResolver({"川崎市"}).resolve("特別区の目標は？").uncovered == ("特別区",)


def test_a_group_beside_one_of_its_own_members_only_sets_the_scene() -> None:
    match = PlaceResolver(COVERED).resolve("世田谷区は23区の再エネ電力の共同調達に参加しましたか？")
    assert match.covered == ()
    assert match.uncovered == ("世田谷区",)


def test_a_group_naming_a_member_in_brackets_stands_for_that_member() -> None:
    text = "特別区(葛飾区の報告資料)と川崎市の計画では、それぞれ何を目標にしていますか。"
    names = [(text[m.start : m.end], m.names) for m in PlaceResolver(COVERED).mentions(text)]
    assert names[0] == ("特別区", ("葛飾区",))
    assert PlaceResolver(COVERED).resolve(text).covered == ("葛飾区", "川崎市")


def test_a_city_the_gazetteer_does_not_list_is_still_recognised_as_uncovered() -> None:
    resolver = PlaceResolver(COVERED)
    for text, city in (("市川市の2030年度の削減目標は？", "市川市"), ("つくば市はいつ表明しましたか", "つくば市")):
        match = resolver.resolve(text)
        assert (match.covered, match.uncovered) == ((), (city,)), text
    assert resolver.resolve("川崎市と市川市の目標を比べて").covered == ("川崎市",)
    # Wards and towns inside a covered city, and words that only end in 市, are not other municipalities.
    assert resolver.resolve("川崎区から回収を開始し、藤岡町でも検討する").uncovered == ()
    assert not resolver.resolve("九都県市の首脳会議と近隣市の都市計画").any


def test_an_english_question_naming_a_romanised_city_the_gazetteer_lacks_is_about_an_uncovered_place() -> None:
    resolver = PlaceResolver(COVERED)
    assert resolver.resolve("What is Atsugi City's greenhouse gas reduction target?").uncovered == ("Atsugi City",)
    assert resolver.resolve("Does the City of Ebina have a climate plan?").uncovered == ("Ebina City",)
    assert resolver.resolve("What is Kawasaki City's 2030 target?").covered == ("川崎市",)


def test_an_english_phrase_ending_in_city_names_no_place() -> None:
    resolver = PlaceResolver(COVERED)
    assert not resolver.resolve("When did Saitama declare itself a Zero Carbon City?").uncovered
    assert not resolver.resolve("What is a Smart City in the plan?").any


def test_a_city_written_in_kana_the_gazetteer_lacks_is_recognised_as_uncovered() -> None:
    resolver = PlaceResolver(COVERED)
    for text, city in (
        ("はちおうじしって、ゼロカーボンシティの宣言はしてるの？", "はちおうじ市"),
        ("たかさき市の目標は？", "たかさき市"),
        ("タカサキ市の目標は？", "タカサキ市"),
        ("カシワ市にも地域エネルギー会社ってある？", "カシワ市"),
        ("栃木市とたかさき市を比べて", "たかさき市"),
    ):
        assert city in resolver.resolve(text).uncovered, text
    # A covered city in kana stays covered.
    assert resolver.resolve("かわさきしの目標は？").covered == ("川崎市",)


def test_grammar_and_everyday_words_before_shi_or_city_name_no_place() -> None:
    resolver = PlaceResolver(COVERED)
    for text in (
        "この市の目標は？",
        "みたいな市はある？",
        "となりの市と比べて",
        "わたしは知りたい",
        "おととしはどうだった？",
        "それぞれ市内のどこ？",
        "プロジェクト市内の会員",
        "エコ市民の会",
        "ふじおか町の回収",
    ):
        assert not resolver.resolve(text).any, text


def test_a_covered_city_named_only_as_the_likeness_of_its_company_leaves_the_question_to_the_uncovered_one() -> None:
    resolver = PlaceResolver(COVERED)
    english = resolver.resolve("Does Okayama City have a regional energy company like Kawasaki Mirai Energy?")
    assert english.covered == () and english.uncovered == ("岡山市",)
    japanese = resolver.resolve("たかさき市にも栃木市みたいな脱炭素促進プラットフォームってあるの？")
    assert japanese.covered == () and japanese.uncovered == ("たかさき市",)
    assert resolver.resolve("Does Okayama City work with Kawasaki?").covered == ("川崎市",)
    done_as = resolver.resolve("Has Matsudo City set up a consortium with local banks, as Kawasaki did?")
    assert done_as.covered == () and done_as.uncovered == ("Matsudo City",)


def test_a_place_joined_to_katakana_or_latin_letters_is_inside_a_name_but_a_place_with_its_suffix_is_not() -> None:
    assert inside_name("CC川崎エコ会議", 2, 4)
    assert inside_name("川崎未来エナジー", 0, 2)
    assert not inside_name("川崎駅の周り", 0, 2)
    assert not inside_name("さいたま市ゼロカーボンシティ推進戦略", 0, 5)
    assert not inside_name("川崎市内の排出量", 0, 3)


def test_a_prefecture_qualified_town_sharing_a_covered_stem_is_another_municipality() -> None:
    resolver = PlaceResolver(COVERED)
    for text in (
        "宮城県の川崎町って、ゼロカーボンシティの表明はしてるの？",
        "川崎町の目標は？",
        "Kawasaki Town's goal?",
    ):
        match = resolver.resolve(text)
        assert match.covered == () and len(match.uncovered) == 1, text
    assert resolver.resolve("宮城県の川崎市の目標は？").covered == ()


def test_the_covered_municipality_qualified_by_its_own_prefecture_is_still_covered() -> None:
    resolver = PlaceResolver(COVERED)
    own_prefecture = (
        ("神奈川県川崎市の目標", "川崎市"),
        ("神奈川県の川崎市の目標", "川崎市"),
        ("東京都葛飾区の目標", "葛飾区"),
    )
    for text, name in own_prefecture:
        match = resolver.resolve(text)
        assert match.covered == (name,) and match.uncovered == (), text
    assert resolver.resolve("川崎区の取組は？").covered == ("川崎市",)


def test_a_covered_city_named_only_as_a_landmark_leaves_the_question_to_the_uncovered_one() -> None:
    resolver = PlaceResolver(COVERED)
    for text in (
        "Ota City (Ota Ward) is just across the river from Kawasaki — has it been selected as a leading area?",
        "Does Yokohama City, next to Kawasaki, have a 2030 target?",
        "川崎市の隣の横浜市の目標は？",
    ):
        match = resolver.resolve(text)
        assert match.covered == () and match.uncovered, text
    assert resolver.resolve("川崎から横浜駅までって20分くらい？").covered == ("川崎市",)
    assert resolver.resolve("川崎の近くの水素ステーションは？").covered == ("川崎市",)


def test_a_city_whose_name_the_tagger_reads_as_a_surname_is_an_uncovered_municipality() -> None:
    resolver = PlaceResolver(COVERED)
    for text, city in (("戸田市のゼロカーボンシティ推進戦略は？", "戸田市"), ("吉川市の削減目標は？", "吉川市")):
        match = resolver.resolve(text)
        assert match.covered == () and match.uncovered == (city,), text
    assert resolver.resolve("栃木市と川崎市の目標は？").covered == ("栃木市", "川崎市")
    assert not resolver.resolve("佐藤市長の発言、田中都さんの意見、国立の施設").any


def test_a_body_named_after_an_uncovered_place_is_not_that_place() -> None:
    resolver = PlaceResolver(COVERED)
    match = resolver.resolve("川崎市と横浜銀行の連携協定はいつ結ばれましたか")
    assert match.covered == ("川崎市",) and match.uncovered == ()
    for text in ("株式会社横浜銀行 横浜銀行 3.0%", "横浜国立大学との共同研究", "大阪ガスの取組", "京都大学の研究"):
        assert not resolver.resolve(text).any, text


def test_a_real_mention_of_the_place_is_kept_beside_a_body_word() -> None:
    resolver = PlaceResolver(COVERED)
    for text in ("横浜の銀行", "横浜市内の大学", "横浜では", "横浜で", "横浜港の脱炭素", "横浜の温室効果ガス"):
        assert resolver.resolve(text).uncovered == ("横浜市",), text


def test_a_covered_places_own_body_points_to_it_unless_another_place_is_asked_about() -> None:
    resolver = PlaceResolver(COVERED)
    for text in ("川崎信用金庫の出資比率は？", "川崎未来エナジー株式会社の資本金は？"):
        assert resolver.resolve(text).covered == ("川崎市",), text
    match = resolver.resolve("さいたま市は川崎信用金庫と協定を結んでいますか？")
    assert match.covered == ("さいたま市",)
    assert resolver.resolve("栃木市が栃木ガスと結んだ協定は？").covered == ("栃木市",)
