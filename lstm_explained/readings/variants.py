"""The variants chapter's sentences: what the arena's comparisons with PyTorch's LSTM say about
Greff et al., Jozefowicz et al. and the lecture's questions, and what the analyses found.

Each reading takes the records of :mod:`lstm_explained.experiments.variants` (the arena's runs, or
an analysis of them) and returns the words the page prints; :data:`MARKS` are the figure's and the
table's marks for each verdict of :func:`~lstm_explained.experiments.variants_analyses.compared`.
"""

from __future__ import annotations

from dataclasses import replace

import torch
from torch import Tensor

from .. import stats
from ..experiments.variants import BASELINE, CONTESTANTS, RATES, ArenaRun
from ..experiments.variants_analyses import (
    FEWEST_TO_TEST,
    GROWS,
    DontCare,
    Growth,
    Saturation,
    Standing,
    _runs_by,
    compared,
    made_up_arena,  # noqa: F401  (the examples' made-up arenas)
    median,
    saturation_verdicts,
    standing,
)
from ..paired import PairedComparison
from ..power import detectable_counts
from .words import capital, figure, figures, listed, part_of, signed

__all__ = [
    "ABLATIONS",
    "MARKS",
    "SENTENCES",
    "arena_grid",
    "detectable_points",
    "dont_care_reading",
    "gates_reading",
    "greff_reading",
    "growth_reading",
    "jozefowicz_reading",
    "loss_reading",
    "power_summary",
    "rates_reading",
    "saturation_reading",
    "sized_rnn_reading",
    "lean_sentence",
    "standing_sentence",
    "tally_summary",
    "tanh_reading",
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


def _span(values: list) -> str:
    """``N`` or ``N to M``: the range of ``values``, rounded, as a sentence gives it."""
    low, high = round(min(values)), round(max(values))
    return f"{low}" if low == high else f"{low} to {high}"


def _against(runs: list[ArenaRun], contestant: str, task: str) -> stats.ShareComparison | PairedComparison:
    by = _runs_by(runs)
    return compared(by[(task, contestant)], by[(task, BASELINE)])


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


#: Greff et al.'s ablations, each with one part of the LSTM removed (CIFG couples two gates and the peephole adds a part, so neither is one).
ABLATIONS = ("nig", "nfg", "nog", "niaf", "noaf")

#: The sentences the readings below choose from, each a whole sentence with named fields. Which one
#: a reading prints depends on the numbers; a translation replaces the templates, not the logic.
SENTENCES = {
    "loss_baseline": "Over the last tenth of training on {task}, the LSTM's median {loss} is {base}.",
    "loss_all_same": "Every other cell shown ends at that same loss.",
    "loss_base_lowest": "Every other cell shown ends higher, {highest} highest at {high}.",
    "loss_base_tied": "{lowest} {end} as low, and {highest} highest, at {high}.",
    "loss_spread": "{lowest} {end} lowest, at {low}, and {highest} highest, at {high}.",
    "loss_base_highest": "{lowest} {end} lowest, at {low}, and no cell shown ends above the LSTM.",
    "loss_scale": "For scale, {marks}.",
    # one contestant against another over the tasks (standing_sentence)
    "standing_none": "{subject} solves no task significantly more or less often {than}.",
    "standing_better": "{subject} solves significantly more often {than} on {better}, and less often on none.",
    "standing_worse": "{subject} solves significantly less often {than} on {worse}, and more often on none.",
    "standing_both": "{subject} solves significantly more often {than} on {better} and less often on {worse_count} other{s}.",
    # Greff et al.
    "greff_none_better": "No variant solves any task significantly more often than the LSTM, as Greff et al. found.",
    "greff_some_better": (
        "With only the learning rate tuned, from three, {better} of the {variants} variants solve at least one task "
        "significantly more often than the LSTM; Greff et al., tuning each variant, found none significantly better."
    ),
    "edge": (
        "In {edges} of these {n} significant differences, one of the two cells trained at an edge of the rate grid "
        "({low:g} or {high:g}), where a rate beyond it might have served it better."
    ),
    "edge_one": (
        "In this significant difference, one of the two cells trained at an edge of the rate grid ({low:g} or {high:g}), "
        "where a rate beyond it might have served it better."
    ),
    "greff_critical": "Greff et al. found the forget gate and the output activation the most critical parts.",
    "greff_no_rank": (
        "A count of significant results, from tests of different power, does not rank parts, so this arena does not "
        "test that finding."
    ),
    "noaf_with": "Where NOAF differs from the LSTM here, it is worse, the way of their finding.",
    "noaf_against": "Where NOAF differs from the LSTM here, it is better, the other way from their finding, though at settings other than theirs.",
    "lean": (
        "Where no difference registered, {subject}'s observed difference from {other} runs from {low} to {high} "
        "percentage points, and only {needed} points or more would have registered."
    ),
    "lean_one": (
        "Where no difference registered, {subject}'s observed difference from {other} is {low} percentage points, "
        "and only {needed} points or more would have registered."
    ),
    "greff_simpler": "Greff et al. found that coupling the input and forget gates (CIFG) and dropping the peepholes cost no significant accuracy.",
    # Jozefowicz et al.
    "gap_none": "The GRU beats the LSTM on no task, so there is no gap for a forget bias of 1 to close.",
    "gap_still": "On {tasks} where the GRU beats the LSTM, forget bias 1 stays significantly behind the GRU.",
    "gap_closed": (
        "On {tasks} where the GRU beats the LSTM, forget bias 1 is significantly above the LSTM and no longer "
        "significantly behind the GRU, though the test does not show the two equal."
    ),
    "gap_open": (
        "On {tasks} where the GRU beats the LSTM, forget bias 1 is neither significantly above the LSTM nor "
        "significantly behind the GRU, so the tests cannot say whether it closes the gap."
    ),
    # what "no difference" could have seen (power_summary)
    "power_all_differ": "Every one of the {n} comparisons with the LSTM found a significant difference.",
    "power_seen": (
        "Where no difference registered ({quiet} of the {n} comparisons with the LSTM), only an observed difference of "
        "{span} percentage points or more would have."
    ),
    "power_blind": (
        "In {blind} of them no observed difference could have registered on the side it fell: too few paired seeds "
        "came out differently, or the LSTM sat at the end of the scale."
    ),
    "power_all_blind": (
        "In all {quiet} comparisons with the LSTM where no difference registered, no observed difference could have "
        "registered on the side it fell: too few paired seeds came out differently, or the LSTM sat at the end of the scale."
    ),
    # learning rates on the two sides of a difference
    "rates_none_significant": "No comparison with the LSTM found a significant difference.",
    "rates_all_same": "In every significant difference from the LSTM the two cells trained at the same learning rate.",
    "rates_some_differ": (
        "In {differ} of the {significant} significant differences from the LSTM the two cells trained at different "
        "learning rates (marked †), so each of those is about a cell and its rate together."
    ),
    # the plain RNN of the LSTM's size
    "sized_budget": "Both trained with the same budget of steps and only the learning rate tuned.",
    # why tanh?
    "tanh_unbounded": "NOAF's output is not bounded, so a learning rate outside the three tried may suit it better.",
    "tanh_coarse": "Each trained at a rate chosen from only three.",
    "tanh_same_rate": (
        "On {same} where NOAF won, the two trained at the same learning rate from the same starting weights and "
        "batches: there, taking out the tanh made the LSTM solve more often, at {that} rate and on {that} task{s}."
    ),
    "tanh_either_way": "This alone does not show whether the LSTM needs the tanh.",
    # must there be three gates?
    "cifg_what": "CIFG couples the input and forget gates.",
    "gru_what": "The GRU has two gates and no separate cell, so it differs from the LSTM in more than its gates.",
    "one_gate_none": "With one gate taken out (NIG, NFG or NOG), no significant difference from the LSTM registered on any of the {pairs} gate–task pairs.",
    "one_gate_some": (
        "With one gate taken out (NIG, NFG or NOG), each at its own tuned rate, the cell solved significantly less often "
        "than the LSTM on {worse} of the {pairs} gate–task pairs and more often on {better}; the table's rows NIG, NFG and NOG say which."
    ),
    "one_gate_better": (
        "With one gate taken out (NIG, NFG or NOG), each at its own tuned rate, the cell solved significantly more often "
        "than the LSTM on {better} of the {pairs} gate–task pairs and less often on none; the table's rows NIG, NFG and NOG say which."
    ),
    "one_gate_worse": (
        "With one gate taken out (NIG, NFG or NOG), each at its own tuned rate, the cell solved significantly less often "
        "than the LSTM on {worse} of the {pairs} gate–task pairs and more often on none; the table's rows NIG, NFG and NOG say which."
    ),
    "one_gate_rates": "In {differ} of these {n}, the two trained at different learning rates (marked †), so there a gate and a rate changed together.",
    "one_gate_rates_none": "In each of these {n}, the two trained at the same learning rate from the same weights and batches: an ablation of the gate alone.",
    # saturation
    "saturation_shared": "The {tested} rank-sum tests share 5%, each made at {level} (Bonferroni).",
    "saturation_less": "In {groups} tested, the solvers are significantly less saturated than the rest: solving goes with less saturation, as in the lecture's picture.",
    "saturation_more": "In {groups} tested, the solvers are significantly more saturated than the rest: solving goes with more saturation, against the lecture's picture.",
    "saturation_none": "In {groups} tested, the test tells no difference between the solvers and the rest.",
    "saturation_untested": "{groups} had fewer than {fewest} models on one side, too few to test.",
    "saturation_mostly": (
        "{lead} keep a median {span} of their values beyond ±{near:g}: these RNNs remember while mostly saturated. "
        "The lecture ties in-between values to nuance, which these patterns of a few discrete symbols may not need."
    ),
    # growth of the cell state
    "growth_none": "None of the {cells} cells' largest |c| grows more than {grows:g}-fold from early in the stream to its end.",
    "growth_one": "For {grown}, the largest |c| grows {factor}-fold along the stream, from {start} early on to {end} at its end.",
    "growth_some": "For {grown}, the largest |c| grows along the stream, from {low}- to {high}-fold, more than {grows:g}-fold in each.",
    "growth_cifg": "CIFG's cell is a weighted average of its past and g, so its |c| stays at most 1 by construction.",
    "growth_untested": "Whether growing goes with failing the stream is not tested here; each cell's share solved is compared with the LSTM's above.",
    # don't care
    "dont_care_none": "No LSTM solved the adding problem, so there is no working model to read.",
    "dont_care_sensitivity": (
        "On the {models} LSTMs that solved the adding problem, the answer's sensitivity to a value has a median of "
        "{marked:.2f} at the two marked steps and {unmarked:.2g} elsewhere."
    ),
    "dont_care_shares": "{ignored:.0%} of the unmarked steps are below {small:g} (don't care), and {kept:.0%} of the marked steps stay above it.",
    "dont_care_gates": (
        "In the unit the answer reads most (the one with the largest output weight), the input gate is closed (below {closed:g}) at {read_u:.0%} of the unmarked "
        "steps and {read_m:.0%} of the marked ones; over all units, at {all_u:.0%} against {all_m:.0%}."
    ),
    "dont_care_holds": (
        "In that unit the gate is closed at most unneeded steps, and more than twice as often as at the marked ones: a "
        "closed input gate goes with an unneeded value, as note 002's story has it. This is an association: nothing "
        "here closes or opens a gate to test it."
    ),
    "dont_care_part": (
        "Over all units the input gates are closed more than twice as often at the unneeded steps as at the marked "
        "ones; in the unit the answer reads most, the gate is open at most unneeded steps or closed there at most "
        "twice as often as at the marked ones, so note 002's story is only part of it."
    ),
    "dont_care_other": (
        "Over all units, the input gates are closed at most twice as often at the unneeded steps as at the marked "
        "ones, so a closed input gate is not the main way these models ignore them, as far as this measure shows."
    ),
}


def _say(key: str, **fields) -> str:
    return SENTENCES[key].format(**fields)


def _paragraph(*sentences: str) -> str:
    return " ".join(x for x in sentences if x)


def standing_sentence(subject: str, found: Standing, than: str = "than the LSTM") -> str:
    """One sentence on where ``found``'s contestant solves significantly more or less often than
    what it is compared with; the table of standings says on which tasks.

    >>> from lstm_explained.experiments.variants_analyses import standing
    >>> runs = made_up_arena({"nfg": 10, ("adding", "nfg"): 60, "gru": 60}, default=40)
    >>> standing_sentence("NFG", standing(runs, "nfg"))
    'NFG solves significantly more often than the LSTM on 1 of the 4 tasks and less often on 3 others.'
    >>> standing_sentence("The GRU", standing(runs, "gru"))
    'The GRU solves significantly more often than the LSTM on all 4 tasks, and less often on none.'
    >>> standing_sentence("CIFG", standing(runs, "cifg"))
    'CIFG solves no task significantly more or less often than the LSTM.'
    """
    better, worse, n = len(found.better), len(found.worse), found.tasks
    key = "standing_" + ("both" if better and worse else "better" if better else "worse" if worse else "none")
    return _say(key, subject=subject, than=than, better=part_of(better, n, "task"), worse=part_of(worse, n, "task"), worse_count=worse, s="" if worse == 1 else "s")


def _standings(runs: list[ArenaRun]) -> dict[str, Standing]:
    return {c: standing(runs, c) for c in CONTESTANTS if c != BASELINE}


def _edge_sentence(runs: list[ArenaRun], found: list[Standing]) -> str:
    """How many of ``found``'s significant differences have either side trained at an edge of the
    rate grid, where the grid cannot say a rate beyond it would not have done better; "" where none do."""
    by, edges = _runs_by(runs), (min(RATES), max(RATES))
    significant = [(s, t) for s in found for t in (*s.better, *s.worse)]
    at_edge = [1 for s, t in significant if by[(t, s.contestant)].setting.lr in edges or by[(t, s.against)].setting.lr in edges]
    if not at_edge:
        return ""
    if len(significant) == 1:
        return _say("edge_one", low=edges[0], high=edges[1])
    return _say("edge", edges=len(at_edge) if len(at_edge) < len(significant) else "all", n=len(significant), low=edges[0], high=edges[1])


def greff_reading(runs: list[ArenaRun]) -> list[str]:
    """Greff et al.'s three findings set beside this arena's LSTM variants, one paragraph each of
    whole sentences; the table of standings (:func:`~lstm_explained.viz.arena_tables.standings`)
    says on which tasks. Greff et al. searched several hyperparameters for every variant; the arena
    chooses only each cell's learning rate, from three, so it can show what that coarse tuning gives
    each variant, not test their finding.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> print(greff_reading(runs)[1])
    Greff et al. found the forget gate and the output activation the most critical parts. NFG solves significantly less often than the LSTM on all 4 tasks, and more often on none. NOAF solves significantly less often than the LSTM on all 4 tasks, and more often on none. A count of significant results, from tests of different power, does not rank parts, so this arena does not test that finding. Where NOAF differs from the LSTM here, it is worse, the way of their finding.
    """
    found = _standings(runs)
    variants = ("peephole", "cifg", *ABLATIONS)
    winners = [c for c in variants if found[c].better]
    if winners:
        wins = [replace(found[c], worse=()) for c in winners]  # the sentence is about their wins
        first = _paragraph(_say("greff_some_better", better=len(winners), variants=len(variants)), _edge_sentence(runs, wins))
    else:
        first = _say("greff_none_better")
    noaf = found["noaf"]
    direction = "noaf_against" if noaf.better and not noaf.worse else "noaf_with" if noaf.worse and not noaf.better else ""
    second = _paragraph(
        _say("greff_critical"),
        standing_sentence("NFG", found["nfg"]),
        standing_sentence("NOAF", noaf),
        _say("greff_no_rank"),
        _say(direction) if direction else "",
    )
    third = _paragraph(
        _say("greff_simpler"),
        standing_sentence("CIFG", found["cifg"]),
        lean_sentence("CIFG", found["cifg"]),
        # the LSTM is the peephole LSTM with its peepholes dropped, so the cost reads from the LSTM's side
        standing_sentence("PyTorch's LSTM, which has no peepholes,", _reversed(found["peephole"]), than="than the peephole LSTM"),
        lean_sentence("the peephole LSTM", found["peephole"]),
    )
    return [first, second, third]


def lean_sentence(subject: str, found: Standing, other: str = "the LSTM") -> str:
    """Where ``found`` registered no difference: the observed differences there, beside the
    smallest that would have registered, so that a lean the test cannot confirm is not hidden
    behind "no difference"; "" where every task differed or none could register.

    >>> from lstm_explained.experiments.variants_analyses import standing
    >>> lean_sentence("CIFG", standing(made_up_arena({"cifg": 40, ("adding", "cifg"): 44}, default=32), "cifg"))
    "Where no difference registered, CIFG's observed difference from the LSTM runs from +12 to +19 percentage points, and only 28 points or more would have registered."
    """
    found_points = [(100 * found.found[t].difference, detectable_points(found.found[t])) for t in found.quiet]
    needed = [n for _, n in found_points if n is not None]
    if not needed:
        return ""
    observed = sorted(o for o, _ in found_points)
    low, high = signed(observed[0]), signed(observed[-1])
    key = "lean_one" if low == high else "lean"
    return _say(key, subject=subject, other=other, low=low, high=high, needed=_span(needed))


def _reversed(found: Standing) -> Standing:
    """``found`` read from the other side: what it compared with, against it."""
    return replace(found, contestant=found.against, against=found.contestant, better=found.worse, worse=found.better)


def jozefowicz_reading(runs: list[ArenaRun]) -> str:
    """Jozefowicz et al.'s two findings, in whole sentences: the GRU's standing against the LSTM,
    and whether a forget bias of 1 closes the gap between them.

    A gap is closed only where forget bias 1 is significantly above the LSTM and not significantly
    below the GRU; not being significantly below the GRU alone is not being equal to it.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> print(jozefowicz_reading(runs))
    The GRU solves significantly more often than the LSTM on all 4 tasks, and less often on none. The LSTM with a forget bias of 1, at its own tuned rate, solves no task significantly more or less often than with PyTorch's initial biases. On all 4 tasks where the GRU beats the LSTM, forget bias 1 stays significantly behind the GRU.
    """
    found = _standings(runs)
    gru, fb1, behind = found["gru"], found["fb1"], standing(runs, "fb1", against="gru")
    won = gru.better
    if not won:
        gap = [_say("gap_none")]
    else:
        still = [t for t in won if t in behind.worse]
        closed = [t for t in won if t not in still and t in fb1.better]
        unsure = [t for t in won if t not in still and t not in closed]
        gap = [_say(key, tasks=part_of(len(tasks), len(won), "task")) for key, tasks in (("gap_still", still), ("gap_closed", closed), ("gap_open", unsure)) if tasks]
    return _paragraph(
        standing_sentence("The GRU", gru),
        standing_sentence("The LSTM with a forget bias of 1, at its own tuned rate,", fb1, than="than with PyTorch's initial biases"),
        *gap,
    )


def rates_reading(runs: list[ArenaRun]) -> str:
    """How many of the significant differences from the LSTM set cells trained at different
    learning rates side by side: there the tuning, not only the cell, differs.

    >>> from dataclasses import replace
    >>> runs = made_up_arena({"nfg": 10, "gru": 60}, default=40)
    >>> runs = [replace(r, setting=replace(r.setting, lr=0.1 if r.setting.contestant == "gru" else 0.03)) for r in runs]
    >>> rates_reading(runs)
    'In 4 of the 8 significant differences from the LSTM the two cells trained at different learning rates (marked †), so each of those is about a cell and its rate together.'
    """
    found = _standings(runs).values()
    significant = sum(len(s.better) + len(s.worse) for s in found)
    differ = sum(len([t for t in (*s.better, *s.worse) if t in s.other_rate]) for s in found)
    if not significant:
        return _say("rates_none_significant")
    return _say("rates_some_differ", differ=differ, significant=significant) if differ else _say("rates_all_same")


def sized_rnn_reading(runs: list[ArenaRun]) -> str:
    """The plain RNN given about the LSTM's parameter count against the LSTM: where size alone,
    without gates, does as well or better.

    >>> sized_rnn_reading(made_up_arena({"rnn_matched": 64, ("adding", "rnn_matched"): 0}, default=40))
    'The LSTM-sized RNN, a plain RNN with about as many parameters as the LSTM, solves significantly more often than the LSTM on 3 of the 4 tasks and less often on 1 other. Both trained with the same budget of steps and only the learning rate tuned.'
    """
    found = standing(runs, "rnn_matched")
    head = "The LSTM-sized RNN, a plain RNN with about as many parameters as the LSTM,"
    return _paragraph(standing_sentence(head, found), _say("sized_budget") if found.better else "", _edge_sentence(runs, [found]))


def tanh_reading(runs: list[ArenaRun]) -> str:
    """The lecture's "why tanh on the third brew?", answered as far as NOAF against the LSTM can.

    The arena chooses each cell's learning rate from only three, so a difference here can come
    from a rate outside that grid suiting the loser: where NOAF loses, its unbounded
    :math:`h = o \\odot c` may want another rate; where it wins, the LSTM's rate may have sat at
    the top of the grid. Whichever way it goes, the reading says what the arena found, not that
    the tanh is or is not needed.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> print(tanh_reading(runs))
    Without the tanh (NOAF), the LSTM solves significantly less often than with it on all 4 tasks, and more often on none. NOAF's output is not bounded, so a learning rate outside the three tried may suit it better. This alone does not show whether the LSTM needs the tanh.
    >>> from dataclasses import replace
    >>> runs = [replace(r, setting=replace(r.setting, lr=0.1)) for r in made_up_arena({"noaf": 60}, default=40)]
    >>> tanh_reading(runs).split(". ")[2]
    'In all of these 4 significant differences, one of the two cells trained at an edge of the rate grid (0.01 or 0.1), where a rate beyond it might have served it better'
    """
    found = standing(runs, "noaf")
    same = [t for t in found.better if t not in found.other_rate]
    caveats = [
        _say("tanh_unbounded") if found.worse or not found.better else "",
        _edge_sentence(runs, [found]),
    ]
    if not any(caveats):
        caveats = [_say("tanh_coarse")]
    return _paragraph(
        standing_sentence("Without the tanh (NOAF), the LSTM", found, than="than with it"),
        # NOAF shares the LSTM's weights and batches: at one rate, the comparison is an ablation
        _say("tanh_same_rate", same=part_of(len(same), len(found.better), "task"), that="that" if len(same) == 1 else "each", s="")
        if same else "",
        *caveats, _say("tanh_either_way"),
    )


def gates_reading(runs: list[ArenaRun]) -> str:
    """The lecture's "must there be three gates?", answered as far as the one-gate ablations, CIFG
    and the GRU can, one sentence each.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> gates_reading(runs).split(". ")[0]
    "With one gate taken out (NIG, NFG or NOG), each at its own tuned rate, the cell solved significantly less often than the LSTM on 4 of the 12 gate–task pairs and more often on none; the table's rows NIG, NFG and NOG say which"
    """
    found = _standings(runs)
    gates = [found[c] for c in ("nig", "nfg", "nog")]
    worse, better = sum(len(g.worse) for g in gates), sum(len(g.better) for g in gates)
    pairs = sum(g.tasks for g in gates)
    key = "one_gate_" + ("some" if worse and better else "worse" if worse else "better" if better else "none")
    one_gate = _say(key, worse=worse, better=better, pairs=pairs)
    differ = sum(len([t for t in (*g.better, *g.worse) if t in g.other_rate]) for g in gates)
    rates = "" if not (worse or better) else (_say("one_gate_rates", differ=differ, n=worse + better) if differ
                                              else _say("one_gate_rates_none", n=worse + better))
    return _paragraph(one_gate, rates, _edge_sentence(runs, gates), _say("cifg_what"), standing_sentence("It", found["cifg"]),
                      _say("gru_what"), standing_sentence("It", found["gru"]))


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
    could have seen. For a paired comparison the edge is taken, as McNemar's exact test itself
    is, at the number of seeds that came out differently; where too few did, or an unpaired LSTM
    sits at the end of the scale on the observed side, no split or count could register.

    >>> print(power_summary(made_up_arena({"gru": 33, ("adding", "gru"): 64}, default=32)))
    Where no difference registered (47 of the 48 comparisons with the LSTM), only an observed difference of 28 percentage points or more would have. In 24 of them no observed difference could have registered on the side it fell: too few paired seeds came out differently, or the LSTM sat at the end of the scale.
    """
    found = [f for (t, c) in _verdicts(runs) if (f := _against(runs, c, t))]
    quiet = [f for f in found if f.verdict == "indistinguishable"]
    points = [detectable_points(f) for f in quiet]
    seen = [x for x in points if x is not None]
    blind = len(points) - len(seen)
    if not quiet:
        return _say("power_all_differ", n=len(found))
    if not seen:
        return _say("power_all_blind", quiet=len(quiet))
    return _paragraph(_say("power_seen", quiet=len(quiet), n=len(found), span=_span(seen)), _say("power_blind", blind=blind) if blind else "")


def saturation_reading(found: list[Saturation], alpha: float = 0.05) -> str:
    """Whether, within each plain RNN contestant and task, the models that remember keep their
    hidden values away from ±1: one sentence per verdict, counting the groups; the table says which
    group is which. The rank-sum tests share ``alpha`` (Bonferroni over the groups tested,
    :func:`~lstm_explained.experiments.variants_analyses.saturation_verdicts`).

    >>> solvers = Saturation("abcabC", "rnn", 0.95, torch.full((10,), 0.7), torch.full((9,), 0.9), 0.0, 0.08)
    >>> print(saturation_reading([solvers]))
    In the one group tested, the test tells no difference between the solvers and the rest. The solvers keep a median 70% of their values beyond ±0.95: these RNNs remember while mostly saturated. The lecture ties in-between values to nuance, which these patterns of a few discrete symbols may not need.
    """
    verdicts = saturation_verdicts(found, alpha)
    tested = sum(v != "untested" for v in verdicts)
    counts = {v: verdicts.count(v) for v in ("less", "more", "none", "untested")}
    sentences = [_say("saturation_shared", tested=tested, level=f"{alpha / tested:.2%}") if tested > 1 else ""]
    sentences += [_say(f"saturation_{v}", groups=part_of(counts[v], tested, "group")) for v in ("less", "more", "none") if counts[v]]
    if counts["untested"]:
        groups = part_of(counts["untested"], len(found), "group")
        sentences.append(_say("saturation_untested", groups=groups[0].upper() + groups[1:], fewest=FEWEST_TO_TEST))
    medians = [median(s.solved) for s in found if len(s.solved)]
    if medians and min(medians) > 0.5:
        low, high = f"{min(medians):.0%}", f"{max(medians):.0%}"
        lead = "Even so, the solvers" if counts["less"] else "The solvers"
        sentences.append(_say("saturation_mostly", lead=lead, span=low if low == high else f"{low} to {high}", near=found[0].near))
    return _paragraph(*sentences)


def growth_reading(found: Growth) -> str:
    """Which cells' states grow along the stream (the last periods' peak more than
    :data:`~lstm_explained.experiments.variants_analyses.GROWS` times the first's), counted; the
    table gives each cell's peaks and how many seeds solved the stream.

    >>> print(growth_reading(Growth(["LSTM", "NFG", "CIFG"], torch.tensor([5.7, 110.0, 0.9]), torch.tensor([5.7, 1750.0, 0.95]), [46, 25, 40], 64)))
    For NFG, the largest |c| grows 16-fold along the stream, from 110 early on to 1,750 at its end. CIFG's cell is a weighted average of its past and g, so its |c| stays at most 1 by construction. Whether growing goes with failing the stream is not tested here; each cell's share solved is compared with the LSTM's above.
    """
    grown = [(label, a, b) for label, a, b, g in zip(found.labels, found.start.tolist(), found.end.tolist(), found.grown) if g]
    if len(grown) == 1:
        label, a, b = grown[0]
        head = _say("growth_one", grown=label, factor=f"{b / a:.0f}" if b / a >= 10 else f"{b / a:.1f}", start=figure(a), end=figure(b))
    elif grown:
        # more than one is counted, and the table marks which
        factors = [b / a for _, a, b in grown]
        head = _say("growth_some", grown=f"{part_of(len(grown), len(found.labels), 'cell')} shown (marked in the table)",
                    low=f"{min(factors):.1f}", high=f"{max(factors):.1f}", grows=GROWS)
    else:
        head = _say("growth_none", cells=len(found.labels), grows=GROWS)
    cifg = _say("growth_cifg") if CONTESTANTS["cifg"].label in found.labels else ""
    return _paragraph(head, cifg, _say("growth_untested") if grown else "")


def dont_care_reading(found: DontCare, small: float = 0.1) -> str:
    """Where note 002's "don't care" story holds on these numbers and where it does not, in whole
    sentences: the answer's sensitivity at the marked and unmarked steps, then the input gates there.

    >>> t = torch.tensor
    >>> found = DontCare(1, t([0.9, 1.0]), t([0.01, 0.02, 0.5]), t([0.8, 0.9]), t([0.05, 0.02, 0.7]), t([0.9, 0.8]), t([0.01, 0.05, 0.6]), t([0.5, 0.6, 0.7]), 0.0, 0.1)
    >>> dont_care_reading(found).split(". ")[2]
    'In the unit the answer reads most (the one with the largest output weight), the input gate is closed (below 0.1) at 67% of the unmarked steps and 0% of the marked ones; over all units, at 67% against 0%'
    """
    if not found.models:
        return _say("dont_care_none")
    c = found.closed
    share = lambda values: (values < c).double().mean().item()  # noqa: E731
    read_u, read_m = share(found.read_unmarked), share(found.read_marked)
    all_u, all_m = share(found.input_unmarked), share(found.input_marked)
    if read_u >= 0.5 and read_u > 2 * read_m:
        verdict = "dont_care_holds"
    elif all_u > 2 * all_m:
        verdict = "dont_care_part"
    else:
        verdict = "dont_care_other"
    return _paragraph(
        _say("dont_care_sensitivity", models=found.models, marked=median(found.marked), unmarked=median(found.unmarked)),
        _say("dont_care_shares", ignored=(found.unmarked < small).double().mean().item(), small=small, kept=(found.marked >= small).double().mean().item()),
        _say("dont_care_gates", closed=c, read_u=read_u, read_m=read_m, all_u=all_u, all_m=all_m),
        _say(verdict),
    )


# How the loss reading names a contestant in a sentence, where its label alone would not read (CIFG and NFG do).
_CALLED = {"lstm": "the LSTM", "peephole": "the peephole LSTM", "fb1": "the LSTM with forget bias 1", "gru": "the GRU",
          "clockwork": "the clockwork RNN", "rnn": "the RNN", "rnn_matched": "the LSTM-sized RNN"}


def loss_reading(losses: dict[str, float], task: str, loss: str, marks: dict[str, float] | None = None) -> str:
    """Where the cells of the loss figure end, from
    :func:`~lstm_explained.experiments.variants_analyses.final_losses`: the LSTM's final median
    ``loss`` on ``task``, then which cells end lowest and highest, in two sentences that hold at
    ties and whichever side the LSTM is on; ``marks`` (a description of each, e.g. "the memoryless
    baseline's error", and its value) add a sentence that sets the numbers against them.

    >>> print(loss_reading({"lstm": 0.2, "gru": 0.05, "rnn": 0.9, "nfg": 0.05}, "adding", "squared error"))
    Over the last tenth of training on adding, the LSTM's median squared error is 0.2. The GRU and NFG end lowest, at 0.05, and the RNN highest, at 0.9.
    >>> print(loss_reading({"lstm": 0.2, "gru": 0.3, "rnn": 0.25}, "stream", "cross-entropy").split(". ", 1)[1])
    Every other cell shown ends higher, the GRU highest at 0.3.
    >>> print(loss_reading({"lstm": 0.2, "gru": 0.1, "rnn": 0.2}, "stream", "cross-entropy").split(". ", 1)[1])
    The GRU ends lowest, at 0.1, and no cell shown ends above the LSTM.
    >>> print(loss_reading({"lstm": 0.2, "gru": 0.1}, "adding", "squared error", {"the memoryless baseline's error": 1 / 6}).split(". ")[-1])
    For scale, the memoryless baseline's error is 0.167.
    """
    if BASELINE not in losses or len(losses) < 2:
        raise ValueError(f"loss_reading: the losses must hold the {BASELINE!r} baseline and at least one other cell, got {list(losses)}")
    others = {c: v for c, v in losses.items() if c != BASELINE}
    low, high, base = min(others.values()), max(others.values()), losses[BASELINE]
    # digits enough to tell apart the three values the sentences print, not every loss in the figure
    printed = [BASELINE] + list(dict.fromkeys(c for c, v in others.items() if v in (low, high)))
    said = dict(zip(printed, figures([losses[c] for c in printed])))

    def named(value: float) -> str:
        return listed([_CALLED.get(c, CONTESTANTS[c].label) for c, v in others.items() if v == value])

    lowest = next(c for c, v in others.items() if v == low)
    highest = next(c for c, v in others.items() if v == high)
    end = "ends" if sum(v == low for v in others.values()) == 1 else "end"
    first = _say("loss_baseline", task=task, loss=loss, base=said[BASELINE])
    if low == high == base:
        second = _say("loss_all_same")
    elif low > base:
        second = _say("loss_base_lowest", highest=named(high), high=said[highest])
    elif low == base:
        second = _say("loss_base_tied", lowest=named(low), end=end, highest=named(high), high=said[highest])
    elif high <= base:
        second = _say("loss_base_highest", lowest=named(low), end=end, low=said[lowest])
    else:
        second = _say("loss_spread", lowest=named(low), end=end, low=said[lowest], highest=named(high), high=said[highest])
    scale = "" if not marks else " " + _say("loss_scale", marks=listed([f"{name} is {figure(value)}" for name, value in marks.items()]))
    return f"{first} {capital(second)}{scale}"
