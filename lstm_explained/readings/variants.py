"""The variants chapter's sentences: what the arena's comparisons with PyTorch's LSTM say about
Greff et al., Jozefowicz et al. and the lecture's questions, and what the analyses found.

Each reading takes the records of :mod:`lstm_explained.experiments.variants` (the arena's runs, or
an analysis of them) and returns the words the page prints; :data:`MARKS` are the figure's and the
table's marks for each verdict of :func:`~lstm_explained.experiments.variants.compared`.
"""

from __future__ import annotations

import torch
from torch import Tensor

from ..experiments.variants import (
    BASELINE,
    CONTESTANTS,
    TASKS,
    ArenaRun,
    DontCare,
    Growth,
    Saturation,
    _runs_by,
    compared,
    made_up_arena,  # noqa: F401  (the examples' made-up arenas)
    median,
)

__all__ = [
    "MARKS",
    "arena_grid",
    "dont_care_reading",
    "gates_reading",
    "greff_reading",
    "growth_reading",
    "jozefowicz_reading",
    "p_text",
    "saturation_reading",
    "tanh_reading",
]


#: How the figure and the table mark each verdict of :func:`~lstm_explained.experiments.variants.compared`.
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
    (:func:`~lstm_explained.experiments.variants.compared`).

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


def greff_reading(runs: list[ArenaRun]) -> list[str]:
    """Greff et al.'s three findings, each checked on this arena's LSTM variants: one sentence each.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> greff_reading(runs)[1]
    'Worse than the LSTM on the most tasks (4 of 4): NFG on abcabC, abcdabcD, adding, stream; NOAF on abcabC, abcdabcD, adding, stream; the forget gate and the output activation, as Greff et al. found'
    """
    verdicts = _verdicts(runs)
    variants = ("peephole", "cifg", "nig", "nfg", "nog", "niaf", "noaf")
    better = [c for c in variants if _tasks_of(verdicts, c, "higher")]
    worse = {c: _tasks_of(verdicts, c, "lower") for c in variants}
    points = []
    if better:
        points.append(
            f"Unlike Greff et al., a variant does beat the baseline here: "
            + "; ".join(f"{CONTESTANTS[c].label} on {', '.join(_tasks_of(verdicts, c, 'higher'))}" for c in better)
        )
    else:
        points.append("As in Greff et al., no variant beats the LSTM significantly on any task")
    ranked = sorted(variants, key=lambda c: -len(worse[c]))
    most = [c for c in ranked if len(worse[c]) == len(worse[ranked[0]]) and worse[c]]
    if not most:
        points.append("No variant is significantly worse anywhere, so nothing here singles out the forget gate and the output activation as the most critical parts, as Greff et al. found them")
    else:
        parts = {"nfg": "the forget gate", "noaf": "the output activation"}
        agree = [parts[c] for c in ("nfg", "noaf") if c in most]
        missing = [parts[c] for c in ("nfg", "noaf") if c not in most]
        if not missing:
            verdict = "the forget gate and the output activation, as Greff et al. found"
        elif agree:
            verdict = f"of Greff et al.'s two most critical parts, {agree[0]} is among them and {missing[0]} is not"
        else:
            verdict = "neither of Greff et al.'s two most critical parts (the forget gate, the output activation) is among them"
        lost = len(worse[most[0]])
        points.append(
            f"Worse than the LSTM on the most tasks ({lost} of {len(TASKS)}): "
            + "; ".join(f"{CONTESTANTS[c].label} on {', '.join(worse[c])}" for c in most)
            + f"; {verdict}"
        )
    costly = [c for c in ("cifg", "peephole") if worse[c]]
    if not costly:
        points.append("Coupling the gates (CIFG) and adding or dropping the peepholes cost nothing anywhere, as in Greff et al.")
    else:
        points.append(
            "Unlike Greff et al., where CIFG and the peepholes cost nothing, "
            + "; ".join(f"{CONTESTANTS[c].label} is worse on {', '.join(worse[c])}" for c in costly)
        )
    return points


def jozefowicz_reading(runs: list[ArenaRun]) -> str:
    """Jozefowicz et al.'s two findings: forget bias 1 closes the gap between the LSTM and the GRU, and the GRU's standing.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> jozefowicz_reading(runs)
    "the GRU beats PyTorch's LSTM on abcabC, abcdabcD, adding, stream, and a forget bias of 1 changes nothing measurable on any task; forget bias 1 does not close the gap on abcabC, abcdabcD, adding, stream (the GRU is still significantly ahead)"
    """
    verdicts, by = _verdicts(runs), _runs_by(runs)
    gru_better = _tasks_of(verdicts, "gru", "higher")
    gru_worse = _tasks_of(verdicts, "gru", "lower")
    fb_better, fb_worse = _tasks_of(verdicts, "fb1", "higher"), _tasks_of(verdicts, "fb1", "lower")
    if gru_better:
        gru = f"the GRU beats PyTorch's LSTM on {', '.join(gru_better)}"
    elif gru_worse:
        gru = f"the GRU is worse than PyTorch's LSTM on {', '.join(gru_worse)} and never better"
    else:
        gru = "the GRU and PyTorch's LSTM are indistinguishable on every task"
    if fb_better:
        fb = f"a forget bias of 1 helps the LSTM on {', '.join(fb_better)}"
    elif fb_worse:
        fb = f"a forget bias of 1 hurts the LSTM on {', '.join(fb_worse)}"
    else:
        fb = "a forget bias of 1 changes nothing measurable on any task"
    still = [t for t in gru_better if compared(by[(t, "fb1")], by[(t, "gru")]).verdict == "lower"]
    closed = [t for t in gru_better if t not in still]
    gap = []
    if still:
        gap.append(f"does not close the gap on {', '.join(still)} (the GRU is still significantly ahead)")
    if closed:
        gap.append(f"closes it on {', '.join(closed)} (indistinguishable from the GRU)")
    where = f"; forget bias 1 {' and '.join(gap)}" if gap else ""
    return f"{gru}, and {fb}{where}"


def tanh_reading(runs: list[ArenaRun]) -> str:
    """The lecture's "why tanh on the third brew?", answered by NOAF against the LSTM.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> tanh_reading(runs)
    'without it (NOAF) the LSTM is worse on abcabC, abcdabcD, adding, stream and better nowhere: the tanh earns its place'
    """
    verdicts = _verdicts(runs)
    worse, better = _tasks_of(verdicts, "noaf", "lower"), _tasks_of(verdicts, "noaf", "higher")
    if worse and not better:
        return f"without it (NOAF) the LSTM is worse on {', '.join(worse)} and better nowhere: the tanh earns its place"
    if better and not worse:
        return f"without it (NOAF) the LSTM is better on {', '.join(better)} and worse nowhere: on these tasks the tanh is not what makes the LSTM work"
    if better:
        return f"without it (NOAF) the LSTM is better on {', '.join(better)} but worse on {', '.join(worse)}: the tanh matters, in both directions"
    return "without it (NOAF) the LSTM is indistinguishable on every task: these tasks do not need it"


def gates_reading(runs: list[ArenaRun]) -> str:
    """The lecture's "must there be three gates?", answered by the one-gate ablations, CIFG and the GRU.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> gates_reading(runs)
    'One of the three is needed somewhere: without the forget gate the LSTM is worse on abcabC, abcdabcD, adding, stream; without the input or the output gate it loses nothing measurable on any task. And GRU, with two gates, is never worse than the LSTM; CIFG, with two gates, is never worse than the LSTM'
    """
    verdicts = _verdicts(runs)
    gates = {"nig": "input", "nfg": "forget", "nog": "output"}
    needed = {g: _tasks_of(verdicts, c, "lower") for c, g in gates.items()}
    count = sum(1 for tasks in needed.values() if tasks)
    head = {0: "None of the three is needed on these tasks", 1: "One of the three is needed somewhere", 2: "Two of the three are needed somewhere", 3: "All three are needed somewhere"}[count]
    detail = [f"without the {g} gate the LSTM is worse on {', '.join(t)}" for g, t in needed.items() if t]
    spare = [g for g, t in needed.items() if not t]
    if spare:
        detail.append(f"without the {' or the '.join(spare)} gate it loses nothing measurable on any task")
    two = {c: _tasks_of(verdicts, c, "lower") for c in ("gru", "cifg")}
    tail = "; ".join(
        f"{CONTESTANTS[c].label}, with two gates, is {'never worse than the LSTM' if not t else 'worse on ' + ', '.join(t)}" for c, t in two.items()
    )
    return f"{head}: " + "; ".join(detail) + f". And {tail}"


def p_text(p: float) -> str:
    """A p-value as the page writes it: two digits, or a bound below 0.0001.

    >>> p_text(0.0312), p_text(3e-12)
    ('p = 0.031', 'p < 0.0001')
    """
    return "p < 0.0001" if p < 1e-4 else f"p = {p:.2g}"


def saturation_reading(found: list[Saturation], alpha: float = 0.05) -> str:
    """Whether, among the RNNs, the ones that remember keep their hidden values away from +-1.

    >>> found = Saturation("abcabC", 0.95, torch.tensor([0.6, 0.7, 0.75]), torch.tensor([0.9, 0.95]), 0.0, 0.08)
    >>> saturation_reading([found])
    'on abcabC, 3 solvers have a median 70% of values beyond ±0.95 against 92% for the 2 others (rank-sum p = 0.08): no difference the test can tell'
    """
    parts = []
    for s in found:
        if not len(s.solved) or not len(s.unsolved):
            parts.append(f"on {s.task} {'every' if len(s.solved) else 'no'} RNN solved it, so there is nothing to compare")
            continue
        med_s, med_u = median(s.solved), median(s.unsolved)
        if s.p_value >= alpha:
            verdict = "no difference the test can tell"
        elif s.p_greater < 0.5:
            verdict = "the solvers are less saturated, as the lecture guessed"
        else:
            verdict = "the solvers are *more* saturated, the opposite of the lecture's guess"
        parts.append(
            f"on {s.task}, {len(s.solved)} solvers have a median {med_s:.0%} of values beyond ±{s.near} "
            f"against {med_u:.0%} for the {len(s.unsolved)} others (rank-sum {p_text(s.p_value)}): {verdict}"
        )
    return "; ".join(parts)


def growth_reading(found: Growth, grows: float = 2.0) -> str:
    """Which contestants' cell states grow along the stream (the last 25 periods' peak more than
    ``grows`` times the first's), and whether that cost them the task.

    >>> growth_reading(Growth(["LSTM", "NFG"], torch.tensor([5.7, 110.0]), torch.tensor([5.7, 1750.0]), [46, 25], 64))
    'LSTM: stays bounded (5.7 early, 5.7 late), 46 of 64 seeds solved; NFG: grows from 1.1e+02 to 1.8e+03, 25 of 64 seeds solved'
    """
    parts = []
    for label, a, b, k in zip(found.labels, found.start.tolist(), found.end.tolist(), found.solved):
        trend = f"grows from {a:.2g} to {b:.2g}" if b > grows * a else f"stays bounded ({a:.2g} early, {b:.2g} late)"
        parts.append(f"{label}: {trend}, {k} of {found.seeds} seeds solved")
    return "; ".join(parts)


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
        how = f"{numbers}: the closed input gate is how the unneeded values are kept out of the memory, as the seed says"
    elif all_u > 2 * all_m:
        how = f"{numbers}: input gates close more at the unneeded steps, but in the unit that matters most they are not what keeps most of them out, so the seed's story is only part of it"
    else:
        how = f"{numbers}: the input gates do not close more at the unneeded steps, so these models ignore them some other way than the seed's closed gate"
    out = share(found.output_unmarked)
    tail = f"output gates are closed at {out:.0%} of (unit, unmarked step) pairs, and some unit's forget gate resets it after the first marker in {found.reset:.0%} of the sequences"
    return f"{first}; {how}; {tail}"
