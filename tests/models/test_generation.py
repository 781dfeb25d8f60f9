"""generate: greedy writing is the model's own argmax, sampling is seeded, soft feedback feeds the softmax."""

import pytest
import torch

from lstm_explained.models.generation import generate
from lstm_explained.models.toy import ToyModel
from lstm_explained.tasks.vocab import Vocab

VOCAB = Vocab("helo")


def _model(seed=0):
    torch.manual_seed(seed)
    return ToyModel("rnn", 4, 6, 4)


def test_greedy_writes_the_argmax_of_the_model_reading_its_own_text():
    model = _model()
    text = generate(model, VOCAB, "he", 15, pick="greedy")
    whole = "he" + text
    with torch.no_grad():
        top = model(VOCAB.one_hot(whole[:-1])).argmax(-1)
    assert VOCAB.decode(top[1:]) == text  # each written char is the top score after reading all before it


def test_sampling_draws_from_the_softmax_with_its_seed():
    model = _model()
    texts = [generate(model, VOCAB, "h", 30, seed=s) for s in range(20)]
    assert texts[3] == generate(model, VOCAB, "h", 30, seed=3)
    assert len(set(texts)) > 10
    # the first character's frequencies follow the first softmax
    with torch.no_grad():
        p = model(VOCAB.one_hot("h"))[-1].softmax(-1)
    firsts = [generate(model, VOCAB, "h", 1, seed=s) for s in range(2000)]
    for k, ch in enumerate(VOCAB.chars):
        assert firsts.count(ch) / 2000 == pytest.approx(p[k].item(), abs=0.04)


def test_soft_feedback_feeds_the_softmax_vector():
    model = _model()
    written = generate(model, VOCAB, "h", 2, feed="soft", seed=5)
    with torch.no_grad():
        hidden, state = model.rnn(VOCAB.one_hot("h"))
        p = model.head(hidden[-1]).softmax(-1)
        hidden, _ = model.rnn(p[None], state)
        second = model.head(hidden[-1]).softmax(-1)
    # the same draws from the same generator reproduce the second character from the softmax-fed state
    draw = torch.Generator().manual_seed(5)
    first = int(torch.multinomial(p, 1, generator=draw))
    assert written == VOCAB.chars[first] + VOCAB.chars[int(torch.multinomial(second, 1, generator=draw))]


def test_bad_requests_are_named():
    model = _model()
    with pytest.raises(ValueError, match="the model reads 4 and scores 4 characters, but the vocabulary 'ab' has 2"):
        generate(model, Vocab("ab"), "a", 3)
    with pytest.raises(ValueError, match="generate: pick must be one of"):
        generate(model, VOCAB, "h", 3, pick="beam")
    with pytest.raises(ValueError, match="generate: feed must be one of"):
        generate(model, VOCAB, "h", 3, feed="dense")
    with pytest.raises(ValueError, match="generate: prompt must be a str of at least 1"):
        generate(model, VOCAB, "", 3)
    with pytest.raises(ValueError, match="not in the vocabulary"):
        generate(model, VOCAB, "hx", 3)
