"""Convert one issue of a batch, in whatever process runs it (main, pool worker, Dask worker).

Takes one input (file or issue folder), its output paths, render options, settings and
formats; returns an :class:`ItemResult` and never raises for a bad issue. Every output is
written to a temporary file and renamed, so a stopped worker leaves none half written:
:func:`init_worker` (the pool initializer) makes SIGTERM unwind the current issue (temporary
files removed) before the process exits, leaves Ctrl-C to the main process, and loads the
imports and fonts once per worker process rather than once per issue.
"""

from __future__ import annotations

import gc
import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path

from layout.batch.report import ItemResult
from layout.errors import InputError, LayoutError
from layout.fileio import atomic_output, write_text_atomic
from layout.model import issue_to_json
from layout.pipeline import read_issue
from layout.render.options import RenderOptions
from layout.settings import Settings

_busy = False  # a worker is inside convert_one: SIGTERM unwinds it first


class WorkerStopped(BaseException):
    """Raised by SIGTERM in a pool worker so that ``finally`` blocks remove temporary files."""


def _on_sigterm(signum: int, frame: object) -> None:
    if _busy:
        raise WorkerStopped()
    os._exit(128 + signum)


def init_worker(options: RenderOptions | None = None) -> None:
    """Pool initializer: signals as above; imports and fonts loaded (a no-op in a worker
    forked after :func:`warm_up` ran in the parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    warm_up(options)
    gc.freeze()  # this process only converts issues: see layout.batch.executors.loaded_once


def warm_up(options: RenderOptions | None = None) -> None:
    """Import the stages and parse the faces of the font set once in this process (forked
    workers inherit them)."""
    import layout.analysis.pdf.page  # noqa: F401
    import layout.render.pdf  # noqa: F401
    from layout.render.fonts import ensure_loaded, load_font_set

    options = options or RenderOptions()
    try:
        font_set = load_font_set(options.font_body, options.font_head, options.system_fonts)
        for name in font_set.fallbacks:
            ensure_loaded(name)
    except LayoutError:
        pass  # a font problem is reported by the first issue that needs the fonts


def convert_one(source: Path, pdf_path: Path, json_path: Path, options: RenderOptions,
                settings: Settings, formats: Sequence[str] = ("pdf", "json"),
                jobs: int = 1) -> ItemResult:
    """Convert one issue; every error becomes a failed :class:`ItemResult`, never an exception.

    ``formats``: pdf, json and any export format (``STEM-alto/``, ``STEM.epub``, …) named
    after ``pdf_path``; ``jobs`` > 1 analyses the issue's PDF pages in that many processes.
    """
    global _busy
    from layout.render.pdf import render_issues

    _busy = True
    started = time.perf_counter()
    exports = [f for f in formats if f not in ("pdf", "json")]
    written: list[Path] = []
    try:
        if exports:
            from layout.export.sources import read_issue_source
            from layout.export.write import export_beside

            issue_source = read_issue_source([source], settings, jobs=jobs)
            issue = issue_source.issue
        else:
            issue = read_issue([source], settings, jobs=jobs)
        if "pdf" in formats:
            with atomic_output(pdf_path) as stream:
                render_issues([issue], stream, options, settings)
        if "json" in formats:
            write_text_atomic(json_path, issue_to_json(issue) + "\n")
        if exports:
            from layout.export import ExportOptions

            written = export_beside(issue_source, exports, pdf_path,
                                    ExportOptions(writing_mode=settings.render.writing_mode))
    except LayoutError as exc:
        message = str(exc) if str(source) in str(exc) else f"{source}: {exc}"
        return ItemResult(str(source), "failed", error=message,
                          seconds=time.perf_counter() - started,
                          bad_input=isinstance(exc, InputError))
    except Exception as exc:  # noqa: BLE001 - a batch carries on whatever one item does
        return ItemResult(str(source), "failed",
                          error=f"{source}: {type(exc).__name__}: {exc}",
                          seconds=time.perf_counter() - started)
    finally:
        _busy = False
    return ItemResult(str(source), "partial" if issue.skipped else "ok",
                      str(pdf_path) if "pdf" in formats else None,
                      str(json_path) if "json" in formats else None,
                      seconds=time.perf_counter() - started, pages=len(issue.pages),
                      exports=tuple(map(str, written)), skipped_pages=tuple(issue.skipped))
