"""The baseline table's readings follow its numbers."""

import numpy as np

from lstm_explained.experiments import lm_baselines
from lstm_explained.readings import lm_baselines as lm_baselines_readings


def made_up(ngrams, compressors=None, alone=None):
    return lm_baselines.Baselines(compressors or {}, alone or {}, ngrams, {}, np.zeros(1))


def test_the_readings_follow_the_numbers():
    r = lm_baselines_readings
    rising = made_up({2: 3.0, 5: 2.0, 9: 1.8})
    assert r.ngram_trend(rising) == "Each longer context helps, up to the longest counted here (9 characters)."
    assert r.ngram_trend(made_up({2: 3.0, 5: 2.0, 9: 2.1})) == "Longer contexts help up to order 5; beyond it the counts get too sparse."
    assert r.ngram_reading(rising, 1.9, 1.7).endswith("and with dynamic evaluation 0.100 fewer.")
    assert r.ngram_reading(rising, 1.9, 1.85).endswith("and with dynamic evaluation 0.050 more.")
    assert r.ngram_reading(rising, 1.7, 1.5).endswith("the LSTM needs 0.100 fewer even with its weights fixed.")
    copies = made_up({}, {lm_baselines.XZ: 1.4}, {lm_baselines.XZ: 1.95})
    assert f"saves {lm_baselines.XZ} 0.550 bits per character on the held-out modules (1.950 alone, 1.400 after)." in r.copy_reading(copies)
    assert "memory" in r.copy_reading(copies)
    small = r.copy_reading(made_up({}, {lm_baselines.XZ: 1.9}, {lm_baselines.XZ: 1.95}))
    assert small == f"Reading the training text first saves {lm_baselines.XZ} only 0.050 bits per character on the held-out modules (1.950 alone, 1.900 after)."


def test_the_standing_counts_the_baselines_and_names_the_best():
    r = lm_baselines_readings
    assert r.standing_sentence(made_up({5: 1.9}, {"gzip": 2.2}), 2.5) == "The LSTM needs 2.500 bits per character, as many as every one of the 2 baselines in the table or more."
    assert r.standing_sentence(made_up({5: 1.9}, {"gzip": 2.2}), 1.0).endswith("fewer than every one of the 2 baselines in the table.")
    mixed = r.standing_sentence(made_up({2: 3.0, 3: 2.6, 5: 1.9}, {"gzip": 2.2}), 2.5, lead="With dynamic evaluation, it")
    assert mixed == ("With dynamic evaluation, it needs 2.500 bits per character, fewer than 2 of the 4 baselines in the table and as many "
                     "or more than the other 2; the best of them, the Kneser-Ney 5-gram, needs 1.900.")
    # a tie counts as "as many": the LSTM does not beat a baseline it only equals
    assert "fewer than 1 of the 2 baselines" in r.standing_sentence(made_up({5: 1.9}, {"gzip": 2.2}), 1.9)
    compressor = r.standing_sentence(made_up({5: 2.4}, {"gzip": 2.2}), 2.3)
    assert compressor.endswith("the best of them, gzip, needs 2.200.")


def test_every_template_is_a_whole_sentence():
    for key, template in lm_baselines_readings.SENTENCES.items():
        assert template.endswith(".") and (template[0].isupper() or template.startswith("{")), key


def test_the_ngram_and_copy_readings_hold_at_ties_and_name_only_xz_s_window():
    import numpy as np

    from lstm_explained.experiments.lm_baselines import Baselines

    b = Baselines({}, {}, {9: 1.7}, {}, np.zeros(1))
    tied = lm_baselines_readings.ngram_reading(b, 1.7001, 1.6)
    assert "as many as the LSTM with its weights fixed" in tied and "0.000" not in tied
    assert "with dynamic evaluation as many" in lm_baselines_readings.ngram_reading(b, 1.9, 1.7002)
    gz = "gzip -9 (zlib)"
    other = lm_baselines_readings.copy_reading(Baselines({gz: 1.4}, {gz: 2.0}, {}, {}, np.zeros(1)), gz)
    assert "64 MiB" not in other and other.startswith(f"Reading the training text first saves {gz} 0.600")
