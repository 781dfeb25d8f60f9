"""The GRU chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""


import pytest
import torch

from lstm_explained.exercises import gru_cell as gru_ex


def test_a_gru_unit_with_its_update_gate_at_one_ignores_its_candidate():
    held = gru_ex.held_state(0.7, 50, n=-0.9)
    assert held.h == pytest.approx(0.7, abs=1e-6)
    moving = gru_ex.gated_gru(r=1.0, z=0.5, n=-0.9)
    h = torch.full((1,), 0.7, dtype=torch.float64)
    from lstm_explained.cells import gru_cell

    for _ in range(50):
        h = gru_cell(torch.ones(1, dtype=torch.float64), h, *moving).h
    assert h.item() == pytest.approx(-0.9, abs=1e-6)  # at z = 0.5 it goes to the candidate


def test_a_gru_state_stays_within_one():
    for seed in range(3):
        assert gru_ex.state_bound(steps=100, seed=seed) <= 1
