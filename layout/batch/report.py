"""What a batch did: one :class:`ItemResult` per input and the :class:`BatchReport` of all.

Takes results as issues finish; gives ``OUT/batch-report.json`` (every input with status
``ok``, ``skipped`` (up to date, not redone), ``partial`` (written, some pages left out),
``failed`` (with ``failed_before`` when an unchanged input that failed in an earlier run
was not tried again) or ``interrupted`` (not finished when the run was stopped), its error,
seconds, pages and outputs) and the counts the command line summarises.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from layout.fileio import write_text_atomic

STATUSES = ("ok", "skipped", "partial", "failed", "interrupted")


@dataclass(frozen=True)
class ItemResult:
    """What happened to one issue of a batch."""

    source: str
    status: str  # one of STATUSES
    pdf: str | None = None
    json: str | None = None
    error: str | None = None
    seconds: float = 0.0
    pages: int = 0
    exports: tuple[str, ...] = ()  # files written for --formats beyond pdf and json
    skipped_pages: tuple[str, ...] = ()  # what a partial issue left out, and why
    bad_input: bool = False  # failed on what the input holds (not on the run's conditions)
    failed_before: bool = False  # not retried: the same input failed so in an earlier run

    @property
    def ok(self) -> bool:
        """Outputs exist for this input (converted now, partly, or earlier)."""
        return self.status in ("ok", "skipped", "partial")

    def outputs(self) -> list[str]:
        return [p for p in (self.pdf, self.json) if p] + list(self.exports)


@dataclass
class BatchReport:
    results: list[ItemResult] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def successes(self) -> list[ItemResult]:
        return [r for r in self.results if r.ok]

    @property
    def failures(self) -> list[str]:
        return [r.error or r.source for r in self.results if r.status == "failed"]

    def to_dict(self) -> dict:
        counts = {status: self.count(status) for status in STATUSES}
        return {"succeeded": len(self.successes), "failed": counts["failed"],
                "counts": counts, "interrupted": self.interrupted,
                "items": [asdict(r) for r in sorted(self.results, key=lambda r: r.source)]}

    def write(self, path: Path) -> None:
        write_text_atomic(path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n")
