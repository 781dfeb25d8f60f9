"""The readings of the cell state's path (:mod:`~lstm_explained.experiments.highway`): whether
the forget gates' factors accumulate along it, and how close :math:`\\sigma(b_f)` predicts the
measured gates, in words."""

from __future__ import annotations

from ..experiments.highway import ForgetProduct, HighwayRun

__all__ = ["accumulate_reading", "bias_reading"]


def accumulate_reading(runs: dict[str, HighwayRun]) -> str:
    """Whether the forget gates' factors accumulate along the cell path, per step, for each named run.

    >>> import torch
    >>> flat = HighwayRun(0.0, *(torch.ones(3),) * 3, torch.tensor([1.0, 0.5, 0.25]), 0.0)
    >>> accumulate_reading({"bias 0": flat})
    "the multiplications do accumulate: along the cell path the gradient shrinks by a factor of 0.500 per step (bias 0), the forget gates compounded. What the path lacks is a weight matrix and tanh′, so its factor can be brought near 1 by a single number, the forget gate's bias"
    """
    steps = {name: (r.lstm_c_direct[-1] / r.lstm_c_direct[0]).item() ** (1 / (len(r.lstm_c_direct) - 1)) for name, r in runs.items()}
    if max(steps.values()) >= 0.999:
        return "along the cell path the gradient keeps its size: the forget gates sit at 1"
    each = " and ".join(f"{factor:.3f} per step ({name})" for name, factor in steps.items())
    return (
        f"the multiplications do accumulate: along the cell path the gradient shrinks by a factor of {each}, the "
        "forget gates compounded. What the path lacks is a weight matrix and tanh′, so its factor can be brought near 1 "
        "by a single number, the forget gate's bias"
    )


def bias_reading(products: list[ForgetProduct]) -> str:
    """How close :math:`\\sigma(b_f)` predicts the measured gates, per step and over all steps.

    >>> bias_reading([ForgetProduct(0.0, 50, 1e-16, 8.9e-16), ForgetProduct(3.0, 50, 0.056, 0.088)])
    'per step the measured gate is within 4% of σ(b_f); over 50 steps that small gap compounds, and the product is 0.11 times the prediction at b_f = 0, the largest difference. Every measured product falls below its prediction: the gates read noise from the input and the state, and log σ is concave'
    """
    per_step = max(abs((p.measured / p.predicted) ** (1 / p.steps) - 1) for p in products)
    worst = min(products, key=lambda p: p.ratio)
    words = (
        f"per step the measured gate is within {per_step:.0%} of σ(b_f); over {worst.steps} steps that small gap "
        f"compounds, and the product is {worst.ratio:.2f} times the prediction at b_f = {worst.bias:g}, the largest difference"
    )
    if all(p.ratio < 1 for p in products):
        # log sigmoid is concave: noise in the pre-activation lowers the mean of log f below log sigmoid(b)
        words += ". Every measured product falls below its prediction: the gates read noise from the input and the state, and log σ is concave"
    return words
