"""The OCR engine (layout.ingest.ocr.engine): headline boxes widened, models from the
wheel (skips without rapidocr)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from layout.ingest.ocr import engine

HAS_ENGINE = importlib.util.find_spec("rapidocr_onnxruntime") is not None

def test_detected_headlines_are_widened_to_take_in_edge_marks():
    import numpy as np

    body = [[[20, y], [200, y], [200, y + 30], [20, y + 30]] for y in range(100, 400, 40)]
    boxes = np.array([[[100, 10], [300, 10], [300, 70], [100, 70]],
                      [[5, 50], [35, 50], [35, 300], [5, 300]], *body], dtype=np.float32)
    out = engine.pad_boxes(boxes, 310, 0.3)
    assert out[0, 0, 0] == pytest.approx(82) and out[0, 1, 0] == pytest.approx(309)
    assert (out[1:] == boxes[1:]).all()  # standing on end, body lines: left alone
    assert boxes[0, 0, 0] == 100  # the engine's array untouched


def test_the_engine_loads_offline_from_the_wheel():
    if not HAS_ENGINE:
        pytest.skip("rapidocr-onnxruntime (layout[ocr]) not installed")
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    assert sorted(p.suffix for p in models.iterdir() if p.suffix == ".onnx")  # in the wheel
    assert engine.ocr_available()


def test_ocr_stops_at_the_page_budget():
    """A page whose budget has run out is not OCR'd on: the first model call raises."""
    if not HAS_ENGINE:
        pytest.skip("rapidocr-onnxruntime (layout[ocr]) not installed")
    from PIL import Image, ImageDraw

    from layout.budget import page_budget
    from layout.errors import BudgetExceeded
    from layout.settings import DEFAULT_SETTINGS

    image = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(image).rectangle((40, 40, 360, 80), fill=0)
    settings = DEFAULT_SETTINGS.with_overrides(ocr={"cache": False})
    with page_budget(-1.0), pytest.raises(BudgetExceeded):
        engine.recognise(image, settings)
    with page_budget(-1.0), pytest.raises(BudgetExceeded):
        engine.read_line(image, settings)
    engine.recognise(image, settings)  # outside a budget: reads as before


def test_a_model_run_past_the_page_budget_is_cancelled():
    """Detection over a large page is one native call: it is cancelled mid-run."""
    if not HAS_ENGINE:
        pytest.skip("rapidocr-onnxruntime (layout[ocr]) not installed")
    import time

    from PIL import Image, ImageDraw

    from layout.budget import page_budget
    from layout.errors import BudgetExceeded
    from layout.settings import DEFAULT_SETTINGS

    image = Image.new("L", (3600, 3600), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 3560, 40):
        draw.rectangle((40, y, 3560, y + 20), fill=0)
    settings = DEFAULT_SETTINGS.with_overrides(ocr={"cache": False})
    engine.load_engine(settings.ocr.threads)
    started = time.thread_time()
    with page_budget(2.0), pytest.raises(BudgetExceeded):  # past the preparation, in the run
        engine.recognise(image, settings)
    assert time.thread_time() - started < 5.0  # the whole page's detection takes ~3x that


def test_a_line_the_classifier_turns_is_kept_the_way_it_reads_better():
    """The direction classifier turns lines it finds upside down; an upright line it
    turns reads worse turned and is kept upright, a line printed upside down reads
    better turned and is kept turned."""
    import numpy as np

    upright = np.arange(12, dtype=np.uint8).reshape(3, 4)
    upside_down = np.arange(12, 24, dtype=np.uint8).reshape(3, 4)
    plain = np.zeros((3, 4), np.uint8)
    reads = {upright.tobytes(): 0.99, upright[::-1, ::-1].tobytes(): 0.2,
             upside_down.tobytes(): 0.3, upside_down[::-1, ::-1].tobytes(): 0.97}

    def classify(images):  # every image but the blank one found upside down
        turned = [im if not im.any() else np.ascontiguousarray(im[::-1, ::-1])
                  for im in images]
        return turned, [["180", 0.95]] * len(images), 0.0

    def recognise(images):
        return [("text", reads[im.tobytes()]) for im in images], 0.0

    out, labels, _ = engine._CheckedTurns(classify, recognise)([upright, upside_down, plain])
    assert (out[0] == upright).all()
    assert (out[1] == upside_down[::-1, ::-1]).all()
    assert (out[2] == plain).all() and len(labels) == 3
