"""An output written by a forked child while this process goes on: same bytes, same errors."""

from __future__ import annotations

import os
import time

import pytest

from layout.background import written_in_background
from layout.errors import OutputError
from layout.fileio import staged_outputs


def _write_numbers(stream) -> None:
    for k in range(20_000):
        stream.write(f"{k}\n".encode())
    stream.write(f"pid {os.getpid()}\n".encode())


@pytest.mark.parametrize("enabled", [True, False])
def test_the_child_writes_the_bytes_a_serial_write_gives(tmp_path, enabled):
    target = tmp_path / "out.txt"
    with staged_outputs([target]) as (stream,):
        with written_in_background(_write_numbers, stream, enabled=enabled):
            pass
    *numbers, pid = target.read_text().splitlines()
    assert numbers == [str(k) for k in range(20_000)]
    assert (pid != f"pid {os.getpid()}") == enabled  # written by another process, or here


def test_stdout_target_gets_the_childs_bytes(tmp_path, capfdbinary):
    import sys

    with staged_outputs(["-"], sys.stdout.buffer) as (stream,):
        with written_in_background(lambda s: s.write(b"from the child\n"), stream):
            pass
    assert capfdbinary.readouterr().out == b"from the child\n"


def test_an_output_error_in_the_child_is_raised_here_with_its_path(tmp_path):
    def failing(stream) -> None:
        stream.write(b"partial")
        raise OutputError(tmp_path / "out.json", "cannot write: No space left on device")

    with pytest.raises(OutputError) as caught:
        with written_in_background(failing, open(tmp_path / "x", "wb")):
            pass
    assert caught.value.path == str(tmp_path / "out.json")
    assert caught.value.problem == "cannot write: No space left on device"


def test_an_unexpected_error_in_the_child_is_raised_here():
    def broken(stream) -> None:
        raise ValueError("bad data")

    with pytest.raises(RuntimeError, match="ValueError: bad data"):
        with written_in_background(broken, open(os.devnull, "wb")):
            pass


def test_a_failing_block_stops_the_child(tmp_path):
    def slow(stream) -> None:
        time.sleep(60)

    started = time.monotonic()
    with pytest.raises(KeyError):
        with written_in_background(slow, open(tmp_path / "x", "wb")):
            raise KeyError("the build failed")
    assert time.monotonic() - started < 30  # not waited for
