from __future__ import annotations

from kb.names import DocumentNames

TEXT = (
    "大宮駅周辺の街区間の熱電融通により脱炭素を進める。\n"
    "Step 2 堤根処理センターCO2分離回収設備実装。\n"
    "脱炭素先導モデルの市内展開(浦和美園等)。\n"
    "ヤマト運輸と連携する。\n"
)


def names() -> DocumentNames:
    return DocumentNames.build([TEXT])


def test_romanised_names_find_their_surface_in_the_documents() -> None:
    assert names().japanese("What is planned around Omiya Station?") == ["大宮"]
    assert names().japanese("Where does Urawa-Misono stand?") == ["浦和"]  # 美園 is read ビエン: the part known


def test_a_name_the_dictionary_splits_is_read_whole() -> None:
    assert names().japanese("the new Tsutsumine plant") == ["堤根"]  # 堤 + 根


def test_long_vowels_may_be_written_either_way() -> None:
    assert names().japanese("Oomiya") == names().japanese("Omiya") == ["大宮"]


def test_only_capitalised_words_are_read_as_names() -> None:
    assert names().japanese("omiya") == []


def test_katakana_names_are_not_romanised() -> None:
    """ヤマト is a loanword-style name: English writes it as its own word, which the dense model already links."""
    assert names().japanese("Yamato Transport") == []


def test_texts_without_names_give_an_empty_map() -> None:
    assert DocumentNames.build([]).japanese("Omiya") == []


SPELLED = (
    "川崎未来エナジー株式会社に川崎信用金庫が出資した。\n"
    "浮島処理センターの建替えに合わせる。\n"
    "まちづくりの取組を進める。\n"
)


def spelled() -> DocumentNames:
    return DocumentNames.build([SPELLED])


def test_a_name_written_in_kana_is_read_in_the_documents_spelling() -> None:
    assert spelled().respell("かわさきみらいエナジーには、かわさきしんようきんこも出資してる？") == (
        "川崎未来エナジーには、川崎信用金庫も出資してる？"
    )


def test_a_kana_run_after_a_particle_is_read_from_after_it() -> None:
    assert spelled().respell("川崎市のうきしましょりセンターはいつ？") == "川崎市の浮島処理センターはいつ？"


def test_romaji_beside_japanese_is_read_in_the_documents_spelling() -> None:
    respelled = spelled().respell("Kawasaki Mirai Energy ni Ukishima-shori、いつ？")
    assert respelled.startswith("川崎未来 Energy ni 浮島処理")


def test_a_verb_ending_and_a_kana_word_the_documents_use_are_left_alone() -> None:
    # しょり after 処 is the end of a word, not a name; まちづくり is how the documents write it.
    assert spelled().respell("処しょりしたまちづくりは？") == "処しょりしたまちづくりは？"


def test_an_english_question_is_left_to_the_english_expansion() -> None:
    assert spelled().respell("When does Ukishima open?") == "When does Ukishima open?"


def test_a_noun_written_half_in_kana_is_read_in_the_documents_spelling() -> None:
    names = DocumentNames.build(["広域緑地である見沼田圃等を保全する。\n見沼田圃の保全と活用を進める。\n"])
    assert names.respell("見沼田んぼについてどう扱われていますか？") == "見沼田圃についてどう扱われていますか？"


def test_a_noun_the_documents_write_half_in_kana_is_left_alone() -> None:
    names = DocumentNames.build(["見沼田んぼの保全を進める。\n"])
    assert names.respell("見沼田んぼの保全は？") == "見沼田んぼの保全は？"


def test_a_doubled_consonant_may_be_spelled_morpheme_by_morpheme() -> None:
    names = DocumentNames.build(["脱炭素ドミノを起こす。\n"])
    assert names.respell("かわさきの「だつたんそドミノ」ってなに？") == "かわさきの「脱炭素ドミノ」ってなに？"
    assert names.respell("「だったんそドミノ」ってなに？") == "「脱炭素ドミノ」ってなに？"


def test_kana_terms_joined_by_a_particle_are_each_read() -> None:
    assert spelled().respell("かわさきしんようきんこのうきしましょりセンターは？") == (
        "川崎信用金庫の浮島処理センターは？"
    )


def test_a_loanword_in_hiragana_after_kanji_is_read_in_katakana() -> None:
    names = DocumentNames.build(["脱炭素促進プラットフォームを設立した。\n"])
    assert names.respell("脱炭素ぷらっとふぉーむの会員数は？") == "脱炭素プラットフォームの会員数は？"
    assert names.respell("脱炭素プラットフォームの会員数は？") == "脱炭素プラットフォームの会員数は？"
