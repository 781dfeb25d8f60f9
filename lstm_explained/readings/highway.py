"""The readings of the cell state's path (:mod:`~lstm_explained.experiments.highway`): whether
the forget gates' factors accumulate along it, and how close :math:`\\sigma(b_f)` predicts the
measured gates, in words."""

from __future__ import annotations

import math

from ..experiments.highway import ForgetProduct, HighwayRun
from .words import figure

__all__ = ["accumulate_reading", "bias_reading"]


def accumulate_reading(runs: dict[str, HighwayRun]) -> str:
    """Whether the forget gates' factors accumulate along the cell path, judged run by run (a
    factor per step below 0.999 shrinks, above 1.001 grows), in whole sentences.

    >>> import torch
    >>> flat = HighwayRun(0.0, *(torch.ones(3),) * 3, torch.tensor([1.0, 0.5, 0.25]), 0.0)
    >>> print(accumulate_reading({"bias 0": flat}))
    The multiplications do accumulate: along the cell path the gradient shrinks at every step, the forget gates' factors compounded. With bias 0 the factor is 0.500 per step. What the path lacks is a weight matrix and tanh′, so its factor can be brought near 1 by a single number, the forget gate's bias.
    """
    steps = {name: (r.lstm_c_direct[-1] / r.lstm_c_direct[0]).item() ** (1 / (len(r.lstm_c_direct) - 1)) for name, r in runs.items()}
    if not steps:
        raise ValueError("accumulate_reading: there are no runs to read")
    each = [f"With {name} the factor is {factor:.3f} per step." for name, factor in steps.items()]
    if all(f < 0.999 for f in steps.values()):
        return " ".join([
            "The multiplications do accumulate: along the cell path the gradient shrinks at every step, the forget gates' factors compounded.",
            *each,
            "What the path lacks is a weight matrix and tanh′, so its factor can be brought near 1 by a single number, the forget gate's bias.",
        ])
    said = {True: "shrinks", False: "grows"}
    return " ".join(
        f"With {name} the gradient along the cell path keeps its size (a factor of {f:.3f} per step)." if 0.999 <= f <= 1.001 else
        f"With {name} the gradient along the cell path {said[f < 1]} by a factor of {f:.3f} per step."
        for name, f in steps.items()
    )


def bias_reading(products: list[ForgetProduct]) -> str:
    """How close :math:`\\sigma(b_f)` predicts the measured gates, per step and over all steps, in
    whole sentences; the largest difference is the product furthest from its prediction either way.

    >>> print(bias_reading([ForgetProduct(0.0, 50, 1e-16, 8.9e-16), ForgetProduct(3.0, 50, 0.056, 0.088)]))
    Per step the measured gate is within 4% of σ(b_f). Over 50 steps that small gap compounds: the largest difference is at b_f = 0, where the product is 0.112 times the prediction. Every measured product falls below its prediction: the gates read noise from the input and the state, and log σ is concave.
    """
    if not products:
        raise ValueError("bias_reading: there are no products to read")
    per_step = max(abs((p.measured / p.predicted) ** (1 / p.steps) - 1) for p in products)
    worst = max(products, key=lambda p: abs(math.log(p.ratio)))
    if round(100 * per_step) == 0 and abs(math.log(worst.ratio)) < 0.01:
        return "The measured products match σ(b_f) to the power of the steps to within 1%, at every bias."
    sentences = [
        f"Per step the measured gate is within {per_step:.0%} of σ(b_f)." if round(100 * per_step) else "Per step the measured gate is within 1% of σ(b_f).",
        f"Over {worst.steps} steps that {'small ' if per_step < 0.05 else ''}gap compounds: the largest difference is at "
        f"b_f = {worst.bias:g}, where the product is {figure(worst.ratio)} times the prediction.",
    ]
    if all(p.ratio < 1 for p in products):
        # log sigmoid is concave: noise in the pre-activation lowers the mean of log f below log sigmoid(b)
        sentences.append("Every measured product falls below its prediction: the gates read noise from the input and the state, and log σ is concave.")
    return " ".join(sentences)
