"""The character model: training, its cache, its scores with and without dynamic evaluation."""

import math
import warnings

import pytest
import torch
from torch.nn import functional as F

from lstm_explained import cache, charlm, corpus


def test_tiny_training_lowers_the_loss_and_is_cached(monkeypatch):
    model, record = charlm.pretrained("tiny")
    assert isinstance(record, charlm.Record)
    assert record.train_loss[-5:].mean() < record.train_loss[:5].mean()
    split = charlm.data_split("tiny")
    assert (record.train_chars, record.valid_chars, record.valid_files) == (len(split.train), len(split.valid), len(split.valid_files))
    assert record.valid_bpc == pytest.approx(charlm.bits_per_char(model, split.valid), abs=1e-5)
    assert 0 < record.dynamic_bpc < 8

    def fail(*args, **kwargs):
        raise AssertionError("trained again although the result is cached")

    monkeypatch.setattr(charlm, "train", fail)
    again, _ = charlm.pretrained("tiny")
    for a, b in zip(model.parameters(), again.parameters()):
        assert torch.equal(a, b)


def test_char_bits_is_the_cross_entropy_of_each_next_character():
    model, _ = charlm.pretrained("tiny")
    text = "def f(x):\n    return [x, 'y']\n"
    with torch.no_grad():
        logits, _ = model(model.one_hot(text[:-1]).unsqueeze(1))
    expected = F.cross_entropy(logits[:, 0], model.vocab.encode(text[1:]), reduction="none") / math.log(2)
    torch.testing.assert_close(charlm.char_bits(model, text, chunk=7), expected, atol=1e-5, rtol=1e-5)


def test_dynamic_evaluation_codes_each_character_before_learning_from_it():
    """The first segment is coded by the untouched model; only later ones by an adapted one."""
    model, _ = charlm.pretrained("tiny")
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
        (lambda m: charlm.pretrained("huge"), "unknown config 'huge'"),
    ],
)
def test_bad_input(call, message):
    model, _ = charlm.pretrained("tiny")
    with pytest.raises(ValueError, match=message):
        call(model)


def test_too_little_text_for_the_streams_is_refused():
    tiny = charlm.CONFIGS["tiny"]
    small = corpus.split(20_000, max_train_chars=300)
    with pytest.raises(ValueError, match="too few for 8 streams of 51"):
        charlm.train(tiny, small)


def test_a_corrupt_weights_file_is_retrained_not_trusted():
    charlm.pretrained("tiny")
    (path,) = cache.folder().glob("charlm-*.pt")
    path.write_bytes(path.read_bytes()[:100])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model, _ = charlm.pretrained("tiny")
    assert any("unreadable" in str(w.message) for w in caught)
    assert isinstance(model, charlm.CharLM)


def test_a_different_config_is_a_different_model():
    tiny = charlm.CONFIGS["tiny"]
    other = charlm.Config(**{**tiny.__dict__, "seed": 1})
    a, _ = charlm.pretrained(tiny)
    b, _ = charlm.pretrained(other)
    assert not torch.equal(a.head.weight, b.head.weight)


def test_the_schedule_warms_up_then_decays_to_zero():
    config = charlm.Config(steps=100, warmup=10)
    factors = [charlm._schedule(step, config) for step in range(100)]
    assert factors[0] == pytest.approx(0.1) and factors[9] == pytest.approx(1.0)
    assert all(a >= b for a, b in zip(factors[9:], factors[10:])) and factors[-1] < 0.01


def test_sampling_is_seeded_and_argmax_is_deterministic():
    model, _ = charlm.pretrained("tiny")
    assert charlm.sample(model, "def ", 20) == charlm.sample(model, "def ", 20, seed=5)
    one, two = (charlm.sample(model, "def ", 40, temperature=1.0, seed=s) for s in (1, 1))
    assert one == two and len(one) == 40 and set(one) <= set(corpus.ALPHABET)


def test_the_quoted_seed_record_is_for_the_configuration_the_chapter_trains():
    """The chapter quotes benchmarks/charlm_seeds.py's record; a changed recipe must be measured again."""
    import json
    from dataclasses import asdict
    from pathlib import Path

    record = json.loads((Path(__file__).resolve().parents[1] / "docs" / "data" / "charlm_seeds.json").read_text())
    assert record["config"] == asdict(charlm.CONFIGS["default"]), "rerun: python benchmarks/charlm_seeds.py"
    assert len({r["seed"] for r in record["runs"]}) >= 3
    assert all(0 < r["dynamic_bpc"] <= r["valid_bpc"] < 8 for r in record["runs"])
