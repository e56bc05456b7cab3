"""The PDF readers by name: ``pdfium`` (the default, fast) and ``pdfplumber``.

Takes a reader name (``Settings.pdf.reader``); returns its :class:`PdfReader`: the
three functions every reader offers over the same raw-page model
(:mod:`layout.ingest.raw`): all pages in order, one page by number, the page count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from layout.errors import UsageError
from layout.ingest.raw import RawPage

READERS = ("pdfium", "pdfplumber")
DEFAULT_READER = "pdfium"


@dataclass(frozen=True)
class PdfReader:
    name: str
    read_pdf: Callable[[Path], Iterator[RawPage]]
    read_pdf_page: Callable[[Path, int], RawPage]
    page_count: Callable[[Path], int]


def encrypted_problem(password: str | None) -> str:
    """What to say about a PDF that does not open for lack of (the right) password."""
    return "encrypted: wrong password" if password else "encrypted: pass --password"


def pdf_reader(name: str = DEFAULT_READER, password: str | None = None) -> PdfReader:
    """The reader called ``name`` (opening encrypted files with ``password``); UsageError
    for an unknown name."""
    if name == "pdfium":
        from layout.ingest import pdfium as module
    elif name == "pdfplumber":
        from layout.ingest import pdf as module  # type: ignore[no-redef]
    else:
        raise UsageError(f"unknown PDF reader {name!r} (choose from {', '.join(READERS)})")
    if password is None:
        return PdfReader(name, module.read_pdf, module.read_pdf_page, module.page_count)
    return PdfReader(name, partial(module.read_pdf, password=password),
                     partial(module.read_pdf_page, password=password),
                     partial(module.page_count, password=password))
