"""The Jacobian chain measured: slopes that follow the singular value, the bound, and the predictions."""

import math

import pytest
import torch

from lstm_explained.experiments import vanishing


def test_orthogonal_and_gaussian_matrices_have_the_stated_spectra():
    w = vanishing.orthogonal(0.7, 32, seed=3)
    torch.testing.assert_close(torch.linalg.svdvals(w), torch.full((32,), 0.7, dtype=torch.float64))
    g = vanishing.gaussian(1.0, 200, seed=3)
    assert torch.linalg.eigvals(g).abs().max().item() == pytest.approx(1.0, abs=0.1)
    assert torch.linalg.matrix_norm(g, 2).item() == pytest.approx(2.0, abs=0.15)


def test_the_slope_follows_the_rms_prediction_and_lies_below_log_sigma():
    # |tanh'| <= 1, so each step shrinks by at most sigma; the rms of tanh' says by how much more
    run = vanishing.chain(vanishing.orthogonal(0.8, 16, seed=0), "0.8", batch=4)
    assert run.slope == pytest.approx(run.predicted(), rel=0.1)
    assert run.slope < math.log(0.8) + 1e-9 and run.bound_holds and run.fate == "vanishes"


def test_the_bound_is_checked_not_assumed():
    run = vanishing.chain(vanishing.orthogonal(0.9, 8), "0.9", batch=2)
    assert run.bound_holds
    # the same norms against a tighter, false bound would fail
    lags = torch.arange(len(run.norms), dtype=torch.float64)
    assert not bool((run.norms <= 0.5**lags + 1e-12).all())


def test_large_sigma_explodes_and_the_rms_prediction_beats_the_mean():
    run = vanishing.chain(vanishing.orthogonal(3.0, 32, seed=1), "3", batch=8)
    assert run.fate == "explodes"
    assert abs(run.slope - run.predicted()) < abs(run.slope - run.predicted(average="mean"))


def test_chain_runs_cover_every_sigma_and_a_gaussian():
    runs = vanishing.chain_runs(size=16)
    assert [r.label for r in runs] == [f"σ = {s:g}" for s in vanishing.SIGMAS] + ["Gaussian"]
    assert all(r.norms.shape == (160,) for r in runs)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="w_hh has shape"):
        vanishing.chain(torch.zeros(3, 4, dtype=torch.float64), "x")
    with pytest.raises(ValueError, match="chain: length must be"):
        vanishing.chain(vanishing.orthogonal(1.0, 4), "x", length=50)
    with pytest.raises(ValueError, match="average must be one of"):
        vanishing.chain(vanishing.orthogonal(1.0, 4), "x").predicted(average="median")


def test_the_latch_holds_a_bit_forward_while_its_gradient_vanishes():
    strong = vanishing.latch(3.0, steps=60)
    assert strong.holds and strong.after_minus == pytest.approx(-strong.after_plus)
    assert 0 < strong.backward < 1e-50 and strong.forward == pytest.approx(strong.backward, rel=1e-9)
    weak = vanishing.latch(0.5, steps=60)
    assert not weak.holds and abs(weak.after_plus) < 1e-10
    # the derivative by finite differences agrees where it is large enough to measure
    mid = vanishing.latch(1.0, steps=10)
    plus = vanishing.latch(1.0, steps=10, pulse=1.0 + 1e-6).after_plus
    assert (plus - mid.after_plus) / 1e-6 == pytest.approx(mid.backward, rel=1e-4)

