"""Read one issue for export, keeping which file (and page of it) each page came from.

Takes the inputs of one issue (files or one issue folder, as ``convert`` takes them)
and settings; returns an :class:`IssueSource`: the issue (the same one
:func:`layout.pipeline.read_issue` builds) and, per page, its source file and the page's
number inside that file, which METS names in its fileSec. A structure ``.json`` names
its source in ``source``; its pages are taken to be that file's pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from layout.model import Issue
from layout.pipeline import (
    STRUCTURE_SUFFIX,
    IssueMetadata,
    apply_metadata,
    one_issue,
    read_files,
)
from layout.settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True)
class PageSource:
    """The file a page was read from (None when unknown) and its page number in it."""

    path: Path | None
    number: int


@dataclass(frozen=True)
class IssueSource:
    issue: Issue
    pages: tuple[PageSource, ...]
    inputs: tuple[Path, ...]

    @property
    def stem(self) -> str:
        """A file-name stem for this issue's outputs: its first input's name."""
        first = self.inputs[0] if self.inputs else Path(self.issue.source)
        return first.stem if first.suffix else first.name


def _page_sources(path: Path, issue: Issue) -> list[PageSource]:
    if path.suffix.lower() == STRUCTURE_SUFFIX:
        named = Path(issue.source)
        known = named if named.is_file() else None
        return [PageSource(known, p.number) for p in issue.pages]
    return [PageSource(path, p.number) for p in issue.pages]


def read_issue_source(
    inputs: Sequence[Path],
    settings: Settings = DEFAULT_SETTINGS,
    metadata: IssueMetadata | None = None,
    jobs: int = 1,
) -> IssueSource:
    """Inputs of one issue → the issue and each page's source (as ``read_issue`` merges;
    ``jobs`` > 1 analyses PDF pages in that many processes)."""
    files, issues = read_files(inputs, settings, jobs)
    pages: list[PageSource] = []
    for path, one in zip(files, issues, strict=True):
        pages.extend(_page_sources(path, one))
    issue = apply_metadata(one_issue(inputs, issues), metadata or IssueMetadata())
    return IssueSource(issue, tuple(pages), tuple(map(Path, inputs)))

