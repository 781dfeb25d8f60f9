"""The readings of the notation chapter's measurement (:func:`~lstm_explained.cells.notation.reset_gaps`):
whether the two placements of the GRU's reset gate make one network or two, in words."""

from __future__ import annotations

from ..cells.notation import ResetGaps
from .words import part_of

__all__ = ["SAME_WITHIN", "misread_reading", "misread_summary", "reset_reading"]

#: A difference below this share of the hidden state's typical size (its root mean square) is
#: read as the same network. The line is this book's, not a published one: it calls float32
#: rounding (about 1e-7) the same network and a difference of the hidden state's own size two,
#: and the sentence prints both numbers, so that a reader can draw the line elsewhere.
SAME_WITHIN = 0.1


def reset_reading(found: ResetGaps) -> str:
    """Whether the same weights, run with the reset gate after and before the recurrent product,
    give hidden states apart by more than :data:`SAME_WITHIN` of their typical size: the root
    mean square of the difference against that of the hidden state, over every step, in whole
    sentences.

    >>> import torch
    >>> print(reset_reading(ResetGaps(torch.tensor([0.2, 0.39]), torch.tensor([0.3, 0.37]), torch.tensor([0.08, 0.1]))))
    Over 2 steps the two placements' hidden states differ by 0.09 in root mean square (at most 0.39, at step 2), against 0.34 for the hidden state itself. That is 27% of the state's size: the same weights make two different networks.
    >>> reset_reading(ResetGaps(torch.tensor([0.001, 0.002]), torch.tensor([0.3, 0.37]), torch.tensor([0.0005, 0.001]))).split(". ")[1]
    "That is under 10% of the state's size, close enough to read as one network here."
    >>> reset_reading(ResetGaps(torch.zeros(1), torch.tensor([0.3]), torch.zeros(1)))
    'The two placements give identical hidden states at every step.'
    """
    rms, typical = found.rms.pow(2).mean().sqrt().item(), found.typical.pow(2).mean().sqrt().item()
    largest, step = found.largest.max().item(), int(found.largest.argmax()) + 1
    if largest == 0:
        return "The two placements give identical hidden states at every step."
    if typical == 0:
        raise ValueError("reset_reading: the hidden state is zero throughout, so its size is no scale for the difference")
    number = lambda v: f"{v:.2f}" if v >= 0.01 else f"{v:.1g}"  # noqa: E731
    steps = len(found.largest)
    head = (f"Over {steps} step{'' if steps == 1 else 's'} the two placements' hidden states differ by {number(rms)} in root mean square "
            f"(at most {number(largest)}, at step {step}), against {typical:.2f} for the hidden state itself.")
    if rms > SAME_WITHIN * typical:
        return f"{head} That is {rms / typical:.0%} of the state's size: the same weights make two different networks."
    return f"{head} That is under {SAME_WITHIN:.0%} of the state's size, close enough to read as one network here."


def misread_reading(misread: dict[str, float], reordered: set[str], visible: float = 1e-3) -> str:
    """What reading each source's stacked weights as i, f, g, o without reordering does: how many of
    the sources that stack the blocks in another order give a visibly different network
    (``misread`` is each source's largest difference from PyTorch's hidden states, ``visible`` the
    line between rounding and a different network).

    >>> misread_reading({"a": 0.2, "b": 0.12, "c": 0.0}, {"a", "b"})
    'Read as i, f, g, o without reordering, both sources that stack the blocks in another order give a different network, off by at least 0.120.'
    >>> misread_reading({"a": 0.3}, {"a"})[39:]
    'the one source that stacks the blocks in another order gives a different network, off by at least 0.300.'
    >>> misread_reading({"a": 0.0}, {"a"})
    'Read as i, f, g, o without reordering, the one source that stacks the blocks in another order gives no visibly different network here.'
    """
    n, differing = len(reordered), _differing("misread_reading", misread, reordered, visible)
    lead = "Read as i, f, g, o without reordering,"
    if not differing:
        if n == 1:
            return f"{lead} the one source that stacks the blocks in another order gives no visibly different network here."
        return f"{lead} none of the {n} sources that stack the blocks in another order gives a visibly different network here."
    counted_ = part_of(len(differing), n, "source")
    verb = "gives" if len(differing) == 1 else "give"
    stack = "stacks" if n == 1 else "stack"
    return f"{lead} {counted_} that {stack} the blocks in another order {verb} a different network, off by at least {min(misread[s] for s in differing):.3f}."


def _differing(where: str, misread: dict[str, float], reordered: set[str], visible: float) -> list[str]:
    """The reordering sources whose misread weights give a visibly different network."""
    if not reordered:
        raise ValueError(f"{where}: no source stacks the blocks in another order")
    return [s for s in reordered if misread[s] > visible]


def misread_summary(misread: dict[str, float], reordered: set[str], visible: float = 1e-3) -> str:
    """:func:`misread_reading` for a recap: how many of the reordering sources a silent misreading
    turns into another network.

    >>> misread_summary({"a": 0.2, "b": 0.12, "c": 0.0}, {"a", "b"})
    'Left in their own order, the weights of both sources that stack the blocks differently make another network.'
    >>> misread_summary({"a": 0.0}, {"a"})
    'Left in their own order, the weights of the one source that stacks the blocks differently still make the same network here.'
    """
    n, k = len(reordered), len(_differing("misread_summary", misread, reordered, visible))
    if n == 1:
        verdict = "make another network" if k else "still make the same network here"
        return f"Left in their own order, the weights of the one source that stacks the blocks differently {verdict}."
    if not k:
        return f"Left in their own order, the weights of none of the {n} sources that stack the blocks differently make another network here."
    return f"Left in their own order, the weights of {part_of(k, n, 'source')} that stack the blocks differently make another network."
