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
from ..experiments.variants import BASELINE, CONTESTANTS, TASKS, ArenaRun
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
from .words import listed

__all__ = [
    "ABLATIONS",
    "MARKS",
    "arena_grid",
    "could_have_seen",
    "power_summary",
    "dont_care_reading",
    "gates_reading",
    "greff_reading",
    "growth_reading",
    "jozefowicz_reading",
    "p_text",
    "saturation_reading",
    "sized_rnn_reading",
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
    edges = [f"{fewest} or more" if fewest is not None else "", f"{most} or fewer" if most is not None else ""]
    edges = [e for e in edges if e]
    if not edges:
        return f"no count of {found.trials_a} would have registered"
    return f"it would have taken {', or '.join(edges)}, of {found.trials_a} to register"


def _against(runs: list[ArenaRun], contestant: str, task: str) -> stats.ShareComparison | PairedComparison:
    by = _runs_by(runs)
    return compared(by[(task, contestant)], by[(task, BASELINE)])


def _span(values: list, as_share: bool = False) -> str:
    """``N`` or ``N to M``: the range of ``values`` as a sentence gives it."""
    show = (lambda v: f"{v:.0%}") if as_share else (lambda v: f"{round(v)}")  # noqa: E731
    low, high = show(min(values)), show(max(values))
    return low if low == high else f"{low} to {high}"


def power_summary(found: list[stats.ShareComparison | PairedComparison]) -> str:
    """In one clause, what the comparisons that found no difference could have found: for paired
    ones, how many seeds came out differently and how lopsided a split of them would have had to
    be; for unpaired ones, the smallest gain and loss (in points) the test would have called one.

    >>> b = ArenaRun.made_up("adding", "lstm", 32)
    >>> power_summary([compared(ArenaRun.made_up("adding", "gru", 33), b), compared(ArenaRun.made_up("stream", "gru", 10), ArenaRun.made_up("stream", "lstm", 8))])
    'only a gain of at least 27 to 28 points or a loss of at least 28 points would have registered'
    >>> power_summary([compared(ArenaRun.made_up("adding", "nig", 36), b), compared(ArenaRun.made_up("adding", "nig", 32), b)])
    'on each task 0 to 4 seeds came out differently, too few for any split to register'
    """
    if not found:
        raise ValueError("power_summary: there are no comparisons to summarise")
    if any(f.verdict != "indistinguishable" for f in found):
        raise ValueError("power_summary: it summarises comparisons that found no difference; some here found one")
    parts = []
    paired = [f for f in found if isinstance(f, PairedComparison)]
    unpaired = [f for f in found if not isinstance(f, PairedComparison)]
    if paired:
        differ = [f.a_only + f.b_only for f in paired]
        if not any(differ):
            parts.append("every seed came out the same with both")
        else:
            lopsided = [(d + f.needed) // 2 / d for f, d in zip(paired, differ) if d and f.needed is not None]
            text = f"on each task {_span(differ)} seeds came out differently"
            if lopsided:
                text += f", and {_span(lopsided, as_share=True)} of them would have had to go one way to register"
                never = sum(1 for f, d in zip(paired, differ) if not d or f.needed is None)
                if never:
                    text += f" ({never} of the {len(paired)} comparisons had too few for any split to register)"
            else:
                text += ", too few for any split to register"
            parts.append(text)
    if unpaired:
        gains, losses = [], []
        for f in unpaired:
            fewest, most = detectable_counts(f.successes_b, f.trials_b, f.trials_a, f.confidence)
            base = f.successes_b / f.trials_b
            if fewest is not None:
                gains.append(100 * (fewest / f.trials_a - base))
            if most is not None:
                losses.append(100 * (base - most / f.trials_a))
        edges = [f"a gain of at least {_span(gains)} points" if gains else "", f"a loss of at least {_span(losses)} points" if losses else ""]
        edges = [e for e in edges if e]
        parts.append(f"only {' or '.join(edges)} would have registered" if edges else "no count would have registered")
    return "; ".join(parts)


def _not_found(runs: list[ArenaRun], contestants: tuple[str, ...], tasks=None) -> list:
    """The comparisons of ``contestants`` with the LSTM that found no difference."""
    found = [_against(runs, c, t) for c in contestants for t in (tasks or TASKS)]
    return [f for f in found if f.verdict == "indistinguishable"]


#: Greff et al.'s ablations, each with one part of the LSTM removed (CIFG couples two gates and the peephole adds a part, so neither is one).
ABLATIONS = ("nig", "nfg", "nog", "niaf", "noaf")


def greff_reading(runs: list[ArenaRun]) -> list[str]:
    """Greff et al.'s three findings, each checked on this arena's LSTM variants: one sentence each.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> greff_reading(runs)[1]
    'Of the five ablations, NFG and NOAF are significantly worse than the LSTM on the most tasks (4 of 4) and better on none: the forget gate and the output activation, the two parts Greff et al. found most critical'
    """
    verdicts = _verdicts(runs)
    variants = ("peephole", "cifg", *ABLATIONS)
    better = [c for c in variants if _tasks_of(verdicts, c, "higher")]
    worse = {c: _tasks_of(verdicts, c, "lower") for c in variants}
    points = []
    if better:
        points.append(
            "Unlike Greff et al., a variant does beat the baseline here: "
            + "; ".join(f"{CONTESTANTS[c].label} on {listed(_tasks_of(verdicts, c, 'higher'))}" for c in better)
        )
    else:
        points.append("As in Greff et al., no variant is significantly better than the LSTM on any task")
    lost = max(len(worse[c]) for c in ABLATIONS)
    most = [c for c in ABLATIONS if len(worse[c]) == lost and lost]
    if not most:
        points.append(
            "No ablation is significantly worse than the LSTM on any task, so this arena cannot say which parts are most critical "
            "(Greff et al. found the forget gate and the output activation)"
        )
    else:
        parts = {"nfg": "the forget gate", "noaf": "the output activation"}
        agree = [parts[c] for c in ("nfg", "noaf") if c in most]
        missing = [parts[c] for c in ("nfg", "noaf") if c not in most]
        if not missing:
            verdict = "the forget gate and the output activation, the two parts Greff et al. found most critical"
        elif agree:
            verdict = f"of the two parts Greff et al. found most critical, {agree[0]} is among them and {missing[0]} is not"
        else:
            verdict = "neither of the two parts Greff et al. found most critical (the forget gate, the output activation) is among them"
        won = {c: _tasks_of(verdicts, c, "higher") for c in most}
        wins = "better on none" if not any(won.values()) else "; ".join(f"{CONTESTANTS[c].label} better on {listed(t)}" for c, t in won.items() if t)
        who = listed([CONTESTANTS[c].label for c in most])
        are = "is" if len(most) == 1 else "are"
        points.append(f"Of the five ablations, {who} {are} significantly worse than the LSTM on the most tasks ({lost} of {len(TASKS)}) and {wins}: {verdict}")
    costly = [c for c in ("cifg", "peephole") if worse[c]]
    if not costly:
        unseen = _not_found(runs, ("cifg", "peephole"))
        points.append(
            "As in Greff et al., neither CIFG nor the peephole LSTM is significantly worse anywhere"
            + (f"; where the test found no difference, {power_summary(unseen)}" if unseen else "")
        )
    else:
        points.append(
            "Unlike Greff et al., where CIFG and the peepholes cost no significant accuracy, "
            + "; ".join(f"{CONTESTANTS[c].label} is worse on {listed(worse[c])}" for c in costly)
        )
    return points


def jozefowicz_reading(runs: list[ArenaRun]) -> str:
    """Jozefowicz et al.'s two findings: forget bias 1 closes the gap between the LSTM and the GRU, and the GRU's standing.

    A gap is closed only where forget bias 1 is significantly above the LSTM and not significantly
    below the GRU; not being significantly below the GRU alone is not being equal to it.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> jozefowicz_reading(runs)
    "the GRU beats PyTorch's LSTM on abcabC, abcdabcD, adding and stream, and a forget bias of 1 makes no difference the test can see on any task (every seed came out the same with both); on abcabC, abcdabcD, adding and stream forget bias 1 stays significantly behind the GRU"
    """
    verdicts, by = _verdicts(runs), _runs_by(runs)
    gru_better = _tasks_of(verdicts, "gru", "higher")
    gru_worse = _tasks_of(verdicts, "gru", "lower")
    fb_better, fb_worse = _tasks_of(verdicts, "fb1", "higher"), _tasks_of(verdicts, "fb1", "lower")
    if gru_better:
        gru = f"the GRU beats PyTorch's LSTM on {listed(gru_better)}"
    elif gru_worse:
        gru = f"the GRU is worse than PyTorch's LSTM on {listed(gru_worse)} and never better"
    else:
        gru = "neither the GRU nor PyTorch's LSTM is significantly better on any task"
    if fb_better or fb_worse:
        fb = "; ".join(x for x in (f"a forget bias of 1 helps the LSTM on {listed(fb_better)}" if fb_better else "",
                                   f"it hurts on {listed(fb_worse)}" if fb_worse else "") if x)
    else:
        fb = f"a forget bias of 1 makes no difference the test can see on any task ({power_summary(_not_found(runs, ('fb1',)))})"
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


def tanh_reading(runs: list[ArenaRun]) -> str:
    """The lecture's "why tanh on the third brew?", answered as far as NOAF against the LSTM can.

    The arena trains every cell at one learning rate, and NOAF's :math:`h = o \\odot c` is not
    bounded, so a difference here can come from that rate suiting one cell better: the reading
    says what the arena found, not that the tanh is or is not needed.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> tanh_reading(runs)
    'without it (NOAF) the LSTM is significantly worse on abcabC, abcdabcD, adding and stream and better nowhere, at the one learning rate the arena gives every cell'
    """
    verdicts = _verdicts(runs)
    worse, better = _tasks_of(verdicts, "noaf", "lower"), _tasks_of(verdicts, "noaf", "higher")
    rate = "at the one learning rate the arena gives every cell"
    if worse and not better:
        return f"without it (NOAF) the LSTM is significantly worse on {listed(worse)} and better nowhere, {rate}"
    if better and not worse:
        return (
            f"without it (NOAF) the LSTM is significantly better on {listed(better)} and worse nowhere, {rate}; "
            "NOAF's output is not bounded, so that rate may suit it better, and this does not show that the tanh is unneeded"
        )
    if better:
        return f"without it (NOAF) the LSTM is significantly better on {listed(better)} but worse on {listed(worse)}, {rate}"
    return f"without it (NOAF) the LSTM is not significantly different on any task, {rate}: {power_summary(_not_found(runs, ('noaf',)))}"


def gates_reading(runs: list[ArenaRun]) -> str:
    """The lecture's "must there be three gates?", answered as far as the one-gate ablations, CIFG and the GRU can.

    >>> runs = made_up_arena({"nfg": 10, "noaf": 10, "gru": 60}, default=40)
    >>> gates_reading(runs)
    'Without the forget gate the LSTM is significantly worse on abcabC, abcdabcD, adding and stream. Without the input gate or the output gate it is not significantly worse on any task (where the test found no difference, every seed came out the same with both). With two gates, the GRU is never significantly worse than the LSTM, and neither is CIFG'
    """
    verdicts = _verdicts(runs)
    gates = {"nig": "input", "nfg": "forget", "nog": "output"}
    lost = {c: _tasks_of(verdicts, c, "lower") for c in gates}
    # gates lost on the same tasks share one sentence
    by_tasks: dict[tuple, list[str]] = {}
    for c, t in lost.items():
        if t:
            by_tasks.setdefault(tuple(t), []).append(gates[c])
    sentences = [f"Without the {' gate or the '.join(g)} gate the LSTM is significantly worse on {listed(list(t))}" for t, g in by_tasks.items()]
    spare = [c for c, t in lost.items() if not t]
    if spare:
        which = " gate or the ".join(gates[c] for c in spare)
        won = {c: _tasks_of(verdicts, c, "higher") for c in spare}
        better = "; ".join(f"without the {gates[c]} gate it is significantly better on {listed(t)}" for c, t in won.items() if t)
        unseen = _not_found(runs, tuple(spare))
        detail = [better] if better else []
        if unseen:
            detail.append(f"where the test found no difference, {power_summary(unseen)}")
        sentences.append(f"Without the {which} gate it is not significantly worse on any task" + (f" ({'; '.join(detail)})" if detail else ""))
    two = {c: _tasks_of(verdicts, c, "lower") for c in ("gru", "cifg")}
    if not any(two.values()):
        sentences.append("With two gates, the GRU is never significantly worse than the LSTM, and neither is CIFG")
    else:
        sentences.append("With two gates, " + "; ".join(
            f"{CONTESTANTS[c].label} is {'never significantly worse than the LSTM' if not t else 'significantly worse on ' + listed(t)}" for c, t in two.items()))
    return ". ".join(sentences)


def sized_rnn_reading(runs: list[ArenaRun]) -> str:
    """The plain RNN given about the LSTM's parameter count against the LSTM: where size alone,
    without gates, does as well or better.

    >>> sized_rnn_reading(made_up_arena({"rnn_matched": 64, ("adding", "rnn_matched"): 0}, default=40))
    'The LSTM-sized RNN, a plain RNN with about as many parameters as the LSTM, is significantly better than the LSTM on abcabC, abcdabcD and stream and worse on adding, at this budget and learning rate'
    """
    verdicts = _verdicts(runs)
    better, worse = _tasks_of(verdicts, "rnn_matched", "higher"), _tasks_of(verdicts, "rnn_matched", "lower")
    head = "The LSTM-sized RNN, a plain RNN with about as many parameters as the LSTM, is "
    if not better and not worse:
        return head + f"not significantly different from the LSTM on any task ({power_summary(_not_found(runs, ('rnn_matched',)))})"
    said = [f"significantly better than the LSTM on {listed(better)}" if better else "", f"{'worse' if better else 'significantly worse than the LSTM'} on {listed(worse)}" if worse else ""]
    tail = ", at this budget and learning rate" if better else ""
    return head + " and ".join(x for x in said if x) + tail


def p_text(p: float) -> str:
    """A p-value as the page writes it: two digits, or a bound below 0.0001.

    >>> p_text(0.0312), p_text(3e-12)
    ('p = 0.031', 'p < 0.0001')
    """
    return "p < 0.0001" if p < 1e-4 else f"p = {p:.2g}"


#: How the saturation sentences name the two plain RNNs.
RNN_NAMES = {"rnn": "the small RNN", "rnn_matched": "the LSTM-sized RNN"}


def saturation_reading(found: list[Saturation], alpha: float = 0.05) -> str:
    """Whether, within each plain RNN contestant and task, the models that remember keep their
    hidden values away from +-1; the rank-sum tests share ``alpha`` (Bonferroni over the groups).

    >>> solvers = Saturation("abcabC", "rnn", 0.95, torch.tensor([0.6, 0.7, 0.75]), torch.tensor([0.9, 0.95]), 0.0, 0.08)
    >>> saturation_reading([solvers])
    "For the small RNN on abcabC the test tells no difference between the solvers and the rest. The solvers keep a median 70% of their values beyond ±0.95: these RNNs remember while mostly saturated, which is not the lecture's picture"
    """
    groups: dict[str, list[str]] = {"less": [], "more": [], "none": [], "empty": []}
    tested = [s for s in found if len(s.solved) and len(s.unsolved)]
    level = alpha / max(1, len(tested))
    for s in found:
        name = f"{RNN_NAMES.get(s.contestant, 'the ' + CONTESTANTS[s.contestant].label)} on {s.task}"
        if s not in tested:
            groups["empty"].append(name)
        elif s.p_value >= level:
            groups["none"].append(name)
        else:
            groups["less" if s.p_greater < 0.5 else "more"].append(name)
    shared = f" (rank-sum tests sharing {alpha:.0%}, Bonferroni)" if len(tested) > 1 else ""
    sentences = []
    if groups["less"]:
        sentences.append(f"For {listed(groups['less'])} the solvers are significantly less saturated than the rest{shared}, as the lecture's picture has it")
    if groups["more"]:
        sentences.append(f"For {listed(groups['more'])} the solvers are significantly more saturated than the rest{shared}, against the lecture's picture")
    if groups["none"]:
        sentences.append(f"For {listed(groups['none'])} the test tells no difference between the solvers and the rest")
    if groups["empty"]:
        sentences.append(f"For {listed(groups['empty'])} every model or none solved it, so there is nothing to compare")
    medians = [median(s.solved) for s in found if len(s.solved)]
    if medians and min(medians) > 0.5:
        low, high = min(medians), max(medians)
        span = f"{low:.0%}" if f"{low:.0%}" == f"{high:.0%}" else f"{low:.0%} to {high:.0%}"
        near = found[0].near
        sentences.append(f"The solvers keep a median {span} of their values beyond ±{near:g}: these RNNs remember while mostly saturated, which is not the lecture's picture")
    return ". ".join(sentences)


def growth_reading(found: Growth, grows: float = 2.0) -> str:
    """Which contestants' cell states grow along the stream (the last 25 periods' peak more than
    ``grows`` times the first's), and how many solved it.

    >>> growth_reading(Growth(["LSTM", "NFG", "CIFG"], torch.tensor([5.7, 110.0, 0.9]), torch.tensor([5.7, 1750.0, 0.95]), [46, 25, 40], 64))
    'LSTM: 5.7 early, 5.7 late, 46 of 64 seeds solved; NFG: grows from 1.1e+02 to 1.8e+03, 25 of 64 seeds solved; CIFG: 0.9 early, 0.95 late, 40 of 64 seeds solved (its cell is a weighted average of its past and g, so |c| < 1 by construction)'
    """
    parts = []
    for label, a, b, k in zip(found.labels, found.start.tolist(), found.end.tolist(), found.solved):
        trend = f"grows from {a:.2g} to {b:.2g}" if b > grows * a else f"{a:.2g} early, {b:.2g} late"
        note = " (its cell is a weighted average of its past and g, so |c| < 1 by construction)" if label == CONTESTANTS["cifg"].label else ""
        parts.append(f"{label}: {trend}, {k} of {found.seeds} seeds solved{note}")
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
        how = f"{numbers}: a closed input gate goes with an unneeded value, as the seed's story has it (an association: nothing here closes or opens a gate to test it)"
    elif all_u > 2 * all_m:
        how = f"{numbers}: input gates close more at the unneeded steps, but in the unit that matters most they are not what keeps most of them out, so the seed's story is only part of it"
    else:
        how = f"{numbers}: the input gates do not close more at the unneeded steps, so these models ignore them some other way than the seed's closed gate"
    out = share(found.output_unmarked)
    tail = f"output gates are closed at {out:.0%} of (unit, unmarked step) pairs, and some unit's forget gate resets it after the first marker in {found.reset:.0%} of the sequences"
    return f"{first}; {how}; {tail}"
