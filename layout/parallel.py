"""Read the files of one issue with pages analysed in parallel worker processes.

Takes the input files of one issue, settings and a number of jobs; returns one
:class:`~layout.model.Issue` per file, exactly what reading them one after the other
gives (``layout.pipeline.read_file``): every PDF page is a task of its own, text
dumps and structure files one task each; results are put back in page order, so
the output does not depend on which worker finished first. Workers are forked
processes (PDFium is not thread-safe, and the analysis is CPU-bound Python); this
process's objects are frozen out of the garbage collector while they are forked
(:func:`_frozen_for_fork`), so the memory pages holding them stay shared with the workers.
Errors raised in a worker are raised again here, as the serial run raises them. When the
caller writes the structure JSON (``page_json``), a worker also encodes each page's text
for it (:func:`layout.model.serialize.remember_page_json`), so this process only joins them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import copy_context
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from layout.errors import InputError, UsageError
from layout.model import Issue
from layout.progress import page_done, reporting_pages
from layout.settings import Settings


@dataclass(frozen=True)
class _Failure:
    """An error of a worker, carried back by value (InputError does not pickle)."""

    kind: str
    path: str
    problem: str


_FIGURES: dict[Path, object] = {}  # per worker process: the PDF its pages are read from
# with PDFium (the page read last kept loaded for its photos), or their photos cropped from


def _pdf_page_task(path: Path, number: int, settings: Settings,
                   page_json: bool) -> tuple[object, str | None]:
    """The page's :class:`~layout.analysis.pdf.page.PageResult` (or a :class:`_Failure`)
    and, with ``page_json``, the page's JSON text."""
    from layout.analysis.pdf.page import FigureSource, analyze_pdf_page
    from layout.ingest.readers import pdf_reader
    from layout.model.serialize import page_json as json_of_page

    try:
        if path not in _FIGURES:
            for source in _FIGURES.values():
                source.close()  # type: ignore[attr-defined]
            _FIGURES.clear()
            _FIGURES[path] = FigureSource(path, settings.pdf.password)
        figures: FigureSource = _FIGURES[path]  # type: ignore[assignment]
        if settings.pdf.reader == "pdfium":
            raw = figures.read(number, settings.limits.max_page_objects)
        else:
            raw = pdf_reader(settings.pdf.reader, settings.pdf.password,
                             settings.limits.max_page_objects).read_pdf_page(path, number)
        result = analyze_pdf_page(raw, path, settings, figures)
    except InputError as exc:
        return _Failure("input", str(exc.path), exc.problem), None
    return result, (json_of_page(result.page) if page_json and result.page else None)


def _file_task(path: Path, settings: Settings) -> object:
    from layout.pipeline import read_file

    try:
        with reporting_pages(None):  # a worker: the parent tells of its pages
            return read_file(path, settings)
    except InputError as exc:
        return _Failure("input", str(exc.path), exc.problem)


def _raise(result: object) -> object:
    if isinstance(result, _Failure):
        raise InputError(result.path, result.problem)
    return result


def read_files_parallel(files: Sequence[Path], settings: Settings, jobs: int,
                        while_waiting: Callable[[], object] | None = None,
                        page_json: bool = False) -> list[Issue]:
    """``[layout.pipeline.read_file(f, settings) for f in files]`` with the pages of PDF
    files spread over ``jobs`` processes; ``while_waiting`` (if given) is called here once
    every task is handed out, before the results are collected (this process would idle);
    ``page_json``: the workers also encode the JSON text of their pages, for this process
    to write (the caller writes the structure JSON)."""
    from layout.analysis.pdf.page import check_page_count, issue_of_pages
    from layout.ingest.readers import pdf_reader
    from layout.model.serialize import remember_page_json

    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1 (got {jobs})")
    reader = pdf_reader(settings.pdf.reader, settings.pdf.password)
    counts = {path: reader.page_count(path) for path in files
              if path.suffix.lower() == ".pdf"}  # bad files fail here, before any work
    for path, count in counts.items():
        check_page_count(path, count, settings)
    workers = max(1, min(jobs, sum(counts.values()) + len(files) - len(counts)))
    if settings.ocr.threads == 0 and workers > 1:  # OCR engines share the cores
        from layout.ingest.ocr import threads_per_job

        settings = settings.with_overrides(ocr={"threads": threads_per_job(workers)})
    context = get_context("fork") if "fork" in _start_methods() else None
    with _frozen_for_fork(), ProcessPoolExecutor(max_workers=workers,
                                                 mp_context=context) as pool:
        pending: list[tuple[Path, list[Future[object]] | Future[object]]] = []
        for path in files:
            if path in counts:
                pages = [pool.submit(_pdf_page_task, path, n, settings, page_json)
                         for n in range(1, counts[path] + 1)]
                for number, future in enumerate(pages, start=1):
                    future.add_done_callback(_told(path, number, counts[path]))
                pending.append((path, pages))
            else:
                pending.append((path, pool.submit(_file_task, path, settings)))
        if while_waiting is not None:
            while_waiting()
        issues: list[Issue] = []
        for path, futures in pending:
            if isinstance(futures, list):
                results = []
                for future in futures:
                    result, text = future.result()  # type: ignore[misc]
                    results.append(_raise(result))
                    if text is not None:
                        remember_page_json(result.page, text)  # type: ignore[attr-defined]
                issues.append(issue_of_pages(path, results, settings))  # type: ignore[arg-type]
            else:
                issues.append(_raise(futures.result()))  # type: ignore[arg-type]
    return issues


@contextmanager
def _frozen_for_fork() -> Iterator[None]:
    """Every object of this process moved to the collector's permanent generation while
    the block runs (the workers are forked in it), then back (``gc.freeze``, as the
    ``gc`` module advises before a fork): a collection in a forked worker would walk and
    write to the header of each object it inherited, copying every memory page they lie
    on. Collections in this process go on for the objects made meanwhile."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _told(path: Path, number: int, total: int) -> Callable[[Future[object]], None]:
    """A done-callback telling the listener of this (parent) process that a page is read.

    The context is looked up now, in the caller's thread: the callback runs in the pool's
    own thread, which does not see the caller's context variables."""
    context = copy_context()
    return lambda _future: context.run(page_done, path, number, total)


def _start_methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()
