"""Typeset a story's text blocks in worker processes before the build (``convert --jobs``).

Takes the flowables of a story, the width the frame gives them and a number of jobs; sets
on every text block not yet typeset (also those in a KeepTogether) the lines
:meth:`TextBlock.typeset_for` gives at that width, ``jobs - 1`` forked workers and this
process each taking one run of blocks of about the same amount of text (the same code over
the same fonts, so the same lines). The build, which must run in one process, is then left
mostly drawing. A block the build sets at another width is typeset again there, as it would
be without this step: the PDF written is the one a serial run writes. Returns how many
blocks were set; with one job, too few blocks or no ``fork``, none (the build typesets them
as it goes). Memory: the workers share this process's pages copy-on-write and send back
only lines, which the blocks would hold anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

from reportlab.platypus.flowables import Flowable

from layout.render.flowables import TextBlock
from layout.render.fonts import FontSet, ensure_loaded, loaded_faces, warn_missing
from layout.render.typeset import Line

MIN_BLOCKS_PER_JOB = 20  # fewer: starting a worker costs more than it saves

_BLOCKS: list[TextBlock] = []  # the blocks being prefilled (forked workers inherit them)
_FONTS: list[FontSet] = []  # and the font set they choose faces from


def _typeset_range(start: int, stop: int, width: float) -> list[list[Line]]:
    return [_BLOCKS[k].typeset_for(width) for k in range(start, stop)]


def _worker_range(start: int, stop: int, width: float
                  ) -> tuple[list[list[Line]], dict[str, str], list[str]]:
    """In a worker: the lines, the characters no face covers (the parent warns about them,
    once, as a serial run does) and the faces loaded (the parent loads them to draw)."""
    logging.getLogger("layout.fonts").disabled = True
    lines = _typeset_range(start, stop, width)
    return lines, _FONTS[0].missing(), loaded_faces()


def _shares(blocks: Sequence[TextBlock], parts: int) -> list[tuple[int, int]]:
    """``parts`` contiguous ranges of ``blocks`` holding about the same number of chars."""
    total = sum(len(block.text) for block in blocks) or 1
    bounds, done, start = [], 0, 0
    for index, block in enumerate(blocks):
        done += len(block.text)
        if len(bounds) < parts - 1 and done * parts >= total * (len(bounds) + 1):
            bounds.append((start, index + 1))
            start = index + 1
    bounds.append((start, len(blocks)))
    return [(a, b) for a, b in bounds if b > a]


def _untypeset_blocks(flowables: Sequence[Flowable]) -> list[TextBlock]:
    """The text blocks without lines, in story order, also those kept together."""
    blocks: list[TextBlock] = []
    for flowable in flowables:
        if isinstance(flowable, TextBlock):
            if flowable.lines is None:
                blocks.append(flowable)
        elif isinstance(getattr(flowable, "_content", None), list):  # KeepTogether
            blocks += _untypeset_blocks(flowable._content)
    return blocks


def prefill_lines(story: Sequence[Flowable], width: float, jobs: int, fonts: FontSet) -> int:
    """Typeset the story's text blocks at ``width`` in ``jobs`` processes, their faces
    chosen from ``fonts`` (not with system fonts: a worker's new faces would be its own)."""
    blocks = _untypeset_blocks(story)
    if jobs < 2 or len(blocks) < MIN_BLOCKS_PER_JOB * jobs or fonts.system_fallback \
            or "fork" not in get_all_start_methods():
        return 0
    own, *theirs = _shares(blocks, jobs)
    if not theirs:
        return 0
    _BLOCKS[:], _FONTS[:] = blocks, [fonts]
    try:
        with ProcessPoolExecutor(max_workers=len(theirs), mp_context=get_context("fork")) \
                as pool:
            futures = [pool.submit(_worker_range, a, b, width) for a, b in theirs]
            _typeset_range(*own, width)  # this process's share, while the workers run
            for (a, b), future in zip(theirs, futures, strict=True):
                lines_of_blocks, missing, faces = future.result()
                for block, lines in zip(blocks[a:b], lines_of_blocks, strict=True):
                    block.lines, block._width = lines, width
                for name in faces:
                    ensure_loaded(name)
                new = [char for char in missing if char not in fonts.missing()]
                fonts.note_missing(new)
                warn_missing(new)
    finally:
        _BLOCKS.clear()
        _FONTS.clear()
    return len(blocks)
