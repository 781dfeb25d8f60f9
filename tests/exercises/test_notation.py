"""The notation chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import itertools
import math

import pytest
import torch

from lstm_explained.cells import gru_cell, lstm_cell
from lstm_explained.cells.layout import LSTM, reorder
from lstm_explained.cells.notation import CONVENTIONS, gru_reset_before
from lstm_explained.exercises import notation as notation_ex


@pytest.mark.parametrize("order", ["".join(p) for p in itertools.permutations("ifgo")])
def test_a_misread_gate_is_right_exactly_where_the_source_stacks_it_in_pytorchs_place(order):
    found = notation_ex.misread_gates(order)
    in_place = "".join(g for g, theirs in zip(LSTM.gates, order) if g == theirs)
    assert found.right == in_place
    assert found.wrong == "".join(g for g in LSTM.gates if g not in in_place)
    for gate in found.right:
        assert found.gaps[gate] == 0.0
    for gate in found.wrong:
        assert found.gaps[gate] > 1e-3
    # one wrong gate is enough to spoil the cell state and the hidden state
    assert (found.gaps["c"] > 1e-3) == (order != LSTM.gates)
    assert (found.gaps["h"] > 1e-3) == (order != LSTM.gates)


def test_the_chapters_two_examples_misread_as_the_solution_says():
    assert notation_ex.misread_gates("ifog")[1:] == ("if", "go")
    assert notation_ex.misread_gates("figo")[1:] == ("go", "if")


def test_the_misread_candidate_is_the_output_gates_block_through_a_tanh():
    torch.manual_seed(0)
    ref = torch.nn.LSTMCell(4, 3).double()
    x, h, c = (torch.randn(n, dtype=torch.float64) for n in (4, 3, 3))
    with torch.no_grad():
        a_o = (ref.weight_ih @ x + ref.bias_ih + ref.weight_hh @ h + ref.bias_hh)[9:12]  # PyTorch's o block
    misread = lstm_cell(
        x, (h, c), *(reorder(w, "ifgo", "ifog") for w in (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh))
    )
    assert torch.allclose(misread.g, torch.tanh(a_o))


@pytest.mark.parametrize("convention", [c for c in CONVENTIONS if c.gate_order], ids=lambda c: c.source[:20])
def test_each_source_writes_four_blocks_of_weights_and_its_own_number_of_biases(convention):
    counted, formula = notation_ex.written_parameters(convention, 4, 3)
    assert counted == formula
    cell = torch.nn.LSTMCell(4, 3, bias=convention.biases > 0)
    weights_only = cell.weight_ih.numel() + cell.weight_hh.numel()
    assert counted == weights_only + convention.biases * 4 * 3


def test_pytorch_writes_what_torch_allocates_and_one_bias_vector_per_gate_more_than_a_one_bias_source():
    pytorch, one_bias = CONVENTIONS[0], next(c for c in CONVENTIONS if c.biases == 1)
    assert notation_ex.written_parameters(pytorch, 10, 7)[0] == sum(
        p.numel() for p in torch.nn.LSTMCell(10, 7).parameters()
    )
    assert (
        notation_ex.written_parameters(pytorch, 10, 7)[0] - notation_ex.written_parameters(one_bias, 10, 7)[0] == 4 * 7
    )


@pytest.mark.parametrize("scale, seed", [(1.0, 0), (10.0, 1), (0.1, 2)])
def test_only_the_sum_of_the_two_lstm_biases_matters(scale, seed):
    moved, added = notation_ex.bias_shift(scale=scale, seed=seed)
    assert moved < 1e-12
    assert added > 1e-4


def test_sigma_of_minus_a_is_one_minus_sigma_of_a_so_the_flipped_gate_is_colahs():
    torch.manual_seed(3)
    ref = torch.nn.GRUCell(3, 4).double().requires_grad_(False)
    x, h = torch.randn(8, 3, dtype=torch.float64), torch.randn(8, 4, dtype=torch.float64)
    weights = (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    assert torch.allclose(
        notation_ex.colah_update_cell(x, h, *notation_ex.flip_update(*weights)), ref(x, h), atol=1e-12
    )
    # copied as they are, the roles swap: the new state keeps z of the candidate, 1 - z of the old state
    step = gru_cell(x, h, *weights)
    assert torch.allclose(notation_ex.colah_update_cell(x, h, *weights), step.z * step.n + (1 - step.z) * h, atol=1e-12)
    # flipping twice gives the weights back
    twice = notation_ex.flip_update(*notation_ex.flip_update(*weights))
    assert all(torch.equal(a, b) for a, b in zip(twice, weights))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_flipped_weights_give_pytorchs_gru_and_the_copied_ones_do_not(seed):
    flipped, copied = notation_ex.update_gaps(seed)
    assert flipped < 1e-12
    assert copied > 1e-3


def test_the_reset_placements_agree_where_the_derivation_says_and_differ_elsewhere():
    found = notation_ex.reset_agreement()
    assert found.unbiased_first == 0.0  # from h = 0 both recurrent terms are 0 when b_hn is
    assert found.unbiased_second > 1e-4  # from then on the gate scales units that W_hn mixes
    assert found.first > 1e-4  # PyTorch's own b_hn is scaled by the gate in one placement only
    assert found.open_gap == pytest.approx(1 - 1 / (1 + math.exp(-20)))
    assert found.held_open < 1e-6 < found.free


def test_with_the_reset_held_at_exactly_one_the_placements_are_the_same_expression():
    # independent of the exercise's bias of 20: a gate at exactly 1 makes r * (W h + b) and W (r * h) + b one expression
    torch.manual_seed(0)
    ref = torch.nn.GRUCell(3, 4).double().requires_grad_(False)
    x, h = torch.randn(5, 3, dtype=torch.float64), torch.randn(5, 4, dtype=torch.float64)
    weights = [w.clone() for w in (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)]
    for w in weights:
        w[:4] = 0.0
    weights[2][:4] = 1000.0  # sigma(1000) is exactly 1.0 in float64
    assert torch.allclose(gru_cell(x, h, *weights).h, gru_reset_before(x, h, *weights).h, rtol=0, atol=1e-15)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="misread_gates: order must stack the gates 'ifgo' in some order, got 'ifgx'"):
        notation_ex.misread_gates("ifgx")
    chung = next(c for c in CONVENTIONS if c.source.startswith("Chung"))
    with pytest.raises(
        ValueError, match="written_parameters: convention 'Chung et al. \\(2014\\), GRU against LSTM' writes no LSTM"
    ):
        notation_ex.written_parameters(chung)
    with pytest.raises(ValueError, match="written_parameters: hidden must be a positive int, got 0"):
        notation_ex.written_parameters(CONVENTIONS[0], 4, 0)
    with pytest.raises(ValueError, match="bias_shift: scale must be a positive number, got -1.0"):
        notation_ex.bias_shift(scale=-1.0)
    with pytest.raises(ValueError, match="flip_update: weight_ih has 4 rows, not a multiple of the 3 gates r, z, n"):
        notation_ex.flip_update(torch.zeros(4, 2), torch.zeros(3, 1), None, None)
    with pytest.raises(ValueError, match="colah_update_cell: weight_ih has 4 rows"):
        notation_ex.colah_update_cell(torch.zeros(2), None, torch.zeros(4, 2), torch.zeros(4, 1))
    with pytest.raises(ValueError, match="reset_agreement: steps must be an int >= 2, got 1"):
        notation_ex.reset_agreement(steps=1)
    with pytest.raises(ValueError, match="update_gaps: batch must be a positive int, got 0"):
        notation_ex.update_gaps(batch=0)
