"""Where a batch's issues run: in this process, a local process pool, or a Dask cluster.

Takes the issues to convert (:class:`~layout.batch.discovery.BatchItem`) and a
``convert(item) -> ItemResult``-style call spec; yields one :class:`ItemResult` per issue
as each finishes. Stopping (Ctrl-C, SIGTERM, closing the generator) cancels what has not
started and terminates the pool's workers at once (they remove their temporary files);
Dask futures are cancelled. Local pools fork workers after the imports and fonts are
loaded here once (:func:`layout.batch.worker.warm_up`; the pool initializer loads them where
workers are spawned instead); with fewer issues than jobs, the issues run one
after another here, each with its PDF pages spread over the jobs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from layout.batch.discovery import BatchItem
from layout.batch.report import ItemResult
from layout.batch.worker import convert_one, init_worker, warm_up
from layout.errors import UsageError
from layout.render.options import RenderOptions
from layout.settings import Settings

DASK_CONNECT_TIMEOUT = 3.0  # s to reach a --scheduler before giving up
DASK_RETRIES = 2  # a task whose worker raised is run again this many times


@dataclass(frozen=True)
class Job:
    """What every issue of one batch shares."""

    options: RenderOptions
    settings: Settings
    formats: tuple[str, ...]

    def args(self, item: BatchItem) -> tuple:
        return (item.source, item.pdf, item.json, self.options, self.settings, self.formats)


@contextlib.contextmanager
def loaded_once(options: RenderOptions) -> Iterator[None]:
    """Stages imported and faces parsed here once (:func:`warm_up`), then frozen out of the
    garbage collector's sight while the batch runs: the full collections each issue makes
    (:func:`layout.memory.release_free_memory`, tens of ms over the fonts' objects) skip
    them, and workers forked meanwhile do not copy their pages by touching them. Unfrozen
    at the end (they become collectable again)."""
    warm_up(options)
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run_serial(items: Sequence[BatchItem], job: Job, page_jobs: int = 1) -> Iterator[ItemResult]:
    if len(items) < 2:
        for item in items:
            yield convert_one(*job.args(item), jobs=page_jobs)
        return
    with loaded_once(job.options):
        for item in items:
            yield convert_one(*job.args(item), jobs=page_jobs)


def _context() -> multiprocessing.context.BaseContext | None:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork") if "fork" in methods else None


def _terminate(pool: ProcessPoolExecutor) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the worker unwinds its issue, then exits
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()


def run_pool(items: Sequence[BatchItem], job: Job, jobs: int) -> Iterator[ItemResult]:
    """Issues over ``jobs`` worker processes, results as they finish."""
    if jobs == 1 or len(items) < jobs:
        yield from run_serial(items, job, page_jobs=jobs)
        return
    context = _context()
    with contextlib.ExitStack() as stack:
        if context is not None:  # once here: the forked workers inherit imports and faces
            stack.enter_context(loaded_once(job.options))
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                   initializer=init_worker, initargs=(job.options,))
        finished = False
        try:
            if job.settings.ocr.threads == 0:  # OCR engines share the cores
                from layout.ingest.ocr import threads_per_job

                job = dataclasses.replace(job, settings=job.settings.with_overrides(
                    ocr={"threads": threads_per_job(jobs)}))
            pending = {pool.submit(convert_one, *job.args(item)) for item in items}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
            finished = True
        finally:
            if finished:
                pool.shutdown(wait=True)
            else:
                _terminate(pool)


def connect_dask(scheduler: str | None):  # -> distributed.Client
    try:
        from dask.distributed import Client
    except ImportError:
        raise UsageError(
            "--executor dask needs the dask extra: pip install 'layout[dask]'") from None
    if not scheduler:
        return Client(processes=False)
    try:
        return Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise UsageError(f"cannot reach Dask scheduler {scheduler}: {reason}") from None


def run_dask(items: Sequence[BatchItem], job: Job, client) -> Iterator[ItemResult]:
    """One task per issue on the cluster of ``client`` (workers share the file system)."""
    from dask.distributed import as_completed

    futures = {client.submit(convert_one, *job.args(item), key=f"layout-{i}-{item.relative}",
                             retries=DASK_RETRIES, pure=False): item
               for i, item in enumerate(items)}
    finished = False
    try:
        for future in as_completed(list(futures)):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: this issue failed
                source = futures[future].source
                yield ItemResult(str(source), "failed",
                                 error=f"{source}: Dask: {type(exc).__name__}: {exc}")
        finished = True
    finally:
        if not finished:
            client.cancel(list(futures))


def stale_parts(stems: Sequence[Path]) -> list[Path]:
    """Temporary files (``.NAME.xxxx.part``) a killed worker left for these outputs."""
    found = []
    for stem in stems:
        folder = stem.parent
        if not folder.is_dir():
            continue
        found += folder.glob(f".{_glob_escape(stem.name)}.*.part")
        for sub in folder.glob(f"{_glob_escape(stem.name)}-*"):
            if sub.is_dir():
                found += sub.rglob(".*.part")
    return found


def _glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)
