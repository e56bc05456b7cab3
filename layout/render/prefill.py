"""Typeset a story's text blocks in worker processes while the build runs (``convert --jobs``).

Takes the flowables of a story, the width the frame gives them, a number of jobs, the font
set and how many blocks a worker sends at once; :func:`line_feed` yields a
:class:`LineFeed` (or None: one job, too few blocks, system fonts or no ``fork``). ``jobs -
1`` forked workers typeset the text blocks and table-of-contents rows not yet typeset (also
those in a KeepTogether, and an article's first paragraph in its ``Deferred`` head), in story
order, each taking every ``jobs - 1``-th run of ``chunk`` blocks, and send the lines
:meth:`TextBlock.typeset_for` gives at that width (the same code over the same fonts, so
the same lines) as they go. The build, which must run in one process, calls
:meth:`LineFeed.take` before each flowable: what has arrived is set on the blocks, and a
block the build reaches before its lines came is typeset by the build itself, as without
this step (the worker's lines for it are then dropped: nothing waits). A block the build
sets at another width is typeset again there. So the PDF written is the one a serial run
writes, and the build is left mostly drawing. When the build ends, workers still running
are stopped. Memory: the workers share this process's pages copy-on-write and send back
only lines, which the blocks would hold anyway.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import weakref
from collections.abc import Iterator, Sequence

from reportlab.platypus.flowables import Flowable

from layout.render.flowables import Deferred, TextBlock, TocRow
from layout.render.fonts import FontSet, ensure_loaded, loaded_faces, warn_missing
from layout.render.typeset import Line

MIN_BLOCKS_PER_JOB = 20  # fewer: starting a worker costs more than it saves
_HEADER = 8  # bytes: the length of the pickled chunk that follows
_READ = 1 << 20  # bytes asked for per read

_FORKED: list[list[Typeset]] = []  # the blocks a worker is forked with (set meanwhile)

# one chunk: (index of its first block, the blocks' lines, characters found missing since
# the worker's last chunk, faces it has loaded)
Chunk = tuple[int, list[list[Line]], list[str], list[str]]
Typeset = TextBlock | TocRow  # what a worker typesets (``typeset_for`` a width)


def _chunks(count: int, chunk: int, worker: int, workers: int) -> Iterator[tuple[int, int]]:
    """The (start, stop) block ranges worker ``worker`` of ``workers`` typesets, in order."""
    for start in range(worker * chunk, count, workers * chunk):
        yield start, min(count, start + chunk)


def _send(fd: int, chunk: Chunk) -> None:
    data = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(_HEADER, "little") + data)
    while view:
        view = view[os.write(fd, view):]


def _work(width: float, fonts: FontSet, ranges: list[tuple[int, int]], fd: int,
          readers: list[int]) -> None:
    """In a worker: typeset each range of the blocks forked with it (:data:`_FORKED`) and
    send it as a :data:`Chunk`; quietly stop when the build no longer listens (its end of
    the pipe is closed) or anything fails (the build then typesets the rest itself).
    ``readers``: read ends inherited, closed here."""
    blocks = _FORKED[0]
    for reader in readers:
        with contextlib.suppress(OSError):
            os.close(reader)
    logging.getLogger("layout.fonts").disabled = True  # the build warns, once, as serially
    known = set(fonts.missing())
    try:
        for start, stop in ranges:
            lines = [blocks[k].typeset_for(width) for k in range(start, stop)]
            missing = [char for char in fonts.missing() if char not in known]
            known.update(missing)
            _send(fd, (start, lines, missing, loaded_faces()))
    except BaseException:  # noqa: BLE001, S110 - nothing to report: the build goes on alone
        pass
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
        os._exit(0)  # now: nothing of the parent's (buffers, exit handlers) runs here again


class _Source:
    """One worker's end of a pipe, read without waiting, and the bytes of a partial chunk."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()
        os.set_blocking(fd, False)

    def read(self, wait: bool) -> bool:
        """Read what the worker has written (all of it with ``wait``); False at its end."""
        os.set_blocking(self.fd, wait)
        while True:
            try:
                data = os.read(self.fd, _READ)
            except BlockingIOError:
                return True
            if not data:
                return False
            self.buffer += data

    def chunks(self) -> Iterator[Chunk]:
        """The complete chunks read so far (removed from the buffer)."""
        buffer = self.buffer
        while len(buffer) >= _HEADER:
            size = int.from_bytes(buffer[:_HEADER], "little")
            if len(buffer) < _HEADER + size:
                return
            chunk = pickle.loads(memoryview(buffer)[_HEADER:_HEADER + size])
            del buffer[:_HEADER + size]
            yield chunk


class LineFeed:
    """Lines arriving from typesetting workers, set on the story's blocks by :meth:`take`."""

    def __init__(self, blocks: Sequence[Typeset], width: float, fonts: FontSet,
                 fds: list[int]) -> None:
        # weak: a block the build has drawn and let go is freed (memory stays flat in pages)
        self.blocks = [weakref.ref(block) for block in blocks]
        self.width, self.fonts = width, fonts
        self.sources = [_Source(fd) for fd in fds]
        self.received = 0  # blocks whose lines came from a worker and were set

    def take(self, wait: bool = False) -> int:
        """Set the lines that have arrived (all lines, waiting for the workers, with
        ``wait``); how many blocks were set by this call."""
        done = 0
        for source in list(self.sources):
            open_ = source.read(wait)
            for chunk in source.chunks():
                done += self._install(chunk)
            if not open_:
                self.sources.remove(source)
        self.received += done
        return done

    def _install(self, chunk: Chunk) -> int:
        start, lines_of_blocks, missing, faces = chunk
        for name in faces:
            ensure_loaded(name)
        new = [char for char in missing if char not in self.fonts.missing()]
        self.fonts.note_missing(new)
        warn_missing(new)
        done = 0
        for ref, lines in zip(self.blocks[start:start + len(lines_of_blocks)],
                              lines_of_blocks, strict=True):
            block = ref()
            if block is not None and block.lines is None:  # not typeset by the build meanwhile
                block.lines, block._width = lines, self.width
                done += 1
        return done


def _untypeset_blocks(flowables: Sequence[Flowable]) -> list[Typeset]:
    """The text blocks and table-of-contents rows without lines, in story order, also
    those kept together or in a :class:`Deferred` run (an article's first paragraph)."""
    blocks: list[Typeset] = []
    for flowable in flowables:
        if isinstance(flowable, (TextBlock, TocRow)):
            if flowable.lines is None:
                blocks.append(flowable)
        elif isinstance(flowable, Deferred):
            blocks += _untypeset_blocks(flowable.content)
        elif isinstance(getattr(flowable, "_content", None), list):  # KeepTogether
            blocks += _untypeset_blocks(flowable._content)
    return blocks


@contextlib.contextmanager
def line_feed(story: Sequence[Flowable], width: float, jobs: int, fonts: FontSet,
              chunk: int = 16) -> Iterator[LineFeed | None]:
    """Workers typesetting the story's text blocks at ``width``, their faces chosen from
    ``fonts`` (not with system fonts: a worker's new faces would be its own), ``chunk``
    blocks per message; stopped when the block ends."""
    if jobs < 2 or fonts.system_fallback:
        yield None
        return
    from multiprocessing import get_all_start_methods, get_context  # only for --jobs

    if "fork" not in get_all_start_methods():
        yield None
        return
    blocks = _untypeset_blocks(story)
    if len(blocks) < MIN_BLOCKS_PER_JOB * jobs:
        blocks.clear()
        yield None
        return
    context = get_context("fork")
    workers = jobs - 1
    processes, fds = [], []
    try:
        for worker in range(workers):
            read_fd, write_fd = os.pipe()
            fds.append(read_fd)
            ranges = list(_chunks(len(blocks), max(1, chunk), worker, workers))
            process = context.Process(target=_work, daemon=True,
                                      args=(width, fonts, ranges, write_fd, list(fds)))
            _FORKED[:] = [blocks]
            try:
                process.start()
            finally:
                _FORKED.clear()
                os.close(write_fd)  # the worker's own copy is the one written to
            processes.append(process)
        feed = LineFeed(blocks, width, fonts, list(fds))
        blocks.clear()  # only the story holds the blocks now (and the feed, weakly)
        yield feed
    finally:
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)  # a worker still sending sees a broken pipe and stops
        for process in processes:
            if process.is_alive():
                process.kill()
            process.join()
