"""Give freed memory back to the operating system between the big stages of a run.

Takes nothing; :func:`release_free_memory` runs a full garbage collection (reference
cycles, e.g. ReportLab's image readers) and, on glibc, ``malloc_trim(0)``, which returns
the heap PDFium and the analysis freed; :func:`return_free_heap` only the latter (cheap
enough to call every few pages). Without it the render stage's fonts and
document are laid on top of the analysis' high-water mark, and the peak grows with the
length of the issue. Returns nothing; a no-op where glibc is not there. :func:`heap_frozen`
keeps the objects alive at its start out of the collections made inside it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from collections.abc import Iterator
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    """glibc, where ``malloc_trim`` is: the C library this process already has loaded
    (``CDLL(None)``), else found by name (``find_library`` runs ``ldconfig``: slow)."""
    try:
        own = ctypes.CDLL(None)
        if hasattr(own, "malloc_trim"):
            return own
    except (OSError, TypeError):
        pass
    from ctypes.util import find_library

    name = find_library("c")
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


@contextlib.contextmanager
def heap_frozen() -> Iterator[None]:
    """Keep the objects alive now out of the garbage collector's sight during the block
    (``gc.freeze``): the collections made inside it (:func:`release_free_memory`) then walk
    only what the block made, not the issue and the fonts loaded before. Nothing is freed
    any later for it (frozen objects still go when their last reference does; only
    garbage cycles among them wait for the end of the block). Does nothing when objects are
    frozen already (a batch freezes its own, :mod:`layout.batch.executors`)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
