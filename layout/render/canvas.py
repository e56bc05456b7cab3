"""A ReportLab canvas whose memory does not grow with the pages drawn beyond their output.

Takes what :class:`reportlab.pdfgen.canvas.Canvas` takes; draws exactly what it draws. Two
differences, both about memory: a finished page's content stream is compressed at once (as
ReportLab would when saving: the same filters, the same stream object), so the
document holds compressed pages rather than every page's operators as text until the end;
and every :data:`TRIM_EVERY` pages the heap that freed flowables and page buffers left is
given back to the system (:func:`layout.memory.return_free_heap`), so the peak is set by one
page's work, not by the fragments of all earlier ones.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFBase85Encode, PDFName, PDFStream, PDFZCompress
from reportlab.pdfgen.canvas import Canvas

from layout.memory import return_free_heap

TRIM_EVERY = 16  # pages


class CompactCanvas(Canvas):
    """:class:`Canvas` that compresses each page when it ends (see the module doc)."""

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        pages = self._doc.Pages.pages
        count = len(pages)
        super().showPage()
        if len(pages) > count:
            _compress(pages[-1])
        if self._pageNumber % TRIM_EVERY == 0:
            return_free_heap()


def _compress(page) -> None:
    """The page's stream as the encoded stream object ReportLab would make when saving
    (``PDFPage.check_format`` and ``PDFStream.format``: the same filters, in that order)."""
    stream = getattr(page, "stream", None)
    if not stream or page.Contents or not page.compression or page.Override_default_compilation:
        return
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content = stream
    for encoding in reversed(filters):
        content = encoding.encode(content)
    contents = PDFStream(content=content)
    contents.dictionary["Filter"] = PDFArray([PDFName(f.pdfname) for f in filters])  # applied
    contents.__Comment__ = "page stream"
    page.Contents = contents
    page.stream = None
