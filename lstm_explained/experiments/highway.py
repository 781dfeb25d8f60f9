r"""The LSTM's cell state as a path for the gradient, measured at initialisation.

Backward along the cell state, one step multiplies by the forget gate and nothing else:
:math:`\partial c_t / \partial c_{t-1} = \mathrm{diag}(f_t)` on that path, with no weight matrix
and no :math:`\tanh'`. :func:`highway` puts the LSTM's :math:`\lVert \partial L/\partial c_t \rVert`
beside a tanh RNN's :math:`\lVert \partial L/\partial h_t \rVert` (:func:`lstm_explained.gradients.flow`,
float64) and checks the cell-state-only part against the product of the traced forget gates.
:func:`forget_products` measures that product at PyTorch's default initialisation against
:math:`\sigma(b_f)^k`, for forget-gate biases set with :func:`lstm_explained.training.init.forget_bias`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor

from .. import _checks
from ..gradients import flow
from ..runtime import cache
from ..tracing import trace
from ..training.init import forget_bias

__all__ = ["BIASES", "ForgetProduct", "HighwayRun", "cell_path_gap", "forget_products", "highway"]

#: The forget-gate biases the chapter compares.
BIASES = (0.0, 1.0, 2.0, 3.0)


@dataclass(frozen=True)
class HighwayRun:
    """Gradient norms against lag (index k = lag k, geometric mean over the sequences) for an RNN
    and an LSTM of the same size at initialisation, and how far ``c_direct`` is from the product
    of the traced forget gates (largest relative difference)."""

    forget_bias: float
    rnn_h: Tensor
    lstm_h: Tensor
    lstm_c: Tensor
    lstm_c_direct: Tensor
    direct_gap: float


def _geometric_mean(norms: Tensor) -> Tensor:
    return norms.log().mean(-1).exp().flip(0)  # (T, B) by step -> (T,) by lag


def highway(*, hidden: int = 32, steps: int = 100, batch: int = 16, bias: float | None = None, seed: int = 0) -> HighwayRun:
    """Measure both layers at PyTorch's default initialisation (seeded) on inputs drawn from
    N(0, 1); ``bias`` sets the LSTM's forget-gate bias, ``None`` keeps PyTorch's.

    >>> run = highway(hidden=8, steps=20, batch=2)
    >>> run.direct_gap < 1e-12, bool(run.lstm_c[-1] > run.rnn_h[-1])
    (True, True)
    """
    for name, value in (("hidden", hidden), ("steps", steps), ("batch", batch)):
        _checks.positive_int("highway", name, value)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        rnn = torch.nn.RNN(hidden, hidden).double()
        lstm = torch.nn.LSTM(hidden, hidden).double()
        x = torch.randn(steps, batch, hidden, dtype=torch.float64)
    if bias is not None:
        forget_bias(lstm, bias)
    rnn_flow, lstm_flow = flow(rnn, x), flow(lstm, x)
    gap = cell_path_gap(lstm, x, lstm_flow)
    return HighwayRun(
        0.0 if bias is None else bias, _geometric_mean(rnn_flow.h), _geometric_mean(lstm_flow.h),
        _geometric_mean(lstm_flow.c), _geometric_mean(lstm_flow.c_direct), gap,
    )


def cell_path_gap(lstm: torch.nn.LSTM, x: Tensor, found, direction: Tensor | None = None) -> float:
    r"""The largest relative gap between ``found.c_direct`` (from :func:`~lstm_explained.gradients.flow`
    with this ``direction``) and the same part computed from the traced gates alone:
    :math:`\partial L/\partial c_T = v \odot o_T \odot (1 - \tanh^2 c_T)`, times the forget gates of every later step.

    >>> lstm, x = torch.nn.LSTM(3, 4).double(), torch.randn(7, 2, 3, dtype=torch.float64)
    >>> cell_path_gap(lstm, x, flow(lstm, x)) < 1e-12
    True
    """
    hidden = lstm.hidden_size
    v = torch.full((hidden,), 1 / math.sqrt(hidden), dtype=x.dtype) if direction is None else direction
    with torch.no_grad():
        tr = trace(lstm, x)
    last = v * tr.o[-1] * (1 - torch.tanh(tr.c[-1]) ** 2)
    later = torch.cat([tr.f[1:], torch.ones_like(tr.f[:1])]).flip(0).cumprod(0).flip(0)
    expected = (last * later).norm(dim=-1)
    return ((found.c_direct - expected).abs() / expected).max().item()


@dataclass(frozen=True)
class ForgetProduct:
    """For one forget-gate bias: the geometric mean over units and sequences of
    :math:`\\prod_{s} f_s` over ``steps`` steps, and the prediction :math:`\\sigma(b_f)^{steps}`."""

    bias: float
    steps: int
    measured: float
    predicted: float

    @property
    def ratio(self) -> float:
        """``measured / predicted``."""
        return self.measured / self.predicted


def forget_products(biases=BIASES, *, hidden: int = 64, steps: int = 50, batch: int = 32, seed: int = 0) -> list[ForgetProduct]:
    """:class:`ForgetProduct` for each bias, the LSTM at PyTorch's default initialisation with
    inputs from N(0, 1); cached.

    >>> [round(p.ratio, 1) for p in forget_products((0.0, 1.0), hidden=8, steps=10, batch=4)]
    [0.9, 0.9]
    """
    _checks.positive_int("forget_products", "steps", steps)

    def compute():
        found = []
        for b in biases:
            with torch.random.fork_rng(devices=[]):
                torch.manual_seed(seed)
                lstm = forget_bias(torch.nn.LSTM(hidden, hidden).double(), b)
                x = torch.randn(steps, batch, hidden, dtype=torch.float64)
            with torch.no_grad():
                f = trace(lstm, x).f
            measured = f.log().sum(0).mean().exp().item()  # geometric mean of the product
            found.append(ForgetProduct(b, steps, measured, torch.sigmoid(torch.tensor(b, dtype=torch.float64)).item() ** steps))
        return found

    key = dict(biases=list(biases), hidden=hidden, steps=steps, batch=batch, seed=seed)
    return cache.cached("forget_products", key, compute, module=__name__)

