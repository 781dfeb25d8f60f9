"""The clockwork RNN: blocks tick at their periods, read only slower blocks, and with one period it is the Elman RNN."""

import pytest
import torch
from cell_cases import DTYPES, IDS, SETTINGS, make, params

from lstm_explained.cells import clockwork, rnn_cell


@pytest.mark.parametrize("seed, batched, bias, dtype", SETTINGS, ids=IDS)
def test_one_period_is_the_elman_rnn(seed, batched, bias, dtype):
    ref, x, h = make(torch.nn.RNNCell, seed, batched, bias, dtype)
    for t in (0, 3):
        torch.testing.assert_close(
            clockwork.clockwork_rnn_cell(x, h, t, *params(ref), periods=(1,)), rnn_cell(x, h, *params(ref)),
            atol=DTYPES[dtype], rtol=DTYPES[dtype],
        )


def _by_loops(x, w_ih, w_hh, periods):
    """The paper's description step by step: each block, at each step, ticks or holds."""
    steps, hidden = x.shape[0], w_hh.shape[0]
    size = hidden // len(periods)
    h, out = torch.zeros(hidden, dtype=x.dtype), []
    for t in range(steps):
        new = h.clone()
        for a, period in enumerate(periods):
            if t % period:
                continue
            rows = slice(a * size, (a + 1) * size)
            slower = slice(a * size, hidden)  # this block and every slower one
            new[rows] = torch.tanh(w_ih[rows] @ x[t] + w_hh[rows, slower] @ h[slower])
        h = new
        out.append(h)
    return torch.stack(out)


def test_a_sequence_follows_the_papers_description():
    torch.manual_seed(0)
    periods = (1, 2, 4)
    x, w_ih, w_hh = torch.randn(9, 3, dtype=torch.float64), torch.randn(6, 3, dtype=torch.float64), torch.randn(6, 6, dtype=torch.float64)
    h, ours = None, []
    for t in range(9):
        h = clockwork.clockwork_rnn_cell(x[t], h, t, w_ih, w_hh, periods=periods)
        ours.append(h)
    ours = torch.stack(ours)
    torch.testing.assert_close(ours, _by_loops(x, w_ih, w_hh, periods), atol=1e-12, rtol=0)
    # the slowest block changes only at multiples of 4
    slow = ours[:, 4:]
    changed = [t for t in range(1, 9) if not torch.equal(slow[t], slow[t - 1])]
    assert changed == [4, 8]


def test_faster_blocks_get_no_gradient_into_slower_ones():
    torch.manual_seed(1)
    w_ih = torch.randn(4, 2, requires_grad=True)
    w_hh = torch.randn(4, 4, requires_grad=True)
    h = None
    for t in range(6):
        h = clockwork.clockwork_rnn_cell(torch.randn(2), h, t, w_ih, w_hh, periods=(1, 2))
    h.sum().backward()
    mask = clockwork.clockwork_mask(4, (1, 2))
    assert torch.count_nonzero(w_hh.grad * (1 - mask)) == 0
    assert torch.count_nonzero(w_hh.grad * mask) > 0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(periods=(2, 1)), r"periods must be distinct and increasing, got \(2, 1\)"),
        (dict(periods=()), "periods must be a non-empty tuple of ints"),
        (dict(periods=(1, 2, 4)), "4 hidden units cannot be cut into 3 equal blocks"),
        (dict(periods=(1, 0)), "each period must be a positive int"),
        (dict(t=-1), "t must be an int >= 0"),
    ],
)
def test_bad_arguments_are_named(kwargs, message):
    call = dict(t=0, periods=(1, 2)) | kwargs
    with pytest.raises(ValueError, match=message):
        clockwork.clockwork_rnn_cell(torch.ones(2), None, call["t"], torch.zeros(4, 2), torch.zeros(4, 4), periods=call["periods"])
