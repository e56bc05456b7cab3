"""Discovery: issues at any depth, outputs mirroring the tree, one name per output."""

from pathlib import Path

from layout.batch.discovery import MANIFEST_NAME, find_sources, plan_outputs
from tests.batch.helpers import nested_folder


def _relatives(root: Path, paths) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_issues_at_every_depth(tmp_path):
    root = nested_folder(tmp_path)
    assert _relatives(root, find_sources(root)) == [
        "collide.pdf", "collide.txt", "x/2024-01-15.txt", "x/2024-01-16.txt",
        "x/region/2024-01-17.txt", "x/region/2024-01-18", "x/region/2024-01-19.txt"]


def test_outputs_mirror_the_tree_and_collisions_keep_their_suffix(tmp_path):
    root, out = nested_folder(tmp_path), tmp_path / "out"
    items = plan_outputs(root, find_sources(root), out)
    stems = {item.relative: item.output_stem.relative_to(out).as_posix() for item in items}
    assert stems == {
        "collide.pdf": "collide.pdf", "collide.txt": "collide.txt",
        "x/2024-01-15.txt": "x/2024-01-15", "x/2024-01-16.txt": "x/2024-01-16",
        "x/region/2024-01-17.txt": "x/region/2024-01-17",
        "x/region/2024-01-18": "x/region/2024-01-18",
        "x/region/2024-01-19.txt": "x/region/2024-01-19"}
    pdfs = [item.pdf for item in items]
    assert len(set(pdfs)) == len(pdfs)
    assert out / "collide.pdf.pdf" in pdfs and out / "x" / "2024-01-15.pdf" in pdfs


def test_case_and_reserved_names_and_folder_file_clashes(tmp_path):
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "a" / "01.txt").write_text("x")
    (root / "a.txt").write_text("x")
    (root / "B.txt").write_text("x")
    (root / "b.pdf").write_text("x")
    (root / "batch-report.txt").write_text("x")
    (root / "c.txt").write_text("x")
    items = plan_outputs(root, find_sources(root), tmp_path / "out")
    names = sorted(item.json.name for item in items)
    assert names == ["B.txt.json", "a.json", "a.txt.json", "b.pdf.json",
                     "batch-report.txt.json", "c.json"]
    assert len({n.lower() for n in names}) == len(names)


def test_a_name_still_clashing_gets_a_number(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for name in ("d.txt", "d.pdf", "d.pdf.txt"):
        (root / name).write_text("x")
    items = plan_outputs(root, find_sources(root), tmp_path / "out")
    assert sorted(item.pdf.name for item in items) == ["d.pdf.pdf", "d.pdf~2.pdf", "d.txt.pdf"]


def test_the_output_folder_and_other_batch_outputs_are_never_input(tmp_path):
    root = nested_folder(tmp_path)
    out = root / "x" / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / "2024-02-01.txt").write_text("x")
    old = root / "old-run"
    old.mkdir()
    (old / MANIFEST_NAME).write_text("{}")
    (old / "2024-02-02.txt").write_text("x")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "2024-02-03.txt").write_text("x")
    found = _relatives(root, find_sources(root, out))
    assert not [p for p in found if p.startswith(("x/out", "old-run", ".hidden"))]
    assert len(found) == 7


def test_a_folder_of_dated_files_is_a_folder_of_issues(tmp_path):
    root = tmp_path / "in"
    (root / "paper").mkdir(parents=True)
    (root / "paper" / "2024-01-15.pdf").write_text("x")
    (root / "paper" / "2024-01-16.txt").write_text("x")
    (root / "pages").mkdir()
    (root / "pages" / "第1版.txt").write_text("x")
    (root / "pages" / "第2版.txt").write_text("x")
    assert _relatives(root, find_sources(root)) == [
        "pages", "paper/2024-01-15.pdf", "paper/2024-01-16.txt"]
