"""ReportLab TrueType fonts parsed once per font file, not once per run.

Takes a registered name, a font file and its face number; returns a ReportLab ``TTFont``
equal to the one ``TTFont(name, path, subfontIndex=index)`` gives. ReportLab reads a
face's tables (cmap, widths, glyph offsets) with a Python call per 16-bit number: about
60 ms of CPU for each bundled CJK face, a third of a short run. The parsed attributes are
pickled once into the user's cache folder (:func:`layout.render.fonts.cache_dir`, beside
the converted fonts), keyed by the name, the file (path, size, modification time), the face
number and the ReportLab version, and later runs rebuild the font from them and the file's
bytes. What is not pickled is made anew as ReportLab's constructor makes it: the face's
scale from font units to PDF units and the font's empty per-document state. A cache that
cannot be read or written is passed over (the font is parsed as before). A cache file is
unpickled with no globals but the two ReportLab value classes a face holds
(:data:`ALLOWED_CLASSES`), so a file planted in the cache folder cannot run code: one that
names anything else is passed over the same way.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont as ReportLabTTFont
from reportlab.pdfbase.ttfonts import TTFontFace

from layout.fileio import atomic_path

log = logging.getLogger("layout.fonts")

FORMAT = 1  # bump when what is stored changes
_NOT_STORED_FACE = ("_ttf_data", "_pdfScale")  # the file's bytes; a lambda (not picklable)
_NOT_STORED_FONT = ("face", "state")  # the face (stored on its own); a WeakKeyDictionary
ALLOWED_CLASSES = frozenset({("reportlab.pdfbase.ttfonts", "TTEncoding"),
                             ("reportlab.pdfbase.ttfonts", "TTFNameBytes")})


class _FaceUnpickler(pickle.Unpickler):
    """Plain values and :data:`ALLOWED_CLASSES` only: any other global is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a face cache")
        return super().find_class(module, name)


def pdf_scale(units_per_em: int) -> Callable[[float], float]:
    """Font units to PDF glyph space (1000 an em), as ReportLab's ``extractInfo`` makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def cache_file(folder: Path, name: str, path: Path, index: int) -> Path:
    """Where the face ``index`` of ``path``, parsed as ``name``, is kept under ``folder``
    (the name and the path as given are in the key: ReportLab keeps both)."""
    stat = path.stat()
    key = (f"{name}|{path}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{index}|"
           f"{reportlab.Version}")
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return folder / "faces" / f"{digest}-v{FORMAT}.pickle"


def reportlab_font(name: str, path: Path, index: int, folder: Path) -> ReportLabTTFont:
    """``TTFont(name, path, subfontIndex=index)``, from the cache under ``folder`` when the
    face was parsed before (and stored there when it was not)."""
    try:
        target = cache_file(folder, name, path, index)
    except OSError:
        return ReportLabTTFont(name, str(path), subfontIndex=index)
    font = _load(name, path, target)
    if font is not None:
        return font
    font = ReportLabTTFont(name, str(path), subfontIndex=index)
    _store(font, target)
    return font


def _load(name: str, path: Path, target: Path) -> ReportLabTTFont | None:
    try:
        with open(target, "rb") as f:
            stored = _FaceUnpickler(f).load()
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a bad cache file is parsed over, not fatal
        log.debug("font cache %s unreadable (%s): parsing %s", target, exc, path)
        return None
    if not (isinstance(stored, dict) and stored.get("format") == FORMAT
            and stored.get("size") == len(data)):
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(stored["face"])
    face._ttf_data = data  # noqa: SLF001 - as ReportLab's parser keeps it
    face._pdfScale = pdf_scale(face.unitsPerEm)  # noqa: SLF001
    font = ttfonts.TTFont.__new__(ttfonts.TTFont)
    font.__dict__.update(stored["font"])
    font.face, font.state = face, weakref.WeakKeyDictionary()
    return font


def _store(font: ReportLabTTFont, target: Path) -> None:
    """Keep a freshly parsed (not yet used) font's attributes in ``target``."""
    face: Any = font.face
    stored = {"format": FORMAT, "size": len(face._ttf_data),  # noqa: SLF001
              "face": {k: v for k, v in vars(face).items() if k not in _NOT_STORED_FACE},
              "font": {k: v for k, v in vars(font).items() if k not in _NOT_STORED_FONT}}
    try:
        data = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)
        with atomic_path(target) as temp:
            temp.write_bytes(data)
    except Exception as exc:  # noqa: BLE001 - no cache (read-only home...): parse each run
        log.debug("font cache %s not written (%s)", target, exc)
