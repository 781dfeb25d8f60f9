"""lstm_three_ways, max_disagreement and the float32 tolerance: how the pages check the equations."""

import pytest
import torch

from lstm_explained import agreement


@pytest.mark.parametrize("bias", [True, False])
def test_three_ways_agree_and_have_the_layers_shape(bias):
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(5, 3, bias=bias)
    hs = agreement.lstm_three_ways(lstm, torch.randn(11, 5))
    assert list(hs) == ["nn.LSTMCell", "cells.lstm_cell", "nn.LSTM"]
    assert all(h.shape == (11, 3) for h in hs.values())
    assert agreement.max_disagreement(hs) < 1e-5


def test_max_disagreement_sees_a_single_wrong_entry():
    a = torch.zeros(4, 3)
    b = a.clone()
    b[2, 1] = 0.25
    assert agreement.max_disagreement({"a": a, "b": b, "c": a}) == 0.25


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: agreement.lstm_three_ways(torch.nn.GRU(2, 2), torch.zeros(3, 2)), TypeError, "must be a torch.nn.LSTM, got GRU"),
        (lambda: agreement.lstm_three_ways(torch.nn.LSTM(2, 2, num_layers=2), torch.zeros(3, 2)), ValueError, "one-layer"),
        (lambda: agreement.lstm_three_ways(torch.nn.LSTM(2, 2), torch.zeros(3, 1, 2)), ValueError, r"x must be \(seq_len, input_size\), got shape \(3, 1, 2\)"),
        (lambda: agreement.max_disagreement({"a": torch.zeros(2)}), ValueError, "at least two results"),
        (lambda: agreement.max_disagreement({"a": torch.zeros(2), "b": torch.zeros(3)}), ValueError, "different shapes"),
    ],
)
def test_agreement_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("allow_tf32, expected", [(True, 1e-3), (False, 1e-5)])
def test_float32_tolerance_widens_only_for_cudnn_tf32(monkeypatch, allow_tf32, expected):
    monkeypatch.setattr(torch.backends.cudnn, "allow_tf32", allow_tf32)
    assert agreement.float32_tolerance("cuda") == expected
    assert agreement.float32_tolerance("cpu") == 1e-5



def test_the_largest_gradient_is_the_scale_a_gap_is_read_against():
    torch.manual_seed(2)
    gru = torch.nn.GRU(3, 4)
    x = torch.randn(8, 3)
    largest = agreement.largest_gradient(gru, x)
    gru(x)[0].pow(2).sum().backward()
    assert largest == pytest.approx(max(p.grad.abs().max().item() for p in gru.parameters()))
    assert agreement.gradient_gap(gru, x) < 1e-5 * largest
