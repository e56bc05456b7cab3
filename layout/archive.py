"""Printable archive: many issues → one PDF, one outline entry per issue.

Takes input paths, each one issue (an issue folder, a page PDF or a text dump), and writes
one PDF to a binary stream, issues ordered by date then by input order; returns an
:class:`ArchiveResult`: how many issues it holds and a one-line reason for each input left
out because it could not be read (with ``strict``, the first such error is raised instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from layout.errors import InputError, LayoutError
from layout.model import Issue
from layout.pipeline import read_issue
from layout.render.options import RenderOptions
from layout.settings import Settings


@dataclass(frozen=True)
class ArchiveResult:
    issues: int
    failures: tuple[str, ...] = ()  # "PATH: problem", one per input left out


def _read(path: Path, settings: Settings) -> Issue:
    try:
        return read_issue([path], settings)
    except LayoutError:
        raise
    except Exception as exc:  # noqa: BLE001 - one broken issue, named, not a crash
        raise InputError(path, f"{type(exc).__name__}: {exc}") from exc


def build_archive(inputs: Sequence[Path], stream: BinaryIO, options: RenderOptions,
                  settings: Settings, strict: bool = False) -> ArchiveResult:
    """Render every readable input issue into ``stream``."""
    from layout.render.pdf import render_issues

    issues: list[Issue] = []
    failures: list[str] = []
    for path in map(Path, inputs):
        try:
            issues.append(_read(path, settings))
        except LayoutError as exc:
            if strict:
                raise
            text = str(exc)
            failures.append(text if str(path) in text else f"{path}: {text}")
    if not issues:
        raise InputError(", ".join(map(str, inputs)),
                         "no issue could be read: " + "; ".join(failures))
    order = sorted(range(len(issues)), key=lambda i: (issues[i].date or "", i))
    render_issues([issues[i] for i in order], stream, options, settings)
    return ArchiveResult(len(issues), tuple(failures))
