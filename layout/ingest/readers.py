"""The PDF readers by name: ``pdfium`` (the default, fast) and ``pdfplumber``.

Takes a reader name (``Settings.pdf.reader``), the password and the cap on objects read
per page (``limits.max_page_objects``); returns its :class:`PdfReader`: the
three functions every reader offers over the same raw-page model
(:mod:`layout.ingest.raw`): all pages in order, one page by number, the page count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from layout.errors import InputError, UsageError
from layout.ingest.raw import DEFAULT_MAX_PAGE_OBJECTS, RawPage

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


def check_pdf_header(path: Path) -> None:
    """InputError unless ``path`` can be read and starts like a PDF (``%PDF`` in 1 KiB)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if b"%PDF" not in head:
        raise InputError(path, "not a PDF file (no %PDF header)")


def check_page_number(path: Path, number: int, count: int) -> None:
    """InputError unless page ``number`` (from 1) is one of the file's ``count`` pages."""
    if not 1 <= number <= count:
        raise InputError(path, f"no page {number} (the PDF has {count} pages)")


def declares_encryption(path: Path, chunk: int = 1 << 20) -> bool:
    """Whether the file holds an ``/Encrypt`` key (read in chunks, on the failure path only).

    PDFium's last-error code is process-wide and can be stale from an earlier file, so a
    "password" error is believed only when the file is encrypted at all.
    """
    key = b"/Encrypt"
    tail = b""
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            if key in tail + block:
                return True
            tail = block[-len(key):]
    return False


def pdf_reader(name: str = DEFAULT_READER, password: str | None = None,
               max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> PdfReader:
    """The reader called ``name`` (opening encrypted files with ``password``, giving up a
    page of more than ``max_objects`` objects); UsageError for an unknown name."""
    if name == "pdfium":
        from layout.ingest import pdfium as module
    elif name == "pdfplumber":
        from layout.ingest import pdf as module  # type: ignore[no-redef]
    else:
        raise UsageError(f"unknown PDF reader {name!r} (choose from {', '.join(READERS)})")
    return PdfReader(name, partial(module.read_pdf, password=password, max_objects=max_objects),
                     partial(module.read_pdf_page, password=password,
                             max_objects=max_objects),
                     partial(module.page_count, password=password))
