"""Issue 8, part A: the CLI never destroys an input, writes all of its outputs or none, and
says what went wrong in one line naming the file, with the documented exit code.

Takes nothing but small inputs made here; runs ``layout.cli.main`` in process (or
``python -m layout`` where a signal, standard output or a device is involved).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from layout.cli import main

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EXAMPLE = ROOT / "examples" / "zhoukou-demo-zone-page.txt"
DUMP = """入户大走访 情暖千万家
记者 姬慧洋

　　连日来，示范区各单位纷纷开展入户大走访活动，旨在通过深入每一个社区、每一户家庭，
与群众进行面对面交流，着力解决群众急难愁盼问题。
"""


def _run(*args: str, stdin=None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([PY, "-m", "layout", *args], capture_output=True, env=env,
                          timeout=timeout, stdin=stdin)


def _one_error_line(err: str, *needles: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "unexpected" not in err, err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(DUMP, encoding="utf-8")
    return path


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _pdf(path: Path, password: str | None = None, pages: int = 1) -> Path:
    from reportlab.lib import pdfencrypt

    encrypt = pdfencrypt.StandardEncryption(password, canPrint=1) if password else None
    c = Canvas(str(path), pagesize=(300, 200), encrypt=encrypt)
    for _ in range(pages):
        c.setFont("Helvetica-Bold", 24)
        c.drawString(20, 160, "Big Headline")
        c.setFont("Helvetica", 10)
        for k in range(4):
            c.drawString(20, 130 - 12 * k, "body text of the article that runs on and on")
        c.showPage()
    c.save()
    return path


# --- outputs never overwrite an input -------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["convert", "{page}", "-o", "{page}"],
    ["analyze", "{page}", "-o", "{page}"],
    ["convert", "{page}", "-o", "{dir}/o.pdf", "--json", "{page}"],
    ["convert", "{page}", "-o", "{dir}/./page.txt"],
    ["convert", "{dir}", "-o", "{page}"],  # a page file of an input folder
    ["archive", "{page}", "-o", "{page}"],
])
def test_an_output_that_is_an_input_is_refused_before_any_work(argv, page, capsys):
    before = _listing(page.parent)
    argv = [a.format(page=page, dir=page.parent) for a in argv]
    assert main(argv) == 1
    _one_error_line(capsys.readouterr().err, str(page.name), "is an input")
    assert _listing(page.parent) == before  # input intact, nothing else written


def test_a_pdf_input_is_not_overwritten(tmp_path, capsys):
    pdf = _pdf(tmp_path / "p.pdf")
    before = pdf.read_bytes()
    assert main(["convert", str(pdf), "-o", str(pdf)]) == 1
    _one_error_line(capsys.readouterr().err, "p.pdf", "is an input")
    assert pdf.read_bytes() == before


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_a_link_to_an_input_is_the_input(link, page, capsys):
    alias = page.parent / "alias.pdf"
    (os.link if link == "hard" else os.symlink)(page, alias)
    assert main(["convert", str(page), "-o", str(alias)]) == 1
    _one_error_line(capsys.readouterr().err, "alias.pdf", "is an input")
    assert page.read_text(encoding="utf-8") == DUMP


def test_the_same_output_twice_is_refused(page, capsys):
    out = page.parent / "x"
    assert main(["convert", str(page), "-o", str(out), "--json", str(out)]) == 1
    _one_error_line(capsys.readouterr().err, "named as two outputs")
    assert main(["convert", str(page), "-o", str(out), "--json", f"{page.parent}/./x"]) == 1
    capsys.readouterr()
    assert not out.exists()


def test_batch_into_its_own_input_folder_never_replaces_an_input(tmp_path, capsys):
    folder = tmp_path / "issues"
    folder.mkdir()
    _pdf(folder / "a.pdf")
    (folder / "b.txt").write_text(DUMP, encoding="utf-8")
    before = _listing(folder)
    assert main(["-q", "batch", str(folder), "-o", str(folder)]) == 1  # a.pdf -> a.pdf
    _one_error_line(capsys.readouterr().err, "a.pdf", "overwrite an input")
    assert _listing(folder) == before
    # an output folder inside the input folder is fine: it is never read as input
    assert main(["-q", "batch", str(folder), "-o", str(folder / "out")]) == 0
    assert main(["-q", "batch", str(folder), "-o", str(folder / "out")]) == 0  # rerun
    assert {k: v for k, v in _listing(folder).items()} == before
    assert sorted(p.name for p in (folder / "out").glob("*.pdf")) == ["a.pdf", "b.pdf"]


# --- standard output --------------------------------------------------------------------

def test_pdf_and_json_to_standard_output(page, tmp_path):
    done = _run("-v", "convert", str(page), "-o", "-", "--json", str(tmp_path / "o.json"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-") and done.stdout.rstrip().endswith(b"%%EOF")
    assert b"INFO" in done.stderr and b"INFO" not in done.stdout  # logs stay on stderr
    assert not (tmp_path / "-").exists()
    done = _run("convert", str(page), "-o", str(tmp_path / "o.pdf"), "--json", "-")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pages"][0]["articles"]
    assert not (tmp_path / "-").exists()


def test_both_outputs_to_standard_output_is_a_usage_error(page, capsys):
    assert main(["convert", str(page), "-o", "-", "--json", "-"]) == 1
    _one_error_line(capsys.readouterr().err, "standard output")


# --- exit 4: an output cannot be written, and then none is left -------------------------

def test_output_names_that_are_folders(page, capsys):
    assert main(["convert", str(page), "-o", f"{page.parent}/out/"]) == 1
    _one_error_line(capsys.readouterr().err, "out/", "is a folder")
    assert not (page.parent / "out").exists()
    assert main(["convert", str(page), "-o", str(page.parent)]) == 1
    _one_error_line(capsys.readouterr().err, "is a folder")


def test_an_output_under_a_file_exits_4(page, capsys):
    assert main(["convert", str(page), "-o", f"{page}/x.pdf"]) == 4
    _one_error_line(capsys.readouterr().err, "x.pdf", "Not a directory")


@pytest.fixture
def read_only_folder(tmp_path):
    """(folder, as_user): a folder the test cannot write to, and a context that makes it so
    (as root, by running as nobody: root may write anywhere)."""
    import contextlib

    import layout.render.pdf  # noqa: F401 - imported before giving up root's read rights

    base = Path(os.path.realpath(tmp_path))
    folder = base / "ro"
    folder.mkdir()
    folder.chmod(0o555)

    @contextlib.contextmanager
    def as_user():
        if os.geteuid() != 0:
            yield
            return
        for p in (base, *base.parents):  # let nobody reach the input
            if p != Path("/"):
                p.chmod(p.stat().st_mode | 0o005)
        os.setegid(65534)
        os.seteuid(65534)
        try:
            yield
        finally:
            os.seteuid(0)
            os.setegid(0)

    yield folder, as_user
    folder.chmod(0o755)


def test_unwritable_output_folder_exits_4_in_one_line(page, read_only_folder, capsys):
    folder, as_user = read_only_folder
    page.chmod(0o644)
    with as_user():
        code = main(["convert", str(page), "-o", str(folder / "x.pdf")])
    assert code == 4
    _one_error_line(capsys.readouterr().err, str(folder / "x.pdf"), "Permission denied")
    assert list(folder.iterdir()) == []


def test_when_the_json_cannot_be_written_no_pdf_is_left(page, read_only_folder, capsys):
    folder, as_user = read_only_folder
    page.chmod(0o644)
    writable = folder.parent / "rw"
    writable.mkdir()
    writable.chmod(0o777)
    out = writable / "o.pdf"
    with as_user():
        code = main(["convert", str(page), "-o", str(out), "--json", str(folder / "o.json")])
    assert code == 4
    _one_error_line(capsys.readouterr().err, "o.json", "Permission denied")
    assert list(writable.iterdir()) == []  # neither the PDF nor its .part


# --- devices and FIFOs are written to, never replaced -----------------------------------

def _char_device(path: Path, like: str) -> Path | None:
    """A private copy of the device node ``like`` (/dev/full) at ``path``, when this process
    may make one (root): a broken build then replaces that copy, not the machine's node."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.stat(like).st_rdev)
    except (OSError, AttributeError):
        return None
    return path


def _devices(tmp_path: Path, name: str) -> list[Path]:
    """The private copy of /dev/NAME first (if it can be made), then /dev/NAME itself; each
    test stops at the first that fails, before it reaches the machine's node."""
    private = _char_device(tmp_path / f"{name}-node", f"/dev/{name}")
    return [p for p in (private, Path(f"/dev/{name}")) if p is not None]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_dev_full_is_written_to_not_replaced(page, tmp_path, capsys):
    for device in _devices(tmp_path, "full"):
        assert main(["convert", str(page), "-o", str(device)]) == 4
        _one_error_line(capsys.readouterr().err, str(device), "No space left on device")
        assert stat.S_ISCHR(os.stat(device).st_mode), device  # still the device, as root too
        assert not [p for p in device.parent.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_disk_full_on_the_json_leaves_no_pdf(page, tmp_path, capsys):
    out = page.parent / "o.pdf"
    for device in _devices(tmp_path, "full"):
        assert main(["convert", str(page), "-o", str(out), "--json", str(device)]) == 4
        _one_error_line(capsys.readouterr().err, str(device), "No space left")
        assert not out.exists() and not [p for p in page.parent.iterdir() if ".part" in p.name]
        assert stat.S_ISCHR(os.stat(device).st_mode), device


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_dev_null_is_written_to_not_replaced(page, tmp_path):
    for device in _devices(tmp_path, "null"):
        assert main(["analyze", str(page), "-o", str(device)]) == 0
        assert stat.S_ISCHR(os.stat(device).st_mode), device
        assert not [p for p in device.parent.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_written_to(page, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["analyze", str(page), "-o", str(fifo)]) == 0
    reader.join(30)
    assert json.loads(got[0])["pages"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


# --- signals ------------------------------------------------------------------------------

def test_sigterm_during_a_run_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "sig.pdf"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([PY, "-m", "layout", "convert", str(EXAMPLE), "-o", str(out)],
                            stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".sig.pdf.*.part")):  # staged: the run has started
        assert proc.poll() is None and time.monotonic() < deadline, "no .part file seen"
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert list(tmp_path.iterdir()) == []
    assert err.decode().strip() == "layout: terminated"


# --- arguments ----------------------------------------------------------------------------

@pytest.mark.parametrize("date", ["yesterday", "2024-13-45", "2024-1-5", "20240115"])
def test_date_must_be_an_iso_date(date, page, capsys):
    assert main(["analyze", str(page), "-o", str(page.parent / "o.json"), "--date", date]) == 1
    _one_error_line(capsys.readouterr().err, "not an ISO date", date)
    assert not (page.parent / "o.json").exists()


def test_a_valid_date_is_used(page):
    out = page.parent / "o.json"
    assert main(["analyze", str(page), "-o", str(out), "--date", "2024-02-29"]) == 0
    assert json.loads(out.read_text("utf-8"))["date"] == "2024-02-29"


@pytest.mark.parametrize("number", ["0", "-1", "one"])
def test_inspect_page_numbers_start_at_1(number, tmp_path, capsys):
    pdf = _pdf(tmp_path / "p.pdf")
    assert main(["inspect", str(pdf), "--page", number, "-o", str(tmp_path / "o.png")]) == 1
    _one_error_line(capsys.readouterr().err, "--page")


@pytest.mark.parametrize("argv", [["-q", "batch"], ["batch", "-q"]])
def test_quiet_before_or_after_the_subcommand(argv, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DUMP, encoding="utf-8")
    out = tmp_path / "out"
    assert main([*argv, str(folder), "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""  # no summary line, no progress bar
    assert (out / "a.pdf").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_before_or_after_the_subcommand(where, page, capsys):
    args = ["convert", str(page), "-o", str(page.parent / "o.pdf")]
    assert main(["-v", *args] if where == "before" else [*args, "-v"]) == 0
    assert "INFO" in capsys.readouterr().err


# --- bad input: one line naming the file --------------------------------------------------

def test_zero_page_pdf_is_bad_input(tmp_path, capsys):
    import pypdfium2 as pdfium

    empty = tmp_path / "empty.pdf"
    pdfium.PdfDocument.new().save(str(empty))
    out = tmp_path / "o.pdf"
    assert main(["convert", str(empty), "-o", str(out)]) == 2  # pdfium will not open it
    _one_error_line(capsys.readouterr().err, "empty.pdf: unreadable PDF")
    assert main(["convert", str(empty), "-o", str(out), "--reader", "pdfplumber"]) == 2
    _one_error_line(capsys.readouterr().err, "empty.pdf: unreadable PDF (no pages)")
    assert not out.exists()


def test_encrypted_pdf_needs_its_password(tmp_path, capsys):
    pdf = _pdf(tmp_path / "locked.pdf", password="s3cret")
    out = tmp_path / "o.json"
    assert main(["analyze", str(pdf), "-o", str(out)]) == 2
    _one_error_line(capsys.readouterr().err, "locked.pdf: encrypted: pass --password")
    assert main(["analyze", str(pdf), "-o", str(out), "--password", "wrong"]) == 2
    _one_error_line(capsys.readouterr().err, "locked.pdf: encrypted: wrong password")
    assert not out.exists()
    assert main(["analyze", str(pdf), "-o", str(out), "--password", "s3cret"]) == 0
    assert "Big Headline" in out.read_text("utf-8")
    assert main(["convert", str(pdf), "-o", str(tmp_path / "o.pdf"),
                 "--password", "s3cret"]) == 0
    assert main(["inspect", str(pdf), "-o", str(tmp_path / "o.png"),
                 "--password", "s3cret"]) == 0
    assert (tmp_path / "o.png").read_bytes().startswith(b"\x89PNG")
    assert main(["inspect", str(pdf), "-o", str(tmp_path / "p.png")]) == 2
    _one_error_line(capsys.readouterr().err, "encrypted: pass --password")


def test_deeply_nested_structure_json(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text('{"schema_version": 1, "pages": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert main(["convert", str(deep), "-o", str(tmp_path / "o.pdf")]) == 2
    _one_error_line(capsys.readouterr().err,
                    f"{deep}: invalid structure JSON: nested too deeply")


def test_invalid_utf8_names_the_file_and_the_byte_offset(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    data = DUMP.encode("utf-8")
    cut = data.index("连日来".encode()) + 3
    bad.write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    out = tmp_path / "o.json"
    assert main(["analyze", str(bad), "-o", str(out)]) == 2
    _one_error_line(capsys.readouterr().err, "bad.txt", f"at byte {cut}", "--encoding")
    assert main(["analyze", str(bad), "-o", str(out), "--encoding-errors", "replace"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "WARNING" in err[0] and "2 undecodable" in err[0]
    assert f"first at byte {cut}" in err[0] and "bad.txt" in err[0]
    assert "示范区各单位" in out.read_text("utf-8")


def test_encoding_can_be_forced(tmp_path, capsys):
    dump = tmp_path / "gbk.txt"
    dump.write_bytes(DUMP.encode("gbk"))
    out = tmp_path / "o.json"
    assert main(["analyze", str(dump), "-o", str(out), "--encoding", "gbk"]) == 0
    assert "示范区各单位" in out.read_text("utf-8")
    assert main(["analyze", str(dump), "-o", str(out), "--encoding", "utf-8"]) == 2
    _one_error_line(capsys.readouterr().err, "gbk.txt", "not valid utf-8", "at byte 0")
    assert main(["analyze", str(dump), "-o", str(out), "--encoding", "klingon"]) == 1
    _one_error_line(capsys.readouterr().err, "--encoding klingon", "unknown encoding")


def test_batch_takes_the_decoding_options(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(DUMP.encode("utf-8").replace("记者".encode(), b"\xff"))
    out = tmp_path / "out"
    assert main(["-q", "batch", str(folder), "-o", str(out)]) == 2
    assert main(["-q", "batch", str(folder), "-o", str(out),
                 "--encoding-errors", "replace"]) == 0


def test_unreachable_dask_scheduler_fails_fast(tmp_path, capsys):
    pytest.importorskip("dask.distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DUMP, encoding="utf-8")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    started = time.monotonic()
    code = main(["-q", "batch", str(folder), "-o", str(tmp_path / "out"),
                 "--executor", "dask", "--scheduler", address])
    elapsed = time.monotonic() - started
    assert code == 1
    _one_error_line(capsys.readouterr().err, f"cannot reach Dask scheduler {address}")
    assert elapsed < 8, elapsed  # 3 s connect timeout, not distributed's 30 s


def test_the_library_never_prints():
    """Only the command line (layout/cli/) writes to the terminal; the library logs or
    raises."""
    import ast

    offenders = []
    for path in (ROOT / "layout").rglob("*.py"):
        if path.parent == ROOT / "layout" / "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{path}:{node.lineno} print()")
            if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") and \
                    getattr(node.value, "id", None) == "sys":
                offenders.append(f"{path}:{node.lineno} sys.{node.attr}")
    assert offenders == []


@pytest.mark.parametrize("command", ["convert", "analyze", "batch", "inspect"])
def test_help_documents_the_exit_codes(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "4 an output cannot be written" in out and "143 terminated" in out


def test_a_password_failure_does_not_make_the_next_broken_pdf_encrypted(tmp_path, capsys):
    """PDFium's last error is process-wide: a zero-page PDF opened right after a locked
    one is still 'unreadable', not 'encrypted'."""
    import pypdfium2 as pdfium

    locked = _pdf(tmp_path / "locked.pdf", password="s3cret")
    empty = tmp_path / "empty.pdf"
    pdfium.PdfDocument.new().save(str(empty))
    out = tmp_path / "o.json"
    assert main(["analyze", str(locked), "-o", str(out)]) == 2
    _one_error_line(capsys.readouterr().err, "locked.pdf: encrypted: pass --password")
    assert main(["analyze", str(empty), "-o", str(out)]) == 2
    _one_error_line(capsys.readouterr().err, "empty.pdf: unreadable PDF")
    assert not out.exists()
