"""The assistant configurations: how an eval row becomes an `Assistant.ask` call and an Answer a Prediction."""

from __future__ import annotations

from assistant.abstention import Abstention
from assistant.citations import Answer, Citation, Turn
from evals.configs import ASSISTANT_MODES, CONFIG_NAMES, AssistantConfig, prediction_from_answer
from evals.naive import NaiveConfig
from evals.prediction import PredictedCitation, RetrievedPassage
from evals.schema import EvalRow
from ingest.document import Chunk
from kb.search import SearchHit

PASSAGE = "市域目標 2030年度までに▲50%削減（2013年度比）"


def answer() -> Answer:
    chunk = Chunk(chunk_id="c1", doc_id="kawasaki", index=0, text=PASSAGE, start=0, end=len(PASSAGE))
    citation = Citation(
        n=1,
        doc="kawasaki",
        title="川崎市",
        municipality="川崎市",
        page=3,
        section="",
        quote="2030年度までに▲50%削減",
        chunk_id="c1",
        chunk_text=PASSAGE,
    )
    return Answer(
        question="q",
        answer="2030年度までに▲50%削減 [1]",
        abstained=False,
        lang="ja",
        citations=[citation],
        retrieved=[SearchHit(rank=1, score=0.5, chunk=chunk)],
    )


class RecordingAssistant:
    """A test double for Assistant: records each call and returns a fixed answer."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Turn] | None]] = []

    def ask(self, question: str, history: list[Turn] | None = None) -> Answer:
        self.calls.append((question, history))
        return answer()


def test_the_four_configurations_start_with_ours() -> None:
    assert CONFIG_NAMES == ("ours", "keyword", "dense", "naive")


def test_every_listed_name_is_a_configuration_that_can_be_built() -> None:
    """The names live apart from the builders (the CLI lists them without importing the assistant)."""
    assert (*ASSISTANT_MODES, NaiveConfig.name) == CONFIG_NAMES


def test_an_answer_becomes_a_prediction_with_citations_and_ranked_passages() -> None:
    prediction = prediction_from_answer(answer())
    assert prediction.answer == "2030年度までに▲50%削減 [1]"
    assert not prediction.abstained
    cited = PredictedCitation(doc="kawasaki", quote="2030年度までに▲50%削減", chunk_text=PASSAGE)
    assert prediction.citations == [cited]
    assert prediction.retrieved == [RetrievedPassage(rank=1, doc="kawasaki", text=PASSAGE)]
    assert prediction.abstention == ""


def test_an_abstention_s_reason_reaches_the_prediction() -> None:
    abstained = answer().model_copy(update={"abstained": True, "abstention": Abstention.uncovered_place})
    assert prediction_from_answer(abstained).abstention == "uncovered place"


def test_the_row_history_is_passed_as_turns() -> None:
    assistant = RecordingAssistant()
    row = EvalRow.model_validate(
        {
            "id": "follow",
            "question": "では2050年は？",
            "history": [{"role": "user", "content": "川崎市の目標は？"}, {"role": "assistant", "content": "50%"}],
        }
    )
    AssistantConfig("ours", assistant).answer(row)
    assert assistant.calls == [
        ("では2050年は？", [Turn(role="user", content="川崎市の目標は？"), Turn(role="assistant", content="50%")])
    ]


def test_a_row_without_history_asks_a_fresh_question() -> None:
    assistant = RecordingAssistant()
    AssistantConfig("keyword", assistant).answer(EvalRow(id="q", question="目標は？"))
    assert assistant.calls == [("目標は？", None)]
