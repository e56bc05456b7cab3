"""Write an export to disk: folders of ALTO (and METS), one EPUB, one text file.

Takes :class:`IssueSource` objects, a format and an output path; returns the paths it
wrote. Every file is written to a temporary name and renamed (``layout.fileio``), METS
last so it never names a missing ALTO file; no output may be one of the inputs.
``alto``/``mets`` write into a folder (one sub-folder per issue when there are
several); ``epub``, ``txt`` and ``md`` write one file holding every issue.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from layout.errors import UsageError
from layout.export.alto import page_to_alto
from layout.export.epub import WRITING_MODES, EpubOptions, write_epub
from layout.export.mets import PageFiles, issue_to_mets
from layout.export.sources import IssueSource
from layout.export.text import issues_to_markdown, issues_to_text
from layout.fileio import atomic_output, write_text_atomic
from layout.pipeline import expand_inputs

FORMATS = ("alto", "mets", "epub", "txt", "md")
FOLDER_FORMATS = ("alto", "mets")
SOURCE_TYPES = {".pdf": "application/pdf", ".txt": "text/plain", ".json": "application/json"}


@dataclass(frozen=True)
class ExportOptions:
    writing_mode: str = "horizontal"  # EPUB: horizontal | vertical
    embed_fonts: bool = False  # EPUB: embed the bundled faces cut to the characters used

    def __post_init__(self) -> None:
        if self.writing_mode not in WRITING_MODES:
            raise UsageError(f"--writing-mode {self.writing_mode}: use horizontal or vertical")


def parse_formats(text: str, allowed: Iterable[str] = FORMATS) -> list[str]:
    """``alto,epub`` → ["alto", "epub"]; UsageError naming an unknown format."""
    allowed = tuple(allowed)
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    for name in names:
        if name not in allowed:
            raise UsageError(f"unknown format {name!r}: use {', '.join(allowed)}")
    if not names:
        raise UsageError(f"no format given: use {', '.join(allowed)}")
    return list(dict.fromkeys(names))


class _Guard:
    """Refuses to write over an input file."""

    def __init__(self, inputs: Iterable[Path]) -> None:
        self.inputs: set[Path] = set()
        for path in inputs:
            try:
                files = expand_inputs([path]) if Path(path).exists() else []
            except Exception:  # noqa: BLE001 - an unreadable input is reported elsewhere
                files = []
            self.inputs.update(f.resolve() for f in (*files, Path(path)))

    def check(self, target: Path) -> Path:
        if Path(target).resolve() in self.inputs:
            raise UsageError(f"{target}: output would overwrite an input")
        return target


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def _issue_dirs(sources: Sequence[IssueSource], out_dir: Path) -> list[Path]:
    if len(sources) == 1:
        return [out_dir]
    seen: dict[str, int] = {}
    dirs = []
    for source in sources:
        stem = source.stem or "issue"
        seen[stem] = seen.get(stem, 0) + 1
        dirs.append(out_dir / (stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"))
    return dirs


def _write_alto_issue(source: IssueSource, folder: Path, with_mets: bool,
                      guard: _Guard) -> list[Path]:
    alto_dir = folder / "alto" if with_mets else folder
    written: list[Path] = []
    altos, files = [], []
    for page, where in zip(source.issue.pages, source.pages, strict=True):
        name = where.path.name if where.path is not None else source.issue.source
        alto = page_to_alto(source.issue, page, name)
        target = guard.check(alto_dir / f"page-{page.number:03d}.xml")
        with atomic_output(target) as stream:
            stream.write(alto.xml)
        written.append(target)
        altos.append(alto)
        href = None
        kind = "application/octet-stream"
        if where.path is not None:
            href = _relative(where.path, folder)
            kind = SOURCE_TYPES.get(where.path.suffix.lower(), kind)
            if kind == "application/pdf":
                href += f"#page={where.number}"
        files.append(PageFiles(href, kind, _relative(target, folder)))
    if with_mets:
        xml = issue_to_mets(source.issue, altos, files, object_id=source.stem)
        target = guard.check(folder / "mets.xml")
        with atomic_output(target) as stream:
            stream.write(xml)
        written.append(target)
    return written


def export_text(sources: Sequence[IssueSource], fmt: str) -> str:
    """The ``txt`` or ``md`` export of every issue, as one string."""
    issues = [s.issue for s in sources]
    return issues_to_markdown(issues) if fmt == "md" else issues_to_text(issues)


def export(sources: Sequence[IssueSource], fmt: str, output: Path,
           options: ExportOptions = ExportOptions()) -> list[Path]:
    """Write ``fmt`` for ``sources`` at ``output`` (a folder for alto/mets); paths written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    output = Path(output)
    guard = _Guard(p for s in sources for p in s.inputs)
    if fmt in FOLDER_FORMATS:
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output}: --format {fmt} writes a folder; this is a file")
        written: list[Path] = []
        for source, folder in zip(sources, _issue_dirs(sources, output), strict=True):
            written += _write_alto_issue(source, folder, fmt == "mets", guard)
        return written
    if output.is_dir():
        raise UsageError(f"{output}: --format {fmt} writes a file; this is a folder")
    guard.check(output)
    if fmt == "epub":
        with atomic_output(output) as stream:
            write_epub([s.issue for s in sources], stream,
                       EpubOptions(options.writing_mode, options.embed_fonts))
    else:
        write_text_atomic(output, export_text(sources, fmt))
    return [output]


def beside(output: Path, fmt: str) -> Path:
    """Where ``convert --also`` puts ``fmt`` next to ``output`` (OUT.pdf → OUT-mets/…)."""
    output = Path(output)
    if fmt in FOLDER_FORMATS:
        return output.with_name(f"{output.stem}-{fmt}")
    return output.with_name(f"{output.stem}.{fmt}")


def export_beside(source: IssueSource, formats: Sequence[str], output: Path,
                  options: ExportOptions = ExportOptions()) -> list[Path]:
    """Each of ``formats`` for one issue next to ``output`` (see :func:`beside`)."""
    written: list[Path] = []
    for fmt in formats:
        written += export([source], fmt, beside(output, fmt), options)
    return written
