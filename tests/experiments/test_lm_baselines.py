"""The baseline table is what the compressors and the n-grams give, computed once."""

import numpy as np
import pytest

from lstm_explained.experiments import lm_baselines
from lstm_explained.models import compression
from lstm_explained.tasks import corpus
from lstm_explained.models.ngram import KneserNey


def test_baselines_are_the_direct_computations_and_are_cached(monkeypatch):
    split = corpus.split(20_000, max_train_chars=50_000)
    b = lm_baselines.baselines(split, orders=(2, 4))
    assert b.compressors["gzip -9 (zlib)"] == compression.conditional_bits_per_char(split.train, split.valid, "gzip -9 (zlib)")
    assert b.compressors_alone["xz -9e (lzma)"] == compression.conditional_bits_per_char("", split.valid, "xz -9e (lzma)")
    assert b.ngrams[4] == pytest.approx(KneserNey(split.train, 4).bits_per_char(split.valid))
    np.testing.assert_allclose(b.best_ngram_char_bits, KneserNey(split.train, b.best_ngram_order).char_bits(split.valid), rtol=1e-6)
    assert [name for name, _ in b.rows()] == list(compression.COMPRESSORS) + ["2-gram, Kneser-Ney", "4-gram, Kneser-Ney"]

    def fail(*args, **kwargs):
        raise AssertionError("computed again although the result is cached")

    monkeypatch.setattr(compression, "conditional_bits_per_char", fail)
    assert lm_baselines.baselines(split, orders=(2, 4)).ngrams == b.ngrams


def made_up(ngrams, compressors=None, alone=None):
    return lm_baselines.Baselines(compressors or {}, alone or {}, ngrams, {}, np.zeros(1))


def test_the_readings_follow_the_numbers():
    rising = made_up({2: 3.0, 5: 2.0, 9: 1.8})
    assert rising.ngram_trend().startswith("each longer context helps") and "(9 characters)" in rising.ngram_trend()
    assert made_up({2: 3.0, 5: 2.0, 9: 2.1}).ngram_trend() == "longer contexts help up to order 5, then the counts get too sparse"
    assert rising.ngram_reading(1.9, 1.7).endswith("and with dynamic evaluation 0.100 fewer")
    assert rising.ngram_reading(1.9, 1.85).endswith("and with dynamic evaluation 0.050 more")
    assert rising.ngram_reading(1.7, 1.5).startswith("the LSTM needs fewer bits than every one of them, 0.100 fewer")
    copies = made_up({}, {lm_baselines.XZ: 1.4}, {lm_baselines.XZ: 1.95})
    assert "worth 0.550 bits per character" in copies.copy_reading()
    assert made_up({}, {lm_baselines.XZ: 1.9}, {lm_baselines.XZ: 1.95}).copy_reading() == "the training text is worth only 0.050 bits per character to it"
    assert made_up({5: 1.9}, {"gzip": 2.2}).standing_sentence(2.5) == "fewer bits than none of the baselines; as many or more than gzip, 5-gram, Kneser-Ney"
