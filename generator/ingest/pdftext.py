"""PDF → text per page, with pdfium (pypdfium2, Apache-2.0/BSD-3-Clause): the fastest of the
permissively licensed extractors on the corpus (see bench/pdf_extractors.py).

Every failure is an IngestError with one clear line: damaged, encrypted, empty, not a PDF,
or a PDF with no text layer (scanned images)."""
from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium


class IngestError(Exception):
    """A source file that cannot be ingested; the message is one line for a person."""


def pdf_pages(path: Path) -> list[str]:
    """Text of each page, in order. Lines end with "\\n"; pdfium's "\\r\\n" is normalised."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror}") from None
    if not head:
        raise IngestError("the file is empty")
    if b"%PDF-" not in head:
        if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            raise IngestError("not a PDF: the file is a web page saved under a .pdf name (a failed download?)")
        raise IngestError("not a PDF: the file does not start with a PDF header")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise IngestError("the PDF is encrypted (password protected)") from None
        detail = re.search(r"\(([^()]*)\)", msg)
        raise IngestError(f"the PDF is damaged and cannot be opened ({detail.group(1) if detail else msg.strip('. ')})") from None
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise IngestError(f"the PDF is damaged: {exc}") from None
    finally:
        pdf.close()
    if not pages:
        raise IngestError("the PDF has no pages")
    if sum(len(p.strip()) for p in pages) < 200:
        raise IngestError("the PDF has no text layer (scanned images?): nothing to read without OCR")
    return pages
