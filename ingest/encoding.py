"""Bytes -> str for plain-text files in UTF-8 (with or without BOM), Shift_JIS/CP932 or EUC-JP.

charset-normalizer alone is not trusted with Japanese: on short kanji-only EUC-JP text (e.g. 意見交換) it
answers cp949 (Korean) and returns mojibake. So strict decodes come first: the BOMs, UTF-8, then CP932 and
EUC-JP, choosing between those two by which reading looks less like mojibake. charset-normalizer is the
fallback for anything else (Latin-1, GB18030, ...).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_JAPANESE_LEGACY = ("cp932", "euc_jp")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab, newlines and form feed: a sign of binary data or a wrong decoding."""
_MOJIBAKE = re.compile("[\uff61-\uff9f\ue000-\uf8ff]")
"""Half-width katakana and private-use characters: what reading EUC-JP as CP932 (or back) produces."""
_UNDECODABLE = "cannot decode the text: it is not UTF-8, Shift_JIS/CP932 or EUC-JP"


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else text


def decode_text(data: bytes) -> str:
    """Decode a text file's bytes; raise IngestError when no encoding reads them as text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is None:
                raise IngestError(f"the text starts with a {encoding} byte-order mark but is not valid {encoding}")
            return text.removeprefix("\ufeff")
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    candidates = [text for encoding in _JAPANESE_LEGACY if (text := _strict(data, encoding)) is not None]
    if candidates:
        return min(candidates, key=lambda candidate: len(_MOJIBAKE.findall(candidate)))
    best = from_bytes(data).best()
    text = None if best is None else str(best)
    if text is None or _CONTROL.search(text):
        raise IngestError(f"{_UNDECODABLE} (is it a binary file?)")
    return text
