from assistant.places import PlaceResolver
from assistant.topics import comparable_text, foreign_topic
from ingest.normalize import normalize_text

_TEXTS = {
    "葛飾区": comparable_text("葛飾区は脱炭素経営セミナーを開催しました。23区のＺＥＢ公共施設に視察しました。"),
    "川崎市": comparable_text("市内の水素ステーションは4か所です。「グリーン・リカバリー」を進めます。"),
    "栃木市": comparable_text("栃木市脱炭素促進プラットフォームを設立しました。"),
}
_RESOLVER = PlaceResolver(set(_TEXTS))


def _topic(question: str) -> str | None:
    normalized = normalize_text(question)
    places = _RESOLVER.resolve(normalized)
    return foreign_topic(normalized, _RESOLVER.mentions(normalized), places.covered, _TEXTS)


def test_a_topic_only_another_municipality_writes_rules_the_asked_one_out() -> None:
    assert _topic("かつしか区の中に水素ステーションって何か所あるの？") == "水素ステーション"


def test_a_topic_the_asked_municipality_writes_is_left_to_its_documents() -> None:
    assert _topic("葛飾区のZEB化の視察は？") is None


def test_a_term_written_with_a_middle_dot_in_the_asked_documents_is_its_own() -> None:
    assert _topic("川崎市のグリーンリカバリーって何？") is None


def test_a_term_no_document_writes_is_no_other_municipality_s_topic() -> None:
    assert _topic("葛飾区の電気自動車充電器は何台？") is None


def test_a_question_asking_two_things_is_left_alone() -> None:
    assert _topic("葛飾区はセミナーを開催しましたか。そのうち水素ステーションは何か所？") is None


def test_a_comparison_s_topic_none_of_its_places_writes_rules_them_all_out() -> None:
    assert _topic("栃木市と葛飾区の水素ステーションの場所はそれぞれどこ？") == "水素ステーション"


def test_a_comparison_s_topic_one_of_its_places_writes_is_theirs() -> None:
    assert _topic("川崎市と葛飾区の水素ステーションの場所はそれぞれどこ？") is None
