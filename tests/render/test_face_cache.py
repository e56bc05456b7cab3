"""ReportLab fonts rebuilt from the face cache equal the fonts ReportLab parses."""

from __future__ import annotations

import pickle

from reportlab.pdfbase.ttfonts import TTFont

from layout.render import face_cache
from layout.render.fonts import BUNDLED_FILES, bundled_font_dir


def _same(cached: TTFont, parsed: TTFont) -> None:
    font, face = dict(vars(cached)), dict(vars(cached.face))
    theirs, their_face = dict(vars(parsed)), dict(vars(parsed.face))
    assert set(font) == set(theirs) and set(face) == set(their_face)
    for values in (font, theirs):
        assert len(values.pop("state")) == 0  # a fresh font: no document's state yet
        values.pop("face")
        values.pop("encoding")
    assert font == theirs
    assert type(cached.encoding) is type(parsed.encoding)
    assert vars(cached.encoding) == vars(parsed.encoding)
    scale, their_scale = face.pop("_pdfScale"), their_face.pop("_pdfScale")
    assert [scale(v) for v in (0, 1, 37, 1000, 2048, -5)] == [
        their_scale(v) for v in (0, 1, 37, 1000, 2048, -5)]
    for key, value in face.items():  # (bytes, tables, name records: all as parsed)
        assert pickle.dumps(value) == pickle.dumps(their_face[key]), key


def test_a_cached_face_is_the_parsed_face_and_is_not_parsed_again(tmp_path, monkeypatch):
    path = bundled_font_dir() / BUNDLED_FILES["head"]
    parsed = TTFont("Head", str(path))
    first = face_cache.reportlab_font("Head", path, 0, tmp_path)  # parses, stores
    _same(first, parsed)
    assert list((tmp_path / "faces").glob("*.pickle"))

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(face_cache, "ReportLabTTFont", no_parse)
    again = face_cache.reportlab_font("Head", path, 0, tmp_path)
    _same(again, parsed)
    assert again.face is not first.face


def test_a_bad_or_unwritable_cache_falls_back_to_parsing(tmp_path):
    path = bundled_font_dir() / BUNDLED_FILES["head"]
    parsed = TTFont("Head", str(path))
    target = face_cache.cache_file(tmp_path, "Head", path, 0)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"not a pickle")
    _same(face_cache.reportlab_font("Head", path, 0, tmp_path), parsed)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    _same(face_cache.reportlab_font("Head", path, 0, blocked), parsed)


def test_the_key_holds_the_name_and_the_file(tmp_path):
    path = bundled_font_dir() / BUNDLED_FILES["head"]
    keys = {face_cache.cache_file(tmp_path, name, p, index) for name, p, index in (
        ("Head", path, 0), ("Other", path, 0), ("Head", path, 1),
        ("Head", bundled_font_dir() / BUNDLED_FILES["body"], 0))}
    assert len(keys) == 4


class _Planted:
    """A pickle that would call os.system when loaded by a plain unpickler."""

    def __reduce__(self):
        import os

        return (os.system, ("touch planted-ran",))


def test_a_planted_cache_file_runs_no_code_and_falls_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = bundled_font_dir() / BUNDLED_FILES["head"]
    parsed = TTFont("Head", str(path))
    target = face_cache.cache_file(tmp_path, "Head", path, 0)
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps({"format": face_cache.FORMAT, "face": _Planted()}))
    _same(face_cache.reportlab_font("Head", path, 0, tmp_path), parsed)
    assert not (tmp_path / "planted-ran").exists()
