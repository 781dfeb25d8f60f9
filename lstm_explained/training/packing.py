"""How ``n`` toy models of one kind become one wide network: one packing per kind of cell.

Every packing keeps each model's own output head (a stacked weight, applied to the model's own
slice of the hidden state) and returns each model's mean loss, so that the *sum* of the losses
gives every model exactly its own gradient. What differs is the recurrent layer:

- :class:`FusedPacking` (LSTM, GRU): one ``torch.nn`` layer of ``n * H`` units, a fused kernel.
  Input weights stack; the recurrent weight is block-diagonal, one ``H x H`` block per model and
  gate, its off-diagonal blocks kept at zero by masking their gradient (Adam then never moves them).
- :class:`BlockRNNPacking` (RNN): ``torch.nn.RNN`` has no fused CPU kernel, so the recurrence is
  :class:`~lstm_explained.training.kernels.BlockRecurrence`, which stores only the diagonal blocks.
- :class:`CellPacking` (the cells ``torch.nn`` does not have: peephole, coupled, the ablations,
  clockwork): one wide :class:`~lstm_explained.models.cell_layer.CellLayer`, the cell function
  stepped once for all models, its recurrent weight masked like :class:`FusedPacking`'s. Exact,
  but a Python loop of a dozen operations per step: far slower than a fused kernel.

Both use PyTorch's gate-major stacking (all models' ``i`` blocks, then all ``f`` blocks, ...),
with the gate count of each kind from :mod:`lstm_explained.cells.layout`. Which packing a kind
gets is the plain name in its record (:data:`~lstm_explained.cells.kinds.REGISTRY`), mapped to a
class by :data:`PACKING_CLASSES`.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from ..cells.kinds import REGISTRY, RegistryView
from ..models.cell_layer import CellLayer
from ..models.toy import ToyModel
from .gated_kernel import GATED_PARTS, GatedRecurrence
from .kernels import BlockRecurrence, HeadLoss

__all__ = [
    "PACKINGS", "PACKING_CLASSES", "BlockRNNPacking", "CellPacking", "FusedPacking", "GatedPacking", "Packing", "detached", "groups",
    "packing_for",
]


class Packing(nn.Module):
    """What every packing shares: the models' sizes, their stacked heads, and the loss.

    A subclass builds the recurrent layer (:meth:`hidden`) and writes it back (:meth:`unpack_layer`).
    """

    #: About how many hidden units one packed network holds; ``None`` packs all models into one.
    group_units: int | None = None

    def __init__(self, models: Sequence[ToyModel]):
        super().__init__()
        first = models[0]
        self.kind, self.n = first.kind, len(models)
        self.size, self.inputs = first.rnn.hidden_size, first.rnn.input_size
        self.gates = len(REGISTRY[self.kind].gates)
        self.head_weight = nn.Parameter(torch.stack([m.head.weight.detach() for m in models]).clone())
        self.head_bias = nn.Parameter(torch.stack([m.head.bias.detach() for m in models]).clone())

    def stack(self, models: Sequence[ToyModel], name: str) -> Tensor:
        """``name`` of every model's layer, ``(n, gates*H, ...)``, restacked gate-major ``(gates*n*H, ...)``."""
        w = torch.stack([getattr(m.rnn, name).detach() for m in models])
        w = w.view(self.n, self.gates, self.size, *w.shape[2:]).transpose(0, 1)
        return w.reshape(self.gates * self.n * self.size, *w.shape[3:]).clone()

    def block_diagonal(self, models: Sequence[ToyModel]) -> tuple[Tensor, Tensor]:
        """Every model's ``weight_hh_l0`` as the diagonal blocks of one gate-major ``(gates*n*H, n*H)``
        weight, and the mask that is true on those blocks alone."""
        n, size, gates = self.n, self.size, self.gates
        hh = torch.stack([m.rnn.weight_hh_l0.detach() for m in models])  # (n, gates*H, H)
        dense = torch.zeros(gates, n, size, n, size, dtype=hh.dtype, device=hh.device)
        index = torch.arange(n, device=hh.device)
        # indexing two axes with one index array selects the diagonal blocks: (n, gates, H, H)
        dense[:, index, :, index, :] = hh.view(n, gates, size, size)
        mask = torch.zeros_like(dense, dtype=torch.bool)
        mask[:, index, :, index, :] = True
        wide = (gates * n * size, n * size)
        return dense.reshape(wide), mask.reshape(wide)

    def diagonal_blocks(self, dense: Tensor) -> Tensor:
        """The inverse of :meth:`block_diagonal`: each model's ``(gates*H, H)`` block, ``(n, gates*H, H)``."""
        n, size, gates = self.n, self.size, self.gates
        index = torch.arange(n, device=dense.device)
        return dense.detach().view(gates, n, size, n, size)[:, index, :, index, :].reshape(n, gates * size, size)

    def unstack(self, w: Tensor) -> Tensor:
        """The inverse of :meth:`stack`: gate-major ``(gates*n*H, ...)`` to ``(n, gates*H, ...)``."""
        w = w.detach().view(self.gates, self.n, self.size, *w.shape[1:]).transpose(0, 1)
        return w.reshape(self.n, self.gates * self.size, *w.shape[3:])

    def hidden(self, x: Tensor) -> Tensor:
        """Every model's hidden states side by side, ``(T, n*H)``, from a zero state."""
        return self.run(x)[0]

    def run(self, x: Tensor, state=None) -> tuple[Tensor, object]:
        """Every model's hidden states ``(T, [B,] n*H)`` for ``x (T, [B,] I)``, and the last state,
        in the form ``state`` takes (``None``: zero). No gradient flows into ``state``."""
        raise NotImplementedError

    def heads(self, h: Tensor) -> Tensor:
        """Every model's head on its own hidden states: ``h (T, B, n*H) -> outputs (T, B, n, O)``."""
        return torch.einsum("tbnh,noh->tbno", h.view(*h.shape[:2], self.n, self.size), self.head_weight) + self.head_bias

    def model_grads(self) -> list[tuple[Tensor, Tensor]]:
        """Every parameter's gradient, with the model that owns each of its rows (along dim 0)."""
        models = torch.arange(self.n, device=self.head_weight.device)
        return [(self.head_weight.grad, models), (self.head_bias.grad, models)]

    def rows_of(self, rows: int) -> Tensor:
        """Which model owns each of ``rows`` gate-major rows, laid out ``(gates, n, H)``."""
        return torch.arange(rows, device=self.head_weight.device) % (self.n * self.size) // self.size

    def clip_grad_norms(self, max_norm: float) -> Tensor:
        """Clip each model's own gradient norm to ``max_norm``, as ``torch.nn.utils.clip_grad_norm_``
        would on that model alone; return the norms before clipping, ``(n,)``."""
        pairs = self.model_grads()
        squares = torch.zeros(self.n, dtype=self.head_weight.dtype, device=self.head_weight.device)
        for grad, owner in pairs:
            squares.index_add_(0, owner, grad.reshape(len(owner), -1).pow(2).sum(1))
        norms = squares.sqrt()
        factor = (max_norm / (norms + 1e-6)).clamp(max=1.0)  # clip_grad_norm_'s own formula
        for grad, owner in pairs:
            grad.mul_(factor[owner].view(-1, *[1] * (grad.dim() - 1)))
        return norms

    def forward(self, x: Tensor, onehot: Tensor) -> Tensor:
        """Each model's mean cross-entropy ``(n,)`` against the one-hot targets ``(O, 1, T)``."""
        return HeadLoss.apply(self.hidden(x), self.head_weight, self.head_bias, onehot)

    def before_step(self) -> None:
        """Adjust the gradients before the optimizer step (nothing, unless a packing needs it)."""

    def unpack_layer(self) -> dict[str, Tensor]:
        """Each parameter of the models' layers, ``(n, ...)``, by its ``torch.nn`` name."""
        raise NotImplementedError

    def unpack_into(self, models: Sequence[ToyModel]) -> None:
        """Write every model's trained weights back into ``models``."""
        named = self.unpack_layer()
        with torch.no_grad():
            for k, model in enumerate(models):
                for name, value in named.items():
                    getattr(model.rnn, name).copy_(value[k])
                model.head.weight.copy_(self.head_weight[k])
                model.head.bias.copy_(self.head_bias[k])


class FusedPacking(Packing):
    """LSTMs or GRUs as one ``torch.nn`` layer with a block-diagonal recurrent weight."""

    #: nn.LSTM's dense recurrent weight grows as the square of the width, so past about this many
    #: units the zeros cost more than another group.
    group_units = 100

    def __init__(self, models: Sequence[ToyModel]):
        super().__init__(models)
        dense, mask = self.block_diagonal(models)
        self.rnn = REGISTRY[self.kind].torch_layer(self.inputs, self.n * self.size).to(dense.device, dense.dtype)
        with torch.no_grad():
            self.rnn.weight_ih_l0.copy_(self.stack(models, "weight_ih_l0"))
            self.rnn.weight_hh_l0.copy_(dense)
            self.rnn.bias_ih_l0.copy_(self.stack(models, "bias_ih_l0"))
            self.rnn.bias_hh_l0.copy_(self.stack(models, "bias_hh_l0"))
        self.register_buffer("mask", mask)

    def run(self, x: Tensor, state=None) -> tuple[Tensor, object]:
        return self.rnn(x, detached(state))

    def before_step(self) -> None:
        self.rnn.weight_hh_l0.grad.mul_(self.mask)  # no model sees another's state

    def model_grads(self) -> list[tuple[Tensor, Tensor]]:
        # gate-major rows; the masked recurrent weight is zero off its diagonal blocks
        owner = self.rows_of(self.gates * self.n * self.size)
        names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
        return super().model_grads() + [(getattr(self.rnn, name).grad, owner) for name in names]

    def unpack_layer(self) -> dict[str, Tensor]:
        named = {name: self.unstack(getattr(self.rnn, name)) for name in ("weight_ih_l0", "bias_ih_l0", "bias_hh_l0")}
        return {**named, "weight_hh_l0": self.diagonal_blocks(self.rnn.weight_hh_l0)}


class _OwnBlocks(Packing):
    """What the packings with a hand-written recurrence share: input weights and biases stacked
    gate-major, and every model's recurrent weight kept as its own block ``(n, gates*H, H)``, so
    that no model can read another's state and nothing needs masking."""

    def __init__(self, models: Sequence[ToyModel]):
        super().__init__(models)
        self.weight_ih = nn.Parameter(self.stack(models, "weight_ih_l0"))
        self.weight_hh = nn.Parameter(torch.stack([m.rnn.weight_hh_l0.detach() for m in models]).clone())
        self.bias_ih = nn.Parameter(self.stack(models, "bias_ih_l0"))
        self.bias_hh = nn.Parameter(self.stack(models, "bias_hh_l0"))

    def input_part(self, x: Tensor) -> Tensor:
        """Every pre-activation's part that does not depend on the state, ``W_ih x + b_ih + b_hh``."""
        return F.linear(x, self.weight_ih, self.bias_ih + self.bias_hh)

    def model_grads(self) -> list[tuple[Tensor, Tensor]]:
        owner = self.rows_of(self.gates * self.n * self.size)
        blocks = torch.arange(self.n, device=owner.device)  # one recurrent block per model
        return super().model_grads() + [(p.grad, owner) for p in (self.weight_ih, self.bias_ih, self.bias_hh)] + [(self.weight_hh.grad, blocks)]

    def unpack_layer(self) -> dict[str, Tensor]:
        return {
            "weight_ih_l0": self.unstack(self.weight_ih),
            "weight_hh_l0": self.weight_hh.detach(),
            "bias_ih_l0": self.unstack(self.bias_ih),
            "bias_hh_l0": self.unstack(self.bias_hh),
        }


class BlockRNNPacking(_OwnBlocks):
    """Elman RNNs whose recurrence is :class:`~lstm_explained.training.kernels.BlockRecurrence`."""

    def run(self, x: Tensor, state=None) -> tuple[Tensor, object]:
        h = BlockRecurrence.apply(self.input_part(x), self.weight_hh, state)
        return h, h[-1].detach()


class GatedPacking(_OwnBlocks):
    """LSTM-shaped models ``torch.nn`` has no layer for (the ablations, the coupled and the peephole
    LSTM; PyTorch's LSTM too, when asked for by name), stepped by
    :class:`~lstm_explained.training.gated_kernel.GatedRecurrence`: each model's recurrent weight
    is its own block, so nothing needs masking and the cost is linear in ``n``.

    >>> from lstm_explained.models.toy import make_models
    >>> models = make_models("nfg", 3, 4, 3, n=3, seed=0)
    >>> x = torch.eye(3)[[0, 1, 2, 1]]
    >>> torch.allclose(GatedPacking(models).hidden(x)[:, 4:8], models[1].hidden(x), atol=1e-6)
    True
    """

    def __init__(self, models: Sequence[ToyModel]):
        super().__init__(models)
        self.parts = GATED_PARTS[self.kind]
        self.weight_ch = nn.Parameter(torch.stack([m.rnn.weight_ch_l0.detach() for m in models]).clone()) if self.parts.peepholes else None

    def _states(self, x: Tensor, state) -> tuple[Tensor, Tensor]:
        h0, c0 = (None, None) if state is None else state
        return GatedRecurrence.apply(self.input_part(x), self.weight_hh, self.weight_ch, h0, c0, self.parts)

    def run(self, x: Tensor, state=None) -> tuple[Tensor, object]:
        h, c = self._states(x, state)
        return h, (h[-1].detach(), c[-1])

    def cell_states(self, x: Tensor, state=None) -> Tensor:
        """Every model's cell state at every step, ``(T, [B,] n*H)``, without gradient."""
        with torch.no_grad():
            return self._states(x, state)[1]

    def model_grads(self) -> list[tuple[Tensor, Tensor]]:
        found = super().model_grads()
        if self.weight_ch is not None:  # (n, 3, H): one block per model
            found.append((self.weight_ch.grad, torch.arange(self.n, device=self.weight_ch.device)))
        return found

    def unpack_layer(self) -> dict[str, Tensor]:
        named = super().unpack_layer()
        if self.weight_ch is not None:
            named["weight_ch_l0"] = self.weight_ch.detach()
        return named


class CellPacking(Packing):
    """Models whose cell ``torch.nn`` does not have, as one wide
    :class:`~lstm_explained.models.cell_layer.CellLayer`: the cell function itself, stepped once
    for all models, with a block-diagonal recurrent weight masked as in :class:`FusedPacking`.

    The clockwork RNN's wide layer orders its units period-major (every model's fastest block,
    then every model's next block, ...), so that the wide layer's own blocks tick as each model's
    do; :meth:`run` hands the hidden states back model by model. A kind's extra parameters (the
    peephole LSTM's ``weight_ch``, ``(rows, H)``) become one ``(rows, n*H)`` parameter, its columns
    in the wide layer's unit order.
    """

    group_units = 100

    def __init__(self, models: Sequence[ToyModel]):
        super().__init__(models)
        n, size, gates = self.n, self.size, self.gates
        first = models[0].rnn
        dense, mask = self.block_diagonal(models)
        device, dtype = dense.device, dense.dtype
        self.rnn = CellLayer(self.kind, self.inputs, n * size, periods=first.periods).to(device, dtype)
        self.extras = tuple(self.rnn.cell_kind.extras)  # (name, rows) of each parameter beyond torch.nn's four
        # wide unit j holds model-major unit order[j]: identity, except a clockwork's period-major order
        units = torch.arange(n * size, device=device)
        if first.periods is not None:
            blocks, block = len(first.periods), size // len(first.periods)
            units = units.view(n, blocks, block).transpose(0, 1).reshape(-1)
        self.register_buffer("order", units)
        self.register_buffer("back", torch.argsort(units))
        rows = torch.cat([g * n * size + units for g in range(gates)])  # the same order within every gate's rows
        self.register_buffer("rows", rows)
        with torch.no_grad():
            self.rnn.weight_ih_l0.copy_(self.stack(models, "weight_ih_l0")[rows])
            self.rnn.weight_hh_l0.copy_(dense[rows][:, units])
            self.rnn.bias_ih_l0.copy_(self.stack(models, "bias_ih_l0")[rows])
            self.rnn.bias_hh_l0.copy_(self.stack(models, "bias_hh_l0")[rows])
            for name, count in self.extras:  # (n, count, H) -> (count, n*H): the peephole's one diagonal row per gate
                wide = torch.stack([getattr(m.rnn, f"{name}_l0").detach() for m in models]).transpose(0, 1).reshape(count, -1)
                getattr(self.rnn, f"{name}_l0").copy_(wide[:, units])
        self.register_buffer("mask", mask[rows][:, units])

    def run(self, x: Tensor, state=None) -> tuple[Tensor, object]:
        h, state = self.rnn(x, detached(state))
        return h.index_select(-1, self.back), state  # model by model, for the heads

    def before_step(self) -> None:
        self.rnn.weight_hh_l0.grad.mul_(self.mask)  # no model sees another's state

    def model_grads(self) -> list[tuple[Tensor, Tensor]]:
        owner = self.rows_of(self.gates * self.n * self.size)[self.rows]
        names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
        found = [(getattr(self.rnn, name).grad, owner) for name in names]
        for name, _ in self.extras:  # (rows, n*H): the model axis is the columns
            found.append((getattr(self.rnn, f"{name}_l0").grad.t(), self.order // self.size))
        return super().model_grads() + found

    def unpack_layer(self) -> dict[str, Tensor]:
        back_rows = torch.argsort(self.rows)
        named = {name: self.unstack(getattr(self.rnn, name).detach()[back_rows]) for name in ("weight_ih_l0", "bias_ih_l0", "bias_hh_l0")}
        for name, count in self.extras:
            named[f"{name}_l0"] = getattr(self.rnn, f"{name}_l0").detach()[:, self.back].view(count, self.n, self.size).transpose(0, 1)
        return {**named, "weight_hh_l0": self.diagonal_blocks(self.rnn.weight_hh_l0.detach()[back_rows][:, self.back])}


#: The class of each packing by the name a kind's record gives it (the ``packing`` of a
#: :class:`~lstm_explained.cells.kinds.CellKind`).
PACKING_CLASSES: dict[str, type[Packing]] = {
    "fused": FusedPacking,  # a torch.nn layer with a block-diagonal recurrent weight (the kind's torch_layer)
    "block_rnn": BlockRNNPacking,  # the Elman RNN's hand-written block recurrence
    "gated": GatedPacking,  # the hand-written LSTM-family kernel (the kind's LSTM parts)
    "cell": CellPacking,  # the kind's own equations, stepped by one wide CellLayer
}

#: The gates stacked in each kind's weights, from the kinds' records (a live view).
GATES = RegistryView(lambda kind: kind.gates)

#: The packing of each kind of :class:`~lstm_explained.models.toy.ToyModel`, from the kinds'
#: records (a live view of :data:`~lstm_explained.cells.kinds.REGISTRY`).
PACKINGS = RegistryView(lambda kind: PACKING_CLASSES[kind.packing])


def detached(state):
    """A carried state (a tensor, a tuple of them, or ``None``) cut from the graph that made it.

    >>> h = torch.ones(2, requires_grad=True) * 2
    >>> detached((h, h))[0].requires_grad, detached(None)
    (False, None)
    """
    if state is None:
        return None
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def groups(models: Sequence[ToyModel], packs: Sequence[Packing]) -> list[Sequence[ToyModel]]:
    """``models`` cut into the consecutive groups that ``packs`` hold, in order.

    >>> from lstm_explained.models.toy import make_models
    >>> models = make_models("lstm", 3, 30, 3, n=7, seed=0)
    >>> [len(g) for g in groups(models, packing_for(models))]
    [2, 3, 2]
    """
    found, start = [], 0
    for pack in packs:
        found.append(models[start : start + pack.n])
        start += pack.n
    return found


def packing_for(models: Sequence[ToyModel]) -> list[Packing]:
    """``models`` as packings: equal-sized groups of at most about ``group_units`` units each.

    >>> from lstm_explained.models.toy import make_models
    >>> [p.n for p in packing_for(make_models("lstm", 3, 30, 3, n=7, seed=0))]
    [2, 3, 2]
    >>> [p.n for p in packing_for(make_models("rnn", 3, 30, 3, n=7, seed=0))]
    [7]
    """
    cls = PACKINGS[models[0].kind]
    if cls.group_units is None:
        return [cls(models)]
    count = -(-len(models) * models[0].rnn.hidden_size // cls.group_units)  # ceiling division
    bounds = [round(k * len(models) / count) for k in range(count + 1)]
    return [cls(models[a:b]) for a, b in zip(bounds, bounds[1:])]
