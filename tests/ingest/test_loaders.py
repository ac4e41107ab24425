from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ingest.encoding import decode_text
from ingest.errors import IngestError
from ingest.loaders import list_ingestible_files, load_document

LIMIT = 1_000_000
SHORT = "意見交換"
LONG = "令和5年度は、脱炭素に向けた取組のひとつとして「栃木市脱炭素促進プラットフォーム」を設立した。①②㈱"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _text(path: Path) -> str:
    return "".join(page.text for page in load_document(path, max_file_bytes=LIMIT).pages)


@pytest.mark.parametrize("text", [SHORT, LONG, "ｶﾀｶﾅ半角とひらがな", "表示"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp"])
def test_text_is_decoded_from_utf8_bom_shift_jis_and_euc_jp(tmp_path: Path, encoding: str, text: str) -> None:
    if encoding == "euc_jp" and "①" in text:
        text = text.replace("①②㈱", "")  # CP932-only characters have no EUC-JP form
    path = _write(tmp_path, "doc.txt", text.encode(encoding))
    assert _text(path) == text


def test_short_euc_jp_text_that_charset_normalizer_reads_as_korean_is_decoded() -> None:
    from charset_normalizer import from_bytes

    data = SHORT.encode("euc_jp")
    assert str(from_bytes(data).best()) != SHORT
    assert decode_text(data) == SHORT


def test_iso_2022_jp_mail_encoding_falls_back_to_charset_normalizer() -> None:
    assert decode_text(LONG[:-3].encode("iso2022_jp")) == LONG[:-3]


def test_utf16_with_byte_order_mark_is_decoded() -> None:
    assert decode_text(codecs.BOM_UTF16_LE + LONG.encode("utf-16-le")) == LONG


def test_markdown_is_loaded_as_text(tmp_path: Path) -> None:
    loaded = load_document(_write(tmp_path, "plan.MD", "# 計画\n本文".encode()), max_file_bytes=LIMIT)
    assert (loaded.doc_id, loaded.source_file, loaded.format) == ("plan", "plan.MD", "md")
    assert [(page.number, page.text) for page in loaded.pages] == [(None, "# 計画\n本文")]


def test_binary_data_is_refused_as_undecodable(tmp_path: Path) -> None:
    path = _write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError, match="cannot decode the text"):
        load_document(path, max_file_bytes=LIMIT)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="the file is empty"):
        load_document(_write(tmp_path, "empty.txt", b""), max_file_bytes=LIMIT)


def test_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="contains no text"):
        load_document(_write(tmp_path, "blank.md", " \n\u3000\n".encode()), max_file_bytes=LIMIT)


def test_too_large_file_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: takes no disk space

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the oversized file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(IngestError, match="209,715,200 bytes, over the limit of 1,000,000 bytes"):
        load_document(path, max_file_bytes=LIMIT)


def test_unsupported_extension_is_refused_with_the_supported_list(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"unsupported file type '\.docx'.*\.pdf"):
        load_document(_write(tmp_path, "plan.docx", b"PK"), max_file_bytes=LIMIT)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="not a regular file"):
        load_document(tmp_path / "missing.txt", max_file_bytes=LIMIT)


def test_pdf_japanese_text_is_extracted_page_by_page(make_pdf) -> None:
    path = make_pdf([["2030年度までに温室効果ガスを50%削減します。"], ["二ページ目の本文です。"]])
    loaded = load_document(path, max_file_bytes=LIMIT)
    assert loaded.format == "pdf"
    assert [(page.number, page.text.strip()) for page in loaded.pages] == [
        (1, "2030年度までに温室効果ガスを50%削減します。"),
        (2, "二ページ目の本文です。"),
    ]


def test_garbage_bytes_named_pdf_are_refused_as_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.pdf", b"this is not a PDF at all" * 10)
    with pytest.raises(IngestError, match="the PDF cannot be read"):
        load_document(path, max_file_bytes=LIMIT)


def test_truncated_pdf_is_refused_as_unreadable(make_pdf) -> None:
    path = make_pdf([["途中で切れたファイルです。"]])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(IngestError, match="damaged, truncated or not a PDF"):
        load_document(path, max_file_bytes=LIMIT)


def test_pdf_without_text_is_refused_as_needing_ocr(make_pdf) -> None:
    with pytest.raises(IngestError, match="no extractable text"):
        load_document(make_pdf([[]]), max_file_bytes=LIMIT)


def test_password_protected_pdf_is_refused_as_encrypted(make_pdf) -> None:
    path = make_pdf([["秘密の資料です。"]], encrypt="secret")
    with pytest.raises(IngestError, match="encrypted"):
        load_document(path, max_file_bytes=LIMIT)


def test_pdf_with_only_an_owner_password_is_read(make_pdf) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = make_pdf([["印刷禁止の資料です。"]], encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    assert load_document(path, max_file_bytes=LIMIT).pages[0].text.strip() == "印刷禁止の資料です。"


HTML = """<!DOCTYPE html>
<html><head><title>脱炭素の取組 | 川崎市</title><style>p { color: red }</style>
<script>document.write("悪意");</script></head>
<body><h1>見出し</h1><p>本文では &lt;b&gt;太字&lt;/b&gt; と書きます。</p>
<script type="text/javascript">alert("x")</script><noscript>JSが無効です</noscript>
<div hidden>隠し要素</div><p style="display: none">非表示</p><!-- コメント -->
<ul><li>一つ目</li><li>二つ目</li></ul><p>改行<br>後</p></body></html>"""


def test_html_keeps_visible_text_only(tmp_path: Path) -> None:
    text = _text(_write(tmp_path, "page.html", HTML.encode()))
    for hidden in ["悪意", "alert", "color", "JSが無効", "隠し要素", "非表示", "コメント"]:
        assert hidden not in text
    for visible in ["見出し", "本文では", "一つ目", "二つ目"]:
        assert visible in text


def test_html_markup_written_as_text_stays_literal_text(tmp_path: Path) -> None:
    assert "<b>太字</b>" in _text(_write(tmp_path, "page.html", HTML.encode()))


def test_html_title_comes_from_title_then_h1(tmp_path: Path) -> None:
    with_title = load_document(_write(tmp_path, "a.html", HTML.encode()), max_file_bytes=LIMIT)
    assert with_title.title_hint == "脱炭素の取組 | 川崎市"
    without = _write(tmp_path, "b.htm", "<body><h1>計画 <em>概要</em></h1><p>本文</p></body>".encode())
    assert load_document(without, max_file_bytes=LIMIT).title_hint == "計画 概要"


def test_html_blocks_and_headings_become_separate_lines(tmp_path: Path) -> None:
    text = _text(_write(tmp_path, "page.html", HTML.encode()))
    assert "# 見出し" in text
    assert "一つ目\n" in text
    assert "改行\n後" in text


def test_html_declared_shift_jis_encoding_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="Shift_JIS"><title>表示</title></head><body><p>意見交換</p></body></html>'
    loaded = load_document(_write(tmp_path, "sjis.html", page.encode("cp932")), max_file_bytes=LIMIT)
    assert loaded.title_hint == "表示"
    assert "意見交換" in loaded.pages[0].text


def test_html_without_declared_encoding_is_decoded_like_text(tmp_path: Path) -> None:
    page = "<p>意見交換</p>".encode("euc_jp")
    assert "意見交換" in _text(_write(tmp_path, "euc.html", page))


def test_ingestible_files_are_sorted_and_skip_hidden_manifest_and_unsupported(tmp_path: Path) -> None:
    for name in ["b.pdf", "a.txt", "C.HTML", "d.md", "e.htm", ".hidden.txt", "manifest.json", "notes.docx"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub.txt").mkdir()
    assert [path.name for path in list_ingestible_files(tmp_path)] == ["C.HTML", "a.txt", "b.pdf", "d.md", "e.htm"]
