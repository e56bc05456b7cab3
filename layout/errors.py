"""Exceptions of the library and the exit codes the CLI maps them to.

Takes nothing; provides :class:`ExitCode` and the :class:`LayoutError` family.
The library raises these; only ``layout.cli`` turns them into exit codes.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BAD_ARGUMENTS = 1
    BAD_INPUT = 2
    PARTIAL = 3
    OUTPUT_ERROR = 4  # an output cannot be written (nothing of that run is left behind)
    INTERRUPTED = 130  # SIGINT (Ctrl-C)
    TERMINATED = 143  # SIGTERM (128 + 15)


class LayoutError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = ExitCode.BAD_INPUT


class InputError(LayoutError):
    """An input file is missing, unreadable or not what it claims to be."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class OutputError(LayoutError):
    """An output cannot be written (folder missing or read-only, disk full, a folder name)."""

    exit_code = ExitCode.OUTPUT_ERROR

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UsageError(LayoutError):
    """The caller asked for something inconsistent (bad option values)."""

    exit_code = ExitCode.BAD_ARGUMENTS


class NotAvailableError(LayoutError):
    """A capability that this version does not have yet."""

    exit_code = ExitCode.BAD_ARGUMENTS


class FontError(LayoutError):
    """A font file cannot be read or does not cover what it must."""

    exit_code = ExitCode.BAD_INPUT


class BudgetExceeded(LayoutError):
    """One page's work ran over its time budget (settings.limits.page_seconds, or
    ocr_seconds for its OCR)."""

    def __init__(self, seconds: float, what: str = "page") -> None:
        super().__init__(f"over the {seconds:g} s {what} budget")
        self.seconds = seconds
        self.what = what
