"""METS 1.12 for one issue: files, physical pages, logical articles pointing into ALTO.

Takes an :class:`Issue`, its pages' ALTO results (:class:`AltoPage`, whose groups name
the ALTO element of every article part), the relative paths of the page source files
and of the ALTO files; returns the METS XML bytes. The file holds MODS for the issue
(title, date, edition, section, language) and for each article (title, subtitle,
bylines); a fileSec with the page files (``#page=N`` into a PDF) and the ALTO files; a
physical structMap (issue → pages) and a logical one (issue → pages → articles →
kicker/headline/subtitle/byline/body/figure/caption parts) whose ``area`` elements
point at ALTO element IDs (``BETYPE="IDREF"``). Paths are relative to the METS file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from layout import __version__
from layout.export.alto import AltoGroup, AltoPage, xml_text
from layout.export.content import language_of
from layout.model import Article, Issue

METS_NS = "http://www.loc.gov/METS/"
MODS_NS = "http://www.loc.gov/mods/v3"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = (f"{METS_NS} http://www.loc.gov/standards/mets/version1121/mets.xsd "
                    f"{MODS_NS} http://www.loc.gov/standards/mods/v3/mods-3-8.xsd")

# ALTO part roles → the logical div they belong in
PART_DIVS = {
    "kicker": "kicker", "headline": "headline", "subtitle": "subtitle", "byline": "byline",
    "dateline": "body", "paragraph": "body", "subhead": "body", "figure": "illustration",
    "caption": "caption", "credit": "caption", "furniture": "furniture",
}


@dataclass(frozen=True)
class PageFiles:
    """Where one page's files are, relative to the METS file."""

    source: str | None  # the page PDF (``#page=N`` for a page of a longer one) or dump
    source_type: str  # media type of the source
    alto: str


def _m(tag: str) -> str:
    return f"{{{METS_NS}}}{tag}"


def _mods(tag: str) -> str:
    return f"{{{MODS_NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = xml_text(text)
    return el


def _mods_wrap(mets: ET.Element, dmd_id: str) -> ET.Element:
    dmd = _sub(mets, _m("dmdSec"), ID=dmd_id)
    wrap = _sub(dmd, _m("mdWrap"), MDTYPE="MODS")
    data = _sub(wrap, _m("xmlData"))
    return _sub(data, _mods("mods"), version="3.8")


def _issue_mods(mets: ET.Element, issue: Issue) -> None:
    mods = _mods_wrap(mets, "DMD_ISSUE")
    title = _sub(mods, _mods("titleInfo"))
    _sub(title, _mods("title"), issue.title or issue.source)
    _sub(mods, _mods("typeOfResource"), "text")
    _sub(mods, _mods("genre"), "newspaper issue")
    origin = _sub(mods, _mods("originInfo"))
    if issue.date:
        _sub(origin, _mods("dateIssued"), issue.date, encoding="w3cdtf")
    if issue.edition:
        _sub(origin, _mods("edition"), issue.edition)
    _sub(origin, _mods("issuance"), "serial")
    text = "".join(a.headline or "" for a in issue.articles())
    language = _sub(mods, _mods("language"))
    _sub(language, _mods("languageTerm"), language_of(text), type="code", authority="rfc5646")
    if issue.section:
        part = _sub(mods, _mods("part"))
        _sub(_sub(part, _mods("detail"), type="section"), _mods("title"), issue.section)
    _sub(mods, _mods("note"), f"source: {issue.source}")


def _article_mods(mets: ET.Element, dmd_id: str, article: Article) -> None:
    mods = _mods_wrap(mets, dmd_id)
    title = _sub(mods, _mods("titleInfo"))
    _sub(title, _mods("title"), article.headline or "(untitled)")
    if article.subtitle:
        _sub(title, _mods("subTitle"), article.subtitle)
    if article.kicker:
        _sub(_sub(mods, _mods("titleInfo"), type="alternative", displayLabel="kicker"),
             _mods("title"), article.kicker)
    for byline in article.bylines:
        name = _sub(mods, _mods("name"))
        _sub(name, _mods("displayForm"), byline)
        role = _sub(name, _mods("role"))
        _sub(role, _mods("roleTerm"), "byline", type="text")
    _sub(mods, _mods("genre"), "article")
    _sub(mods, _mods("identifier"), article.id, type="local")


def _part_divs(parent: ET.Element, group: AltoGroup, alto_file: str, prefix: str) -> None:
    """Consecutive parts of one kind as one div whose fptr holds their areas in order."""
    runs: list[tuple[str, list[str]]] = []
    for role, element_id in group.parts:
        kind = PART_DIVS.get(role, "body")
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(element_id)
        else:
            runs.append((kind, [element_id]))
    for k, (kind, ids) in enumerate(runs, start=1):
        div = _sub(parent, _m("div"), ID=f"{prefix}_D{k}", TYPE=kind)
        fptr = _sub(div, _m("fptr"))
        holder = fptr if len(ids) == 1 else _sub(fptr, _m("seq"))
        for element_id in ids:
            _sub(holder, _m("area"), FILEID=alto_file, BEGIN=element_id, BETYPE="IDREF")


def issue_to_mets(issue: Issue, altos: Sequence[AltoPage], files: Sequence[PageFiles],
                  object_id: str) -> bytes:
    """The METS document of ``issue``; ``altos`` and ``files`` are per page, in order."""
    mets = ET.Element(_m("mets"), OBJID=xml_text(object_id), TYPE="Newspaper",
                      LABEL=xml_text(" ".join(x for x in (issue.title, issue.date) if x)
                                     or issue.source))
    mets.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATIONS)
    header = _sub(mets, _m("metsHdr"))
    agent = _sub(header, _m("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _sub(agent, _m("name"), f"layout {__version__}")
    _issue_mods(mets, issue)
    dmd_ids: dict[tuple[int, int], str] = {}
    for p, page in enumerate(issue.pages):
        for a, article in enumerate(page.articles):
            dmd_ids[p, a] = f"DMD_P{page.number}_A{a + 1}"
            _article_mods(mets, dmd_ids[p, a], article)

    file_sec = _sub(mets, _m("fileSec"))
    sources = _sub(file_sec, _m("fileGrp"), ID="FG_SOURCE", USE="MASTER")
    alto_grp = _sub(file_sec, _m("fileGrp"), ID="FG_ALTO", USE="ALTO")
    for page, pf in zip(issue.pages, files, strict=True):
        if pf.source is not None:
            f = _sub(sources, _m("file"), ID=f"SRC_P{page.number}", MIMETYPE=pf.source_type)
            _sub(f, _m("FLocat"), LOCTYPE="URL", **{f"{{{XLINK_NS}}}href": pf.source})
        f = _sub(alto_grp, _m("file"), ID=f"ALTO_P{page.number}", MIMETYPE="text/xml")
        _sub(f, _m("FLocat"), LOCTYPE="URL", **{f"{{{XLINK_NS}}}href": pf.alto})
    if not len(sources):
        file_sec.remove(sources)

    physical = _sub(mets, _m("structMap"), TYPE="PHYSICAL")
    phys_issue = _sub(physical, _m("div"), ID="PHYS_ISSUE", TYPE="issue", DMDID="DMD_ISSUE")
    for page, pf in zip(issue.pages, files, strict=True):
        div = _sub(phys_issue, _m("div"), ID=f"PHYS_P{page.number}", TYPE="page",
                   ORDER=str(page.number))
        if page.edition:
            div.set("ORDERLABEL", xml_text(page.edition))
        if pf.source is not None:
            _sub(div, _m("fptr"), FILEID=f"SRC_P{page.number}")
        _sub(div, _m("fptr"), FILEID=f"ALTO_P{page.number}")

    logical = _sub(mets, _m("structMap"), TYPE="LOGICAL")
    log_issue = _sub(logical, _m("div"), ID="LOG_ISSUE", TYPE="issue", DMDID="DMD_ISSUE")
    if issue.title:
        log_issue.set("LABEL", xml_text(issue.title))
    for p, (page, alto) in enumerate(zip(issue.pages, altos, strict=True)):
        page_div = _sub(log_issue, _m("div"), ID=f"LOG_P{page.number}", TYPE="page",
                        ORDER=str(page.number))
        label = " ".join(x for x in (page.edition and f"第{page.edition}版", page.section) if x)
        if label:
            page_div.set("LABEL", xml_text(label))
        alto_file = f"ALTO_P{page.number}"
        articles = iter(enumerate(page.articles))
        for g, group in enumerate(alto.groups, start=1):
            prefix = f"LOG_P{page.number}_G{g}"
            if group.kind == "article":
                a, article = next(articles)
                div = _sub(page_div, _m("div"), ID=f"LOG_P{page.number}_A{a + 1}",
                           TYPE="article", DMDID=dmd_ids[p, a])
                if article.headline:
                    div.set("LABEL", xml_text(article.headline))
                prefix = div.get("ID", prefix)
            else:
                if not group.parts:
                    continue
                div = _sub(page_div, _m("div"), ID=prefix,
                           TYPE="furniture" if group.kind == "furniture" else "other")
            _part_divs(div, group, alto_file, prefix)
    ET.indent(mets, space=" ")
    return ET.tostring(mets, encoding="utf-8", xml_declaration=True)


ET.register_namespace("mets", METS_NS)
ET.register_namespace("mods", MODS_NS)
ET.register_namespace("xlink", XLINK_NS)
ET.register_namespace("xsi", XSI_NS)
