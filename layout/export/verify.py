"""Structural checks of exported ALTO and METS that need no schema files.

Takes XML bytes; returns lists of problems (empty when sound) and the text an ALTO
page reads through its ReadingOrder. Used by the tests (beside full XSD validation
when ``../shared/schemas`` is there) and by ``benchmarks/export_formats.py``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from layout.export.alto import ALTO_NS
from layout.export.mets import METS_NS, XLINK_NS

_A = f"{{{ALTO_NS}}}"
_M = f"{{{METS_NS}}}"


def _strings(el: ET.Element) -> str:
    return "".join(s.get("CONTENT", "") for s in el.iter(f"{_A}String"))


def alto_reading_text(xml: bytes) -> str:
    """The CONTENT of every String, read through ReadingOrder (groups in order)."""
    root = ET.fromstring(xml)
    by_id = {el.get("ID"): el for el in root.iter() if el.get("ID")}
    order = root.find(f"{_A}ReadingOrder")
    if order is None:
        return ""
    return "".join(_strings(by_id[ref.get("REF", "")])
                   for ref in order.iter(f"{_A}ElementRef") if ref.get("REF") in by_id)


def alto_problems(xml: bytes) -> list[str]:
    """What is structurally wrong with an ALTO page (beyond what the XSD checks)."""
    root = ET.fromstring(xml)
    problems = []
    if root.tag != f"{_A}alto":
        return [f"root is {root.tag}, not ALTO 4 alto"]
    for name in ("Description", "Tags", "Layout"):
        if root.find(f"{_A}{name}") is None:
            problems.append(f"no {name}")
    ids = Counter(el.get("ID") for el in root.iter() if el.get("ID"))
    problems += [f"ID {i} used {n} times" for i, n in ids.items() if n > 1]
    space = root.find(f"{_A}Layout/{_A}Page/{_A}PrintSpace")
    if space is None:
        return [*problems, "no Layout/Page/PrintSpace"]
    top = [el.get("ID") for el in space]
    refs = [r.get("REF") for r in root.iter(f"{_A}ElementRef")]
    if sorted(refs) != sorted(top):
        problems.append("ReadingOrder does not refer to every PrintSpace element exactly once")
    for el in root.iter():
        for attr in ("TAGREFS", "STYLEREFS"):
            for ref in (el.get(attr) or "").split():
                if ref not in ids:
                    problems.append(f"{attr} {ref} names no element")
    if "".join(_strings(el) for el in space) and not alto_reading_text(xml):
        problems.append("ReadingOrder reads no text")
    return problems


def mets_problems(xml: bytes, alto_files: dict[str, bytes]) -> list[str]:
    """What is wrong with a METS issue file; ``alto_files`` maps its ALTO hrefs to bytes."""
    root = ET.fromstring(xml)
    problems = []
    files = {f.get("ID"): f for f in root.iter(f"{_M}file")}
    hrefs = {}
    for fid, f in files.items():
        loc = f.find(f"{_M}FLocat")
        href = loc.get(f"{{{XLINK_NS}}}href", "") if loc is not None else ""
        hrefs[fid] = href
        if href.startswith("/") or "://" in href:
            problems.append(f"file {fid}: path {href} is not relative")
    alto_ids = {}
    for fid, href in hrefs.items():
        if href in alto_files:
            alto = ET.fromstring(alto_files[href])
            alto_ids[fid] = {el.get("ID") for el in alto.iter() if el.get("ID")}
    maps = {m.get("TYPE"): m for m in root.iter(f"{_M}structMap")}
    if set(maps) != {"PHYSICAL", "LOGICAL"}:
        problems.append(f"structMaps {sorted(maps)}, want PHYSICAL and LOGICAL")
    for fptr in root.iter(f"{_M}fptr"):
        if fptr.get("FILEID") and fptr.get("FILEID") not in files:
            problems.append(f"fptr names no file {fptr.get('FILEID')}")
    for area in root.iter(f"{_M}area"):
        fid, begin = area.get("FILEID"), area.get("BEGIN")
        if fid not in alto_ids:
            problems.append(f"area points at {fid}, not an ALTO file given")
        elif area.get("BETYPE") != "IDREF" or begin not in alto_ids[fid]:
            problems.append(f"area {fid}#{begin} names no ALTO element")
    return problems


def logical_articles(xml: bytes) -> list[tuple[str, list[str]]]:
    """(article DMDID label, the ALTO IDs its areas point at) per logical article div."""
    root = ET.fromstring(xml)
    out = []
    for div in root.iter(f"{_M}div"):
        if div.get("TYPE") == "article":
            begins = [a.get("BEGIN", "") for a in div.iter(f"{_M}area")]
            out.append((div.get("ID", ""), begins))
    return out
