"""The ranker: a weighted sum of named signals, and the file a training run writes and the assistant reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.extractive import SentenceSelector, Weights
from assistant.question import analyse
from assistant.ranking import PRIOR_WEIGHTS, Ranker
from assistant.settings import AssistantSettings
from ingest.document import Chunk
from kb.search import SearchHit

PASSAGE = "川崎市の削減目標\n市域目標 2030年度までに▲50%削減(2013年度比)。\n市民の参加を広げます。"


def test_a_score_weighs_each_signal_and_ignores_unknown_ones() -> None:
    ranker = Ranker({"own_terms": 2.0, "echo": -0.5}, bar=1.0)
    assert ranker.score({"own_terms": 0.5, "echo": 1.0, "new_signal": 9.0}) == pytest.approx(0.5)


def test_a_saved_ranker_loads_with_its_weights_bar_and_training_record(tmp_path: Path) -> None:
    path = tmp_path / "ranker.json"
    Ranker({"own_terms": 0.4, "semantic": 0.2}, bar=0.7).save(path, {"trained_on": ["dev"]})
    loaded = Ranker.load(path)
    assert loaded == Ranker({"own_terms": 0.4, "semantic": 0.2}, bar=0.7)
    assert json.loads(path.read_text(encoding="utf-8"))["about"] == {"trained_on": ["dev"]}


def test_a_missing_ranker_file_is_an_error_not_the_hand_weights(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Ranker.load(tmp_path / "absent.json")


def test_the_shipped_ranker_weighs_every_signal_the_selector_gives() -> None:
    shipped = Ranker.load(AssistantSettings().ranker_file)
    selector = SentenceSelector(idf=lambda _: 1.0, similarity=None, min_score=0.1, max_sentences=1, weights=Weights())
    chunk = Chunk(
        chunk_id="k-1", doc_id="k", index=0, text=PASSAGE, start=0, end=len(PASSAGE), section="", title="計画",
        municipality="川崎市",
    )  # fmt: skip
    question = "川崎市の2030年度の削減目標は？"
    found = selector.candidates(analyse(question), question, [SearchHit(rank=1, score=1.0, chunk=chunk)], ())
    assert found and all(set(e.signals) <= set(PRIOR_WEIGHTS) for e in found)
    assert set(shipped.weights) == set(PRIOR_WEIGHTS)
    assert 0 < shipped.bar < 2
