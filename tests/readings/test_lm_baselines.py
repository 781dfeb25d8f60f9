"""The baseline table's readings follow its numbers."""

import numpy as np

from lstm_explained.experiments import lm_baselines
from lstm_explained.readings import lm_baselines as lm_baselines_readings


def made_up(ngrams, compressors=None, alone=None):
    return lm_baselines.Baselines(compressors or {}, alone or {}, ngrams, {}, np.zeros(1))


def test_the_readings_follow_the_numbers():
    r = lm_baselines_readings
    rising = made_up({2: 3.0, 5: 2.0, 9: 1.8})
    assert r.ngram_trend(rising).startswith("each longer context helps") and "(9 characters)" in r.ngram_trend(rising)
    assert r.ngram_trend(made_up({2: 3.0, 5: 2.0, 9: 2.1})) == "longer contexts help up to order 5, then the counts get too sparse"
    assert r.ngram_reading(rising, 1.9, 1.7).endswith("and with dynamic evaluation 0.100 fewer")
    assert r.ngram_reading(rising, 1.9, 1.85).endswith("and with dynamic evaluation 0.050 more")
    assert r.ngram_reading(rising, 1.7, 1.5).startswith("the LSTM needs fewer bits than every one of them, 0.100 fewer")
    copies = made_up({}, {lm_baselines.XZ: 1.4}, {lm_baselines.XZ: 1.95})
    assert "needs 0.550 fewer bits per character" in r.copy_reading(copies)
    assert r.copy_reading(made_up({}, {lm_baselines.XZ: 1.9}, {lm_baselines.XZ: 1.95})) == "the training text is worth only 0.050 bits per character to it"
    assert r.standing_sentence(made_up({5: 1.9}, {"gzip": 2.2}), 2.5) == "it needs as many bits as every baseline or more"
    mixed = r.standing_sentence(made_up({2: 3.0, 3: 2.6, 5: 1.9}, {"gzip": 2.2}), 2.5)
    assert mixed == "it needs fewer bits than the Kneser-Ney 2- and 3-grams, and as many or more than gzip and the Kneser-Ney 5-gram"
    assert ", Kneser-Ney" not in mixed  # a name's own comma never splits the list
