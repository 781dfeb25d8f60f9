r"""Which targets of a lagged stream truncated backpropagation through time can teach.

In a stream whose target at step :math:`t` is the symbol read at step :math:`t - \text{lag}` (the
first ``lag`` steps have none), cut into chunks of :math:`k` steps, a target sends a gradient to
its symbol only when both lie in the same chunk: :math:`\lfloor t / k \rfloor = \lfloor (t -
\text{lag}) / k \rfloor`. In every chunk but the first that is a share :math:`(k - \text{lag})/k`
of its targets; the first chunk has no target in its first ``lag`` steps, so over a whole stream
the share is larger.
"""

from __future__ import annotations

from .. import _checks

__all__ = ["taught"]


def taught(length: int, lag: int, chunk: int | None = None) -> tuple[int, int]:
    """``(taught, targets)``: how many of the stream's ``length - lag`` targets lie in the same
    chunk as their symbol, with chunks of ``chunk`` steps (``None``: the whole stream at once).

    >>> taught(40, 5, 8), taught(40, 5, 20), taught(40, 5, 4), taught(40, 5)
    ((15, 35), (30, 35), (0, 35), (35, 35))
    """
    _checks.positive_int("taught", "length", length)
    _checks.int_in("taught", "lag", lag, 1, length - 1)
    chunk = _checks.positive_int("taught", "chunk", chunk, optional=True) or length
    targets = range(lag, length)
    return sum(t // chunk == (t - lag) // chunk for t in targets), len(targets)
