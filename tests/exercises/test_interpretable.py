"""The readable-cells chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import math
from statistics import NormalDist

import numpy as np
import pytest

from lstm_explained.exercises import interpretable as ex
from lstm_explained.models.compression import COMPRESSORS
from lstm_explained.tasks import corpus
from lstm_explained.tasks.code_features import scan

GZIP, XZ = "gzip -9 (zlib)", "xz -9e (lzma)"


def test_an_untrained_model_codes_about_as_well_as_the_uniform_code():
    found = ex.untrained_bits(hidden=256, chars=2_000)
    assert found.uniform == pytest.approx(math.log2(len(set(corpus.ALPHABET))), abs=1e-12)
    assert found.uniform < 8  # fewer characters than byte values
    assert abs(found.untrained - found.uniform) < 0.1
    assert found.chars == 2_000


def test_a_copy_helps_gzip_only_within_its_window_and_xz_beyond_it():
    assert {GZIP, XZ} <= set(COMPRESSORS)
    assert ex.GZIP_WINDOW == 32_768 and 40_000 + 2_000 > ex.GZIP_WINDOW  # the exercise's copy is out of reach
    gzip, xz = ex.copy_bits(GZIP), ex.copy_bits(XZ)
    assert gzip.near < 0.5 and xz.near < 0.5 and xz.far < 0.5  # a pointer back costs little
    assert gzip.far == pytest.approx(gzip.without, abs=0.1)  # the copy it cannot reach is no help
    assert gzip.without > 2 and xz.without > 2
    # a gap inside the window: gzip reaches the copy again
    assert ex.copy_bits(GZIP, gap=20_000).far < 0.5


@pytest.mark.parametrize("distance", [3, 5, 7])
def test_each_closing_bracket_is_distance_characters_after_its_opening(distance):
    text = ex.bracket_text(50, distance, seed=3)
    found = scan(text)  # the chapter's own measure of bracket distance
    closers = [k for k, ch in enumerate(text) if ch in ")]"]
    assert len(closers) == 50 and all(found.close_distance[k] == distance for k in closers)
    assert {text[k - distance] + text[k] for k in closers} <= {"()", "[]"}


@pytest.mark.parametrize("distance", [3, 5, 7])
def test_an_ngram_sees_the_opening_bracket_from_order_distance_plus_one(distance):
    bits = ex.closing_bits(distance=distance)
    # order 1: a closing bracket of one kind is 1 of 2 (distance + 2) characters
    assert bits[1] == pytest.approx(math.log2(2 * (distance + 2)), abs=0.02)
    for n in range(2, distance + 1):
        # n - 1 a's occur distance - n + 1 times a line, once before the bracket; then one bit for its kind
        assert bits[n] == pytest.approx(1 + math.log2(distance - n + 1), abs=0.02)
    assert all(bits[n] < 0.05 for n in bits if n > distance)
    assert ex.first_order_below(bits) == distance + 1


def test_the_first_order_below_counts_a_tie_as_not_below():
    assert ex.first_order_below({5: 0.5}) is None
    assert ex.first_order_below({7: 0.1, 6: 0.2, 2: 3.0}) == 6


def test_choosing_among_noise_inflates_a_correlation_and_slow_noise_more():
    white, slow = ex.chance_correlation(slowness=0.0), ex.chance_correlation(slowness=0.99)
    n = len(ex.module_text()) // 2
    # the median of the largest |r| of 256 white-noise cells, each r ~ N(0, 1/n)
    assert white.white_median == pytest.approx(
        NormalDist().inv_cdf((1 + 0.5 ** (1 / 256)) / 2) / math.sqrt(n), rel=1e-6
    )
    assert 0.6 < white.select_r / white.white_median < 1.5
    assert white.score_r < 4 / math.sqrt(n)  # fresh text: back to chance
    assert white.select_r > white.score_r and slow.select_r > slow.score_r
    assert slow.select_r > 3 * white.white_median


def test_the_largest_of_many_white_noise_correlations_has_the_stated_median():
    # an independent draw of the null: 300 texts of 256 cells
    rng = np.random.default_rng(0)
    n, cells = 400, 256
    feature = rng.standard_normal(n)
    largest = [np.abs(rng.standard_normal((cells, n)) @ (feature - feature.mean())).max() for _ in range(300)]
    largest = np.array(largest) / np.linalg.norm(feature - feature.mean()) / math.sqrt(n)
    assert np.median(largest) == pytest.approx(
        NormalDist().inv_cdf((1 + 0.5 ** (1 / cells)) / 2) / math.sqrt(n), rel=0.05
    )


@pytest.mark.parametrize("seed", range(3))
def test_a_feature_spread_over_cells_reaches_the_probe_and_not_one_cell(seed):
    found = ex.spread_feature(cells=8, noise=2.0, seed=seed)
    assert found.single_formula == pytest.approx(1 / math.sqrt(5))
    assert found.probe_formula == pytest.approx(1 / math.sqrt(1.5))
    assert found.single_r == pytest.approx(found.single_formula, abs=0.05)
    assert found.probe_r == pytest.approx(found.probe_formula, abs=0.05)
    assert ex.side_of(found.single_r) == "falls short of" and ex.side_of(found.probe_r) == "reaches"


def test_side_of_counts_a_tie_as_reaching_the_threshold():
    assert ex.side_of(0.7) == ex.side_of(-0.7) == "reaches"
    assert ex.side_of(0.6999) == "falls short of"
    assert ex.side_of(0.0, threshold=0.0) == "reaches"


def test_bad_settings_are_named():
    with pytest.raises(ValueError, match="module_text: name must be a module of the corpus, .*got 'nope.py'"):
        ex.module_text("nope.py")
    with pytest.raises(ValueError, match="untrained_bits: chars must be an int >= 2, got 1"):
        ex.untrained_bits(chars=1)
    with pytest.raises(ValueError, match="copy_bits: compressor must be one of .*, got 'zip'"):
        ex.copy_bits("zip")
    with pytest.raises(ValueError, match="bracket_text: distance must be a positive int, got 0"):
        ex.bracket_text(3, 0)
    with pytest.raises(ValueError, match="closing_bits: orders must be ints in 1..9, got \\(0,\\)"):
        ex.closing_bits(orders=(0,))
    with pytest.raises(ValueError, match="closing_bits: lines must be a positive int, got 0"):
        ex.closing_bits(lines=0)
    with pytest.raises(ValueError, match="chance_correlation: slowness must lie in \\[0, 1\\), got 1.0"):
        ex.chance_correlation(slowness=1.0)
    with pytest.raises(ValueError, match="chance_correlation: feature must be one of .*, got 'in_quote'"):
        ex.chance_correlation(feature="in_quote")
    with pytest.raises(ValueError, match="spread_feature: noise must be positive, got 0"):
        ex.spread_feature(noise=0)
