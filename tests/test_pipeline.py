"""Pipeline dispatch helpers: page numbers in file names, issue folders, merging."""

from pathlib import Path

import pytest

from layout.errors import InputError
from layout.model import Article, Issue, Page
from layout.pipeline import (
    IssueMetadata,
    apply_metadata,
    chinese_number,
    date_from_name,
    edition_from_name,
    issue_page_files,
    merge_issues,
    page_number_from_name,
    read_issue,
)
from layout.render.story import page_label


@pytest.mark.parametrize(
    ("name", "number"),
    [("01.pdf", 1), ("rmrb-2024-01-15-03.pdf", 3), ("第3版.pdf", 3), ("第十二版.pdf", 12),
     ("第二十三版.txt", 23), ("封面.pdf", None)],
)
def test_page_number_from_name(name, number):
    assert page_number_from_name(name) == number


def test_chinese_number():
    assert chinese_number("十") == 10
    assert chinese_number("一百零五") is None or chinese_number("一百零五") == 105
    assert chinese_number("一〇") == 10
    assert chinese_number("abc") is None


def test_issue_folder_orders_pages_by_number(tmp_path):
    for name in ("第10版.pdf", "第2版.pdf", "第1版.pdf", "notes.md"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    assert [p.name for p in issue_page_files(tmp_path)] == ["第1版.pdf", "第2版.pdf", "第10版.pdf"]


def test_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no .pdf or .txt"):
        issue_page_files(tmp_path)


def test_merge_renumbers_pages_and_article_ids():
    one = Issue(source="a", title="周口日报", pages=(
        Page(number=1, articles=(Article(id="p1-a1"),)),))
    two = Issue(source="b", date="2024-01-15", pages=(
        Page(number=1, articles=(Article(id="p1-a1"), Article(id="p1-a2"))),))
    merged = merge_issues([one, two], source="a, b")
    assert [p.number for p in merged.pages] == [1, 2]
    assert [a.id for a in merged.articles()] == ["p1-a1", "p2-a1", "p2-a2"]
    assert (merged.title, merged.date) == ("周口日报", "2024-01-15")


def test_metadata_from_the_user_wins():
    issue = Issue(source="a", title="x", date="2020-01-01")
    out = apply_metadata(issue, IssueMetadata(title="周口日报"))
    assert (out.title, out.date) == ("周口日报", "2020-01-01")


def test_structure_json_is_read_back(tmp_path):
    from layout.model import issue_to_json
    from layout.pipeline import read_issue

    issue = Issue(source="a.txt", title="周口日报", pages=(
        Page(number=1, articles=(Article(id="p1-a1", headline="标题"),)),))
    path = tmp_path / "a.json"
    path.write_text(issue_to_json(issue), encoding="utf-8")
    assert read_issue([path]) == issue


def test_bad_structure_json_names_file_and_field(tmp_path):
    from layout.pipeline import read_issue

    path = tmp_path / "bad.json"
    path.write_text('{"schema_version": 1, "source": "x", "pages": [{"number": 1, "x": 2}]}')
    with pytest.raises(InputError, match=r"bad.json: .*pages\[0\]\.x"):
        read_issue([path])


@pytest.mark.parametrize(("name", "edition"), [
    ("第10版.txt", "10"), ("第十二版.pdf", "12"), ("rmrb-03.pdf", "3"), ("zk-10.pdf", "10"),
    ("zk_A10.pdf", "A10"), ("07.txt", "7"), ("rmrb-2024-01-15-04.pdf", "4"),
    ("2024-01-15.txt", None), ("rmrb20240115.pdf", None), ("zhoukou-demo-zone-page.txt", None),
])
def test_edition_from_name(name, edition):
    assert edition_from_name(name) == edition


@pytest.mark.parametrize(("path", "date"), [
    ("/in/2024-01-15/第10版.txt", "2024-01-15"), ("/in/2024-01-15", "2024-01-15"),
    ("/in/rmrb20240115.pdf", "2024-01-15"), ("/in/x/rmrb_2024_01_15_03.pdf", "2024-01-15"),
    ("/in/2024-13-45/a.txt", None), ("/in/20240230.pdf", None), ("/in/x/page.txt", None),
])
def test_date_from_name(path, date):
    assert date_from_name(Path(path)) == date


PAGE_TEXT = "标题文字在这里\n\n正文第一段写在这里，内容足够长。\n"


def test_a_dated_issue_folder_gives_date_and_editions_from_the_names(tmp_path):
    folder = tmp_path / "2024-01-15"
    folder.mkdir()
    for name in ("第1版.txt", "第10版.txt"):
        (folder / name).write_text(PAGE_TEXT, encoding="utf-8")
    issue = read_issue([folder])  # convert, analyze, batch and archive all read through this
    assert issue.date == "2024-01-15"
    assert [page_label(p) for p in issue.pages] == ["第1版", "第10版"]  # not 第2版
    single = read_issue([folder / "第10版.txt"])
    assert single.date == "2024-01-15" and page_label(single.pages[0]) == "第10版"
    dated = read_issue([folder], metadata=IssueMetadata(date="2020-02-02"))
    assert dated.date == "2020-02-02"  # the user's --date still wins
