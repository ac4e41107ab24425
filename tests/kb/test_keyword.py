from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import bm25s
import pytest

from ingest.document import Chunk
from kb.keyword import KeywordIndex
from kb.search import SearchMode

PASSAGES = [
    # (chunk id, doc id, municipality, section, text)
    ("k1", "kawasaki", "川崎市", "2030年度削減目標", "市域目標 2030年度までに▲50%削減(2013年度比)。民生系は▲45%以上。"),
    ("k2", "kawasaki", "川崎市", "推進体制", "川崎市温暖化対策推進会議を設置し、進捗を毎年度点検する。"),
    ("t1", "tochigi", "栃木市", "事業者との連携", "栃木市脱炭素促進プラットフォームを設立し、意見交換を行った。"),
    ("t2", "tochigi", "栃木市", "啓発", "市民団体の研修会でEV車を活用したデモンストレーションを実施した。"),
    ("s1", "saitama", "さいたま市", "再生可能エネルギー", "さいたま市は2030年度までに太陽光発電の導入量を倍増させる。"),
    ("x1", "kawasaki-2", "川崎市", "適応策", "クーリングシェルターを市内の公共施設に指定する。"),
    ("x2", "kawasaki-2", "川崎市", "施設整備", "老朽化した焼却施設の建替えを進める。"),
]


def chunk(chunk_id: str, doc_id: str, municipality: str, section: str, text: str, index: int = 0) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id=doc_id,
        index=index,
        text=text,
        start=0,
        end=len(text),
        section=section,
        municipality=municipality,
    )


@pytest.fixture(scope="module")
def index() -> KeywordIndex:
    return KeywordIndex.build([chunk(*p) for p in PASSAGES], generation=7)


def ids(hits: list) -> list[str]:
    return [h.chunk_id for h in hits]


def test_japanese_question_finds_the_passage_that_answers_it(index: KeywordIndex) -> None:
    assert ids(index.search("栃木市の脱炭素促進プラットフォームとは何ですか？", 3))[0] == "t1"
    assert ids(index.search("クーリングシェルターはどこに指定されますか", 3))[0] == "x1"


def test_a_word_written_with_other_okurigana_finds_the_passage(index: KeywordIndex) -> None:
    assert ids(index.search("建て替えの予定", k=1)) == ["x2"]
    assert index.idf("建て替え") == index.idf("建替え") is not None


def test_figures_and_decrease_marks_are_searchable(index: KeywordIndex) -> None:
    assert ids(index.search("▲50%", 3))[0] == "k1"


def test_full_width_and_radical_forms_in_the_query_match_normalised_text(index: KeywordIndex) -> None:
    # Ｅ Ｖ (full width) and ⾞ (a Kangxi radical look-alike, as PDFs extract it) fold to EV 車.
    assert ids(index.search("ＥＶ⾞のデモンストレーション", 3))[0] == "t2"


def test_heading_words_find_the_passage_under_the_heading(index: KeywordIndex) -> None:
    assert ids(index.search("推進体制", 3)) == ["k2"]


@pytest.mark.parametrize("query", ["の", "は", "を", "にの", "ですか", "。、？", ""])
def test_particles_and_punctuation_alone_match_nothing(index: KeywordIndex, query: str) -> None:
    assert index.search(query, 5) == []


def test_unknown_words_match_nothing(index: KeywordIndex) -> None:
    assert index.search("横浜", 5) == []


def test_scores_are_positive_and_descending_and_k_is_respected(index: KeywordIndex) -> None:
    hits = index.search("2030年度 川崎市 栃木市 さいたま市", 3)
    assert len(hits) == 3
    scores = [h.score for h in hits]
    assert all(score > 0 for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_municipality_filter_keeps_only_that_municipality(index: KeywordIndex) -> None:
    assert set(ids(index.search("2030", 10))) == {"k1", "s1"}
    assert ids(index.search("2030", 10, municipality="さいたま市")) == ["s1"]
    assert index.search("2030", 10, municipality="栃木市") == []


def test_document_filter_keeps_only_that_document(index: KeywordIndex) -> None:
    assert ids(index.search("川崎市 クーリングシェルター 会議", 10, doc_id="kawasaki-2")) == ["x1"]
    assert set(ids(index.search("川崎市 クーリングシェルター 会議", 10, doc_id="kawasaki"))) <= {"k1", "k2"}


def test_both_filters_apply_together(index: KeywordIndex) -> None:
    assert index.search("クーリングシェルター", 10, municipality="川崎市", doc_id="kawasaki") == []
    assert ids(index.search("クーリングシェルター", 10, municipality="川崎市", doc_id="kawasaki-2")) == ["x1"]


def test_idf_is_higher_for_rarer_words_and_none_for_absent_ones(index: KeywordIndex) -> None:
    assert index.idf("シェルター") > index.idf("2030")
    assert index.idf("横浜") is None


def test_empty_index_finds_nothing(tmp_path: Path) -> None:
    empty = KeywordIndex.build([], generation=0)
    assert len(empty) == 0
    assert empty.search("脱炭素", 5) == []
    empty.save(tmp_path)
    loaded = KeywordIndex.load(tmp_path)
    assert loaded is not None
    assert loaded.search("脱炭素", 5) == []


def test_saved_index_loads_with_the_same_results_and_generation(index: KeywordIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "keyword")
    loaded = KeywordIndex.load(tmp_path / "keyword")
    assert loaded is not None
    assert loaded.generation == 7
    assert len(loaded) == len(PASSAGES)
    for query in ("栃木市の脱炭素促進プラットフォーム", "2030年度", "クーリングシェルター"):
        assert loaded.search(query, 5) == index.search(query, 5)
    assert ids(loaded.search("2030年度", 10, municipality="さいたま市")) == ["s1"]


def test_pointer_swap_leaves_only_the_current_version_folder(tmp_path: Path) -> None:
    folder = tmp_path / "keyword"
    for generation in (1, 2, 3):
        KeywordIndex.build([chunk(*p) for p in PASSAGES[: generation + 1]], generation).save(folder)
    pointer = json.loads((folder / "keyword.json").read_text())
    versions = [p.name for p in folder.iterdir() if p.is_dir()]
    assert versions == [pointer["dir"]]
    assert pointer["generation"] == 3
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == ["keyword.json"]  # no temporary pointer left
    loaded = KeywordIndex.load(folder)
    assert loaded is not None
    assert (loaded.generation, len(loaded)) == (3, 4)


@pytest.mark.parametrize("damage", ["no pointer", "pointer to a missing folder", "garbled pointer"])
def test_missing_or_damaged_index_loads_as_none(index: KeywordIndex, tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "keyword"
    index.save(folder)
    pointer = folder / "keyword.json"
    if damage == "no pointer":
        pointer.unlink()
    elif damage == "pointer to a missing folder":
        pointer.write_text(json.dumps({"dir": "keyword-99-1", "generation": 99}))
    else:
        pointer.write_text("{not json")
    assert KeywordIndex.load(folder) is None


# ------------------------------------------------------------------------------- inside the knowledge base


def test_stale_index_after_a_crash_is_rebuilt_on_use(
    make_kb: Callable, write_docs: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash after the catalog commit but before the new index is saved leaves an index one generation old."""
    folder = write_docs("midori_solar")
    knowledge_base = make_kb()
    knowledge_base.ingest([folder])
    write_docs("aoba_heat", folder=folder)

    def crash(self: KeywordIndex, folder: Path) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(KeywordIndex, "save", crash)
        with pytest.raises(KeyboardInterrupt):
            knowledge_base.ingest([folder])
    keyword_dir = knowledge_base.settings.dir / "keyword"
    saved = KeywordIndex.load(keyword_dir)
    assert saved is not None
    assert saved.generation < knowledge_base._catalog.generation()  # the stale index is on disk

    restarted = make_kb(dir=knowledge_base.settings.dir)
    hits = restarted.search("クーリングシェルター", mode=SearchMode.keyword)
    assert [h.chunk.doc_id for h in hits] == ["aoba_heat"]
    rebuilt = KeywordIndex.load(keyword_dir)
    assert rebuilt is not None
    assert rebuilt.generation == restarted._catalog.generation()
    assert len(rebuilt) == len(restarted._catalog.chunk_ids())
    assert len([p for p in keyword_dir.iterdir() if p.is_dir()]) == 1


def test_crash_while_saving_an_index_of_the_same_generation_keeps_the_saved_one(
    index: KeywordIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A no-change ingest in a long-lived process saves the same generation again; it must not unlink the live copy."""
    folder = tmp_path / "keyword"
    index.save(folder)
    same_generation = KeywordIndex.build([chunk(*p) for p in PASSAGES[:2]], generation=index.generation)

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(bm25s.BM25, "save", crash)
        with pytest.raises(KeyboardInterrupt):
            same_generation.save(folder)
    loaded = KeywordIndex.load(folder)
    assert loaded is not None
    assert len(loaded) == len(PASSAGES)
    assert ids(loaded.search("クーリングシェルター", 3)) == ["x1"]
    same_generation.save(folder)  # the next save succeeds and leaves one version folder
    assert len([p for p in folder.iterdir() if p.is_dir()]) == 1
    reloaded = KeywordIndex.load(folder)
    assert reloaded is not None
    assert len(reloaded) == 2
