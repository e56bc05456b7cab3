"""Archive: a failing issue is left out and reported (exit 3), or fails all with --strict."""

import pymupdf
import pytest

from layout.cli import main
from tests.batch.helpers import dump


def _inputs(tmp_path, n: int = 4):
    paths = []
    for i in range(n):
        path = tmp_path / f"2024-04-{i + 1:02d}.txt"
        path.write_bytes(dump(200 + i))
        paths.append(path)
    corrupt = tmp_path / "2024-04-09.pdf"
    corrupt.write_bytes(b"%PDF-1.4 broken")
    paths.insert(2, corrupt)
    return paths, corrupt


def _outline_issues(path) -> int:
    with pymupdf.open(path) as document:
        return sum(1 for level, _, _ in document.get_toc() if level == 1)


def test_archive_leaves_out_a_failing_issue_and_exits_3(tmp_path, capsys):
    paths, corrupt = _inputs(tmp_path)
    out = tmp_path / "archive.pdf"
    assert main(["archive", *map(str, paths), "-o", str(out)]) == 3
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if corrupt.name in line]
    assert len(lines) == 1 and "left out" in lines[0] and "Traceback" not in err
    assert "4 issue(s)" in err
    assert _outline_issues(out) == 4


def test_strict_archive_fails_whole_and_writes_nothing(tmp_path, capsys):
    paths, corrupt = _inputs(tmp_path, 2)
    out = tmp_path / "archive.pdf"
    assert main(["archive", *map(str, paths), "-o", str(out), "--strict"]) == 2
    assert corrupt.name in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_archive_of_nothing_readable_is_bad_input(tmp_path, capsys, strict):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"nope")
    assert main(["archive", str(bad), "-o", str(tmp_path / "a.pdf"), *strict]) == 2
    assert not (tmp_path / "a.pdf").exists()
