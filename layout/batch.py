"""Batch conversion: every issue in a folder → one PDF + one JSON each (or ``formats``).

Takes an input folder (each sub-folder, ``.pdf`` or ``.txt`` file is one issue),
an output folder and render options; returns a :class:`BatchReport` with a
per-issue status. One failing issue never stops the others. Work runs in
local processes (``--jobs N``) or on a Dask cluster (the optional ``dask`` extra).
The report is also written as ``batch-report.json`` in the output folder.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from layout.errors import InputError, LayoutError, UsageError
from layout.fileio import atomic_output, write_text_atomic
from layout.model import issue_to_json
from layout.pipeline import PAGE_SUFFIXES, read_issue
from layout.render.options import RenderOptions
from layout.settings import Settings


@dataclass(frozen=True)
class ItemResult:
    """What happened to one issue of a batch."""

    source: str
    ok: bool
    pdf: str | None = None
    json: str | None = None
    error: str | None = None
    seconds: float = 0.0
    exports: tuple[str, ...] = ()  # files written for --formats beyond pdf and json


@dataclass
class BatchReport:
    results: list[ItemResult] = field(default_factory=list)

    @property
    def successes(self) -> list[ItemResult]:
        return [r for r in self.results if r.ok]

    @property
    def failures(self) -> list[str]:
        return [r.error or r.source for r in self.results if not r.ok]

    def to_dict(self) -> dict:
        return {"succeeded": len(self.successes), "failed": len(self.failures),
                "items": [asdict(r) for r in self.results]}


def find_issues(input_dir: Path) -> list[Path]:
    """Issues in ``input_dir``: sub-folders holding page files, and loose page files."""
    if not input_dir.is_dir():
        raise InputError(input_dir, "not a folder")
    found = []
    for path in sorted(input_dir.iterdir()):
        if path.is_dir() and any(
            p.suffix.lower() in PAGE_SUFFIXES for p in path.iterdir() if p.is_file()
        ):
            found.append(path)
        elif path.is_file() and path.suffix.lower() in PAGE_SUFFIXES:
            found.append(path)
    if not found:
        raise InputError(input_dir, "holds no issues (.pdf/.txt files or folders of them)")
    return found


BATCH_FORMATS = ("pdf", "json", "alto", "mets", "epub", "txt", "md")


def convert_one(source: Path, out_dir: Path, options: RenderOptions,
                settings: Settings, formats: Sequence[str] = ("pdf", "json")) -> ItemResult:
    """Convert one issue; every error becomes a failed :class:`ItemResult`, never an exception.

    ``formats``: pdf, json and any export format (``STEM-alto/``, ``STEM.epub``, …).
    """
    from layout.render.pdf import render_issues

    started = time.perf_counter()
    stem = source.stem if source.is_file() else source.name
    pdf_path, json_path = out_dir / f"{stem}.pdf", out_dir / f"{stem}.json"
    exports = [f for f in formats if f not in ("pdf", "json")]
    written: list[Path] = []
    try:
        if exports:
            from layout.export.sources import read_issue_source
            from layout.export.write import export_beside

            issue_source = read_issue_source([source], settings)
            issue = issue_source.issue
        else:
            issue = read_issue([source], settings)
        if "pdf" in formats:
            with atomic_output(pdf_path) as stream:
                render_issues([issue], stream, options, settings)
        if "json" in formats:
            write_text_atomic(json_path, issue_to_json(issue) + "\n")
        if exports:
            written = export_beside(issue_source, exports, pdf_path)
    except LayoutError as exc:
        message = str(exc) if str(source) in str(exc) else f"{source}: {exc}"
        return ItemResult(str(source), False, error=message,
                          seconds=time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - a batch carries on whatever one item does
        return ItemResult(str(source), False, error=f"{source}: {type(exc).__name__}: {exc}",
                          seconds=time.perf_counter() - started)
    return ItemResult(str(source), True, str(pdf_path) if "pdf" in formats else None,
                      str(json_path) if "json" in formats else None,
                      seconds=time.perf_counter() - started,
                      exports=tuple(map(str, written)))


def _run_local(sources: list[Path], out_dir: Path, options: RenderOptions,
               settings: Settings, jobs: int,
               formats: Sequence[str] = ("pdf", "json")) -> Iterator[ItemResult]:
    if jobs <= 1:
        for source in sources:
            yield convert_one(source, out_dir, options, settings, formats)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(convert_one, s, out_dir, options, settings, formats)
                   for s in sources]
        for future in as_completed(futures):
            yield future.result()


def _run_dask(sources: list[Path], out_dir: Path, options: RenderOptions,
              settings: Settings, scheduler: str | None,
              formats: Sequence[str] = ("pdf", "json")) -> Iterator[ItemResult]:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise UsageError(
            "--executor dask needs the dask extra: pip install 'layout[dask]'") from None
    client = Client(scheduler) if scheduler else Client(processes=False)
    try:
        futures = client.map(convert_one, sources, out_dir=out_dir, options=options,
                             settings=settings, formats=formats, pure=False)
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()


def run_batch(input_dir: Path, output_dir: Path, options: RenderOptions, settings: Settings,
              jobs: int = 1, executor: str = "local", scheduler: str | None = None,
              on_result: Callable[[ItemResult, int, int], None] | None = None,
              formats: Sequence[str] = ("pdf", "json")) -> BatchReport:
    """Convert every issue under ``input_dir``; ``on_result(result, done, total)`` per issue.

    ``formats`` (see :data:`BATCH_FORMATS`) says what to write for each issue.
    """
    unknown = [f for f in formats if f not in BATCH_FORMATS]
    if unknown or not formats:
        raise UsageError(f"--formats {','.join(formats)}: use {','.join(BATCH_FORMATS)}")
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: use 1 or more")
    if executor not in ("local", "dask"):
        raise UsageError(f"--executor {executor}: use local or dask")
    sources = find_issues(Path(input_dir))
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    if executor == "dask":
        results = _run_dask(sources, output_dir, options, settings, scheduler, formats)
    else:
        results = _run_local(sources, output_dir, options, settings, jobs, formats)
    report = BatchReport()
    for result in results:
        report.results.append(result)
        if on_result:
            on_result(result, len(report.results), len(sources))
    report.results.sort(key=lambda r: r.source)
    write_text_atomic(output_dir / "batch-report.json",
                      json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n")
    return report
