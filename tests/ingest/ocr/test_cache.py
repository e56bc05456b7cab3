"""OCR cache (layout.ingest.ocr.cache): results kept by page image, reused, bounded."""

from __future__ import annotations

import os

from layout.ingest.ocr import cache as ocr_cache


def test_results_are_kept_by_image_and_reused(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return [[[[0, 0], [10, 0], [10, 5], [0, 5]], "新闻", 0.98]]

    key = ocr_cache.image_key(b"\x00\xff" * 50, 10, 10, "L", "engine 1")
    first = ocr_cache.cached(key, compute, 10.0, tmp_path)
    again = ocr_cache.cached(key, compute, 10.0, tmp_path)
    assert first == again and len(calls) == 1
    # other pixels, size or engine: another entry
    assert len({key, ocr_cache.image_key(b"\x00\xfe" * 50, 10, 10, "L", "engine 1"),
                ocr_cache.image_key(b"\x00\xff" * 50, 20, 5, "L", "engine 1"),
                ocr_cache.image_key(b"\x00\xff" * 50, 10, 10, "L", "engine 2")}) == 4


def test_a_broken_entry_is_computed_again(tmp_path):
    key = ocr_cache.image_key(b"x", 1, 1, "L", "e")
    (tmp_path / f"{key}.json").write_text("{not json", "utf-8")
    assert ocr_cache.cached(key, lambda: [1], 10.0, tmp_path) == [1]
    assert ocr_cache.cached(key, lambda: [2], 10.0, tmp_path) == [1]


def test_the_folder_stays_under_its_bound_dropping_the_oldest(tmp_path):
    big = ["x" * 300_000]
    keys = [ocr_cache.image_key(bytes([k]), 1, 1, "L", "e") for k in range(5)]
    for age, key in enumerate(keys):
        ocr_cache.cached(key, lambda: big, 1.0, tmp_path)
        os.utime(tmp_path / f"{key}.json", (1000 + age, 1000 + age))
    left = {p.stem for p in tmp_path.glob("*.json")}
    assert sum(p.stat().st_size for p in tmp_path.glob("*.json")) <= 1024 * 1024
    assert keys[-1] in left and keys[0] not in left


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path))
    assert ocr_cache.cache_dir() == tmp_path / "ocr"
    monkeypatch.delenv("LAYOUT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ocr_cache.cache_dir() == tmp_path / "xdg" / "layout" / "ocr"


def test_an_unwritable_cache_still_gives_the_results(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("", "utf-8")
    assert ocr_cache.cached("k", lambda: [3], 10.0, blocked / "ocr") == [3]
