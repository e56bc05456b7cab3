"""Safe file output: write to a temporary file beside the target, then rename.

Takes a target path; yields an open binary stream (or a temp path). On any
exception the temporary file is removed, so no partial output is ever left.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in ``target``'s folder; rename it over ``target`` on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    temp = Path(name)
    os.chmod(temp, 0o666 & ~_current_umask())  # mkstemp makes 0600; outputs follow the umask
    try:
        yield temp
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary stream whose content replaces ``target`` only when the block succeeds."""
    with atomic_path(target) as temp, open(temp, "wb") as stream:
        yield stream


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_output(target) as stream:
        stream.write(text.encode("utf-8"))
