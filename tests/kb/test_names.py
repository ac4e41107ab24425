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
