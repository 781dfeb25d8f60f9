"""Other sources' ways of writing the LSTM: every one brought back to PyTorch's gives PyTorch's outputs."""

import pytest
import torch

from lstm_explained import cells
from lstm_explained.cells import notation


LSTM_SOURCES = [c for c in notation.CONVENTIONS if c.gate_order]


@pytest.mark.parametrize("convention", LSTM_SOURCES, ids=lambda c: c.source[:24])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_a_source_layout_brought_back_reproduces_torch(convention, dtype):
    torch.manual_seed(0)
    # a source that writes no bias holds an LSTM without one
    ref = torch.nn.LSTMCell(4, 3, bias=convention.biases > 0).to(dtype).requires_grad_(False)
    weight_x, weight_h, biases = notation.from_pytorch(convention, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    assert len(biases) == convention.biases
    if convention.vectors == "row":  # x @ W_x is PyTorch's W_ih @ x, gate blocks in the source's order
        assert weight_x.shape == (4, 12)
    x = torch.randn(5, 4, dtype=dtype)
    step = cells.lstm_cell(x, None, *notation.to_pytorch(convention, weight_x, weight_h, biases))
    h, c = ref(x)
    torch.testing.assert_close(step.h, h)
    torch.testing.assert_close(step.c, c)


def test_reading_a_source_in_the_wrong_order_is_visibly_wrong():
    torch.manual_seed(1)
    ref = torch.nn.LSTMCell(4, 3, bias=False).requires_grad_(False)
    cs231n = next(c for c in LSTM_SOURCES if c.gate_order == "ifog")
    theirs = notation.from_pytorch(cs231n, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    x = torch.randn(5, 4)
    wrong = cells.lstm_cell(x, None, *theirs[:2])  # taken as if already i, f, g, o
    assert (wrong.h - ref(x)[0]).abs().max() > 1e-2


@pytest.mark.parametrize("kwargs, message", [
    (dict(gate_order="ifgx"), "gate_order 'ifgx' must order the gates 'ifgo'"),
    (dict(vectors="diagonal"), "vectors must be one of 'column', 'row'"),
    (dict(biases=3), r"biases must be an int in 0..2"),
    (dict(gru_reset="inside"), "gru_reset must be one of 'after', 'before', ''"),
    (dict(gru_z_weights="old"), "a source that writes a GRU says both gru_z_weights and gru_reset; got 'old' and ''"),
])
def test_a_convention_checks_itself(kwargs, message):
    fields = dict(source="x", gate_order="ifgo", their_symbols="", vectors="column", biases=1, gru_z_weights="", gru_reset="")
    with pytest.raises(ValueError, match=message):
        notation.Convention(**{**fields, **kwargs})


def test_a_source_without_biases_refuses_an_lstm_with_them():
    cs231n = next(c for c in LSTM_SOURCES if c.biases == 0)
    ref = torch.nn.LSTMCell(4, 3)
    with pytest.raises(ValueError, match="writes no bias, so an LSTM with biases cannot be written its way"):
        notation.from_pytorch(cs231n, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    # and an LSTM without biases, written the PyTorch way, gets zero biases
    bare = torch.nn.LSTMCell(4, 3, bias=False)
    _, _, biases = notation.from_pytorch(notation.CONVENTIONS[0], bare.weight_ih, bare.weight_hh, None, None)
    assert len(biases) == 2 and all(not b.any() for b in biases)


def test_converting_needs_the_sources_own_bias_count_and_an_lstm():
    pytorch = notation.CONVENTIONS[0]
    with pytest.raises(ValueError, match="has 2 bias vector"):
        notation.to_pytorch(pytorch, torch.zeros(8, 2), torch.zeros(8, 2), (torch.zeros(8),))
    gru_only = next(c for c in notation.CONVENTIONS if not c.gate_order)
    with pytest.raises(ValueError, match="writes no LSTM"):
        notation.from_pytorch(gru_only, *(torch.zeros(8, 2),) * 2, torch.zeros(8), torch.zeros(8))


def test_the_gru_z_conventions_are_one_gate_read_two_ways():
    torch.manual_seed(2)
    ref = torch.nn.GRUCell(3, 2).requires_grad_(False)
    x, h_prev = torch.randn(3), torch.randn(2)
    step = cells.gru_cell(x, h_prev, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    z_new = 1 - step.z  # Chung et al. and colah's z: the weight of the new candidate
    torch.testing.assert_close((1 - z_new) * h_prev + z_new * step.n, ref(x, h_prev))
    assert {c.gru_z_weights for c in notation.CONVENTIONS} == {"old", "new", ""}


def test_the_two_reset_placements_agree_only_where_the_gate_is_open_and_differ_otherwise():
    torch.manual_seed(3)
    ref = torch.nn.GRUCell(3, 4).requires_grad_(False)
    x, h = torch.randn(5, 3), torch.randn(5, 4)
    before = notation.gru_reset_before(x, h, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    assert (before.h - ref(x, h)).abs().max() > 1e-2  # PyTorch's weights, read the papers' way
    # r, z and h's formula are shared: only n moves
    after = cells.gru_cell(x, h, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    torch.testing.assert_close(before.r, after.r)
    torch.testing.assert_close(before.z, after.z)
    # a reset gate pinned open (r = 1 everywhere) makes the two one network
    open_bias = ref.bias_ih.clone()
    open_bias[:4] = 50.0
    pinned = [notation.gru_reset_before(x, h, ref.weight_ih, ref.weight_hh, open_bias, ref.bias_hh).h,
              cells.gru_cell(x, h, ref.weight_ih, ref.weight_hh, open_bias, ref.bias_hh).h]
    torch.testing.assert_close(*pinned)


def test_the_reset_gaps_start_at_the_bias_alone_and_are_named_on_bad_input():
    found = notation.reset_gaps(inputs=2, hidden=3, steps=3, sequences=8)
    assert found.largest.shape == found.typical.shape == found.rms.shape == (3,) and (found.largest > 0).all()
    assert (found.rms <= found.largest).all()
    # without biases, from a zero state, both placements read r * 0 in the first step: the same
    torch.manual_seed(0)
    ref = torch.nn.GRUCell(2, 3, bias=False).requires_grad_(False)
    x = torch.randn(4, 2)
    torch.testing.assert_close(notation.gru_reset_before(x, None, ref.weight_ih, ref.weight_hh).h, ref(x))
    with pytest.raises(ValueError, match="reset_gaps: steps must be a positive int"):
        notation.reset_gaps(steps=0)


def test_every_source_with_a_gru_says_where_its_reset_acts():
    assert {(c.gru_z_weights != "", c.gru_reset != "") for c in notation.CONVENTIONS} <= {(True, True), (False, False)}
    assert [c.gru_reset for c in notation.CONVENTIONS if c.gru_reset] == ["after", "before", "before", "before", "before"]
