"""The variants chapter's sentences: what the arena's comparisons with PyTorch's LSTM say about
Greff et al., Jozefowicz et al. and the lecture's questions, and what the analyses found.

Each reading takes the records of :mod:`lstm_explained.experiments.variants` (the arena's runs, or
an analysis of them) and returns the words the page prints; :data:`MARKS` are the figure's and the
table's marks for each verdict of :func:`~lstm_explained.experiments.variants_analyses.compared`.
"""

from __future__ import annotations

import torch
from torch import Tensor

from .. import stats
from ..experiments.variants import BASELINE, CONTESTANTS, RATES, TASKS, ArenaRun
from ..experiments.variants_analyses import (
    DontCare,
    Growth,
    Saturation,
    _runs_by,
    compared,
    made_up_arena,  # noqa: F401  (the examples' made-up arenas)
    median,
)
from ..paired import PairedComparison
from ..power import detectable_counts
from .words import count_edges, listed

__all__ = [
    "ABLATIONS",
    "MARKS",
    "arena_grid",
    "could_have_seen",
    "detectable_points",
    "dont_care_reading",
    "gates_reading",
    "greff_reading",
    "growth_reading",
    "jozefowicz_reading",
    "power_summary",
    "saturation_reading",
    "sized_rnn_reading",
    "tally_summary",
    "tanh_reading",
    "unseen",
]


#: How the figure and the table mark each verdict of :func:`~lstm_explained.experiments.variants_analyses.compared`.
MARKS = {"higher": "▲", "lower": "▼", "indistinguishable": ""}


def _verdicts(runs: list[ArenaRun]) -> dict[tuple[str, str], str]:
    by = _runs_by(runs)
    return {(t, c): compared(r, by[(t, BASELINE)]).verdict for (t, c), r in by.items() if c != BASELINE}


def _tasks_of(verdicts: dict, contestant: str, verdict: str) -> list[str]:
    return [t for (t, c), v in verdicts.items() if c == contestant and v == verdict]


def arena_grid(runs: list[ArenaRun]) -> tuple[Tensor, int, list[str], list[str], dict[tuple[int, int], str]]:
    """What :func:`~lstm_explained.viz.figures.share_grid` draws: the count of solving seeds per
    (contestant, task), the seeds, the row and column labels, and ▲/▼ where a contestant is
    significantly above or below the baseline
    (:func:`~lstm_explained.experiments.variants_analyses.compared`).

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> counts, seeds, rows, columns, marks = arena_grid(runs)
    >>> counts.shape, seeds, rows[4], columns, marks[(4, 0)]
    (torch.Size([13, 4]), 64, 'NFG', ['abcabC', 'abcdabcD', 'adding', 'stream'], '▼')
    """
    by = _runs_by(runs)
    names = list(dict.fromkeys(r.setting.contestant for r in runs))
    tasks = list(dict.fromkeys(r.setting.task for r in runs))
    counts = torch.tensor([[by[(t, n)].count for t in tasks] for n in names])
    marks = {}
    for row, name in enumerate(names):
        for col, task in enumerate(tasks):
            if name != BASELINE and (task, BASELINE) in by:
                mark = MARKS[compared(by[(task, name)], by[(task, BASELINE)]).verdict]
                if mark:
                    marks[(row, col)] = mark
    return counts, len(runs[0].solved), [CONTESTANTS[n].label for n in names], tasks, marks


def could_have_seen(found: stats.ShareComparison | PairedComparison) -> str:
    """What a comparison that found no difference could have found: the smallest difference its
    own test would have called one, at this baseline (unpaired) or with this many seeds that came
    out differently (paired).

    >>> b = ArenaRun.made_up("adding", "lstm", 32)
    >>> could_have_seen(compared(ArenaRun.made_up("adding", "gru", 36), b))
    'it would have taken 50 or more, or 14 or fewer, of 64 to register'
    >>> could_have_seen(compared(ArenaRun.made_up("adding", "nig", 36), b))
    'the 4 seeds that came out differently split 4 to 0; a split of this many cannot register'
    """
    if isinstance(found, PairedComparison):
        disagree = found.a_only + found.b_only
        if not disagree:
            return "every seed came out the same with both"
        split = f"the {disagree} seed{'s' if disagree > 1 else ''} that came out differently split {found.a_only} to {found.b_only}"
        if found.needed is None:
            return f"{split}; a split of this many cannot register"
        return f"{split}; it would have taken {(disagree + found.needed) // 2} to {(disagree - found.needed) // 2} to register"
    fewest, most = detectable_counts(found.successes_b, found.trials_b, found.trials_a, found.confidence)
    edges = count_edges(fewest, most)
    if not edges:
        return f"no count of {found.trials_a} would have registered"
    return f"it would have taken {edges}, of {found.trials_a} to register"


def _against(runs: list[ArenaRun], contestant: str, task: str) -> stats.ShareComparison | PairedComparison:
    by = _runs_by(runs)
    return compared(by[(task, contestant)], by[(task, BASELINE)])


def _span(values: list) -> str:
    """``N`` or ``N to M``: the range of ``values``, rounded, as a sentence gives it."""
    low, high = round(min(values)), round(max(values))
    return f"{low}" if low == high else f"{low} to {high}"


def detectable_points(found: stats.ShareComparison | PairedComparison) -> float | None:
    """The smallest difference, in percentage points, that ``found``'s own test would have called
    one: for a paired comparison the gap its seeds that came out differently would have needed
    over the pairs (for that many seeds differing), for an unpaired one the edge the baseline
    allows on the side the observed difference fell; ``None`` where no difference could register
    on that side.

    >>> b = ArenaRun.made_up("adding", "lstm", 32)
    >>> round(detectable_points(compared(ArenaRun.made_up("adding", "gru", 33), b)), 1)
    28.1
    >>> detectable_points(compared(ArenaRun.made_up("adding", "nig", 34), b)) is None  # 2 seeds differ: no split registers
    True
    >>> round(detectable_points(compared(ArenaRun.made_up("adding", "gru", 20), b)), 1)  # below: the lower edge
    28.1
    >>> detectable_points(compared(ArenaRun.made_up("adding", "gru", 64), ArenaRun.made_up("adding", "lstm", 64))) is None  # nothing is above 64 of 64
    True
    """
    if isinstance(found, PairedComparison):
        return None if found.needed is None else 100 * found.needed / found.pairs
    fewest, most = detectable_counts(found.successes_b, found.trials_b, found.trials_a, found.confidence)
    base = found.successes_b / found.trials_b
    if found.successes_a / found.trials_a >= base:
        return None if fewest is None else 100 * (fewest / found.trials_a - base)
    return None if most is None else 100 * (base - most / found.trials_a)


def unseen(runs: list[ArenaRun], contestants: tuple[str, ...]) -> str:
    """Where ``contestants``' comparisons with the LSTM found no difference: on which tasks, and
    the smallest difference in points that could have registered there. Empty where every
    comparison found one.

    >>> unseen(made_up_arena({"gru": 33, ("adding", "gru"): 64}, default=32), ("gru",))
    'on abcabC, abcdabcD and stream no difference registered; only an observed difference of 28 points or more would have'
    """
    found = [(t, _against(runs, c, t)) for c in contestants for t in TASKS]
    found = [(t, f) for t, f in found if f.verdict == "indistinguishable"]
    if not found:
        return ""
    tasks = listed(list(dict.fromkeys(t for t, _ in found)))
    points = [detectable_points(f) for _, f in found]
    seen = [x for x in points if x is not None]
    if not seen:
        return f"on {tasks} no difference registered, and none of any size could have"
    blind = len(points) - len(seen)
    rest = f" (on {blind} of them none of any size could have)" if blind else ""
    return f"on {tasks} no difference registered; only an observed difference of {_span(seen)} points or more would have{rest}"


#: Greff et al.'s ablations, each with one part of the LSTM removed (CIFG couples two gates and the peephole adds a part, so neither is one).
ABLATIONS = ("nig", "nfg", "nog", "niaf", "noaf")

#: What the arena does not do that Greff et al. did, for the sentences that set the two side by side.
UNTUNED = "with only the learning rate tuned, from three"


def _result(verdicts: dict, contestant: str, than: str = " than the LSTM") -> str:
    """``contestant``'s significant results against the LSTM as a predicate, "significantly better
    than the LSTM on a and worse on b", or "" where it has none; ``than=""`` where the sentence's
    subject is already the LSTM changed."""
    better, worse = _tasks_of(verdicts, contestant, "higher"), _tasks_of(verdicts, contestant, "lower")
    if better and worse:
        return f"significantly better{than} on {listed(better)} and worse on {listed(worse)}"
    if better or worse:
        return f"significantly {'better' if better else 'worse'}{than} on {listed(better or worse)}"
    return ""


def tally_summary(runs: list[ArenaRun]) -> str:
    """How many of Greff et al.'s variants (the peephole LSTM, CIFG and the five ablations) beat
    PyTorch's LSTM significantly on at least one task, and how many fell behind on at least one:
    the recap's count, which the grid shows cell by cell. A variant can be in both counts.

    >>> tally_summary(made_up_arena({"nfg": 10, "cifg": 60, ("adding", "cifg"): 10}, default=32))
    'Of the 7 variants of the LSTM, 1 beat it significantly on at least one of the 4 tasks, and 2 fell significantly behind it on at least one'
    >>> tally_summary(made_up_arena({}, default=32))
    'Of the 7 variants of the LSTM, none beat it significantly on any of the 4 tasks, and none fell significantly behind it on any'
    """
    verdicts = _verdicts(runs)
    variants = ("peephole", "cifg", *ABLATIONS)
    better = sum(bool(_tasks_of(verdicts, c, "higher")) for c in variants)
    worse = sum(bool(_tasks_of(verdicts, c, "lower")) for c in variants)
    tasks = len({t for t, _ in verdicts})
    beat = f"{better} beat it significantly on at least one of the {tasks} tasks" if better else f"none beat it significantly on any of the {tasks} tasks"
    fell = f"{worse} fell significantly behind it on at least one" if worse else "none fell significantly behind it on any"
    return f"Of the {len(variants)} variants of the LSTM, {beat}, and {fell}"


def power_summary(runs: list[ArenaRun]) -> str:
    """Over every comparison with PyTorch's LSTM that found no difference, the smallest observed
    difference that would have registered there: the recap's reminder of what "no difference"
    could have seen.

    >>> power_summary(made_up_arena({"gru": 33, ("adding", "gru"): 64}, default=32))
    'Where no difference registered (47 of the 48 comparisons with the LSTM), only an observed difference of 28 percentage points or more would have; on 24 of them none of any size could have'

    Seeds paired with the LSTM's that all came out the same way leave no split to test, so there
    no difference of any size could have registered.
    """
    found = [f for (t, c) in _verdicts(runs) if (f := _against(runs, c, t))]
    quiet = [f for f in found if f.verdict == "indistinguishable"]
    points = [detectable_points(f) for f in quiet]
    seen = [x for x in points if x is not None]
    blind = len(points) - len(seen)
    tail = f"; on {blind} of them none of any size could have" if blind else ""
    if not seen:
        return f"Every one of the {len(found)} comparisons with the LSTM in which a difference could register found one{tail}"
    return (
        f"Where no difference registered ({len(quiet)} of the {len(found)} comparisons with the LSTM), only an observed "
        f"difference of {_span(seen)} percentage points or more would have{tail}"
    )


def _noaf_direction(verdicts: dict) -> str:
    """Whether NOAF's significant results run with Greff et al.'s "critical" output activation or against it."""
    better, worse = _tasks_of(verdicts, "noaf", "higher"), _tasks_of(verdicts, "noaf", "lower")
    if better and not worse:
        return "; where NOAF differs from the LSTM here, it is better, the other way from their finding"
    if worse and not better:
        return "; where NOAF differs from the LSTM here, it is worse, the way of their finding"
    return ""


def greff_reading(runs: list[ArenaRun]) -> list[str]:
    """Greff et al.'s three findings set beside this arena's LSTM variants, one sentence each.
    Greff et al. searched several hyperparameters for every variant; the arena chooses only each
    cell's learning rate, from three, so it can show what that coarse tuning gives each variant,
    not test their finding.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> greff_reading(runs)[1]
    'Of the five ablations, NFG is significantly worse than the LSTM on abcabC, abcdabcD, adding and stream; NOAF is significantly worse than the LSTM on abcabC, abcdabcD, adding and stream. Greff et al. found the forget gate and the output activation the most critical parts; a count of significant results, from tests of different power, does not rank parts, so this arena does not test that finding; where NOAF differs from the LSTM here, it is worse, the way of their finding'
    """
    verdicts = _verdicts(runs)
    variants = ("peephole", "cifg", *ABLATIONS)
    better = [c for c in variants if _tasks_of(verdicts, c, "higher")]
    points = []
    if better:
        points.append(
            f"{UNTUNED[0].upper() + UNTUNED[1:]}, some variants are significantly better than the LSTM: "
            + "; ".join(f"{CONTESTANTS[c].label} on {listed(_tasks_of(verdicts, c, 'higher'))}" for c in better)
            + " (Greff et al., tuning each variant, found none significantly better)"
        )
        top = _at_the_top(runs, list(dict.fromkeys(t for c in better for t in _tasks_of(verdicts, c, "higher"))))
        if top:
            points[-1] += f"; on {listed(top)} the LSTM trained at the grid's highest rate, so a higher one might have served it better"
    else:
        clause = unseen(runs, variants)
        points.append("As in Greff et al., no variant is significantly better than the LSTM on any task" + (f"; {clause}" if clause else ""))
    moved = [c for c in ABLATIONS if _result(verdicts, c)]
    if moved:
        head = "Of the five ablations, " + "; ".join(f"{CONTESTANTS[c].label} is {_result(verdicts, c)}" for c in moved)
    else:
        head = "No ablation is significantly better or worse than the LSTM on any task"
    points.append(
        f"{head}. Greff et al. found the forget gate and the output activation the most critical parts; a count of "
        "significant results, from tests of different power, does not rank parts, so this arena does not test that finding"
        + _noaf_direction(verdicts)
    )
    costly = [c for c in ("cifg", "peephole") if _tasks_of(verdicts, c, "lower")]
    quiet = "; ".join(f"for {CONTESTANTS[c].label}, {q}" for c in ("cifg", "peephole") if (q := unseen(runs, (c,))))
    if not costly:
        points.append("As in Greff et al., neither CIFG nor the peephole LSTM is significantly worse anywhere" + (f"; {quiet}" if quiet else ""))
    else:
        points.append(
            "Greff et al. found coupling the gates and dropping the peepholes cost no significant accuracy; here "
            + "; ".join(f"{CONTESTANTS[c].label} is significantly worse on {listed(_tasks_of(verdicts, c, 'lower'))}" for c in costly)
            + (f"; {quiet}" if quiet else "")
        )
    return points


def jozefowicz_reading(runs: list[ArenaRun]) -> str:
    """Jozefowicz et al.'s two findings: forget bias 1 closes the gap between the LSTM and the GRU, and the GRU's standing.

    A gap is closed only where forget bias 1 is significantly above the LSTM and not significantly
    below the GRU; not being significantly below the GRU alone is not being equal to it.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> jozefowicz_reading(runs)
    "the GRU beats PyTorch's LSTM on abcabC, abcdabcD, adding and stream, and a forget bias of 1 makes no difference the test can see on any task (on abcabC, abcdabcD, adding and stream no difference registered, and none of any size could have); on abcabC, abcdabcD, adding and stream forget bias 1 stays significantly behind the GRU"
    """
    verdicts, by = _verdicts(runs), _runs_by(runs)
    gru_better = _tasks_of(verdicts, "gru", "higher")
    gru_worse = _tasks_of(verdicts, "gru", "lower")
    fb_better, fb_worse = _tasks_of(verdicts, "fb1", "higher"), _tasks_of(verdicts, "fb1", "lower")
    gru_quiet = unseen(runs, ("gru",))
    if gru_better:
        gru = f"the GRU beats PyTorch's LSTM on {listed(gru_better)}"
    elif gru_worse:
        gru = f"the GRU is worse than PyTorch's LSTM on {listed(gru_worse)} and never better"
    else:
        gru = f"neither the GRU nor PyTorch's LSTM is significantly better on any task ({gru_quiet})"
    if fb_better or fb_worse:
        fb = "; ".join(x for x in (f"the LSTM with a forget bias of 1, at its own tuned rate, solves significantly more often on {listed(fb_better)}" if fb_better else "",
                                   f"the LSTM with a forget bias of 1, at its own tuned rate, solves significantly less often on {listed(fb_worse)}" if fb_worse else "") if x)
        fb_quiet = unseen(runs, ("fb1",))
        fb += f" (for the forget bias, {fb_quiet})" if fb_quiet else ""
    else:
        fb = f"a forget bias of 1 makes no difference the test can see on any task ({unseen(runs, ('fb1',))})"
    gap = []
    still = [t for t in gru_better if compared(by[(t, "fb1")], by[(t, "gru")]).verdict == "lower"]
    closed = [t for t in gru_better if t not in still and t in fb_better]
    open_question = [t for t in gru_better if t not in still and t not in fb_better]
    if still:
        gap.append(f"on {listed(still)} forget bias 1 stays significantly behind the GRU")
    if closed:
        gap.append(f"on {listed(closed)} it is significantly above the LSTM and no longer significantly behind the GRU")
    if open_question:
        gap.append(f"on {listed(open_question)} it is neither significantly above the LSTM nor significantly behind the GRU, so the test cannot say whether it closes the gap")
    where = "; " + "; ".join(gap) if gap else ""
    return f"{gru}, and {fb}{where}"


def _at_the_top(runs: list[ArenaRun], tasks: list[str], contestant: str = BASELINE) -> list[str]:
    """Which of ``tasks`` ``contestant`` trained on at the grid's highest rate, where a higher one
    might have served it better."""
    by = _runs_by(runs)
    return [t for t in tasks if (t, contestant) in by and by[(t, contestant)].setting.lr == max(RATES)]


def tanh_reading(runs: list[ArenaRun]) -> str:
    """The lecture's "why tanh on the third brew?", answered as far as NOAF against the LSTM can.

    The arena chooses each cell's learning rate from only three, so a difference here can come
    from a rate outside that grid suiting the loser: where NOAF loses, its unbounded
    :math:`h = o \\odot c` may want another rate; where it wins, the LSTM's rate may have sat at
    the top of the grid. Whichever way it goes, the reading says what the arena found, not that
    the tanh is or is not needed.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> tanh_reading(runs)
    "without it (NOAF) the LSTM is significantly worse on abcabC, abcdabcD, adding and stream, with only the learning rate tuned, from three; NOAF's output is not bounded, so a rate outside those three may suit it better, and this alone does not show whether the LSTM needs the tanh"
    >>> from dataclasses import replace
    >>> runs = [replace(r, setting=replace(r.setting, lr=0.1)) for r in made_up_arena({"noaf": 60}, default=40)]
    >>> tanh_reading(runs).split("; ")[-1]
    "on abcabC, abcdabcD, adding and stream the LSTM trained at the grid's highest rate, so a higher one might have served it better, and this alone does not show whether the LSTM needs the tanh"
    """
    verdicts = _verdicts(runs)
    found = _result(verdicts, "noaf", than="")
    quiet = unseen(runs, ("noaf",))
    caveats = []
    if _tasks_of(verdicts, "noaf", "lower") or not found:
        caveats.append("NOAF's output is not bounded, so a rate outside those three may suit it better")
    top = _at_the_top(runs, _tasks_of(verdicts, "noaf", "higher"))
    if top:
        caveats.append(f"on {listed(top)} the LSTM trained at the grid's highest rate, so a higher one might have served it better")
    caveat = "; ".join(caveats or ["each had its rate from only three"]) + ", and this alone does not show whether the LSTM needs the tanh"
    if not found:
        return f"without it (NOAF) the LSTM is not significantly different on any task, {UNTUNED}: {quiet}; {caveat}"
    return f"without it (NOAF) the LSTM is {found}, {UNTUNED}" + (f"; {quiet}" if quiet else "") + f"; {caveat}"


def gates_reading(runs: list[ArenaRun]) -> str:
    """The lecture's "must there be three gates?", answered as far as the one-gate ablations, CIFG and the GRU can.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> gates_reading(runs).split(". ")[1]
    'Without the forget gate the LSTM is significantly worse on abcabC, abcdabcD, adding and stream'
    """
    verdicts = _verdicts(runs)
    gates = {"nig": "input", "nfg": "forget", "nog": "output"}
    sentences = []
    for c, gate in gates.items():
        found = _result(verdicts, c, than="")
        quiet = unseen(runs, (c,))
        if found:
            sentences.append(f"Without the {gate} gate the LSTM is {found}" + (f"; {quiet}" if quiet else ""))
        else:
            sentences.append(f"Without the {gate} gate it is not significantly different on any task: {quiet}")
    for c, what in (("cifg", "CIFG couples the input and forget gates"), ("gru", "the GRU has two gates and no separate cell, so it differs in more than its gates")):
        found = _result(verdicts, c)
        quiet = unseen(runs, (c,))
        result = f"is {found}" if found else "is not significantly different from the LSTM on any task"
        sentences.append(f"{what[0].upper() + what[1:]}: it {result}" + (f" ({quiet})" if quiet else ""))
    return ". ".join(sentences)


def sized_rnn_reading(runs: list[ArenaRun]) -> str:
    """The plain RNN given about the LSTM's parameter count against the LSTM: where size alone,
    without gates, does as well or better.

    >>> sized_rnn_reading(made_up_arena({"rnn_matched": 64, ("adding", "rnn_matched"): 0}, default=40))
    'The LSTM-sized RNN, a plain RNN with about as many parameters as the LSTM, is significantly better than the LSTM on abcabC, abcdabcD and stream and worse on adding, at this budget and with only the learning rate tuned'
    """
    verdicts = _verdicts(runs)
    better, worse = _tasks_of(verdicts, "rnn_matched", "higher"), _tasks_of(verdicts, "rnn_matched", "lower")
    head = "The LSTM-sized RNN, a plain RNN with about as many parameters as the LSTM, is "
    if not better and not worse:
        return head + f"not significantly different from the LSTM on any task ({unseen(runs, ('rnn_matched',))})"
    said = [f"significantly better than the LSTM on {listed(better)}" if better else "", f"{'worse' if better else 'significantly worse than the LSTM'} on {listed(worse)}" if worse else ""]
    tail = ", at this budget and with only the learning rate tuned" if better else ""
    return head + " and ".join(x for x in said if x) + tail


#: The fewest solvers, and the fewest others, a saturation comparison is tested with.
FEWEST_TO_TEST = 8

#: How the saturation sentences name the two plain RNNs.
RNN_NAMES = {"rnn": "the small RNN", "rnn_matched": "the LSTM-sized RNN"}


def saturation_reading(found: list[Saturation], alpha: float = 0.05) -> str:
    """Whether, within each plain RNN contestant and task, the models that remember keep their
    hidden values away from +-1; the rank-sum tests share ``alpha`` (Bonferroni over the groups).

    >>> solvers = Saturation("abcabC", "rnn", 0.95, torch.full((10,), 0.7), torch.full((9,), 0.9), 0.0, 0.08)
    >>> saturation_reading([solvers])
    'For the small RNN on abcabC the test tells no difference between the solvers and the rest. The solvers keep a median 70% of their values beyond ±0.95: these RNNs remember while mostly saturated; the lecture ties in-between values to nuance, which these patterns of a few discrete symbols may not need'
    """
    groups: dict[str, list[str]] = {"less": [], "more": [], "none": [], "empty": []}
    # the rank-sum test's normal approximation wants about 8 values a side (stats.rank_sum_test)
    tested = [s for s in found if min(len(s.solved), len(s.unsolved)) >= FEWEST_TO_TEST]
    level = alpha / max(1, len(tested))
    for s in found:
        name = f"{RNN_NAMES.get(s.contestant, 'the ' + CONTESTANTS[s.contestant].label)} on {s.task}"
        if s not in tested:
            groups["empty"].append(name)
        elif s.p_value >= level:
            groups["none"].append(name)
        else:
            groups["less" if s.p_greater < 0.5 else "more"].append(name)
    shared = f" ({len(tested)} rank-sum tests sharing {alpha:.0%}, each at {alpha / len(tested):.2%}, Bonferroni)" if len(tested) > 1 else ""
    sentences = []
    if groups["less"]:
        sentences.append(f"For {listed(groups['less'])} the solvers are significantly less saturated than the rest{shared}: solving goes with less saturation, as in the lecture's picture")
    if groups["more"]:
        sentences.append(f"For {listed(groups['more'])} the solvers are significantly more saturated than the rest{shared}: solving goes with more saturation, against the lecture's picture")
    if groups["none"]:
        sentences.append(f"For {listed(groups['none'])} the test tells no difference between the solvers and the rest")
    if groups["empty"]:
        sentences.append(f"For {listed(groups['empty'])} fewer than {FEWEST_TO_TEST} models solved it or fewer than {FEWEST_TO_TEST} did not, too few to test")
    medians = [median(s.solved) for s in found if len(s.solved)]
    if medians and min(medians) > 0.5:
        low, high = min(medians), max(medians)
        span = f"{low:.0%}" if f"{low:.0%}" == f"{high:.0%}" else f"{low:.0%} to {high:.0%}"
        near = found[0].near
        lead = "Even so, the solvers" if groups["less"] else "The solvers"
        sentences.append(f"{lead} keep a median {span} of their values beyond ±{near:g}: these RNNs remember while mostly saturated; the lecture ties in-between values to nuance, which these patterns of a few discrete symbols may not need")
    return ". ".join(sentences)


def _size(value: float) -> str:
    """Three significant digits, or a whole number with thousands separators from 1,000 up."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def growth_reading(found: Growth, grows: float = 2.0) -> str:
    """Which contestants' cell states grow along the stream (the last 25 periods' peak more than
    ``grows`` times the first's), and how many solved it.

    >>> growth_reading(Growth(["LSTM", "NFG", "CIFG"], torch.tensor([5.7, 110.0, 0.9]), torch.tensor([5.7, 1750.0, 0.95]), [46, 25, 40], 64))
    "LSTM: 5.7 early, 5.7 late, 46 of 64 seeds solved; NFG: grows from 110 to 1,750, 25 of 64 seeds solved; CIFG: 0.9 early, 0.95 late, 40 of 64 seeds solved (its cell is a weighted average of its past and g, so |c| ≤ 1 by construction). Whether growing goes with failing the stream is not tested here: NFG grew, and its share solved is compared with the LSTM's above"
    """
    parts = []
    for label, a, b, k in zip(found.labels, found.start.tolist(), found.end.tolist(), found.solved):
        trend = f"grows from {_size(a)} to {_size(b)}" if b > grows * a else f"{_size(a)} early, {_size(b)} late"
        note = " (its cell is a weighted average of its past and g, so |c| ≤ 1 by construction)" if label == CONTESTANTS["cifg"].label else ""
        parts.append(f"{label}: {trend}, {k} of {found.seeds} seeds solved{note}")
    grown = [label for label, a, b in zip(found.labels, found.start.tolist(), found.end.tolist()) if b > grows * a]
    shares = "its share solved is" if len(grown) == 1 else "their shares solved are"
    tail = f". Whether growing goes with failing the stream is not tested here: {listed(grown)} grew, and {shares} compared with the LSTM's above" if grown else ""
    return "; ".join(parts) + tail


def dont_care_reading(found: DontCare, small: float = 0.1) -> str:
    """Where the seed's "don't care" story holds on these numbers and where it does not.

    >>> t = torch.tensor
    >>> found = DontCare(1, t([0.9, 1.0]), t([0.01, 0.02, 0.5]), t([0.8, 0.9]), t([0.05, 0.02, 0.7]), t([0.9, 0.8]), t([0.01, 0.05, 0.6]), t([0.5, 0.6, 0.7]), 0.0, 0.1)
    >>> dont_care_reading(found).split("; ")[2]
    'the input gate of the unit the answer reads most is closed (below 0.1) at 67% of the unmarked steps and 0% of the marked ones'
    """
    if not found.models:
        return "no LSTM solved the adding problem, so there is no working model to read"
    c = found.closed
    share = lambda values: (values < c).double().mean().item()  # noqa: E731
    marked, unmarked = median(found.marked), median(found.unmarked)
    ignored = (found.unmarked < small).double().mean().item()
    kept = (found.marked >= small).double().mean().item()
    first = (
        f"the answer's sensitivity to a value has a median of {marked:.2f} at the marked steps and {unmarked:.2g} elsewhere; "
        f"{ignored:.0%} of the unmarked steps are below {small:g} (don't care) and {kept:.0%} of the marked steps stay above it"
    )
    read_u, read_m = share(found.read_unmarked), share(found.read_marked)
    all_u, all_m = share(found.input_unmarked), share(found.input_marked)
    numbers = (
        f"the input gate of the unit the answer reads most is closed (below {c:g}) at {read_u:.0%} of the unmarked steps "
        f"and {read_m:.0%} of the marked ones; over all units, {all_u:.0%} against {all_m:.0%}"
    )
    if read_u >= 0.5 and read_u > 2 * read_m:
        how = f"{numbers}: a closed input gate goes with an unneeded value, as note 002's story has it (an association: nothing here closes or opens a gate to test it)"
    elif all_u > 2 * all_m:
        how = f"{numbers}: input gates close more at the unneeded steps, but in the unit that matters most they are not what keeps most of them out, so note 002's story is only part of it"
    else:
        how = f"{numbers}: the input gates do not close more at the unneeded steps, so these models ignore them some other way than note 002's closed gate"
    return f"{first}; {how}"
