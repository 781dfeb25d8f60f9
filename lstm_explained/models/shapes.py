"""One small RNN model for each of the lecture's shapes of sequence problem.

The same recurrence serves all four; what changes is which steps read an input and which steps
are scored. ``x`` is ``(B, T, I)`` (batch first), the scores ``(B, T_out, O)``:

- many-to-many: :math:`\\hat y_t = W_{hy} h_t + b_y` at every step, ``T_out = T``;
- many-to-one: only the last step is scored, ``T_out = 1``;
- one-to-many: the one input is read at step 0 and zeros after it, every step scored,
  ``T_out = steps``;
- seq-to-seq: an encoder reads all of ``x`` (many-to-one), its last :math:`h_T` starts a
  decoder that reads zeros and is scored at every step (one-to-many), ``T_out = steps``.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from .. import _checks
from ..tasks.shapes import SHAPES

__all__ = ["ShapeModel"]


class ShapeModel(nn.Module):
    """A tanh RNN with a linear head, wired for ``shape``; ``steps`` is the output length of the
    one-to-many and seq-to-seq shapes.

    >>> gen = torch.manual_seed(0)
    >>> x = torch.zeros(2, 5, 3)
    >>> [tuple(ShapeModel(s, 3, 8, 4)(x).shape) for s in ("many-to-many", "many-to-one")]
    [(2, 5, 4), (2, 1, 4)]
    >>> ShapeModel("seq-to-seq", 3, 8, 4, steps=6)(x).shape
    torch.Size([2, 6, 4])
    >>> ShapeModel("one-to-many", 3, 8, 4, steps=6)(x[:, :1]).shape
    torch.Size([2, 6, 4])
    """

    def __init__(self, shape: str, input_size: int, hidden_size: int, output_size: int, *, steps: int | None = None):
        super().__init__()
        where = "ShapeModel"
        self.shape = _checks.one_of(where, "shape", shape, SHAPES)
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size), ("output_size", output_size)):
            _checks.positive_int(where, name, value)
        generates = shape in ("one-to-many", "seq-to-seq")
        if generates != (steps is not None):
            need = "needs steps, its output length" if generates else "scores the input's own steps; give no steps"
            raise ValueError(f"{where}: {shape} {need}")
        self.steps = _checks.positive_int(where, "steps", steps, optional=True)
        self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)
        self.decoder = nn.RNN(input_size, hidden_size, batch_first=True) if shape == "seq-to-seq" else None
        self.head = nn.Linear(hidden_size, output_size)

    def forward(self, x: Tensor) -> Tensor:
        if not isinstance(x, Tensor) or x.dim() != 3 or x.shape[2] != self.rnn.input_size:
            got = tuple(x.shape) if isinstance(x, Tensor) else type(x).__name__
            raise ValueError(f"ShapeModel: x must be (batch, steps, {self.rnn.input_size}), got {got}")
        if self.shape == "one-to-many":
            if x.shape[1] != 1:
                raise ValueError(f"ShapeModel: one-to-many reads one step, got {x.shape[1]}")
            silent = x.new_zeros(x.shape[0], self.steps - 1, x.shape[2])
            return self.head(self.rnn(torch.cat([x, silent], 1))[0])
        h, last = self.rnn(x)
        if self.shape == "many-to-many":
            return self.head(h)
        if self.shape == "many-to-one":
            return self.head(h[:, -1:])
        silent = x.new_zeros(x.shape[0], self.steps, x.shape[2])
        return self.head(self.decoder(silent, last)[0])
