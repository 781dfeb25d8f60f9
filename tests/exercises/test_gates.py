"""The gates chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import math

import pytest
import torch

from lstm_explained import trace
from lstm_explained.cells import lstm_cell
from lstm_explained.exercises import gates as ex
from lstm_explained.models.toy import make_models
from lstm_explained.tasks import toy


@pytest.mark.parametrize("near", [0.9, 0.99, 0.6])
def test_the_thresholds_are_where_the_sigmoid_and_the_tanh_pass_near(near):
    gate, candidate = ex.thresholds(near)
    assert torch.sigmoid(torch.tensor(gate, dtype=torch.float64)).item() == pytest.approx(near)
    assert math.tanh(candidate) == pytest.approx(near)
    assert candidate > near  # so |tanh(c)| > near needs |c| beyond near itself


@pytest.mark.parametrize("hidden", [1, 2, 5])
def test_the_untrained_gate_bound_is_reached_by_the_extreme_weights_and_never_passed(hidden):
    bound = 1 / math.sqrt(hidden)
    # every weight and bias at PyTorch's largest draw, the one-hot input and |h| at its supremum 1
    weights = [
        torch.full(shape, bound, dtype=torch.float64)
        for shape in ((4 * hidden, 3), (4 * hidden, hidden), (4 * hidden,), (4 * hidden,))
    ]
    state = (torch.ones(hidden, dtype=torch.float64), torch.zeros(hidden, dtype=torch.float64))
    step = lstm_cell(torch.tensor([1.0, 0.0, 0.0], dtype=torch.float64), state, *weights)
    assert step.i.max().item() == pytest.approx(ex.gate_bound(hidden))
    # untrained models on random one-hot sequences stay inside it
    x = torch.eye(3)[torch.randint(0, 3, (200,), generator=torch.Generator().manual_seed(hidden))]
    for model in make_models("lstm", 3, hidden, 3, n=5, seed=hidden):
        with torch.no_grad():
            traced = trace(model.rnn, x)
        gates = torch.stack([traced.i, traced.f, traced.o])
        assert 1 - ex.gate_bound(hidden) <= gates.min() and gates.max() <= ex.gate_bound(hidden)


def test_the_untrained_gates_are_read_as_the_chapter_reads_them():
    seeds = range(3)
    found = ex.untrained_gates(seeds)
    text = toy.sequence("abaB")
    x, _, _ = toy.next_char_task(text)
    shares, values = [], []
    for seed in seeds:
        model = make_models("lstm", 3, 2, 3, n=1, seed=seed)[0]
        with torch.no_grad():
            traced = trace(model.rnn, x)
        for name in "ifo":
            v = getattr(traced, name)
            shares.append(((v < 0.1) | (v > 0.9)).double().mean().item())
            values.append(v)
    assert found.models == 3
    assert found.largest_share == pytest.approx(max(shares))
    assert found.lowest == min(v.min().item() for v in values) and found.highest == max(v.max().item() for v in values)
    assert 1 - ex.gate_bound(2) < found.lowest and found.highest < ex.gate_bound(2)


@pytest.mark.parametrize("scale, seed", [(3.0, 0), (10.0, 1), (1.0, 2)])
def test_a_hidden_value_beyond_near_always_sits_beside_a_cell_state_and_an_output_gate_beyond_it(scale, seed):
    found = ex.beyond(steps=100, scale=scale, seed=seed)
    assert found.h_beyond > 0  # there is something to check
    assert found.c_not_beyond == 0 and found.o_not_beyond == 0


@pytest.mark.parametrize("g, steps", [(0.5, 20), (0.2, 30), (0.95, 10)])
def test_a_held_cell_adds_its_candidate_and_can_pass_g_in_the_ordering(g, steps):
    reading = ex.held_reading(g=g, steps=steps)
    # c_t = t g for t = 1..steps, h_t = tanh(c_t), g_t = g
    c = [t * g for t in range(1, steps + 1)]
    assert reading.near_one["g"] == pytest.approx(float(abs(g) > 0.9))
    assert reading.near_one["c"] == pytest.approx(sum(abs(v) > 0.9 for v in c) / steps)
    assert reading.near_one["h"] == pytest.approx(sum(abs(math.tanh(v)) > 0.9 for v in c) / steps)
    assert reading.near_one["h"] <= reading.near_one["c"]
    assert reading.order_holds == (abs(g) > 0.9)


def test_the_three_computations_disagree_by_rounding_only():
    single, double = ex.three_ways_gap(torch.float32), ex.three_ways_gap(torch.float64)
    assert single.eps == torch.finfo(torch.float32).eps and double.eps == torch.finfo(torch.float64).eps
    assert single.in_eps <= 16 and double.in_eps <= 16  # a few roundings, in each type's own unit
    assert double.gap < single.gap


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="thresholds: near must lie in \\(0.5, 1\\), got 1.0"):
        ex.thresholds(1.0)
    with pytest.raises(ValueError, match="gate_bound: hidden must be a positive int, got 0"):
        ex.gate_bound(0)
    with pytest.raises(ValueError, match="untrained_gates: seeds must hold at least one seed"):
        ex.untrained_gates([])
    with pytest.raises(ValueError, match="untrained_gates: pattern must be one of .*, got 'abab'"):
        ex.untrained_gates(range(2), pattern="abab")
    with pytest.raises(ValueError, match="beyond: near must lie in \\(0, 1\\), got 1.5"):
        ex.beyond(near=1.5)
    with pytest.raises(ValueError, match="held_reading: steps must be a positive int, got 0"):
        ex.held_reading(steps=0)
    with pytest.raises(
        ValueError, match="held_reading: g must lie in \\(-1, 1\\), the range of a tanh candidate, got 1.0"
    ):
        ex.held_reading(g=1.0)
    with pytest.raises(ValueError, match="held_reading: f must lie in \\[0, 1\\], got 1.5"):
        ex.held_reading(f=1.5)
    with pytest.raises(ValueError, match="three_ways_gap: dtype must be a floating-point type, got torch.int64"):
        ex.three_ways_gap(torch.int64)
