"""Checks shared by the export tests and ``benchmarks/export_formats.py``.

Takes exported files; returns problems. XSD validation (lxml, ``../shared/schemas``) is
``None`` when the schemas are absent; :func:`epubcheck` is ``None`` when the tool is.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

from tests.shared_corpus import shared_path

EPUBCHECK_TIMEOUT_S = 300


@cache
def _schema(name: str):
    folder = shared_path("schemas")
    if folder is None or not (folder / name).is_file():
        return None
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(folder / name)))


def xsd_errors(xml: bytes, kind: str) -> list[str] | None:
    """Schema errors of an ``alto`` or ``mets`` document; None without the schemas."""
    schema = _schema({"alto": "alto-4-4.xsd", "mets": "mets-1-12-1.xsd"}[kind])
    if schema is None:
        return None
    from lxml import etree

    ok = schema.validate(etree.fromstring(xml))
    return [] if ok else [str(e) for e in schema.error_log]


def epubcheck_command() -> list[str] | None:
    """How to run epubcheck here (Debian installs a bare jar as /usr/bin/epubcheck)."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    real = Path(found).resolve()
    if real.suffix == ".jar":
        java = shutil.which("java")
        return [java, "-jar", str(real)] if java else None
    return [found]


def epubcheck(path: Path) -> tuple[int, str] | None:
    """(error count, report) of epubcheck on ``path``; None when epubcheck is absent."""
    command = epubcheck_command()
    if command is None:
        return None
    run = subprocess.run([*command, "-q", str(path)], capture_output=True, text=True,
                         timeout=EPUBCHECK_TIMEOUT_S, check=False)
    report = run.stdout + run.stderr
    errors = sum(1 for line in report.splitlines()
                 if line.startswith(("ERROR", "FATAL")))
    if run.returncode != 0 and errors == 0:
        errors = 1
    return errors, report
