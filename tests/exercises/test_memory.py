"""The memory chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import math
from statistics import NormalDist

import pytest
import torch

from lstm_explained.exercises import memory as memory_ex
from lstm_explained.tasks import toy


def _settles(pattern: str, k: int) -> bool:
    """Whether the last ``k`` characters of the pattern repeated without end always settle the
    next one, checked on one period of the endless stream (an independent count)."""
    size = len(pattern)
    stream = pattern * (k // size + 3)
    seen = {}
    for end in range(size * (k // size + 1), size * (k // size + 2)):  # one period, far enough in
        context, upcoming = stream[end - k : end], stream[end]
        if seen.setdefault(context, upcoming) != upcoming:
            return False
    return True


# by hand: the two b's of abcabC are told apart by c or C two characters back, the two c's of
# abcdabcD by d or D three back; in abaB and AbAcAd the character before the a or A decides
@pytest.mark.parametrize("pattern, characters", [("abcabC", 3), ("abcdabcD", 4), ("abaB", 2), ("AbAcAd", 2)])
def test_a_lookup_table_needs_the_context_that_tells_the_ambiguous_steps_apart(pattern, characters):
    found = memory_ex.context_needed(pattern)
    assert found.characters == characters
    assert found.lag == characters - 1
    assert _settles(pattern, characters) and not _settles(pattern, characters - 1)
    # one character fails exactly because some steps are ambiguous
    assert bool(toy.ambiguous_steps(toy.sequence(pattern)).any()) == (characters > 1)


@pytest.mark.parametrize("pattern, successors", [("abcabC", 2), ("abcdabcD", 2), ("abaB", 2), ("AbAcAd", 3)])
def test_the_memoryless_floor_is_the_ambiguous_share_times_the_log_of_the_choices(pattern, successors):
    floor = memory_ex.memoryless_floor(pattern)
    text = toy.sequence(pattern)
    assert floor.steps == len(text) - 1
    assert floor.ambiguous == int(toy.ambiguous_steps(text).sum())
    # each ambiguous step has `successors` next characters, seen equally often: ln(successors) each
    assert floor.loss == pytest.approx(floor.ambiguous / floor.steps * math.log(successors), rel=1e-12)
    # one answer after the same character: right at one of the last repetition's ambiguous steps
    assert floor.right == 1 < floor.last_ambiguous == successors
    assert not floor.remembers


def test_no_model_that_reads_only_the_current_character_beats_the_floor():
    floor = memory_ex.memoryless_floor("abcabC")
    text = toy.sequence("abcabC")
    _, y, vocab = toy.next_char_task(text)
    current = vocab.encode(text[:-1])
    counts = torch.zeros(len(vocab), len(vocab), dtype=torch.float64)
    for a, b in zip(current.tolist(), y.tolist()):
        counts[a, b] += 1
    best = (counts + 1e-300).log()  # the counted frequencies, as logits
    assert torch.nn.functional.cross_entropy(best[current], y).item() == pytest.approx(floor.loss, rel=1e-9)
    generator = torch.Generator().manual_seed(0)
    for scale in (1e-3, 0.1, 3.0):  # any other table of p(next | current), near the best one and far
        table = best.clamp(min=-50) + scale * torch.randn(best.shape, generator=generator, dtype=torch.float64)
        assert torch.nn.functional.cross_entropy(table[current], y).item() > floor.loss


@pytest.mark.parametrize("level", [0.0, 0.5, 0.99, 0.999])
def test_the_slope_of_tanh_is_one_minus_the_square_of_its_value(level):
    found = memory_ex.tanh_slope(level)
    assert math.tanh(found.pre_activation) == pytest.approx(level, abs=1e-12)
    assert found.slope == pytest.approx(1 - level**2, rel=1e-9, abs=1e-15)


def test_beyond_099_less_passes_back_than_inside_05():
    beyond, inside = memory_ex.tanh_slope(0.99).slope, memory_ex.tanh_slope(0.5).slope
    assert beyond < 0.02
    assert inside >= 0.75 - 1e-12
    assert beyond < inside


@pytest.mark.parametrize("o, g, steps", [(0.3, 0.9, 10), (0.6, 0.5, 4), (1.0, -0.2, 3)])
def test_a_held_lstm_unit_shows_o_tanh_c_and_passes_back_o_times_tanhs_slope(o, g, steps):
    unit = memory_ex.gated_unit(o=o, g=g, steps=steps)
    # gates held at 1 by a bias of 20 are 1 - 2e-9: c = steps * g to within a millionth
    assert unit.c == pytest.approx(steps * g, rel=1e-6)
    assert unit.h == pytest.approx(o * math.tanh(steps * g), rel=1e-6)
    assert unit.dh_dc == pytest.approx(o * (1 - math.tanh(unit.c) ** 2), rel=1e-6)


def test_an_lstm_h_in_the_middle_band_can_hide_a_flat_tanh():
    unit = memory_ex.gated_unit(o=0.3, g=0.9, steps=10)
    assert abs(unit.h) < 0.5 and unit.dh_dc < 1e-6


def _newcombe_low(a: int, b: int, n: int, z: float = NormalDist().inv_cdf(0.975)) -> float:
    """The lower end of Newcombe's hybrid score interval for a/n - b/n, written out from the formula."""

    def wilson(k):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return p, centre - half, centre + half

    (pa, low_a, _), (pb, _, high_b) = wilson(a), wilson(b)
    return pa - pb - math.sqrt((pa - low_a) ** 2 + (high_b - pb) ** 2)


@pytest.mark.parametrize("baseline, seeds", [(5, 25), (20, 100), (0, 25), (12, 40)])
def test_the_fewest_that_beat_a_baseline_are_where_the_interval_leaves_zero(baseline, seeds):
    needed = memory_ex.needed_to_beat(baseline, seeds)
    assert _newcombe_low(needed.fewest, baseline, seeds) > 0
    assert _newcombe_low(needed.fewest - 1, baseline, seeds) <= 0
    assert needed.share == needed.fewest / seeds
    assert needed.gap == pytest.approx((needed.fewest - baseline) / seeds)


def test_more_seeds_let_a_smaller_difference_register():
    assert memory_ex.needed_to_beat(20, 100).gap < memory_ex.needed_to_beat(5, 25).gap


def test_a_baseline_where_every_model_remembers_cannot_be_beaten():
    assert memory_ex.needed_to_beat(25, 25) == memory_ex.Needed(25, 25, None, None, None)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="context_needed: pattern must be one of .*, got 'abc'"):
        memory_ex.context_needed("abc")
    with pytest.raises(ValueError, match="memoryless_floor: pattern must be one of .*, got 'xyz'"):
        memory_ex.memoryless_floor("xyz")
    with pytest.raises(ValueError, match="tanh_slope: level must lie in \\[0, 1\\), got 1.0"):
        memory_ex.tanh_slope(1.0)
    with pytest.raises(ValueError, match="gated_unit: o must lie in \\(0, 1\\], got 0.0"):
        memory_ex.gated_unit(o=0.0)
    with pytest.raises(ValueError, match="gated_unit: steps must be a positive int, got 0"):
        memory_ex.gated_unit(steps=0)
    with pytest.raises(ValueError, match="gated_unit: g must lie in \\(-1, 1\\), got 1.0"):
        memory_ex.gated_unit(g=1.0)
    with pytest.raises(ValueError, match="needed_to_beat: baseline must be an int in 0..25, got 26"):
        memory_ex.needed_to_beat(26, 25)
    with pytest.raises(ValueError, match="needed_to_beat: seeds must be a positive int, got 0"):
        memory_ex.needed_to_beat(0, 0)
    with pytest.raises(ValueError, match="needed_to_beat: confidence must lie in \\(0, 1\\), got 1.5"):
        memory_ex.needed_to_beat(5, 25, confidence=1.5)
