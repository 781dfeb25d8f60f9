"""The corpus, the character model, its cache, its baselines and the probe report."""

import io
import tokenize
import warnings

import pytest
import torch

from lstm_explained import cache, charlm, corpus, probes


def test_corpus_is_deterministic_whole_files_that_tokenize():
    text = corpus.stdlib_source(150_000, seed=3)
    assert text == corpus.stdlib_source(150_000, seed=3)
    assert set(text) <= set(corpus.ALPHABET)
    list(tokenize.generate_tokens(io.StringIO(text).readline))  # raises if a file was cut
    train, valid = corpus.split(150_000, seed=3)
    assert train + corpus.SEPARATOR + valid == text and valid


@pytest.mark.parametrize("call, message", [(lambda: corpus.stdlib_source(0), "max_chars must be a positive int"), (lambda: corpus.stdlib_source(5), "smaller than the smallest module"), (lambda: corpus.split(100_000, valid_fraction=1.5), r"valid_fraction must be in \(0, 1\)")])
def test_corpus_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_ngram_baselines():
    # add-one over the 97-character alphabet: p(a) = p(b) = 5 / 105
    assert charlm.ngram_bits_per_char("abababab", "abab", order=1) == pytest.approx(-__import__("math").log2(5 / 105), abs=1e-9)
    text = "the cat sat on the mat. " * 50
    uni, tri = (charlm.ngram_bits_per_char(text, text[:200], order=k) for k in (1, 3))
    assert tri < uni / 2
    with pytest.raises(ValueError, match="order must be a positive int"):
        charlm.ngram_bits_per_char("ab", "ab", order=0)


def test_tiny_training_lowers_the_loss_and_is_cached(monkeypatch):
    model, record = charlm.pretrained("tiny")
    losses = record["train_loss"]
    assert losses[-5:].mean() < losses[:5].mean()
    assert set(record["baselines"]) == {"1-gram", "3-gram", "5-gram"} and record["valid_bpc"] > 0

    def fail(*args, **kwargs):
        raise AssertionError("trained again although the result is cached")

    monkeypatch.setattr(charlm, "train", fail)
    again, _ = charlm.pretrained("tiny")
    for a, b in zip(model.parameters(), again.parameters()):
        assert torch.equal(a, b)


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
    with pytest.raises(ValueError, match="unknown config 'huge'"):
        charlm.pretrained("huge")


def test_sampling_is_seeded_and_argmax_is_deterministic():
    model, _ = charlm.pretrained("tiny")
    assert charlm.sample(model, "def ", 20) == charlm.sample(model, "def ", 20, seed=5)
    one, two = (charlm.sample(model, "def ", 40, temperature=1.0, seed=s) for s in (1, 1))
    assert one == two and len(one) == 40 and set(one) <= set(corpus.ALPHABET)
    with pytest.raises(ValueError, match="temperature must be positive"):
        charlm.sample(model, "x", 5, temperature=0)


def test_report_has_one_row_per_feature_with_correlations_in_range():
    model, _ = charlm.pretrained("tiny")
    text = corpus.split(200_000)[1]
    rows = probes.report(model, text)
    assert [r.feature for r in rows] == list(probes.FEATURES)
    for r in rows:
        assert 0 <= r.unit < model.lstm.hidden_size and r.state in ("c", "tanh(c)")
        assert all(-1 <= v <= 1 for v in (r.r, r.control_r, r.probe_r))


def test_report_names_features_that_never_change():
    model, _ = charlm.pretrained("tiny")
    with pytest.raises(ValueError, match=r"\['in_string', 'in_docstring', 'in_short_string', 'in_comment', 'indent', 'bracket_depth'\] never change over one half"):
        probes.report(model, "x = 1\ny = [2]\n")


def test_report_leaves_the_callers_random_state_alone():
    model, _ = charlm.pretrained("tiny")
    state = torch.random.get_rng_state()
    probes.report(model, corpus.split(200_000)[1], length=4000)
    assert torch.equal(torch.random.get_rng_state(), state)
