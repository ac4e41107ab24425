"""Turn chosen evidence into the answer text with [n] markers, or into the fixed abstention message."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.citations import Citation
from assistant.evidence import Evidence
from ingest.normalize import normalize_text
from kb.search import SearchHit

ABSTENTION = {
    "ja": "申し訳ありません。ご質問への答えは、これらの文書には見つかりませんでした。",
    "en": "I can't find that in these documents.",
}
_CLOSEST = {"ja": "関連する可能性のある文書:", "en": "Closest documents:"}
_LEAD = {
    "ja": "文書には次のように書かれています。",
    "en": "The documents say the following (quoted in the original Japanese):",
}
_UNANSWERED = {
    "ja": "{places}については、これらの文書には答えが見つかりませんでした。",
    "en": "I can't find the answer for {places} in these documents.",
}
_PREMISE = {
    "ja": "ご質問の「{figures}」は、引用した箇所には書かれていません。",
    "en": "The passages quoted below do not say “{figures}”.",
}


def citations_for(evidence: tuple[Evidence, ...]) -> list[Citation]:
    return [Citation.of(n, item.hit.chunk, item.sentence) for n, item in enumerate(evidence, 1)]


def answer_text(
    lang: str, citations: list[Citation], question_figures: tuple[str, ...], unanswered: Sequence[str] = ()
) -> str:
    """The quoted sentences with their markers, after a note when the question's own figures are not in them, and
    before one naming the places of a comparison they leave unanswered: quotes for one city alone must not read as
    the answer for both."""
    lines: list[str] = []
    quoted = normalize_text(" ".join(c.quote for c in citations)).replace(" ", "")
    unsupported = [f for f in question_figures if normalize_text(f).replace(" ", "") not in quoted]
    if unsupported:
        lines.append(_PREMISE[lang].format(figures=_joined(lang, unsupported)))
    lines.append(_LEAD[lang])
    lines.extend(f"「{c.quote}」[{c.n}]" for c in citations)
    if unanswered:
        lines.append(_UNANSWERED[lang].format(places=_joined(lang, unanswered)))
    return "\n".join(lines)


def _joined(lang: str, items: Sequence[str]) -> str:
    return "、".join(items) if lang == "ja" else ", ".join(items)


def abstention_text(lang: str, hits: list[SearchHit], limit: int = 3) -> str:
    """The fixed message, then the documents the search came closest to, so the reader knows where to look."""
    titles: list[str] = []
    for hit in hits:
        chunk = hit.chunk
        label = f"{chunk.title}（{chunk.municipality}）" if chunk.municipality else chunk.title
        if label not in titles:
            titles.append(label)
        if len(titles) == limit:
            break
    if not titles:
        return ABSTENTION[lang]
    return "\n".join([ABSTENTION[lang], _CLOSEST[lang], *(f"- {t}" for t in titles)])
