"""The hello experiments: the recurrence cut, the lecture's model, the word model and the writings it makes."""

import math

import pytest
import torch

from lstm_explained.experiments import hello as runs
from lstm_explained.models.toy import ToyModel
from lstm_explained.tasks import hello, toy


def test_without_recurrence_is_the_model_with_w_hh_and_state_gone():
    torch.manual_seed(0)
    model = ToyModel("rnn", 4, 3, 4)
    x = hello.VOCAB.one_hot("hellohe")
    cut = ToyModel("rnn", 4, 3, 4)
    cut.load_state_dict(model.state_dict())
    with torch.no_grad():
        cut.rnn.weight_hh_l0.zero_()
        assert torch.allclose(runs.without_recurrence(model, x), cut(x), atol=1e-6)


def test_the_lecture_model_needs_its_recurrence_for_the_second_l():
    run = runs.lecture_run(steps=150)
    right, flat = run.correct()
    assert right == 4
    assert flat <= 3  # both l steps get the same scores without the past, so one of them is wrong
    x = hello.VOCAB.one_hot("hell")
    with torch.no_grad():
        scores = runs.without_recurrence(run.flat, x)
    assert torch.equal(scores[2], scores[3])
    assert run.flat.rnn.weight_hh_l0.equal(run.untrained.rnn.weight_hh_l0)  # never trained: no gradient reaches it


def test_the_word_model_is_scored_on_a_stream_it_did_not_train_on():
    run = runs.word_model(n_words=30, steps=40, hidden=8)
    x, y, _ = toy.next_char_task(hello.word_stream(30, 1), hello.VOCAB)
    with torch.no_grad():
        bits = torch.nn.functional.cross_entropy(run.model(x), y).item() / math.log(2)
    assert run.held_out_bits == pytest.approx(bits)
    assert run.train_bits == pytest.approx(run.loss[-1].item() / math.log(2)) and run.loss[-1] < run.loss[0]
    stacked = runs.word_model(num_layers=2, n_words=30, steps=5, hidden=8)
    assert stacked.model.rnn.num_layers == 2


def test_writing_counts_words_and_distance():
    w = runs.Writing("sample", "one-hot", ["ellohell", "oleheelh", "eeehole"])
    # complete words: the text's last piece may be cut off, so it is not counted
    assert w.words == ["hello", "hole", "heel", "heee"]
    assert w.only_real == [True, True, False] and w.distinct == 3
    assert w.shares == {"hello": 0.25, "hole": 0.25, "heel": 0.25, "heee": 0.25}
    # three words at the language's share; hell's quarter is missing and heee's is extra
    assert w.distance == pytest.approx(0.25)


def test_writing_from_a_model_is_seeded_per_text():
    torch.manual_seed(1)
    model = ToyModel("rnn", 4, 5, 4)
    a = runs.writing(model, pick="sample", n=5, length=20)
    assert a.texts == runs.writing(model, pick="sample", n=5, length=20).texts
    assert len(set(a.texts)) > 1 and runs.writing(model, pick="greedy", n=5, length=20).distinct == 1
    with pytest.raises(ValueError, match="writing: pick must be one of"):
        runs.writing(model, pick="top-k")
