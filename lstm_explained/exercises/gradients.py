r"""The gradients chapter's exercises, computed with :func:`lstm_explained.gradients.flow`,
:func:`~lstm_explained.trace`, :func:`~lstm_explained.training.init.forget_bias` and
``torch.nn``'s clipping.

Backward through a tanh RNN each step multiplies by :math:`W_{hh}\,\mathrm{diag}(\tanh'(a_s))`;
backward along an LSTM's cell state, by :math:`\mathrm{diag}(f_s)`. The exercises bound the first
product, compare two averages of :math:`\tanh'`, slip on the forget gate's bias, clip a gradient
two ways and count what truncated backpropagation can still teach.
"""

from __future__ import annotations

import copy
import math
from typing import NamedTuple

import torch
from torch.nn import functional as F

from .. import _checks
from ..cells.layout import LSTM
from ..gradients import flow
from ..models.toy import ToyModel
from ..runtime.devices import cpu_threads
from ..tasks.long_lag import NO_TARGET, lagged_stream
from ..tracing import trace
from ..training.init import forget_bias

__all__ = [
    "Averages",
    "BiasSlip",
    "Clipped",
    "LatchGradient",
    "Reach",
    "averages",
    "bias_slip",
    "latch_gradient",
    "spike_clipping",
    "truncated_reach",
]


class LatchGradient(NamedTuple):
    """The gradient of a one-unit tanh RNN's last state with respect to its first, after a pulse."""

    w: float
    steps: int
    measured: float  # |dh_T / dh_0| by lstm_explained.gradients.flow
    bound: float  # |w| ** steps, since 0 < tanh' <= 1
    first_factor: float  # w tanh'(a_1), the first factor of the chain
    last_factor: float  # w tanh'(a_T), the last


def latch_gradient(w: float = 0.9, steps: int = 100, pulse: float = 1.0) -> LatchGradient:
    r"""The chapter's latch :math:`h_t = \tanh(w h_{t-1} + x_t)`, fed :math:`x_0 =` ``pulse`` and
    zeros after it: :math:`\lvert \partial h_T / \partial h_0 \rvert` measured by
    :func:`~lstm_explained.gradients.flow` (a one-unit ``torch.nn.RNN``, float64), beside the bound

    .. math::

        \Big\lvert \frac{\partial h_T}{\partial h_0} \Big\rvert
        = \prod_{s=1}^{T} \lvert w \rvert \tanh'(w h_{s-1}) \le \lvert w \rvert^{T}.

    >>> found = latch_gradient(0.9)
    >>> f"{found.measured:.2e}", f"{found.bound:.2e}", round(found.last_factor, 4)
    ('5.92e-06', '2.66e-05', 0.9)
    """
    _checks.positive_int("latch_gradient", "steps", steps)
    if not math.isfinite(w) or w == 0:
        raise ValueError(f"latch_gradient: w must be a finite nonzero weight, got {w}")
    with torch.random.fork_rng(devices=[]):  # building the layer draws weights that are replaced at once
        rnn = torch.nn.RNN(1, 1, bias=False).double()
    with torch.no_grad():
        rnn.weight_ih_l0.fill_(1.0)
        rnn.weight_hh_l0.fill_(w)
    x = torch.zeros(steps + 1, 1, dtype=torch.float64)
    x[0] = pulse
    with cpu_threads(1):  # tiny operations: a second thread only waits
        measured = flow(rnn, x, direction=torch.ones(1, dtype=torch.float64)).h[0].item()
        with torch.no_grad():
            h = rnn(x)[0][:, 0]
    factors = w * (1 - h[1:] ** 2)  # step s: w tanh'(a_s), with tanh' = 1 - h_s^2
    return LatchGradient(w, steps, measured, abs(w) ** steps, factors[0].item(), factors[-1].item())


class Averages(NamedTuple):
    """Two averages of :math:`\\tanh'` over a tanh RNN's run, and the predictions of the log-change
    of the gradient per step they give."""

    sigma: float  # the largest singular value of W_hh
    rms: float  # log sigma + 1/2 log E[tanh'^2]
    mean: float  # log sigma + log E[tanh']
    gap: float  # rms - mean, never negative
    over: int  # steps the gap is compounded over
    factor: float  # exp(over * gap): how far apart the two predictions are after `over` steps


def averages(
    w_hh: torch.Tensor | None = None,
    *,
    sigma: float = 1.0,
    size: int = 64,
    length: int = 160,
    batch: int = 16,
    over: int = 100,
    seed: int = 0,
) -> Averages:
    r"""Run a tanh RNN :math:`h_t = \tanh(x_t + W_{hh} h_{t-1})` on ``batch`` sequences of
    ``length`` steps of :math:`x_t \sim N(0, I)`, as the chapter's chain does, and average
    :math:`\tanh'(a) = 1 - h^2` over every unit and step in two ways. ``w_hh`` defaults to
    :math:`\sigma Q` for a random rotation :math:`Q` (:func:`torch.nn.init.orthogonal_`, seeded).
    Since :math:`(\mathbb E\, \tanh')^2 \le \mathbb E\, \tanh'^2` (the variance is not negative),

    .. math::

        \log \sigma + \log \mathbb E[\tanh'] \le \log \sigma + \tfrac12 \log \mathbb E[\tanh'^2],

    and the gap, compounded over ``over`` steps, is a factor :math:`e^{\text{over} \cdot \text{gap}}`.

    >>> found = averages(sigma=1.0, size=16)
    >>> round(found.rms, 3), round(found.mean, 3), f"{found.factor:.1e}"
    (-0.458, -0.621, '1.3e+07')
    """
    where = "averages"
    for name, value in (("size", size), ("length", length), ("batch", batch), ("over", over)):
        _checks.positive_int(where, name, value)
    if w_hh is None:
        if not (math.isfinite(sigma) and sigma > 0):
            raise ValueError(f"{where}: sigma must be positive, got {sigma}")
        q = torch.empty(size, size, dtype=torch.float64)
        w_hh = sigma * torch.nn.init.orthogonal_(q, generator=torch.Generator().manual_seed(seed))
    else:
        _checks.tensor(where, "w_hh", w_hh)
        if w_hh.dim() != 2 or w_hh.shape[0] != w_hh.shape[1]:
            raise ValueError(f"{where}: w_hh must be a square matrix, got shape {tuple(w_hh.shape)}")
        size, w_hh = w_hh.shape[0], w_hh.to(torch.float64)
        if not w_hh.any():
            raise ValueError(f"{where}: w_hh must not be all zeros, which has no log-norm to predict")
    with torch.random.fork_rng(devices=[]):  # building the layer draws weights that are replaced at once
        rnn = torch.nn.RNN(size, size, bias=False).double()
    with torch.no_grad(), cpu_threads(1):  # tiny operations: a second thread only waits
        rnn.weight_ih_l0.copy_(torch.eye(size, dtype=torch.float64))
        rnn.weight_hh_l0.copy_(w_hh)
        x = torch.randn(length, batch, size, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
        slope = 1 - rnn(x)[0] ** 2  # tanh'(a_t) = 1 - h_t^2 at every step, sequence and unit
        log_sigma = math.log(torch.linalg.matrix_norm(w_hh, 2).item())
        rms = log_sigma + 0.5 * math.log((slope**2).mean().item())
        mean = log_sigma + math.log(slope.mean().item())
    return Averages(math.exp(log_sigma), rms, mean, rms - mean, over, math.exp(over * (rms - mean)))


class BiasSlip(NamedTuple):
    """The forget gate's bias set right and set with the slip, and what survives of the cell path."""

    intended: float  # b_f set by lstm_explained.training.init.forget_bias
    slipped: float  # b_f after filling the forget slice of bias_ih and of bias_hh with the same value
    steps: int
    kept_intended: float  # geometric mean over units and sequences of prod f_s, intended bias
    kept_slipped: float  # the same with the slip
    predicted_ratio: float  # (sigma(slipped) / sigma(intended)) ** steps
    measured_ratio: float  # kept_slipped / kept_intended


def bias_slip(value: float = 1.0, steps: int = 50, hidden: int = 64, batch: int = 32, seed: int = 0) -> BiasSlip:
    r"""An LSTM at PyTorch's default initialisation (seeded), its forget gate's bias set to
    ``value`` by :func:`~lstm_explained.training.init.forget_bias`, and the same LSTM with the
    forget slice of both ``bias_ih`` and ``bias_hh`` filled with ``value``, so :math:`b_f = 2\,\text{value}`.
    At initialisation :math:`f \approx \sigma(b_f)`, so the cell path keeps about
    :math:`\sigma(b_f)^{k}` after :math:`k` steps and the slip multiplies it by

    .. math::

        \left(\frac{\sigma(2\,\text{value})}{\sigma(\text{value})}\right)^{k}.

    The products are measured on the traced forget gates (:func:`~lstm_explained.trace`),
    inputs from :math:`N(0, I)`.

    >>> slip = bias_slip()
    >>> slip.slipped, f"{slip.predicted_ratio:.1e}", f"{slip.measured_ratio:.1e}"
    (2.0, '1.1e+04', '2.3e+04')
    """
    for name, count in (("steps", steps), ("hidden", hidden), ("batch", batch)):
        _checks.positive_int("bias_slip", name, count)
    if not math.isfinite(value):
        raise ValueError(f"bias_slip: value must be a finite bias, got {value}")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        right = torch.nn.LSTM(hidden, hidden).double()
        x = torch.randn(steps, batch, hidden, dtype=torch.float64)
    slipped = copy.deepcopy(right)
    forget_bias(right, value)
    with torch.no_grad(), cpu_threads(1):  # tiny operations: a second thread only waits
        for bias in (slipped.bias_ih_l0, slipped.bias_hh_l0):
            LSTM.blocks(bias).f.fill_(value)  # the slip: both slices, so they add
        kept = [trace(lstm, x).f.log().sum(0).mean().exp().item() for lstm in (right, slipped)]
        b_f = [(LSTM.blocks(lstm.bias_ih_l0).f + LSTM.blocks(lstm.bias_hh_l0).f)[0].item() for lstm in (right, slipped)]
    sigmoid = [1 / (1 + math.exp(-b)) for b in b_f]
    return BiasSlip(b_f[0], b_f[1], steps, kept[0], kept[1], (sigmoid[1] / sigmoid[0]) ** steps, kept[1] / kept[0])


class Clipped(NamedTuple):
    """A gradient with one large component, clipped by norm and by value."""

    spike: float  # the large component
    rest: int  # components equal to 1
    spike_share: float  # the spike's share of the squared norm
    max_norm: float
    clip_value: float
    by_norm: float  # cosine between the gradient and its clipped-by-norm self
    by_value: float  # the same, clipped by value


def spike_clipping(clip_value: float = 1.0, spike: float = 100.0, rest: int = 99, max_norm: float = 1.0) -> Clipped:
    r"""The gradient :math:`g = (\text{spike}, 1, \dots, 1)` (``rest`` ones) clipped by norm at
    ``max_norm`` (:math:`g \cdot \min(1, m / \lVert g \rVert)`) and by value at ``clip_value``
    (each component into :math:`[-c, c]`), with :func:`torch.nn.utils.clip_grad_norm_` and
    :func:`torch.nn.utils.clip_grad_value_`: the cosine of each with :math:`g`.

    >>> found = spike_clipping(1.0)
    >>> round(found.by_norm, 6), round(found.by_value, 3), round(found.spike_share, 3)
    (1.0, 0.198, 0.99)
    """
    _checks.positive_int("spike_clipping", "rest", rest)
    for name, value in (("clip_value", clip_value), ("spike", spike), ("max_norm", max_norm)):
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"spike_clipping: {name} must be positive, got {value}")
    g = torch.ones(rest + 1, dtype=torch.float64)
    g[0] = spike
    cosines = []
    for clip in (
        lambda p: torch.nn.utils.clip_grad_norm_(p, max_norm),
        lambda p: torch.nn.utils.clip_grad_value_(p, clip_value),
    ):
        param = torch.nn.Parameter(torch.zeros_like(g))
        param.grad = g.clone()
        clip([param])
        cosines.append((param.grad @ g / (param.grad.norm() * g.norm())).item())
    return Clipped(spike, rest, spike**2 / (spike**2 + rest), max_norm, clip_value, *cosines)


class Reach(NamedTuple):
    """Which targets of a lagged stream send a gradient back to the symbol they ask for, in chunks."""

    chunk: int  # steps per chunk of truncated backpropagation
    lag: int
    length: int
    targets: int  # steps with a target: length - lag
    reached: int  # targets whose gradient reaches the input they ask about
    last_chunk: int  # of those, the ones in the last chunk (a chunk of `chunk` targets when it divides length)


def truncated_reach(chunk: int, lag: int = 5, length: int = 40, hidden: int = 8, seed: int = 0) -> Reach:
    r"""Read one :func:`~lstm_explained.tasks.long_lag.lagged_stream` through an untrained LSTM
    (seeded) in chunks of ``chunk`` steps, the state carried and its gradient stopped between
    chunks, as truncated backpropagation does, and count the targets :math:`t` for which

    .. math::

        \frac{\partial L_t}{\partial x_{t - \text{lag}}} \ne 0,

    :math:`L_t` the cross-entropy of step :math:`t`. The symbol lies in the target's chunk exactly
    when the target sits at least ``lag`` steps into it, so a chunk of :math:`k` steps after the
    first has :math:`\max(k - \text{lag}, 0)` such targets.

    >>> [truncated_reach(k).reached for k in (4, 8, 40)]
    [0, 15, 35]
    """
    where = "truncated_reach"
    for name, value in (("chunk", chunk), ("lag", lag), ("length", length), ("hidden", hidden)):
        _checks.positive_int(where, name, value)
    if chunk > length:
        raise ValueError(f"{where}: chunk must be at most the stream's length {length}, got {chunk}")
    if lag >= length:
        raise ValueError(f"{where}: lag must be shorter than the stream's length {length}, got {lag}")
    x, y = lagged_stream(1, length, lag, seed=seed)
    targets = (y[:, 0] != NO_TARGET).nonzero()[:, 0]
    # one copy of the stream per target, so that one backward pass keeps each target's gradient apart
    x = x.expand(length, len(targets), x.shape[-1]).clone().requires_grad_()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ToyModel("lstm", x.shape[-1], hidden, x.shape[-1])
    with cpu_threads(1):  # tiny operations: a second thread only waits
        logits, state = [], None
        for start in range(0, length, chunk):
            out, state = model.rnn(x[start : start + chunk], state)
            logits.append(model.head(out))
            state = tuple(s.detach() for s in state)  # truncate: the next chunk starts from a constant
        copies = torch.arange(len(targets))
        losses = F.cross_entropy(torch.cat(logits)[targets, copies], y[targets, 0], reduction="sum")
        (grad,) = torch.autograd.grad(losses, x)
        reached = targets[grad[targets - lag, copies].abs().amax(-1) > 0]
    last_start = (length - 1) // chunk * chunk
    return Reach(chunk, lag, length, len(targets), len(reached), int((reached >= last_start).sum()))
