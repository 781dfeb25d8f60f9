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
