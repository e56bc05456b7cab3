#!/usr/bin/env python3
"""Write ``tongyong-guifan-8105.txt``: the 8,105 characters of the 通用规范汉字表 (2013).

Takes a Unihan file holding the ``kTGH`` field (``Unihan_OtherMappings.txt``, plain or
``.bz2``; Debian: ``apt-get install unicode-data`` puts it in ``/usr/share/unicode/``) and
writes the list in table order (kTGH position), 50 characters a line, under a header naming
the source. ``fonts/build.py`` adds these characters to every bundled face, and the tests
check coverage against the committed list, so neither needs Unihan::

    python fonts/tongyong.py /usr/share/unicode/Unihan_OtherMappings.txt.bz2
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIST_FILE = "tongyong-guifan-8105.txt"
EXPECTED = 8105
PER_LINE = 50


def table_characters(unihan_text: str) -> list[str]:
    """The characters with a ``kTGH`` entry (``2013:N``), ordered by their position N."""
    positions = {}
    for line in unihan_text.splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and fields[1] == "kTGH":
            year, _, number = fields[2].partition(":")
            positions[chr(int(fields[0][2:], 16))] = int(number)
    return sorted(positions, key=positions.__getitem__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("unihan", type=Path, help="Unihan_OtherMappings.txt[.bz2]")
    parser.add_argument("--out", type=Path, default=HERE / LIST_FILE)
    args = parser.parse_args(argv)
    raw = args.unihan.read_bytes()
    text = (bz2.decompress(raw) if args.unihan.suffix == ".bz2" else raw).decode("utf-8")
    chars = table_characters(text)
    if len(chars) != EXPECTED:
        parser.error(f"{args.unihan}: {len(chars)} kTGH entries, expected {EXPECTED}")
    version = re.search(r"^# Unicode version: (.+)$", text, re.M)
    date = re.search(r"^# Date: (.+)$", text, re.M)
    header = [
        "# 通用规范汉字表 (Table of General Standard Chinese Characters, 2013): 8,105 characters",
        "# in table order, 50 a line. Lines starting with # are comments.",
        f"# Source: Unihan field kTGH, {args.unihan.name}, Unicode "
        f"{version.group(1) if version else '?'} ({date.group(1) if date else '?'}),",
        "# as shipped by Debian's unicode-data package; sha256 of the file read:",
        f"# {hashlib.sha256(raw).hexdigest()}",
        "# Made by fonts/tongyong.py.",
    ]
    lines = ["".join(chars[i:i + PER_LINE]) for i in range(0, len(chars), PER_LINE)]
    args.out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(chars)} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
