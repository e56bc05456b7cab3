"""Hostile inputs against the limits: seconds, peak memory and exit code of each (benchmark).

Generates in a temporary folder the inputs issue 8 found expensive: ten glyphs at font
size 1e11 (alone, and beside a normal line), one 30000 x 30000 photo on a 200-inch page,
a million form feeds around two pages of text, a 10 MB dump of one line; runs each
``layout`` command on them in a fresh process and prints one row per case: exit code,
wall seconds, peak RSS (MB) of that process, and the last line of its stderr.

    nice python benchmarks/safety_limits.py
    nice python benchmarks/safety_limits.py --only photo --keep /tmp/hostile
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pdfbytes import RawPageSpec, build_pdf, huge_font_pdf, image_pdf  # noqa: E402

TIMEOUT = 600.0  # s per case


def make_inputs(folder: Path) -> dict[str, Path]:
    """The hostile files, by name."""
    files = {}
    files["huge-font.pdf"] = folder / "huge-font.pdf"
    files["huge-font.pdf"].write_bytes(huge_font_pdf(1e11, 10))
    line = b"BT /F1 14 Tf 30 250 Td (A line of text on this page) Tj ET\n"
    huge = b"".join(b"BT /F1 100000000000 Tf %d 150 Td (A) Tj ET\n" % (20 + 30 * k)
                    for k in range(10))
    files["huge-font-mixed.pdf"] = folder / "huge-font-mixed.pdf"
    files["huge-font-mixed.pdf"].write_bytes(build_pdf([RawPageSpec(line + huge)]))
    files["photo-30000.pdf"] = folder / "photo-30000.pdf"
    files["photo-30000.pdf"].write_bytes(image_pdf(30000, 14400.0, text=True))
    files["form-feeds.txt"] = folder / "form-feeds.txt"
    files["form-feeds.txt"].write_bytes("第一版 标题\n正文内容。\n".encode() + b"\f" * 1_000_000
                                        + "最后一页。\n".encode())
    rng = random.Random(1)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
    files["line-10mb.txt"] = folder / "line-10mb.txt"
    files["line-10mb.txt"].write_text("".join(rng.choice(han) for _ in range(3_400_000)) + "\n",
                                      encoding="utf-8")
    return files


def cases(files: dict[str, Path], out: Path) -> list[tuple[str, list[str]]]:
    def f(name: str) -> str:
        return str(files[name])

    return [
        ("1e11 pt glyphs: convert", ["convert", f("huge-font.pdf"), "-o", str(out / "a.pdf")]),
        ("1e11 pt glyphs: convert, pdfplumber", ["convert", f("huge-font.pdf"), "-o",
                                                  str(out / "b.pdf"), "--reader", "pdfplumber"]),
        ("1e11 pt glyphs + text: convert", ["convert", f("huge-font-mixed.pdf"), "-o",
                                             str(out / "c.pdf"), "--reader", "pdfplumber"]),
        ("30000x30000 photo: convert", ["convert", f("photo-30000.pdf"), "-o",
                                        str(out / "d.pdf")]),
        ("30000x30000 photo: inspect", ["inspect", f("photo-30000.pdf"), "-o",
                                        str(out / "d.png")]),
        ("a million form feeds: analyze", ["analyze", f("form-feeds.txt"), "-o",
                                           str(out / "e.json")]),
        ("a million form feeds: convert", ["convert", f("form-feeds.txt"), "-o",
                                           str(out / "e.pdf")]),
        ("10 MB line: analyze", ["analyze", f("line-10mb.txt"), "-o", str(out / "f.json")]),
        ("10 MB line: convert", ["convert", f("line-10mb.txt"), "-o", str(out / "f.pdf")]),
    ]


def run_one(argv: list[str]) -> dict[str, object]:
    """Run ``layout argv`` in this process; its exit code, seconds and peak RSS."""
    import contextlib
    import io
    import resource

    from layout.cli import main

    err = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stderr(err):
        code = main(argv)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [ln for ln in err.getvalue().splitlines() if ln.strip()]
    return {"exit": code, "seconds": seconds, "peak_mb": peak_mb,
            "last": lines[-1] if lines else ""}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the cases whose name holds this word")
    parser.add_argument("--keep", type=Path, help="write the inputs and outputs here")
    parser.add_argument("--one", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:  # the child: one case, its figures as JSON on stdout
        print(json.dumps(run_one(args.one)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = make_inputs(folder)
        print(f"{'case':40} {'exit':>4} {'s':>7} {'peak MB':>8}  last stderr line")
        for name, command in cases(files, folder):
            if args.only and args.only not in name:
                continue
            try:
                done = subprocess.run([sys.executable, __file__, "--one", *command],
                                      capture_output=True, text=True, timeout=TIMEOUT)
                row = json.loads(done.stdout.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                row = {"exit": "-", "seconds": TIMEOUT, "peak_mb": float("nan"),
                       "last": f"killed after {TIMEOUT:g} s"}
            except (json.JSONDecodeError, IndexError):
                row = {"exit": done.returncode, "seconds": float("nan"),
                       "peak_mb": float("nan"), "last": done.stderr.strip()[-120:]}
            print(f"{name:40} {row['exit']!s:>4} {row['seconds']:7.2f} {row['peak_mb']:8.0f}  "
                  f"{str(row['last'])[:110]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
