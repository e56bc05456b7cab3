"""Run a batch: discover, skip what is up to date, convert the rest, keep manifest and report.

Takes an input folder, an output folder, render options, settings and how to run
(``jobs``, ``executor``, ``scheduler``, ``force``, ``retry_failed``); returns a
:class:`BatchReport`. The
manifest (``OUT/batch-manifest.json``) is rewritten as issues finish; whatever stops the
run (Ctrl-C, SIGTERM, an error), the workers are stopped, no temporary file is left, the
manifest names only finished issues and ``OUT/batch-report.json`` is written with them (the
rest ``interrupted``) before the stop goes on up; a rerun then does only what is missing.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from layout.batch.discovery import REPORT_NAME, BatchItem, find_sources, plan_outputs
from layout.batch.executors import Job, connect_dask, run_dask, run_pool, stale_parts
from layout.batch.manifest import Manifest, fingerprint, settings_key
from layout.batch.report import BatchReport, ItemResult
from layout.errors import UsageError
from layout.render.options import RenderOptions
from layout.settings import Settings

BATCH_FORMATS = ("pdf", "json", "alto", "mets", "epub", "txt", "md")
MANIFEST_MIN_INTERVAL = 0.2  # s between manifest rewrites (the last one is always written)

OnResult = Callable[[ItemResult, int, int], None]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def find_issues(input_dir: Path, output_dir: Path | None = None) -> list[Path]:
    """Issue inputs under ``input_dir`` at any depth (see :mod:`layout.batch.discovery`)."""
    return find_sources(Path(input_dir), output_dir)


def _relative_outputs(result: ItemResult, output_dir: Path) -> list[str]:
    return [os.path.relpath(p, output_dir) for p in result.outputs()]


def _refuse_overwriting_inputs(items: list[BatchItem], job_formats: tuple[str, ...]) -> None:
    from layout.batch.manifest import input_files

    inputs = {f.resolve() for item in items for f in input_files(item.source)}
    for item in items:
        for target, fmt in ((item.pdf, "pdf"), (item.json, "json")):
            if fmt in job_formats and target.resolve() in inputs:
                raise UsageError(f"{target}: output would overwrite an input; "
                                 "give an output folder outside the input folder")


def run_batch(input_dir: Path, output_dir: Path, options: RenderOptions, settings: Settings,
              jobs: int | None = None, executor: str = "local", scheduler: str | None = None,
              on_result: OnResult | None = None, formats: Sequence[str] = ("pdf", "json"),
              force: bool = False, on_start: Callable[[int], None] | None = None,
              retry_failed: bool = False) -> BatchReport:
    """Convert every issue under ``input_dir`` that is not up to date in ``output_dir``.

    ``on_result(result, done, total)`` is called once per input, skipped ones first;
    ``on_start(total)`` once the inputs are found; ``jobs`` defaults to the usable cores;
    ``force`` redoes every issue; an issue that failed as bad input in an earlier run is
    reported failed again without a retry while its input and the settings are unchanged,
    unless ``retry_failed`` (or ``force``).
    """
    unknown = [f for f in formats if f not in BATCH_FORMATS]
    if unknown or not formats:
        raise UsageError(f"--formats {','.join(formats)}: use {','.join(BATCH_FORMATS)}")
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: use 1 or more")
    if executor not in ("local", "dask"):
        raise UsageError(f"--executor {executor}: use local or dask")
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    items = plan_outputs(input_dir, find_sources(input_dir, output_dir), output_dir)
    _refuse_overwriting_inputs(items, job_formats=tuple(formats))
    job = Job(options, settings, tuple(formats))
    client = connect_dask(scheduler) if executor == "dask" else None  # fail fast, before work
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        if on_start:
            on_start(len(items))
        return _run(items, output_dir, job, jobs, client, on_result, force, retry_failed)
    finally:
        if client is not None:
            client.close()


def _failure_key(key: str) -> str:
    """The settings key of a failure: a bad input may read once the OCR extra is there."""
    from importlib.util import find_spec

    return settings_key(key, "ocr extra", find_spec("rapidocr_onnxruntime") is not None)


def _run(items: list[BatchItem], output_dir: Path, job: Job, jobs: int, client,
         on_result: OnResult | None, force: bool, retry_failed: bool) -> BatchReport:
    manifest = Manifest.load(output_dir)
    key = settings_key(job.options, job.settings, job.formats)
    failure_key = _failure_key(key)
    report = BatchReport()
    total = len(items)

    def finish(result: ItemResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result, len(report.results), total)

    todo: list[BatchItem] = []
    for item in items:
        if not force and manifest.up_to_date(item.relative, item.source, key):
            entry = manifest.entries[item.relative]
            finish(ItemResult(str(item.source), "skipped",
                              str(item.pdf) if "pdf" in job.formats else None,
                              str(item.json) if "json" in job.formats else None,
                              pages=entry.get("pages", 0)))
            continue
        error = None if force or retry_failed else manifest.failed_before(
            item.relative, item.source, failure_key)
        if error is not None:
            finish(ItemResult(str(item.source), "failed", error=error, bad_input=True,
                              failed_before=True))
        else:
            todo.append(item)
    by_source = {str(item.source): item for item in todo}
    files: dict[str, list[dict]] = {}
    for item in todo:
        try:
            old = manifest.entries.get(item.relative, {}).get("files")
            files[item.relative] = fingerprint(item.source, old)
        except OSError:
            files[item.relative] = []  # unreadable: the conversion reports it
        manifest.forget(item.relative)  # redone: not up to date until it finishes again
    largest_first = sorted(todo, key=lambda i: -sum(f["size"] for f in files[i.relative]))
    if client is not None:
        results = run_dask(largest_first, job, client)
    else:
        results = run_pool(largest_first, job, jobs)  # large ones first: a shorter tail
    last_save = 0.0
    try:
        for result in results:
            item = by_source[result.source]
            if result.ok:
                manifest.record(item.relative, files[item.relative], key,
                                _relative_outputs(result, output_dir), result.pages,
                                result.status)
            elif result.status == "failed" and result.bad_input and files[item.relative]:
                manifest.record_failure(item.relative, files[item.relative], failure_key,
                                        result.error or "failed")
            finish(result)
            if time.monotonic() - last_save >= MANIFEST_MIN_INTERVAL:
                manifest.save()
                last_save = time.monotonic()
    except BaseException:
        report.interrupted = True
        raise
    finally:
        with contextlib.suppress(Exception):
            results.close()  # stops the workers when the loop did not end by itself
        for part in stale_parts([item.output_stem for item in todo]):
            with contextlib.suppress(OSError):
                part.unlink()
        done = {r.source for r in report.results}
        for item in todo:
            if str(item.source) not in done:
                report.results.append(ItemResult(str(item.source), "interrupted",
                                                 error=f"{item.source}: not finished"))
        manifest.save()
        report.write(output_dir / REPORT_NAME)
    return report
