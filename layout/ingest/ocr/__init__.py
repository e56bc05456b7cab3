"""OCR reader: a page image -> the raw-page model, via ``rapidocr-onnxruntime`` (``layout[ocr]``).

Takes a PDF page (rendered with pypdfium2) or a page image (PNG, JPEG, TIFF: every frame
of a multi-page TIFF is a page) and the settings; returns a
:class:`~layout.ingest.raw.RawPage` whose glyphs are the recognised characters, in the
same model the PDF readers give, so the analysis that follows is the same code. By
concern:

- :mod:`~layout.ingest.ocr.images`: PDF pages rendered at a resolution chosen from the
  text size, image files read frame by frame, small type measured and enlarged;
- :mod:`~layout.ingest.ocr.engine`: the engine, loaded once, its results cached by page
  image (:mod:`~layout.ingest.ocr.cache`); lines detected across a column gutter cut
  there before they are read (:mod:`~layout.ingest.ocr.gutters`);
- :mod:`~layout.ingest.ocr.lines`: lines cut at column gutters, column stacks, rows;
- :mod:`~layout.ingest.ocr.chars`: characters' extents, marks and dashes as Chinese
  prints them; :mod:`~layout.ingest.ocr.marks`: a full stop read as a middle dot told
  apart by where its ink sits;
- :mod:`~layout.ingest.ocr.glyphs`: recognised lines -> glyphs, sizes per column stack;
- :mod:`~layout.ingest.ocr.photos`: photos found in a page image;
- :mod:`~layout.ingest.ocr.pages`: one page, all of the above.

The engine's models ship inside its wheel: nothing is downloaded at run time. Without
the extra, :class:`OcrUnavailable` says "install layout[ocr]".
"""

from layout.ingest.ocr.engine import OcrUnavailable, ocr_available, threads_per_job
from layout.ingest.ocr.glyphs import OCR_FONT
from layout.ingest.ocr.images import frame_count, image_frames, ocr_dpi
from layout.ingest.ocr.pages import ocr_image, ocr_pdf_page

__all__ = ["OCR_FONT", "OcrUnavailable", "frame_count", "image_frames", "ocr_available",
           "ocr_dpi", "ocr_image", "ocr_pdf_page", "threads_per_job"]
