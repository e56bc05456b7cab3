"""ReportLab flowables that draw typeset CJK text, figures, anchors and table-of-contents rows.

Takes styles (:mod:`layout.render.styles`), a :class:`layout.render.fonts.FontSet` and text or
image data; returns platypus flowables. Text is broken by :mod:`layout.render.typeset` (body)
or :mod:`layout.render.headline` (headlines) when the frame width is known, and split between
frames at line boundaries only, never leaving a single line of a paragraph behind or ahead.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from layout.render.draw import draw_lines
from layout.render.glyphs import Measure
from layout.render.headline import headline_lines
from layout.render.styles import TextStyle
from layout.render.typeset import Line, typeset
from layout.render.vertical_draw import EM_BOX_CENTRE, draw_vertical_lines
from layout.settings import DEFAULT_SETTINGS

log = logging.getLogger("layout.render")

# Pillow's decompression-bomb guard, set explicitly: an image with more pixels is not
# decoded (its figure is left out with a warning, the caption kept).
PILImage.MAX_IMAGE_PIXELS = DEFAULT_SETTINGS.limits.max_image_pixels

MIN_LINES_AT_SPLIT = 2
FIGURE_SPACE = 6.0  # pt above and below a photo


class TextBlock(Flowable):
    """Lines of one role's text; paragraphs split between frames at line boundaries."""

    def __init__(self, text: str, style: TextStyle, measure: Measure, *,
                 headline: bool = False, lines: list[Line] | None = None,
                 continued: bool = False, lead: tuple[str, Measure] | None = None) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.measure = measure
        self.headline = headline
        self.lead = lead  # run-in text before the first line (a dateline)
        self.lines = lines
        self.fixed = lines is not None  # a part of a split paragraph: its lines are final
        self.continued = continued  # a split-off tail: no space before it
        self._width = -1.0
        self.spaceBefore = 0.0 if continued else style.space_before
        self.spaceAfter = style.space_after

    def typeset_for(self, width: float) -> list[Line]:
        if self.lines is None or (self._width != width and not self.fixed):
            if self.headline:
                self.lines = headline_lines(self.text, self.measure, width,
                                            self.style.max_lines or 3)
            else:
                self.lines = typeset(self.text, self.measure, width, self.style.indent_em,
                                     justify=self.style.align == "justify", lead=self.lead)
            self._width = width
        return self.lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        lines = self.typeset_for(avail_width)
        self.height = len(lines) * self.style.line_height
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.headline:
            return []
        lines = self.typeset_for(avail_width)
        fit = int((avail_height + 1e-6) // self.style.line_height)
        fit = min(fit, len(lines) - MIN_LINES_AT_SPLIT)
        if fit < MIN_LINES_AT_SPLIT or fit >= len(lines):
            return []
        head = TextBlock(self.text, self.style, self.measure, lines=lines[:fit],
                         continued=self.continued)
        head._width = avail_width
        head.spaceAfter = 0.0
        tail = TextBlock(self.text, self.style, self.measure, lines=lines[fit:], continued=True)
        tail._width = avail_width
        return [head, tail]

    def head_and_rest(self, width: float, count: int) -> list[Flowable]:
        """This block cut after its first ``count`` lines (to keep them with a heading)."""
        lines = self.typeset_for(width)
        if len(lines) <= count + 1:
            return [self]
        head = TextBlock(self.text, self.style, self.measure, lines=lines[:count])
        head._width, head.spaceAfter = width, 0.0
        tail = TextBlock(self.text, self.style, self.measure, lines=lines[count:], continued=True)
        tail._width = width
        return [head, tail]

    def draw(self) -> None:
        style = self.style
        offsets = None
        if style.align in ("center", "right"):
            factor = 0.5 if style.align == "center" else 1.0
            offsets = [max(0.0, (self.width - line.width) * factor) for line in self.lines]
        ascent = 0.5 * style.line_height + EM_BOX_CENTRE * style.size
        draw = draw_vertical_lines if self.measure.vertical else draw_lines
        draw(self.canv, self.lines, 0.0, self.height, style.size, style.line_height, ascent,
             offsets)


class Deferred(Flowable):
    """Flowables decided only when the build reaches them: an article's head kept with the
    first lines of its body (or a subhead with the next paragraph's) needs that paragraph
    typeset, which a typesetting worker may do meanwhile (:mod:`layout.render.prefill`).

    ``content``: the flowables it is made of, in story order; ``unfold(content)`` gives
    the flowables that take its place, the same whenever it is called. The document
    unfolds it before handling it (``layout.render.pdf``); it is never laid out itself,
    so it stands only in the story's own list, never inside another flowable.
    """

    def __init__(self, content: list[Flowable],
                 unfold: Callable[[list[Flowable]], list[Flowable]]) -> None:
        super().__init__()
        self.content, self._unfold = content, unfold

    def unfold(self) -> list[Flowable]:
        return self._unfold(self.content)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        raise RuntimeError("a Deferred flowable is unfolded before it is laid out")


class Anchor(Flowable):
    """Invisible mark: a bookmark, an outline entry, and a callback with the page number."""

    def __init__(self, key: str, title: str | None, level: int,
                 on_draw: Callable[[str, int], None] | None = None) -> None:
        super().__init__()
        self.key, self.title, self.level, self.on_draw = key, title, level, on_draw
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkPage(self.key)
        if self.title is not None:
            canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        if self.on_draw is not None:
            self.on_draw(self.key, canvas.getPageNumber())


def decode_image(uri: str, base_dir: Path | None) -> bytes:
    """The bytes of a ``data:`` URI or of a file path relative to ``base_dir``."""
    if uri.startswith("data:"):
        header, _, payload = uri.partition(",")
        if ";base64" not in header:
            raise ValueError("data URI is not base64")
        return base64.b64decode(payload, validate=True)
    path = Path(uri)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    return path.read_bytes()


class Figure(Flowable):
    """An image scaled to the column width (at most ``max_width`` and ``max_height``), centred.

    Images with far more pixels than the placed size needs at ``max_dpi`` are downsampled
    (JPEG for opaque images, PNG otherwise) so that photos don't bloat the output. With
    ``upright`` (the turned frame of a vertical page) the image is drawn turned back: its
    height on the page runs along the column, its width across the columns (``max_width``
    and ``max_height`` bound its width and height on the page).
    """

    def __init__(self, data: bytes, max_height: float, max_dpi: float = 300.0,
                 max_width: float | None = None,
                 reload: Callable[[], bytes] | None = None, upright: bool = False) -> None:
        super().__init__()
        with warnings.catch_warnings():  # the bomb guard's warning is an error here
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as probe:
                probe.load()  # fail here, not while drawing, on a broken image
                self.pixels = probe.size
        # the bitmap is decoded again when drawn and released after; with ``reload`` the
        # bytes are not kept either (read again from their data URI): memory stays flat
        self.reload = reload
        self._data = None if reload is not None else data
        self.max_height, self.max_dpi, self.max_width = max_height, max_dpi, max_width
        self.upright = upright
        self.spaceBefore = self.spaceAfter = FIGURE_SPACE

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        pixel_w, pixel_h = self.pixels
        if self.upright:  # along the frame's width: the page height of the image
            scale = min(avail_width / pixel_h, self.max_height / pixel_w,
                        (self.max_width or float("inf")) / pixel_w)
            self.width, self.height = pixel_h * scale, pixel_w * scale
        else:
            width = min(avail_width, self.max_width or avail_width)
            scale = min(width / pixel_w, self.max_height / pixel_h)
            self.width, self.height = pixel_w * scale, pixel_h * scale
        self.offset = (avail_width - self.width) / 2
        return avail_width, self.height

    @property
    def data(self) -> bytes:
        return self._data if self._data is not None else self.reload()  # type: ignore[misc]

    def _image_reader(self) -> ImageReader:
        wanted = round((self.height if self.upright else self.width) / 72.0 * self.max_dpi)
        data = self.data
        if self.pixels[0] > 1.5 * wanted:
            with PILImage.open(io.BytesIO(data)) as image:
                height = max(1, round(self.pixels[1] * wanted / self.pixels[0]))
                small = image.resize((wanted, height), PILImage.Resampling.LANCZOS)
            buffer = io.BytesIO()
            if small.mode in ("RGBA", "LA", "P"):
                small.save(buffer, "PNG", optimize=True)
            else:
                small.convert("RGB").save(buffer, "JPEG", quality=85)
            data = buffer.getvalue()
        return ImageReader(io.BytesIO(data))

    def draw(self) -> None:
        reader = self._image_reader()  # decoded now, dropped once drawn
        if self.upright:  # turn the frame back: the image's foot on the page is its left
            self.canv.saveState()
            self.canv.translate(self.offset + self.width, 0)
            self.canv.rotate(90)
            self.canv.drawImage(reader, 0, 0, self.height, self.width)
            self.canv.restoreState()
        else:
            self.canv.drawImage(reader, self.offset, 0, self.width, self.height)
        # ReportLab decodes the whole bitmap to name the image and keeps it on the reader,
        # which a JPEG's reader holds in a reference cycle (reader.jpeg_fh is its own bound
        # method): freed only by a full garbage collection, so memory grew with the pages
        reader.__dict__.pop("jpeg_fh", None)
        reader._data = reader._image = None  # type: ignore[attr-defined]


def figure_or_none(uri: str | None, base_dir: Path | None, max_height: float,
                   max_width: float | None = None, upright: bool = False) -> Figure | None:
    """A :class:`Figure`, or None (logged) when the image is missing or cannot be decoded."""
    if not uri:
        return None
    try:
        return Figure(decode_image(uri, base_dir), max_height, max_width=max_width,
                      reload=lambda: decode_image(uri, base_dir), upright=upright)
    except (OSError, ValueError, binascii.Error, PILImage.DecompressionBombError,
            PILImage.DecompressionBombWarning) as exc:
        log.warning("figure %s could not be decoded (%s): keeping its caption only",
                    uri[:60], exc)
        return None


class TocNumbers:
    """Page numbers of the table of contents, known only once the body is laid out.

    Each :class:`TocRow` draws its number as a form XObject named here; the document
    defines the forms when the build ends (:meth:`define`), with the pages the anchors
    recorded, so one build gives the table of contents its numbers.
    """

    def __init__(self, upright: bool = False) -> None:
        self._rows: dict[str, tuple[str, str, float]] = {}  # key -> form name, font, size
        self.upright = upright  # vertical pages: numbers stand upright at a column's foot

    def form(self, key: str, font: str, size: float) -> str:
        if key not in self._rows:
            self._rows[key] = (f"tocnumber{len(self._rows)}", font, size)
        return self._rows[key][0]

    def define(self, canvas: Any, pages: dict[str, int]) -> None:
        """Define every number's form: the page of its key right-aligned at 0, 0 (upright:
        centred on x = 0, its foot at y = 0)."""
        for key, (name, font, size) in self._rows.items():
            canvas.beginForm(name, lowerx=-20 * size, lowery=-size, upperx=20 * size,
                             uppery=2 * size)
            canvas.setFont(font, size)
            number = str(pages[key]) if key in pages else "?"
            if self.upright:
                canvas.drawCentredString(0, 0.12 * size, number)
            else:
                canvas.drawRightString(0, 0, number)
            canvas.endForm()


class TocRow(Flowable):
    """One table-of-contents row: the title (wrapped) and the page number; a link to the key.

    Typeset like a :class:`TextBlock` (:meth:`typeset_for` the frame's width, once per
    width; ``lines`` may be set beforehand by a typesetting worker, see
    :mod:`layout.render.prefill`)."""

    def __init__(self, title: str, key: str, numbers: TocNumbers, style: TextStyle,
                 measure: Measure) -> None:
        super().__init__()
        self.title, self.key, self.numbers = title, key, numbers
        self.style, self.measure = style, measure
        self.lines: list[Line] | None = None
        self._width = -1.0

    def typeset_for(self, width: float) -> list[Line]:
        """The title's lines in a row ``width`` wide (the number takes three ems of it)."""
        if self.lines is None or self._width != width:
            number_width = 3 * self.style.size
            self.lines = typeset(self.title, self.measure, width - number_width, 0.0,
                                 justify=False)
            self._width = width
        return self.lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self.typeset_for(avail_width)) * self.style.line_height
        return avail_width, self.height

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        ascent = 0.5 * style.line_height + EM_BOX_CENTRE * style.size
        draw = draw_vertical_lines if self.measure.vertical else draw_lines
        draw(canvas, self.lines, 0.0, self.height, style.size, style.line_height, ascent)
        baseline = self.height - ascent - (len(self.lines) - 1) * style.line_height
        font = self.measure.fonts.font_for("0", self.measure.font)
        canvas.saveState()
        canvas.translate(self.width, baseline)
        if self.numbers.upright:  # the turned frame turned back, the number's foot at the end
            canvas.translate(0, EM_BOX_CENTRE * style.size)
            canvas.rotate(90)
        canvas.doForm(self.numbers.form(self.key, font, style.size))
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
