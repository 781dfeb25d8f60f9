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
    give hidden states apart by more than :data:`SAME_WITHIN` of their typical size: the root
    mean square of the difference against that of the hidden state, over every step.

    >>> import torch
    >>> reset_reading(ResetGaps(torch.tensor([0.2, 0.39]), torch.tensor([0.3, 0.37]), torch.tensor([0.08, 0.1])))
    'Over 2 steps the difference has a root mean square of 0.09 (at most 0.39, at step 2), against 0.34 for the hidden state itself: the same weights make two different networks'
    >>> reset_reading(ResetGaps(torch.tensor([0.001, 0.002]), torch.tensor([0.3, 0.37]), torch.tensor([0.0005, 0.001])))
    'Over 2 steps the difference has a root mean square of 0.0008 (at most 0.002, at step 2), against 0.34 for the hidden state itself: within a tenth of that, close enough to read as one network here'
    """
    rms, typical = found.rms.pow(2).mean().sqrt().item(), found.typical.pow(2).mean().sqrt().item()
    largest, step = found.largest.max().item(), int(found.largest.argmax()) + 1
    number = lambda v: f"{v:.2f}" if v >= 0.01 else f"{v:.1g}"  # noqa: E731
    head = (
        f"Over {len(found.largest)} steps the difference has a root mean square of {number(rms)} "
        f"(at most {number(largest)}, at step {step}), against {typical:.2f} for the hidden state itself"
    )
    if rms > SAME_WITHIN * typical:
        return head + ": the same weights make two different networks"
    return head + ": within a tenth of that, close enough to read as one network here"
