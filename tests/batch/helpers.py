"""Small batch input folders for the tests: text dumps (fast) at several depths."""

import shutil
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zhoukou-demo-zone-page.txt"

DUMP = """入户大走访 情暖千万家
记者 姬慧洋

　　连日来，示范区各单位纷纷开展入户大走访活动，旨在通过深入每一个社区、每一户家庭，
与群众进行面对面交流，着力解决群众急难愁盼问题。
"""


def dump(seed: int) -> bytes:
    from tests.synth.text_dumps import generate_dump

    return generate_dump(seed, n_pages=1)[0]


def flat_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "2024-01-15.txt")
    (folder / "2024-01-16.txt").write_text(DUMP, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"this is not a pdf")
    (folder / "readme.md").write_text("not an issue")
    return folder


def nested_folder(tmp_path: Path) -> Path:
    """Issues at three depths, two colliding stems, an issue folder, an empty dump."""
    root = tmp_path / "in"
    (root / "x" / "region" / "2024-01-18").mkdir(parents=True)
    (root / "collide.txt").write_bytes(dump(1))
    (root / "collide.pdf").write_bytes(b"%PDF-1.4 truncated")
    (root / "x" / "2024-01-15.txt").write_bytes(dump(2))
    (root / "x" / "2024-01-16.txt").write_bytes(dump(3))
    (root / "x" / "region" / "2024-01-17.txt").write_bytes(dump(4))
    (root / "x" / "region" / "2024-01-18" / "01.txt").write_bytes(dump(5))
    (root / "x" / "region" / "2024-01-18" / "02.txt").write_bytes(dump(6))
    (root / "x" / "region" / "2024-01-19.txt").write_bytes(b"")
    return root


def json_outputs(out: Path) -> dict[str, bytes]:
    """Every structure JSON under ``out`` but the batch's own files, by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))
            if not p.name.startswith("batch-")}
