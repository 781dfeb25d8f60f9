"""Greff et al.'s ablations: each equals its formula written independently, and the part taken out gets no gradient."""

import pytest
import torch
from cell_cases import DTYPES, IDS, SETTINGS, make, params

from lstm_explained.cells import ablations, lstm_cell

# the gate (or activation) each variant takes out, by its block in PyTorch's i, f, g, o rows
UNUSED = {"nig": 0, "nfg": 1, "nog": 3}


def _formula(x, state, w_ih, w_hh, b_ih, b_hh, variant):
    """The LSTM written out once more from the full matrix product, with the variant's part replaced."""
    h, c = state
    z = x @ w_ih.T + h @ w_hh.T + (0 if b_ih is None else b_ih + b_hh)
    a_i, a_f, a_g, a_o = z.chunk(4, -1)
    i = torch.ones_like(c) if variant == "nig" else torch.sigmoid(a_i)
    f = torch.ones_like(c) if variant == "nfg" else torch.sigmoid(a_f)
    g = a_g if variant == "niaf" else torch.tanh(a_g)
    o = torch.ones_like(c) if variant == "nog" else torch.sigmoid(a_o)
    c = f * c + i * g
    return c, o * (c if variant == "noaf" else torch.tanh(c))


@pytest.mark.parametrize("variant", sorted(ablations.VARIANTS))
@pytest.mark.parametrize("seed, batched, bias, dtype", SETTINGS, ids=IDS)
def test_each_variant_is_its_formula(variant, seed, batched, bias, dtype):
    ref, x, h = make(torch.nn.LSTMCell, seed, batched, bias, dtype)
    c = torch.randn_like(h) * 2
    step = ablations.lstm_variant_cell(x, (h, c), *params(ref), variant=variant)
    c_expected, h_expected = _formula(x, (h, c), *params(ref), variant)
    torch.testing.assert_close(step.c, c_expected, atol=DTYPES[dtype], rtol=DTYPES[dtype])
    torch.testing.assert_close(step.h, h_expected, atol=DTYPES[dtype], rtol=DTYPES[dtype])


@pytest.mark.parametrize("seed, batched, bias, dtype", SETTINGS[:8], ids=IDS[:8])
def test_vanilla_is_lstm_cell_and_torch(seed, batched, bias, dtype):
    ref, x, h = make(torch.nn.LSTMCell, seed, batched, bias, dtype)
    c = torch.randn_like(h)
    step = ablations.lstm_variant_cell(x, (h, c), *params(ref), variant="vanilla")
    assert all(torch.equal(a, b) for a, b in zip(step, lstm_cell(x, (h, c), *params(ref))))
    h_ref, c_ref = ref(x, (h, c))
    torch.testing.assert_close(step.h, h_ref.detach(), atol=DTYPES[dtype], rtol=DTYPES[dtype])


@pytest.mark.parametrize("variant", sorted(ablations.VARIANTS))
def test_only_the_part_taken_out_loses_its_gradient(variant):
    torch.manual_seed(0)
    ref = torch.nn.LSTMCell(3, 4).double()
    x, h, c = torch.randn(5, 3, dtype=torch.float64), torch.randn(5, 4, dtype=torch.float64), torch.randn(5, 4, dtype=torch.float64)
    step = ablations.lstm_variant_cell(x, (h, c), *params(ref), variant=variant)
    (step.h.sum() + step.c.sum()).backward()
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        blocks = getattr(ref, name).grad.chunk(4)
        for k, block in enumerate(blocks):
            if UNUSED.get(variant) == k:
                assert torch.count_nonzero(block) == 0, (variant, name, k)
            else:
                assert torch.count_nonzero(block) > 0, (variant, name, k)


def test_without_a_forget_gate_a_constant_input_grows_the_cell_without_bound():
    # Gers et al. 2000: on continual input an LSTM with f = 1 accumulates; the vanilla one levels off
    torch.manual_seed(1)
    ref = torch.nn.LSTMCell(2, 3).requires_grad_(False)
    with torch.no_grad():
        ref.bias_ih[6:9] = 3.0  # g near +1: each step adds about i to the cell
    x = torch.ones(2)
    ends = {}
    for variant in ("vanilla", "nfg"):
        state = None
        for _ in range(200):
            step = ablations.lstm_variant_cell(x, state, *params(ref), variant=variant)
            state = (step.h, step.c)
        ends[variant] = step.c.abs().max().item()
    assert ends["nfg"] > 20 * ends["vanilla"]


def test_an_unknown_variant_names_the_allowed_ones():
    ref = torch.nn.LSTMCell(2, 2)
    with pytest.raises(ValueError, match="variant must be one of 'vanilla', 'nig', 'nfg', 'nog', 'niaf', 'noaf', got 'nog '"):
        ablations.lstm_variant_cell(torch.ones(2), None, *params(ref), variant="nog ")
    with pytest.raises(ValueError, match="weight_ih has 6 rows, not a multiple of the 4 gates"):
        ablations.lstm_variant_cell(torch.ones(2), None, torch.zeros(6, 2), torch.zeros(6, 2), variant="nig")
