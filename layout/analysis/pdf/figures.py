"""Figures: photos cropped from the page, tied to their captions.

Takes the image boxes and the content text blocks of a page; returns
:class:`Figure` objects, each with the caption blocks that sit right below (or,
failing that, right above) the image, lined up under it; a following line that
is only a photo credit (…摄) joins as the credit. :func:`crop_figures` renders
each photo's rectangle alone with pypdfium2, straight at its output resolution
(capped in pixels), as a JPEG data URI (``data:image/jpeg;base64,…``).
"""

from __future__ import annotations

import base64
import io
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout.analysis.patterns import CREDIT_MARKS, is_byline
from layout.analysis.patterns import is_credit_only as _is_credit_only
from layout.analysis.patterns import split_credit as _split_credit
from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.text import body_text
from layout.analysis.pdf.text_line import TextLine
from layout.model import BBox

log = logging.getLogger("layout.analysis.pdf.figures")


@dataclass
class Figure:
    bbox: BBox
    captions: list[TextBlock] = field(default_factory=list)
    image: str | None = None

    def caption_and_credit(self) -> tuple[str | None, str | None]:
        """Caption text and photo credit (split off the caption's end when present)."""
        if not self.captions:
            return None, None
        credit_blocks = [b for b in self.captions if is_credit_only(b.text)]
        if len(credit_blocks) == len(self.captions):
            credit_blocks = []
        main = [b for b in self.captions if b not in credit_blocks]
        text = body_text("".join(ln.text for ln in _reading_lines(main)))
        credit = body_text("".join(b.text for b in credit_blocks)) or None
        if credit is None:
            text, credit = split_credit(text)
        else:  # a credit wrapped onto its own line: 「…新生。 本报记者」「肖怡远 摄」
            rest, whole = split_credit(text + credit)
            if whole is not None and len(whole) > len(credit) and whole.endswith(credit):
                text, credit = rest, whole
        return text or None, credit


def _reading_lines(blocks: Sequence[TextBlock]) -> list[TextLine]:
    """The lines of caption ``blocks`` (top to bottom) in reading order: a one-line block
    set on the row of another block's line, right after it (the rest of that line split
    off at a wide gap: 「…維持經營。 田佳」 over 「明攝」), follows that line."""
    hosts = {id(b): _row_host(b, blocks, chained=True) if len(b.lines) == 1 else None
             for b in blocks}
    order = [ln for b in blocks if hosts[id(b)] is None for ln in b.lines]
    # left to right, so that a piece following another piece on its row finds it placed
    for b in sorted(blocks, key=lambda b: b.bbox.x0):
        host = hosts[id(b)]
        if host is not None:
            order.insert(next(k for k, ln in enumerate(order) if ln is host) + 1, b.lines[0])
    return order


def _row_host(block: TextBlock, others: Sequence[TextBlock], chained: bool = False
              ) -> TextLine | None:
    """The line of ``others`` (of two lines or more) that ``block``'s one line follows on
    its row, within two ems; None when there is none. ``chained``: also the line of a
    one-line block that itself follows such a line on its row (a credit line justified
    wide apart into pieces: 「本报记者」「钱强」「摄」, the first ending a caption's
    block); a host stands left of the block, so pieces chain along the row, never round."""
    b, em = block.lines[0].bbox, block.size  # (lines: page frame, also in a turned proxy)
    for other in others:
        if other is block or len(other.lines) < 2 and not (
                chained and _row_host(other, others) is not None):
            continue
        for ln in other.lines:
            box = ln.bbox
            if (abs(b.top - box.top) <= 0.3 * em and abs(b.bottom - box.bottom) <= 0.3 * em
                    and 0 <= b.x0 - box.x1 <= 2.0 * em):
                return ln
    return None


# A credit is short and ends in 摄 (攝): the credit regexes (slow on long Han runs) only ever
# see a caption's tail, and only when it ends that way.
_TAIL = 30


def _ends_with_credit_mark(text: str) -> bool:
    return text.rstrip().rstrip(")）").endswith(CREDIT_MARKS)


def is_credit_only(text: str) -> bool:
    """A line that is only a photo credit (…摄); long lines never are."""
    return len(text) <= _TAIL and _ends_with_credit_mark(text) and _is_credit_only(text)


def split_credit(text: str) -> tuple[str, str | None]:
    """(caption, credit) as patterns.split_credit gives, looking only at the tail."""
    if not _ends_with_credit_mark(text):
        return text.rstrip(), None
    if len(text) <= _TAIL:
        return _split_credit(text)
    head, tail = text[:-_TAIL], text[-_TAIL:]
    rest, credit = _split_credit(tail)
    if credit is None:
        return text.rstrip(), None
    return (head + rest).rstrip(), credit


def _under(image: BBox, block: TextBlock) -> bool:
    b = block.bbox
    em = block.size
    return (b.horizontal_overlap(image) >= 0.6 * b.width
            and b.x0 >= image.x0 - 1.5 * em and b.x1 <= image.x1 + 1.5 * em)


def attach_captions(images: Sequence[BBox], blocks: Sequence[TextBlock],
                    heading_like: set[int], body_style: tuple[str, float] = ("", 0.0),
                    max_gap_em: float = 1.6) -> list[Figure]:
    """Figures with their caption blocks; ``heading_like`` holds ids of blocks never captions.

    A caption is looked for right below the image, then right above it; text set
    unlike the body (``body_style`` = font, size) is preferred, body-like text is taken
    only when it is short and as wide as the image.
    """
    figures = [Figure(box) for box in sorted(images, key=lambda b: (b.top, b.x0))]
    taken: set[int] = set()
    body_font, body_size = body_style

    def body_like(b: TextBlock) -> bool:
        return b.font == body_font and abs(b.size - body_size) <= 0.6

    for fig in figures:
        img = fig.bbox
        free = [b for b in blocks if id(b) not in taken and id(b) not in heading_like
                and _under(img, b)]
        below = sorted((b for b in free if -0.5 * b.size <= b.bbox.top - img.bottom
                        <= max_gap_em * b.size), key=lambda b: b.bbox.top)
        above = sorted((b for b in free if -0.5 * b.size <= img.top - b.bbox.bottom
                        <= max_gap_em * b.size), key=lambda b: -b.bbox.bottom)
        near = sorted((b for b in below + above if not _names_only(b.text)),
                      key=lambda b, img=img: max(b.bbox.top - img.bottom,
                                                 img.top - b.bbox.bottom))
        credits = [b for b in free if is_credit_only(b.text)]
        plain = [b for b in near if not body_like(b) and not _column_of_text(b, body_size)]
        fitting = [b for b in near if body_like(b) and (
                       len(b.lines) <= 4 or (len(b.lines) <= 8 and _ends_with_credit(b)))
                   and (b.bbox.width >= 0.8 * img.width or _reads_as_caption(b.text)
                        or _credited(b, credits) or _centred_line(img, b))]
        chosen = (plain or fitting)[:1]
        if not chosen:
            continue
        group = [chosen[0]]
        taken.add(id(chosen[0]))
        grown = True
        while grown:  # caption lines set apart (a credit line, a right-aligned end)
            grown = False
            for b in free:
                if id(b) in taken or (b.font, round(b.size, 1)) != (
                        group[0].font, round(group[0].size, 1)) and not is_credit_only(b.text):
                    continue
                closed = [g for g in group if _ends_with_credit_mark(g.text)]
                if closed and b.bbox.top >= min(g.bbox.bottom for g in closed) - 1:
                    continue  # the credit (…摄) ends the caption: text below is not its
                if (any(-0.5 * b.size <= b.bbox.top - g.bbox.bottom <= 1.0 * b.size
                        or -0.5 * b.size <= g.bbox.top - b.bbox.bottom <= 1.0 * b.size
                        for g in group) and not _spans_image(img, b)) or _credit_beside(
                            b, group) or (len(b.lines) == 1
                                         and _row_host(b, group, chained=True)):
                    group.append(b)
                    taken.add(id(b))
                    grown = True
        fig.captions = sorted(group, key=lambda b: (b.bbox.top, b.bbox.x0))
    return figures


def _column_of_text(block: TextBlock, body_size: float) -> bool:
    """Many lines at body size that do not read as a caption: a column of an article's
    text set in a face of its own (articles of one page may use different faces), not a
    caption of the photo it stands on."""
    return (len(block.lines) > 4 and abs(block.size - body_size) <= 0.06 * body_size
            and not _reads_as_caption(block.text))


def _credit_beside(block: TextBlock, group: Sequence[TextBlock]) -> bool:
    """``block`` is a credit (…摄) set on the row of a caption's line, right after it (a
    space apart: 「图为…活动。  记者潘永摄」 read as two lines; the caption's last line when
    it wraps)."""
    b, em = block.bbox, block.size
    return is_credit_only(block.text) and any(
        abs(b.top - ln.top) <= 0.3 * em and abs(b.bottom - ln.bottom) <= 0.3 * em
        and 0 <= b.x0 - ln.x1 <= 2.0 * em for g in group for ln in g.lines[-1:])


def _ends_with_credit(block: TextBlock) -> bool:
    """The block's text ends with a photo credit (…记者 张三摄): a caption, however many
    lines a narrow column breaks it into."""
    return split_credit(block.text.replace(" ", ""))[1] is not None


def _credited(block: TextBlock, credits: Sequence[TextBlock]) -> bool:
    """A credit line (…摄) is set right under ``block``, or right after its last line on
    that line's row (「但越是拓宽机制，…加强监管。  新华社记者 贺轩艳摄」)."""
    return any(0 <= c.bbox.top - block.bbox.bottom <= 1.0 * c.size
               or _credit_beside(c, [block]) for c in credits)


def _centred_line(image: BBox, block: TextBlock) -> bool:
    """One short line centred on the photo, clear of its edges: body text is never set
    centred in a column, a caption or credit often is (Reuters under a photo)."""
    b, em = block.bbox, block.size
    return (len(block.lines) == 1 and b.width <= 0.7 * image.width
            and abs((b.x0 + b.x1) - (image.x0 + image.x1)) <= 2 * em
            and b.x0 >= image.x0 + em and b.x1 <= image.x1 - em)


def _names_only(text: str) -> bool:
    """A byline (记者 张三) or a bare name, not a caption: no 摄 credit, no sentence."""
    compact = text.replace(" ", "")
    if _ends_with_credit_mark(compact):
        return False
    return is_byline(text) or (len(compact) <= 6 and not any(
        ch in "，。；：！？、“”（）" for ch in compact))


def _reads_as_caption(text: str) -> bool:
    """Caption wording: opens with 图为/图：/上图 or ends with a photo credit."""
    compact = text.replace(" ", "")
    return compact.startswith(("图为", "图：", "图:", "上图", "下图", "左图", "右图")) or (
        split_credit(compact)[1] is not None) or is_credit_only(compact)


def _spans_image(image: BBox, block: TextBlock) -> bool:
    """True when the block overlaps the image vertically (text beside, not at, the photo)."""
    return block.bbox.vertical_overlap(image) > 0.5 * block.bbox.height


def crop_scale(box: BBox, dpi: float, max_pixels: int, max_side: int) -> float:
    """Pixels per point for a crop of ``box``: ``dpi`` at print size, less when the crop
    would exceed ``max_pixels`` pixels or ``max_side`` pixels on its longer side."""
    width, height = max(box.width, 1e-3), max(box.height, 1e-3)
    return min(dpi / 72.0, math.sqrt(max_pixels / (width * height)),
               max_side / max(width, height))


def crop_figures(pdf_path: Path, page_index: int, boxes: Sequence[BBox], dpi: int,
                 max_side: int = 1600, quality: int = 80,
                 max_pixels: int = 4_000_000,
                 document: object | None = None,
                 password: str | None = None,
                 page: object | None = None) -> list[str | None]:
    """JPEG data URIs of ``boxes`` cut from page ``page_index`` (from 0) of the PDF.

    ``page``: that page loaded already in pypdfium2 (as it was read), left open;
    else ``document``: the PDF already open in pypdfium2 (opening a long PDF again for
    every page costs more than rendering its photos); else it is opened and closed here.

    Only each photo's rectangle is rendered, straight at its output resolution
    (:func:`crop_scale`), so memory is bounded by ``max_pixels`` whatever the page
    size or the image's pixel count. A photo pdfium cannot render is left out (None)
    with a warning.
    """
    if not boxes:
        return []
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - pypdfium2 is a dependency
        return [None] * len(boxes)
    uris: list[str | None] = []
    doc: Any = document
    if doc is None and page is None:
        try:
            doc = pdfium.PdfDocument(str(pdf_path), password=password)
        except Exception as exc:  # pdfium raises its own error type
            log.warning("%s: cannot render for figures: %s", pdf_path, exc)
            return [None] * len(boxes)
    loaded: Any = page
    try:
        page = loaded if loaded is not None else doc[page_index]
        width, height = page.get_size()
        for box in boxes:  # render only each photo's rectangle
            scale = crop_scale(box, dpi, max_pixels, max_side)
            crop = (max(0.0, box.x0), max(0.0, height - box.bottom),
                    max(0.0, width - box.x1), max(0.0, box.top))
            try:
                bitmap = page.render(scale=scale, crop=crop)
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
            except Exception as exc:  # pdfium's PdfiumError, a bitmap it cannot make
                log.warning("%s: page %d: a photo cannot be rendered (%s); left out",
                            pdf_path, page_index + 1, exc)
                uris.append(None)
                continue
            image.thumbnail((max_side, max_side))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=quality, optimize=True)
            uris.append("data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode())
        if loaded is None:
            page.close()
    finally:
        if document is None and loaded is None:
            doc.close()
    return uris


def crop_image_figures(image: Any, width_pt: float, height_pt: float,
                       boxes: Sequence[BBox], dpi: int, max_side: int = 1600,
                       quality: int = 80, max_pixels: int = 4_000_000) -> list[str | None]:
    """JPEG data URIs of ``boxes`` (points) cut from a page image (PIL) covering
    ``width_pt`` x ``height_pt`` points: a scan's photos, at most ``dpi`` and the pixel
    caps of :func:`crop_scale`."""
    sx, sy = image.width / max(width_pt, 1e-6), image.height / max(height_pt, 1e-6)
    uris: list[str | None] = []
    for box in boxes:
        crop = image.crop((max(0, round(box.x0 * sx)), max(0, round(box.top * sy)),
                           min(image.width, round(box.x1 * sx)),
                           min(image.height, round(box.bottom * sy))))
        scale = crop_scale(box, dpi, max_pixels, max_side)
        target = (max(1, round(box.width * scale)), max(1, round(box.height * scale)))
        if target[0] < crop.width:
            crop = crop.resize(target)
        out = io.BytesIO()
        crop.convert("RGB").save(out, format="JPEG", quality=quality, optimize=True)
        uris.append("data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode())
    return uris
