"""Printable archive: many issues → one PDF, one outline entry per issue.

Takes input paths, each one issue (an issue folder, a page PDF or a text dump),
and writes one PDF to a binary stream, issues ordered by date then by input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from layout.pipeline import read_issue
from layout.render.options import RenderOptions
from layout.settings import Settings


def build_archive(inputs: Sequence[Path], stream: BinaryIO, options: RenderOptions,
                  settings: Settings) -> int:
    """Render every input issue into ``stream``; returns how many issues it holds."""
    from layout.render.pdf import render_issues

    issues = [read_issue([Path(path)], settings) for path in inputs]
    order = sorted(range(len(issues)), key=lambda i: (issues[i].date or "", i))
    render_issues([issues[i] for i in order], stream, options, settings)
    return len(issues)
