"""Atomic output: a failure leaves neither a partial file nor a temp file."""

import pytest

from layout.fileio import atomic_output, write_text_atomic


def test_success_replaces_target(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    write_text_atomic(target, "新")
    assert target.read_text("utf-8") == "新"
    assert list(tmp_path.iterdir()) == [target]


def test_failure_leaves_nothing(tmp_path):
    target = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write(b"%PDF partial")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_output_follows_the_umask(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "o.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "o.json").stat().st_mode) == 0o644
