"""The character model's scores, with and without dynamic evaluation, and its samples."""

import math

import pytest
import torch
from torch.nn import functional as F

from lstm_explained.experiments.language_model import pretrained
from lstm_explained.models import charlm
from lstm_explained.tasks import corpus


def test_char_bits_is_the_cross_entropy_of_each_next_character():
    model, _ = pretrained("tiny")
    text = "def f(x):\n    return [x, 'y']\n"
    with torch.no_grad():
        logits, _ = model(model.one_hot(text[:-1]).unsqueeze(1))
    expected = F.cross_entropy(logits[:, 0], model.vocab.encode(text[1:]), reduction="none") / math.log(2)
    torch.testing.assert_close(charlm.char_bits(model, text, chunk=7), expected, atol=1e-5, rtol=1e-5)


def test_dynamic_evaluation_codes_each_character_before_learning_from_it():
    """The first segment is coded by the untouched model; only later ones by an adapted one."""
    model, _ = pretrained("tiny")
    text = "x = 1\n" * 30
    static = charlm.char_bits(model, text)
    dynamic = charlm.dynamic_char_bits(model, text, lr=1.0, segment=12)
    torch.testing.assert_close(dynamic[:12], static[:12], atol=1e-5, rtol=1e-5)
    assert dynamic[12:].mean() < static[12:].mean()
    assert torch.equal(charlm.char_bits(model, text), static)  # the model itself is left alone


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda m: charlm.dynamic_char_bits(m, "abc", lr=0.1, segment=0), "segment must be a positive int"),
        (lambda m: charlm.dynamic_char_bits(m, "abc", lr=-1.0, segment=5), "lr must be >= 0"),
        (lambda m: charlm.char_bits(m, "a"), "at least 2 characters"),
        (lambda m: charlm.sample(m, "x", 5, temperature=0), "temperature must be positive"),
        (lambda m: pretrained("huge"), "unknown config 'huge'"),
    ],
)
def test_bad_input(call, message):
    model, _ = pretrained("tiny")
    with pytest.raises(ValueError, match=message):
        call(model)


def test_sampling_is_seeded_and_argmax_is_deterministic():
    model, _ = pretrained("tiny")
    assert charlm.sample(model, "def ", 20) == charlm.sample(model, "def ", 20, seed=5)
    one, two = (charlm.sample(model, "def ", 40, temperature=1.0, seed=s) for s in (1, 1))
    assert one == two and len(one) == 40 and set(one) <= set(corpus.ALPHABET)
