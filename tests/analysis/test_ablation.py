"""Holding a cell at zero: the replay equals the model when nothing is held, and the ablation compares with random cells."""

import pytest
import torch

from lstm_explained.analysis import ablation, probes
from lstm_explained.experiments.language_model import pretrained
from lstm_explained.models import charlm


def test_holding_a_cell_changes_the_loss_and_holding_none_does_not():
    model, _ = pretrained("tiny")
    text = "def f(x):\n    return [x, 'y']\n"
    bits = ablation.clamped_char_bits(model, text, [None, 0, 5, None])
    torch.testing.assert_close(bits[0], charlm.char_bits(model, text), atol=1e-4, rtol=1e-4)
    assert torch.equal(bits[0], bits[3]) and not torch.equal(bits[1], bits[0])
    with pytest.raises(ValueError, match="units must be a non-empty list of None or ints in 0..15"):
        ablation.clamped_char_bits(model, text, [16])


def test_ablation_measures_the_chosen_cell_against_random_ones():
    model, _ = pretrained("tiny")
    code = "def f(x):\n    '''Doc.'''\n    return [x, 'y']  # c\n" * 3
    rows = probes.report(model, code, code)
    result = ablation.ablation(model, code, rows[:2], random_units=3)
    bits = ablation.clamped_char_bits(model, code, [None, rows[0].unit])
    marked = probes.features(code)[rows[0].feature][1:] != 0
    assert result[0].delta_marked == pytest.approx((bits[1] - bits[0])[marked].mean().item(), abs=1e-5)
    assert 0 < result[0].marked_share < 1
    with pytest.raises(ValueError, match="random_units must be in 1.."):
        ablation.ablation(model, code, rows, random_units=0)

