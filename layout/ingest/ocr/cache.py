"""A cache of OCR engine results keyed by the page image, so a rerun does not OCR again.

Takes a page image's pixels (and what else decides the engine's answer: the engine's
version and the parameters it is called with) and returns the engine's results stored for
them, or stores new ones. Entries are JSON files in ``$LAYOUT_CACHE_DIR/ocr`` (default
``$XDG_CACHE_HOME/layout/ocr``, else ``~/.cache/layout/ocr``), named by the sha256 of the
key; the folder is kept under ``ocr.cache_mb`` megabytes by removing the entries used
longest ago (a hit touches its file). A cache that cannot be read or written is skipped
with one debug line: OCR still runs, the cache is only a saving.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from layout.errors import OutputError
from layout.fileio import atomic_path

log = logging.getLogger("layout.ingest.ocr.cache")

CACHE_VERSION = 1  # raise when what is stored (or how it is keyed) changes


def cache_dir() -> Path:
    """The folder OCR results are kept in (see the module doc)."""
    override = os.environ.get("LAYOUT_CACHE_DIR")
    if override:
        return Path(override) / "ocr"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "layout" / "ocr"


def image_key(pixels: bytes, width: int, height: int, mode: str, engine: str) -> str:
    """The cache key of one page image: its pixels, size and mode, and ``engine`` (the
    engine's name, version and call parameters, as text)."""
    digest = hashlib.sha256()
    digest.update(f"v{CACHE_VERSION}|{engine}|{mode}|{width}x{height}|".encode())
    digest.update(pixels)
    return digest.hexdigest()


def _prune(folder: Path, max_bytes: int) -> None:
    """Remove the least recently used entries until the folder holds at most
    ``max_bytes``."""
    entries = []
    for path in folder.glob("*.json"):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        try:
            path.unlink()
        except OSError:
            continue
        total -= size


def cached(key: str, compute: Callable[[], Any], max_mb: float,
           folder: Path | None = None) -> Any:
    """The results stored under ``key``, else ``compute()``'s, stored (JSON-able)."""
    folder = folder or cache_dir()
    path = folder / f"{key}.json"
    try:
        results = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        results = None
    if results is not None:
        try:
            os.utime(path)
        except OSError:
            pass
        log.debug("OCR cache hit %s", path)
        return results
    results = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as temp:
            temp.write_text(json.dumps(results, ensure_ascii=False), "utf-8")
        _prune(folder, int(max_mb * 1024 * 1024))
    except (OSError, OutputError) as exc:
        log.debug("OCR cache not written (%s): %s", path, exc)
    return results
