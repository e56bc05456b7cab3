"""JSON (de)serialization of the document model, schema_version 2.

Takes an :class:`Issue` and returns a plain dict / JSON string, and back.
Loading is strict: unknown keys, unknown roles and wrong types raise
:class:`ModelError` naming the JSON path (``pages[0].articles[2].blocks[5].role``).
Version 1 files (no line geometry) still load, read with version 1's keys and
returned as version 2 (:func:`issue_from_dict`). A page's text may be made in another
process (:func:`page_json`, a worker of ``--jobs``) and handed to this one's writer
(:func:`remember_page_json`): it is written for that very page object while it lives.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import weakref
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any, BinaryIO

from layout.model import jsontext
from layout.model.document import (
    SCHEMA_VERSION,
    Article,
    Block,
    FurnitureKind,
    Issue,
    Line,
    OcrRegion,
    Page,
    Role,
)
from layout.model.geometry import BBox


class ModelError(ValueError):
    """A JSON document does not fit the model; ``path`` says where."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path or '<root>'}: {problem}")
        self.path = path
        self.problem = problem


# ---------------------------------------------------------------- writing


def _bbox_out(box: BBox | None) -> list[float] | None:
    return None if box is None else [round(v, 2) for v in box.as_list()]


def _present(**fields: Any) -> dict[str, Any]:
    """The fields that are set, in order (an unset optional key is left out of the JSON)."""
    return {key: value for key, value in fields.items() if value is not None}


def _rounded(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def line_to_dict(line: Line) -> dict[str, Any]:
    return {"text": line.text, **_present(bbox=_bbox_out(line.bbox), font=line.font,
                                          size=_rounded(line.size, 2))}


def block_to_dict(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"role": block.role.value, **_present(
        kind=None if block.kind is None else block.kind.value, text=block.text,
        credit=block.credit, image=block.image, bbox=_bbox_out(block.bbox))}
    if block.lines:
        out["lines"] = [line_to_dict(ln) for ln in block.lines]
    return out


def article_to_dict(article: Article) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": article.id,
        "kicker": article.kicker,
        "headline": article.headline,
        "subtitle": article.subtitle,
        "bylines": list(article.bylines),
        "dateline": article.dateline,
        "blocks": [block_to_dict(b) for b in article.blocks],
    }
    if article.continuations:
        out["continuations"] = list(article.continuations)
    if article.bbox is not None:
        out["bbox"] = _bbox_out(article.bbox)
    if article.head_blocks:
        out["head_blocks"] = [block_to_dict(b) for b in article.head_blocks]
    return out


def page_to_dict(page: Page) -> dict[str, Any]:
    out: dict[str, Any] = {"number": page.number, "width": page.width, "height": page.height,
                           **_present(edition=page.edition, section=page.section,
                                      ocr_confidence=_rounded(page.ocr_confidence, 4))}
    if page.ocr_regions:
        out["ocr_regions"] = [{"bbox": _bbox_out(r.bbox), "text": r.text,
                               "confidence": _rounded(r.confidence, 4)}
                              for r in page.ocr_regions]
    out["articles"] = [article_to_dict(a) for a in page.articles]
    out["blocks"] = [block_to_dict(b) for b in page.blocks]
    out["furniture"] = [block_to_dict(b) for b in page.furniture]
    return out


def issue_to_dict(issue: Issue) -> dict[str, Any]:
    return {
        "schema_version": issue.schema_version,
        "source": issue.source,
        "title": issue.title,
        "date": issue.date,
        "edition": issue.edition,
        "section": issue.section,
        "pages": [page_to_dict(p) for p in issue.pages],
        **({"skipped": list(issue.skipped)} if issue.skipped else {}),
    }


def issue_to_json(issue: Issue, indent: int | None = 1) -> str:
    if indent is None:
        return json.dumps(issue_to_dict(issue), ensure_ascii=False)
    return jsontext.dumps(issue_to_dict(issue), indent)


PAGE_LEVEL = 2  # the depth of a page in an issue's JSON: issue {} > "pages" [] > page {}
_MADE_ELSEWHERE: dict[int, tuple[weakref.ref[Page], int, str]] = {}  # id(page) -> (the
# page, the indent of its text, the text), an entry dropped when its page is freed


def page_json(page: Page, indent: int = 1) -> str:
    """The text of ``page`` as :func:`write_issue_json` writes it inside an issue."""
    return jsontext.dumps(page_to_dict(page), indent, PAGE_LEVEL)


def remember_page_json(page: Page, text: str, indent: int = 1) -> None:
    """Have :func:`write_issue_json` write ``text`` (``page_json(page, indent)``, made in
    another process) for ``page``, instead of encoding the page again, while it lives."""
    key = id(page)
    _MADE_ELSEWHERE[key] = (weakref.ref(page, lambda _ref: _MADE_ELSEWHERE.pop(key, None)),
                            indent, text)


def _remembered_json(page: Page, indent: int | None) -> str | None:
    entry = _MADE_ELSEWHERE.get(id(page))
    if entry is None or entry[0]() is not page or entry[1] != indent:
        return None
    return entry[2]


class _PagesAsDicts(list):
    """The pages of an issue as dicts, made one at a time while the encoder walks them (a
    ``list`` to the encoder, so the text is the one ``issue_to_dict`` gives); a page whose
    text was made elsewhere (:func:`remember_page_json`) as that text."""

    def __init__(self, pages: tuple[Page, ...], indent: int | None) -> None:
        super().__init__()
        self.pages = pages
        self.indent = indent

    def __len__(self) -> int:
        return len(self.pages)

    def __iter__(self) -> Iterator[dict[str, Any] | jsontext.Encoded]:
        for page in self.pages:
            text = _remembered_json(page, self.indent)
            yield page_to_dict(page) if text is None else jsontext.Encoded(text)


def write_issue_json(issue: Issue, stream: BinaryIO, indent: int | None = 1) -> None:
    """``issue_to_json(issue) + "\n"`` as UTF-8 to ``stream``, written piece by piece: a long
    issue's JSON is never held whole in memory (as text it takes 2-4 bytes a character), nor
    its dicts (one page's at a time)."""
    data = issue_to_dict(dataclasses.replace(issue, pages=()))
    data["pages"] = _PagesAsDicts(issue.pages, indent)
    if indent is None:
        pieces: list[str] = []
        size = 0
        for chunk in json.JSONEncoder(ensure_ascii=False).iterencode(data):
            pieces.append(chunk)
            size += len(chunk)
            if size >= jsontext.FLUSH_CHARS:
                stream.write("".join(pieces).encode("utf-8"))
                pieces.clear()
                size = 0
        stream.write("".join(pieces).encode("utf-8"))
    else:
        jsontext.write(data, lambda text: stream.write(text.encode("utf-8")), indent)
    stream.write(b"\n")


# ---------------------------------------------------------------- reading


class _Reader:
    """Typed access to one JSON object, raising ModelError with its path."""

    def __init__(self, data: Any, path: str, allowed: set[str], required: set[str]) -> None:
        if not isinstance(data, dict):
            raise ModelError(path, f"expected an object, got {type(data).__name__}")
        for key in data:
            if key not in allowed:
                raise ModelError(_join(path, key), "unknown key")
        for key in required:
            if key not in data:
                raise ModelError(_join(path, key), "missing")
        self.data = data
        self.path = path

    def at(self, key: str) -> str:
        return _join(self.path, key)

    def opt_str(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise ModelError(self.at(key), f"expected a string or null, got {value!r}")
        return value

    def req_str(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise ModelError(self.at(key), f"expected a string, got {value!r}")
        return value

    def opt_number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ModelError(self.at(key), f"expected a number or null, got {value!r}")
        return float(value)

    def req_int(self, key: str) -> int:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ModelError(self.at(key), f"expected an integer, got {value!r}")
        return value

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise ModelError(self.at(key), "expected a list of strings")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise ModelError(f"{self.at(key)}[{i}]", f"expected a string, got {item!r}")
        return tuple(value)

    def obj_list(self, key: str) -> list[tuple[Any, str]]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise ModelError(self.at(key), "expected a list")
        return [(item, f"{self.at(key)}[{i}]") for i, item in enumerate(value)]

    def bbox(self, key: str) -> BBox | None:
        value = self.data.get(key)
        if value is None:
            return None
        ok = isinstance(value, list) and len(value) == 4
        ok = ok and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        if not ok:
            raise ModelError(self.at(key), "expected [x0, top, x1, bottom] numbers")
        try:
            return BBox(*(float(v) for v in value))
        except ValueError as exc:
            raise ModelError(self.at(key), str(exc)) from None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_LINE_KEYS = {"text", "bbox", "font", "size"}
_BLOCK_KEYS = {"role", "kind", "text", "credit", "image", "bbox", "lines"}
_ARTICLE_KEYS = {
    "id", "kicker", "headline", "subtitle", "bylines", "dateline", "blocks",
    "continuations", "bbox", "head_blocks",
}
# what schema_version 1 allowed: its files may not carry the version 2 keys
_V1_BLOCK_KEYS = _BLOCK_KEYS - {"lines"}
_V1_ARTICLE_KEYS = _ARTICLE_KEYS - {"head_blocks"}


def line_from_dict(data: Any, path: str) -> Line:
    r = _Reader(data, path, _LINE_KEYS, {"text"})
    font = r.opt_str("font")
    return Line(text=r.req_str("text"), bbox=r.bbox("bbox"),
                font=None if font is None else sys.intern(font),  # one string per face
                size=r.opt_number("size"))
_PAGE_KEYS = {"number", "width", "height", "edition", "section", "articles", "blocks", "furniture",
              "ocr_confidence", "ocr_regions"}
_V1_PAGE_KEYS = _PAGE_KEYS - {"ocr_confidence", "ocr_regions"}
_OCR_REGION_KEYS = {"bbox", "text", "confidence"}
_ISSUE_KEYS = {"schema_version", "source", "title", "date", "edition", "section", "pages",
               "skipped"}


def block_from_dict(data: Any, path: str, keys: set[str] = _BLOCK_KEYS) -> Block:
    r = _Reader(data, path, keys, {"role"})
    role_value = data["role"]
    try:
        role = Role(role_value)
    except ValueError:
        raise ModelError(r.at("role"), f"unknown role {role_value!r}") from None
    kind_value = r.opt_str("kind")
    kind = None
    if kind_value is not None:
        try:
            kind = FurnitureKind(kind_value)
        except ValueError:
            raise ModelError(r.at("kind"), f"unknown furniture kind {kind_value!r}") from None
    return Block(
        role=role,
        text=r.opt_str("text"),
        bbox=r.bbox("bbox"),
        image=r.opt_str("image"),
        credit=r.opt_str("credit"),
        kind=kind,
        lines=tuple(line_from_dict(d, p) for d, p in r.obj_list("lines")),
    )


def article_from_dict(data: Any, path: str, keys: set[str] = _ARTICLE_KEYS,
                      block_keys: set[str] = _BLOCK_KEYS) -> Article:
    r = _Reader(data, path, keys, {"id", "blocks"})
    return Article(
        id=r.req_str("id"),
        headline=r.opt_str("headline"),
        kicker=r.opt_str("kicker"),
        subtitle=r.opt_str("subtitle"),
        bylines=r.str_list("bylines"),
        dateline=r.opt_str("dateline"),
        blocks=tuple(block_from_dict(d, p, block_keys) for d, p in r.obj_list("blocks")),
        bbox=r.bbox("bbox"),
        continuations=r.str_list("continuations"),
        head_blocks=tuple(block_from_dict(d, p) for d, p in r.obj_list("head_blocks")),
    )


def page_from_dict(data: Any, path: str, version: int = SCHEMA_VERSION) -> Page:
    r = _Reader(data, path, _V1_PAGE_KEYS if version == 1 else _PAGE_KEYS, {"number"})
    article_keys, block_keys = ((_V1_ARTICLE_KEYS, _V1_BLOCK_KEYS) if version == 1
                                else (_ARTICLE_KEYS, _BLOCK_KEYS))
    return Page(
        number=r.req_int("number"),
        width=r.opt_number("width"),
        height=r.opt_number("height"),
        articles=tuple(article_from_dict(d, p, article_keys, block_keys)
                       for d, p in r.obj_list("articles")),
        blocks=tuple(block_from_dict(d, p, block_keys) for d, p in r.obj_list("blocks")),
        furniture=tuple(block_from_dict(d, p, block_keys) for d, p in r.obj_list("furniture")),
        edition=r.opt_str("edition"),
        section=r.opt_str("section"),
        ocr_confidence=_confidence(r, "ocr_confidence"),
        ocr_regions=tuple(ocr_region_from_dict(d, p) for d, p in r.obj_list("ocr_regions")),
    )


def ocr_region_from_dict(data: Any, path: str) -> OcrRegion:
    r = _Reader(data, path, _OCR_REGION_KEYS, {"bbox", "text", "confidence"})
    box, confidence = r.bbox("bbox"), _confidence(r, "confidence")
    if box is None or confidence is None:
        raise ModelError(r.at("bbox" if box is None else "confidence"), "expected a value")
    return OcrRegion(bbox=box, text=r.req_str("text"), confidence=confidence)


def _confidence(r: _Reader, key: str) -> float | None:
    value = r.opt_number(key)
    if value is not None and not 0.0 <= value <= 1.0:
        raise ModelError(r.at(key), f"expected a confidence from 0 to 1, got {value!r}")
    return value


SUPPORTED_VERSIONS = (1, SCHEMA_VERSION)


def issue_from_dict(data: Any) -> Issue:
    """A structure dict of any supported version as a current-version :class:`Issue`.

    Version 1 is read with version 1's keys (no ``lines``/``head_blocks``) and comes
    back as version 2 with no line geometry: everything version 1 held is kept.
    """
    r = _Reader(data, "", _ISSUE_KEYS, {"schema_version", "source", "pages"})
    version = r.req_int("schema_version")
    if version not in SUPPORTED_VERSIONS:
        raise ModelError("schema_version", f"unsupported version {version} "
                         f"(this version reads {', '.join(map(str, SUPPORTED_VERSIONS))})")
    return Issue(
        source=r.req_str("source"),
        title=r.opt_str("title"),
        date=r.opt_str("date"),
        edition=r.opt_str("edition"),
        section=r.opt_str("section"),
        pages=tuple(page_from_dict(d, p, version) for d, p in r.obj_list("pages")),
        schema_version=SCHEMA_VERSION,
        skipped=r.str_list("skipped"),
    )


def issue_from_json(text: str) -> Issue:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError("", f"not JSON: {exc}") from None
    return issue_from_dict(data)


@cache
def schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) for schema_version 2."""
    text = resources.files("layout.model").joinpath("schema.json").read_text("utf-8")
    return json.loads(text)
