"""forget_bias: the forget gate's total bias is the value asked for, in every layer, nothing else moved."""

import pytest
import torch

from lstm_explained import trace
from lstm_explained.training.init import forget_bias


def test_the_total_forget_bias_is_the_value_and_the_other_gates_keep_theirs():
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(3, 4, num_layers=2)
    before = {n: p.detach().clone() for n, p in lstm.named_parameters()}
    assert forget_bias(lstm, 1.5) is lstm
    for k in range(2):
        total = (getattr(lstm, f"bias_ih_l{k}") + getattr(lstm, f"bias_hh_l{k}")).detach()
        assert torch.equal(total[4:8], torch.full((4,), 1.5))
        for name in (f"bias_ih_l{k}", f"bias_hh_l{k}"):
            kept = torch.cat([before[name][:4], before[name][8:]])
            assert torch.equal(torch.cat([getattr(lstm, name)[:4], getattr(lstm, name)[8:]]).detach(), kept)
    assert torch.equal(lstm.weight_hh_l0, before["weight_hh_l0"])


def test_a_large_bias_opens_the_forget_gate_as_the_sigmoid_says():
    torch.manual_seed(1)
    lstm = forget_bias(torch.nn.LSTM(2, 3), 4.0)
    with torch.no_grad():
        f = trace(lstm, torch.zeros(5, 2)).f
    # zero input and a small state: the gate is close to sigmoid(4)
    assert f.mean().item() == pytest.approx(torch.sigmoid(torch.tensor(4.0)).item(), abs=0.02)


def test_bad_modules_are_named():
    with pytest.raises(TypeError, match="forget_bias: lstm must be a torch.nn.LSTM"):
        forget_bias(torch.nn.GRU(2, 3), 1.0)
    with pytest.raises(ValueError, match="built with bias=False"):
        forget_bias(torch.nn.LSTM(2, 3, bias=False), 1.0)
