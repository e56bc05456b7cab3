"""Compose the stages: input paths -> :class:`Issue` -> PDF/JSON.

Takes input paths (``.pdf`` pages, ``.txt`` dumps, page images ``.png``/``.jpg``/
``.tif`` (OCR'd), or a folder holding one issue's page files) and settings; returns
the document model. Front ends are looked up here so that the CLI, batch and archive
share one dispatch.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from layout.errors import InputError
from layout.model import Issue, ModelError, Page, issue_from_json
from layout.settings import DEFAULT_SETTINGS, Settings

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")  # scans, OCR'd (layout[ocr])
PAGE_SUFFIXES = (".pdf", ".txt", *IMAGE_SUFFIXES)
STRUCTURE_SUFFIX = ".json"  # a structure file written by `layout analyze` (maybe edited)

_CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CHINESE_DIGITS["零"] = 0


@dataclass(frozen=True)
class IssueMetadata:
    """Metadata a user states on the command line; wins over what analysis found."""

    title: str | None = None
    date: str | None = None
    edition: str | None = None
    section: str | None = None


def chinese_number(text: str) -> int | None:
    """Parse 3, 十二, 二十三, 一〇 → int; None when ``text`` is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CHINESE_DIGITS and c not in "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:
        return int("".join(str(_CHINESE_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CHINESE_DIGITS[c]
    return total + current


def page_number_from_name(name: str) -> int | None:
    """The page number a file name carries: ``第3版.pdf``, ``rmrb-03.pdf``, ``01.txt``."""
    stem = Path(name).stem
    match = re.search(r"第\s*([0-9〇零一二三四五六七八九十百]+)\s*[版页]", stem)
    if match:
        return chinese_number(match.group(1))
    numbers = re.findall(r"\d+", stem)
    return int(numbers[-1]) if numbers else None


_NAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_NAME_EDITION = re.compile(r"(?:^|[-_ .])([A-Za-z]?)(\d{1,3})$")


def date_from_name(path: Path) -> str | None:
    """The date a file or folder name carries, as YYYY-MM-DD (2024-01-15, 20240115,
    2024_01_15): the file's own stem first, then its folder's name; None when neither has one."""
    for name in (path.stem if path.suffix.lower() in (*PAGE_SUFFIXES, STRUCTURE_SUFFIX)
                 else path.name, path.parent.name):
        for match in _NAME_DATE.finditer(name):
            year, _, month, day = match.groups()
            try:
                return datetime.date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                continue
    return None


def edition_from_name(name: str) -> str | None:
    """The edition (版) a page file's name states: 第10版.txt -> 10, rmrb-03.pdf -> 3,
    zk_A10.pdf -> A10, 07.txt -> 7; None when it states none (a date is not an edition)."""
    stem = Path(name).stem
    match = re.search(r"第\s*([0-9〇零一二三四五六七八九十百]+)\s*[版页]", stem)
    if match:
        number = chinese_number(match.group(1))
        return str(number) if number is not None else None
    match = _NAME_EDITION.search(_NAME_DATE.sub("", stem).rstrip("-_ ."))
    if not match:
        return None
    letter, digits = match.groups()
    return f"{letter.upper()}{digits}" if letter else str(int(digits))


def with_name_metadata(issue: Issue, path: Path) -> Issue:
    """What the input's name says, where analysis found nothing: the issue's date (from the
    file or folder name) and, for a one-page file, the page's edition (第10版.txt)."""
    changes: dict = {}
    if issue.date is None:
        date = date_from_name(path)
        if date is not None:
            changes["date"] = date
    if len(issue.pages) == 1 and issue.pages[0].edition is None:
        edition = edition_from_name(path.name)
        if edition is not None:
            changes["pages"] = (dataclasses.replace(issue.pages[0], edition=edition),)
    return dataclasses.replace(issue, **changes) if changes else issue


def issue_page_files(folder: Path) -> list[Path]:
    """The page files of one issue folder, ordered by the page number in their names."""
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES]
    if not files:
        raise InputError(folder, "folder holds no .pdf or .txt page files or page images")

    def key(path: Path) -> tuple[int, int, str]:
        number = page_number_from_name(path.name)
        return (0 if number is not None else 1, number or 0, path.name)

    return sorted(files, key=key)


def expand_inputs(inputs: Sequence[Path]) -> list[Path]:
    """Files to read, in order; folders expand to their page files."""
    files: list[Path] = []
    for path in map(Path, inputs):
        if path.is_dir():
            files.extend(issue_page_files(path))
        elif path.is_file():
            if path.suffix.lower() not in (*PAGE_SUFFIXES, STRUCTURE_SUFFIX):
                raise InputError(path, "not a .pdf, .txt, image or structure .json file")
            files.append(path)
        else:
            raise InputError(path, "no such file or folder")
    return files


def read_file(path: Path, settings: Settings = DEFAULT_SETTINGS) -> Issue:
    """One input file through its front end (chosen by suffix); ``.json`` is read as is."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        from layout.analysis.text.dump import analyze_text_dump  # not for skipped batch issues

        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
        issue = analyze_text_dump(data, source=str(path), settings=settings)
        return with_name_metadata(issue, path)
    if suffix == ".pdf":
        from layout.analysis.pdf.page import analyze_pdf  # pdfplumber: only for PDF input

        return with_name_metadata(analyze_pdf(path, settings=settings), path)
    if suffix in IMAGE_SUFFIXES:
        from layout.analysis.pdf.scan import analyze_image

        return with_name_metadata(analyze_image(path, settings=settings), path)
    if suffix == STRUCTURE_SUFFIX:
        return read_structure(path)
    raise InputError(path, "not a .pdf, .txt, image or structure .json file")


def read_structure(path: Path) -> Issue:
    """A structure JSON (schema_version 1) back into the model, e.g. after hand edits."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    try:
        return issue_from_json(text)
    except ModelError as exc:
        raise InputError(path, f"not a layout structure file: {exc}") from None
    except RecursionError:
        raise InputError(path, "invalid structure JSON: nested too deeply") from None


def merge_issues(issues: Sequence[Issue], source: str) -> Issue:
    """Pages of several inputs as one issue, pages renumbered from 1, ids made unique."""
    pages: list[Page] = []
    for issue in issues:
        for page in issue.pages:
            number = len(pages) + 1
            articles = tuple(
                dataclasses.replace(a, id=f"p{number}-a{i}")
                for i, a in enumerate(page.articles, start=1)
            )
            pages.append(dataclasses.replace(page, number=number, articles=articles))
    first = issues[0] if issues else Issue(source=source)

    def pick(attr: str) -> str | None:
        return next((getattr(i, attr) for i in issues if getattr(i, attr)), None)

    return dataclasses.replace(
        first,
        source=source,
        title=pick("title"),
        date=pick("date"),
        edition=pick("edition"),
        section=pick("section"),
        pages=tuple(pages),
        skipped=tuple(note for issue in issues for note in issue.skipped),
    )


def apply_metadata(issue: Issue, metadata: IssueMetadata) -> Issue:
    changes = {k: v for k, v in dataclasses.asdict(metadata).items() if v is not None}
    return dataclasses.replace(issue, **changes) if changes else issue


def read_issue(
    inputs: Sequence[Path],
    settings: Settings = DEFAULT_SETTINGS,
    metadata: IssueMetadata = IssueMetadata(),
    jobs: int = 1,
    while_waiting: Callable[[], object] | None = None,
    page_json: bool = False,
) -> Issue:
    """Inputs (files or one issue folder) → one :class:`Issue`; ``jobs`` > 1 analyses PDF
    pages in that many processes (same result, see :mod:`layout.parallel`), and this one
    calls ``while_waiting`` meanwhile (work for later that does not touch the result);
    ``page_json``: the caller writes the issue's JSON, which those processes then encode
    page by page (the same text)."""
    _, issues = read_files(inputs, settings, jobs, while_waiting, page_json)
    return apply_metadata(one_issue(inputs, issues), metadata)


def read_files(inputs: Sequence[Path], settings: Settings = DEFAULT_SETTINGS,
               jobs: int = 1, while_waiting: Callable[[], object] | None = None,
               page_json: bool = False) -> tuple[list[Path], list[Issue]]:
    """The input files of one issue and the issue each file gives, in order (with ``jobs``
    > 1, ``while_waiting`` called once the workers have their tasks and ``page_json`` as
    for :func:`read_issue`)."""
    files = expand_inputs(inputs)
    if not files:
        raise InputError(", ".join(map(str, inputs)) or "<none>", "no input files")
    if jobs != 1:
        from layout.parallel import read_files_parallel

        return files, read_files_parallel(files, settings, jobs, while_waiting, page_json)
    return files, [read_file(path, settings) for path in files]


def one_issue(inputs: Sequence[Path], issues: list[Issue]) -> Issue:
    """The issues read from ``inputs`` as one (a single file's issue as it is)."""
    if len(issues) == 1 and len(inputs) == 1 and not Path(inputs[0]).is_dir():
        return issues[0]
    return merge_issues(issues, source=", ".join(str(p) for p in inputs))
