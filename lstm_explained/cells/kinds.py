r"""Every kind of cell the book trains, one record each: its equations and all that follows from them.

A :class:`CellKind` says, for one kind, which function of :mod:`lstm_explained.cells` steps it,
how its weights stack their gates (:mod:`~lstm_explained.cells.layout`), which parts of the LSTM
it has (:class:`~lstm_explained.cells.ablations.LSTMParts`), whether its state has a cell
:math:`c`, ``torch.nn``'s layer for it if there is one, how the trainer packs many models of it
(a name that :mod:`lstm_explained.training.packing` maps to a class), the parameters it has
beyond ``torch.nn``'s four, and how many parameters a toy model of it uses
(:meth:`CellKind.parameters`). :data:`REGISTRY` holds the records by name. The toy model, the
recurrent layer of the cells ``torch.nn`` does not have, the packings, the hand-written LSTM
kernel and the arena all read them, so a kind is described here and nowhere else; adding one is a
:func:`register` call with its equations.

The equations of each kind:

=============  ======================================================================================  =====  ========  =========
kind           equations                                                                               gates  torch.nn  packing
=============  ======================================================================================  =====  ========  =========
``rnn``        :func:`~lstm_explained.cells.rnn.rnn_cell`                                              h      ``RNN``   block_rnn
``lstm``       :func:`~lstm_explained.cells.lstm.lstm_cell`                                            ifgo   ``LSTM``  fused
``gru``        :func:`~lstm_explained.cells.gru.gru_cell`                                              rzn    ``GRU``   fused
``peephole``   :func:`~lstm_explained.cells.lstm.peephole_lstm_cell`, with ``weight_ch``               ifgo             gated
``cifg``       :func:`~lstm_explained.cells.lstm.coupled_lstm_cell`                                    fgo              gated
``nig``        :func:`~lstm_explained.cells.ablations.lstm_variant_cell`, :math:`i_t = 1`              ifgo             gated
``nfg``        :func:`~lstm_explained.cells.ablations.lstm_variant_cell`, :math:`f_t = 1`              ifgo             gated
``nog``        :func:`~lstm_explained.cells.ablations.lstm_variant_cell`, :math:`o_t = 1`              ifgo             gated
``niaf``       :func:`~lstm_explained.cells.ablations.lstm_variant_cell`, :math:`g_t = a^g_t`          ifgo             gated
``noaf``       :func:`~lstm_explained.cells.ablations.lstm_variant_cell`, :math:`h_t = o_t \odot c_t`  ifgo             gated
``clockwork``  :func:`~lstm_explained.cells.clockwork.clockwork_rnn_cell`, periods 1, 2, 4, 8          h                cell
=============  ======================================================================================  =====  ========  =========

The same map, read from the records, with the parameters a toy model of each kind uses for 3
inputs, 4 hidden units and 3 outputs (the rows of an ablated gate, and the clockwork's masked
recurrent weights, get no gradient and are not counted):

>>> for name, kind in REGISTRY.items():
...     layer = kind.torch_layer.__name__ if kind.torch_layer else "-"
...     print(f"{name:9} {kind.function.__name__:18} {kind.gates.gates:4} {kind.used_gates:4} {layer:4} {kind.packing:9} {kind.parameters(3, 4, 3)}")
rnn       rnn_cell           h    h    RNN  block_rnn 51
lstm      lstm_cell          ifgo ifgo LSTM fused     159
gru       gru_cell           rzn  rzn  GRU  fused     123
peephole  peephole_lstm_cell ifgo ifgo -    gated     171
cifg      coupled_lstm_cell  fgo  fgo  -    gated     123
nig       lstm_variant_cell  ifgo fgo  -    gated     123
nfg       lstm_variant_cell  ifgo igo  -    gated     123
nog       lstm_variant_cell  ifgo ifg  -    gated     123
niaf      lstm_variant_cell  ifgo ifgo -    gated     159
noaf      lstm_variant_cell  ifgo ifgo -    gated     159
clockwork clockwork_rnn_cell h    h    -    cell      45
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial

from torch import Tensor, nn

from .. import _checks
from . import layout
from .ablations import LSTMParts, lstm_variant_cell
from .clockwork import clockwork_mask, clockwork_rnn_cell
from .gru import gru_cell
from .lstm import coupled_lstm_cell, lstm_cell, peephole_lstm_cell
from .rnn import rnn_cell

__all__ = ["REGISTRY", "VARIANTS", "WEIGHTS", "CellKind", "RegistryView", "register", "unregister"]

#: The four parameters every kind has, by the cell functions' names (a layer adds ``_l0``, as ``torch.nn`` does).
WEIGHTS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


@dataclass(frozen=True)
class CellKind:
    """One kind of cell: its equations, and everything the models and trainers need to know of it.

    >>> nig = REGISTRY["nig"]
    >>> nig.parts.input_gate, nig.used_gates, nig.memory, nig.torch_layer, nig.packing
    (False, 'fgo', True, None, 'gated')
    >>> REGISTRY["peephole"].extras, REGISTRY["clockwork"].periods
    ((('weight_ch', 3),), (1, 2, 4, 8))
    """

    name: str  # its key in REGISTRY, and the kind a toy model is asked for ("lstm", "nig", ...)
    equations: Callable  # one step of the cell, a function of lstm_explained.cells (how it is called: step)
    gates: layout.GateLayout  # the blocks its weights stack, in order
    about: str  # what it is, or what it changes, in a few words (the arena's table says this)
    memory: bool = False  # whether its state has a cell c, (h, c) as the LSTM's, or is h alone
    parts: LSTMParts | None = None  # for an LSTM-shaped kind, which parts of the LSTM it has (None for the others)
    torch_layer: type[nn.RNNBase] | None = None  # torch.nn's layer for it (nn.RNN, nn.LSTM, nn.GRU), or None: a CellLayer steps it
    packing: str = "cell"  # how the trainer packs many models of it, a name training.packing maps to a class
    extras: tuple[tuple[str, int], ...] = ()  # parameters beyond torch.nn's four, (name, rows) each, shaped (rows, H)
    periods: tuple[int, ...] | None = None  # a clockwork's block periods, fastest first; its equations read t (None for no clock)

    def __post_init__(self):
        where = "CellKind"
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"{where}: name must be a name like 'lstm', got {self.name!r}")
        if not callable(self.equations):
            raise TypeError(f"{where}: {self.name}'s equations must be a cell function, got {type(self.equations).__name__}")
        if not isinstance(self.gates, layout.GateLayout):
            raise TypeError(f"{where}: {self.name}'s gates must be a GateLayout, got {type(self.gates).__name__}")
        if self.torch_layer is not None and not (isinstance(self.torch_layer, type) and issubclass(self.torch_layer, nn.RNNBase)):
            raise TypeError(f"{where}: {self.name}'s torch_layer must be a torch.nn recurrent layer, got {self.torch_layer!r}")
        if not isinstance(self.packing, str) or not self.packing:
            raise ValueError(f"{where}: {self.name}'s packing must be the name of a packing, got {self.packing!r}")
        for extra in self.extras:
            if not (isinstance(extra, tuple) and len(extra) == 2 and isinstance(extra[0], str) and extra[0].isidentifier()):
                raise ValueError(f"{where}: {self.name}'s extras must be (name, rows) pairs, got {extra!r}")
            if extra[0] in WEIGHTS:
                raise ValueError(f"{where}: {self.name}'s extra {extra[0]!r} is one of torch.nn's four")
            _checks.positive_int(where, f"the rows of {self.name}'s {extra[0]}", extra[1])
        if self.periods is not None:
            if not isinstance(self.periods, tuple) or not self.periods or list(self.periods) != sorted(set(self.periods)):
                raise ValueError(f"{where}: {self.name}'s periods must be a tuple of distinct increasing ints, got {self.periods!r}")
        if self.parts is not None:
            self._check_parts(where)

    def _check_parts(self, where: str) -> None:
        parts = self.parts
        if not isinstance(parts, LSTMParts):
            raise TypeError(f"{where}: {self.name}'s parts must be LSTMParts, got {type(parts).__name__}")
        needed = set("fgo") | (set() if parts.coupled else {"i"})
        if not self.memory or set(self.gates.gates) != needed:
            raise ValueError(f"{where}: {self.name} has LSTM parts, so its state must be (h, c) and its gates {''.join(sorted(needed))}")
        if parts.peepholes != (("weight_ch", 3) in self.extras):
            raise ValueError(f"{where}: {self.name} has peepholes exactly when it has the extra ('weight_ch', 3)")

    @property
    def function(self) -> Callable:
        """The cell function its equations call (the function itself, or the one a ``functools.partial`` binds)."""
        return self.equations.func if isinstance(self.equations, partial) else self.equations

    @property
    def used_gates(self) -> str:
        """The gates whose blocks its equations read, in the order the weights stack them."""
        return "".join(gate for gate in self.gates.gates if self.parts is None or self.parts.reads(gate))

    def parameters(self, inputs: int, hidden: int, outputs: int) -> int:
        """Trainable numbers a toy model of this kind *uses*: those that get a gradient.

        The layer has ``torch.nn``'s four parameters for each gate it reads (an ablated gate's rows
        stay in the weights but are read by nothing), the clockwork's recurrent weight only where
        its mask lets a block read another (:func:`~lstm_explained.cells.clockwork.clockwork_mask`),
        and its extras; the model's head adds ``outputs * (hidden + 1)``.

        >>> REGISTRY["lstm"].parameters(2, 8, 1), REGISTRY["nig"].parameters(3, 4, 3), REGISTRY["clockwork"].parameters(3, 8, 2)
        (393, 123, 98)
        """
        where = f"{self.name}.parameters"
        for name, value in (("inputs", inputs), ("hidden", hidden), ("outputs", outputs)):
            _checks.positive_int(where, name, value)
        recurrent = hidden * hidden if self.periods is None else int(clockwork_mask(hidden, self.periods).sum())
        layer = len(self.used_gates) * (hidden * (inputs + 2) + recurrent)  # W_ih, W_hh and two biases per gate read
        return layer + sum(rows for _, rows in self.extras) * hidden + outputs * (hidden + 1)

    def step(self, x: Tensor, state, t: int, weights: Mapping[str, Tensor], periods: tuple[int, ...] | None = None):
        """One step of the equations from ``state``: the new ``(h, c)``, or ``h`` for a kind without a cell state.

        ``weights`` holds ``weight_ih``, ``weight_hh``, ``bias_ih``, ``bias_hh`` and the extras, by
        name; the equations take them as keywords, and a clockwork's also take the step ``t`` and
        the periods (``periods``, or the kind's own).

        >>> import torch
        >>> gen = torch.manual_seed(0)
        >>> cell = torch.nn.LSTMCell(2, 3)
        >>> weights = dict(zip(WEIGHTS, (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)))
        >>> h, c = REGISTRY["lstm"].step(torch.ones(2), None, 0, weights)
        >>> torch.equal(h, cell(torch.ones(2))[0])
        True
        """
        options = dict(weights)
        if self.periods is not None:
            options.update(t=t, periods=self.periods if periods is None else tuple(periods))
        found = self.equations(x, state, **options)
        if self.memory:
            return found.h, found.c
        return found if isinstance(found, Tensor) else found.h


#: Every kind of cell by its name, ``torch.nn``'s three first and then the book's own cells.
REGISTRY: dict[str, CellKind] = {}


def register(kind: CellKind) -> CellKind:
    """Add ``kind`` to :data:`REGISTRY` (after every kind there already) and return it.

    A toy model can then be made of it, trained one by one or packed (``packing="cell"`` steps
    any equations; ``"gated"`` is the hand-written kernel for kinds with LSTM parts):

    >>> relu = register(CellKind("relu_rnn", partial(rnn_cell, nonlinearity="relu"), layout.RNN, "h = max(0, W x + U h + b)"))
    >>> list(REGISTRY)[-2:], relu.parameters(3, 4, 3)
    (['clockwork', 'relu_rnn'], 51)
    >>> register(relu)
    Traceback (most recent call last):
    ...
    ValueError: register: a kind named 'relu_rnn' is registered already
    >>> unregister("relu_rnn") is relu, "relu_rnn" in REGISTRY
    (True, False)
    """
    if not isinstance(kind, CellKind):
        raise TypeError(f"register: kind must be a CellKind, got {type(kind).__name__}")
    if kind.name in REGISTRY:
        raise ValueError(f"register: a kind named {kind.name!r} is registered already")
    REGISTRY[kind.name] = kind
    return kind


def unregister(name: str) -> CellKind:
    """Take the kind ``name`` out of :data:`REGISTRY`; return its record. Models made of it keep working."""
    return REGISTRY.pop(_checks.one_of("unregister", "name", name, REGISTRY))


class RegistryView(Mapping):
    """A read-only, live view of :data:`REGISTRY`: the kinds ``keep`` admits, each as ``value`` makes it,
    in the registry's order. A kind registered later is in every view at once.

    >>> view = RegistryView(lambda kind: len(kind.gates), keep=lambda kind: kind.torch_layer is not None)
    >>> dict(view), "nig" in view
    ({'rnn': 1, 'lstm': 4, 'gru': 3}, False)
    """

    def __init__(self, value: Callable[[CellKind], object] = lambda kind: kind, keep: Callable[[CellKind], bool] = lambda kind: True):
        self._value, self._keep = value, keep

    def __getitem__(self, name: str):
        kind = REGISTRY[name]
        if not self._keep(kind):
            raise KeyError(name)
        return self._value(kind)

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, kind in REGISTRY.items() if self._keep(kind)])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"RegistryView({dict(self)!r})"


def _ablation(name: str, about: str, **taken_out: bool) -> CellKind:
    """One of Greff et al.'s ablations: PyTorch's LSTM with the parts ``taken_out`` turned off."""
    parts = LSTMParts(**taken_out)
    return CellKind(name, partial(lstm_variant_cell, variant=parts), layout.LSTM, about, memory=True, parts=parts, packing="gated")


for _kind in (
    CellKind("rnn", rnn_cell, layout.RNN, "no gates: h = tanh(W x + U h + b)", torch_layer=nn.RNN, packing="block_rnn"),
    CellKind("lstm", lstm_cell, layout.LSTM, "PyTorch's LSTM", memory=True, parts=LSTMParts(), torch_layer=nn.LSTM, packing="fused"),
    CellKind("gru", gru_cell, layout.GRU, "two gates and no separate cell state (Cho et al. 2014)", torch_layer=nn.GRU, packing="fused"),
    CellKind(
        "peephole", peephole_lstm_cell, layout.LSTM, "the gates also read the cell state (Gers & Schmidhuber 2000)",
        memory=True, parts=LSTMParts(peepholes=True), packing="gated", extras=(("weight_ch", 3),),
    ),
    CellKind(
        "cifg", coupled_lstm_cell, layout.COUPLED, "coupled input and forget gates, i = 1 - f",
        memory=True, parts=LSTMParts(input_gate=False, coupled=True), packing="gated",
    ),
    _ablation("nig", "no input gate, i = 1", input_gate=False),
    _ablation("nfg", "no forget gate, f = 1", forget_gate=False),
    _ablation("nog", "no output gate, o = 1", output_gate=False),
    _ablation("niaf", "no input activation function, g is its pre-activation", input_tanh=False),
    _ablation("noaf", "no output activation function, h = o * c", output_tanh=False),
    CellKind(
        "clockwork", clockwork_rnn_cell, layout.RNN, "blocks of units updated every 1, 2, 4, 8 steps (Koutník et al. 2014)",
        packing="cell", periods=(1, 2, 4, 8),
    ),
):
    register(_kind)
del _kind

#: Greff et al.'s ablations by their short name (lower case), and what each takes out;
#: ``"vanilla"`` is PyTorch's LSTM. Read from the kinds that
#: :func:`~lstm_explained.cells.ablations.lstm_variant_cell` steps.
VARIANTS = {
    "vanilla": "nothing: PyTorch's LSTM",
    **{name: kind.about for name, kind in REGISTRY.items() if kind.function is lstm_variant_cell},
}
