"""The reach reading: it counts the inputs each reach touches and judges the fade."""

import torch

from lstm_explained.readings.reach import reach_reading


def test_the_reach_reading_counts_and_judges_the_fade():
    fading = reach_reading(torch.tensor([0.001, 0.01, 1.0]), torch.tensor([0.0, 0.0, 1.0]))
    assert "every one of the 3 inputs receives a gradient; truncated, only 1 of 3" in fading and "1.0e-03 times the newest's: it shrinks" in fading
    kept = reach_reading(torch.tensor([2.0, 1.0, 1.0]), torch.tensor([0.0, 1.0, 1.0]))
    assert "over these 3 steps it does not shrink" in kept and "shrinks" not in kept
    # no line between "fades" and "stays": ratios either side of 0.1 read alike
    near = [reach_reading(torch.tensor([r, 1.0]), torch.tensor([0.0, 1.0])).split(": ")[-1] for r in (0.099, 0.101)]
    assert near[0] == near[1]
    # a sensitivity is never read as memory or use
    for words in (fading, kept):
        assert not any(w in words for w in ("remember", "memory", "needs", "uses"))



def test_the_reach_reading_handles_no_truncation_loss_and_zero_gradients():
    whole = reach_reading(torch.tensor([0.5, 1.0]), torch.tensor([0.5, 1.0]))
    assert "truncated, all 2 still do." in whole and "only 2 of 2" not in whole
    assert reach_reading(torch.tensor([0.0, 1.0]), torch.tensor([0.0, 1.0])).endswith("Even uncut, the oldest input gets no gradient at all")
    assert "fade cannot be measured" in reach_reading(torch.tensor([0.5, 0.0]), torch.tensor([0.0, 0.0]))
