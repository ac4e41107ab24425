from assistant.quoted import quoted_names


def test_bracketed_names_within_the_lengths_are_read_and_a_bracketed_sentence_is_not() -> None:
    question = "「市役所目標」と『ZEB』の違いは？「これは長い文章を引用したものであり名前ではありません」"
    assert quoted_names(question, 2, 10) == ["市役所目標", "ZEB"]
    assert quoted_names(question, 4, 10) == ["市役所目標"]
