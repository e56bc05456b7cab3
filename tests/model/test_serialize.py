"""Model ↔ JSON: property round trip, schema validation, strict loading with paths."""

import copy
import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.model import (
    Article,
    BBox,
    Block,
    FurnitureKind,
    Issue,
    Line,
    ModelError,
    Page,
    Role,
    issue_from_dict,
    issue_from_json,
    issue_to_dict,
    issue_to_json,
    schema,
)
from tests.model.versions import as_version_1

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40
)

opt_texts = st.none() | texts
coords = st.floats(min_value=0, max_value=5000, allow_nan=False, allow_infinity=False).map(
    lambda v: round(v, 2)
)


@st.composite
def bboxes(draw):
    x0, x1 = sorted((draw(coords), draw(coords)))
    top, bottom = sorted((draw(coords), draw(coords)))
    return BBox(x0, top, x1, bottom)


sizes = st.none() | st.floats(min_value=1, max_value=200).map(lambda v: round(v, 2))
lines = st.builds(Line, text=texts, bbox=st.none() | bboxes(), font=opt_texts, size=sizes)
blocks = st.builds(
    Block,
    role=st.sampled_from(list(Role)),
    text=opt_texts,
    bbox=st.none() | bboxes(),
    image=st.none() | st.just("data:image/png;base64,iVBORw0KGgo="),
    credit=opt_texts,
    kind=st.none() | st.sampled_from(list(FurnitureKind)),
    lines=st.lists(lines, max_size=3).map(tuple),
)

articles = st.builds(
    Article,
    id=texts,
    headline=opt_texts,
    kicker=opt_texts,
    subtitle=opt_texts,
    bylines=st.lists(texts, max_size=3).map(tuple),
    dateline=opt_texts,
    blocks=st.lists(blocks, max_size=4).map(tuple),
    bbox=st.none() | bboxes(),
    continuations=st.lists(texts, max_size=2).map(tuple),
    head_blocks=st.lists(blocks, max_size=2).map(tuple),
)
pages = st.builds(
    Page,
    number=st.integers(min_value=1, max_value=99),
    width=st.none() | coords,
    height=st.none() | coords,
    articles=st.lists(articles, max_size=3).map(tuple),
    blocks=st.lists(blocks, max_size=2).map(tuple),
    furniture=st.lists(blocks, max_size=2).map(tuple),
    edition=opt_texts,
    section=opt_texts,
)
issues = st.builds(
    Issue,
    source=texts,
    title=opt_texts,
    date=opt_texts,
    edition=opt_texts,
    section=opt_texts,
    pages=st.lists(pages, max_size=3).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(issues)
def test_model_json_model_is_identity(issue):
    text = issue_to_json(issue)
    assert issue_from_json(text) == issue
    jsonschema.validate(json.loads(text), schema())


def _good() -> dict:
    issue = Issue(
        source="page.txt",
        title="周口日报",
        date="2024-01-15",
        pages=(
            Page(
                number=1,
                width=842.0,
                height=1191.0,
                articles=(
                    Article(
                        id="p1-a1",
                        headline="示范区：入户大走访 情暖千万家",
                        bylines=("记者 姬慧洋",),
                        dateline="本报讯",
                        blocks=(
                            Block(Role.PARAGRAPH, "连日来，…", BBox(10, 20, 200, 80)),
                            Block(Role.SUBHEAD, "拓宽思路解难题"),
                            Block(Role.CAPTION, "群众领取蔬菜。", credit="记者 姬慧洋 摄"),
                        ),
                    ),
                    Article(id="p1-a2", headline="另一篇", blocks=(
                        Block(Role.PARAGRAPH, "𠮷野家。"),)),
                ),
                furniture=(Block(Role.FURNITURE, "第3版", kind=FurnitureKind.EDITION),),
            ),
        ),
    )
    return issue_to_dict(issue)


def test_good_json_validates_against_schema():
    jsonschema.validate(_good(), schema())
    assert issue_from_dict(_good()).pages[0].articles[1].blocks[0].text == "𠮷野家。"


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["pages"][0]["articles"][0]["blocks"][2].update(role="sidebar"),
         "pages[0].articles[0].blocks[2].role"),
        (lambda d: d["pages"][0]["articles"][1].update(colour="red"),
         "pages[0].articles[1].colour"),
        (lambda d: d.update(schema_version=3), "schema_version"),
        (lambda d: d["pages"][0].update(number="1"), "pages[0].number"),
        (lambda d: d["pages"][0]["articles"][0]["blocks"][0].update(bbox=[5, 5, 1, 1]),
         "pages[0].articles[0].blocks[0].bbox"),
        (lambda d: d["pages"][0]["articles"][0].update(bylines="记者"),
         "pages[0].articles[0].bylines"),
        (lambda d: d["pages"][0]["furniture"][0].update(kind="banner"),
         "pages[0].furniture[0].kind"),
        (lambda d: d.pop("pages"), "pages"),
    ],
)
def test_bad_json_is_rejected_with_its_path(mutate, path):
    data = copy.deepcopy(_good())
    mutate(data)
    with pytest.raises(ModelError) as info:
        issue_from_dict(data)
    assert info.value.path == path
    assert str(info.value).startswith(path)


def test_schema_rejects_what_the_loader_rejects():
    data = copy.deepcopy(_good())
    data["pages"][0]["articles"][0]["blocks"][0]["role"] = "sidebar"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_not_json_is_a_model_error():
    with pytest.raises(ModelError):
        issue_from_json("{not json")


def test_a_version_1_file_still_loads_as_version_2():
    v1 = as_version_1(_good())
    issue = issue_from_dict(v1)
    assert issue.schema_version == 2
    assert issue_to_dict(issue)["schema_version"] == 2
    again = issue_to_dict(issue)
    again["schema_version"] = 1
    assert again == v1  # nothing a version 1 file held is lost or changed
    jsonschema.validate(issue_to_dict(issue), schema())


def test_version_1_files_may_not_carry_version_2_keys():
    data = as_version_1(_good())
    data["pages"][0]["articles"][0]["blocks"][0]["lines"] = [{"text": "连日来"}]
    with pytest.raises(ModelError) as info:
        issue_from_dict(data)
    assert info.value.path == "pages[0].articles[0].blocks[0].lines"


def test_line_geometry_round_trips_and_validates():
    line = Line("连日来，", BBox(10, 20, 200, 32), font="SimSun", size=10.5)
    data = _good()
    data["pages"][0]["articles"][0]["blocks"][0]["lines"] = [
        {"text": "连日来，", "bbox": [10, 20, 200, 32], "font": "SimSun", "size": 10.5}]
    data["pages"][0]["articles"][0]["head_blocks"] = [
        {"role": "headline", "bbox": [10, 5, 200, 18], "lines": [{"text": "示范区"}]}]
    jsonschema.validate(data, schema())
    issue = issue_from_dict(data)
    article = issue.pages[0].articles[0]
    assert article.blocks[0].lines == (line,)
    assert article.head_blocks[0].lines == (Line("示范区"),)
    assert issue_to_dict(issue) == data
    data["pages"][0]["articles"][0]["blocks"][0]["lines"][0]["size"] = "big"
    with pytest.raises(ModelError) as info:
        issue_from_dict(data)
    assert info.value.path == "pages[0].articles[0].blocks[0].lines[0].size"



@settings(max_examples=50, deadline=None)
@given(issues)
def test_written_json_is_issue_to_json_byte_for_byte(issue):
    import io

    from layout.model import write_issue_json

    out = io.BytesIO()
    write_issue_json(issue, out)
    assert out.getvalue() == (issue_to_json(issue) + "\n").encode("utf-8")


def test_long_issues_are_written_in_pieces():
    import io

    from layout.model import Article, Block, Issue, Page, Role, write_issue_json

    issue = Issue(source="s", pages=tuple(Page(number=n, articles=(Article(
        id=f"p{n}-a1", headline="标题", blocks=(Block(Role.PARAGRAPH, text="正文" * 40000),)),))
        for n in range(1, 6)))

    class Recorder(io.BytesIO):
        writes = 0

        def write(self, data):
            Recorder.writes += 1
            return super().write(data)

    out = Recorder()
    write_issue_json(issue, out)
    assert Recorder.writes > 2 and out.getvalue() == (issue_to_json(issue) + "\n").encode()


@settings(max_examples=50, deadline=None)
@given(issues)
def test_pickled_issues_come_back_equal(issue):
    import pickle

    copy_ = pickle.loads(pickle.dumps(issue, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy_ == issue and type(copy_.pages) is tuple
    assert issue_to_json(copy_) == issue_to_json(issue)


def test_a_bad_box_is_refused_when_unpickled_too():
    import pickle

    bad = object.__new__(BBox)  # made without its check, as a corrupt pickle would hold it
    for name, value in zip(("x0", "top", "x1", "bottom"), (2.0, 0.0, 1.0, 1.0), strict=True):
        object.__setattr__(bad, name, value)
    with pytest.raises(ValueError, match="x0 <= x1"):
        pickle.loads(pickle.dumps(bad))


@settings(max_examples=30, deadline=None)
@given(issues)
def test_a_page_text_made_elsewhere_is_written_for_that_page_only(issue):
    import dataclasses
    import gc
    import io
    import pickle

    from layout.model import write_issue_json
    from layout.model.serialize import _MADE_ELSEWHERE, page_json, remember_page_json

    expected = (issue_to_json(issue) + "\n").encode("utf-8")
    copies = pickle.loads(pickle.dumps(issue.pages))  # as the pages come back from a worker
    for page in copies:
        remember_page_json(page, page_json(page))
    received = dataclasses.replace(issue, pages=copies)
    out = io.BytesIO()
    write_issue_json(received, out)
    assert out.getvalue() == expected
    if copies:  # a page changed after its text was made is encoded afresh
        changed = dataclasses.replace(copies[0], number=copies[0].number + 1)
        out = io.BytesIO()
        write_issue_json(dataclasses.replace(issue, pages=(changed, *copies[1:])), out)
        assert out.getvalue() == (issue_to_json(dataclasses.replace(
            issue, pages=(changed, *issue.pages[1:]))) + "\n").encode("utf-8")
        keys = [id(page) for page in copies]
        del copies, received, page, changed
        gc.collect()
        assert not any(key in _MADE_ELSEWHERE for key in keys)  # freed with their pages


def test_skipped_pages_round_trip_and_validate():
    issue = Issue(source="x.pdf", pages=(Page(number=1),),
                  skipped=("x.pdf: page 2: over the 60 s page budget; skipped",))
    data = issue_to_dict(issue)
    assert data["skipped"] == list(issue.skipped)
    jsonschema.validate(data, schema())
    assert issue_from_json(json.dumps(data)) == issue
    assert "skipped" not in issue_to_dict(Issue(source="x.pdf"))  # only when pages were left out
    with pytest.raises(ModelError, match=r"skipped\[0\]"):
        issue_from_json(json.dumps({**data, "skipped": [3]}))


def test_ocr_confidence_round_trips_and_validates():
    issue = Issue(source="scan.png", pages=(Page(number=1, width=300.0, height=400.0,
                                                 ocr_confidence=0.9713),
                                            Page(number=2)))
    data = issue_to_dict(issue)
    assert data["pages"][0]["ocr_confidence"] == 0.9713
    assert "ocr_confidence" not in data["pages"][1]  # only on pages OCR read
    jsonschema.validate(data, schema())
    assert issue_from_json(json.dumps(data)) == issue
    bad = copy.deepcopy(data)
    bad["pages"][0]["ocr_confidence"] = 1.5
    with pytest.raises(ModelError, match=r"pages\[0\]\.ocr_confidence"):
        issue_from_json(json.dumps(bad))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())
    v1 = {**copy.deepcopy(data), "schema_version": 1}
    with pytest.raises(ModelError, match=r"pages\[0\]\.ocr_confidence: unknown key"):
        issue_from_json(json.dumps(v1))
