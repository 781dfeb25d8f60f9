"""The embedded Reber grammar: every string is in the grammar, the legal sets are right, and the stream never resets."""

import re

import pytest
import torch

from lstm_explained.tasks import reber

def _accepts(text: str) -> bool:
    """Walk Reber's graph (written out again here from the paper's figure)."""
    graph = {1: {"T": 2, "P": 3}, 2: {"S": 2, "X": 4}, 3: {"T": 3, "V": 5}, 4: {"X": 3, "S": 6}, 5: {"P": 4, "V": 6}}
    if not (text.startswith("B") and text.endswith("E")):
        return False
    node = 1
    for symbol in text[1:-1]:
        if node not in graph or symbol not in graph[node]:
            return False
        node = graph[node][symbol]
    return node == 6


@pytest.mark.parametrize("seed", range(50))
def test_every_string_is_in_the_grammar(seed):
    assert _accepts(reber.reber(seed))
    outer = reber.embedded_reber(seed)
    assert outer[0] == "B" and outer[-1] == "E" and outer[1] == outer[-2] and outer[1] in "TP"
    assert _accepts(outer[2:-2])


def test_the_stream_holds_its_strings_back_to_back_with_the_right_legal_sets():
    s = reber.continual_embedded_reber(40, seed=3)
    assert s.x.shape == (len(s.text), 7) and s.y.shape == (len(s.text),) and s.legal.shape == (len(s.text), 7)
    assert torch.equal(s.x.argmax(-1)[1:], s.y[:-1])  # the target is the next input
    # the actual next symbol is always legal, and a legal set has one or two symbols
    assert s.legal[torch.arange(len(s.text)), s.y].all()
    assert set(s.legal.sum(-1).tolist()) <= {1, 2}
    # one critical step per string: after the inner E, and its only legal symbol is the string's second
    starts = [m.start() for m in re.finditer("B[TP]B", s.text)]
    assert len(starts) == 40 == int(s.critical.sum())
    for k in s.critical.nonzero().flatten().tolist():
        assert s.text[k] == "E" and reber.SYMBOLS[s.y[k]] in "TP"
        start = max(b for b in starts if b < k)
        assert s.text[start + 1] == reber.SYMBOLS[s.y[k]]
    # each string is a whole embedded Reber string
    for a, b in zip(starts, starts[1:] + [len(s.text)]):
        one = s.text[a:b]
        assert one[1] == one[-2] and _accepts(one[2:-2])


def test_the_stream_is_seeded_and_leaves_the_global_generator_alone():
    torch.manual_seed(0)
    before = torch.rand(1)
    torch.manual_seed(0)
    a = reber.continual_embedded_reber(5, seed=1)
    assert torch.rand(1) == before
    assert a.text == reber.continual_embedded_reber(5, seed=1).text != reber.continual_embedded_reber(5, seed=2).text


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="continual_embedded_reber: strings must be a positive int, got 0"):
        reber.continual_embedded_reber(0)
