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
    return [*readings.greff_reading(runs), readings.jozefowicz_reading(runs), readings.tanh_reading(runs), readings.gates_reading(runs),
            readings.sized_rnn_reading(runs), readings.rates_reading(runs), readings.tally_summary(runs), readings.power_summary(runs)]


def _counts(text: str, subject: str) -> tuple[int, int]:
    """The wins and losses a standing sentence about ``subject`` states."""
    sentence = text.split(subject, 1)[1].split(".")[0]
    if "no task significantly" in sentence:
        return 0, 0
    numbers = {"the one task": 1, "both tasks": 2}
    def read(part):
        part = part.strip()
        if part.startswith("all "):
            return int(part.split()[1])
        return numbers.get(part) or int(part.split()[0])
    more = re.search(r"more often [^,]*? on ([^,.]+?)(?:, and| and|$)", sentence)
    less = re.search(r"less often (?:[^,]*? )?on ([^,.]+?)(?:, and| and|$)", sentence)
    return (0 if not more or more.group(1) == "none" else read(more.group(1)),
            0 if not less or less.group(1) == "none" else read(less.group(1)))


@pytest.mark.parametrize("counts, default", GRID, ids=[str(i) for i in range(len(GRID))])
def test_no_reading_contradicts_itself_or_reads_absence_from_nothing_found(counts, default):
    runs = variants_analyses.made_up_arena(counts, default)
    texts = _readings(runs)
    for text in texts:
        assert text and text == text.strip()
        assert not any(mark in text for mark in MARKUP), f"markup left in: {text}"
        assert not re.search(r"\bon (,|and|;|\.|$)|, ,|\(\)|  |\.\.", text), f"an empty list: {text}"
        found = [w for w in ABSENCE if w in text.lower()]
        assert not found, f"absence claimed ({found}): {text}"
        # the sentences count tasks and cells; they never list them (the table does)
        assert not re.search(r"\b(abcabC|abcdabcD|adding|stream), ", text), f"tasks listed in a sentence: {text}"
    # every standing sentence states the counts of its own comparison
    for c, subject, text in [("noaf", "Without the tanh (NOAF), the LSTM", texts[4]), ("nfg", "NFG", texts[1]), ("noaf", "NOAF", texts[1]),
                             ("gru", "The GRU", texts[3]),
                             ("rnn_matched", "The LSTM-sized RNN", texts[6])]:
        found = variants_analyses.standing(runs, c)
        assert _counts(text, subject) == (len(found.better), len(found.worse)), (c, text)
    gates = [variants_analyses.standing(runs, c) for c in ("nig", "nfg", "nog")]
    worse, better = sum(len(g.worse) for g in gates), sum(len(g.better) for g in gates)
    if worse or better:
        said = {0: "none"}
        assert (f"less often than the LSTM on {worse} of the 12 gate–task pairs and more often on {said.get(better, better)};" in texts[5]
                or f"more often than the LSTM on {better} of the 12 gate–task pairs and less often on none;" in texts[5] and not worse), texts[5]
    else:
        assert texts[5].startswith("With one gate taken out (NIG, NFG or NOG), no significant difference from the LSTM registered")
    noaf = variants_analyses.standing(runs, "noaf")
    assert ("the way of their finding" in texts[1]) == bool(noaf.worse and not noaf.better)
    assert ("the other way from their finding" in texts[1]) == bool(noaf.better and not noaf.worse)
    assert "on the most tasks" not in texts[1]


@pytest.mark.parametrize("base", [0, 1, 20, 32, 50, 63, 64])
@pytest.mark.parametrize("other", [0, 1, 31, 32, 33, 64])
def test_what_a_comparison_could_have_seen_is_the_tests_own_edge(base, other):
    baseline = variants.ArenaRun.made_up("adding", "lstm", base)
    found = variants_analyses.compared(variants.ArenaRun.made_up("adding", "gru", other), baseline)
    points = readings.detectable_points(found)
    fewest, most = detectable_counts(base, 64, 64, variants_analyses.CONFIDENCE)
    edge = fewest if other >= base else most
    assert (points is None) == (edge is None)
    if edge is None:
        return
    assert points == pytest.approx(100 * abs(edge - base) / 64)
    # the edge is where the verdict turns: the edge registers, one count nearer the baseline does not
    step = 1 if other >= base else -1
    assert variants_analyses.compared(variants.ArenaRun.made_up("adding", "gru", edge), baseline).verdict != "indistinguishable"
    assert variants_analyses.compared(variants.ArenaRun.made_up("adding", "gru", edge - step), baseline).verdict == "indistinguishable"
