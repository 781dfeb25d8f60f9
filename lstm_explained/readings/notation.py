"""The readings of the notation chapter's measurement (:func:`~lstm_explained.cells.notation.reset_gaps`):
whether the two placements of the GRU's reset gate make one network or two, in words."""

from __future__ import annotations

from ..cells.notation import ResetGaps

__all__ = ["SAME_WITHIN", "reset_reading"]

#: A difference below this share of the hidden state's typical size (its root mean square) is
#: read as the same network. The line is this book's, not a published one: it calls float32
#: rounding (about 1e-7) the same network and a difference of the hidden state's own size two,
#: and the sentence prints both numbers, so that a reader can draw the line elsewhere.
SAME_WITHIN = 0.1


def reset_reading(found: ResetGaps) -> str:
    """Whether the same weights, run with the reset gate after and before the recurrent product,
    give hidden states apart by more than :data:`SAME_WITHIN` of their typical size.

    >>> import torch
    >>> reset_reading(ResetGaps(torch.tensor([0.2, 0.39]), torch.tensor([0.3, 0.37])))
    'The largest difference over 2 steps is 0.39, against hidden values whose root mean square is 0.34 on average: the same weights make two different networks'
    >>> reset_reading(ResetGaps(torch.tensor([0.001, 0.002]), torch.tensor([0.3, 0.37])))
    'The largest difference over 2 steps is 0.002, against hidden values whose root mean square is 0.34 on average: on these weights the two placements stay within a tenth of that, close enough to read as one network here'
    """
    largest, typical = found.largest.max().item(), found.typical.mean().item()
    shown = f"{largest:.2f}" if largest >= 0.01 else f"{largest:.1g}"
    head = (
        f"The largest difference over {len(found.largest)} steps is {shown}, against hidden values "
        f"whose root mean square is {typical:.2f} on average"
    )
    if largest > SAME_WITHIN * typical:
        return head + ": the same weights make two different networks"
    return head + ": on these weights the two placements stay within a tenth of that, close enough to read as one network here"
