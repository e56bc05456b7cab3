"""Give freed memory back to the operating system between the big stages of a run.

Takes nothing; :func:`release_free_memory` runs a full garbage collection (reference
cycles, e.g. ReportLab's image readers) and, on glibc, ``malloc_trim(0)``, which returns
the heap PDFium and the analysis freed; :func:`return_free_heap` only the latter (cheap
enough to call every few pages). Without it the render stage's fonts and
document are laid on top of the analysis' high-water mark, and the peak grows with the
length of the issue. Returns nothing; a no-op where glibc is not there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release_free_memory() -> None:
    """Collect garbage and return free heap pages to the system (glibc only)."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def return_free_heap() -> None:
    """Return free heap pages to the system (glibc only), without a garbage collection."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
