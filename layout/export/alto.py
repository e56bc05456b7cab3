"""ALTO 4.4 for one page: blocks, lines and strings on the page's coordinates.

Takes a :class:`Page` (with the issue for context) and the name of the source file;
returns an :class:`AltoPage`: the XML bytes and, per article, the IDs of the ALTO
elements that print each of its parts (what METS points at). The file holds
``Description`` (MeasurementUnit ``inch1200``: model points × 1200/72; the source file;
``Processing`` naming this tool and version), ``Styles`` (one TextStyle per font and
size found), ``Tags`` (one StructureTag per role), ``ReadingOrder`` (one OrderedGroup
per article inside an UnorderedGroup) and ``Layout/Page/PrintSpace`` with TextBlock →
TextLine → String (a CJK run per String, a Latin word per String, ``SP`` between
words), Illustration for figures and ComposedBlock for a photo with its caption.
Pages from text dumps have no geometry: their elements carry no coordinates.
String positions are interpolated along their line from the characters' offsets.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from layout import __version__
from layout.export.content import TAGS, Unit, language_of, page_units
from layout.export.lines import PlacedLine, Token, is_vertical, place
from layout.model import BBox, Issue, Page

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ALTO_SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"
UNIT = "inch1200"
PER_POINT = 1200 / 72  # inch1200 units in one PostScript point

TAG_DESCRIPTIONS = {
    "kicker": "引题", "headline": "主题", "subtitle": "副题", "byline": "署名",
    "dateline": "电头", "subhead": "小标题", "paragraph": "正文段落", "figure": "图片",
    "caption": "图片说明", "credit": "摄影署名",
    "furniture": "版面要素（报头、报眉、版次、责任编辑）",
}

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (clean text has none)."""
    return _XML_INVALID.sub("", text)


@dataclass
class AltoGroup:
    """One reading-order group: an article (or loose blocks / furniture) and its parts."""

    kind: str  # article, blocks, furniture
    article_id: str | None
    parts: list[tuple[str, str]] = field(default_factory=list)  # (role, ALTO element ID)


@dataclass
class AltoPage:
    xml: bytes
    page_id: str
    groups: list[AltoGroup]


def _q(tag: str) -> str:
    return f"{{{ALTO_NS}}}{tag}"


def _u(value: float) -> str:
    return str(round(value * PER_POINT))


def _set_box(el: ET.Element, box: BBox | None) -> None:
    if box is None:
        return
    el.set("HEIGHT", _u(box.height))
    el.set("WIDTH", _u(box.width))
    el.set("HPOS", _u(box.x0))
    el.set("VPOS", _u(box.top))


def _token_box(line: PlacedLine, token: Token) -> BBox | None:
    box = line.bbox
    if box is None:
        return None
    if line.vertical:
        top = box.top + token.start * box.height
        bottom = max(top, box.top + token.end * box.height)
        return BBox(box.x0, top, box.x1, bottom)
    x0 = box.x0 + token.start * box.width
    x1 = max(x0, box.x0 + token.end * box.width)
    return BBox(x0, box.top, x1, box.bottom)


class _PageWriter:
    def __init__(self, issue: Issue, page: Page, source_name: str) -> None:
        self.issue = issue
        self.page = page
        self.source_name = source_name
        self.prefix = f"P{page.number}"
        self.counter = 0
        self.styles: dict[tuple[str, float], str] = {}
        self.page_lang = language_of(self._page_text())

    def _page_text(self) -> str:
        return "".join(u.text for g in page_units(self.page) for u in g.units)

    def next_id(self, kind: str) -> str:
        self.counter += 1
        return f"{self.prefix}_{kind}{self.counter}"

    def style_id(self, font: str | None, size: float | None) -> str | None:
        if font is None or size is None:
            return None
        key = (font, round(size, 1))
        if key not in self.styles:
            self.styles[key] = f"TS_{self.prefix}_{len(self.styles) + 1}"
        return self.styles[key]

    # ---------------------------------------------------------------- blocks

    def text_block(self, unit: Unit, parts: list[tuple[str, str]]) -> ET.Element:
        block_id = self.next_id("TB")
        el = ET.Element(_q("TextBlock"), ID=block_id)
        el.set("TAGREFS", f"TAG_{unit.role}")
        box = unit.block.bbox if unit.block is not None else None
        placed = place(unit.segments, unit.lines)
        if box is None:
            boxes = [p.bbox for p in placed if p.bbox is not None]
            box = BBox.enclosing(boxes) if boxes else None
        _set_box(el, box)
        lang = language_of(unit.text, self.page_lang)
        if lang != self.page_lang:
            el.set("LANG", lang)
        if placed and all(p.vertical for p in placed if p.line is not None) and any(
                is_vertical(p.line) for p in placed):
            el.set("BASEDIRECTION", "ttb")
        for line in placed:
            el.append(self.text_line(line, unit.role))
        parts.append((unit.role, block_id))
        return el

    def text_line(self, line: PlacedLine, role: str) -> ET.Element:
        el = ET.Element(_q("TextLine"))
        model = line.line
        if model is not None:
            style = self.style_id(model.font, model.size)
            if style:
                el.set("STYLEREFS", style)
        _set_box(el, line.bbox)
        if line.vertical:
            el.set("BASEDIRECTION", "ttb")
        for k, token in enumerate(line.tokens):
            if k and token.space_before:
                ET.SubElement(el, _q("SP"))
            string = ET.SubElement(el, _q("String"))
            _set_box(string, _token_box(line, token))
            string.set("CONTENT", xml_text(token.text))
            if token.tag != role:
                string.set("TAGREFS", f"TAG_{token.tag}")
        return el

    def illustration(self, unit: Unit, parts: list[tuple[str, str]]) -> ET.Element:
        ill_id = self.next_id("IL")
        el = ET.Element(_q("Illustration"), ID=ill_id, TYPE="photo", TAGREFS="TAG_figure")
        _set_box(el, unit.block.bbox if unit.block is not None else None)
        parts.append(("figure", ill_id))
        if unit.caption is None and not unit.segments:
            return el
        composed = ET.Element(_q("ComposedBlock"), ID=self.next_id("CB"),
                              TYPE="photo-with-caption")
        boxes = [b for b in (unit.block.bbox if unit.block else None,
                             unit.caption.block.bbox if unit.caption and unit.caption.block
                             else None) if b]
        if boxes:
            _set_box(composed, BBox.enclosing(boxes))
        composed.append(el)
        if unit.segments:  # text on the figure block itself (an edited file)
            text = Unit("figure", unit.segments, unit.lines)
            composed.append(self.text_block(text, parts))
        if unit.caption is not None:
            composed.append(self.text_block(unit.caption, parts))
        return composed

    def element(self, unit: Unit, parts: list[tuple[str, str]]) -> ET.Element:
        if unit.role == "figure":
            return self.illustration(unit, parts)
        return self.text_block(unit, parts)

    # ---------------------------------------------------------------- document

    def build(self) -> AltoPage:
        page = self.page
        groups: list[AltoGroup] = []
        layout_elements: list[ET.Element] = []
        order: list[tuple[str, list[str]]] = []  # (kind, top-level IDs in reading order)
        for group in page_units(page):
            article_id = group.article.id if group.article is not None else None
            ag = AltoGroup(group.kind, article_id)
            refs = []
            for unit in group.units:
                el = self.element(unit, ag.parts)
                layout_elements.append(el)
                refs.append(el.get("ID") or "")
            groups.append(ag)
            order.append((group.kind, refs))

        root = ET.Element(_q("alto"))
        root.set(f"{{{XSI_NS}}}schemaLocation", f"{ALTO_NS} {ALTO_SCHEMA}")
        root.append(self.description())
        if self.styles:
            styles = ET.SubElement(root, _q("Styles"))
            for (font, size), sid in self.styles.items():
                ET.SubElement(styles, _q("TextStyle"), ID=sid, FONTFAMILY=xml_text(font),
                              FONTSIZE=f"{size:g}")
        tags = ET.SubElement(root, _q("Tags"))
        for tag in TAGS:
            ET.SubElement(tags, _q("StructureTag"), ID=f"TAG_{tag}", TYPE="structure",
                          LABEL=tag, DESCRIPTION=TAG_DESCRIPTIONS[tag])
        if any(refs for _, refs in order):
            ro = ET.SubElement(root, _q("ReadingOrder"))
            unordered = ET.SubElement(ro, _q("UnorderedGroup"), ID=f"{self.prefix}_RO")
            for k, (kind, refs) in enumerate(order, start=1):
                if not refs:
                    continue
                og = ET.SubElement(unordered, _q("OrderedGroup"), ID=f"{self.prefix}_OG{k}")
                if kind == "furniture":
                    og.set("TAGREFS", "TAG_furniture")
                for ref in refs:
                    ET.SubElement(og, _q("ElementRef"), ID=self.next_id("ER"), REF=ref)
        layout = ET.SubElement(root, _q("Layout"))
        page_el = ET.SubElement(layout, _q("Page"), ID=self.prefix,
                                PHYSICAL_IMG_NR=str(page.number))
        if page.edition:
            page_el.set("PRINTED_IMG_NR", xml_text(page.edition))
        if page.width is not None and page.height is not None:
            page_el.set("HEIGHT", _u(page.height))
            page_el.set("WIDTH", _u(page.width))
        page_el.set("PROCESSING", "PROC1")
        page_el.set("LANG", self.page_lang)
        space = ET.SubElement(page_el, _q("PrintSpace"))
        if page.width is not None and page.height is not None:
            _set_box(space, BBox(0, 0, page.width, page.height))
        space.extend(layout_elements)
        ET.indent(root, space=" ")
        xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        return AltoPage(xml, self.prefix, groups)

    def description(self) -> ET.Element:
        desc = ET.Element(_q("Description"))
        ET.SubElement(desc, _q("MeasurementUnit")).text = UNIT
        info = ET.SubElement(desc, _q("sourceImageInformation"))
        ET.SubElement(info, _q("fileName")).text = xml_text(self.source_name)
        proc = ET.SubElement(desc, _q("Processing"), ID="PROC1")
        ET.SubElement(proc, _q("processingCategory")).text = "contentGeneration"
        ET.SubElement(proc, _q("processingStepDescription")).text = (
            "layout reconstruction: lines, blocks, roles, articles and reading order "
            "from the page's text and geometry")
        software = ET.SubElement(proc, _q("processingSoftware"))
        ET.SubElement(software, _q("softwareName")).text = "layout"
        ET.SubElement(software, _q("softwareVersion")).text = __version__
        ET.SubElement(software, _q("applicationDescription")).text = (
            "reconstructs the print layout of Chinese newspaper pages")
        return desc


ET.register_namespace("", ALTO_NS)
ET.register_namespace("xsi", XSI_NS)


def page_to_alto(issue: Issue, page: Page, source_name: str) -> AltoPage:
    """The ALTO document of ``page``; ``source_name`` is the page's source file."""
    return _PageWriter(issue, page, source_name).build()
