"""The registry of cell kinds: one record per kind, every other table read from it, and a new kind
trained, packed and alone, from one entry and its equations."""

import pytest
import torch
from torch.nn.functional import linear

from lstm_explained.cells import kinds, layout
from lstm_explained.cells.ablations import LSTMParts, lstm_variant_cell
from lstm_explained.cells.kinds import REGISTRY, CellKind, register, unregister
from lstm_explained.cells.lstm import LSTMStep, lstm_cell
from lstm_explained.models import cell_layer, toy
from lstm_explained.models.toy import make_models
from lstm_explained.tasks.long_lag import adding
from lstm_explained.tasks.toy import next_char_task, sequence
from lstm_explained.training import gated_kernel, long_lag, packing
from lstm_explained.training.one_by_one import train_one_by_one
from lstm_explained.training.packed import train


def _gradient_count(kind, inputs, hidden, outputs):
    """The parameters of a toy model that get a nonzero gradient on a random input."""
    model = make_models(kind, inputs, hidden, outputs, n=1, seed=0)[0].double()
    x = torch.randn(12, 3, inputs, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    model.head(model.rnn(x)[0]).sum().backward()
    return sum(int((p.grad != 0).sum()) for p in model.parameters())


@pytest.mark.parametrize("kind", list(REGISTRY))
@pytest.mark.parametrize("sizes", [(3, 8, 2), (2, 4, 1), (5, 12, 5)])
def test_the_parameter_count_is_what_the_gradients_reach(kind, sizes):
    assert REGISTRY[kind].parameters(*sizes) == _gradient_count(kind, *sizes)


def test_the_tables_of_kinds_are_read_from_the_records():
    assert toy.KINDS == tuple(REGISTRY) == ("rnn", "lstm", "gru", "peephole", "cifg", "nig", "nfg", "nog", "niaf", "noaf", "clockwork")
    assert dict(toy.TORCH_KINDS) == {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
    assert list(cell_layer.CELL_KINDS) == [name for name in REGISTRY if name not in toy.TORCH_KINDS]
    assert all(cell_layer.CELL_KINDS[name] is REGISTRY[name] for name in cell_layer.CELL_KINDS)
    assert cell_layer.PERIODS == REGISTRY["clockwork"].periods == (1, 2, 4, 8)
    for name, kind in REGISTRY.items():
        assert packing.PACKINGS[name] is packing.PACKING_CLASSES[kind.packing]
        assert packing.GATES[name] is kind.gates
    assert set(gated_kernel.GATED_PARTS) == {name for name, kind in REGISTRY.items() if kind.parts is not None}
    for name, parts in gated_kernel.GATED_PARTS.items():
        assert LSTMParts(**{f: getattr(parts, f) for f in vars(LSTMParts())}) == REGISTRY[name].parts
        assert parts.gates == REGISTRY[name].gates.gates
    with pytest.raises(KeyError):
        gated_kernel.GATED_PARTS["gru"]  # a kind without LSTM parts is not in the kernel's view


def test_the_ablations_are_their_records_flags():
    assert kinds.VARIANTS == {
        "vanilla": "nothing: PyTorch's LSTM",
        "nig": "no input gate, i = 1",
        "nfg": "no forget gate, f = 1",
        "nog": "no output gate, o = 1",
        "niaf": "no input activation function, g is its pre-activation",
        "noaf": "no output activation function, h = o * c",
    }
    from lstm_explained.cells import ablations

    assert ablations.VARIANTS is kinds.VARIANTS  # the old name still answers
    torch.manual_seed(0)
    ref = torch.nn.LSTMCell(3, 4).requires_grad_(False)
    weights = dict(zip(kinds.WEIGHTS, (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)))
    x, state = torch.randn(2, 3), (torch.randn(2, 4), torch.randn(2, 4) * 3)
    for name in list(kinds.VARIANTS)[1:]:
        kind = REGISTRY[name]
        assert sum(on != default for on, default in zip(vars(kind.parts).values(), vars(LSTMParts()).values())) == 1, name  # one part out
        by_name = lstm_variant_cell(x, state, *weights.values(), variant=name)
        by_flags = lstm_variant_cell(x, state, *weights.values(), variant=kind.parts)
        assert all(torch.equal(a, b) for a, b in zip(by_name, by_flags))
        h, c = kind.step(x, state, 0, weights)
        assert torch.equal(h, by_name.h) and torch.equal(c, by_name.c)
    vanilla = lstm_variant_cell(x, state, *weights.values(), variant="vanilla")
    assert all(torch.equal(a, b) for a, b in zip(vanilla, lstm_cell(x, state, *weights.values())))
    with pytest.raises(ValueError, match="coupled gates are coupled_lstm_cell's"):
        lstm_variant_cell(x, state, *weights.values(), variant=LSTMParts(input_gate=False, coupled=True))


@pytest.mark.parametrize(
    "change, error, message",
    [
        (dict(name="half g"), ValueError, "name must be a name"),
        (dict(equations=None), TypeError, "equations must be a cell function"),
        (dict(gates="ifgo"), TypeError, "gates must be a GateLayout"),
        (dict(torch_layer=torch.nn.Linear), TypeError, "torch_layer must be a torch.nn recurrent layer"),
        (dict(extras=(("weight_ih", 1),)), ValueError, "one of torch.nn's four"),
        (dict(extras=(("scale", 0),)), ValueError, "must be a positive int"),
        (dict(periods=(2, 1)), ValueError, "periods must be a tuple of distinct increasing ints"),
        (dict(parts=LSTMParts(), memory=False), ValueError, "its state must be \\(h, c\\) and its gates fgio"),
        (dict(parts=LSTMParts(peepholes=True)), ValueError, "peepholes exactly when it has the extra"),
    ],
)
def test_a_bad_record_is_named(change, error, message):
    entry = dict(name="half_g", equations=lstm_cell, gates=layout.LSTM, about="a test", memory=True) | change
    with pytest.raises(error, match=message):
        CellKind(**entry)


def test_a_kind_registers_once_and_leaves_every_view_when_unregistered():
    kind = CellKind("lstm_again", lstm_cell, layout.LSTM, "PyTorch's LSTM under another name", memory=True, packing="cell")
    with pytest.raises(ValueError, match="a kind named 'lstm' is registered already"):
        register(CellKind("lstm", lstm_cell, layout.LSTM, "again", memory=True))
    register(kind)
    try:
        assert list(REGISTRY)[-1] == "lstm_again" and "lstm_again" in cell_layer.CELL_KINDS and "lstm_again" in packing.PACKINGS
        assert "lstm_again" not in toy.TORCH_KINDS and "lstm_again" not in gated_kernel.GATED_PARTS
    finally:
        assert unregister("lstm_again") is kind
    assert "lstm_again" not in REGISTRY and "lstm_again" not in packing.PACKINGS
    with pytest.raises(ValueError, match="unregister: name must be one of"):
        unregister("lstm_again")


# ---------------------------------------------------------------------------- a new kind, from one entry


def scaled_candidate_lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None, *, weight_gs):
    r"""The LSTM whose candidate is its pre-activation scaled per unit, :math:`g_t = s \odot a^g_t`, with ``weight_gs`` ``(1, H)``
    holding :math:`s`: equations no cell of the package has, for the registry's test."""
    hidden = weight_hh.shape[1]
    h_prev, c_prev = state if state is not None else (x.new_zeros(*x.shape[:-1], hidden),) * 2
    a_i, a_f, a_g, a_o = (linear(x, weight_ih, bias_ih) + linear(h_prev, weight_hh, bias_hh)).chunk(4, -1)
    i, f, o = torch.sigmoid(a_i), torch.sigmoid(a_f), torch.sigmoid(a_o)
    g = weight_gs[0] * a_g
    c = f * c_prev + i * g
    h = o * torch.tanh(c)
    return LSTMStep(i, f, g, o, c, h)


SCALED = CellKind(
    "scaled_g", scaled_candidate_lstm_cell, layout.LSTM, "the candidate is its pre-activation, scaled per unit",
    memory=True, packing="cell", extras=(("weight_gs", 1),),
)


@pytest.fixture
def scaled_kind():
    register(SCALED)
    try:
        yield SCALED
    finally:
        unregister(SCALED.name)


def _max_gap(a, b):
    return max((p - q).abs().max().item() for ma, mb in zip(a, b) for p, q in zip(ma.parameters(), mb.parameters()))


def test_a_registered_kind_trains_packed_as_it_would_alone(scaled_kind):
    x, y, vocab = next_char_task(sequence("abcabC", 10))
    v = len(vocab)
    together, alone = make_models("scaled_g", v, 4, v, n=4, seed=6), make_models("scaled_g", v, 4, v, n=4, seed=6)
    assert [name for name, _ in together[0].rnn.named_parameters()][-1] == "weight_gs_l0"
    assert all(isinstance(p, packing.CellPacking) for p in packing.packing_for(together))
    # what the layer computes is the new equations, step by step
    layer, state = together[0].rnn, None
    for t in range(3):
        step = scaled_candidate_lstm_cell(x[t], state, layer.weight_ih_l0, layer.weight_hh_l0, layer.bias_ih_l0, layer.bias_hh_l0, weight_gs=layer.weight_gs_l0)
        state = (step.h, step.c)
    assert torch.equal(layer(x[:3])[0][-1], state[0])
    assert scaled_kind.parameters(v, 4, v) == _gradient_count("scaled_g", v, 4, v) == 4 * 4 * (v + 4 + 2) + 4 + v * 5
    h_together = train(together, x, y, epochs=40)
    h_alone = train_one_by_one(alone, x, y, epochs=40)
    assert (h_together[-1] < h_together[0]).all()  # it trained
    torch.testing.assert_close(h_together, h_alone, atol=1e-5, rtol=0)
    assert _max_gap(together, alone) < 1e-4
    assert all(not torch.equal(m.rnn.weight_gs_l0, f.rnn.weight_gs_l0) for m, f in zip(together, make_models("scaled_g", v, 4, v, n=4, seed=6)))


def test_a_registered_kind_trains_on_long_lags_with_each_models_own_clipping(scaled_kind):
    x, y = adding(48, 9, seed=3)
    together, alone = (make_models("scaled_g", 2, 4, 1, n=3, seed=5) for _ in range(2))
    for m in together + alone:
        m.double()
    schedule = long_lag.Schedule(steps=10, batch=8, lr=0.05, clip=0.5, chunk=4)
    history = long_lag.train(together, x.double(), y.double(), schedule, loss="mse_last")
    torch.testing.assert_close(history, long_lag.train_alone(alone, x.double(), y.double(), schedule, loss="mse_last"), atol=1e-10, rtol=0)
    assert _max_gap(together, alone) < 1e-10
