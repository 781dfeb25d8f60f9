"""The variants chapter's tables: the arena's shares and differences, saturation, and growth of the cell state."""

from __future__ import annotations

from ..experiments import variants
from ..readings import variants as variants_readings
from .tables import Table

__all__ = ["arena", "growth", "saturation"]


def arena(runs) -> Table:
    """Every contestant's share of solving seeds on every task, with its 95% Wilson interval, and
    its difference from the baseline LSTM with Newcombe's interval at the arena's shared confidence
    (:data:`~lstm_explained.experiments.variants.CONFIDENCE`).

    >>> from lstm_explained.experiments.variants import ArenaRun
    >>> arena([ArenaRun.made_up("adding", "lstm", 3, seeds=4), ArenaRun.made_up("adding", "rnn", 0, seeds=4)]).rows
    [['LSTM', '3/4 (30–95%)'], ['RNN', '0/4 (0–49%) −75 (−98 to +19) =']]
    """
    by = {(r.setting.task, r.setting.contestant): r for r in runs}
    tasks = list(dict.fromkeys(r.setting.task for r in runs))
    names = list(dict.fromkeys(r.setting.contestant for r in runs))
    rows = []
    for name in names:
        cells = [variants.CONTESTANTS[name].label]
        for task in tasks:
            run = by[(task, name)]
            share, low, high = run.share
            cell = f"{run.count}/{len(run.solved)} ({100 * low:.0f}–{high:.0%})"
            if name != variants.BASELINE and (task, variants.BASELINE) in by:
                found = variants.compared(run, by[(task, variants.BASELINE)])
                mark = variants_readings.MARKS[found.verdict] or "="
                cell += f" {_points(found.difference)} ({_points(found.low)} to {_points(found.high)}) {mark}"
            cells.append(cell)
        rows.append(cells)
    return Table(
        ["cell", *tasks], rows,
        caption=(
            "Seeds that solved each task, with the 95% Wilson interval; then the difference from PyTorch's LSTM in "
            f"percentage points with its interval at {variants.CONFIDENCE:.2%} (95% shared by all "
            f"{(len(variants.CONTESTANTS) - 1) * len(variants.TASKS)} comparisons): ▲ higher, ▼ lower, = indistinguishable."
        ),
    )


def _points(share: float) -> str:
    value = round(100 * share)
    return "0" if value == 0 else f"{'+' if value > 0 else '−'}{abs(value)}"


def saturation(found) -> Table:
    """Per task, the plain RNNs' share of saturated hidden values, solvers against the rest
    (:func:`~lstm_explained.experiments.variants.saturation`).

    >>> import torch
    >>> from lstm_explained.experiments.variants import Saturation
    >>> saturation([Saturation("abcabC", 0.95, torch.tensor([0.1, 0.3]), torch.tensor([0.6]), 0.0, 0.04)]).rows
    [['abcabC', 2, '20%', 1, '60%', 'p = 0.04']]
    """
    rows = [
        [s.task, len(s.solved), f"{variants.median(s.solved):.0%}" if len(s.solved) else "–", len(s.unsolved),
         f"{variants.median(s.unsolved):.0%}" if len(s.unsolved) else "–", variants_readings.p_text(s.p_value)]
        for s in found
    ]
    near = found[0].near if found else 0.95
    return Table(
        ["task", "RNNs that solved it", f"median share |h| > {near}", "RNNs that did not", f"median share |h| > {near}", "rank-sum test"], rows,
        caption="Both tanh RNNs (4 units and LSTM-sized) pooled; the share is over every hidden value of the test windows.",
    )


def growth(found) -> Table:
    """The largest cell state early and late in the long stream, per contestant
    (:func:`~lstm_explained.experiments.variants.growth`).

    >>> import torch
    >>> from lstm_explained.experiments.variants import Growth
    >>> growth(Growth(["NFG"], torch.tensor([2.0]), torch.tensor([40.0]), [3], 64)).rows
    [['NFG', '2', '40', '3/64']]
    """
    rows = [[label, f"{a:.3g}", f"{b:.3g}", f"{k}/{found.seeds}"] for label, a, b, k in zip(found.labels, found.start.tolist(), found.end.tolist(), found.solved)]
    return Table(
        ["cell", f"max |c|, first {variants.STREAM_SCORED} periods", f"max |c|, last {variants.STREAM_SCORED} of {variants.STREAM_TEST}", "solved the stream"], rows,
        caption="Medians over the seeds of each model's largest |c| over its units and the six phases.",
    )
