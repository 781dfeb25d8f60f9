"""The readings of the Jacobian chain (:mod:`~lstm_explained.experiments.vanishing`): how the
measured slopes compare with the bound and the two predictions, and what the latch says about the
forward and backward passes, in words."""

from __future__ import annotations

import math

from ..experiments.vanishing import ChainRun, Latch
from .words import counted, part_of

__all__ = ["FLAT", "bound_reading", "gaussian_reading", "latch_reading", "necessary_reading", "rms_reading", "rms_summary"]


#: Below this size a slope is flat, and a relative error against it means nothing.
FLAT = 1e-6


def rms_reading(runs: list[ChainRun]) -> str:
    """How the two predictions fare against the measured slopes of ``runs``, in whole sentences;
    a flat slope (below :data:`FLAT`) is left out, since an error relative to it means nothing.

    >>> import torch
    >>> runs = [ChainRun("a", 0.5, 0.5, torch.ones(1), -1.1, -0.4, -0.5, True)]
    >>> print(rms_reading(runs))
    For the one setting of σ, the root-mean-square prediction is nearer the measured slope than the mean-based one. The root-mean-square prediction is at most 1% off, and the mean-based one 8% off.
    """
    sloped = [r for r in runs if abs(r.slope) >= FLAT]
    flat = len(runs) - len(sloped)
    tail = f" {counted(flat, 'setting')} with a flat slope {'is' if flat == 1 else 'are'} left out." if flat else ""
    if not sloped:
        return "Every setting of σ has a flat slope, so neither prediction can be scored against it."
    rms = [abs(r.predicted() - r.slope) / abs(r.slope) for r in sloped]
    mean = [abs(r.predicted(average="mean") - r.slope) / abs(r.slope) for r in sloped]
    closer, n = sum(a < b for a, b in zip(rms, mean)), len(sloped)
    spread = f"{min(mean):.0%}" if n == 1 or f"{min(mean):.0%}" == f"{max(mean):.0%}" else f"{min(mean):.0%} to {max(mean):.0%}"
    if closer:
        first = f"For {part_of(closer, n, 'setting')} of σ, the root-mean-square prediction is nearer the measured slope than the mean-based one."
    else:
        first = "For no setting of σ is the root-mean-square prediction nearer the measured slope than the mean-based one."
    return f"{first} The root-mean-square prediction is at most {max(rms):.0%} off, and the mean-based one {spread} off.{tail}"


def rms_summary(runs: list[ChainRun]) -> str:
    """The recap's sentence: how far each prediction of the rate falls from the measured slopes of
    ``runs``, at worst (the root-mean-square one) and over its range (the mean-based one).

    >>> import torch
    >>> runs = [ChainRun("a", 0.5, 0.5, torch.ones(1), -1.1, -0.4, -0.5, True),
    ...         ChainRun("b", 2.0, 2.0, torch.ones(1), 0.2, -0.5, -0.6, True)]
    >>> rms_summary(runs)
    'Predicted from the root mean square of tanh′, the rate is within 3% of the measured one on all 2 settings of σ; predicted from the plain mean of tanh′, it is 8% to 53% off'
    """
    rms = [abs(r.predicted() - r.slope) / abs(r.slope) for r in runs]
    mean = [abs(r.predicted(average="mean") - r.slope) / abs(r.slope) for r in runs]
    spread = f"{min(mean):.0%}" if len(runs) == 1 else f"{min(mean):.0%} to {max(mean):.0%}"
    settings = "the one setting" if len(runs) == 1 else f"all {len(runs)} settings"
    return (
        f"Predicted from the root mean square of tanh′, the rate is within {max(rms):.0%} of the measured one on {settings} of σ; "
        f"predicted from the plain mean of tanh′, it is {spread} off"
    )


def bound_reading(runs: list[ChainRun]) -> str:
    r"""Whether :math:`\sigma_{max}^k` bounded the gradient at every lag :math:`k` on every run with
    :math:`\sigma_{max} < 1`, in one sentence.

    >>> import torch
    >>> bound_reading([ChainRun("σ = 0.5", 0.5, 0.5, torch.ones(1), -1.0, 0.0, 0.0, False)])
    'The bound σᵏ fails on the one run with σ < 1, which would mean the measurement is wrong.'
    >>> bound_reading([ChainRun("σ = 2", 2.0, 2.0, torch.ones(1), 0.5, 0.0, 0.0, True)])
    'The bound σᵏ is not tested here, since no run has σ < 1.'
    """
    below = [r for r in runs if r.sigma_max < 1]
    if not below:
        return "The bound σᵏ is not tested here, since no run has σ < 1."
    failed = sum(not r.bound_holds for r in below)
    if failed:
        return f"The bound σᵏ fails on {part_of(failed, len(below), 'run')} with σ < 1, which would mean the measurement is wrong."
    return f"The bound σᵏ holds at every lag on {part_of(len(below), len(below), 'run')} with σ < 1."


def necessary_reading(runs: list[ChainRun]) -> str:
    r"""Whether some :math:`\sigma_{max} > 1` still vanishes (a largest singular value above 1 is
    necessary for the gradient to explode, not sufficient), and the smallest one that explodes, in
    whole sentences.

    >>> import torch
    >>> runs = [ChainRun("σ = 1.5", 1.5, 1.5, torch.ones(1), -0.15, math.log(0.58), 0.0, True),
    ...         ChainRun("σ = 3", 3.0, 3.0, torch.ones(1), 0.24, 0.0, 0.0, True)]
    >>> print(necessary_reading(runs))
    Not on these runs. At σ = 1.5 the gradient still vanishes: its log-norm changes by -0.150 per step. There the rms of tanh′ is 0.58, and 1.5 × 0.58 = 0.87 is below 1. At σ = 3 it explodes: its log-norm changes by +0.240 per step.
    >>> print(necessary_reading(runs[1:]))
    These runs cannot say: every run with σ above 1 explodes here.
    """
    if not any(r.sigma_max > 1 for r in runs):
        return "These runs cannot say: none of them has σ above 1."
    still = [r for r in runs if r.sigma_max > 1 and r.fate == "vanishes"]
    if not still:
        return "These runs cannot say: every run with σ above 1 explodes here."
    mid = max(still, key=lambda r: r.sigma_max)
    rms = math.exp(mid.log_rms_derivative)
    words = (
        f"Not on these runs. At {mid.label} the gradient still vanishes: its log-norm changes by {mid.slope:+.3f} per step. "
        f"There the rms of tanh′ is {rms:.2f}, and {mid.sigma_max:g} × {rms:.2f} = {mid.sigma_max * rms:.2f} is below 1."
    )
    exploding = [r for r in runs if r.fate == "explodes"]
    if exploding:
        big = min(exploding, key=lambda r: r.sigma_max)
        words += f" At {big.label} it explodes: its log-norm changes by {big.slope:+.3f} per step."
    return words


def gaussian_reading(run: ChainRun) -> str:
    r"""Which prediction a matrix's measured slope is nearer, its spectral radius's or its largest
    singular value's, and how far off the nearer one is, in whole sentences.

    For a Gaussian matrix the spectral radius is close to the root-mean-square stretch
    :math:`\|W\|_F / \sqrt{n}`, so a slope near the radius's prediction cannot say which of those
    two sets the rate; the reading says so.

    >>> import torch
    >>> print(gaussian_reading(ChainRun("Gaussian", 2.3, 1.2, torch.ones(1), -0.05, math.log(0.8), 0.0, True)))
    For the Gaussian matrix, which is not a scaled rotation, the gradient changes by -0.050 per step. Its spectral radius (1.20) predicts -0.041 (18% off), and its largest singular value (2.30) +0.610. The slope is nearer the spectral radius's prediction. For a Gaussian matrix the spectral radius is close to the root-mean-square stretch, so this run cannot tell which of those two sets the rate.
    """
    by_radius, by_sigma = run.predicted(run.spectral_radius), run.predicted()
    radius_nearer = abs(by_radius - run.slope) < abs(by_sigma - run.slope)
    # how far off the nearer prediction is, relative to the slope (none to state for a flat slope)
    off = f" ({abs((by_radius if radius_nearer else by_sigma) - run.slope) / abs(run.slope):.0%} off)" if abs(run.slope) >= FLAT else ""
    words = (
        f"For the {run.label} matrix, which is not a scaled rotation, the gradient changes by {run.slope:+.3f} per step. "
        f"Its spectral radius ({run.spectral_radius:.2f}) predicts {by_radius:+.3f}{off if radius_nearer else ''}, "
        f"and its largest singular value ({run.sigma_max:.2f}) {by_sigma:+.3f}{'' if radius_nearer else off}."
    )
    if radius_nearer:
        return words + (
            " The slope is nearer the spectral radius's prediction. For a Gaussian matrix the spectral radius is close "
            "to the root-mean-square stretch, so this run cannot tell which of those two sets the rate."
        )
    return words + " The slope is nearer the largest singular value's prediction."


def latch_reading(latches: list[Latch]) -> str:
    """Note ``004``'s question, forward or backward, answered by the latches measured, in whole sentences.

    >>> from lstm_explained.experiments.vanishing import latch
    >>> latch_reading([latch(0.5)])
    'No unit here both holds the pulse and loses its derivative, so these numbers do not separate the two passes.'
    """
    held = [l for l in latches if l.holds and l.backward < 1e-10]
    if not held:
        return "No unit here both holds the pulse and loses its derivative, so these numbers do not separate the two passes."
    strong = held[0]
    words = (
        f"With w = {strong.w:g} the unit still shows the pulse's sign after {strong.steps} steps "
        f"({strong.after_plus:+.3f} against {strong.after_minus:+.3f}), yet the derivative of that state with respect "
        f"to the pulse is {strong.backward:.1e}. The information survives, and its derivative does not, computed forward "
        "or backward. Learning by gradient needs the derivative."
    )
    lost = [l for l in latches if abs(l.after_plus) < 1e-3]
    if lost:
        weak = lost[0]
        words += (
            f" A weak unit (w = {weak.w:g}) ends at {weak.after_plus:.1e}, far below any realistic noise, "
            f"and loses the derivative alike ({weak.backward:.1e}). The strong unit keeps the information by sitting "
            "where tanh is flat, which is where its derivative vanishes. That is Bengio et al.'s trade-off: a unit "
            "that latches robustly is one whose gradient vanishes."
        )
    return words
