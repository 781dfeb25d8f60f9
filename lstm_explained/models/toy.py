"""The lecture's toy model: one recurrent layer and a linear head, for any cell kind of the book.

``rnn``, ``lstm`` and ``gru`` are ``torch.nn``'s layers; the variants ``torch.nn`` does not have
(peephole, coupled, Greff et al.'s ablations, clockwork, and any kind registered in
:data:`~lstm_explained.cells.kinds.REGISTRY`) are layers of
:class:`~lstm_explained.models.cell_layer.CellLayer`, which step the cell functions themselves.

``x (T, I) -> logits (T, O)``: the layer reads the whole (unbatched) sequence from a zero state and
the head scores every step. :meth:`ToyModel.by_equations` computes the same logits through the cell
equations (:func:`~lstm_explained.trace`), for training "by hand" as the lecture does.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from .. import _checks
from ..cells.kinds import REGISTRY, RegistryView
from ..tracing import trace
from .cell_layer import CellLayer

__all__ = ["KINDS", "TORCH_KINDS", "ToyModel", "make_models"]

#: The ``torch.nn`` layer of each kind that has one, a live view of :data:`~lstm_explained.cells.kinds.REGISTRY`.
TORCH_KINDS = RegistryView(lambda kind: kind.torch_layer, keep=lambda kind: kind.torch_layer is not None)

#: Every kind of toy model the package defines, ``torch.nn``'s first and then the book's own cells
#: (the names of :data:`~lstm_explained.cells.kinds.REGISTRY` when it loads; a kind registered
#: later is made and trained all the same).
KINDS = tuple(REGISTRY)


class ToyModel(nn.Module):
    """A recurrent layer of ``kind`` and a linear head, as in the lecture: ``x (T, I) -> logits (T, O)``.
    ``num_layers`` stacks that many layers; the head reads the last.

    >>> gen = torch.manual_seed(0)
    >>> model = ToyModel("gru", 3, 2, 3)
    >>> x = torch.eye(3)[[0, 1, 2, 0]]
    >>> model(x).shape, torch.allclose(model(x), model.by_equations(x), atol=1e-6)
    (torch.Size([4, 3]), True)
    """

    def __init__(self, kind: str, input_size: int, hidden_size: int, output_size: int, *, num_layers: int = 1):
        super().__init__()
        where = "ToyModel"
        self.kind = _checks.one_of(where, "kind", kind, REGISTRY)
        sizes = dict(input_size=input_size, hidden_size=hidden_size, output_size=output_size, num_layers=num_layers)
        for name, value in sizes.items():
            _checks.positive_int(where, name, value)
        layer = REGISTRY[kind].torch_layer
        if layer is not None:
            # layers stack as in the lecture's multilayer RNN: layer k's h_t is layer k+1's input x_t
            self.rnn = layer(input_size, hidden_size, num_layers)
        elif num_layers != 1:
            raise ValueError(f"{where}: a {kind!r} model has one layer, got num_layers={num_layers}")
        else:
            self.rnn = CellLayer(kind, input_size, hidden_size)
        self.head = nn.Linear(hidden_size, output_size)

    def hidden(self, x: Tensor) -> Tensor:
        """The hidden states ``(T, H)`` for ``x (T, I)``."""
        return self.rnn(x)[0]

    def forward(self, x: Tensor) -> Tensor:
        return self.head(self.hidden(x))

    def by_equations(self, x: Tensor) -> Tensor:
        """The same logits as ``self(x)``, computed step by step by the cell equations (a
        :class:`~lstm_explained.models.cell_layer.CellLayer` steps them already)."""
        if isinstance(self.rnn, CellLayer):
            return self(x)
        return self.head(trace(self.rnn, x).h)


def make_models(kind: str, input_size: int, hidden_size: int, output_size: int, n: int, seed: int) -> list[ToyModel]:
    """``n`` independently initialised :class:`ToyModel`\\ s; the same ``seed`` gives the same models.

    Model ``k`` is the ``k``-th one built after ``torch.manual_seed(seed)``, with PyTorch's default
    initialisation; the global random state is left as it was.

    >>> models = make_models("lstm", 4, 3, 4, n=2, seed=0)
    >>> models[0](torch.zeros(6, 4)).shape
    torch.Size([6, 4])
    >>> models[0].rnn.weight_hh_l0[0].detach()
    tensor([-0.2561, -0.0208,  0.3693])
    >>> again = make_models("lstm", 4, 3, 4, n=1, seed=0)[0]
    >>> torch.equal(again.rnn.weight_hh_l0, models[0].rnn.weight_hh_l0)
    True
    """
    _checks.one_of("make_models", "kind", kind, REGISTRY)
    _checks.positive_int("make_models", "n", n)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return [ToyModel(kind, input_size, hidden_size, output_size) for _ in range(n)]
