"""Packing: every kind of toy model becomes one wide network and comes back unchanged."""

import pytest
import torch

from lstm_explained.models.toy import KINDS, make_models
from lstm_explained.training import packing


@pytest.mark.parametrize("kind", KINDS)
def test_a_packing_unpacks_to_the_same_weights(kind):
    models = make_models(kind, 3, 4, 3, n=5, seed=0)
    fresh = make_models(kind, 3, 4, 3, n=5, seed=9)
    for pack, start in zip(packing.packing_for(models), (0, 2, 4)):
        pack.unpack_into(fresh[start : start + pack.n])
    for a, b in zip(models, fresh):
        for (name, p), q in zip(a.named_parameters(), b.parameters()):
            assert torch.equal(p, q), (kind, name)


@pytest.mark.parametrize("kind", KINDS)
def test_the_packed_hidden_states_are_each_models_own(kind):
    models = make_models(kind, 3, 4, 3, n=3, seed=2)
    (pack,) = packing.packing_for(models[:3]) if kind == "rnn" else [packing.PACKINGS[kind](models)]
    x = torch.eye(3)[[0, 1, 2, 1, 0, 2, 2, 1, 0]]  # 9 steps: every clockwork block ticks at least twice
    with torch.no_grad():
        wide = pack.hidden(x)
        for k, model in enumerate(models):
            torch.testing.assert_close(wide[:, 4 * k : 4 * (k + 1)], model.hidden(x), atol=1e-6, rtol=0)
        batch = torch.eye(3)[torch.randint(0, 3, (9, 2))]  # (T, B, I), from a carried state too
        h, state = pack.run(batch)
        h2, _ = pack.run(batch, state)
        for k, model in enumerate(models):
            alone, carried = model.rnn(batch)
            torch.testing.assert_close(h[..., 4 * k : 4 * (k + 1)], alone, atol=1e-6, rtol=0)
            torch.testing.assert_close(h2[..., 4 * k : 4 * (k + 1)], model.rnn(batch, carried)[0], atol=1e-6, rtol=0)


def test_fused_packings_keep_the_off_diagonal_blocks_at_zero():
    models = make_models("gru", 3, 2, 3, n=3, seed=0)
    pack = packing.PACKINGS["gru"](models)
    pack.rnn.weight_hh_l0.grad = torch.ones_like(pack.rnn.weight_hh_l0)
    pack.before_step()
    kept = pack.rnn.weight_hh_l0.grad.view(3, 3, 2, 3, 2)  # (gates, model, H, model, H)
    assert kept[:, 0, :, 0].eq(1).all() and kept[:, 0, :, 1].eq(0).all() and kept[:, 2, :, 1].eq(0).all()


def test_every_kind_of_toy_model_has_a_packing_with_its_gate_count():
    assert set(packing.PACKINGS) == set(KINDS) == set(packing.GATES)
    counts = {kind: len(layout) for kind, layout in packing.GATES.items()}
    assert counts == {"rnn": 1, "lstm": 4, "gru": 3, "peephole": 4, "cifg": 3, "nig": 4, "nfg": 4, "nog": 4, "niaf": 4, "noaf": 4, "clockwork": 1}
    for kind in KINDS:  # the gate count is what each kind's layer really stacks
        assert make_models(kind, 2, 4, 1, n=1, seed=0)[0].rnn.weight_ih_l0.shape[0] == counts[kind] * 4


def test_every_lstm_shaped_cell_runs_on_the_hand_written_kernel():
    assert {kind for kind, cls in packing.PACKINGS.items() if cls is packing.GatedPacking} == {"peephole", "cifg", "nig", "nfg", "nog", "niaf", "noaf"}
    assert packing.PACKINGS["clockwork"] is packing.CellPacking


@pytest.mark.parametrize("kind", ["peephole", "cifg"])
def test_gated_packings_clip_each_model_alone(kind):
    models = make_models(kind, 3, 4, 1, n=3, seed=4)
    pack = packing.PACKINGS[kind](models)
    for p in pack.parameters():
        p.grad = torch.ones_like(p)
    norms = pack.clip_grad_norms(1e-3)
    own = sum(p.numel() for p in models[0].parameters())  # every gradient 1: a norm counts its own model's numbers
    torch.testing.assert_close(norms**2, torch.full((3,), float(own)))
    assert all(torch.allclose(p.grad, p.grad.new_tensor(1e-3 / (own**0.5 + 1e-6))) for p in pack.parameters())


@pytest.mark.parametrize("kind", ["clockwork"])
def test_cell_packings_keep_each_model_apart_and_clip_each_alone(kind):
    models = make_models(kind, 3, 4, 1, n=3, seed=4)
    pack = packing.PACKINGS[kind](models)
    pack.rnn.weight_hh_l0.grad = torch.ones_like(pack.rnn.weight_hh_l0)
    pack.before_step()
    # in model-major order the kept gradient is block-diagonal: no model reads another
    rows, cols = torch.argsort(pack.rows), pack.back
    kept = pack.rnn.weight_hh_l0.grad[rows][:, cols].view(-1, 3, 4, 3, 4)
    assert kept[:, 0, :, 0].eq(1).all() and kept[:, 0, :, 1].eq(0).all() and kept[:, 2, :, 0].eq(0).all()
    for p in pack.parameters():
        p.grad = torch.ones_like(p)
    pack.before_step()
    norms = pack.clip_grad_norms(1e-3)
    # with every gradient 1, a model's norm squared counts its own parameters, and no other model's
    own = sum(p.numel() for p in models[0].parameters())
    torch.testing.assert_close(norms ** 2, torch.full((3,), float(own)))
    assert all(torch.allclose(p.grad, p.grad.new_tensor(1e-3 / (own ** 0.5 + 1e-6))) for p in (pack.head_weight, pack.head_bias))


def test_large_lstm_groups_split_evenly():
    sizes = [p.n for p in packing.packing_for(make_models("lstm", 3, 25, 3, n=9, seed=0))]
    assert sum(sizes) == 9 and max(sizes) - min(sizes) <= 1 and max(sizes) * 25 <= 125


@pytest.mark.parametrize("kind", ["lstm", "nfg", "peephole"])
def test_gated_packings_give_every_models_own_cell_states(kind):
    models = make_models(kind, 3, 4, 3, n=3, seed=6)
    pack = packing.GatedPacking(models)
    x = torch.eye(3)[torch.randint(0, 3, (7, 2), generator=torch.Generator().manual_seed(1))]
    wide = pack.cell_states(x)
    for k, model in enumerate(models):
        state, cells = None, []
        for t, x_t in enumerate(x):  # the model's own layer, one step at a time
            if kind == "lstm":
                _, state = model.rnn(x_t[None], state)
                cells.append(state[1][0])
            else:
                state = model.rnn.step(x_t, state, t)
                cells.append(state[1])
        torch.testing.assert_close(wide[..., 4 * k : 4 * (k + 1)], torch.stack(cells), atol=1e-6, rtol=0)


def test_a_cell_packing_carries_a_kinds_extra_parameters():
    # the peephole LSTM trains on the gated kernel, but the generic packing steps its own equations too
    models = make_models("peephole", 3, 4, 3, n=3, seed=2)
    pack = packing.CellPacking(models)
    assert pack.rnn.weight_ch_l0.shape == (3, 12)
    x = torch.eye(3)[[0, 1, 2, 1, 0]]
    with torch.no_grad():
        wide = pack.hidden(x)
    for k, model in enumerate(models):
        torch.testing.assert_close(wide[:, 4 * k : 4 * (k + 1)], model.hidden(x), atol=1e-6, rtol=0)
    fresh = make_models("peephole", 3, 4, 3, n=3, seed=9)
    pack.unpack_into(fresh)
    assert all(torch.equal(p, q) for a, b in zip(models, fresh) for p, q in zip(a.parameters(), b.parameters()))
    for p in pack.parameters():
        p.grad = torch.ones_like(p)
    pack.before_step()
    own = sum(p.numel() for p in models[0].parameters())  # the masked recurrent weight keeps each model's own block
    torch.testing.assert_close(pack.clip_grad_norms(1e-3) ** 2, torch.full((3,), float(own)))
