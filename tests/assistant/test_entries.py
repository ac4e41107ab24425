from assistant.entries import entry_rest
from assistant.evidence import Evidence
from tests.assistant.test_lists import Documents, hit

AREA = (
    "①民間施設群の取組\n"
    "【対象地域】川崎市高津区溝口周辺に所在する民間施設群\n"
    "(特徴) 大都市の中心部の市街地・交通要衝\n"
    "商店街・商業施設・オフィス・業務ビル・製造工場等が所在\n"
    "⇒会員企業において、CO2排出実質ゼロに向けた取組を行う。"
)


def _ending_quote(text: str, cut: int, quoted: str) -> tuple[Documents, Evidence]:
    documents = Documents(text, [cut])
    first = documents.chunks[0]
    return documents, Evidence(hit(first), quoted, 1.0, first.text.index(quoted))


def test_a_labelled_entry_its_passage_ends_on_reads_on_into_the_next_passages_value_line() -> None:
    quoted = "【対象地域】川崎市高津区溝口周辺に所在する民間施設群\n(特徴) 大都市の中心部の市街地・交通要衝"
    documents, evidence = _ending_quote(AREA, AREA.index("商店街"), quoted)
    rest = entry_rest(evidence, documents)
    assert rest is not None
    assert rest.sentence == "商店街・商業施設・オフィス・業務ビル・製造工場等が所在"
    assert rest.hit.chunk.chunk_id == documents.chunks[1].chunk_id


def test_a_quote_that_does_not_end_its_passage_or_on_an_entry_reads_on_nothing() -> None:
    documents, within = _ending_quote(AREA, AREA.index("⇒"), "(特徴) 大都市の中心部の市街地・交通要衝")
    assert entry_rest(within, documents) is None
    documents, heading = _ending_quote(AREA, AREA.index("【対象地域】"), "①民間施設群の取組")
    assert entry_rest(heading, documents) is None


def test_a_marked_next_line_is_another_entry_not_the_value() -> None:
    text = "(特徴) 大都市の中心部\n(規模) 約50箇所"
    documents, evidence = _ending_quote(text, text.index("(規模)"), "(特徴) 大都市の中心部")
    assert entry_rest(evidence, documents) is None
