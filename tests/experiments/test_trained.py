"""Single trained toy models: cached, and chosen by whether they remember, with every seed tried reported."""

import pytest
import torch

from lstm_explained.experiments import trained
from lstm_explained.tasks import toy


def test_a_trained_model_is_cached_and_loaded_back_the_same():
    first, vocab, loss = trained.trained_model("gru", "abaB", hidden=2, steps=30, seed=1)
    again, _, loss_again = trained.trained_model("gru", "abaB", hidden=2, steps=30, seed=1)
    assert first is not again and torch.equal(loss, loss_again)
    for a, b in zip(first.parameters(), again.parameters()):
        assert torch.equal(a, b)
    assert vocab.chars == "abB" and loss[-1] < loss[0]


def test_the_chosen_model_remembers_and_the_ones_before_it_did_not():
    chosen = trained.first_that_remembers("lstm", "abaB", hidden=2, steps=300, seeds=range(3))
    x, y, _ = toy.next_char_task(toy.sequence("abaB"))
    ambiguous = toy.ambiguous_steps(toy.sequence("abaB"))
    with torch.no_grad():
        assert toy.remembers(chosen.model(x), y, ambiguous, period=4)
    assert chosen.tried[-1] == (chosen.seed, True) and all(not ok for _, ok in chosen.tried[:-1])
    assert chosen.stuck == len(chosen.tried) - 1


def test_no_seed_that_remembers_is_an_error_that_lists_them():
    with pytest.raises(RuntimeError, match=r"none of the seeds \[0\] learned 'abaB'"):
        trained.first_that_remembers("rnn", "abaB", hidden=1, steps=2, seeds=range(1))
