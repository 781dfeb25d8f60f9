"""The variants chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import math

import pytest
import torch

from lstm_explained.cells import coupled_lstm_cell, lstm_cell
from lstm_explained.exercises import variants as ex
from lstm_explained.experiments.variants import CONTESTANT_KINDS, TASKS


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_coupled_lstm_is_an_lstm_whose_input_gate_mirrors_its_forget_gate(seed):
    generator = torch.Generator().manual_seed(seed)
    coupled = [torch.randn(shape, generator=generator, dtype=torch.float64) for shape in ((9, 2), (9, 3), (9,), (9,))]
    reference = torch.nn.LSTMCell(2, 3).double().requires_grad_(False)
    for parameter, value in zip(
        (reference.weight_ih, reference.weight_hh, reference.bias_ih, reference.bias_hh), ex.coupled_as_lstm(*coupled)
    ):
        parameter.copy_(value)
    state = None
    for _ in range(20):
        x = torch.randn(2, generator=generator, dtype=torch.float64)
        step = coupled_lstm_cell(x, state, *coupled)
        h, c = reference(x, state)
        assert torch.allclose(step.h, h, atol=1e-12) and torch.allclose(step.c, c, atol=1e-12)
        widened = lstm_cell(x, state, *ex.coupled_as_lstm(*coupled))
        assert torch.allclose(widened.i, 1 - widened.f, atol=1e-12)  # i = sigma(-a) = 1 - sigma(a)
        state = (step.h, step.c)
    assert ex.coupled_gap(seed=seed, scale=3.0) < 1e-12


def test_the_numbers_no_gradient_reaches_are_an_ablated_gates_block():
    inputs, outputs = TASKS["abcabC"].sizes
    hidden = 4
    for kind in CONTESTANT_KINDS:
        found = ex.unread_numbers(kind, hidden=hidden)
        # the registry's count, from the equations, against what one backward pass finds
        assert found.stored - found.unread == found.used, kind
    block = hidden * (inputs + hidden + 2)  # an H x I weight, an H x H weight and two biases of H
    for kind in ("nig", "nfg", "nog"):
        found = ex.unread_numbers(kind, hidden=hidden)
        assert found.stored == 4 * block + outputs * (hidden + 1)
        assert found.unread == block
    for kind in ("lstm", "niaf", "noaf"):  # an activation taken out, not a block: every number is read
        assert ex.unread_numbers(kind, hidden=hidden).unread == 0


@pytest.mark.parametrize("f, g, steps", [(0.9, 0.3, 200), (0.5, -0.8, 7), (0.0, 0.3, 3)])
def test_a_held_forget_gate_settles_and_no_forget_gate_lets_the_cell_state_grow(f, g, steps):
    found = ex.stream_cell(f, g, steps)
    # the geometric sum, with the input gate held at sigma(20) = 1 - 2e-9
    assert found.c == pytest.approx(g * (1 - f**steps) / (1 - f), rel=1e-7)
    assert found.fixed == pytest.approx(g / (1 - f))
    assert abs(found.c) <= 1 / (1 - f)  # the bound |c| < 1 / (1 - f) from a zero start
    grown = ex.stream_cell(None, g, steps)
    assert grown.c == pytest.approx(steps * g, rel=1e-7) and grown.fixed is None


def test_the_same_counts_on_the_same_seeds_can_pair_up_into_different_verdicts():
    nested, crossed = ex.same_counts(30, 14, 0, 20), ex.same_counts(20, 24, 10, 10)
    # both are 44 against 30 of 64: as independent samples they are one comparison
    assert nested.unpaired == crossed.unpaired
    assert (nested.unpaired.successes_a, nested.unpaired.successes_b, nested.unpaired.trials_a) == (44, 30, 64)
    assert nested.paired.difference == nested.unpaired.difference == pytest.approx(14 / 64)
    # McNemar reads the disagreeing seeds only: a sign test on them
    assert nested.paired.p_value == pytest.approx(2 * 0.5**14)
    assert crossed.paired.p_value == pytest.approx(2 * sum(math.comb(34, k) for k in range(11)) / 2**34)
    alpha = 1 - nested.paired.confidence
    assert (nested.paired.p_value < alpha) == (nested.paired.verdict == "higher")
    assert (crossed.paired.p_value < alpha) == (crossed.paired.verdict == "higher")
    assert nested.paired.verdict != crossed.paired.verdict  # the solution's point: the pairing decides


def test_fifty_comparisons_at_95_percent_almost_surely_raise_a_false_alarm_and_bonferroni_does_not():
    m = 52
    generator = torch.Generator().manual_seed(0)
    p_values = torch.rand(20_000, m, generator=generator, dtype=torch.float64)  # no difference real: uniform p-values
    simulated = (p_values < 0.05).any(1).double().mean().item()
    assert ex.family_false_alarm(m, 0.95) == pytest.approx(simulated, abs=0.01)
    for comparisons in (1, 2, 13, 52, 500):
        bonferroni = ex.family_false_alarm(comparisons, 1 - 0.05 / comparisons)
        assert bonferroni <= 0.05 + 1e-12  # the union bound
    assert ex.family_false_alarm(1, 0.95) == pytest.approx(0.05)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="coupled_as_lstm: weight_ih has 8 rows, not a multiple of the 3 gates"):
        ex.coupled_as_lstm(torch.ones(8, 3), torch.ones(8, 2))
    with pytest.raises(ValueError, match="coupled_as_lstm: weight_ih must be 2-D"):
        ex.coupled_as_lstm(torch.ones(6), torch.ones(6, 2))
    with pytest.raises(ValueError, match="coupled_gap: steps must be a positive int, got 0"):
        ex.coupled_gap(steps=0)
    with pytest.raises(ValueError, match="unread_numbers: kind must be one of .*, got 'nxg'"):
        ex.unread_numbers("nxg")
    with pytest.raises(ValueError, match="unread_numbers: task must be one of .*, got 'adding'"):
        ex.unread_numbers("nfg", task="adding")
    with pytest.raises(
        ValueError, match="stream_cell: f must lie in \\[0, 1\\) or be None \\(no forget gate\\), got 1.0"
    ):
        ex.stream_cell(1.0)
    with pytest.raises(
        ValueError, match="stream_cell: g must lie in \\(-1, 1\\), the range of a tanh candidate, got 2"
    ):
        ex.stream_cell(0.5, g=2)
    with pytest.raises(ValueError, match="same_counts: a_only must be an int >= 0, got -1"):
        ex.same_counts(30, -1, 0, 20)
    with pytest.raises(ValueError, match="same_counts: the four counts must not all be zero"):
        ex.same_counts(0, 0, 0, 0)
    with pytest.raises(ValueError, match="same_counts: confidence must lie in \\(0, 1\\), got 1.5"):
        ex.same_counts(1, 1, 1, 1, confidence=1.5)
    with pytest.raises(ValueError, match="family_false_alarm: comparisons must be a positive int, got 0"):
        ex.family_false_alarm(0, 0.95)
    with pytest.raises(ValueError, match="family_false_alarm: confidence must lie in \\(0, 1\\), got 1"):
        ex.family_false_alarm(3, 1)
