"""PDF files: the text layer, laid out by pdfminer.six, as paragraphs.

pdfminer groups characters into text boxes in reading order; a box becomes a block.
Running headers and footers are found by repetition: a box in the top or bottom band of
the page whose text (digits aside) recurs on other pages, or a bare page number. They are
kept in the canonical text, labelled furniture, and moved after a paragraph that runs on
across the page break, so that paragraph stays one block with one pinpoint.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.errors import SourceError
from briefgen.ingest.readers.source_text import SourceText, TextBuilder, declared_metadata
from briefgen.model import TextMetadata, Zone

_MARGIN_BAND = 0.1  # share of the page height at top and bottom where running lines sit
_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)
_TERMINAL = re.compile(r"[.!?:;][”\"’')\]]*$")


@dataclass
class _Box:
    text: str
    in_margin: bool
    furniture: bool = False


def read_pdf(path: Path, data: bytes) -> SourceText:
    """The text layer of a PDF; raises SourceError for encrypted, corrupt or image-only files."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        document = _parse(data)
        pages = _pages(document)
        metadata = _metadata(document)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise SourceError(f"{path}: the PDF is encrypted; save an unencrypted copy") from exc
    except Exception as exc:  # pdfminer raises assorted errors on damaged files
        raise SourceError(f"{path}: cannot read the PDF ({type(exc).__name__}: {exc})") from exc
    _mark_running_lines(pages)
    blocks = _join_across_pages(pages)
    if all(furniture for _, furniture in blocks):
        raise SourceError(
            f"{path}: the PDF has no text layer (a scan?); run OCR first, e.g. ocrmypdf"
        )
    builder = TextBuilder()
    for text, furniture in blocks:
        builder.add(text, Zone.FURNITURE if furniture else None)
    return builder.source_text(metadata)


def _parse(data: bytes) -> Any:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    return PDFDocument(PDFParser(io.BytesIO(data)))


def _pages(document: Any) -> list[list[_Box]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[list[_Box]] = []
    for pdf_page in PDFPage.create_pages(document):
        interpreter.process_page(pdf_page)
        page = device.get_result()
        band = page.height * _MARGIN_BAND
        boxes = []
        for element in page:
            if not isinstance(element, LTTextBox):
                continue
            text = "\n".join(line.rstrip() for line in element.get_text().strip().splitlines())
            if text.strip():
                in_margin = element.y0 >= page.height - band or element.y1 <= band
                boxes.append(_Box(text.strip(), in_margin))
        pages.append(boxes)
    return pages


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _mark_running_lines(pages: list[list[_Box]]) -> None:
    pages_with = Counter(
        shape for boxes in pages for shape in {_shape(b.text) for b in boxes if b.in_margin}
    )
    for boxes in pages:
        for box in boxes:
            if box.in_margin and (
                _PAGE_NUMBER.match(box.text)
                or (len(pages) > 1 and pages_with[_shape(box.text)] > 1)
            ):
                box.furniture = True


def _join_across_pages(pages: list[list[_Box]]) -> list[tuple[str, bool]]:
    """(text, is_furniture) blocks in reading order, a paragraph split by a page re-joined."""
    blocks: list[tuple[str, bool]] = []
    # Furniture waits here until the next body box shows whether a paragraph runs on, so
    # while the loop runs the last block, if any, is always body text.
    held: list[tuple[str, bool]] = []
    for boxes in pages:
        for box in boxes:
            if box.furniture:
                held.append((box.text, True))
                continue
            if held and blocks and _runs_on(blocks[-1][0], box.text):
                blocks[-1] = (blocks[-1][0] + "\n" + box.text, False)
                continue
            blocks.extend(held)
            held = []
            blocks.append((box.text, False))
    blocks.extend(held)
    return blocks


def _runs_on(previous: str, following: str) -> bool:
    """Whether `following` continues the sentence `previous` leaves open."""
    return not _TERMINAL.search(previous) and following[:1].islower()


def _metadata(document: Any) -> TextMetadata:
    """Title and author from the PDF's document information, when set."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    fields: dict[str, str] = {}
    for entry in document.info:
        for key in ("Title", "Author"):
            value = resolve1(entry.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip():
                fields[key] = value.strip()
    return declared_metadata(
        "the PDF's document information", title=fields.get("Title"), authors=fields.get("Author")
    )
