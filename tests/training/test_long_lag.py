"""The long-lag trainer: every kind, every loss and every truncation leaves each model where it
would be alone; the loss is stated, and a y that does not fit it is named, as is other bad input."""

import pytest
import torch

from lstm_explained.models.toy import KINDS, make_models
from lstm_explained.tasks.long_lag import adding, delayed_recall, lagged_stream
from lstm_explained.training import long_lag
from lstm_explained.training.init import forget_bias

TASKS = {
    "adding": (lambda: adding(48, 9, seed=3), 2, 1),
    "recall": (lambda: delayed_recall(48, lag=6, length=9, symbols=3, seed=3), 4, 3),
    "stream": (lambda: lagged_stream(48, 12, lag=3, symbols=3, seed=3), 3, 3),
}
#: The loss each task's targets fit.
LOSS = {"adding": "mse_last", "recall": "cross_entropy_last", "stream": "cross_entropy_each"}


def _pair(kind, task, hidden=3, n=3, dtype=torch.float32):
    (x, y), inputs, outputs = TASKS[task][0](), *TASKS[task][1:]
    together, alone = (make_models(kind, inputs, hidden, outputs, n=n, seed=5) for _ in range(2))
    for m in together + alone:
        m.to(dtype)
    return together, alone, x.to(dtype), y.to(dtype) if y.dtype.is_floating_point else y


def _assert_same_models(together, alone, atol):
    for a, b in zip(together, alone):
        for (name, p), q in zip(a.named_parameters(), b.parameters()):
            torch.testing.assert_close(p, q, atol=atol, rtol=0, msg=name)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("task", sorted(TASKS))
def test_packed_training_matches_each_model_alone(kind, task):
    together, alone, x, y = _pair(kind, task, hidden=4, dtype=torch.float64)
    schedule = long_lag.Schedule(steps=12, batch=8, lr=0.05, clip=0.5)
    history = long_lag.train(together, x, y, schedule, loss=LOSS[task])
    reference = long_lag.train_alone(alone, x, y, schedule, loss=LOSS[task])
    torch.testing.assert_close(history, reference, atol=1e-10, rtol=0)
    _assert_same_models(together, alone, atol=1e-10)
    assert history[-1].mean() < history[0].mean()  # it learned something


@pytest.mark.parametrize("kind", KINDS)
def test_each_model_trains_at_its_own_rate_as_it_would_alone(kind):
    # three models at three rates in one packing: each ends where the plain loop at its rate leaves it
    together, alone, x, y = _pair(kind, "stream", hidden=4, dtype=torch.float64)
    rates = (0.01, 0.05, 0.2)
    schedule = long_lag.Schedule(steps=8, batch=8, lr=rates, clip=0.5)
    history = long_lag.train(together, x, y, schedule, loss="cross_entropy_each")
    torch.testing.assert_close(history, long_lag.train_alone(alone, x, y, schedule, loss="cross_entropy_each"), atol=1e-9, rtol=0)
    _assert_same_models(together, alone, atol=1e-9)
    # and the rates matter: the same models at one rate end elsewhere
    same, _, _, _ = _pair(kind, "stream", hidden=4, dtype=torch.float64)
    long_lag.train(same, x, y, long_lag.Schedule(steps=8, batch=8, lr=0.05, clip=0.5), loss="cross_entropy_each")
    assert not torch.allclose(same[0].head.weight, together[0].head.weight)
    torch.testing.assert_close(same[1].head.weight, together[1].head.weight, atol=1e-9, rtol=0)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "peephole", "clockwork"])
@pytest.mark.parametrize("carry", [True, False])
def test_truncated_training_matches_each_model_alone(kind, carry):
    together, alone, x, y = _pair(kind, "stream", hidden=4, dtype=torch.float64)
    schedule = long_lag.Schedule(steps=6, batch=8, lr=0.05, chunk=5, carry=carry)
    each = "cross_entropy_each"
    torch.testing.assert_close(long_lag.train(together, x, y, schedule, loss=each), long_lag.train_alone(alone, x, y, schedule, loss=each), atol=1e-10, rtol=0)
    _assert_same_models(together, alone, atol=1e-10)


@pytest.mark.parametrize("kind", KINDS)
def test_packed_outputs_are_each_models_own(kind):
    models = make_models(kind, 3, 4, 3, n=5, seed=1)
    x = torch.eye(3)[torch.randint(0, 3, (40, 6), generator=torch.Generator().manual_seed(0))]
    torch.testing.assert_close(long_lag.packed_outputs(models, x), long_lag.final_outputs(models, x), atol=1e-5, rtol=0)


def test_many_float32_models_stay_within_1e4_of_alone_after_many_steps():
    together, alone, x, y = _pair("lstm", "adding", hidden=4, n=20)
    schedule = long_lag.Schedule(steps=60, batch=16, lr=0.02)
    long_lag.train(together, x, y, schedule, loss="mse_last")
    long_lag.train_alone(alone, x, y, schedule, loss="mse_last")
    _assert_same_models(together, alone, atol=1e-4)


def test_clipping_is_per_model_and_changes_training():
    together, alone, x, y = _pair("lstm", "adding")
    loose = long_lag.train(together, x, y, long_lag.Schedule(steps=5, batch=8, lr=0.05, clip=None), loss="mse_last")
    tight = long_lag.train(alone, x, y, long_lag.Schedule(steps=5, batch=8, lr=0.05, clip=1e-3), loss="mse_last")
    assert not torch.allclose(loose, tight)


def test_chunks_without_targets_only_carry_the_state():
    # the adding problem's answer is in the last chunk: a chunk of the whole length and chunks of 3
    # read the same sequence, but the gradient stops at the chunk boundary
    together, alone, x, y = _pair("lstm", "adding")
    whole = long_lag.train(together, x, y, long_lag.Schedule(steps=3, batch=8, chunk=None), loss="mse_last")
    cut = long_lag.train(alone, x, y, long_lag.Schedule(steps=3, batch=8, chunk=3), loss="mse_last")
    torch.testing.assert_close(whole[0], cut[0])  # same models, same first batch: same loss
    assert not torch.allclose(whole[-1], cut[-1])  # different gradients after that


def test_losses_and_accuracy_score_what_training_counts():
    models = make_models("lstm", 4, 3, 3, n=2, seed=0)
    x, y = lagged_stream(30, 10, lag=2, symbols=3, seed=0)
    x = x[..., :3]
    x = torch.cat([x, torch.zeros(10, 30, 1)], -1)
    logits = long_lag.final_outputs(models, x)  # (T, N, n, O)
    kept = y != -1
    expected = torch.nn.functional.cross_entropy(logits[kept][:, 0], y[kept])
    torch.testing.assert_close(long_lag.losses(models, x, y, loss="cross_entropy_each")[0], expected)
    right = (logits[kept][:, 1].argmax(-1) == y[kept]).double().mean()
    torch.testing.assert_close(long_lag.accuracy(models, x, y, loss="cross_entropy_each")[1], right)


def test_the_last_step_losses_read_the_last_step_only():
    models = make_models("gru", 4, 3, 3, n=2, seed=0)
    x, y = delayed_recall(20, lag=4, length=6, symbols=3, seed=1)
    last = long_lag.final_outputs(models, x)[-1]  # (N, n, O)
    expected = torch.nn.functional.cross_entropy(last[:, 1], y)
    torch.testing.assert_close(long_lag.losses(models, x, y, loss="cross_entropy_last")[1], expected)
    torch.testing.assert_close(long_lag.accuracy(models, x, y, loss="cross_entropy_last")[0], (last[:, 0].argmax(-1) == y).double().mean())
    one = make_models("lstm", 2, 3, 1, n=1, seed=0)
    xa, ya = adding(20, 6, seed=1)
    answer = long_lag.final_outputs(one, xa)[-1, :, 0, 0]
    torch.testing.assert_close(long_lag.losses(one, xa, ya, loss="mse_last")[0], (answer - ya).pow(2).mean())


def test_the_same_targets_train_differently_by_the_loss_stated():
    # a stream's last-step target alone, read as the last step's answer, is another task than every step's
    x, y = lagged_stream(48, 12, lag=3, symbols=3, seed=3)
    each, last = (make_models("lstm", 3, 4, 3, n=2, seed=5) for _ in range(2))
    schedule = long_lag.Schedule(steps=3, batch=8)
    first = long_lag.train(each, x, y, schedule, loss="cross_entropy_each")
    second = long_lag.train(last, x, y[-1], schedule, loss="cross_entropy_last")
    assert not torch.allclose(first, second)


def test_forget_bias_survives_packing():
    models = make_models("lstm", 2, 3, 1, n=2, seed=0)
    for m in models:
        forget_bias(m.rnn, 1.0)
    x, y = adding(16, 5)
    long_lag.train(models, x, y, long_lag.Schedule(steps=1, batch=4, lr=1e-9), loss="mse_last")
    total = models[0].rnn.bias_ih_l0 + models[0].rnn.bias_hh_l0
    torch.testing.assert_close(total[3:6].detach(), torch.ones(3), atol=1e-6, rtol=0)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: long_lag.Schedule(steps=0), ValueError, "Schedule: steps must be a positive int"),
        (lambda: long_lag.Schedule(steps=1, chunk=0), ValueError, "Schedule: chunk must be a positive int or None"),
        (lambda: long_lag.Schedule(steps=1, lr=0), ValueError, "Schedule: lr must be a positive number or a non-empty tuple of them"),
        (lambda: long_lag.Schedule(steps=1, lr=(0.1, -0.1)), ValueError, r"Schedule: lr must be .*got \(0.1, -0.1\)"),
        (lambda: long_lag.Schedule(steps=1, lr=()), ValueError, "Schedule: lr must be"),
        (lambda: long_lag.train(make_models("lstm", 2, 2, 1, n=2, seed=0), *adding(4, 5), long_lag.Schedule(1, lr=(0.1, 0.2, 0.3)), loss="mse_last"),
         ValueError, "train: schedule.lr gives 3 learning rates for 2 models; give one per model, or one number"),
        (lambda: long_lag.Schedule(steps=1, clip=-1.0), ValueError, "Schedule: clip must be positive or None"),
        (lambda: long_lag.train([], *adding(4, 5), long_lag.Schedule(1), loss="mse_last"), ValueError, "train: models is empty"),
        (lambda: long_lag.train(make_models("lstm", 3, 2, 1, n=1, seed=0), *adding(4, 5), long_lag.Schedule(1), loss="mse_last"), ValueError,
         r"train: x must be \(seq_len, n_sequences, 3\), got \(5, 4, 2\)"),
        (lambda: long_lag.train(make_models("lstm", 2, 2, 3, n=1, seed=0), *adding(4, 5), long_lag.Schedule(1), loss="mse_last"), ValueError,
         r"train: loss 'mse_last' needs a float y, one regression target per sequence, \(4,\), for models with 1 output; "
         r"got a torch.float32 y \(4,\) and 3 outputs"),
        (lambda: long_lag.train(make_models("lstm", 4, 2, 2, n=1, seed=0), *delayed_recall(4, 3, symbols=3), long_lag.Schedule(1), loss="cross_entropy_last"),
         ValueError, r"train: y must hold classes in 0..1"),
        (lambda: long_lag.train(make_models("lstm", 2, 2, 1, n=1, seed=0), *adding(4, 5), {"steps": 1}, loss="mse_last"), TypeError,
         "train: schedule must be a Schedule"),
        (lambda: long_lag.accuracy(make_models("lstm", 2, 2, 1, n=1, seed=0), *adding(4, 5), loss="mse_last"), ValueError,
         "accuracy: loss 'mse_last' scores a regression target"),
        # the loss is a stated name, and y must be what it reads
        (lambda: long_lag.train(make_models("lstm", 2, 2, 1, n=1, seed=0), *adding(4, 5), long_lag.Schedule(1), loss="mse"), ValueError,
         "train: loss must be one of 'mse_last', 'cross_entropy_last', 'cross_entropy_each', got 'mse'"),
        (lambda: long_lag.train(make_models("lstm", 2, 2, 1, n=1, seed=0), *adding(4, 5), long_lag.Schedule(1)), TypeError,
         "missing 1 required keyword-only argument: 'loss'"),
        (lambda: long_lag.train_alone(make_models("lstm", 4, 2, 4, n=1, seed=0), *delayed_recall(4, 3, symbols=3), long_lag.Schedule(1), loss="mse_last"),
         ValueError, r"train_alone: loss 'mse_last' needs a float y.*got a torch.int64 y \(4,\) and 4 outputs"),
        (lambda: long_lag.train(make_models("lstm", 4, 2, 4, n=1, seed=0), *delayed_recall(4, 3, symbols=3), long_lag.Schedule(1), loss="cross_entropy_each"),
         ValueError, r"train: loss 'cross_entropy_each' needs an integer y of classes \(4, 4\) \(an answer at every step\); got a torch.int64 y \(4,\)"),
        (lambda: long_lag.losses(make_models("lstm", 3, 2, 3, n=1, seed=0), *lagged_stream(4, 6, lag=2, symbols=3), loss="cross_entropy_last"),
         ValueError, r"losses: loss 'cross_entropy_last' needs an integer y of classes \(4,\) \(an answer at the last step\); got a torch.int64 y \(6, 4\)"),
        (lambda: long_lag.losses(make_models("lstm", 2, 2, 2, n=1, seed=0), adding(4, 5)[0], adding(4, 5)[1], loss="cross_entropy_last"),
         ValueError, r"losses: loss 'cross_entropy_last' needs an integer y of classes \(4,\) \(an answer at the last step\); got a torch.float32 y \(4,\)"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_batch_as_large_as_the_pool_is_the_whole_pool_every_step():
    # the pattern tasks train on one window per phase: every phase at every step, none repeated
    full = list(long_lag._batches(long_lag.Schedule(steps=3, batch=6), 6))
    assert all(r.tolist() == list(range(6)) for r in full)
    drawn = list(long_lag._batches(long_lag.Schedule(steps=3, batch=6), 100))
    assert all(len(r) == 6 for r in drawn) and len({tuple(r.tolist()) for r in drawn}) == 3
