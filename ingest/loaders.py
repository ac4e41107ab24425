"""File -> LoadedDocument for .txt/.md, .pdf and .html/.htm; every failure is an IngestError with a reason."""

from __future__ import annotations

import io
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.dammit import EncodingDetector
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from ingest.document import LoadedDocument, Page
from ingest.encoding import decode_text
from ingest.errors import IngestError

FORMATS = {".txt": "txt", ".md": "md", ".pdf": "pdf", ".html": "html", ".htm": "html"}
"""Supported file extensions (lower case) and the format name each is loaded as."""

_INVISIBLE_TAGS = ["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed"]
_HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_BLOCK_TAGS = [
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul",
]  # fmt: skip


def list_ingestible_files(folder: Path) -> list[Path]:
    """The files in `folder` (not its subfolders) that `load_document` accepts, sorted by name.

    Hidden files are skipped; the manifest (JSON) is never a supported format.
    """
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and not path.name.startswith(".") and path.suffix.lower() in FORMATS
    )


def _read_bytes(path: Path, max_file_bytes: int) -> bytes:
    """Read a file after checking its size with stat, so an oversized file is never read into memory."""
    try:
        if not path.is_file():
            raise IngestError(f"{path.name} is not a regular file")
        size = path.stat().st_size
        if size > max_file_bytes:
            raise IngestError(f"the file is {size:,} bytes, over the limit of {max_file_bytes:,} bytes")
        with path.open("rb") as handle:
            data = handle.read(max_file_bytes + 1)
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > max_file_bytes:
        raise IngestError(f"the file grew past the limit of {max_file_bytes:,} bytes while being read")
    if not data:
        raise IngestError("the file is empty")
    return data


def _pdf_pages(data: bytes) -> list[Page]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise IngestError("the PDF is encrypted with a password")
        pages = [Page(number=number, text=page.extract_text() or "") for number, page in enumerate(reader.pages, 1)]
    except (DependencyError, FileNotDecryptedError) as exc:
        raise IngestError(f"the PDF is encrypted and cannot be opened: {exc}") from exc
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, ValueError, KeyError...) on damaged files
        raise IngestError(f"the PDF cannot be read (damaged, truncated or not a PDF): {exc}") from exc
    if not any(page.text.strip() for page in pages):
        raise IngestError("the PDF has no extractable text (a scanned image? it needs OCR first)")
    return pages


def _html_text(data: bytes) -> tuple[str, str]:
    """Visible text and title of an HTML page; markup in the text (&lt;b&gt;) comes out as literal text."""
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    soup = BeautifulSoup(data if declared else decode_text(data), "html.parser")
    heading = soup.find("h1")
    title_tag = soup.title if soup.title and soup.title.get_text(strip=True) else heading
    title = title_tag.get_text(" ", strip=True) if title_tag else ""
    for tag in soup.find_all(_INVISIBLE_TAGS):
        tag.decompose()
    for tag in soup.find_all(hidden=True):
        tag.decompose()
    for tag in soup.find_all(style=True):
        if "display:none" in str(tag.get("style", "")).replace(" ", "").lower():
            tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(["td", "th"]):
        tag.insert_after(" ")
    for tag in soup.find_all(_HEADING_TAGS):
        tag.insert_before("\n\n# ")
        tag.insert_after("\n\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return soup.get_text(), title


def load_document(path: Path, *, max_file_bytes: int) -> LoadedDocument:
    """Read a .txt/.md/.pdf/.html/.htm file into pages of raw text.

    Raises IngestError for an unsupported extension, an empty or oversized file (checked before reading),
    undecodable text, a damaged or encrypted PDF, or a PDF without extractable text.
    """
    file_format = FORMATS.get(path.suffix.lower())
    if file_format is None:
        supported = ", ".join(sorted(FORMATS))
        raise IngestError(f"unsupported file type '{path.suffix or path.name}' (supported: {supported})")
    data = _read_bytes(path, max_file_bytes)
    title = ""
    if file_format == "pdf":
        pages = _pdf_pages(data)
    elif file_format == "html":
        text, title = _html_text(data)
        pages = [Page(text=text)]
    else:
        pages = [Page(text=decode_text(data))]
    if not any(page.text.strip() for page in pages):
        raise IngestError("the file contains no text")
    return LoadedDocument(doc_id=path.stem, source_file=path.name, format=file_format, pages=pages, title_hint=title)
