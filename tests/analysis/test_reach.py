"""gradient_reach: the last step's gradient reaches every input through BPTT, only the window when truncated."""

import pytest
import torch
from torch.nn import functional as F

from lstm_explained.analysis.reach import gradient_reach, median_reach
from lstm_explained.models.toy import ToyModel


def _case(kind="rnn", layers=1):
    torch.manual_seed(0)
    model = ToyModel(kind, 3, 5, 3, num_layers=layers)
    x = torch.randn(10, 3)
    y = torch.randint(0, 3, (10,))
    return model, x, y


def test_full_reach_is_autograd_on_the_whole_sequence():
    model, x, y = _case()
    x_leaf = x.clone().requires_grad_(True)
    F.cross_entropy(model(x_leaf)[-1], y[-1]).backward()
    assert torch.allclose(gradient_reach(model, x, y), x_leaf.grad.norm(dim=1))
    assert (gradient_reach(model, x, y) > 0).all()


@pytest.mark.parametrize("kind,layers", [("rnn", 1), ("lstm", 1), ("gru", 2)])
def test_truncation_zeroes_exactly_the_steps_before_the_cut(kind, layers):
    model, x, y = _case(kind, layers)
    for k in (1, 4, 10):
        reach = gradient_reach(model, x, y, truncation=k)
        assert torch.equal(reach[: 10 - k], torch.zeros(10 - k)) and (reach[10 - k :] > 0).all()
    # a cut with the same window as the sequence changes nothing
    assert torch.allclose(gradient_reach(model, x, y, truncation=10), gradient_reach(model, x, y))


def test_the_window_sees_the_same_state_as_the_uncut_run():
    # truncation cuts the gradient, not the forward pass: the last step's nearest input gets a
    # gradient that differs from the full one only through the cut paths
    model, x, y = _case()
    assert gradient_reach(model, x, y, truncation=1)[-1] == pytest.approx(gradient_reach(model, x, y)[-1].item(), rel=1e-5)


def test_bad_input_is_named():
    model, x, y = _case()
    with pytest.raises(ValueError, match="truncation must be"):
        gradient_reach(model, x, y, truncation=11)
    with pytest.raises(ValueError, match=r"x must be \(steps, 3\)"):
        gradient_reach(model, x[:, :2], y)
    with pytest.raises(ValueError, match="y has shape"):
        gradient_reach(model, x, y[:4])
    with pytest.raises(TypeError, match="y must be a LongTensor"):
        gradient_reach(model, x, y.float())
    with pytest.raises(TypeError, match="model must be a ToyModel"):
        gradient_reach(torch.nn.RNN(3, 5), x, y)


def test_the_median_reach_is_the_median_of_every_window():
    torch.manual_seed(1)
    model = ToyModel("rnn", 3, 4, 3)
    x, y = torch.eye(3)[torch.randint(0, 3, (9,))], torch.randint(0, 3, (9,))
    each = torch.stack([gradient_reach(model, x[e - 4 : e], y[e - 4 : e]) for e in range(4, 10)])
    torch.testing.assert_close(median_reach(model, x, y, window=4), each.median(0).values)
    with pytest.raises(ValueError, match="median_reach: window must be an int in 1..9"):
        median_reach(model, x, y, window=10)
