"""CLI contract: help with examples for every command, exit codes, one-line errors."""

import subprocess
import sys

import pytest

from layout.cli import COMMANDS, main

PY = sys.executable


def test_module_help_lists_every_command():
    out = subprocess.run([PY, "-m", "layout", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out and f"layout {command}" in out


def test_bad_arguments_exit_1_with_one_line(capsys):
    assert main(["convert", "x.txt"]) == 1  # -o missing
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "required" in err[0]


def test_unknown_command_exits_1(capsys):
    assert main(["frobnicate"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_missing_input_exits_2_naming_the_file(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    out = tmp_path / "out.json"
    assert main(["analyze", str(missing), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_wrong_suffix_exits_2(tmp_path, capsys):
    bad = tmp_path / "page.docx"
    bad.write_bytes(b"PK")
    assert main(["analyze", str(bad), "-o", str(tmp_path / "o.json")]) == 2
    assert "page.docx" in capsys.readouterr().err


def test_bad_page_size_exits_1(tmp_path, capsys):
    page = tmp_path / "p.txt"
    page.write_text("标题\n正文。\n", encoding="utf-8")
    code = main(["convert", str(page), "-o", str(tmp_path / "o.pdf"), "--page-size", "A9"])
    assert code == 1
    assert "page size" in capsys.readouterr().err
    assert not (tmp_path / "o.pdf").exists()
