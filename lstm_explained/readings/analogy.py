"""The reading of the soy-sauce chapter's measurement (:mod:`~lstm_explained.experiments.analogy`):
what the wrong order of the third brew's gap on a trained and an untrained model says, in words."""

from __future__ import annotations

from ..experiments.analogy import OutputOrder
from .words import figure, listed

__all__ = ["ROUNDING", "bound_reading", "bound_summary", "order_reading", "order_summary"]


#: Below this, a gap between the two orders is float32 rounding, which no check can tell from a match.
ROUNDING = 1e-6


def _short_of_one(value: float) -> str:
    """``value`` with as many decimals as it takes not to print a gate below 1 as 1.

    >>> _short_of_one(0.44), _short_of_one(0.998), _short_of_one(0.99996)
    ('0.44', '0.998', '0.99996')
    """
    for digits in range(2, 7):
        said = f"{value:.{digits}f}"
        if value >= 1 or float(said) < 1:
            return said
    return f"{value:.6f}"


def order_reading(trained: OutputOrder, untrained: OutputOrder) -> str:
    """What the wrong order's gap on a trained and an untrained model says, in whole sentences
    chosen by the numbers: both gaps, the output gates beside them where the trained model's stay
    higher (read beside the gaps, not as their cause: at :math:`o = 1` the two orders agree
    exactly, exercise 4), and the tolerance a check would need on each model to catch the mistake.

    >>> print(order_reading(OutputOrder(0, 3.4e-4, 0.998, -0.1), OutputOrder(0, 0.05, 0.2, -0.1)))
    The wrong order misses the untrained model by 5.0e-02 and the trained one by 3.4e-04. The trained model's output gate never falls below 0.998, where the untrained one's reaches 0.20, and at o = 1 the two orders agree. So a check on the trained model catches the mistake only with a tolerance below 3.4e-04, where one on the untrained model catches it below 5.0e-02.
    >>> print(order_reading(OutputOrder(0, 1e-8, 0.99, -0.1), OutputOrder(0, 0.05, 0.2, -0.1)).split(". ")[0])
    The wrong order misses the untrained model by 5.0e-02, and the trained one only by rounding
    """
    wrong, right = untrained.tanh_gated_gap, trained.tanh_gated_gap
    if max(wrong, right) < ROUNDING:
        return "The wrong order differs from nn.LSTM only by rounding on both models, so neither check exposes it."
    if right < ROUNDING:
        return (f"The wrong order misses the untrained model by {wrong:.1e}, and the trained one only by rounding. "
                "So a check on the trained model alone cannot expose the mistake.")
    if wrong < ROUNDING:
        return (f"The wrong order misses the trained model by {right:.1e}, and the untrained one only by rounding. "
                "So a check on the untrained model alone cannot expose the mistake.")
    head = f"The wrong order misses the untrained model by {wrong:.1e} and the trained one by {right:.1e}."
    gates = (f"The trained model's output gate never falls below {_short_of_one(trained.smallest_o)}, where the untrained one's "
             f"reaches {_short_of_one(untrained.smallest_o)}, and at o = 1 the two orders agree.")
    if right < wrong:
        verdict = (f"So a check on the trained model catches the mistake only with a tolerance below {right:.1e}, "
                   f"where one on the untrained model catches it below {wrong:.1e}.")
        return f"{head} {gates} {verdict}" if trained.smallest_o > untrained.smallest_o else f"{head} {verdict}"
    return f"{head} The gap is at least as large on the trained model, so a check on either catches the mistake below {wrong:.1e}."


def order_summary(trained: OutputOrder, untrained: OutputOrder) -> str:
    """:func:`order_reading` for a recap: the two gaps in one sentence.

    >>> order_summary(OutputOrder(0, 3.4e-4, 0.998, -0.1), OutputOrder(0, 0.05, 0.2, -0.1))
    'The wrong order misses nn.LSTM by up to 5.0e-02 on the untrained model and 3.4e-04 on the trained one.'
    """
    return (f"The wrong order misses nn.LSTM by up to {untrained.tanh_gated_gap:.1e} on the untrained model "
            f"and {trained.tanh_gated_gap:.1e} on the trained one.")

def _bounded(orders: dict[str, OutputOrder]) -> list[str]:
    if not orders:
        raise ValueError("bound_reading: there are no models to read")
    return [name for name, order in orders.items() if order.largest_h_minus_o > 0]


def _margin(order: OutputOrder) -> str:
    """How far below o the hidden state stays at its closest, in words."""
    margin = -order.largest_h_minus_o
    return "reaches o but never passes it" if margin == 0 else f"stays at least {figure(margin)} below o"


def bound_reading(orders: dict[str, OutputOrder]) -> str:
    """Whether :math:`|h_t| \\le o_t` held at every step and unit of each model in ``orders`` (named
    by its keys), with how close :math:`|h_t|` came to :math:`o_t` on each.

    >>> ok = {"trained": OutputOrder(0, 0, 0.9, -0.24), "untrained": OutputOrder(0, 0, 0.2, -4e-4)}
    >>> print(bound_reading(ok))
    The bound |h| ≤ o holds at every step of both models: |h| stays at least 0.24 below o on the trained one and at least 0.0004 on the untrained one.
    >>> print(bound_reading({"trained": OutputOrder(0, 0, 0.9, 0.0)}))
    The bound |h| ≤ o holds at every step of the trained model: |h| reaches o but never passes it.
    >>> print(bound_reading({**ok, "untrained": OutputOrder(0, 0, 0.2, 2e-3)}))
    The bound |h| ≤ o fails on the untrained model (|h| − o reaches 2.0e-03), which would mean the replay is wrong.
    """
    failed = _bounded(orders)
    if failed:
        where = " and ".join(f"the {name} model (|h| − o reaches {orders[name].largest_h_minus_o:.1e})" for name in failed)
        return f"The bound |h| ≤ o fails on {where}, which would mean the replay is wrong."
    if len(orders) == 1:
        (name, order), = orders.items()
        return f"The bound |h| ≤ o holds at every step of the {name} model: |h| {_margin(order)}."
    models = "both models" if len(orders) == 2 else f"all {len(orders)} models"
    if all(order.largest_h_minus_o < 0 for order in orders.values()):
        # one verb for all: "stays at least 0.24 below o on the trained one and at least 0.21 on the untrained one"
        first, *rest = [(name, figure(-order.largest_h_minus_o)) for name, order in orders.items()]
        each = listed([f"at least {first[1]} below o on the {first[0]} one"] + [f"at least {m} on the {name} one" for name, m in rest])
        return f"The bound |h| ≤ o holds at every step of {models}: |h| stays {each}."
    each = listed([f"{_margin(order)} on the {name} one" for name, order in orders.items()])
    return f"The bound |h| ≤ o holds at every step of {models}: |h| {each}."


def bound_summary(orders: dict[str, OutputOrder]) -> str:
    """:func:`bound_reading` for a recap: whether the bound held, without the margins.

    >>> bound_summary({"trained": OutputOrder(0, 0, 0.9, -1e-3), "untrained": OutputOrder(0, 0, 0.2, -4e-4)})
    'The bound |h| ≤ o held at every step of both models.'
    >>> bound_summary({"trained": OutputOrder(0, 0, 0.9, 1e-3), "untrained": OutputOrder(0, 0, 0.2, 4e-4)})
    'The bound |h| ≤ o failed on the trained and untrained models, so the replay is wrong.'
    """
    failed = _bounded(orders)
    if failed:
        return f"The bound |h| ≤ o failed on the {listed(failed)} model{'s' if len(failed) > 1 else ''}, so the replay is wrong."
    models = (f"the {next(iter(orders))} model" if len(orders) == 1 else "both models" if len(orders) == 2
              else f"all {len(orders)} models")
    return f"The bound |h| ≤ o held at every step of {models}."
