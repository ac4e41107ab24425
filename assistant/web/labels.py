"""The public page's words in Japanese (first) and English; answers themselves follow the question's language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    title: str
    intro: str
    question: str
    placeholder: str
    ask: str
    examples: str
    example_questions: tuple[str, ...]
    answer: str
    sources: str
    note: str
    empty: str
    too_long: str
    rate_limited: str


LANGUAGES: dict[str, str] = {"日本語": "ja", "English": "en"}
DEFAULT_LANG = "ja"

LABELS: dict[str, Labels] = {
    "ja": Labels(
        title="気候変動対策 Q&A",
        intro="自治体の地球温暖化対策計画などの公式文書をもとに、出典つきでお答えします。",
        question="質問",
        placeholder="例：川崎市の2030年度の削減目標は？",
        ask="質問する",
        examples="質問の例",
        example_questions=(
            "川崎市の2030年度の削減目標は？",
            "栃木市の脱炭素促進プラットフォームとは？",
            "葛飾区はゼロカーボンシティに向けて何をしていますか？",
        ),
        answer="回答",
        sources="出典",
        note="回答は、出典に示した自治体の公式文書の記述を引用したものです。詳しくは各文書をご確認ください。",
        empty="質問を入力してください。",
        too_long="質問が長すぎます（{chars}文字）。{limit}文字以内でお願いします。",
        rate_limited="短い時間に質問が集中しています。1分ほど待ってから、もう一度お試しください。",
    ),
    "en": Labels(
        title="Climate plans Q&A",
        intro="Answers with sources, from municipal climate plans and other official documents (in Japanese).",
        question="Your question",
        placeholder="e.g. What is Kawasaki's 2030 emissions reduction target?",
        ask="Ask",
        examples="Example questions",
        example_questions=(
            "What is Kawasaki's 2030 emissions reduction target?",
            "What is Tochigi's decarbonisation platform?",
            "What is Katsushika doing to become a zero-carbon city?",
        ),
        answer="Answer",
        sources="Sources",
        note="Answers quote the official municipal documents listed as sources; please check them for details.",
        empty="Please type a question.",
        too_long="The question is too long ({chars} characters); please keep it under {limit}.",
        rate_limited="Too many questions in a short time. Please wait a minute and try again.",
    ),
}
