"""The soy-sauce stages of a live model, the order of the third brew, and the gate as a gain."""

import pytest
import torch

from lstm_explained import trace
from lstm_explained.experiments import analogy
from lstm_explained.models.toy import make_models
from lstm_explained.tasks.vocab import Vocab


def test_stages_are_the_traced_values_of_the_model():
    model = make_models("lstm", 3, 2, 3, n=1, seed=4)[0]
    vocab = Vocab("abB")
    found = analogy.stages(model, "abaBab", vocab)
    assert [s.t for s in found] == list(range(6)) and [s.read for s in found] == list("abaBab")
    with torch.no_grad():
        tr = trace(model.rnn, vocab.one_hot("abaBab"))
        probs = model.head(tr.h).softmax(-1)
    assert found[-1].c == tr.c[-1].tolist() and found[2].g == tr.g[2].tolist()
    assert found[-1].predicted == vocab.chars[int(probs[-1].argmax())]
    assert found[-1].probability == pytest.approx(probs[-1].max().item())
    assert [s.t for s in analogy.stages(model, "abaBab", vocab, last=2)] == [4, 5]


@pytest.mark.parametrize("call, error, message", [
    (lambda: analogy.stages(make_models("rnn", 3, 2, 3, n=1, seed=0)[0], "ab", Vocab("abB")), TypeError, "must be an LSTM ToyModel"),
    (lambda: analogy.stages(make_models("lstm", 3, 2, 3, n=1, seed=0)[0], "ab", Vocab("abB"), last=0), ValueError, "last must be a positive int"),
])
def test_stages_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_wrong_order_misses_and_the_right_one_reproduces_nn_lstm():
    torch.manual_seed(3)
    found = analogy.output_order(torch.nn.LSTM(3, 4), torch.randn(30, 3))
    assert found.gated_tanh_gap < 1e-6 < found.tanh_gated_gap
    assert found.largest_h_minus_o <= 0 < found.smallest_o < 1


def test_the_gate_as_gain_differs_from_the_mask_only_when_the_gate_is_partly_open():
    assert analogy.gate_as_gain(1.0, 2.0) == pytest.approx((torch.tanh(torch.tensor(2.0)).item(),) * 2)
    assert analogy.gate_as_gain(0.0, 5.0) == (0.0, 0.0)
    masked, gain = analogy.gate_as_gain(0.3, 10.0)
    assert masked <= 0.3 < gain
