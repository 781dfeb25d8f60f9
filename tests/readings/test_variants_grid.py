"""The variants chapter's readings over a grid of made-up arenas: ties, zeros, every comparison
significant, none, and mixed. Whatever the numbers, a reading must not contradict itself, list
nothing, leave markup unrendered, read "no effect" into a comparison that found nothing, or state
a number that is not its input's."""

import itertools
import re

import pytest

from lstm_explained.experiments import variants, variants_analyses
from lstm_explained.power import detectable_counts
from lstm_explained.readings import variants as readings

# words that claim an absence: a non-significant comparison can never carry them
ABSENCE = ("no effect", "cost nothing", "costs nothing", "not needed", "changes nothing", "do not need", "does not need",
           "indistinguishable", "is not what makes", "nothing measurable", "is needed", "are needed", "earns its place")
MARKUP = ("$", "**", "`", "*", "{", "}", "\\")


def _grid():
    """Arenas in which the baseline and a few contestants sit at the edges and in the middle."""
    levels = (0, 32, 64)
    for base, nfg, noaf, gru, fb1 in itertools.product(levels, (0, 32, 64), (0, 64), (0, 32, 64), (0, 64)):
        counts = {"lstm": base, "nfg": nfg, "noaf": noaf, "gru": gru, "fb1": fb1}
        yield counts, base
    yield {}, 40  # every contestant tied with the baseline
    yield {("adding", "nig"): 64, ("stream", "nig"): 0}, 32  # one contestant both better and worse


GRID = list(_grid())


def _readings(runs):
    return [*readings.greff_reading(runs), readings.jozefowicz_reading(runs), readings.tanh_reading(runs), readings.gates_reading(runs)]


@pytest.mark.parametrize("counts, default", GRID, ids=[str(i) for i in range(len(GRID))])
def test_no_reading_contradicts_itself_or_reads_absence_from_nothing_found(counts, default):
    runs = variants_analyses.made_up_arena(counts, default)
    texts = _readings(runs)
    for text in texts:
        assert text and text == text.strip()
        assert not any(mark in text for mark in MARKUP), f"markup left in: {text}"
        assert not re.search(r"\bon (,|and|;|\.|$)|, ,|\(\)|  ", text), f"an empty list: {text}"
        found = [w for w in ABSENCE if w in text.lower()]
        assert not found, f"absence claimed ({found}): {text}"
        # a split or a count "it would have taken" is only ever read from a comparison that found nothing
        assert "would have taken" not in text
    # a contestant named better and worse on the same task would be a contradiction
    verdicts = {(r.setting.task, r.setting.contestant): variants_analyses.compared(r, next(b for b in runs if b.setting.task == r.setting.task and b.setting.contestant == "lstm")).verdict
                for r in runs if r.setting.contestant != "lstm"}
    tanh = readings.tanh_reading(runs)
    worse = [t for (t, c), v in verdicts.items() if c == "noaf" and v == "lower"]
    better = [t for (t, c), v in verdicts.items() if c == "noaf" and v == "higher"]
    if not worse and not better:
        assert "not significantly different on any task" in tanh
    if worse:
        segment = tanh.split("worse on ", 1)[1].split(" and better")[0].split(", at")[0]
        assert all(t in segment for t in worse), tanh
    # every ablation with a significant result is named with it, and no other; no ranking of parts is read
    for c in readings.ABLATIONS:
        label = variants.CONTESTANTS[c].label
        moved = [t for (t, k), v in verdicts.items() if k == c and v != "indistinguishable"]
        named = re.search(rf"\b{label} is significantly", texts[1]) is not None
        assert named == bool(moved), (c, texts[1])
    if not any(v != "indistinguishable" for (t, k), v in verdicts.items() if k in readings.ABLATIONS):
        assert texts[1].startswith("No ablation is significantly better or worse")
    assert "on the most tasks" not in texts[1]


@pytest.mark.parametrize("base", [0, 1, 20, 32, 50, 63, 64])
@pytest.mark.parametrize("other", [0, 1, 31, 32, 33, 64])
def test_what_a_comparison_could_have_seen_is_the_tests_own_edge(base, other):
    baseline = variants.ArenaRun.made_up("adding", "lstm", base)
    found = variants_analyses.compared(variants.ArenaRun.made_up("adding", "gru", other), baseline)
    text = readings.could_have_seen(found)
    fewest, most = detectable_counts(base, 64, 64, variants_analyses.CONFIDENCE)
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    assert numbers == [n for n in (fewest, most) if n is not None] + [64]
    # the edges are where the verdict turns: one count nearer the baseline is no difference
    if fewest is not None:
        assert variants_analyses.compared(variants.ArenaRun.made_up("adding", "gru", fewest - 1), baseline).verdict == "indistinguishable"
    if most is not None:
        assert variants_analyses.compared(variants.ArenaRun.made_up("adding", "gru", most + 1), baseline).verdict == "indistinguishable"
