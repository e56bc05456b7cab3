"""Fonts for the renderer: load and register faces, check coverage, fall back per character.

Takes optional user font paths (TTF, OTF, TTC/OTC as ``path.ttc#index``); returns a
:class:`FontSet` naming the ReportLab-registered faces for body, bold body, headlines and kai,
which answers "which face draws this character?". By default the bundled faces of ``fonts/``
(built by ``fonts/build.py``) are used, and they alone decide the output: their coverage is
read from ``fonts/coverage.json`` (written at font build time, no cmap scan per run), and each
one is parsed by ReportLab only when a character is first set in it, once per process (and
rebuilt from :mod:`layout.render.face_cache` after the first run on a machine).
CFF-flavoured user fonts are converted to TrueType with fontTools once and cached under
``$XDG_CACHE_HOME/layout`` (or ``~/.cache/layout``), keyed by the sha256 of the source. System
fonts (found with ``fc-list``) are tried only when asked for (``system_fallback``,
``--system-fonts``). A face "covers" a character only when it maps it to a glyph with an
outline (spaces may be blank). A character that no face covers is kept (drawn with the
preferred face, extracted as itself), recorded in :meth:`FontSet.missing` and warned about
once on ``logging.getLogger("layout.fonts")``. Loading also installs the ToUnicode fix of
:mod:`layout.render.tounicode`.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import os
import shutil
import struct
import sys
import threading
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfmetrics

from layout.errors import FontError
from layout.fileio import atomic_path
from layout.render import tounicode
from layout.render.face_cache import reportlab_font

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# fontTools (and layout.render.fontconvert, built on it) are imported where a user's or a
# system font is read: the bundled faces need neither (coverage.json), so a run with them
# does not pay for the import

log = logging.getLogger("layout.fonts")

FONT_DIR_ENV = "LAYOUT_FONT_DIR"
BUNDLED_FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
# Role -> file built by fonts/build.py; the registered ReportLab name is the file's stem.
BUNDLED_FILES = {
    "body": "LayoutSerifSC-Regular.ttf",
    "body_bold": "LayoutSerifSC-Bold.ttf",
    "head": "LayoutSansSC-Bold.ttf",
    "kai": "LayoutKaiSC-Regular.ttf",
}
# Bump when fontconvert changes its output, so stale cached conversions are not reused.
CONVERSION_VERSION = 1
FC_LIST_TIMEOUT_S = 10.0
COVERAGE_FILE = "coverage.json"  # written by fonts/build.py

_lock = threading.RLock()
_font_set_cache: dict[tuple, FontSet] = {}
_registered_files: dict[tuple[str, int], str] = {}
# ReportLab name -> what it takes to load the face and which code points it draws.
_faces: dict[str, _Face] = {}
_coverage_files: dict[Path, dict] = {}


class RangeCoverage(Container[int]):
    """Code points as sorted inclusive ranges: ``cp in coverage`` by binary search."""

    def __init__(self, ranges: Iterable[Iterable[int]]):
        pairs = sorted((int(lo), int(hi)) for lo, hi in ranges)
        self._starts = [lo for lo, _ in pairs]
        self._ends = [hi for _, hi in pairs]

    def __contains__(self, codepoint: object) -> bool:
        if not isinstance(codepoint, int):
            return False
        i = bisect.bisect_right(self._starts, codepoint) - 1
        return i >= 0 and codepoint <= self._ends[i]


@dataclass
class _Face:
    """A face known by name: where ReportLab loads it from, and what it draws."""

    path: Path
    index: int
    coverage: Container[int]
    loaded: bool = False


def scan_coverage(path: Path, index: int = 0) -> frozenset[int]:
    """The code points the TrueType face ``index`` of ``path`` draws (cmap + outline check)."""
    from fontTools.ttLib import TTFont, TTLibError

    from layout.render import fontconvert

    number = index if _file_kind(path) == b"ttcf" else -1
    try:
        face = TTFont(str(path), fontNumber=number, lazy=True)
        return frozenset(fontconvert.outlined_codepoints(face))
    except (TTLibError, OSError, ValueError, KeyError, IndexError, AssertionError, EOFError,
            struct.error) as exc:
        raise FontError(f"{path}: unreadable font ({exc or type(exc).__name__})") from exc


def bundled_coverage(path: Path) -> Container[int]:
    """Coverage of a bundled face from ``coverage.json`` beside it; a scan of the font when
    that file is absent or was written for another build of the face (size differs)."""
    folder = path.parent
    record = _coverage_files.get(folder)
    if record is None:
        try:
            record = json.loads((folder / COVERAGE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}
        _coverage_files[folder] = record
    for face in record.get("faces", {}).values():
        if face.get("file") == path.name and face.get("bytes") == path.stat().st_size:
            return RangeCoverage(face["ranges"])
    log.info("%s: not in %s (or changed since); scanning its cmap", path, COVERAGE_FILE)
    return scan_coverage(path)


# Where a regular (non-editable) install puts them: see [tool.setuptools.data-files].
INSTALLED_FONT_DIR = Path(sys.prefix) / "share" / "layout" / "fonts"


def bundled_font_dir() -> Path:
    """Folder of the bundled faces: ``$LAYOUT_FONT_DIR`` if set, else ``fonts/`` of the
    source tree (editable installs, checkouts), else ``<prefix>/share/layout/fonts``."""
    override = os.environ.get(FONT_DIR_ENV)
    if override:
        return Path(override)
    if (BUNDLED_FONT_DIR / BUNDLED_FILES["body"]).is_file():
        return BUNDLED_FONT_DIR
    return INSTALLED_FONT_DIR


def cache_dir() -> Path:
    """Where converted user fonts are kept: ``$XDG_CACHE_HOME/layout`` or ``~/.cache/layout``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "layout"


def warn_missing(chars: Iterable[str]) -> None:
    """Log one warning per distinct character, naming it and its code point."""
    for char in dict.fromkeys(chars):
        log.warning("no font has a glyph for %r (U+%04X); it is drawn with the preferred "
                    "face's missing-glyph box", char, ord(char))


def parse_font_spec(spec: str) -> tuple[Path, int | None]:
    """``"path.ttc#2"`` → (path, 2); ``"path.ttf"`` → (path, None). A bad index → FontError."""
    path_part, sep, index_part = spec.rpartition("#")
    if not sep or Path(spec).exists():
        return Path(spec), None
    if not index_part.isdigit():
        raise FontError(f"{spec}: the part after '#' must be a face number (e.g. font.ttc#2)")
    return Path(path_part), int(index_part)


def _file_kind(path: Path) -> bytes:
    try:
        with open(path, "rb") as stream:
            magic = stream.read(4)
    except OSError as exc:
        raise FontError(f"{path}: cannot read font file ({exc.strerror or exc})") from exc
    if magic in (b"ttcf", b"OTTO", b"\x00\x01\x00\x00", b"true"):
        return magic
    raise FontError(f"{path}: not a TrueType/OpenType font or collection (starts {magic!r})")


def _open_face(path: Path, index: int | None, kind: bytes) -> TTFont:
    """The fontTools face at ``index`` of ``path``, checked for range and readable tables."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if kind == b"ttcf":
            count = len(TTCollection(str(path), lazy=True).fonts)
            chosen = 0 if index is None else index
            if not 0 <= chosen < count:
                raise FontError(f"{path}: face #{chosen} does not exist (the collection has "
                                f"{count} faces, #0–#{count - 1})")
            return TTFont(str(path), fontNumber=chosen, lazy=True)
        if index not in (None, 0):
            raise FontError(f"{path}: face #{index} requested, but this is a single font, "
                            "not a collection (.ttc)")
        face = TTFont(str(path), lazy=True)
        face.getBestCmap()
        return face
    except FontError:
        raise
    except (TTLibError, OSError, ValueError, KeyError, IndexError, AssertionError, EOFError,
            struct.error) as exc:
        raise FontError(f"{path}: unreadable font ({exc or type(exc).__name__})") from exc


def _converted_path(path: Path, index: int) -> Path:
    """A cached TrueType conversion of the CFF face ``index`` of ``path`` (made if needed)."""
    from fontTools.ttLib import TTFont

    from layout.render import fontconvert

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    target = cache_dir() / f"{digest}-{index}-v{CONVERSION_VERSION}.ttf"
    if target.exists():
        return target
    log.info("converting CFF font %s#%d to TrueType (cached as %s)", path, index, target)
    try:
        face = TTFont(str(path), fontNumber=index, recalcTimestamp=False)
        fontconvert.subset_font(face, face.getBestCmap().keys())
        fontconvert.cff_to_truetype(face)
        data = fontconvert.font_bytes(face)
    except Exception as exc:  # fontTools raises many kinds on broken outlines
        raise FontError(f"{path}: cannot convert its CFF outlines to TrueType ({exc})") from exc
    with atomic_path(target) as temp:
        temp.write_bytes(data)
    return target


def ensure_loaded(name: str) -> str:
    """Parse and register the face ``name`` with ReportLab if not yet done; return ``name``."""
    face = _faces.get(name)
    if face is None or face.loaded:
        return name
    with _lock:
        if not face.loaded:
            try:
                rl_font = reportlab_font(name, face.path, face.index, cache_dir())
            except Exception as exc:  # ReportLab raises TTFError, struct.error, KeyError...
                raise FontError(f"{face.path}: ReportLab cannot embed this font ({exc})") from exc
            pdfmetrics.registerFont(rl_font)
            face.loaded = True
    return name


def face_file(name: str) -> tuple[Path, int] | None:
    """The file (and face number) the face ``name`` is loaded from, None if unknown."""
    face = _faces.get(name)
    return (face.path, face.index) if face is not None else None


def loaded_faces() -> list[str]:
    """Names of the faces ReportLab has parsed so far in this process."""
    return [name for name, face in _faces.items() if face.loaded]


def declare_bundled_face(path: Path) -> str:
    """Make a bundled face known under its file stem, without parsing it; return the name."""
    key = (str(path.resolve()), 0)
    with _lock:
        if key not in _registered_files:
            name = path.stem
            _faces[name] = _Face(path, 0, bundled_coverage(path))
            _registered_files[key] = name
        return _registered_files[key]


def register_font_file(spec: str | Path, name: str | None = None) -> str:
    """Register a TTF/OTF/TTC face with ReportLab (once per file and face); return its name.

    ``spec`` is a path, optionally ``path.ttc#index``. CFF outlines are converted (cached).
    Any problem raises :class:`FontError` naming the file.
    """
    from layout.render import fontconvert

    path, index = parse_font_spec(str(spec))
    key = (str(path.resolve()), index or 0)
    with _lock:
        if key in _registered_files:
            return _registered_files[key]
        if not path.is_file():
            raise FontError(f"{path}: no such font file")
        kind = _file_kind(path)
        face = _open_face(path, index, kind)
        is_cff = fontconvert.is_cff(face)
        ps_name = face["name"].getDebugName(6) or path.stem
        face.close()
        if is_cff:
            load_path, load_index = _converted_path(path, key[1]), 0
        else:
            load_path, load_index = path, key[1]
        if name is None:
            tag = hashlib.sha256(key[0].encode("utf-8")).hexdigest()[:8]
            safe = "".join(ch for ch in ps_name if ch.isascii() and (ch.isalnum() or ch in "-_"))
            name = f"{safe or 'font'}-{tag}-{key[1]}"
        _faces[name] = _Face(load_path, load_index, scan_coverage(load_path, load_index))
        try:
            ensure_loaded(name)
        except FontError as exc:
            del _faces[name]
            reason = str(exc).partition("cannot embed this font ")[2]
            raise FontError(f"{path}: ReportLab cannot embed this font {reason}") from exc
        _registered_files[key] = name
        return name


def _system_fonts_with(char: str) -> list[tuple[Path, int]]:
    """Font files (and face numbers) that fontconfig says contain ``char``, in path order."""
    import subprocess  # --system-fonts only

    if shutil.which("fc-list") is None:
        return []
    try:
        result = subprocess.run(
            ["fc-list", f":charset={ord(char):x}", "--format", "%{file}\t%{index}\n"],
            capture_output=True, text=True, timeout=FC_LIST_TIMEOUT_S, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in sorted(result.stdout.splitlines()):
        file_name, _, index = line.partition("\t")
        if file_name.lower().endswith((".ttf", ".ttc", ".otf", ".otc")):
            found.append((Path(file_name), int(index) if index.isdigit() else 0))
    return found


@dataclass(frozen=True)
class FontSet:
    """The registered faces of one rendering and per-character fallback among them.

    ``fallbacks`` lists every face tried after the preferred one, body first. With
    ``system_fallback``, faces from ``fc-list`` are tried last (TrueType-outlined ones only:
    converting a system CFF font for one character would be too slow). A face is parsed by
    ReportLab when :meth:`font_for` first chooses it (or :meth:`ensure` is called).
    """

    body: str
    body_bold: str
    head: str
    kai: str
    fallbacks: tuple[str, ...] = ()
    system_fallback: bool = False
    _choice: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _missing: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _system: list = field(default_factory=list, init=False, repr=False, compare=False)

    def covers(self, font_name: str, char: str) -> bool:
        """True when the face ``font_name`` maps ``char`` to a glyph with an outline."""
        face = _faces.get(font_name)
        return face is not None and ord(char) in face.coverage

    def ensure(self, font_name: str) -> str:
        """``font_name``, parsed and registered with ReportLab (for direct ``setFont``)."""
        return ensure_loaded(font_name)

    def font_for(self, char: str, preferred: str) -> str:
        """``preferred`` if it draws ``char``, else the first fallback face that does.

        When no face does, returns ``preferred`` and records (and warns about) the character.
        """
        if len(char) != 1:
            raise ValueError(f"font_for takes one character, got {char!r}")
        key = (char, preferred)
        chosen = self._choice.get(key)
        if chosen is None:
            chosen = ensure_loaded(self._choose(char, preferred))
            self._choice[key] = chosen
        return chosen

    def _choose(self, char: str, preferred: str) -> str:
        for name in (preferred, *self.fallbacks, *self._system):
            if self.covers(name, char):
                return name
        if self.system_fallback:
            with _lock:
                name = self._add_system_font(char)
            if name is not None:
                return name
        if char not in self._missing:
            self._missing[char] = f"U+{ord(char):04X}"
            warn_missing([char])
        return preferred

    def _add_system_font(self, char: str) -> str | None:
        from layout.render import fontconvert

        for path, index in _system_fonts_with(char):
            try:
                kind = _file_kind(path)
                face = _open_face(path, index, kind)
                cff = fontconvert.is_cff(face)
                face.close()
                if cff:
                    continue
                name = register_font_file(f"{path}#{index}" if kind == b"ttcf" else path)
            except FontError as exc:
                log.debug("skipping system font %s: %s", path, exc)
                continue
            if self.covers(name, char):
                if name not in self._system:
                    self._system.append(name)
                    log.info("using system font %s#%d for %r and other missing characters",
                             path, index, char)
                return name
        return None

    def runs(self, text: str, preferred: str) -> list[tuple[str, str]]:
        """Split ``text`` into maximal ``(font_name, substring)`` runs; keeps every character."""
        runs: list[tuple[str, str]] = []
        current_font, start = None, 0
        for i, char in enumerate(text):
            name = self.font_for(char, preferred)
            if name != current_font:
                if current_font is not None:
                    runs.append((current_font, text[start:i]))
                current_font, start = name, i
        if current_font is not None:
            runs.append((current_font, text[start:]))
        return runs

    def note_missing(self, chars: Iterable[str]) -> None:
        """Record ``chars`` as covered by no face (found by another process; not warned)."""
        for char in chars:
            self._missing.setdefault(char, f"U+{ord(char):04X}")

    def missing(self) -> dict[str, str]:
        """Characters no face covers so far → ``"U+XXXX"``."""
        return dict(self._missing)

    def coverage(self, text: str) -> dict[str, str]:
        """Check ``text`` before rendering: the characters of it that no face covers."""
        for char in dict.fromkeys(text):
            self.font_for(char, self.body)
        return {char: code for char, code in self._missing.items() if char in text}


def _bundled_names() -> dict[str, str]:
    folder = bundled_font_dir()
    names = {}
    for role, file_name in BUNDLED_FILES.items():
        path = folder / file_name
        if not path.is_file():
            raise FontError(f"{path}: bundled font missing (build it with fonts/build.py, "
                            "see fonts/README.md)")
        names[role] = declare_bundled_face(path)
    return names


def load_font_set(font_body: str | None = None, font_head: str | None = None,
                  system_fallback: bool = False) -> FontSet:
    """Declare the faces and return the :class:`FontSet` (cached by arguments, per process).

    ``font_body``/``font_head`` replace the bundled serif regular / sans bold; the bundled
    bold serif and kai are kept, and every bundled face stays in the fallback chain. System
    fonts are tried only with ``system_fallback``. Bundled faces are parsed lazily, user
    fonts at once (so that a bad file fails early). Installs the UTF-16 ToUnicode fix.
    Raises FontError naming the file at fault.
    """
    key = (font_body, font_head, system_fallback)
    with _lock:
        cached = _font_set_cache.get(key)
        if cached is not None:
            return cached
        tounicode.install()
        bundled = _bundled_names()
        body = register_font_file(font_body) if font_body else bundled["body"]
        head = register_font_file(font_head) if font_head else bundled["head"]
        body_bold, kai = bundled["body_bold"], bundled["kai"]
        order = [body, bundled["body"], bundled["body_bold"], bundled["kai"], head,
                 bundled["head"]]
        fallbacks = tuple(dict.fromkeys(order))
        pdfmetrics.registerFontFamily(body, normal=body, bold=body_bold, italic=body,
                                      boldItalic=body_bold)
        font_set = FontSet(body=body, body_bold=body_bold, head=head, kai=kai,
                           fallbacks=fallbacks, system_fallback=system_fallback)
        _font_set_cache[key] = font_set
        return font_set
