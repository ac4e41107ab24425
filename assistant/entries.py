"""The rest of a labelled entry that a passage boundary cut off.

Slides describe a thing by labelled entries ("(特徴) 大都市の中心部の市街地・交通要衝" over "商店街・商業施設・
オフィス・業務ビル・製造工場等が所在"): the entry's value runs on in an unmarked line. When the passage ends on the
label's line, that line is in the next passage, and a quote ending there answers "what is found there" with half its
entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import Evidence, located
from assistant.lists import ITEM, DocumentSource
from assistant.quotable import ARROW, label_letter, line_end
from assistant.sentences import SENTENCE_END
from ingest.document import Chunk

_ENTRY_LABEL = re.compile(r"^\s*[(（【][^)）】\n]{1,8}[)）】]\s*\S")
"""A line opening with a short bracketed label and going on with its value: "(特徴) 大都市…", "【対象地域】川崎市…"."""
_MARKED = re.compile(r"^\s*[(（【※＊*・●○■□◆◇]")
"""A line with a mark of its own: another entry, a note or a bullet, not the value of the one above."""
_MAX_REST_CHARS = 60
"""The longest line read on as an entry's value; a longer one is prose of its own."""


def entry_rest(evidence: Evidence, source: DocumentSource | None, known: Sequence[Chunk] = ()) -> Evidence | None:
    """The line that goes on with the labelled entry the quote ends on, quoted from the passage holding it, when
    the quote's passage ends with that entry and the document's next line is an unmarked short value; else None."""
    chunk = evidence.hit.chunk
    start = located(evidence)
    if source is None or start < 0 or chunk.text[start + len(evidence.sentence) :].strip():
        return None
    last = evidence.sentence.rsplit("\n", 1)[-1]
    if not _ENTRY_LABEL.match(last) or SENTENCE_END.search(last):
        return None
    text = source.document_text(chunk.doc_id)
    if text is None or text[chunk.start : chunk.end] != chunk.text:
        return None
    begin = chunk.end + (len(text[chunk.end :]) - len(text[chunk.end :].lstrip("\n")))
    end = line_end(text, begin)
    rest = text[begin:end]
    if not _is_value(rest):
        return None
    holder = next((c for c in known if c.doc_id == chunk.doc_id and c.start <= begin and end <= c.end), None)
    holder = holder or source.chunk_covering(chunk.doc_id, begin, end)
    if holder is None:
        return None
    offset = begin - holder.start
    hit = evidence.hit.model_copy(update={"chunk": holder})
    return Evidence(hit, holder.text[offset : offset + len(rest)], evidence.score, offset)


def _is_value(line: str) -> bool:
    """A short unmarked line that is no sentence, item, lettered label or arrowed answer."""
    plain = 0 < len(line.strip()) <= _MAX_REST_CHARS and not SENTENCE_END.search(line)
    marked = _MARKED.match(line) or ARROW.match(line) or ITEM.match(line) or label_letter(line) is not None
    return plain and not marked
