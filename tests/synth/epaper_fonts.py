"""Faces for the synthetic e-paper generator: discovery, coverage, per-character fallback.

Takes nothing but what is installed: the project's bundled faces (``fonts/*.ttf``) and the
system TrueType CJK collections (Debian packages fonts-arphic-uming, fonts-arphic-ukai,
fonts-wqy-zenhei, fonts-wqy-microhei). Returns :class:`Face` objects registered with
ReportLab, grouped by style ("serif", "sans", "kai"). :func:`faces_for_text` splits a text
into runs of one face each, falling back per character to a face whose cmap covers it, so
that no drawn character is ever missing (a character no face covers raises ``LookupError``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REPO_FONTS = Path(__file__).resolve().parents[2] / "fonts"
SYSTEM_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/local/share/fonts"))

# (file name, subfont index, style, short name). Only TrueType-outline collections.
SYSTEM_CANDIDATES: tuple[tuple[str, int, str, str], ...] = (
    ("arphic/uming.ttc", 0, "serif", "UMingCN"),
    ("arphic/uming.ttc", 1, "serif", "UMingHK"),
    ("arphic/ukai.ttc", 0, "kai", "UKaiCN"),
    ("arphic/ukai.ttc", 2, "kai", "UKaiTW"),
    ("wqy/wqy-zenhei.ttc", 0, "sans", "ZenHei"),
    ("wqy/wqy-zenhei.ttc", 2, "sans", "ZenHeiSharp"),
    ("wqy/wqy-microhei.ttc", 0, "sans", "MicroHei"),
)
STYLES = ("serif", "sans", "kai")


@dataclass(frozen=True)
class Face:
    """One registered ReportLab font: its name, style and the code points it covers."""

    name: str
    style: str
    path: str
    coverage: frozenset[int]

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage


def _style_of_bundled(path: Path) -> str:
    lowered = path.stem.lower()
    if "kai" in lowered:
        return "kai"
    if "sans" in lowered or "hei" in lowered or "gothic" in lowered:
        return "sans"
    return "serif"


def _register(name: str, path: Path, style: str, subfont: int = 0) -> Face | None:
    try:
        font = TTFont(name, str(path), subfontIndex=subfont)
    except Exception:  # not TrueType outlines, damaged, or an unsupported collection
        return None
    pdfmetrics.registerFont(font)
    coverage = frozenset(font.face.charToGlyph)
    if len(coverage) < 3000:  # not a CJK face worth drawing body text with
        return None
    return Face(name, style, str(path), coverage)


@functools.lru_cache(maxsize=1)
def available_faces() -> tuple[Face, ...]:
    """Every usable CJK TrueType face found on this machine, bundled faces first."""
    faces: list[Face] = []
    if REPO_FONTS.is_dir():
        for path in sorted(REPO_FONTS.glob("*.ttf")):
            face = _register(f"Bundled-{path.stem}", path, _style_of_bundled(path))
            if face:
                faces.append(face)
    for relative, subfont, style, short in SYSTEM_CANDIDATES:
        for base in SYSTEM_DIRS:
            path = base / relative
            if path.is_file():
                face = _register(f"Sys-{short}", path, style, subfont)
                if face:
                    faces.append(face)
                break
    return tuple(faces)


def faces_by_style() -> dict[str, list[Face]]:
    """Faces grouped by style; a style with no face of its own borrows every face."""
    faces = available_faces()
    if not faces:
        raise LookupError(
            "no CJK TrueType face found: install fonts-arphic-uming fonts-arphic-ukai "
            "fonts-wqy-zenhei fonts-wqy-microhei, or build fonts/*.ttf")
    grouped = {style: [f for f in faces if f.style == style] for style in STYLES}
    for style in STYLES:
        grouped[style] = grouped[style] or list(faces)
    return grouped


def face_named(name: str) -> Face:
    for face in available_faces():
        if face.name == name:
            return face
    raise LookupError(f"face {name!r} is not available")


def face_for_char(primary: Face, char: str) -> Face:
    """``primary`` when it covers ``char``, else the first installed face that does."""
    if primary.covers(char) or char.isspace():
        return primary
    for face in available_faces():
        if face.covers(char):
            return face
    raise LookupError(f"no installed face covers U+{ord(char):04X} {char!r}")


@functools.lru_cache(maxsize=200_000)
def advance(face_name: str, char: str, size: float) -> float:
    """Advance width of ``char`` in points."""
    return pdfmetrics.stringWidth(char, face_name, size)


def char_faces(primary: Face, text: str) -> list[Face]:
    """The face each character of ``text`` is drawn with (primary, or a covering fallback)."""
    return [face_for_char(primary, c) for c in text]


def text_width(primary: Face, text: str, size: float) -> float:
    return sum(advance(f.name, c, size) for f, c in zip(char_faces(primary, text), text,
                                                        strict=True))


@functools.lru_cache(maxsize=8)
def latin_face(path: str) -> Face | None:
    """A Latin TrueType face (e.g. DejaVu Serif) registered with ReportLab; None if absent."""
    if not Path(path).is_file():
        return None
    name = f"Latin-{Path(path).stem}"
    try:
        font = TTFont(name, path)
    except Exception:
        return None
    pdfmetrics.registerFont(font)
    return Face(name, "latin", path, frozenset(font.face.charToGlyph))
