"""Find the issues under a batch's input folder and name the outputs of each.

Takes the input folder (and the output folder, which is never read as input); returns
:class:`BatchItem` objects in path order, each an input (a ``.pdf`` or ``.txt`` file, or a
folder of page files) and the output stem that mirrors its relative path:
``IN/x/2024-01-15.pdf`` → ``OUT/x/2024-01-15`` (``.pdf``, ``.json``, exports beside it).

Rules (README "Batch runs"):
- every folder is walked, at any depth; folders starting with ``.`` and the output folder
  (or any folder holding a batch manifest) are left out;
- a folder is one issue (its page files are the pages) when its name carries a date
  (``2024-01-16/``) or none of its page files' names does (``01.pdf``, ``第3版.txt``);
  otherwise each page file in it is an issue of its own (``x/2024-01-15.pdf``);
- when two inputs would map to one output (``collide.pdf`` and ``collide.txt``, or a name
  differing only in case), each of them keeps its input suffix in the output name:
  ``collide.pdf.pdf``, ``collide.txt.pdf`` (a folder keeps its name); names that would still
  clash get ``~2``, ``~3`` in path order. Top-level ``batch-report`` and ``batch-manifest``
  stems are reserved for the batch's own files.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from layout.errors import InputError
from layout.pipeline import PAGE_SUFFIXES, date_from_name

REPORT_NAME = "batch-report.json"
MANIFEST_NAME = "batch-manifest.json"
RESERVED_STEMS = ("batch-report", "batch-manifest")


@dataclass(frozen=True)
class BatchItem:
    """One issue of a batch: its input and where its outputs go."""

    source: Path  # the input file or folder
    relative: str  # its path relative to the input folder, POSIX style: the report's key
    output_stem: Path  # OUT/x/2024-01-15: outputs are this plus .pdf, .json, -alto/, …

    @property
    def pdf(self) -> Path:
        return self.output_stem.with_name(self.output_stem.name + ".pdf")

    @property
    def json(self) -> Path:
        return self.output_stem.with_name(self.output_stem.name + ".json")


def _is_page_file(path: Path) -> bool:
    return path.suffix.lower() in PAGE_SUFFIXES and not path.name.startswith(".")


def _is_issue_folder(folder: Path, page_files: list[Path]) -> bool:
    if date_from_name(Path(folder.name)) is not None:
        return True
    return not any(date_from_name(Path(p.name)) for p in page_files)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def find_sources(input_dir: Path, output_dir: Path | None = None) -> list[Path]:
    """Every issue input under ``input_dir`` (files and issue folders), in path order."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise InputError(input_dir, "not a folder")
    found: list[Path] = []

    def walk(folder: Path, top: bool) -> None:
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            raise InputError(folder, f"cannot read: {exc.strerror or exc}") from None
        files = [p for p in entries if p.is_file() and _is_page_file(p)]
        if files and not top and _is_issue_folder(folder, files):
            found.append(folder)
        else:
            found.extend(files)
        for sub in entries:
            if not sub.is_dir() or sub.name.startswith("."):
                continue
            if output_dir is not None and _same_folder(sub, output_dir):
                continue  # the output folder is never read as input
            if (sub / MANIFEST_NAME).is_file():
                continue  # another batch's output folder
            walk(sub, False)

    walk(input_dir, True)
    if not found:
        raise InputError(input_dir, "holds no issues (.pdf/.txt files or folders of them)")
    return sorted(found, key=lambda p: p.relative_to(input_dir).as_posix())


def plan_outputs(input_dir: Path, sources: list[Path], output_dir: Path) -> list[BatchItem]:
    """The output stem of each source, by the collision rule of the module docstring."""
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    relatives = [s.relative_to(input_dir) for s in sources]
    plain = [r.with_suffix("") if (input_dir / r).is_file() else r for r in relatives]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, stem in enumerate(plain):
        groups[stem.as_posix().lower()].append(i)
    stems = list(plain)
    for key, members in groups.items():
        if len(members) > 1 or key in RESERVED_STEMS:
            for i in members:
                stems[i] = relatives[i]  # keep the input's suffix (a folder keeps its name)
    taken: set[str] = set(RESERVED_STEMS)
    items = []
    for i, stem in enumerate(stems):
        name, n = stem, 1
        while name.as_posix().lower() in taken:
            n += 1
            name = stem.with_name(f"{stem.name}~{n}")
        taken.add(name.as_posix().lower())
        items.append(BatchItem(sources[i], relatives[i].as_posix(), output_dir / name))
    return items
