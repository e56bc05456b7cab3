"""Photo captions of text dumps over their credit lines (layout.analysis.text.captions)."""

from __future__ import annotations

from layout.analysis.text.lines import line_info
from layout.analysis.text.partition import partition_lines
from layout.ingest.text import page_lines
from layout.settings import Settings

BODY = ("　　科技是国家强盛之基，金融是\n国家重要的核心竞争力，科技金融\n"
        "是推动科技与金融双向促进的重\n要支撑。\n\n")


def _captions(text: str) -> list[tuple[str | None, str | None]]:
    settings = Settings()
    parts = partition_lines([line_info(line, settings) for line in page_lines(text)])
    return [(c.text, c.credit) for c in parts.captions]


def test_a_bold_caption_wrapped_over_lines_goes_whole_with_its_credit() -> None:
    """A caption set fake bold (doubled) over three lines, its bare credit under it: all
    three lines are its text, not the last alone; a plain line over the bold ones is not."""
    text = (BODY + "图图为为科科技技创创新新作作为为第第一一动动力力，，对对于于提提\n"
            "高高国国家家核核心心竞竞争争力力和和发发展展主主动动权权具具\n有有重重要要支支撑撑作作用用。。\n"
            "本报记者吕庆 摄\n")
    assert _captions(text) == [
        ("图为科技创新作为第一动力，对于提高国家核心竞争力和发展主动权具有重要支撑作用。",
         "本报记者吕庆 摄")]
    plain = text.replace("图图为为科科技技创创新新作作为为第第一一动动力力，，对对于于提提",
                         "图为科技创新作为第一动力，对于提")
    assert _captions(plain) == [
        ("高国家核心竞争力和发展主动权具有重要支撑作用。", "本报记者吕庆 摄")]
