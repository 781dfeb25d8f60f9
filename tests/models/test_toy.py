"""The toy model: seeded construction, and the same logits through the cell equations."""

import pytest
import torch

from lstm_explained.models.toy import ToyModel, make_models
from lstm_explained.tasks import toy
from lstm_explained.training.one_by_one import train_one_by_one


def task(pattern="abcabC"):
    x, y, vocab = toy.next_char_task(toy.sequence(pattern, 10))
    return x, y, len(vocab)


def max_param_gap(a, b):
    return max((p - q).abs().max().item() for ma, mb in zip(a, b) for p, q in zip(ma.parameters(), mb.parameters()))


def test_make_models_is_seeded_and_leaves_the_global_rng_alone():
    state = torch.random.get_rng_state()
    a = make_models("rnn", 4, 3, 4, n=3, seed=7)
    assert torch.equal(torch.random.get_rng_state(), state)
    b = make_models("rnn", 4, 3, 4, n=3, seed=7)
    c = make_models("rnn", 4, 3, 4, n=3, seed=8)
    assert max_param_gap(a, b) == 0 and max_param_gap(a, c) > 0
    assert max_param_gap(a[:1], a[1:2]) > 0


def test_training_by_hand_through_the_cell_equations_matches_nn_rnn():
    from lstm_explained import trace

    x, y, v = task("abcabC")
    by_hand = [m.double() for m in make_models("rnn", v, 3, v, n=1, seed=2)]
    by_torch = [m.double() for m in make_models("rnn", v, 3, v, n=1, seed=2)]
    h_hand = train_one_by_one(by_hand, x.double(), y, 15, forward=lambda m, x: m.head(trace(m.rnn, x).h))
    h_torch = train_one_by_one(by_torch, x.double(), y, 15)
    torch.testing.assert_close(h_hand, h_torch, atol=1e-10, rtol=0)



def test_a_stacked_toy_model_reads_its_last_layer_and_the_packed_trainer_refuses_it():
    from lstm_explained.training.packed import train

    torch.manual_seed(0)
    model = ToyModel("rnn", 3, 4, 3, num_layers=2)
    x, y = torch.eye(3)[[0, 1, 2, 0]], torch.tensor([1, 2, 0, 1])
    assert model.rnn.num_layers == 2
    assert torch.allclose(model(x), model.by_equations(x), atol=1e-6)
    with pytest.raises(ValueError, match="train: packs one-layer models only, got num_layers=2"):
        train([model], x, y, epochs=1)
    assert train_one_by_one([model], x, y, epochs=2).shape == (2, 1)
    with pytest.raises(ValueError, match="ToyModel: num_layers must be a positive int"):
        ToyModel("rnn", 3, 4, 3, num_layers=0)
