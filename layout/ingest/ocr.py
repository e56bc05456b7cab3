"""OCR reader: a page image -> the raw-page model, via ``rapidocr-onnxruntime`` (``layout[ocr]``).

Takes a PDF page (rendered with pypdfium2) or a page image (PNG, JPEG, TIFF: every frame
of a multi-page TIFF is a page) and the settings; returns a
:class:`~layout.ingest.raw.RawPage` whose glyphs are the recognised characters, in the
same model the PDF readers give, so the analysis that follows is the same code:

- a PDF page is rendered at a resolution chosen from the expected body text size
  (``ocr.px_per_em`` pixels to an em of ``ocr.text_size``, within ``ocr.min_dpi`` ..
  ``ocr.max_dpi``) and lowered so the image stays within ``limits.max_ocr_pixels``;
- each recognised line gives one glyph per character: its box from the recogniser's
  character positions (rapidocr's ``return_word_box``: one box per Han character, one
  per Latin word, split over the word's letters by width), else the line box split by
  character widths (full-width for CJK, half for Latin and digits); its size from the
  line's height (``ocr.size_per_line_height``) or, when smaller, the pitch of its
  full-width characters (a detected box's height varies with what the line holds),
  near-equal sizes snapped to one
  (``ocr.size_tolerance``); pixels converted to points, top-left;
- lines standing on end (taller than 1.5 times their width) give turned glyphs, read
  top to bottom;
- in a line of mostly Chinese text, the ASCII marks the recogniser reads for full-width
  ones (``, ? ! ; : ( ) "``) are set full-width;
- lines recognised with less confidence than ``ocr.min_confidence`` are dropped; every
  kept line and its confidence is in ``RawPage.ocr_lines``.

The engine's models ship inside its wheel: nothing is downloaded at run time. Without
the extra, :class:`OcrUnavailable` says "install layout[ocr]".
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from layout.errors import InputError
from layout.ingest.photos import inside, photo_boxes
from layout.ingest.raw import Glyph, OcrLine, RawPage
from layout.model import BBox
from layout.settings import DEFAULT_SETTINGS, Settings

OCR_FONT = "OCR"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_UPRIGHT_RATIO = 1.5  # a line box taller than this many widths is text standing on end
_BLANK_CONTRAST = 16  # grey levels: a page image with less between its darkest and lightest
# pixels is blank


class OcrUnavailable(Exception):
    """The OCR engine (the optional extra ``layout[ocr]``) cannot be imported."""


_ENGINE_OPTIONS = {"max_side_len": 1_000_000}  # never shrink the page (its resolution was
# chosen on purpose)
_MIN_BLOBS = 200  # character-like blobs a page needs before its type size is measured
_MIN_UPSCALE = 1.25  # a page image is enlarged this much or not at all (less: it reads
# worse enlarged than as it is)
_LINE_PAD = 0.3  # line heights each detected headline is widened by at both ends


@cache
def _engine(threads: int = 0) -> Any:
    """The rapidocr engine, loaded once per process and thread count (0: the engine's
    default); its models come with the wheel."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(f"install layout[ocr] ({exc})") from None
    threading = {"intra_op_num_threads": threads, "inter_op_num_threads": 1} if threads else {}
    engine = RapidOCR(print_verbose=False, **_ENGINE_OPTIONS, **threading)
    detect = getattr(engine, "auto_text_det", None)
    if detect is not None:  # the recogniser reads a line's edge marks (“ ”) from some margin
        def padded(image: Any) -> Any:
            boxes, elapsed = detect(image)
            if boxes is not None:
                boxes = pad_boxes(boxes, image.shape[1], _LINE_PAD)
            return boxes, elapsed

        engine.auto_text_det = padded
    return engine


def pad_boxes(boxes: Any, width: int, pad: float) -> Any:
    """Detected line boxes (``N x 4 x 2``: corners from top left, clockwise) of large type
    set across (headlines: ``_LARGE`` times the median height), widened by ``pad`` line
    heights at each end, within ``0 .. width`` (body lines are left alone: their margin
    would take in the next column)."""
    import numpy as np

    out = np.array(boxes, dtype=np.float32, copy=True)
    heights = [float(np.linalg.norm(box[3] - box[0])) for box in out]
    body = sorted(heights)[len(heights) // 2] if heights else 0.0
    for box, height in zip(out, heights, strict=True):
        length = float(np.linalg.norm(box[1] - box[0]))
        if length < height or height < _LARGE * body:
            continue  # a line standing on end, a single character, body text
        margin = pad * height
        box[0, 0] = box[3, 0] = max(0.0, min(box[0, 0], box[3, 0]) - margin)
        box[1, 0] = box[2, 0] = min(float(width - 1), max(box[1, 0], box[2, 0]) + margin)
    return out


def _engine_name() -> str:
    """The engine's name, version and call options: part of the OCR cache key."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("rapidocr-onnxruntime")
    except PackageNotFoundError:
        release = "?"
    return (f"rapidocr-onnxruntime {release} {sorted(_ENGINE_OPTIONS.items())} word boxes "
            f"pad {_LINE_PAD} over {_LARGE}")


def recognise(image: Any, settings: Settings = DEFAULT_SETTINGS) -> list[Any]:
    """The engine's results for a grey PIL page image (``[box, text, score, word boxes,
    words, ...]`` per line, pixels), from the OCR cache when ``ocr.cache`` and it holds
    them."""
    import numpy as np

    engine = _engine(settings.ocr.threads)

    def run() -> list[Any]:
        rgb = np.asarray(image.convert("RGB"))[:, :, ::-1]  # the engine reads BGR (OpenCV)
        results, _ = engine(np.ascontiguousarray(rgb), return_word_box=True)
        return [list(r) for r in results or []]

    if not settings.ocr.cache:
        return run()
    from layout.ingest.ocr_cache import cached, image_key

    grey = image.convert("L")
    key = image_key(grey.tobytes(), grey.width, grey.height, grey.mode, _engine_name())
    return cached(key, run, settings.ocr.cache_mb)


def threads_per_job(jobs: int) -> int:
    """Engine threads for each of ``jobs`` processes sharing this machine's cores (0: the
    engine's default, for one job)."""
    if jobs <= 1:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    return max(1, cores // jobs)


def ocr_available() -> bool:
    """Whether the OCR engine loads."""
    try:
        _engine()
    except OcrUnavailable:
        return False
    return True


def ocr_dpi(width_pt: float, height_pt: float, settings: Settings = DEFAULT_SETTINGS) -> float:
    """The resolution to render a page of this size at (see the module doc)."""
    ocr = settings.ocr
    dpi = 72.0 * ocr.px_per_em / ocr.text_size
    dpi = min(max(dpi, ocr.min_dpi), ocr.max_dpi)
    area_in2 = max(width_pt, 1.0) * max(height_pt, 1.0) / 72.0 ** 2
    cap = math.sqrt(settings.limits.max_ocr_pixels / area_in2)
    return min(dpi, cap)


def render_pdf_page(path: Path, number: int, dpi: float) -> Any:
    """Page ``number`` (from 1) of the PDF at ``path`` as a PIL grey image at ``dpi``."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium raises its own error type
        raise InputError(path, f"cannot render for OCR: {exc}") from None
    try:
        page = document[number - 1]
        try:
            return page.render(scale=dpi / 72.0, grayscale=True).to_pil()
        finally:
            page.close()
    finally:
        document.close()


_EM_MARKS = set("“”‘’—…")  # of ambiguous width, an em in Chinese text


def char_weight(ch: str) -> float:
    """The width of a character in ems: 1 for full-width (CJK, and the quotes, dash and
    ellipsis Chinese sets an em wide), 0.5 for the rest."""
    return 1.0 if ch in _EM_MARKS or unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


def split_span(text: str, start: float, end: float) -> list[tuple[str, float, float]]:
    """``text`` spread over ``start``..``end`` by character widths: (char, from, to)."""
    weights = [char_weight(c) for c in text]
    total = sum(weights) or 1.0
    out: list[tuple[str, float, float]] = []
    at = start
    for ch, w in zip(text, weights, strict=True):
        step = (end - start) * w / total
        out.append((ch, at, at + step))
        at += step
    return out


def _span(points: Sequence[Sequence[float]], axis: int) -> tuple[float, float]:
    values = [p[axis] for p in points]
    return min(values), max(values)


def char_spans(text: str, box: Sequence[Sequence[float]], words: Sequence[str] | None,
               word_boxes: Sequence[Any] | None, along: int) -> list[tuple[str, float, float]]:
    """Each non-space character of a line with its extent along the line (pixels):
    from the recogniser's word boxes when they account for every character, else the
    line box split by character widths."""
    chars = "".join(text.split())
    if words and word_boxes and len(words) == len(word_boxes) and "".join(
            "".join(w.split()) for w in words) == chars:
        out: list[tuple[str, float, float]] = []
        for word, wbox in zip(words, word_boxes, strict=True):
            lo, hi = _span(wbox, along)
            out.extend(split_span("".join(word.split()), lo, hi))
        return out
    lo, hi = _span(box, along)
    # spaces take their share of the line but give no glyph
    return [s for s in split_span(text, lo, hi) if not s[0].isspace()]


def full_width_pitch(spans: Sequence[tuple[str, float, float]]) -> float:
    """The median distance between the centres of neighbouring full-width characters of
    a line (its em when set solid; at least it when spaced); 0 when under 3 such pairs."""
    steps = sorted((b1 + b2 - a1 - a2) / 2
                   for (c1, a1, b1), (c2, a2, b2) in zip(spans, spans[1:], strict=False)
                   if char_weight(c1) == 1.0 and char_weight(c2) == 1.0
                   and unicodedata.category(c1)[0] != "P" and unicodedata.category(c2)[0] != "P")
    return steps[len(steps) // 2] if len(steps) >= 3 else 0.0


_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ";": "；", ":": "：", "(": "（", ")": "）",
               "丶": "、"}  # the recogniser reads the enumeration comma as the radical 丶
_INK_FIRST = set("，。、；：！？”’）》」』】〕")  # full-width marks printed in an em's first half
_INK_LAST = set("“‘（《「『【〔")  # and in its second half
_CLOSING = set("，。：；！？、）》”’」』")


def _is_cjk(ch: str) -> bool:
    return char_weight(ch) == 1.0


def cjk_punctuation(text: str) -> str:
    """A line of mostly Chinese text with the ASCII marks the recogniser reads for
    full-width ones (``, ? ! ; : ( ) "``, and 丶 for 、) set full-width, as Chinese prints them;
    a mark between two ASCII letters or digits (1,000, 10:30) stays."""
    if sum(_is_cjk(c) for c in text) < sum(c.isascii() and c.isalnum() for c in text):
        return text  # mostly Latin
    out: list[str] = []
    for k, ch in enumerate(text):
        before = text[k - 1] if k else ""
        after = text[k + 1] if k + 1 < len(text) else ""
        latin_run = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        if ch in _FULL_WIDTH and not latin_run:
            ch = _FULL_WIDTH[ch]
        elif ch == '"':
            unclosed = "".join(out).count("“") > "".join(out).count("”")
            ch = "”" if unclosed or not after or after in _CLOSING else "“"
        out.append(ch)
    return "".join(out)


_DASH_PARTS = "一—-－―─"
_DASH_PAIR = re.compile(f"[{re.escape(_DASH_PARTS)}]{{2}}")


def cjk_dashes(text: str, standalone: bool) -> str:
    """The dash —— as Chinese prints it, where the recogniser reads its two halves as 一,
    — or -: a pair not both 一, or (``standalone``: a line alone, as a subtitle is, not in a
    column of text) 一一 opening the line before Chinese text. One character for one."""
    def dash(match: re.Match[str]) -> str:
        pair = match.group()
        return "——" if pair != "一一" else pair

    out = _DASH_PAIR.sub(dash, text)
    if standalone and out.startswith("一一") and len(out) > 2 and _is_cjk(out[2]) and (
            out[2] != "一"):
        out = "——" + out[2:]
    return out


def snap_sizes(sizes: Sequence[float], weights: Sequence[int],
               tolerance: float) -> list[float]:
    """Line sizes with those near the body size (the character-weighted median, within
    ``tolerance``, a ratio) set to it, and the rest in runs of near-equal sizes set to
    their run's median: detected line heights vary with what a line holds, printed
    sizes do not."""

    def median(ks: Sequence[int]) -> float:
        pool = sorted((sizes[k], weights[k]) for k in ks)
        half, seen = sum(w for _, w in pool) / 2, 0
        for value, w in pool:
            seen += w
            if seen >= half:
                return value
        return pool[-1][0]

    out = list(sizes)
    if not sizes:
        return out
    body = median(range(len(sizes)))
    rest = []
    for k, size in enumerate(sizes):
        if abs(size - body) <= tolerance * body:
            out[k] = body
        else:
            rest.append(k)
    run: list[int] = []
    for k in sorted(rest, key=lambda k: sizes[k]) + [-1]:
        if run and (k < 0 or sizes[k] > sizes[run[0]] * (1 + tolerance)):
            value = median(run)
            for j in run:
                out[j] = value
            run = []
        if k >= 0:
            run.append(k)
    return out


_PITCH_CHARS = 6  # ems: a line this long gives its size from its length
_SHORT_PITCH_CHARS = 3  # ems: a shorter line's length bounds its size from its height
_STACK_GAP = 0.8  # line heights: the most white between two lines of one column stack
_STACK_OVERLAP = 0.25  # of the shorter line: lines of one column overlap this much across
# (a paragraph's short last line over the next one's indented first)
_INDENT = 2.2  # line heights: lines starting this close are of one column (an indent)
_STACK_HEIGHTS = 1.6  # the most one line of a stack may be taller than the next
_STACK_TOLERANCE = 0.25  # a line this close (relative) to its stack's size takes it
_HEAD_TOLERANCE = 0.15  # headline lines this close (relative), one under the other, are
# one size (a kicker or subtitle is set smaller than that)


LineBox = tuple[float, float, float, float]  # (x0, top, x1, bottom)


def sweep_groups(boxes: Sequence[LineBox], axis: int,
                 beyond: Callable[[LineBox, LineBox], bool],
                 joins: Callable[[LineBox, LineBox], bool]) -> list[int]:
    """A group number for each box: the boxes sorted by their edge ``axis`` (0: ``x0``,
    1: ``top``) and each compared with the ones after it until ``beyond(box, later)``;
    boxes that ``joins(box, later)``, directly or through others, share a number."""
    parent = list(range(len(boxes)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    order = sorted(range(len(boxes)), key=lambda k: boxes[k][axis])
    for at, i in enumerate(order):
        for j in order[at + 1:]:
            if beyond(boxes[i], boxes[j]):
                break
            if joins(boxes[i], boxes[j]):
                parent[root(j)] = root(i)
    return [root(k) for k in range(len(boxes))]


def column_stacks(boxes: Sequence[LineBox]) -> list[int]:
    """A stack number for each line box ``(x0, top, x1, bottom)``: lines set one under
    the other in one column, close and of like heights, share a number."""

    def beyond(box: LineBox, later: LineBox) -> bool:
        return later[1] - box[3] > 2 * max(box[3] - box[1], 1.0)

    def joins(box: LineBox, later: LineBox) -> bool:
        x0, top, x1, bottom = box
        jx0, jtop, jx1, jbottom = later
        height, jheight = bottom - top, jbottom - jtop
        tall, short = max(height, jheight), max(min(height, jheight), 1e-6)
        overlap = min(x1, jx1) - max(x0, jx0)
        return (jtop >= top and jtop - bottom <= _STACK_GAP * tall
                and tall / short <= _STACK_HEIGHTS
                and (overlap >= _STACK_OVERLAP * min(x1 - x0, jx1 - jx0)
                     or abs(jx0 - x0) <= _INDENT * tall))

    return sweep_groups(boxes, 1, beyond, joins)


_LARGE = 1.4  # body line heights: a line this much taller is sized by its height
_GUTTER = 0.55  # line heights: a gap this wide between two full-width characters of one
# detected line is a column gutter (the detector joins lines across narrow gutters)
_WIDE_GAP = 0.65  # line heights: a gap this wide between any two characters is one too
_MAYBE_GUTTER = 0.25  # line heights: a gap this wide is looked at on the page
_WHITE_GUTTER = 0.8  # line heights: blank between two characters' middles: a gutter


WhiteRun = Callable[[float, float, float, float], float]


def split_at_gutters(result: Sequence[Any], white: WhiteRun | None = None
                     ) -> list[Sequence[Any]]:
    """One engine line (``[box, text, score, word boxes, words, ...]``) as the lines it
    holds: cut where its word boxes leave a gutter-wide gap, or (``white(x0, x1, top,
    bottom)``: the longest run of blank pixel columns there) where the page shows one
    between two characters (the recogniser's character positions are rough); the line
    as it is when it has no word boxes accounting for its text."""
    box, text = result[0], str(result[1])
    words = result[4] if len(result) > 4 else None
    word_boxes = result[3] if len(result) > 3 else None
    if not (words and word_boxes and len(words) == len(word_boxes)
            and "".join("".join(w.split()) for w in words) == "".join(text.split())):
        return [result]
    top, bottom = _span(box, 1)
    height = max(bottom - top, 1.0)
    pieces: list[list[int]] = [[0]]
    for k in range(1, len(words)):
        gap = _span(word_boxes[k], 0)[0] - _span(word_boxes[k - 1], 0)[1]
        both_wide = words[k - 1] and words[k] and _is_cjk(words[k - 1][-1]) and _is_cjk(
            words[k][0])
        cut = gap > _WIDE_GAP * height or (both_wide and gap > _GUTTER * height)
        if not cut and white is not None and gap > _MAYBE_GUTTER * height:
            a, b = _span(word_boxes[k - 1], 0), _span(word_boxes[k], 0)
            cut = white((a[0] + a[1]) / 2, (b[0] + b[1]) / 2, top, bottom) >= (
                _WHITE_GUTTER * height)
        if cut:
            pieces.append([])
        pieces[-1].append(k)
    if len(pieces) == 1:
        return [result]
    out: list[Sequence[Any]] = []
    for ks in pieces:
        x0 = min(_span(word_boxes[k], 0)[0] for k in ks)
        x1 = max(_span(word_boxes[k], 0)[1] for k in ks)
        piece_text = ""
        for k in ks:
            word = words[k]
            if piece_text and piece_text[-1].isascii() and piece_text[-1].isalnum() and (
                    word[:1].isascii() and word[:1].isalnum()):
                piece_text += " "
            piece_text += word
        out.append([[[x0, top], [x1, top], [x1, bottom], [x0, bottom]], piece_text,
                    result[2], [word_boxes[k] for k in ks], [words[k] for k in ks]])
    return out


_ROW_OVERLAP = 0.7  # of the shorter box's height: boxes on one line overlap this much
_ROW_HEIGHTS = 1.25  # the most one part of a line may be taller than another
_ROW_GAP = 1.5  # line heights: the most white between two parts of one line


def row_groups(boxes: Sequence[LineBox]) -> list[int]:
    """A row number for each line box ``(x0, top, x1, bottom)``: boxes side by side on
    one line, of like heights and close, share a number."""

    def beyond(box: LineBox, later: LineBox) -> bool:
        return later[0] - box[2] > _ROW_GAP * max(box[3] - box[1], 1.0) * _ROW_HEIGHTS

    def joins(box: LineBox, later: LineBox) -> bool:
        _, top, x1, bottom = box
        jx0, jtop, _, jbottom = later
        height, jheight = bottom - top, jbottom - jtop
        tall, short = max(height, jheight), max(min(height, jheight), 1e-6)
        return (tall / short <= _ROW_HEIGHTS and jx0 - x1 <= _ROW_GAP * tall
                and min(bottom, jbottom) - max(top, jtop) >= _ROW_OVERLAP * short)

    return sweep_groups(boxes, 0, beyond, joins)


def paragraph_tails(boxes: Sequence[tuple[float, float, float, float]],
                    stacks: Sequence[int], short: Sequence[bool]) -> set[int]:
    """The ``short`` lines that end a paragraph: right under a full line of their stack
    (as wide as the stack's widest, within a tenth), starting where it starts and at the
    leading of the lines above: whatever height the detector gave them, they are set in
    the paragraph's size (a subhead is centred, or set apart)."""
    widest: dict[int, float] = {}
    for (x0, _, x1, _), stack in zip(boxes, stacks, strict=True):
        widest[stack] = max(widest.get(stack, 0.0), x1 - x0)
    tails = set()
    for k, (x0, top, _, bottom) in enumerate(boxes):
        if not short[k]:
            continue
        above = [j for j in range(len(boxes)) if stacks[j] == stacks[k] and j != k
                 and boxes[j][3] <= top + 0.3 * (bottom - top)]
        if not above:
            continue
        j = max(above, key=lambda j: boxes[j][3])
        jx0, jtop, jx1, jbottom = boxes[j]
        height = jbottom - jtop
        if (jx1 - jx0 >= 0.9 * widest[stacks[k]] and abs(x0 - jx0) <= 0.5 * height
                and top - jbottom <= _STACK_GAP * height):
            tails.add(k)
    return tails


def stack_sizes(sizes: Sequence[float], stacks: Sequence[int], weights: Sequence[int],
                tails: Collection[int] = (), large: Collection[int] = ()) -> list[float]:
    """Line sizes with each line of a stack of three or more lines set to the stack's
    character-weighted median when within ``_STACK_TOLERANCE`` of it, or one of the
    paragraph ``tails``: one line's height or pitch (a short last line, a justified line
    spaced out) says less than its column's. ``large`` lines stacked one under the other
    within ``_HEAD_TOLERANCE`` of each other (a headline in two lines) take the largest
    of their sizes."""
    members: dict[int, list[int]] = {}
    for k, stack in enumerate(stacks):
        members.setdefault(stack, []).append(k)
    out = list(sizes)
    for ks in members.values():
        heads = [k for k in ks if k in large]  # in stacking order (ks are by line order)
        chain: list[int] = heads[:1]
        for k in heads[1:] + [-1]:
            if k >= 0 and abs(sizes[k] - sizes[chain[-1]]) <= _HEAD_TOLERANCE * max(
                    sizes[k], sizes[chain[-1]]):
                chain.append(k)
                continue
            top = max(sizes[j] for j in chain) if chain else 0.0
            for j in chain:
                out[j] = top
            chain = [k] if k >= 0 else []
        ks = [k for k in ks if k not in large]
        if len(ks) < 3:
            continue
        pool = sorted((sizes[k], weights[k]) for k in ks)
        half, seen, median = sum(w for _, w in pool) / 2, 0, pool[-1][0]
        for value, w in pool:
            seen += w
            if seen >= half:
                median = value
                break
        for k in ks:
            if abs(sizes[k] - median) <= _STACK_TOLERANCE * median or k in tails:
                out[k] = median
    return out


def lines_to_glyphs(results: Sequence[Sequence[Any]], sx: float, sy: float,
                    settings: Settings = DEFAULT_SETTINGS, white: WhiteRun | None = None
                    ) -> tuple[list[Glyph], list[OcrLine]]:
    """Glyphs and lines of rapidocr's results (``[box, text, score, word_boxes?, words?,
    ...]``, pixels), ``sx``/``sy`` points per pixel across and down. A full-width
    character's box is an em wide about the centre the recogniser gives (as a PDF
    glyph's advance), others keep the recogniser's extent."""
    ocr = settings.ocr
    kept = [piece for r in results if float(r[2]) >= ocr.min_confidence and str(r[1]).strip()
            for piece in split_at_gutters(r, white)]
    shapes = []
    for result in kept:
        box, text = result[0], str(result[1])
        x0, x1 = _span(box, 0)
        top, bottom = _span(box, 1)
        upright = not (bottom - top > _UPRIGHT_RATIO * (x1 - x0) and len(text.strip()) > 1)
        spans = char_spans(text, box, result[4] if len(result) > 4 else None,
                           result[3] if len(result) > 3 else None, along=0 if upright else 1)
        if spans and upright:  # the ink's extent (the detected box has a margin)
            x0, x1 = spans[0][1], spans[-1][2]
        elif spans:
            top, bottom = spans[0][1], spans[-1][2]
        across = (bottom - top) * sy if upright else (x1 - x0) * sx
        along = (x1 - x0) * sx if upright else (bottom - top) * sy
        ems = sum(char_weight(c) for c in "".join(text.split()))
        shapes.append((x0, top, x1, bottom, upright, across, along / max(ems, 0.5), ems))
    # a line of many characters gives its em as its length over its characters (set solid,
    # or spaced out a little when justified); its detected height, what a height is worth
    # in ems on this page, for the short lines
    ratios = sorted(s[6] / s[5] for s in shapes if s[7] >= _PITCH_CHARS and s[5] > 0)
    per_height = (ratios[len(ratios) // 2] if len(ratios) >= 5
                  else ocr.size_per_line_height)
    # the parts of one line the detector gave as two boxes (a headline broken at a gap)
    # are measured together
    rows = row_groups([(s[0], s[1], s[2], s[3]) if s[4] else (-1e9 - k, 0, -1e9 - k, 0)
                       for k, s in enumerate(shapes)])
    row_along: dict[int, float] = {}
    row_ems: dict[int, float] = {}
    for row, s in zip(rows, shapes, strict=True):
        row_along[row] = row_along.get(row, 0.0) + s[6] * s[7]
        row_ems[row] = row_ems.get(row, 0.0) + s[7]
    heights = sorted(s[5] for s in shapes if s[7] >= _PITCH_CHARS)
    body_height = heights[len(heights) // 2] if heights else 0.0

    def estimate(row: int, shape: tuple) -> float:
        if shape[5] >= _LARGE * body_height:  # large type (headlines, often set narrower
            return shape[5] * per_height  # or wider than square) by its height
        if row_ems[row] >= _PITCH_CHARS:
            return row_along[row] / row_ems[row]
        by_height = shape[5] * per_height  # a short line's box height varies most: its
        # pitch bounds it (a subhead of a few characters)
        return min(by_height, shape[6]) if shape[7] >= _SHORT_PITCH_CHARS else by_height

    estimates = [estimate(row, s) for row, s in zip(rows, shapes, strict=True)]
    weights = [len(str(r[1])) for r in kept]
    stacks = column_stacks([(s[0], s[1], s[2], s[3]) if s[4] else (-1e9 - k, 0, -1e9 - k, 0)
                            for k, s in enumerate(shapes)])  # turned lines stand alone
    upright_boxes = [(s[0], s[1], s[2], s[3]) for s in shapes]
    tails = paragraph_tails(upright_boxes, stacks,
                            [s[4] and s[7] < _PITCH_CHARS for s in shapes])
    large = {k for k, shape in enumerate(shapes) if shape[5] >= _LARGE * body_height}
    sizes = stack_sizes(estimates, stacks, weights, tails, large)
    stack_size: dict[int, int] = {}
    for stack in stacks:
        stack_size[stack] = stack_size.get(stack, 0) + 1
    sizes = snap_sizes(sizes, weights, ocr.size_tolerance)
    glyphs: list[Glyph] = []
    lines: list[OcrLine] = []
    for result, (x0, top, x1, bottom, upright, *_), size, stack in zip(
            kept, shapes, sizes, stacks, strict=True):
        box, text, score = result[0], str(result[1]), float(result[2])
        word_boxes = result[3] if len(result) > 3 else None
        words = result[4] if len(result) > 4 else None
        scale = sx if upright else sy
        middle = (top + bottom) / 2 * sy if upright else (x0 + x1) / 2 * sx
        spans = char_spans(text, box, words, word_boxes, along=0 if upright else 1)
        # one character for one: the spans still fit
        text = cjk_dashes(cjk_punctuation(text), standalone=stack_size[stack] < 3)
        for (_, a, b), ch in zip(spans, "".join(text.split()), strict=True):
            a, b = a * scale, b * scale
            if ch in _INK_FIRST:  # the ink of ，。、 sits in the first half of its em
                b = a + size
            elif ch in _INK_LAST:  # of “（《 in the second
                a = b - size
            elif char_weight(ch) == 1.0:
                a, b = (a + b - size) / 2, (a + b + size) / 2
            if upright:
                glyphs.append(Glyph(ch, a, middle - size / 2, b, middle + size / 2, size,
                                    OCR_FONT))
            else:
                glyphs.append(Glyph(ch, middle - size / 2, a, middle + size / 2, b, size,
                                    OCR_FONT, upright=False))
        lines.append(OcrLine(text, BBox(x0 * sx, top * sy, x1 * sx, bottom * sy), score))
    return glyphs, lines


def character_height(image: Any) -> float | None:
    """The median height in pixels of the character-like blobs of a page image (ink,
    Otsu's threshold, strokes joined by a pixel; blobs about as wide as tall): the size
    of its body type, before any OCR. None when it has too few."""
    import cv2
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    _, ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths = stats[1:, 3], stats[1:, 2]
    square = (heights >= 6) & (widths >= 0.5 * heights) & (widths <= 1.6 * heights)
    if square.sum() < _MIN_BLOBS:
        return None
    return float(np.median(heights[square]))


def upscale(image: Any, settings: Settings = DEFAULT_SETTINGS) -> float:
    """How much to enlarge a page image before OCR so that its body characters are
    ``ocr.char_px`` tall (1: not at all; at least ``_MIN_UPSCALE`` when at all, at most
    2, and within ``limits.max_ocr_pixels``)."""
    height = character_height(image)
    if not height:
        return 1.0
    scale = min(settings.ocr.char_px / height, 2.0,
                math.sqrt(settings.limits.max_ocr_pixels / max(image.width * image.height, 1)))
    return scale if scale >= _MIN_UPSCALE else 1.0


def ocr_image(image: Any, number: int, width_pt: float, height_pt: float,
              settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """The raw page of one page image covering ``width_pt`` x ``height_pt`` points."""
    _engine(settings.ocr.threads)  # OcrUnavailable without the extra, even for a blank page
    low, high = image.convert("L").getextrema()
    if high - low < _BLANK_CONTRAST:  # nothing printed: no text to look for
        return RawPage(number, width_pt, height_pt, (), (), (), ocr_lines=())
    scale = upscale(image, settings)
    if scale > 1.0:  # small type: the detector misses lines of it at this resolution
        from PIL import Image

        image = image.resize((round(image.width * scale), round(image.height * scale)),
                             Image.Resampling.BICUBIC)
    results = recognise(image, settings)
    sx = width_pt / max(image.width, 1)
    sy = height_pt / max(image.height, 1)
    photos = find_photos(image, results, 72.0 / sx, settings)
    results = [r for r in results if not inside(_box(r), photos)]
    glyphs, lines = lines_to_glyphs(results, sx, sy, settings, blank_runs(image))
    images = tuple(BBox(x0 * sx, top * sy, x1 * sx, bottom * sy)
                   for x0, top, x1, bottom in photos)
    return RawPage(number, width_pt, height_pt, tuple(glyphs), (), images,
                   ocr_lines=tuple(lines))


def blank_runs(image: Any) -> WhiteRun:
    """``white(x0, x1, top, bottom)`` for a page image: the longest run of pixel columns
    between ``x0`` and ``x1`` blank over the middle of the band ``top .. bottom`` (no pixel
    darker than three fifths of the way from ink to paper)."""
    import numpy as np

    grey = np.asarray(image.convert("L"))
    ink, paper = np.percentile(grey[::4, ::4], (2, 98))
    threshold = ink + 0.6 * (paper - ink)

    def white(x0: float, x1: float, top: float, bottom: float) -> float:
        inset = 0.2 * (bottom - top)
        band = grey[max(0, int(top + inset)):max(0, int(bottom - inset)),
                    max(0, int(x0)):max(0, int(x1))]
        if band.size == 0:
            return 0.0
        blank = band.min(axis=0) >= threshold
        best = run = 0
        for column in blank:
            run = run + 1 if column else 0
            best = max(best, run)
        return float(best)

    return white


def _box(result: Sequence[Any]) -> tuple[float, float, float, float]:
    x0, x1 = _span(result[0], 0)
    top, bottom = _span(result[0], 1)
    return x0, top, x1, bottom


def find_photos(image: Any, results: Sequence[Sequence[Any]], dpi: float,
                settings: Settings = DEFAULT_SETTINGS) -> list[tuple[float, float, float, float]]:
    """The photos of a page image (pixels; :mod:`layout.ingest.photos`), the engine's
    ``results`` its text."""
    confident = [_box(r) for r in results if float(r[2]) >= settings.ocr.min_confidence]
    return photo_boxes(image, confident, dpi, settings.ocr.min_photo_side)


def ocr_pdf_page(path: Path, raw: RawPage, settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """``raw`` (a page read from the PDF at ``path``) with its glyphs replaced by OCR's of
    the rendered page; its rules and images are kept, and the photos found in the render
    that no image of the page covers are added."""
    dpi = ocr_dpi(raw.width, raw.height, settings)
    _engine(settings.ocr.threads)  # fail before rendering when the extra is missing
    image = render_pdf_page(path, raw.number, dpi)
    scale = upscale(image, settings)
    if scale > 1.0:  # small type: rendered again, sharper than an enlargement
        image = render_pdf_page(path, raw.number, dpi * scale)
    page = ocr_image(image, raw.number, raw.width, raw.height, settings)
    known = [b for b in raw.images if b.area < 0.6 * raw.width * raw.height]  # not a backdrop
    found = tuple(b for b in page.images if not any(
        _overlap(b, k) >= 0.3 * min(b.area, k.area) for k in known))  # photos seen twice
    return dataclasses.replace(raw, glyphs=page.glyphs, ocr_lines=page.ocr_lines,
                               images=raw.images + found)


def _overlap(a: BBox, b: BBox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width * height if width > 0 and height > 0 else 0.0


def image_frames(path: Path, settings: Settings = DEFAULT_SETTINGS
                 ) -> Iterator[tuple[int, Any, float, float]]:
    """Every frame of an image file: (page number, image, width pt, height pt); a frame
    over ``limits.max_ocr_pixels`` is scaled down. InputError for a bad image."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = settings.limits.max_image_pixels
    try:
        with Image.open(path) as image:
            for index, frame in enumerate(ImageSequence.Iterator(image), start=1):
                dpi = frame.info.get("dpi") or image.info.get("dpi")
                try:
                    dpi_x, dpi_y = (float(dpi[0]), float(dpi[1])) if dpi else (0.0, 0.0)
                except (TypeError, ValueError, IndexError):
                    dpi_x = dpi_y = 0.0
                if not (36 <= dpi_x <= 2400 and 36 <= dpi_y <= 2400):
                    dpi_x = dpi_y = float(settings.ocr.image_dpi)
                width_pt = frame.width * 72.0 / dpi_x
                height_pt = frame.height * 72.0 / dpi_y
                page = frame.convert("L")
                pixels = page.width * page.height
                if pixels > settings.limits.max_ocr_pixels:
                    shrink = math.sqrt(settings.limits.max_ocr_pixels / pixels)
                    page = page.resize((max(1, int(page.width * shrink)),
                                        max(1, int(page.height * shrink))))
                yield index, page, width_pt, height_pt
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as exc:
        raise InputError(path, f"not a readable image: {exc}") from None
