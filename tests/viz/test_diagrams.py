"""Diagrams: valid SVG, naming every quantity of their cell as the code names it, in the page's colours."""

import xml.etree.ElementTree as ET

import pytest
import torch

from lstm_explained import cells
from lstm_explained.cells import layout
from lstm_explained.cells.gru import GRUStep
from lstm_explained.cells.lstm import LSTMStep
from lstm_explained.viz import diagrams

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.find(f"{SVG}title").text
    return [t.text for t in root.iter(f"{SVG}text")]


def test_the_lstm_diagram_names_every_field_of_a_step():
    labels = texts(diagrams.lstm_cell())
    gates, states = set(layout.LSTM.gates), set(LSTMStep._fields) - set(layout.LSTM.gates)
    assert gates <= set(labels) and {f"{s}ₜ" for s in states} <= set(labels)
    assert labels.count("σ") == 3 and labels.count("tanh") == 2  # three gates; g and tanh(c)


def test_the_gru_diagram_names_every_field_of_a_step():
    labels = texts(diagrams.gru_cell())
    assert set(layout.GRU.gates) <= set(labels) and "hₜ" in labels and set(GRUStep._fields) == set(layout.GRU.gates) | {"h"}
    assert labels.count("σ") == 2 and "1−" in labels


@pytest.mark.parametrize("cell, layout_, kind", [(cells.lstm_cell, layout.LSTM, torch.nn.LSTMCell), (cells.gru_cell, layout.GRU, torch.nn.GRUCell)])
def test_the_squash_drawn_for_each_block_is_the_one_the_cell_applies(cell, layout_, kind):
    torch.manual_seed(0)
    ref = kind(3, 64).requires_grad_(False)
    step = cell(torch.randn(3) * 5, None, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    for name in layout_.gates:
        values = getattr(step, name)
        # a sigmoid never goes below 0; a tanh over 64 random units does
        assert (values.min() < 0) == (diagrams.SQUASH[name] == "tanh"), name


def test_lines_and_text_take_the_pages_colour():
    svg = diagrams.lstm_cell()
    assert "stroke: currentColor" in svg and "fill: currentColor" in svg


def test_several_diagrams_on_one_page_do_not_share_ids():
    ids = [ET.fromstring(svg).get("id") for svg in (diagrams.rnn_cell(), diagrams.rnn_cell(), diagrams.unrolled_rnn())]
    assert len(set(ids)) == 3


def test_the_gradient_path_marks_the_steps_a_truncated_gradient_reaches():
    for steps, truncation in ((8, None), (8, 3), (5, 1)):
        reached = diagrams.gradient_path(steps, truncation).count('class="reached"')
        assert reached == (steps if truncation is None else truncation)
    with pytest.raises(ValueError, match="truncation must be an int in 1..4"):
        diagrams.gradient_path(4, truncation=5)
    with pytest.raises(ValueError, match="steps must be an int in 1..8"):
        diagrams.unrolled_rnn(0)


STEP_CASES = [(diagrams.lstm_cell, diagrams.LSTM_STEPS, cells.lstm_cell, LSTMStep), (diagrams.gru_cell, diagrams.GRU_STEPS, cells.gru_cell, GRUStep)]


@pytest.mark.parametrize("draw, steps, cell, record", STEP_CASES)
def test_the_steps_compute_every_field_of_a_step_exactly_once(draw, steps, cell, record):
    computed = [name for step in steps.values() for name in step.computes]
    assert sorted(computed) == sorted(record._fields)


@pytest.mark.parametrize("draw, steps, cell, record", STEP_CASES)
def test_a_step_diagram_prints_the_cells_own_lines_and_lights_only_its_blocks(draw, steps, cell, record):
    import inspect

    source = inspect.getsource(cell)
    for key, step in steps.items():
        root = ET.fromstring(draw(highlight=key))
        code = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "code"]
        assert [line.split(" = ")[0] for line in code] == list(step.computes)
        assert all(f"    {line}\n" in source for line in code)  # verbatim lines of the cell's body
        # a gate block is lit exactly when this step computes it
        for group in root.iter(f"{SVG}g"):
            labels = {t.text for t in group.iter(f"{SVG}text")}
            for gate in set(labels) & set(record._fields) - {"h", "c"}:
                if "σ" in labels or "tanh" in labels:
                    assert (group.get("class") != "dim") == (gate in step.computes), (key, gate)


def test_the_whole_cell_dims_nothing_and_a_bad_step_is_named():
    assert 'class="dim"' not in diagrams.lstm_cell() and 'class="dim"' in diagrams.lstm_cell(highlight="forget")
    with pytest.raises(ValueError, match="highlight must be one of .*forget"):
        diagrams.lstm_cell(highlight="reset")
    with pytest.raises(ValueError, match="assigns no \\['q'\\]"):
        diagrams.code_lines(cells.lstm_cell, ("f", "q"))


@pytest.mark.parametrize("svg", [diagrams.rnn_cell(), diagrams.lstm_cell(), diagrams.lstm_cell(highlight="output"), diagrams.gru_cell(highlight="mix"),
                                 diagrams.unrolled_rnn(8), diagrams.gradient_path(16, truncation=3)])
def test_no_diagram_shrinks_its_smallest_label_below_the_limit(svg):
    import re

    root = ET.fromstring(svg)
    width = float(root.get("viewBox").split()[2])
    narrowest = float(re.search(r"min-width: (\d+)px", root.get("style")).group(1))
    smallest = min(float(t.get("font-size")) for t in root.iter(f"{SVG}text"))
    assert smallest * narrowest / width >= diagrams.SMALLEST_LABEL_PX
