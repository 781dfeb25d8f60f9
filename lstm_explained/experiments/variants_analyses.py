r"""What the variants arena's runs say: every contestant against PyTorch's LSTM, and the analyses
that read the trained models back.

Nothing here is cached or trains anything: these read the records
:func:`lstm_explained.experiments.variants.arena` caches, so that changing a comparison or an
analysis retrains nothing. :func:`compared` sets a contestant against the baseline, paired where
the design pairs the seeds (:func:`starts_paired`); :func:`saturation` asks, within one plain RNN,
whether the models that remember are less saturated; :func:`growth` follows the cell states along
a stream without resets; :func:`dont_care` finds where the trained LSTMs' answers are sensitive
to their inputs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import torch
from torch import Tensor

from .. import _checks, stats
from ..cells.kinds import REGISTRY
from ..cells.rnn import rnn_cell
from ..models.toy import make_models
from ..paired import PairedComparison, compare_paired
from ..runtime.devices import cpu_threads
from ..tracing import trace
from ..training.packing import GatedPacking
from .variants import BASELINE, CONTESTANTS, TASKS, ArenaRun, ArenaSetting, hidden_for

__all__ = [
    "COMPARISONS",
    "CONFIDENCE",
    "FEWEST_TO_TEST",
    "GROWS",
    "PLAIN_RNNS",
    "DontCare",
    "Growth",
    "Saturation",
    "Standing",
    "compared",
    "dont_care",
    "final_losses",
    "growth",
    "made_up_arena",
    "median",
    "saturation",
    "saturation_verdicts",
    "separating_task",
    "standing",
    "starts_paired",
]

#: How many comparisons share one 95% (the family), every contestant against the baseline on every
#: task and the LSTM with forget bias 1 against the GRU on every task (Jozefowicz et al.'s gap).
COMPARISONS = (len(CONTESTANTS) - 1) * len(TASKS) + len(TASKS)

#: The confidence of each comparison, 95% shared by the whole family (Bonferroni), so that a
#: "differs" is not one of many lucky draws.
CONFIDENCE = 1 - 0.05 / COMPARISONS


# ---------------------------------------------------------------------------- comparisons


def made_up_arena(counts: dict, default: int, seeds: int = 64) -> list[ArenaRun]:
    """Every contestant on every task as :meth:`~lstm_explained.experiments.variants.ArenaRun.made_up` runs; ``counts`` gives the solved
    count by contestant or by ``(task, contestant)`` (which wins), ``default`` the rest.

    >>> counts = {(r.setting.task, r.setting.contestant): r.count for r in made_up_arena({"rnn": 0, ("adding", "rnn"): 5}, default=30)}
    >>> counts[("stream", "rnn")], counts[("adding", "rnn")], counts[("adding", "lstm")]
    (0, 5, 30)
    >>> len(made_up_arena({}, default=1))
    52
    """
    return [ArenaRun.made_up(t, c, counts.get((t, c), counts.get(c, default)), seeds) for t in TASKS for c in CONTESTANTS]


def _runs_by(runs: list[ArenaRun]) -> dict[tuple[str, str], ArenaRun]:
    return {(r.setting.task, r.setting.contestant): r for r in runs}


def starts_paired(a: str, b: str) -> bool:
    """Whether contestants ``a`` and ``b`` are a paired design: every seed ``k`` of one starts from
    exactly the weights seed ``k`` of the other starts from (a forget bias set afterwards aside),
    and both see the same batches. Then a seed that solves with one and not the other says
    something about the cells, and the comparison must be paired (:func:`compared`).

    Read off the models themselves, not declared: the ablations keep PyTorch's layout and draw the
    same numbers; the peephole LSTM draws its peepholes first, the coupled LSTM has three blocks.

    >>> starts_paired("lstm", "nfg"), starts_paired("lstm", "fb1"), starts_paired("lstm", "cifg"), starts_paired("fb1", "gru")
    (True, True, False, False)
    """
    for name in (a, b):
        _checks.one_of("starts_paired", "contestant", name, CONTESTANTS)
    return _starts(a) == _starts(b)


@functools.cache
def _starts(contestant: str) -> tuple:
    """The first two models' initial weights of a contestant at the arena's sizes, as comparable bytes."""
    inputs, outputs = TASKS["abcabC"].sizes
    hidden = hidden_for(contestant, "abcabC", ArenaSetting("abcabC", contestant).hidden)
    models = make_models(CONTESTANTS[contestant].kind, inputs, hidden, outputs, n=2, seed=0)
    return tuple((name, tuple(v.shape), v.numpy().tobytes()) for m in models for name, v in sorted(m.state_dict().items()))


def compared(run: ArenaRun, baseline: ArenaRun, confidence: float = CONFIDENCE) -> stats.ShareComparison | PairedComparison:
    """``run``'s share of solving seeds against ``baseline``'s, at ``confidence``: McNemar's exact
    test on the seeds (:func:`lstm_explained.paired.compare_paired`) where the two start every seed
    from the same weights (:func:`starts_paired`), else Newcombe's interval for two independent
    shares (:func:`lstm_explained.stats.compare_shares`). Either way a ``difference``, an interval
    ``low`` to ``high`` and a verdict, ``"higher"``, ``"lower"`` or ``"indistinguishable"``.

    >>> found = compared(ArenaRun.made_up("adding", "gru", 60), ArenaRun.made_up("adding", "lstm", 40))
    >>> type(found).__name__, found.verdict, found.difference, found.low, found.high
    ('ShareComparison', 'higher', 0.3125, 0.0697..., 0.5219...)
    >>> found = compared(ArenaRun.made_up("adding", "nig", 60), ArenaRun.made_up("adding", "lstm", 40))
    >>> type(found).__name__, found.a_only, found.b_only, found.verdict
    ('PairedComparison', 20, 0, 'higher')
    """
    a, b = run.setting.contestant, baseline.setting.contestant
    if run.setting.task != baseline.setting.task:
        raise ValueError(f"compared: the runs are on different tasks, {run.setting.task} and {baseline.setting.task}")
    if starts_paired(a, b) and len(run.solved) == len(baseline.solved):
        return compare_paired(run.solved, baseline.solved, confidence)
    return stats.compare_shares(run.count, len(run.solved), baseline.count, len(baseline.solved), confidence)


@dataclass(frozen=True)
class Standing:
    """One contestant against another (by default the baseline LSTM) over the arena's tasks, as
    :func:`compared` judges each task; every task is in exactly one of ``better``, ``worse`` and ``quiet``."""

    contestant: str  # a key of CONTESTANTS
    against: str  # the contestant it is compared with
    better: tuple[str, ...]  # tasks where its share of solving seeds is significantly higher
    worse: tuple[str, ...]  # tasks where it is significantly lower
    quiet: tuple[str, ...]  # tasks where no difference registered
    other_rate: tuple[str, ...]  # tasks where the two trained at different learning rates
    found: dict = field(repr=False)  # task -> the comparison, a ShareComparison or a PairedComparison

    @property
    def tasks(self) -> int:
        """How many tasks the two were compared on."""
        return len(self.better) + len(self.worse) + len(self.quiet)


def standing(runs: list[ArenaRun], contestant: str, against: str = BASELINE) -> Standing:
    """Where ``contestant`` solves significantly more or less often than ``against``, task by task
    (:func:`compared`), and where the two trained at different learning rates (so that a difference
    there is about a cell and its rate together).

    >>> found = standing(made_up_arena({"nfg": 10, ("adding", "nfg"): 60}, default=40), "nfg")
    >>> found.better, found.worse, found.quiet, found.tasks
    (('adding',), ('abcabC', 'abcdabcD', 'stream'), (), 4)
    >>> standing(made_up_arena({}, default=40), "fb1", against="gru").quiet
    ('abcabC', 'abcdabcD', 'adding', 'stream')
    """
    _checks.one_of("standing", "contestant", contestant, CONTESTANTS)
    _checks.one_of("standing", "against", against, CONTESTANTS)
    if contestant == against:
        raise ValueError(f"standing: a contestant cannot be compared with itself ({contestant!r})")
    by = _runs_by(runs)
    tasks = [t for t in dict.fromkeys(r.setting.task for r in runs) if (t, contestant) in by and (t, against) in by]
    if not tasks:
        raise ValueError(f"standing: no task has runs of both {contestant} and {against} among the {len(runs)} runs given")
    found = {t: compared(by[(t, contestant)], by[(t, against)]) for t in tasks}
    kept = {v: tuple(t for t in tasks if found[t].verdict == v) for v in ("higher", "lower", "indistinguishable")}
    other = tuple(t for t in tasks if by[(t, contestant)].setting.lr != by[(t, against)].setting.lr)
    return Standing(contestant, against, kept["higher"], kept["lower"], kept["indistinguishable"], other, found)


def separating_task(runs: list[ArenaRun]) -> str:
    """The task whose shares differ most across contestants: the largest spread (standard
    deviation) of the shares of solving seeds; the first such task on a tie.

    >>> separating_task(made_up_arena({("stream", "rnn"): 0}, default=40))
    'stream'
    """
    by_task: dict[str, list[float]] = {}
    for r in runs:
        by_task.setdefault(r.setting.task, []).append(r.count / len(r.solved))
    return max(by_task, key=lambda t: torch.tensor(by_task[t]).std().item())


# ---------------------------------------------------------------------------- analyses


def final_losses(runs: list[ArenaRun], task: str, contestants: list[str], tail: float = 0.1) -> dict[str, float]:
    """Where each of ``contestants`` ends on ``task``'s training loss: the median over its seeds of
    each model's mean loss over the last ``tail`` of its batches (at least one), so that one noisy
    batch does not decide it.

    >>> from dataclasses import replace
    >>> climbing = torch.arange(10.0).repeat(64, 1).T  # every GRU's loss at batch k is k
    >>> runs = [replace(r, history=climbing) if r.setting.contestant == "gru" else r for r in made_up_arena({}, default=40)]
    >>> final_losses(runs, "adding", ["gru", "lstm"], tail=0.2)
    {'gru': 8.5, 'lstm': 0.0}
    """
    if not 0 < tail <= 1:
        raise ValueError(f"final_losses: tail must be a share of the batches in (0, 1], got {tail}")
    by = _runs_by(runs)
    unknown = [c for c in contestants if (task, c) not in by]
    if unknown:
        raise ValueError(f"final_losses: no run of {unknown} on {task!r}")
    found = {}
    for c in contestants:
        history = by[task, c].history
        last = max(1, round(tail * history.shape[0]))
        found[c] = median(history[-last:].double().mean(dim=0))
    return found



def median(values: Tensor) -> float:
    """The median, the mean of the two middle values for an even count (``Tensor.median`` takes the lower).

    >>> median(torch.tensor([0.1, 0.3])), median(torch.tensor([1.0, 5.0, 2.0]))
    (0.2, 2.0)
    """
    return values.double().quantile(0.5).item()


#: The contestants that are plain tanh RNNs, stepped by :func:`~lstm_explained.cells.rnn.rnn_cell` itself
#: (read from each kind's record: no gates, no clock), whose hidden values :func:`saturation` reads.
PLAIN_RNNS = tuple(name for name, c in CONTESTANTS.items() if REGISTRY[c.kind].equations is rnn_cell)


@dataclass(frozen=True)
class Saturation:
    """How close one plain RNN contestant's hidden values sit to +-1 on one task, solvers against the rest."""

    task: str
    contestant: str  # a key of CONTESTANTS, one of PLAIN_RNNS
    near: float  # |h| above this counts as saturated
    solved: Tensor  # each model's share of saturated values, among the models that solved the task
    unsolved: Tensor  # the same among those that did not
    p_greater: float  # the chance a solver's share exceeds a non-solver's (0.5: no tendency); NaN with one group empty
    p_value: float  # two-sided rank-sum test; NaN with one group empty


def saturation(runs: list[ArenaRun], task: str, contestant: str, near: float = 0.95) -> Saturation:
    """On ``task``, each of ``contestant``'s models' share of hidden values with ``|h| > near`` over
    the test, split by whether the model solved it, and the rank-sum test of the two groups.

    One contestant at a time: pooling the 4-unit RNN with the LSTM-sized one would compare sizes
    (the larger one solves more often) rather than solvers with the rest.

    >>> from lstm_explained.experiments.variants import ArenaSetting, arena
    >>> runs = arena([ArenaSetting("abcabC", "rnn", seeds=3, steps=2)], workers=1)
    >>> found = saturation(runs, "abcabC", "rnn")
    >>> len(found.solved) + len(found.unsolved), bool(0 <= found.unsolved.min() <= found.unsolved.max() <= 1)
    (3, True)
    """
    _checks.one_of("saturation", "task", task, TASKS)
    _checks.one_of("saturation", "contestant", contestant, PLAIN_RNNS)
    found = [r for r in runs if r.setting.task == task and r.setting.contestant == contestant]
    if not found:
        raise ValueError(f"saturation: no run of {contestant} on {task} among the {len(runs)} runs given")
    run, x = found[0], TASKS[task].test().x
    with torch.no_grad():
        h = torch.stack([m.rnn(x)[0] for m in run.models()])  # (n, T, B, H)
    share, flag = (h.abs() > near).double().mean((1, 2, 3)), run.solved
    solved, unsolved = share[flag], share[~flag]
    p_greater, p = stats.rank_sum_test(solved.tolist(), unsolved.tolist()) if len(solved) and len(unsolved) else (float("nan"), float("nan"))
    return Saturation(task, contestant, near, solved, unsolved, p_greater, p)


#: The fewest solvers, and the fewest others, a saturation comparison is tested with. The rank-sum
#: test's p-value comes from a normal approximation, which wants about this many values a side
#: (:func:`~lstm_explained.stats.rank_sum_test`).
FEWEST_TO_TEST = 8


def saturation_verdicts(found: list[Saturation], alpha: float = 0.05) -> list[str]:
    """Each group's verdict: ``"less"`` or ``"more"`` where the solvers are significantly less or
    more saturated than the rest, ``"none"`` where the test tells no difference, ``"untested"``
    where a side has fewer than :data:`FEWEST_TO_TEST` models. The groups tested share ``alpha``
    (Bonferroni), so a p-value below ``alpha`` alone is not enough when several are tested.

    >>> many, few = torch.full((20,), 0.2), torch.full((3,), 0.9)
    >>> saturation_verdicts([Saturation("abcabC", "rnn", 0.95, many, many + 0.5, 0.0, 0.001),
    ...                      Saturation("stream", "rnn", 0.95, many, many, 0.5, 0.04),
    ...                      Saturation("adding", "rnn", 0.95, many, few, 0.0, 0.001)])
    ['less', 'none', 'untested']
    """
    if not 0 < alpha < 1:
        raise ValueError(f"saturation_verdicts: alpha must lie strictly between 0 and 1, got {alpha}")
    tested = [min(len(s.solved), len(s.unsolved)) >= FEWEST_TO_TEST for s in found]
    level = alpha / max(1, sum(tested))
    return ["untested" if not ok else "none" if not s.p_value < level else "less" if s.p_greater < 0.5 else "more"
            for s, ok in zip(found, tested)]


#: A cell state "grows" along the stream when its late peak is more than this many times its early one.
GROWS = 2.0


@dataclass(frozen=True)
class Growth:
    """How far each contestant's state grows along the long stream."""

    labels: list[str]
    start: Tensor  # (contestants,) median over models of max |state| in the first 25 periods
    end: Tensor  # (contestants,) the same in the last 25 periods of the 400
    solved: list[int]  # how many seeds solved the stream
    seeds: int  # seeds each contestant trained

    @property
    def grown(self) -> list[bool]:
        """Whether each contestant's late peak is more than :data:`GROWS` times its early one."""
        return (self.end > GROWS * self.start).tolist()


def growth(runs: list[ArenaRun], contestants=("lstm", "nfg", "noaf", "nig", "cifg")) -> Growth:
    """For the LSTM-shaped ``contestants`` on the stream task: the largest ``|c|`` (the cell state)
    early and late in the 400-period test stream, median over seeds. Without a forget gate nothing
    takes anything out of ``c`` (Gers et al. 2000).

    >>> from lstm_explained.experiments.variants import ArenaSetting, arena
    >>> runs = arena([ArenaSetting("stream", c, seeds=2, steps=1) for c in ("lstm", "nfg")], workers=1)
    >>> found = growth(runs, contestants=("lstm", "nfg"))
    >>> found.labels, found.end.shape, bool((found.end > 0).all())
    (['LSTM', 'NFG'], torch.Size([2]), True)
    """
    stream, by = TASKS["stream"], _runs_by(runs)
    x = stream.test().x
    span = stream.scored_periods * len(stream.pattern)  # steps in the first and the last STREAM_SCORED periods
    labels, start, end, solved = [], [], [], []
    for name in contestants:
        run = by[("stream", name)]
        models = run.models()
        with cpu_threads(1):
            c = GatedPacking(models).cell_states(x)  # (T, B, n*H)
        c = c.view(*c.shape[:2], len(models), -1).abs()
        labels.append(CONTESTANTS[name].label)
        start.append(torch.tensor(median(c[:span].amax((0, 1, 3)))))
        end.append(torch.tensor(median(c[-span:].amax((0, 1, 3)))))
        solved.append(run.count)
    return Growth(labels, torch.stack(start), torch.stack(end), solved, len(run.solved))


@dataclass(frozen=True)
class DontCare:
    """Where trained LSTMs' answers to the adding problem are sensitive to their inputs, and their gates there."""

    models: int  # solver models measured
    marked: Tensor  # |d answer / d value_t| at the two marked steps, every (model, sequence, step)
    unmarked: Tensor  # the same at every other step
    input_marked: Tensor  # the input gate of every unit at the marked steps
    input_unmarked: Tensor  # the same at the unmarked steps
    read_marked: Tensor  # the input gate of the unit the answer reads most (largest |head weight|), marked steps
    read_unmarked: Tensor  # the same at the unmarked steps
    output_unmarked: Tensor  # the output gate of every unit at the unmarked steps
    reset: float  # share of sequences in which some unit's forget gate falls below `closed` after the first marker
    closed: float  # a gate counts as closed below this


def dont_care(runs: list[ArenaRun], sequences: int = 128, closed: float = 0.1) -> DontCare:
    """On the baseline LSTMs that solved the adding problem: the answer's gradient with respect to
    each step's value (1 at the marked steps and 0 elsewhere for a perfect solution), and every
    unit's gates at those steps.

    >>> from dataclasses import replace
    >>> from lstm_explained.experiments.variants import ArenaSetting, arena
    >>> (run,) = arena([ArenaSetting("adding", "lstm", seeds=2, steps=1)], workers=1)
    >>> run = replace(run, solved=torch.tensor([True, False]))  # pretend the first one solved it
    >>> found = dont_care([run], sequences=4)
    >>> found.models, found.marked.shape, found.unmarked.shape  # 2 marked and 23 unmarked steps per sequence
    (1, torch.Size([8]), torch.Size([92]))
    """
    run = _runs_by(runs)[("adding", BASELINE)]
    x = TASKS["adding"].test().x[:, :sequences].clone()
    marked_at = x[..., 1] > 0  # (T, B)
    found = {k: [] for k in ("marked", "unmarked", "im", "iu", "rm", "ru", "ou")}
    resets = []
    for model, ok in zip(run.models(), run.solved.tolist()):
        if not ok:
            continue
        xg = x.clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(model.head(model.rnn(xg)[0][-1]).sum(), xg)
        sens = grad[..., 0].abs()
        with torch.no_grad():
            gates = trace(model.rnn, x)  # each (T, B, H)
        read = model.head.weight.detach()[0].abs().argmax()
        found["marked"].append(sens[marked_at])
        found["unmarked"].append(sens[~marked_at])
        found["im"].append(gates.i[marked_at].flatten())
        found["iu"].append(gates.i[~marked_at].flatten())
        found["rm"].append(gates.i[..., read][marked_at])
        found["ru"].append(gates.i[..., read][~marked_at])
        found["ou"].append(gates.o[~marked_at].flatten())
        first = marked_at.float().argmax(0)
        after = torch.arange(x.shape[0])[:, None] > first[None, :]
        resets.append(((gates.f.amin(-1) < closed) & after).any(0).double().mean())
    if not resets:
        empty = torch.zeros(0)
        return DontCare(0, *[empty] * 7, float("nan"), closed)
    cat = [torch.cat(found[k]) for k in ("marked", "unmarked", "im", "iu", "rm", "ru", "ou")]
    return DontCare(len(resets), *cat, torch.stack(resets).mean().item(), closed)
