"""Safe file output: stage every output of a run, move them into place only when all succeeded.

Takes output targets (paths, ``-`` for standard output) and the input paths of a run;
yields binary streams to write to. Each regular-file target is staged as a temporary file
beside it (``.NAME.XXXX.part``) and renamed over it at the end; standard output, character
devices and FIFOs (``/dev/null``, ``/dev/stdout``, a pipe) are written to directly at the end,
never replaced. When anything fails (or the run is interrupted) every temporary file is
removed, so no partial or half-written set of outputs is ever left. Write errors raise
:class:`layout.errors.OutputError`; outputs that would overwrite an input, or the same
output named twice, raise :class:`layout.errors.UsageError` before any work.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from layout.errors import OutputError, UsageError

STDOUT = "-"
_SPECIAL_ROOTS = ("/dev/", "/proc/")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def is_stdout(target: Path | str | None) -> bool:
    return target is not None and str(target) == STDOUT


class _OutputFile(io.FileIO):
    """A file whose write errors (disk full, I/O error) name the output they are for."""

    def __init__(self, fd: int, target: Path | str) -> None:
        super().__init__(fd, "r+b", closefd=True)
        self.target = target

    def write(self, data) -> int:  # type: ignore[override]
        try:
            return super().write(data)
        except OSError as exc:
            raise OutputError(self.target, f"cannot write: {_reason(exc)}") from None


def _writes_in_place(target: Path) -> bool:
    """True for an existing target that must be written to, never replaced (a device, FIFO,
    socket, or anything under /dev or /proc such as /dev/stdout)."""
    if str(target).startswith(_SPECIAL_ROOTS):
        return True
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OutputError(target, f"cannot write: {_reason(exc)}") from None
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_output_path(target: Path | str) -> None:
    """UsageError when ``target`` cannot be an output file (a folder, or a name ending in /)."""
    if is_stdout(target):
        return
    text = str(target)
    if text.endswith(("/", os.sep)) or Path(target).is_dir():
        raise UsageError(f"{target}: is a folder; give an output file name")


@dataclass
class _Stage:
    """One output being written: where it goes and the temporary file holding it."""

    target: Path | str
    in_place: bool  # copy into the target at the end (stdout, device, FIFO)
    temp: Path | None  # the .part file beside a regular target (None for in-place ones)
    stream: io.BufferedRandom


def _open_stage(target: Path | str) -> _Stage:
    check_output_path(target)
    if is_stdout(target) or _writes_in_place(Path(target)):
        fd, name = tempfile.mkstemp(prefix=".layout-", suffix=".part")
        os.unlink(name)  # anonymous: nothing to clean up on disk, whatever happens
        return _Stage(target, True, None, io.BufferedRandom(_OutputFile(fd, target)))
    final = Path(os.path.realpath(target)) if Path(target).is_symlink() else Path(target)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    except OSError as exc:
        raise OutputError(target, f"cannot write: {_reason(exc)}") from None
    temp = Path(name)
    try:
        os.chmod(temp, 0o666 & ~_current_umask())  # mkstemp makes 0600; outputs follow umask
    except OSError:
        pass
    return _Stage(final, False, temp, io.BufferedRandom(_OutputFile(fd, target)))


def _copy_into(stage: _Stage, stdout: BinaryIO | None) -> None:
    """Write a staged in-place output to its device / FIFO / standard output."""
    stage.stream.seek(0)
    try:
        if is_stdout(stage.target):
            if stdout is None:
                raise OutputError(STDOUT, "no standard output to write to")
            shutil.copyfileobj(stage.stream, stdout)
            stdout.flush()
        else:
            with open(stage.target, "wb") as out:
                shutil.copyfileobj(stage.stream, out)
    except OSError as exc:
        raise OutputError(stage.target, f"cannot write: {_reason(exc)}") from None


def _move_into_place(stage: _Stage) -> None:
    assert stage.temp is not None
    target = Path(stage.target)
    with contextlib.suppress(FileNotFoundError):
        mode = os.lstat(target).st_mode
        if not stat.S_ISREG(mode):  # appeared since we looked: never replace a non-file
            raise OutputError(target, "is not a regular file; not replaced")
    try:
        os.replace(stage.temp, target)
    except OSError as exc:
        raise OutputError(target, f"cannot write: {_reason(exc)}") from None


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while a temporary file is made and recorded (or removed), so an
    interruption can never fall between the two and leave the file behind."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def staged_outputs(targets: Sequence[Path | str],
                   stdout: BinaryIO | None = None) -> Iterator[list[BinaryIO]]:
    """One binary stream per target; all targets written only if the block succeeds.

    The temporary files are made on entry, so an unwritable folder fails before any work.
    ``stdout`` receives what is written for the target ``-``.
    """
    stages: list[_Stage] = []
    try:
        for target in targets:
            with _signals_deferred():
                stages.append(_open_stage(target))
        yield [s.stream for s in stages]  # type: ignore[misc]
        for s in stages:
            try:
                s.stream.flush()
            except OSError as exc:
                raise OutputError(s.target, f"cannot write: {_reason(exc)}") from None
        for s in stages:  # devices and stdout first: they are the ones that fail (ENOSPC)
            if s.in_place:
                _copy_into(s, stdout)
        for s in stages:
            if not s.in_place:
                _move_into_place(s)
    finally:
        with _signals_deferred():
            for s in stages:
                with contextlib.suppress(Exception):  # a failed flush was reported already
                    s.stream.close()
                if s.temp is not None:
                    with contextlib.suppress(FileNotFoundError):
                        s.temp.unlink()


@contextlib.contextmanager
def atomic_output(target: Path | str, stdout: BinaryIO | None = None) -> Iterator[BinaryIO]:
    """Yield a binary stream whose content replaces ``target`` only when the block succeeds."""
    with staged_outputs([target], stdout) as (stream,):
        yield stream


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in ``target``'s folder; rename it over ``target`` on success."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(target, f"cannot write: {_reason(exc)}") from None
    os.close(fd)
    temp = Path(name)
    os.chmod(temp, 0o666 & ~_current_umask())
    try:
        yield temp
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_text_atomic(target: Path | str, text: str, stdout: BinaryIO | None = None) -> None:
    with atomic_output(target, stdout) as stream:
        stream.write(text.encode("utf-8"))


def _input_files(inputs: Sequence[Path]) -> list[Path]:
    """The input paths and, for folders, every file inside them."""
    files: list[Path] = []
    for path in map(Path, inputs):
        files.append(path)
        if path.is_dir():
            files.extend(p for p in path.rglob("*") if p.is_file())
    return files


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_overwriting_inputs(inputs: Sequence[Path], outputs: Sequence[Path | str]) -> None:
    """UsageError when an output is an input (same path, link or inode) or is named twice."""
    seen: list[Path | str] = []
    files = _input_files(inputs)
    for output in outputs:
        if is_stdout(output):
            if any(is_stdout(s) for s in seen):
                raise UsageError("only one output can go to standard output (-)")
            seen.append(output)
            continue
        path = Path(output)
        for earlier in seen:
            if not is_stdout(earlier) and _same_file(path, Path(earlier)):
                raise UsageError(f"{output}: named as two outputs")
        seen.append(output)
        if not path.exists() or str(path).startswith(_SPECIAL_ROOTS):
            continue  # a new file cannot be an input; /dev/null is no one's input
        for source in files:
            if _same_file(path, source):
                raise UsageError(f"{output}: is an input ({source}); an output may not "
                                 "overwrite an input")
