"""Jump markers (转第2版, （上接第1版）, 转第3版▲) split off the text they are set with.

Takes a paragraph's text; returns the text without the markers that open or close it and
the markers themselves, as printed (brackets and arrows kept), for
``Article.continuations``. A marker stands alone on its line (the whole text), opens the
first paragraph (上接第1版 run into the text below it) or closes the last one, in
brackets or after a sentence end: 「……发展。（下转第3版）」.
"""

from __future__ import annotations

import re

_S = r"[ \t\u3000]*"
_NUM = "0-9０-９〇零一二三四五六七八九十百"
_ARROW = "▲▼△▽◆◇■□►◄"
_MARK = (rf"[{_ARROW}]?{_S}[（(【〔\[]?{_S}(?:下转|上接|转|接|续){_S}第?{_S}"
         rf"[{_NUM}](?:{_S}[{_NUM}])*{_S}"
         rf"(?:版|页)(?:{_S}[（(][^（）()]{{1,8}}[）)])?{_S}[）)】〕\]]?{_S}[{_ARROW}]?")
_WHOLE = re.compile(rf"^{_S}(?P<m>{_MARK}){_S}$")
_OPENING = re.compile(rf"^{_S}(?P<m>{_MARK}){_S}")
_CLOSING = re.compile(rf"(?P<m>{_MARK}){_S}$")
_SET_OFF = _ARROW + "（(【〔[）)】〕]"
_SENTENCE_END = "。！？…”’」』）)"


def _compact(text: str) -> str:
    return re.sub(r"[ \t\u3000]+", "", text)


def split_jump_markers(text: str) -> tuple[str, list[str]]:
    """``text`` without its opening/closing jump markers, and those markers (compacted).

    An opening marker counts only when it is a 上接/接/续 one; a closing marker only when
    bracketed, arrowed or after a sentence end, so prose that mentions 转第 stays prose.
    """
    whole = _WHOLE.match(text)
    if whole:
        return "", [_compact(whole.group("m"))]
    markers: list[str] = []
    opening = _OPENING.match(text)
    if opening and re.search("上接|接第|续", opening.group("m")):
        markers.append(_compact(opening.group("m")))
        text = text[opening.end():]
    closing = _closing(text)
    if closing is not None:
        markers.append(_compact(closing.group("m").strip()))
        text = text[:closing.start()].rstrip()
    return text, markers


def _closing(text: str) -> re.Match[str] | None:
    """The jump marker closing ``text`` after some text: bracketed, arrowed, a 上接 one or
    after a sentence end (prose that mentions 转第 stays prose)."""
    closing = _CLOSING.search(text)
    if closing is None or closing.start() == 0:
        return None
    mark = closing.group("m").strip()
    before = text[:closing.start()].rstrip()
    if (mark[0] in _SET_OFF or mark[-1] in _SET_OFF or "上接" in mark
            or before[-1:] in _SENTENCE_END):
        return closing
    return None


def ends_with_jump(text: str) -> bool:
    """``text`` (a line or a paragraph) ends with a jump marker set after its text:
    「……写照。（转第11版）」 — the story goes on on another page, so its paragraph ends."""
    return _closing(text) is not None
