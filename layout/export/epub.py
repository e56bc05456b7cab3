"""EPUB 3 of one or more issues: one XHTML per article, navigation by issue → page → article.

Takes :class:`Issue` objects and :class:`EpubOptions`; writes the EPUB (a zip with
``mimetype`` stored first) to a binary stream. Each issue gets a title page (title,
date, edition); each article one XHTML document (kicker, headline, subtitle, bylines,
the dateline run into the first paragraph, subheads, photos from the figures' data
URIs with their captions and credits); a page's loose blocks and furniture one more
document. The CSS sets Chinese text justified with 2 em indents, ``text-spacing`` /
``text-autospace`` where readers know them, optionally ``writing-mode: vertical-rl``;
with ``embed_fonts`` the bundled faces, cut (fontTools) to the characters used, are
embedded. Package metadata: title, language, date, edition, publisher.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from layout.export.alto import xml_text
from layout.export.content import decode_data_uri, language_of
from layout.export.text import dateline_joint
from layout.model import Article, Block, Issue, Page, Role

IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif",
               "image/webp": "webp"}
WRITING_MODES = ("horizontal", "vertical")


@dataclass(frozen=True)
class EpubOptions:
    writing_mode: str = "horizontal"  # horizontal | vertical (vertical-rl, pages right to left)
    embed_fonts: bool = False
    modified: datetime | None = None  # dcterms:modified; now when None

    def __post_init__(self) -> None:
        if self.writing_mode not in WRITING_MODES:
            raise ValueError(f"writing mode {self.writing_mode!r}: use horizontal or vertical")


@dataclass
class _Doc:
    name: str  # file name inside OEBPS/text
    title: str
    body: str
    lang: str
    text: str  # every character shown (for font subsets)


@dataclass
class _Book:
    docs: list[_Doc] = field(default_factory=list)
    images: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # name -> (type, data)
    nav: list[str] = field(default_factory=list)


def _e(text: str | None) -> str:
    return html.escape(xml_text(text or ""), quote=True)


def _issue_label(issue: Issue) -> str:
    return " ".join(x for x in (issue.title or Path(issue.source).stem, issue.date) if x)


def _page_label(page: Page) -> str:
    first = f"第{page.edition}版" if page.edition else f"第{page.number}页"
    return " · ".join(x for x in (first, page.section) if x)


class _Writer:
    def __init__(self, issues: Sequence[Issue], options: EpubOptions) -> None:
        self.issues = issues
        self.options = options
        self.book = _Book()
        self.lang = language_of("".join(a.headline or "" for i in issues for a in i.articles())
                                or "".join(b.text or "" for i in issues for a in i.articles()
                                           for b in a.blocks))

    # ------------------------------------------------------------- documents

    def image(self, block: Block, stem: str) -> str | None:
        decoded = decode_data_uri(block.image)
        if decoded is None or decoded[0] not in IMAGE_TYPES:
            return None
        media, data = decoded
        name = f"{stem}.{IMAGE_TYPES[media]}"
        self.book.images[name] = (media, data)
        return name

    def blocks_html(self, blocks: Sequence[Block], stem: str,
                    dateline: str | None = None) -> list[str]:
        out: list[str] = []
        k = 0
        while k < len(blocks):
            block = blocks[k]
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            if block.role is Role.FIGURE:
                caption = nxt if nxt is not None and nxt.role in (Role.CAPTION,
                                                                   Role.CREDIT) else None
                out.append(self.figure_html(block, caption, f"{stem}-f{k + 1}"))
                k += 2 if caption is not None else 1
                continue
            if block.role in (Role.CAPTION, Role.CREDIT):
                out.append(f'<p class="caption">{self.caption_html(block)}</p>')
            elif block.role is Role.SUBHEAD:
                out.append(f"<h2>{_e(block.text)}</h2>")
            elif block.role is Role.PARAGRAPH:
                lead = ""
                if dateline:
                    lead = f'<span class="dateline">{_e(dateline)}</span>' + dateline_joint(
                        dateline)
                    dateline = None
                out.append(f"<p>{lead}{_e(block.text)}</p>")
            elif block.text:
                out.append(f'<p class="{block.role.value}">{_e(block.text)}</p>')
            k += 1
        if dateline:
            out.append(f'<p class="dateline">{_e(dateline)}</p>')
        return out

    def caption_html(self, block: Block) -> str:
        parts = []
        if block.text:
            parts.append(_e(block.text))
        if block.credit:
            parts.append(f'<span class="credit">{_e(block.credit)}</span>')
        return " ".join(parts)

    def figure_html(self, figure: Block, caption: Block | None, stem: str) -> str:
        name = self.image(figure, stem)
        alt = (caption.text or caption.credit or "") if caption is not None else ""
        img = f'<img src="../images/{name}" alt="{_e(alt)}"/>' if name else ""
        captions = [self.caption_html(b) for b in (figure, caption) if b is not None]
        captions = [c for c in captions if c]  # a figure's own text (an edited file) first
        cap = f"<figcaption>{' '.join(captions)}</figcaption>" if captions else ""
        if not img and not cap:
            return ""
        return f"<figure>{img}{cap}</figure>"

    def article_doc(self, article: Article, name: str) -> _Doc:
        head = []
        if article.kicker:
            head.append(f'<p class="kicker">{_e(article.kicker)}</p>')
        head.append(f"<h1>{_e(article.headline or '（无题）')}</h1>")
        if article.subtitle:
            head.append(f'<p class="subtitle">{_e(article.subtitle)}</p>')
        for byline in article.bylines:
            head.append(f'<p class="byline">{_e(byline)}</p>')
        body = self.blocks_html(article.blocks, name, article.dateline)
        text = "".join([article.kicker or "", article.headline or "（无题）",
                        article.subtitle or "", *article.bylines, article.dateline or "",
                        *(b.text or "" for b in article.blocks),
                        *(b.credit or "" for b in article.blocks)])
        html_body = (f"<article><header>{''.join(head)}</header>\n"
                     + "\n".join(x for x in body if x) + "\n</article>")
        return _Doc(name, article.headline or "（无题）", html_body,
                    language_of(text, self.lang), text)

    def page_extras_doc(self, page: Page, name: str) -> _Doc | None:
        if not page.blocks and not page.furniture:
            return None
        body = self.blocks_html(page.blocks, name)
        furniture = [f'<p class="furniture">{_e(b.text)}</p>' for b in page.furniture if b.text]
        title = f"{_page_label(page)} 版面信息"
        text = "".join([title, *(b.text or "" for b in (*page.blocks, *page.furniture)),
                        *(b.credit or "" for b in page.blocks)])
        html_body = (f'<section class="page-info"><h1>{_e(title)}</h1>\n'
                     + "\n".join(x for x in [*body, *furniture] if x) + "\n</section>")
        return _Doc(name, title, html_body, self.lang, text)

    def title_doc(self, issue: Issue, name: str) -> _Doc:
        rows = [f"<h1>{_e(issue.title or Path(issue.source).stem)}</h1>"]
        for value in (issue.date, issue.edition and f"第{issue.edition}版", issue.section):
            if value:
                rows.append(f'<p class="meta">{_e(value)}</p>')
        text = "".join(x or "" for x in (issue.title or Path(issue.source).stem, issue.date,
                                         issue.edition and f"第{issue.edition}版", issue.section))
        return _Doc(name, _issue_label(issue), '<section class="title-page">'
                    + "".join(rows) + "</section>", self.lang, text)

    def build(self) -> None:
        nav = self.book.nav
        for n, issue in enumerate(self.issues, start=1):
            title = self.title_doc(issue, f"i{n}-title.xhtml")
            self.book.docs.append(title)
            nav.append(f'<li><a href="text/{title.name}">{_e(_issue_label(issue))}</a>')
            pages = []
            for page in issue.pages:
                items = []
                for k, article in enumerate(page.articles, start=1):
                    doc = self.article_doc(article, f"i{n}-p{page.number}-a{k}.xhtml")
                    self.book.docs.append(doc)
                    items.append(f'<li><a href="text/{doc.name}">{_e(doc.title)}</a></li>')
                extra = self.page_extras_doc(page, f"i{n}-p{page.number}-info.xhtml")
                if extra is not None:
                    self.book.docs.append(extra)
                    items.append(f'<li><a href="text/{extra.name}">版面信息</a></li>')
                if items:
                    pages.append(f"<li><span>{_e(_page_label(page))}</span><ol>"
                                 + "".join(items) + "</ol></li>")
            nav.append(("<ol>" + "".join(pages) + "</ol>" if pages else "") + "</li>")

    # ------------------------------------------------------------- package

    def xhtml(self, title: str, body: str, lang: str, css: str = "../style.css") -> str:
        return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
                '<html xmlns="http://www.w3.org/1999/xhtml" '
                f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">\n'
                f'<head><meta charset="utf-8"/><title>{_e(title)}</title>'
                f'<link rel="stylesheet" type="text/css" href="{css}"/></head>\n'
                f"<body>\n{body}\n</body>\n</html>\n")

    def nav_doc(self) -> str:
        body = ('<nav epub:type="toc" id="toc"><h1>目录</h1><ol>'
                + "".join(self.book.nav) + "</ol></nav>")
        return self.xhtml("目录", body, self.lang, "style.css")

    def identifier(self) -> str:
        digest = hashlib.sha256()
        for issue in self.issues:
            digest.update(f"{issue.source}|{issue.title}|{issue.date}|".encode())
            for article in issue.articles():
                digest.update((article.headline or "").encode())
        return f"urn:uuid:{uuid.UUID(bytes=digest.digest()[:16], version=5)}"

    def opf(self, fonts: dict[str, bytes]) -> str:
        issues = self.issues
        title = " / ".join(_issue_label(i) for i in issues) or "layout"
        modified = (self.options.modified or datetime.now(timezone.utc)).astimezone(
            timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        meta = [f'<dc:identifier id="uid">{self.identifier()}</dc:identifier>',
                f"<dc:title>{_e(title)}</dc:title>",
                f"<dc:language>{self.lang}</dc:language>",
                f'<meta property="dcterms:modified">{modified}</meta>']
        dates = sorted({i.date for i in issues if i.date and re.fullmatch(
            r"\d{4}(-\d{2}(-\d{2})?)?", i.date)})
        if dates:
            meta.append(f"<dc:date>{dates[0]}</dc:date>")
        for publisher in sorted({i.title for i in issues if i.title}):
            meta.append(f"<dc:publisher>{_e(publisher)}</dc:publisher>")
        for issue in issues:
            facts = [x for x in (issue.edition and f"第{issue.edition}版", issue.section) if x]
            if facts:
                meta.append(f"<dc:description>{_e(_issue_label(issue))}："
                            f"{_e(' '.join(facts))}</dc:description>")
        items = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                 'properties="nav"/>', '<item id="css" href="style.css" media-type="text/css"/>']
        for k, doc in enumerate(self.book.docs):
            items.append(f'<item id="d{k}" href="text/{doc.name}" '
                         'media-type="application/xhtml+xml"/>')
        for k, (name, (media, _)) in enumerate(self.book.images.items()):
            items.append(f'<item id="img{k}" href="images/{name}" media-type="{media}"/>')
        for k, name in enumerate(fonts):
            items.append(f'<item id="font{k}" href="fonts/{name}" media-type="font/ttf"/>')
        direction = ' page-progression-direction="rtl"' if self.vertical else ""
        spine = "".join(f'<itemref idref="d{k}"/>' for k in range(len(self.book.docs)))
        return ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
                f'unique-identifier="uid" xml:lang="{self.lang}">\n'
                '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
                + "\n".join(meta) + "\n</metadata>\n<manifest>\n" + "\n".join(items)
                + f"\n</manifest>\n<spine{direction}>{spine}</spine>\n</package>\n")

    @property
    def vertical(self) -> bool:
        return self.options.writing_mode == "vertical"

    def write(self, stream: BinaryIO) -> None:
        self.build()
        fonts = embedded_fonts("".join(d.text for d in self.book.docs)) if (
            self.options.embed_fonts) else {}
        with zipfile.ZipFile(stream, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip",
                       compress_type=zipfile.ZIP_STORED)

            def put(name: str, data: str | bytes) -> None:
                z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)

            put("META-INF/container.xml", CONTAINER)
            put("OEBPS/content.opf", self.opf(fonts))
            put("OEBPS/nav.xhtml", self.nav_doc())
            put("OEBPS/style.css", stylesheet(self.vertical, list(fonts)))
            for doc in self.book.docs:
                put(f"OEBPS/text/{doc.name}", self.xhtml(doc.title, doc.body, doc.lang))
            for name, (_, data) in self.book.images.items():
                put(f"OEBPS/images/{name}", data)
            for name, data in fonts.items():
                put(f"OEBPS/fonts/{name}", data)


CONTAINER = ('<?xml version="1.0" encoding="utf-8"?>\n'
             '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
             '<rootfiles><rootfile full-path="OEBPS/content.opf" '
             'media-type="application/oebps-package+xml"/></rootfiles></container>\n')

CSS = """\
html { line-height: 1.75; }
body { margin: 0 5%; text-align: justify; text-justify: inter-character;
       line-break: strict; -epub-line-break: strict; word-break: normal;
       text-spacing: auto; text-spacing-trim: space-first;
       text-autospace: ideograph-alpha ideograph-numeric; FONT_BODY }
p { margin: 0; text-indent: 2em; }
h1, h2 { text-align: left; line-height: 1.4; FONT_HEAD }
h1 { font-size: 1.6em; margin: 0.6em 0 0.3em; }
h2 { font-size: 1.15em; margin: 0.8em 0 0.3em; }
header { margin-bottom: 1em; }
.kicker, .subtitle, .byline, .meta, .furniture { text-indent: 0; }
.kicker { font-size: 0.95em; margin-top: 1em; }
.subtitle { font-size: 1.05em; margin-bottom: 0.3em; }
.byline, .credit, .caption, figcaption { FONT_KAI }
.byline { font-size: 0.9em; }
.dateline { font-weight: bold; }
figure { margin: 1em 0; text-indent: 0; }
figure img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption, .caption { font-size: 0.9em; text-indent: 0; margin: 0.3em 0 1em; }
.credit { font-size: 0.9em; }
.title-page { text-align: center; margin-top: 30%; }
.title-page p { text-indent: 0; }
.page-info p { text-indent: 0; }
nav ol { list-style: none; }
"""

VERTICAL_CSS = """\
html { writing-mode: vertical-rl; -epub-writing-mode: vertical-rl; }
body { margin: 5% 0; }
figure img { max-height: 90vh; max-width: none; width: auto; }
"""

_FACE_FAMILIES = {"body": "LayoutEpubSerif", "head": "LayoutEpubSans", "kai": "LayoutEpubKai"}


def stylesheet(vertical: bool, font_files: Sequence[str] = ()) -> str:
    """The book's CSS; ``font_files`` are embedded faces named ``<role>.ttf``."""
    css = CSS
    faces = []
    for role, family in _FACE_FAMILIES.items():
        generic = "sans-serif" if role == "head" else "serif"
        if f"{role}.ttf" in font_files:
            faces.append(f'@font-face {{ font-family: "{family}"; '
                         f'src: url("fonts/{role}.ttf"); }}\n')
            value = f'font-family: "{family}", {generic};'
        else:
            value = f"font-family: {generic};" if role != "kai" else ""
        css = css.replace(f"FONT_{role.upper()}", value)
    return "".join(faces) + css + (VERTICAL_CSS if vertical else "")


def embedded_fonts(text: str) -> dict[str, bytes]:
    """The bundled faces (body, head, kai) cut to the characters of ``text``, as TTF."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from layout.render.fonts import BUNDLED_FILES, bundled_font_dir

    chars = {ord(c) for c in text if not c.isspace()} | {0x20, 0x3000}
    out = {}
    for role in ("body", "head", "kai"):
        path = bundled_font_dir() / BUNDLED_FILES[role]
        if not path.is_file():
            continue
        font = TTFont(path)
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]  # keep the copyright and licence records (OFL)
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=chars)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        out[f"{role}.ttf"] = buffer.getvalue()
    return out


def write_epub(issues: Sequence[Issue], stream: BinaryIO,
               options: EpubOptions = EpubOptions()) -> None:
    """Write one EPUB holding every issue of ``issues`` to ``stream``."""
    _Writer(issues, options).write(stream)
