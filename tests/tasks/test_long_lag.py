"""The long-lag tasks: markers where the papers put them, targets that follow, seeded, clear errors."""

import pytest
import torch

from lstm_explained.tasks import long_lag


def test_adding_marks_two_steps_one_in_each_half_and_sums_them():
    x, y = long_lag.adding(500, 30, seed=4)
    assert x.shape == (30, 500, 2) and y.shape == (500,)
    values, markers = x[..., 0], x[..., 1]
    assert ((values >= 0) & (values < 1)).all()
    assert set(markers.unique().tolist()) == {0.0, 1.0}
    assert (markers[:15].sum(0) == 1).all() and (markers[15:].sum(0) == 1).all()
    torch.testing.assert_close(y, (values * markers).sum(0))
    # the memoryless answer 1 scores about the stated baseline
    assert ((y - 1) ** 2).mean().item() == pytest.approx(long_lag.ADDING_BASELINE_MSE, abs=0.03)


def test_adding_is_seeded_and_leaves_the_global_generator_alone():
    torch.manual_seed(0)
    before = torch.rand(1)
    torch.manual_seed(0)
    a = long_lag.adding(4, 10, seed=1)
    assert torch.rand(1) == before
    assert all(torch.equal(p, q) for p, q in zip(a, long_lag.adding(4, 10, seed=1)))
    assert not torch.equal(a[0], long_lag.adding(4, 10, seed=2)[0])


def test_the_first_marker_covers_the_first_half():
    x, _ = long_lag.adding(2000, 10)
    first = x[:5, :, 1].argmax(0)
    assert set(first.tolist()) == set(range(5))


def test_delayed_recall_puts_the_symbol_lag_steps_before_the_end():
    x, y = long_lag.delayed_recall(300, lag=6, length=10, symbols=3, seed=2)
    assert x.shape == (10, 300, 4) and set(y.tolist()) == {0, 1, 2}
    assert torch.equal(x[3].argmax(-1), y)  # step 10 - 1 - 6
    others = torch.cat([x[:3], x[4:]])
    assert (others[..., 3] == 1).all() and (others[..., :3] == 0).all()
    assert torch.equal(x.sum(-1), torch.ones(10, 300))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: long_lag.adding(0, 10), "adding: n must be a positive int"),
        (lambda: long_lag.adding(3, 1), "adding: length must be"),
        (lambda: long_lag.delayed_recall(3, lag=0), "delayed_recall: lag must be a positive int"),
        (lambda: long_lag.delayed_recall(3, lag=8, length=8), "lag 8 needs a sequence of at least 9 steps"),
        (lambda: long_lag.delayed_recall(3, lag=2, symbols=1), "delayed_recall: symbols must be"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_lagged_stream_targets_are_the_symbols_lag_steps_back():
    x, y = long_lag.lagged_stream(50, 20, lag=4, symbols=5, seed=3)
    assert x.shape == (20, 50, 5) and y.shape == (20, 50) and y.dtype == torch.long
    seen = x.argmax(-1)
    assert torch.equal(x.sum(-1), torch.ones(20, 50))  # one symbol per step
    assert (y[:4] == long_lag.NO_TARGET).all()
    assert torch.equal(y[4:], seen[:-4])
    assert set(seen.unique().tolist()) == set(range(5))
    assert torch.equal(long_lag.lagged_stream(50, 20, lag=4, symbols=5, seed=3)[1], y)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(n=0, length=5, lag=2), "lagged_stream: n must be a positive int"),
        (dict(n=1, length=5, lag=0), "lagged_stream: lag must be a positive int"),
        (dict(n=1, length=5, lag=5), "lagged_stream: lag 5 leaves no target in a stream of 5 steps"),
        (dict(n=1, length=5, lag=2, symbols=1), "lagged_stream: symbols must be an int >= 2"),
    ],
)
def test_lagged_stream_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        long_lag.lagged_stream(**kwargs)


def test_each_generators_targets_fit_one_stated_loss():
    assert long_lag.LOSSES == ("mse_last", "cross_entropy_last", "cross_entropy_each")
    # the adding problem's y is a float per sequence, delayed recall's a class per sequence, the lagged stream's a class per step
    assert long_lag.adding(3, 6)[1].dtype.is_floating_point
    assert long_lag.delayed_recall(3, lag=2)[1].shape == (3,)
    assert long_lag.lagged_stream(3, 6, lag=2)[1].shape == (6, 3)
