r"""The LSTM with one part taken out: the ablations of Greff et al., "LSTM: A Search Space Odyssey" (2017).

Each variant keeps PyTorch's weight layout (gate order i, f, g, o, :mod:`~lstm_explained.cells.layout`),
so any ``torch.nn.LSTM``'s weights plug in; the part that is taken out is replaced by a constant
or an identity, and the rows of its gate stay in the weights unused, so their gradient is exactly
zero. Greff et al.'s other variants are cells of their own: CIFG is
:func:`~lstm_explained.cells.lstm.coupled_lstm_cell`, the peepholes (which their vanilla LSTM has
and PyTorch's does not) :func:`~lstm_explained.cells.lstm.peephole_lstm_cell`.

What each variant takes out is said once, by the flags of :class:`LSTMParts` in its kind's record
(:data:`~lstm_explained.cells.kinds.REGISTRY`); the variants' names and what they take out are
:data:`~lstm_explained.cells.kinds.VARIANTS`.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor
from torch.nn.functional import linear

from .. import _checks
from .layout import LSTM
from .lstm import LSTMStep

__all__ = ["LSTMParts", "lstm_variant_cell"]


@dataclass(frozen=True)
class LSTMParts:
    """Which parts of PyTorch's LSTM an LSTM-shaped cell has; every flag at its default is the LSTM itself.

    Each of Greff et al.'s ablations turns one of the first five flags off; the coupled LSTM
    (CIFG) and the peephole LSTM are the last two.

    >>> LSTMParts(forget_gate=False).reads("f"), LSTMParts().reads("f"), LSTMParts(forget_gate=False).reads("g")
    (False, True, True)
    """

    input_gate: bool = True  # i is a gate of its own (False: i = 1, NIG; or i = 1 - f when coupled)
    forget_gate: bool = True  # f is a gate (False: f = 1, NFG)
    output_gate: bool = True  # o is a gate (False: o = 1, NOG)
    input_tanh: bool = True  # g = tanh(a^g) (False: g = a^g, NIAF)
    output_tanh: bool = True  # h = o * tanh(c) (False: h = o * c, NOAF)
    coupled: bool = False  # i = 1 - f (CIFG), with no input-gate block in the weights
    peepholes: bool = False  # the gates also read the cell state, through a weight_ch of their own

    def reads(self, gate: str) -> bool:
        """Whether the equations read the block of ``gate`` (one letter of a layout); false for a gate taken out."""
        return {"i": self.input_gate, "f": self.forget_gate, "o": self.output_gate}.get(gate, True)


def _parts(where: str, variant: str | LSTMParts) -> LSTMParts:
    """The parts ``variant`` keeps: its flags as given, or those of the kind it names."""
    if isinstance(variant, LSTMParts):
        if variant.coupled or variant.peepholes:
            raise ValueError(
                f"{where}: variant takes parts out of PyTorch's LSTM; coupled gates are coupled_lstm_cell's "
                f"and peepholes peephole_lstm_cell's, got {variant}"
            )
        return variant
    # the registry holds this module's function in its records, so it is read here, when a variant is named
    from .kinds import REGISTRY, VARIANTS

    _checks.one_of(where, "variant", variant, VARIANTS)
    return LSTMParts() if variant == "vanilla" else REGISTRY[variant].parts


def __getattr__(name: str):
    if name == "VARIANTS":  # the ablations' table lives with the kinds it is read from
        from .kinds import VARIANTS

        return VARIANTS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def lstm_variant_cell(
    x: Tensor,
    state: tuple[Tensor, Tensor] | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
    *,
    variant: str | LSTMParts,
) -> LSTMStep:
    r"""One step of the LSTM with the part ``variant`` names taken out (see :data:`~lstm_explained.cells.kinds.VARIANTS`).

    .. math::

        \begin{aligned}
        i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) &&\text{NIG: } i_t = 1 \\
        f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) &&\text{NFG: } f_t = 1 \\
        g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) &&\text{NIAF: no } \tanh \\
        o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) &&\text{NOG: } o_t = 1 \\
        c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
        h_t &= o_t \odot \tanh(c_t) &&\text{NOAF: } h_t = o_t \odot c_t
        \end{aligned}

    ``variant`` is a name (``"nig"``) or the flags themselves (:class:`LSTMParts`), which are what
    the equations read. ``"vanilla"`` is exactly :func:`~lstm_explained.cells.lstm.lstm_cell`. The weights are
    PyTorch's ``(4H, I)`` and ``(4H, H)`` whatever the variant: an ablated gate's rows are read by
    nothing, so their gradient is exactly zero and training leaves them where they started.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.LSTMCell(3, 2).requires_grad_(False)
    >>> x, weights = torch.tensor([1.0, 0.0, -1.0]), (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    >>> state = (torch.zeros(2), torch.tensor([6.0, -6.0]))
    >>> lstm_variant_cell(x, state, *weights, variant="nfg").c  # the old cell state is kept whole
    tensor([ 5.6856, -6.1458])
    >>> lstm_variant_cell(x, state, *weights, variant="noaf").h  # no tanh: |h| can pass 1
    tensor([ 1.9585, -1.8984])
    >>> torch.equal(lstm_variant_cell(x, state, *weights, variant="vanilla").h, ref(x, state)[0])
    True
    >>> lstm_variant_cell(x, state, *weights, variant=LSTMParts(forget_gate=False)).c
    tensor([ 5.6856, -6.1458])
    >>> lstm_variant_cell(x, state, *weights, variant="nxg")
    Traceback (most recent call last):
    ...
    ValueError: lstm_variant_cell: variant must be one of 'vanilla', 'nig', 'nfg', 'nog', 'niaf', 'noaf', got 'nxg'
    """
    where = "lstm_variant_cell"
    parts = _parts(where, variant)
    hidden = LSTM.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev, c_prev = _checks.lstm_state(where, state, x, hidden)
    W_i, W_h, b_i, b_h = LSTM.split(weight_ih, weight_hh, bias_ih, bias_hh)
    one = torch.ones_like(c_prev)  # a gate held open, shaped like the state

    # $$i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})$$, or $$i_t = 1$$ (NIG)
    i = torch.sigmoid(linear(x, W_i.i, b_i.i) + linear(h_prev, W_h.i, b_h.i)) if parts.input_gate else one
    # $$f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})$$, or $$f_t = 1$$ (NFG)
    f = torch.sigmoid(linear(x, W_i.f, b_i.f) + linear(h_prev, W_h.f, b_h.f)) if parts.forget_gate else one
    # $$a^g_t = W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}$$
    a_g = linear(x, W_i.g, b_i.g) + linear(h_prev, W_h.g, b_h.g)
    # $$g_t = \tanh(a^g_t)$$, or $$g_t = a^g_t$$ (NIAF)
    g = torch.tanh(a_g) if parts.input_tanh else a_g
    # $$o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})$$, or $$o_t = 1$$ (NOG)
    o = torch.sigmoid(linear(x, W_i.o, b_i.o) + linear(h_prev, W_h.o, b_h.o)) if parts.output_gate else one
    # $$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$
    c = f * c_prev + i * g
    # $$h_t = o_t \odot \tanh(c_t)$$, or $$h_t = o_t \odot c_t$$ (NOAF)
    h = o * torch.tanh(c) if parts.output_tanh else o * c
    return LSTMStep(i, f, g, o, c, h)
