"""The gate layout: one owner of each cell's gate order, and moving between other sources' orders."""

import pytest
import torch

from lstm_explained import cells
from lstm_explained.cells import layout


@pytest.mark.parametrize("name, gates", [("RNN", "h"), ("LSTM", "ifgo"), ("GRU", "rzn"), ("COUPLED", "fgo")])
def test_each_cell_has_its_pytorch_order(name, gates):
    assert getattr(layout, name).gates == gates and len(getattr(layout, name)) == len(gates)


def test_the_layouts_match_torch_nn_chunk_counts():
    # PyTorch's own cells stack 1, 4 and 3 blocks: the layouts must say the same
    for cls, found in ((torch.nn.RNNCell, layout.RNN), (torch.nn.LSTMCell, layout.LSTM), (torch.nn.GRUCell, layout.GRU)):
        assert cls(3, 2).weight_ih.shape[0] == 2 * len(found)


def test_split_names_every_block_by_gate():
    w = torch.arange(8.0)[:, None]
    W_i, W_h, b_i, b_h = layout.LSTM.split(w, w * 10, torch.arange(8.0), None)
    assert [W_i.i.flatten().tolist(), W_i.o.flatten().tolist()] == [[0.0, 1.0], [6.0, 7.0]]
    assert W_h.g.flatten().tolist() == [40.0, 50.0] and b_i.f.tolist() == [2.0, 3.0]
    assert b_h.i is None and b_h._fields == ("i", "f", "g", "o")
    assert layout.LSTM.blocks(torch.arange(8.0)[None], dim=1).f.tolist() == [[2.0, 3.0]]


def test_reorder_round_trips_and_matches_a_restacked_layer():
    torch.manual_seed(0)
    w = torch.randn(12, 3)
    assert torch.equal(cells.reorder(cells.reorder(w, "ifgo", "fgio"), "fgio", "ifgo"), w)
    # weights written in the CS231n notes' order (i, f, o, g) give PyTorch's outputs once reordered
    ref = torch.nn.LSTMCell(3, 3).requires_grad_(False)
    theirs = [cells.reorder(p, "ifgo", "ifog") for p in (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)]
    x = torch.randn(3)
    step = cells.lstm_cell(x, None, *(cells.reorder(p, "ifog", "ifgo") for p in theirs))
    torch.testing.assert_close(step.h, ref(x)[0])


@pytest.mark.parametrize("call, message", [
    (lambda: cells.reorder(torch.zeros(4), "ifgo", "ifgx"), "target 'ifgx' must name the same gates as source 'ifgo'"),
    (lambda: cells.reorder(torch.zeros(6), "ifgo", "figo"), "stacked has 6 rows, not a multiple of the 4 gates"),
    (lambda: cells.reorder([1.0, 2.0], "ab", "ba"), "reorder: stacked must be a torch.Tensor, got list"),
    (lambda: layout.GateLayout("iif"), "gates must be distinct letters, got 'iif'"),
])
def test_bad_layouts_are_named(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
