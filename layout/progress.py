"""Page progress: the readers say when a page of a file is done; a caller may listen.

Takes a listener (a callable given the file, the page's number and the file's page count)
for the length of a ``with reporting_pages(listener):`` block; :func:`page_done` calls it
once per page read and analysed (by :func:`layout.analysis.pdf.page.analyze_pdf`,
:func:`layout.analysis.pdf.scan.analyze_image`, and for ``--jobs`` in the parent process
as each worker's page comes back). Returns nothing: the library never prints, the CLI
draws its page bar from these calls (:mod:`layout.cli.commands`). Without a listener a call
costs one context-variable look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

PageListener = Callable[[Path, int, int], object]  # (file, page number, pages in the file)

_LISTENER: ContextVar[PageListener | None] = ContextVar("layout_page_listener", default=None)


@contextmanager
def reporting_pages(listener: PageListener | None) -> Iterator[None]:
    """Within the block, every page done is told to ``listener`` (None: to no one)."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def page_done(path: Path, number: int, total: int) -> None:
    """Page ``number`` of the ``total`` of ``path`` is read (told to the listener, if any)."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(path, number, total)
