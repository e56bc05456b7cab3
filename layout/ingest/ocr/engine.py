"""The OCR engine: ``rapidocr-onnxruntime`` (``layout[ocr]``), loaded once per process.

Takes a grey PIL page image and the settings; returns the engine's results (``[box,
text, score, word boxes, words, ...]`` per detected line, pixels), from the OCR cache
(:mod:`layout.ingest.ocr.cache`) when it holds them. Between detection and recognition
the detector's boxes of large type set across (headlines) are widened a little, so marks
at a line's ends (“ ”) are read, and boxes that run across a column gutter are cut
there (:mod:`layout.ingest.ocr.gutters`), so each column's part is read on its own; a
line the direction classifier would turn upside down is read both ways, kept the way it
reads better (the classifier turns upright body lines of a scan); and a text region the
detector drops for a low score, two columns' lines joined across a gutter, is split at
the gutter and kept (:mod:`layout.ingest.ocr.regions_split`).
Each model run (detection, direction, each batch of recognised lines) is held to the
page's time budget: checked before it starts and cancelled when the budget runs out while
it runs (:func:`layout.budget.watch_budget`), so OCR that would run past the budget stops
there like any other page work. The engine's models ship inside its wheel: nothing
is downloaded at run time. Without the extra, :class:`OcrUnavailable` says "install
layout[ocr]".
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from layout.budget import check_budget, current_budget, watch_budget
from layout.errors import BudgetExceeded
from layout.ingest.ocr.gutters import (
    FLANK,
    GUTTER_WIDTH,
    INK_SHARE,
    MIN_LENGTH,
    MIN_PIECE,
    RULE,
    RUN,
    SHORT_PIECE,
    SIDE,
    WIDE_GAP,
    cut_at_gutters,
    ink_mask,
)
from layout.ingest.ocr.lines import LARGE
from layout.ingest.ocr.regions_split import GUTTER_WIDTH as SPLIT_WIDTH
from layout.ingest.ocr.regions_split import MIN_REGION, with_split_regions
from layout.ingest.ocr.regions_split import REACH as SPLIT_REACH
from layout.settings import DEFAULT_SETTINGS, Settings


class OcrUnavailable(Exception):
    """The OCR engine (the optional extra ``layout[ocr]``) cannot be imported."""


_ENGINE_OPTIONS = {"max_side_len": 1_000_000}  # never shrink the page (its resolution was
# chosen on purpose)
_LINE_PAD = 0.3  # line heights each detected headline is widened by at both ends


class _BudgetedModel:
    """One of the engine's model sessions, run only while the page's time budget lasts:
    checked before the run, and a run still going when the budget runs out is cancelled
    (onnxruntime's ``RunOptions.terminate``, set by :func:`layout.budget.watch_budget`)
    and raises BudgetExceeded. Every other attribute is the session's own."""

    def __init__(self, session: Any) -> None:
        self._session = session

    def __call__(self, content: Any) -> Any:
        check_budget()
        budget = current_budget()
        inner = getattr(self._session, "session", None)  # the onnxruntime InferenceSession
        if budget is None or inner is None or not hasattr(self._session, "get_input_names"):
            return self._session(content)
        from onnxruntime import RunOptions

        options = RunOptions()

        def cancel() -> None:
            options.terminate = True

        feed = dict(zip(self._session.get_input_names(), [content], strict=False))
        with watch_budget(cancel):
            try:
                return inner.run(self._session.get_output_names(), feed, options)
            except Exception:
                if options.terminate:
                    raise BudgetExceeded(*budget) from None
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class _CheckedTurns:
    """The engine's line direction classifier, its turns checked by reading: a line it
    finds upside down (and would turn half round before it is read) is read both ways and
    kept the way it reads with more confidence. On a scan of upright type the classifier
    turns some lines of body text with 0.93-0.98 confidence, and read turned they come
    out empty or as a few wrong characters and are dropped (a line missing from a
    column); a line printed upside down still reads turned."""

    def __init__(self, classify: Any, recognise: Any) -> None:
        self._classify = classify
        self._recognise = recognise

    def __call__(self, images: Any) -> Any:
        if not isinstance(images, list):
            images = [images]
        turned, labels, elapsed = self._classify(images)
        flipped = [k for k, (a, b) in enumerate(zip(images, turned, strict=True))
                   if a is not b and a.shape == b.shape and not (a == b).all()]
        if not flipped:
            return turned, labels, elapsed
        upright, _ = self._recognise([images[k] for k in flipped])
        over, _ = self._recognise([turned[k] for k in flipped])
        out = list(turned)
        for k, a, b in zip(flipped, upright, over, strict=True):
            if float(a[1]) >= float(b[1]):
                out[k] = images[k]
        return out, labels, elapsed

    def __getattr__(self, name: str) -> Any:
        return getattr(self._classify, name)


def _budget_models(engine: Any) -> None:
    """Wrap the engine's detection, direction and recognition models in budget checks
    (whichever of them this engine release has)."""
    for part, attribute in (("text_det", "infer"), ("text_cls", "infer"),
                            ("text_rec", "session")):
        holder = getattr(engine, part, None)
        model = getattr(holder, attribute, None) if holder is not None else None
        if model is not None and not isinstance(model, _BudgetedModel):
            setattr(holder, attribute, _BudgetedModel(model))


@cache
def load_engine(threads: int = 0) -> Any:
    """The rapidocr engine, loaded once per process and thread count (0: the engine's
    default); its models come with the wheel."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(f"install layout[ocr] ({exc})") from None
    threading = {"intra_op_num_threads": threads, "inter_op_num_threads": 1} if threads else {}
    engine = RapidOCR(print_verbose=False, **_ENGINE_OPTIONS, **threading)
    _budget_models(engine)
    if getattr(engine, "text_cls", None) is not None and getattr(engine, "text_rec", None):
        engine.text_cls = _CheckedTurns(engine.text_cls, engine.text_rec)
    detect = getattr(engine, "auto_text_det", None)
    if detect is not None:  # the recogniser reads a line's edge marks (“ ”) from some margin,
        # and each column's part of a line detected across a gutter on its own
        page: list[Any] = []  # the ink of the image being detected in

        def padded(image: Any) -> Any:
            ink = ink_mask(image)  # once, for the split regions and the gutter cuts
            page[:] = [ink]
            try:
                boxes, elapsed = detect(image)
            finally:
                page.clear()
            if boxes is not None:
                boxes = cut_at_gutters(pad_boxes(boxes, image.shape[1], _LINE_PAD), image, ink)
            return boxes, elapsed

        engine.auto_text_det = padded
        post = getattr(getattr(engine, "text_det", None), "postprocess_op", None)
        if post is not None and hasattr(post, "boxes_from_bitmap"):
            post.boxes_from_bitmap = with_split_regions(
                post.boxes_from_bitmap, post, lambda: page[0] if page else None)
    return engine


def pad_boxes(boxes: Any, width: int, pad: float) -> Any:
    """Detected line boxes (``N x 4 x 2``: corners from top left, clockwise) of large type
    set across (headlines: ``LARGE`` times the median height), widened by ``pad`` line
    heights at each end, within ``0 .. width`` (body lines are left alone: their margin
    would take in the next column)."""
    import numpy as np

    out = np.array(boxes, dtype=np.float32, copy=True)
    heights = [float(np.linalg.norm(box[3] - box[0])) for box in out]
    body = sorted(heights)[len(heights) // 2] if heights else 0.0
    for box, height in zip(out, heights, strict=True):
        length = float(np.linalg.norm(box[1] - box[0]))
        if length < height or height < LARGE * body:
            continue  # a line standing on end, a single character, body text
        margin = pad * height
        box[0, 0] = box[3, 0] = max(0.0, min(box[0, 0], box[3, 0]) - margin)
        box[1, 0] = box[2, 0] = min(float(width - 1), max(box[1, 0], box[2, 0]) + margin)
    return out


def engine_name() -> str:
    """The engine's name, version and call options: part of the OCR cache key."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("rapidocr-onnxruntime")
    except PackageNotFoundError:
        release = "?"
    return (f"rapidocr-onnxruntime {release} {sorted(_ENGINE_OPTIONS.items())} word boxes "
            f"pad {_LINE_PAD} over {LARGE} gutters {GUTTER_WIDTH} {MIN_PIECE} {SHORT_PIECE} "
            f"{WIDE_GAP} {RUN} {RULE} {SIDE} {FLANK} {MIN_LENGTH} {INK_SHARE} turns checked, "
            f"dropped regions split "
            f"{SPLIT_REACH} {SPLIT_WIDTH} {MIN_REGION}")


def recognise(image: Any, settings: Settings = DEFAULT_SETTINGS) -> list[Any]:
    """The engine's results for a grey PIL page image (``[box, text, score, word boxes,
    words, ...]`` per line, pixels), from the OCR cache when ``ocr.cache`` and it holds
    them."""
    import numpy as np

    engine = load_engine(settings.ocr.threads)

    def run() -> list[Any]:
        rgb = np.asarray(image.convert("RGB"))[:, :, ::-1]  # the engine reads BGR (OpenCV)
        results, _ = engine(np.ascontiguousarray(rgb), return_word_box=True)
        return [list(r) for r in results or []]

    if not settings.ocr.cache:
        return run()
    from layout.ingest.ocr.cache import cached, image_key

    grey = image.convert("L")
    key = image_key(grey.tobytes(), grey.width, grey.height, grey.mode, engine_name())
    return cached(key, run, settings.ocr.cache_mb)


def read_line(image: Any, settings: Settings = DEFAULT_SETTINGS) -> tuple[str, float]:
    """The text and confidence the recogniser reads in a grey PIL image of one line of
    type set across (no detection: the caller knows where the line is); ("", 0) for none.
    Not cached: a line is read in a few hundredths of a second."""
    import numpy as np

    engine = load_engine(settings.ocr.threads)
    rgb = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])  # BGR
    results, _ = engine(rgb, use_det=False, use_cls=False, use_rec=True)
    if not results:
        return "", 0.0
    text, score = results[0][0], results[0][1]
    return str(text), float(score)


def read_lines(image: Any, settings: Settings = DEFAULT_SETTINGS) -> list[Any]:
    """The engine's results for a grey PIL image of part of a page (detected and read, as
    :func:`recognise`; not cached: the part is small and read only when the page is)."""
    import numpy as np

    engine = load_engine(settings.ocr.threads)
    rgb = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])  # BGR
    results, _ = engine(rgb, return_word_box=True)
    return [list(r) for r in results or []]


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
        load_engine()
    except OcrUnavailable:
        return False
    return True
