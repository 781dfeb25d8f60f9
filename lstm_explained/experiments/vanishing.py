r"""The Jacobian chain of a tanh RNN, measured: how fast the gradient shrinks or grows with lag.

Backpropagating from :math:`h_T` to :math:`h_t` multiplies by one factor per step,

.. math::

    \frac{\partial h_T}{\partial h_t} = \prod_{s=t+1}^{T} \mathrm{diag}\big(\tanh'(a_s)\big)\, W_{hh},
    \qquad a_s = W_{ih} x_s + W_{hh} h_{s-1},

so its size changes by about a fixed factor per step. :func:`chain` measures that factor on a
tanh RNN with a given :math:`W_{hh}` (the input enters as :math:`x_t` itself, unit scale), by
:func:`lstm_explained.gradients.flow` in float64 so that nothing underflows, and puts beside it two
predictions: :math:`\log \sigma + \tfrac12 \log \mathbb E[\tanh'(a)^2]` (the root mean square of
the derivative, the right average for a product of random directions) and
:math:`\log(\sigma\, \mathbb E[\tanh'(a)])` (the plain mean).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor

from .. import _checks
from ..gradients import flow
from ..runtime import cache

__all__ = ["FIT_LAGS", "SIGMAS", "ChainRun", "Latch", "chain", "chain_runs", "gaussian", "latch", "orthogonal"]

#: The scales of :math:`W_{hh} = \sigma Q` the chapter measures.
SIGMAS = (0.5, 0.9, 1.0, 1.2, 1.5, 3.0)
#: The lags over which the decay per step is fitted.
FIT_LAGS = (10, 120)


def orthogonal(sigma: float, size: int, seed: int = 0) -> Tensor:
    """:math:`\\sigma Q` with :math:`Q` a random orthogonal ``(size, size)`` matrix (float64):
    every singular value is :math:`\\sigma`.

    >>> w = orthogonal(1.5, 4)
    >>> torch.linalg.svdvals(w)
    tensor([1.5000, 1.5000, 1.5000, 1.5000], dtype=torch.float64)
    """
    _checks.positive_int("orthogonal", "size", size)
    q, r = torch.linalg.qr(torch.randn(size, size, generator=torch.Generator().manual_seed(seed), dtype=torch.float64))
    return sigma * q * torch.sign(torch.diagonal(r))  # the sign fix makes Q uniformly distributed


def gaussian(gain: float, size: int, seed: int = 0) -> Tensor:
    """A Gaussian ``(size, size)`` matrix with entries of variance :math:`g^2 / n` (float64): its
    spectral radius is close to ``gain`` and its largest singular value close to twice that."""
    _checks.positive_int("gaussian", "size", size)
    return gain * torch.randn(size, size, generator=torch.Generator().manual_seed(seed), dtype=torch.float64) / math.sqrt(size)


@dataclass(frozen=True)
class ChainRun:
    """One :math:`W_{hh}`, measured: its largest singular value and spectral radius, the gradient
    norm at every lag (geometric mean over the sequences), the fitted log-change per step, and the
    log of the two averages of :math:`\\tanh'` the predictions use."""

    label: str
    sigma_max: float
    spectral_radius: float
    norms: Tensor  # (T,), index k = lag k (k = 0 is h_T itself)
    slope: float  # fitted d log ||dL/dh_{T-k}|| / dk over FIT_LAGS
    log_rms_derivative: float  # 1/2 log E[tanh'(a)^2]
    log_mean_derivative: float  # log E[tanh'(a)]
    bound_holds: bool  # ||dL/dh_{T-k}|| <= sigma_max^k for every sequence and lag

    def predicted(self, scale: float | None = None, *, average: str = "rms") -> float:
        """The predicted log-change per step: :math:`\\log s` plus the log of the derivative's root
        mean square (``average="rms"``) or mean; ``scale`` defaults to :math:`\\sigma_{max}`."""
        _checks.one_of("ChainRun.predicted", "average", average, ("rms", "mean"))
        log_scale = math.log(self.sigma_max if scale is None else scale)
        return log_scale + (self.log_rms_derivative if average == "rms" else self.log_mean_derivative)

    @property
    def fate(self) -> str:
        """Whether the gradient ``"vanishes"`` or ``"explodes"``, by the sign of the fitted slope."""
        return "vanishes" if self.slope < 0 else "explodes"


def chain(w_hh: Tensor, label: str, *, length: int = 160, batch: int = 16, seed: int = 0) -> ChainRun:
    """Measure the gradient's change with lag for a tanh RNN with recurrent weights ``w_hh``.

    The input at each step is :math:`x_t \\sim N(0, I)` added as it is (:math:`W_{ih} = I`, no
    bias); the loss is :math:`\\langle v, h_T \\rangle` with a random unit :math:`v`.

    >>> run = chain(orthogonal(0.5, 8), "0.5")
    >>> round(run.slope, 2), round(run.predicted(), 2), run.bound_holds
    (-1.16, -1.1, True)
    """
    _checks.tensor("chain", "w_hh", w_hh)
    size = w_hh.shape[0]
    _checks.shape("chain", "w_hh", w_hh, (size, size), "(a square matrix)")
    _checks.int_in("chain", "length", length, FIT_LAGS[1] + 1)
    w_hh = w_hh.to(torch.float64)
    rnn = torch.nn.RNN(size, size, bias=False).double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.eye(size, dtype=torch.float64))
        rnn.weight_hh_l0.copy_(w_hh)
    draw = torch.Generator().manual_seed(seed)
    x = torch.randn(length, batch, size, generator=draw, dtype=torch.float64)
    v = torch.randn(size, generator=draw, dtype=torch.float64)
    norms = flow(rnn, x, direction=v / v.norm()).h.flip(0)  # index k: lag k
    with torch.no_grad():
        h = rnn(x)[0]
        a = x + torch.cat([torch.zeros_like(h[:1]), h[:-1]]) @ w_hh.T
    slope_d = 1 - torch.tanh(a) ** 2
    log_norm = norms.log().mean(1)
    lags = torch.arange(length, dtype=torch.float64)
    fit = (lags >= FIT_LAGS[0]) & (lags <= FIT_LAGS[1])
    design = torch.stack([lags[fit], torch.ones(int(fit.sum()), dtype=torch.float64)], 1)
    slope = torch.linalg.lstsq(design, log_norm[fit, None]).solution[0, 0].item()
    sigma_max = torch.linalg.matrix_norm(w_hh, 2).item()
    bound = sigma_max ** lags[:, None]
    return ChainRun(
        label, sigma_max, torch.linalg.eigvals(w_hh).abs().max().item(), log_norm.exp(), slope,
        0.5 * math.log((slope_d**2).mean().item()), math.log(slope_d.mean().item()),
        bool((norms <= bound * (1 + 1e-9)).all()),
    )


def chain_runs(size: int = 64, *, gaussian_gain: float = 1.2, seed: int = 0) -> list[ChainRun]:
    """:func:`chain` for :math:`\\sigma Q` at every :data:`SIGMAS`, then a Gaussian matrix of
    gain ``gaussian_gain`` (labelled ``"Gaussian"``); cached."""

    def compute():
        runs = [chain(orthogonal(s, size, seed), f"σ = {s:g}", seed=seed) for s in SIGMAS]
        return runs + [chain(gaussian(gaussian_gain, size, seed + 1), "Gaussian", seed=seed)]

    return cache.cached("chain_runs", dict(size=size, gaussian_gain=gaussian_gain, seed=seed), compute, module=__name__)


@dataclass(frozen=True)
class Latch:
    r"""A one-unit tanh RNN :math:`h_t = \tanh(w h_{t-1} + x_t)` fed one pulse :math:`x_0 = \pm p`
    and zeros after it: what it holds after ``steps`` steps, and the derivative of that with respect
    to the pulse, computed backward (autograd) and forward (forward-mode, the sensitivity)."""

    w: float
    steps: int
    after_plus: float  # h_T after x_0 = +p
    after_minus: float  # h_T after x_0 = -p
    backward: float  # dh_T/dx_0 by backpropagation
    forward: float  # dh_T/dx_0 by forward-mode differentiation

    @property
    def holds(self) -> bool:
        """Whether the sign of the pulse is still readable in :math:`h_T` (both signs, clearly)."""
        return self.after_plus > 0.5 and self.after_minus < -0.5


def latch(w: float, steps: int = 100, pulse: float = 1.0) -> Latch:
    r"""Bengio, Simard & Frasconi's (1994) latch, measured in float64.

    >>> strong, weak = latch(3.0), latch(0.5)
    >>> strong.holds, f"{strong.backward:.1e}", weak.holds
    (True, '5.2e-152', False)
    """
    _checks.positive_int("latch", "steps", steps)

    def last(x0: Tensor) -> Tensor:
        h = torch.tanh(x0)
        for _ in range(steps):
            h = torch.tanh(w * h)  # x_t = 0 after the pulse
        return h

    x0 = torch.tensor(pulse, dtype=torch.float64, requires_grad=True)
    (backward,) = torch.autograd.grad(last(x0), x0)
    _, forward = torch.func.jvp(last, (x0.detach(),), (torch.ones((), dtype=torch.float64),))
    minus = last(torch.tensor(-pulse, dtype=torch.float64))
    return Latch(w, steps, last(x0).item(), minus.item(), backward.item(), forward.item())

