"""Gate saturation: the fractions of steps each gate is nearly closed and nearly open."""

import pytest
import torch

from lstm_explained.analysis.saturation import gate_saturation, near_limits
from lstm_explained.tracing import LSTMTrace


def test_saturation_counts_each_gate_and_unit_separately():
    i = torch.tensor([[0.05, 0.95], [0.05, 0.5]])
    f = torch.tensor([[0.99, 0.99], [0.99, 0.01]])
    found = gate_saturation(LSTMTrace(i, f, i, 1 - i, i, i))
    assert set(found) == {"i", "f", "o"}
    assert found["i"][0].tolist() == [1.0, 0.0] and found["i"][1].tolist() == [0.0, 0.5]
    assert found["f"][1].tolist() == [1.0, 0.5] and found["o"][1].tolist() == [1.0, 0.0]


def test_near_limits_is_the_share_outside_the_middle():
    assert near_limits(torch.tensor([0.1, 0.9, 0.5, 0.0])) == 0.25  # the limits themselves are not beyond them
    with pytest.raises(ValueError, match="low must be below high"):
        near_limits(torch.zeros(2), low=0.9, high=0.1)
