"""CellLayer: the cells torch.nn does not have, run over time like a torch.nn layer."""

import pytest
import torch

from lstm_explained.cells import ablations, clockwork, coupled_lstm_cell, peephole_lstm_cell
from lstm_explained.models.cell_layer import CELL_KINDS, CellLayer


def _copy_into(layer, module):
    with torch.no_grad():
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            getattr(layer, name).copy_(getattr(module, name))


def test_peephole_with_zero_peepholes_is_torchs_lstm_batched_and_from_a_state():
    torch.manual_seed(0)
    lstm, layer = torch.nn.LSTM(3, 4), CellLayer("peephole", 3, 4)
    _copy_into(layer, lstm)
    with torch.no_grad():
        layer.weight_ch_l0.zero_()
    x, state = torch.randn(7, 2, 3), (torch.randn(1, 2, 4), torch.randn(1, 2, 4))
    ours, (h, c) = layer(x, state)
    theirs, (h_ref, c_ref) = lstm(x, state)
    torch.testing.assert_close(ours, theirs, atol=1e-6, rtol=0)
    torch.testing.assert_close(c, c_ref, atol=1e-6, rtol=0)


def test_clockwork_with_one_period_is_torchs_rnn():
    torch.manual_seed(1)
    rnn, layer = torch.nn.RNN(2, 3), CellLayer("clockwork", 2, 3, periods=(1,))
    _copy_into(layer, rnn)
    x = torch.randn(6, 2)
    torch.testing.assert_close(layer(x)[0], rnn(x)[0], atol=1e-6, rtol=0)


@pytest.mark.parametrize("kind", sorted(CELL_KINDS))
def test_every_step_is_the_cell_function(kind):
    torch.manual_seed(2)
    layer = CellLayer(kind, 3, 4)
    x = torch.randn(9, 3)
    out, _ = layer(x)
    state, w = None, [layer.weight_ih_l0, layer.weight_hh_l0, layer.bias_ih_l0, layer.bias_hh_l0]
    for t in range(9):
        if kind == "clockwork":
            state = clockwork.clockwork_rnn_cell(x[t], state, t, *w, periods=layer.periods)
            h = state
        else:
            if kind == "peephole":
                step = peephole_lstm_cell(x[t], state, w[0], w[1], layer.weight_ch_l0, w[2], w[3])
            elif kind == "cifg":
                step = coupled_lstm_cell(x[t], state, *w)
            else:
                step = ablations.lstm_variant_cell(x[t], state, *w, variant=kind)
            state, h = (step.h, step.c), step.h
        assert torch.equal(out[t], h), (kind, t)


@pytest.mark.parametrize("kind", sorted(CELL_KINDS))
def test_initialised_as_torch_nn_initialises(kind):
    torch.manual_seed(3)
    layer = CellLayer(kind, 5, 16)
    for name, p in layer.named_parameters():
        assert p.abs().max() <= 1 / 16 ** 0.5, name
        assert p.std() > 0.1 / 16 ** 0.5, name  # drawn, not a constant


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(kind="lstm"), "CellLayer: kind must be one of 'peephole'"),
        (dict(kind="clockwork", hidden_size=6), r"CellLayer: a clockwork layer's 6 units cannot be cut into 4 equal blocks, one per period of \(1, 2, 4, 8\)"),
        (dict(kind="nig", input_size=0), "CellLayer: input_size must be a positive int"),
    ],
)
def test_bad_settings_are_named(kwargs, message):
    args = dict(kind="nig", input_size=2, hidden_size=4) | kwargs
    with pytest.raises(ValueError, match=message):
        CellLayer(args["kind"], args["input_size"], args["hidden_size"])


def test_bad_input_is_named():
    with pytest.raises(ValueError, match=r"CellLayer: x must be \(T, 2\) or \(T, batch, 2\), got \(4, 3\)"):
        CellLayer("nog", 2, 4)(torch.zeros(4, 3))
