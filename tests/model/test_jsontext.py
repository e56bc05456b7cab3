"""The fast indented JSON text is ``json.dumps``'s, character for character."""

from __future__ import annotations

import enum
import io
import json
import math
from pathlib import Path

import pytest

from layout.model import jsontext


class _Role(str, enum.Enum):
    BODY = "body"


class _Lazy(list):
    """A list whose items are made while it is walked (as the issue writer's pages)."""

    def __init__(self, items: list) -> None:
        super().__init__()
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


VALUES = [
    {}, [], "", 0, -1.5, True, False, None, [[]], [{}], {"a": []}, {"a": {}},
    {"text": "头版\n\t\"引号\" \\ \u2028 \x00 é 😀", "n": 3, "f": 0.1 + 0.2, "big": 1e300,
     "tiny": 5e-324, "neg": -0.0, "nan": math.nan, "inf": math.inf, "ninf": -math.inf,
     "nested": [[1, [2, [3, {"x": (4, 5)}]]], {"k": None}], "role": _Role.BODY,
     "bool": [True, False], "int-like": 10**30},
    {3: "int key", 2.5: "float key", True: "t", False: "f", None: "n"},
    [{"pages": [{"articles": [{"blocks": [{"lines": [{"bbox": [1.25, 2.0, 3.5, 4.0]}]}]}]}]}],
]


@pytest.mark.parametrize("indent", [1, 2, 4])
@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_dumps_is_json_dumps(value: object, indent: int) -> None:
    assert jsontext.dumps(value, indent) == json.dumps(value, ensure_ascii=False,
                                                       indent=indent)


def test_write_in_pieces_gives_the_same_text_and_walks_lazy_lists() -> None:
    pages = [{"page": k, "text": "字" * 5000, "lines": list(range(300))} for k in range(40)]
    value = {"schema_version": 2, "pages": _Lazy(pages), "skipped": []}
    pieces: list[str] = []
    jsontext.write(value, pieces.append)
    assert len(pieces) > 2  # handed on as it goes, not once at the end
    assert "".join(pieces) == json.dumps({**value, "pages": pages}, ensure_ascii=False,
                                         indent=1)
    assert jsontext.dumps({"pages": _Lazy([])}) == json.dumps({"pages": []}, indent=1)


@pytest.mark.parametrize("indent", [1, 3])
def test_a_value_made_beforehand_at_its_depth_is_written_as_is(indent: int) -> None:
    pages = [{"page": k, "text": "字" * 3000, "lines": [[k, {"x": 1.5}]]} for k in range(30)]
    whole = {"schema_version": 2, "pages": pages}
    made = [jsontext.Encoded(jsontext.dumps(page, indent, level=2)) for page in pages]
    pieces: list[str] = []
    jsontext.write({"schema_version": 2, "pages": made}, pieces.append, indent)
    assert "".join(pieces) == json.dumps(whole, ensure_ascii=False, indent=indent)
    assert len(pieces) > 1  # still handed on as it goes


def test_what_json_cannot_write_is_refused_as_by_json() -> None:
    for bad in ({"a": object()}, {(1, 2): "tuple key"}, [b"bytes"]):
        with pytest.raises(TypeError):
            json.dumps(bad, indent=1)
        with pytest.raises(TypeError):
            jsontext.dumps(bad)


def test_an_issue_is_written_as_json_dumps_writes_it() -> None:
    from layout.model import issue_to_dict, issue_to_json, write_issue_json
    from layout.pipeline import read_issue

    sample = Path(__file__).resolve().parents[2] / "examples" / "zhoukou-demo-zone-page.txt"
    issue = read_issue([sample])  # a real analysed page (examples/ is in the repo)
    stream = io.BytesIO()
    write_issue_json(issue, stream)
    expected = json.dumps(issue_to_dict(issue), ensure_ascii=False, indent=1)
    assert stream.getvalue().decode("utf-8") == expected + "\n"
    assert issue_to_json(issue) == expected
    stream = io.BytesIO()
    write_issue_json(issue, stream, indent=None)
    assert stream.getvalue().decode("utf-8") == issue_to_json(issue, None) + "\n"
