"""Sentence ends: a full stop is one only where it cannot be a decimal point."""

from assistant.sentences import SENTENCE_END, TERMINATOR


def test_a_full_stop_ends_a_sentence_only_at_the_end_of_the_text() -> None:
    assert SENTENCE_END.search("2030年度までに50%削減します。 ")
    assert SENTENCE_END.search("The target is a 50% cut.")
    assert not SENTENCE_END.search("再エネ導入目標")
    assert not TERMINATOR.search("削減率12.5%")


def test_a_terminator_anywhere_marks_prose() -> None:
    assert TERMINATOR.search("目標を定めました。ア所在地及び面積")
    assert TERMINATOR.search("いつ?")
