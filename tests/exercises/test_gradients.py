"""The gradients chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import math

import pytest
import torch

from lstm_explained.exercises import gradients as gradients_ex
from lstm_explained.experiments import cliff, highway, vanishing
from lstm_explained.experiments.long_lag import TruncationRun, TruncationSetting


def _latch_factors(w: float, steps: int, pulse: float) -> list[float]:
    """The chain's factors w tanh'(w h_{s-1}), from the recurrence itself in Python floats."""
    h, factors = math.tanh(pulse), []
    for _ in range(steps):
        h = math.tanh(w * h)
        factors.append(w * (1 - h * h))
    return factors


@pytest.mark.parametrize("w, steps", [(0.9, 100), (0.5, 100), (3.0, 30), (-0.7, 20)])
def test_the_latch_gradient_is_the_product_of_its_factors_and_within_the_bound(w, steps):
    found = gradients_ex.latch_gradient(w, steps)
    factors = _latch_factors(w, steps, 1.0)
    assert found.measured == pytest.approx(abs(math.prod(factors)), rel=1e-9)
    assert found.measured <= found.bound * (1 + 1e-12)
    assert found.bound == pytest.approx(abs(w) ** steps, rel=1e-12)
    assert (found.first_factor, found.last_factor) == pytest.approx((factors[0], factors[-1]), rel=1e-9)


def test_the_latch_gradient_is_the_chapters_latch_without_the_pulses_own_tanh():
    # the chapter's latch differentiates with respect to x_0; h_0 = tanh(x_0) adds the factor tanh'(1)
    found, chapter = gradients_ex.latch_gradient(0.9), vanishing.latch(0.9)
    assert chapter.backward == pytest.approx((1 - math.tanh(1.0) ** 2) * found.measured, rel=1e-9)


def test_at_09_the_early_factors_fall_short_of_w_and_the_late_ones_reach_it():
    found = gradients_ex.latch_gradient(0.9)
    assert found.first_factor < 0.7 < 0.9 - 1e-6 < found.last_factor <= 0.9
    assert found.measured < 0.5 * found.bound


def _averages_by_hand(
    sigma: float, size: int, seed: int = 0, length: int = 160, batch: int = 16
) -> tuple[float, float]:
    """Both predictions, from the recurrence run step by step on chain's own inputs."""
    w = vanishing.orthogonal(sigma, size, seed)
    x = torch.randn(length, batch, size, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    h, slopes = torch.zeros(batch, size, dtype=torch.float64), []
    for x_t in x:
        h = torch.tanh(x_t + h @ w.T)
        slopes.append(1 - h**2)
    d = torch.stack(slopes)
    return math.log(sigma) + 0.5 * math.log((d**2).mean().item()), math.log(sigma) + math.log(d.mean().item())


@pytest.mark.parametrize("sigma", [0.5, 1.0, 1.2])  # larger sigma is chaotic: rounding differences grow
def test_the_mean_of_tanhs_slope_never_predicts_above_its_root_mean_square(sigma):
    found = gradients_ex.averages(vanishing.orthogonal(sigma, 16))
    rms, mean = _averages_by_hand(sigma, 16)
    assert (found.rms, found.mean) == pytest.approx((rms, mean), rel=1e-9)
    assert found.gap == pytest.approx(rms - mean, rel=1e-9)
    assert found.gap > 0  # tanh' varies over units and steps, so the inequality is strict
    assert found.factor == pytest.approx(math.exp(found.over * found.gap), rel=1e-12)


def test_the_default_rotation_is_the_chapters_and_gives_its_tables_predictions():
    found = gradients_ex.averages(sigma=1.0, size=64)
    row = vanishing.chain(vanishing.orthogonal(1.0, 64), "σ = 1")
    assert found.sigma == pytest.approx(row.sigma_max, rel=1e-12)
    assert (found.rms, found.mean) == pytest.approx((row.predicted(1.0), row.predicted(1.0, average="mean")), rel=1e-9)


def test_the_slip_doubles_the_bias_and_matches_the_chapters_products():
    slip = gradients_ex.bias_slip(1.0)
    assert (slip.intended, slip.slipped) == (1.0, 2.0)
    sigmoid = [1 / (1 + math.exp(-b)) for b in (1.0, 2.0)]
    assert slip.predicted_ratio == pytest.approx((sigmoid[1] / sigmoid[0]) ** 50, rel=1e-12)
    # the chapter's forget_products, with b_f set to 1 and to 2 by forget_bias, draws the same LSTM and inputs
    right, doubled = highway.forget_products((1.0, 2.0))
    assert slip.kept_intended == pytest.approx(right.measured, rel=1e-9)
    assert slip.kept_slipped == pytest.approx(doubled.measured, rel=1e-9)
    assert slip.measured_ratio == pytest.approx(doubled.measured / right.measured, rel=1e-9)


def test_a_slip_on_any_bias_doubles_it_and_keeps_more_of_the_path():
    slip = gradients_ex.bias_slip(0.5, steps=20, hidden=4, batch=2)
    assert (slip.intended, slip.slipped) == (0.5, 1.0)
    sigmoid = [1 / (1 + math.exp(-b)) for b in (0.5, 1.0)]
    assert slip.predicted_ratio == pytest.approx((sigmoid[1] / sigmoid[0]) ** 20, rel=1e-12)
    assert slip.measured_ratio > 1


@pytest.mark.parametrize("clip_value", [0.5, 1.0, 10.0, 100.0, 200.0])
def test_clipping_by_norm_keeps_the_direction_and_by_value_turns_it_by_the_closed_form(clip_value):
    found = gradients_ex.spike_clipping(clip_value)
    assert found.by_norm == pytest.approx(1.0, abs=1e-12)
    s, n, c = 100.0, 99, clip_value
    cut_spike, cut_rest = min(s, c), min(1.0, c)
    cosine = (s * cut_spike + n * cut_rest) / (math.sqrt(s * s + n) * math.sqrt(cut_spike**2 + n * cut_rest**2))
    assert found.by_value == pytest.approx(cosine, rel=1e-9)
    assert found.spike_share == pytest.approx(s * s / (s * s + n), rel=1e-12)
    # the chapter's own clipping comparison, on the same gradient
    g = torch.ones(n + 1, dtype=torch.float64)
    g[0] = s
    assert (found.by_norm, found.by_value) == pytest.approx(
        cliff.clipping_cosines([g], max_norm=1.0, clip_value=c), rel=1e-12
    )


def test_a_higher_value_threshold_turns_the_spiked_gradient_less():
    assert gradients_ex.spike_clipping(1.0).by_value < gradients_ex.spike_clipping(10.0).by_value < 1


@pytest.mark.parametrize("chunk", [1, 4, 5, 6, 8, 13, 20, 40])
def test_a_target_reaches_its_symbol_only_from_lag_steps_into_its_chunk(chunk, lag=5, length=40):
    found = gradients_ex.truncated_reach(chunk, lag=lag, length=length)
    assert found.targets == length - lag
    assert found.reached == sum(t % chunk >= lag for t in range(lag, length))
    last_start = (length - 1) // chunk * chunk
    assert found.last_chunk == sum(t % chunk >= lag for t in range(max(lag, last_start), length))


@pytest.mark.parametrize("chunk", [4, 8, 20, 40])
def test_a_full_chunk_reaches_the_share_the_chapters_table_gives(chunk):
    found = gradients_ex.truncated_reach(chunk)
    run = TruncationRun(TruncationSetting(chunk), torch.zeros(1), 0.0)
    assert found.last_chunk / chunk == pytest.approx(run.reached)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="latch_gradient: w must be a finite nonzero weight, got 0"):
        gradients_ex.latch_gradient(0.0)
    with pytest.raises(ValueError, match="latch_gradient: steps must be a positive int, got 0"):
        gradients_ex.latch_gradient(0.9, steps=0)
    with pytest.raises(ValueError, match="averages: sigma must be positive, got -1"):
        gradients_ex.averages(sigma=-1.0)
    with pytest.raises(ValueError, match="averages: over must be a positive int, got 0"):
        gradients_ex.averages(over=0)
    with pytest.raises(ValueError, match="averages: w_hh must be a square matrix, got shape \\(3, 2\\)"):
        gradients_ex.averages(torch.zeros(3, 2))
    with pytest.raises(ValueError, match="averages: w_hh must not be all zeros"):
        gradients_ex.averages(torch.zeros(3, 3))
    with pytest.raises(ValueError, match="bias_slip: value must be a finite bias, got nan"):
        gradients_ex.bias_slip(float("nan"))
    with pytest.raises(ValueError, match="bias_slip: hidden must be a positive int, got 0"):
        gradients_ex.bias_slip(hidden=0)
    with pytest.raises(ValueError, match="spike_clipping: clip_value must be positive, got 0"):
        gradients_ex.spike_clipping(0.0)
    with pytest.raises(ValueError, match="spike_clipping: rest must be a positive int, got 0"):
        gradients_ex.spike_clipping(1.0, rest=0)
    with pytest.raises(ValueError, match="truncated_reach: chunk must be at most the stream's length 40, got 41"):
        gradients_ex.truncated_reach(41)
    with pytest.raises(ValueError, match="truncated_reach: chunk must be a positive int, got 0"):
        gradients_ex.truncated_reach(0)
    with pytest.raises(ValueError, match="truncated_reach: lag must be shorter than the stream's length 40, got 40"):
        gradients_ex.truncated_reach(8, lag=40)
