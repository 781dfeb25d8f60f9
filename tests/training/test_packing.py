"""Packing: every kind of toy model becomes one wide network and comes back unchanged."""

import pytest
import torch

from lstm_explained.models.toy import make_models
from lstm_explained.training import packing


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_a_packing_unpacks_to_the_same_weights(kind):
    models = make_models(kind, 3, 4, 3, n=5, seed=0)
    fresh = make_models(kind, 3, 4, 3, n=5, seed=9)
    for pack, start in zip(packing.packing_for(models), (0, 2, 4)):
        pack.unpack_into(fresh[start : start + pack.n])
    for a, b in zip(models, fresh):
        for (name, p), q in zip(a.named_parameters(), b.parameters()):
            assert torch.equal(p, q), (kind, name)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_the_packed_hidden_states_are_each_models_own(kind):
    models = make_models(kind, 3, 4, 3, n=3, seed=2)
    (pack,) = packing.packing_for(models[:3]) if kind == "rnn" else [packing.PACKINGS[kind](models)]
    x = torch.eye(3)[[0, 1, 2, 1, 0]]
    with torch.no_grad():
        wide = pack.hidden(x)
        for k, model in enumerate(models):
            torch.testing.assert_close(wide[:, 4 * k : 4 * (k + 1)], model.hidden(x), atol=1e-6, rtol=0)


def test_fused_packings_keep_the_off_diagonal_blocks_at_zero():
    models = make_models("gru", 3, 2, 3, n=3, seed=0)
    pack = packing.PACKINGS["gru"](models)
    pack.rnn.weight_hh_l0.grad = torch.ones_like(pack.rnn.weight_hh_l0)
    pack.before_step()
    kept = pack.rnn.weight_hh_l0.grad.view(3, 3, 2, 3, 2)  # (gates, model, H, model, H)
    assert kept[:, 0, :, 0].eq(1).all() and kept[:, 0, :, 1].eq(0).all() and kept[:, 2, :, 1].eq(0).all()


def test_every_kind_of_toy_model_has_a_packing_with_its_gate_count():
    assert set(packing.PACKINGS) == {"rnn", "lstm", "gru"}
    assert {kind: len(layout) for kind, layout in packing.GATES.items()} == {"rnn": 1, "lstm": 4, "gru": 3}


def test_large_lstm_groups_split_evenly():
    sizes = [p.n for p in packing.packing_for(make_models("lstm", 3, 25, 3, n=9, seed=0))]
    assert sum(sizes) == 9 and max(sizes) - min(sizes) <= 1 and max(sizes) * 25 <= 125
