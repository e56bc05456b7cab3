"""Batch conversion: every issue under a folder → one PDF + one JSON each (or ``formats``).

Takes an input folder (issues at any depth: ``.pdf`` and ``.txt`` files, folders of page
files), an output folder and render options; returns a :class:`BatchReport` with a status
per issue, also written as ``OUT/batch-report.json``. Outputs mirror the input tree
(:mod:`.discovery`); a manifest lets a rerun skip what is up to date (:mod:`.manifest`);
issues run here, in a local process pool or on a Dask cluster (:mod:`.executors`), one
failing issue never stopping the others (:mod:`.worker`); a stopped run keeps what finished
(:mod:`.run`).
"""

from layout.batch.discovery import MANIFEST_NAME, REPORT_NAME, BatchItem, plan_outputs
from layout.batch.report import STATUSES, BatchReport, ItemResult
from layout.batch.run import BATCH_FORMATS, default_jobs, find_issues, run_batch
from layout.batch.worker import convert_one

__all__ = ["BATCH_FORMATS", "MANIFEST_NAME", "REPORT_NAME", "STATUSES", "BatchItem",
           "BatchReport", "ItemResult", "convert_one", "default_jobs", "find_issues",
           "plan_outputs", "run_batch"]
