"""The reading of the soy-sauce chapter's measurement (:mod:`~lstm_explained.experiments.analogy`):
what the wrong order of the third brew's gap on a trained and an untrained model says, in words."""

from __future__ import annotations

from ..experiments.analogy import OutputOrder

__all__ = ["order_reading"]


def order_reading(trained: OutputOrder, untrained: OutputOrder) -> str:
    """What the wrong order's gap on a trained and an untrained model says, chosen by the numbers.

    >>> order_reading(OutputOrder(0, 0.001, 0.9, -0.1), OutputOrder(0, 0.1, 0.2, -0.1))[:45]
    "The trained model's gap is 100 times smaller,"
    >>> order_reading(OutputOrder(0, 0.05, 0.3, -0.1), OutputOrder(0, 0.1, 0.2, -0.1))[:50]
    "Here the trained model's gap is not much smaller t"
    """
    ratio = untrained.tanh_gated_gap / trained.tanh_gated_gap
    if ratio >= 10 and trained.smallest_o > untrained.smallest_o:
        return (
            f"The trained model's gap is {ratio:.0f} times smaller, and for a reason worth knowing: its output "
            f"gate stays high (never below {trained.smallest_o:.3f}) where the untrained one's falls to "
            f"{untrained.smallest_o:.3f}, and where the output gate is 1 the two formulas agree. So a trained model can hide "
            "this mistake from a casual check."
        )
    return (
        f"Here the trained model's gap is not much smaller than the untrained one's ({ratio:.1f} times), "
        "so a check on either would expose the mistake."
    )
