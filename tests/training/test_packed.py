"""The packed trainer leaves every model exactly where the lecture's loop would take it alone."""

import pytest
import torch

from lstm_explained.models.cell_layer import CELL_KINDS
from lstm_explained.models.toy import make_models
from lstm_explained.tasks import toy
from lstm_explained.training.one_by_one import train_one_by_one
from lstm_explained.training.packed import train


def task(pattern="abcabC"):
    x, y, vocab = toy.next_char_task(toy.sequence(pattern, 10))
    return x, y, len(vocab)


def max_param_gap(a, b):
    return max((p - q).abs().max().item() for ma, mb in zip(a, b) for p, q in zip(ma.parameters(), mb.parameters()))


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("seed", [0, 1])
def test_float64_training_matches_the_lecture_loop_to_rounding(kind, seed):
    x, y, v = task()
    together = [m.double() for m in make_models(kind, v, 3, v, n=5, seed=seed)]
    alone = [m.double() for m in make_models(kind, v, 3, v, n=5, seed=seed)]
    h_together = train(together, x.double(), y, epochs=60)
    h_alone = train_one_by_one(alone, x.double(), y, epochs=60)
    assert h_together.shape == (60, 5)
    torch.testing.assert_close(h_together, h_alone, atol=1e-10, rtol=0)
    assert max_param_gap(together, alone) < 1e-9


@pytest.mark.parametrize("kind, pattern, hidden", [("rnn", "abcabC", 3), ("lstm", "abcabC", 3), ("rnn", "abcdabcD", 4), ("lstm", "abcdabcD", 4)])
def test_float32_training_matches_within_1e_4_after_tens_of_epochs(kind, pattern, hidden):
    x, y, v = task(pattern)
    together = make_models(kind, v, hidden, v, n=6, seed=3)
    alone = make_models(kind, v, hidden, v, n=6, seed=3)
    train(together, x, y, epochs=40)
    train_one_by_one(alone, x, y, epochs=40)
    assert max_param_gap(together, alone) < 1e-4


@pytest.mark.parametrize("kind", sorted(CELL_KINDS))
def test_every_cell_kind_trains_packed_as_it_would_alone(kind):
    # float32, 30 epochs of abcabC: the cells torch.nn does not have, stepped by their own functions
    x, y, v = task()
    together, alone = make_models(kind, v, 4, v, n=4, seed=6), make_models(kind, v, 4, v, n=4, seed=6)
    h_together = train(together, x, y, epochs=30)
    h_alone = train_one_by_one(alone, x, y, epochs=30)
    torch.testing.assert_close(h_together, h_alone, atol=1e-5, rtol=0)
    assert max_param_gap(together, alone) < 1e-4
    assert h_together[-1].mean() < h_together[0].mean()


def test_training_lowers_the_loss_and_changes_the_models():
    x, y, v = task()
    models = make_models("lstm", v, 3, v, n=3, seed=0)
    before = [m.rnn.weight_hh_l0.detach().clone() for m in models]
    history = train(models, x, y, epochs=80)
    assert (history[-1] < history[0] / 2).all()
    assert all(not torch.equal(b, m.rnn.weight_hh_l0) for b, m in zip(before, models))


def test_models_do_not_leak_into_each_other():
    """Training a model with others gives the same result as training it with different others."""
    x, y, v = task()
    a = make_models("lstm", v, 3, v, n=4, seed=0)
    b = make_models("lstm", v, 3, v, n=4, seed=0)[:1] + make_models("lstm", v, 3, v, n=3, seed=9)
    a = [m.double() for m in a]
    b = [m.double() for m in b]
    train(a, x.double(), y, epochs=30)
    train(b, x.double(), y, epochs=30)
    assert max_param_gap(a[:1], b[:1]) < 1e-10


def test_train_restores_the_thread_setting():
    x, y, v = task()
    before = torch.get_num_threads()
    train(make_models("rnn", v, 3, v, n=2, seed=0), x, y, epochs=2, threads=1)
    assert torch.get_num_threads() == before


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: make_models("cnn", 4, 3, 4, 2, 0), ValueError, "make_models: kind must be one of 'rnn', 'lstm', 'gru', 'peephole', .*, got 'cnn'"),
        (lambda: make_models("rnn", 4, 0, 4, 2, 0), ValueError, "hidden_size must be a positive int, got 0"),
        (lambda: train([], torch.zeros(3, 4), torch.zeros(3, dtype=torch.long), 1), ValueError, "models is empty"),
        (lambda: train(make_models("rnn", 4, 3, 4, 1, 0) + make_models("lstm", 4, 3, 4, 1, 0), torch.zeros(3, 4), torch.zeros(3, dtype=torch.long), 1), ValueError, "same kind and sizes"),
        (lambda: train(make_models("rnn", 4, 3, 4, 1, 0), torch.zeros(3, 5), torch.zeros(3, dtype=torch.long), 1), ValueError, r"x must be \(seq_len, 4\), got \(3, 5\)"),
        (lambda: train(make_models("rnn", 4, 3, 4, 1, 0), torch.zeros(3, 4), torch.zeros(2, dtype=torch.long), 1), ValueError, r"y must be \(3,\) class indices"),
        (lambda: train(make_models("rnn", 4, 3, 4, 1, 0), torch.zeros(3, 4), torch.tensor([0, 1, 4]), 1), ValueError, r"integer classes in 0..3"),
        (lambda: train(make_models("rnn", 4, 3, 4, 1, 0), torch.zeros(3, 4), torch.zeros(3, dtype=torch.long), 0), ValueError, "epochs must be a positive int, got 0"),
        (lambda: train(make_models("rnn", 4, 3, 4, 1, 0), torch.zeros(3, 4), torch.zeros(3, dtype=torch.long), 1, threads=0), ValueError, "train: threads must be a positive int, got 0"),
        (lambda: train([torch.nn.Linear(2, 2)], torch.zeros(3, 4), torch.zeros(3, dtype=torch.long), 1), TypeError, "every model must be a ToyModel"),
    ],
)
def test_bad_input_names_the_problem(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_checkpoints_see_the_models_as_they_are_at_that_epoch():
    x, y, v = task()
    models = make_models("lstm", v, 3, v, n=2, seed=0)
    reference = make_models("lstm", v, 3, v, n=2, seed=0)
    seen = {}
    train(models, x, y, epochs=12, checkpoints=[5, 12], on_checkpoint=lambda e: seen.update({e: [m.rnn.weight_ih_l0.detach().clone() for m in models]}))
    train(reference, x, y, epochs=5)
    assert sorted(seen) == [5, 12]
    assert all(torch.allclose(a, m.rnn.weight_ih_l0, atol=1e-6) for a, m in zip(seen[5], reference))
    assert all(torch.equal(a, m.rnn.weight_ih_l0) for a, m in zip(seen[12], models))


def test_checkpoints_outside_the_run_are_rejected():
    x, y, v = task()
    with pytest.raises(ValueError, match=r"checkpoints must be epochs in 1..3, got \[4\]"):
        train(make_models("rnn", v, 3, v, n=1, seed=0), x, y, epochs=3, checkpoints=[4], on_checkpoint=print)

