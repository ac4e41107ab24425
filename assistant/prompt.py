"""The prompt for language-model answering: numbered passages in, one cited sentence after another out.

Written in Japanese because the passages are; the model answers in the question's language. The rules are the
ones assistant.verify checks afterwards, so a model that follows them passes: only the passages, a [n] on every
sentence, figures copied exactly as written (no unit or calendar conversions, no arithmetic), and one fixed
token, NOT_IN_DOCUMENTS, when the passages hold no answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from ingest.document import Chunk

NOT_FOUND = "NOT_IN_DOCUMENTS"
"""The whole reply of a model that finds no answer in the passages."""

_LANGUAGE = {"ja": "日本語", "en": "英語 (English)"}

_RULES = (
    "回答には、番号付きの資料 [1], [2], ... に書かれていることだけを使う。一般知識や推測で補わない。",
    "すべての文の末尾に、その文の根拠となる資料の番号を [1] のように付ける。根拠が複数なら [1][2] と書く。"
    "番号のない文を書かない。",
    "数値・年・年度・日付・割合・単位・符号は、資料の表記のとおりに書き写す（例: ▲50%、2013年度比、1,180万t-CO2）。"
    "単位の換算、和暦と西暦の変換、計算はしない。",
    "質問と同じ言語で答える。英語の質問には英語で答え、数値と単位は資料の表記のまま書く。",
    f"資料に答えがなければ、ほかに何も書かず {NOT_FOUND} とだけ答える。"
    "質問にある自治体や年度が資料に出てこない場合も同じ。",
    "簡潔に、3文以内で答える。前置きや資料番号の一覧は書かない。",
)
SYSTEM = "\n".join(
    [
        "あなたは、日本の自治体の地球温暖化対策実行計画などの文書について質問に答えるアシスタントです。",
        "次の規則を必ず守ってください。",
        *(f"{n}. {rule}" for n, rule in enumerate(_RULES, 1)),
        "",
        "In English: use only the numbered passages; end every sentence with the number of the passage it comes "
        "from, e.g. [1]; copy every figure, year, unit and sign exactly as written; answer in the question's "
        f"language; if the passages do not answer the question, reply only {NOT_FOUND}.",
    ]
)


def passage_label(chunk: Chunk) -> str:
    """Where a passage comes from, so the model can tell one municipality's document from another's."""
    where = [chunk.municipality, f"p.{chunk.page}" if chunk.page is not None else "", chunk.section]
    place = "、".join(w for w in where if w)
    return f"『{chunk.title}』（{place}）" if place else f"『{chunk.title}』"


def user_message(question: str, standalone: str, lang: str, passages: Sequence[Chunk]) -> str:
    """Passages as "[n] label" then the text; the question, and its self-contained rewrite for a follow-up."""
    blocks = [f"[{n}] {passage_label(chunk)}\n{chunk.text}" for n, chunk in enumerate(passages, 1)]
    lines = ["資料:", "\n\n".join(blocks), "", f"質問: {question}"]
    if standalone and standalone != question:
        lines.append(f"（会話の文脈を補った質問: {standalone}）")
    lines.append(f"回答（{_LANGUAGE.get(lang, _LANGUAGE['ja'])}で。各文の末尾に [番号]）:")
    return "\n".join(lines)


def messages(question: str, standalone: str, lang: str, passages: Sequence[Chunk]) -> list[BaseMessage]:
    return [SystemMessage(SYSTEM), HumanMessage(user_message(question, standalone, lang, passages))]
