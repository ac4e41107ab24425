"""Shared fixtures for the ingest tests: the seed corpus and a PDF maker with a Japanese font."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEED_STEMS = sorted(path.stem for path in CORPUS.glob("*.txt"))
JAPANESE_FONT = "HeiseiMin-W3"
"""A CID font built into reportlab (no font file needed); pypdf extracts its Japanese text back."""

MakePdf = Callable[..., Path]


@pytest.fixture
def make_pdf(tmp_path: Path) -> MakePdf:
    """Write a PDF whose pages hold the given lines of (Japanese) text; returns its path."""
    pdfmetrics.registerFont(UnicodeCIDFont(JAPANESE_FONT))

    def make(pages: list[list[str]], name: str = "doc.pdf", encrypt: object = None) -> Path:
        path = tmp_path / name
        pdf = canvas.Canvas(str(path), encrypt=encrypt)
        for lines in pages:
            pdf.setFont(JAPANESE_FONT, 11)
            for row, line in enumerate(lines):
                pdf.drawString(50, 800 - 16 * row, line)
            if not lines:
                pdf.rect(100, 100, 200, 200)
            pdf.showPage()
        pdf.save()
        return path

    return make


@pytest.fixture
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(params=SEED_STEMS)
def seed_path(request: pytest.FixtureRequest) -> Path:
    """Each of the seed documents in corpus/, one test run per document."""
    return CORPUS / f"{request.param}.txt"
