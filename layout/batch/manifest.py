"""The batch manifest: what each finished issue was made from, so a rerun can skip it.

Takes the output folder; reads and writes ``OUT/batch-manifest.json`` (written to a temporary
file and renamed, so it is always whole). One entry per input (keyed by its path relative to
the input folder): the input's files with size, mtime and sha256, the tool version, a hash of
the settings, render options and formats, and the outputs written; an issue that failed as
bad input has an entry too (status ``failed``, its error, no outputs). An issue is up to date
when its entry has the same version and settings, every output still exists, and each input
file has the same size and mtime, or else the same content hash (a touched file is not
redone); a failed one is "failed before" on the same terms.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from layout import __version__
from layout.batch.discovery import MANIFEST_NAME
from layout.fileio import write_text_atomic
from layout.pipeline import PAGE_SUFFIXES

MANIFEST_VERSION = 1
_CHUNK = 1 << 20


def input_files(source: Path) -> list[Path]:
    """The files an issue is made of: the file itself, or a folder's page files."""
    if source.is_dir():
        return sorted(p for p in source.iterdir()
                      if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
    return [source]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(source: Path, known: list[dict] | None = None) -> list[dict]:
    """``[{name, size, mtime_ns, sha256}]`` of the issue's files; a hash is taken from
    ``known`` when the file's size and mtime match it (no re-read)."""
    previous = {entry["name"]: entry for entry in known or []}
    result = []
    for path in input_files(source):
        stat = path.stat()
        name = path.name
        old = previous.get(name)
        if old and old["size"] == stat.st_size and old["mtime_ns"] == stat.st_mtime_ns:
            sha = old["sha256"]
        else:
            sha = file_hash(path)
        result.append({"name": name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                       "sha256": sha})
    return result


def settings_key(*parts: object) -> str:
    """A stable hash of everything besides the input that decides the output."""
    text = "\n".join(repr(p) for p in (__version__, *parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Manifest:
    """The entries of ``OUT/batch-manifest.json``; :meth:`save` rewrites it atomically."""

    path: Path
    entries: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, output_dir: Path) -> Manifest:
        path = Path(output_dir) / MANIFEST_NAME
        try:
            data = json.loads(path.read_text("utf-8"))
            entries = data["entries"] if data.get("manifest_version") == MANIFEST_VERSION else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}  # none yet, or unreadable: everything is redone
        return cls(path, dict(entries) if isinstance(entries, dict) else {})

    def up_to_date(self, relative: str, source: Path, key: str) -> bool:
        """The issue was converted from these very inputs with these settings, and every
        output it wrote is still there."""
        entry = self.entries.get(relative)
        if not entry or entry.get("status") == "failed":
            return False
        if not all((self.path.parent / p).exists() for p in entry.get("outputs", [])):
            return False
        return self._unchanged(entry, source, key)

    def failed_before(self, relative: str, source: Path, key: str) -> str | None:
        """The error of an earlier run on these very inputs with these settings, when the
        issue failed then as bad input; else None."""
        entry = self.entries.get(relative)
        if not entry or entry.get("status") != "failed":
            return None
        return str(entry.get("error") or "failed") if self._unchanged(entry, source,
                                                                        key) else None

    def _unchanged(self, entry: dict, source: Path, key: str) -> bool:
        if entry.get("settings") != key or entry.get("version") != __version__:
            return False
        try:
            now = fingerprint(source, entry.get("files"))
        except OSError:
            return False
        old = [(f["name"], f["size"], f["sha256"]) for f in entry.get("files", [])]
        if [(f["name"], f["size"], f["sha256"]) for f in now] != old:
            return False
        entry["files"] = now  # a touched file with the same content: remember the new mtime
        return True

    def record(self, relative: str, files: list[dict], key: str, outputs: list[str],
               pages: int, status: str) -> None:
        self.entries[relative] = {"files": files, "version": __version__, "settings": key,
                                  "outputs": outputs, "pages": pages, "status": status}

    def record_failure(self, relative: str, files: list[dict], key: str, error: str) -> None:
        """An issue that failed as bad input: not tried again while its inputs and the
        settings stay the same (unless asked to)."""
        self.entries[relative] = {"files": files, "version": __version__, "settings": key,
                                  "outputs": [], "pages": 0, "status": "failed",
                                  "error": error}

    def forget(self, relative: str) -> None:
        self.entries.pop(relative, None)

    def save(self) -> None:
        data = {"manifest_version": MANIFEST_VERSION, "tool": "layout", "version": __version__,
                "entries": dict(sorted(self.entries.items()))}
        write_text_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
