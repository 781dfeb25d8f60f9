"""The readings of the gradient chapter's training runs (:mod:`~lstm_explained.experiments.long_lag`):
the adding problem's arms compared by their counts and gradients, and what truncating
backpropagation cost, in words."""

from __future__ import annotations

import torch

from .. import stats
from ..experiments.long_lag import SOLVED, AddingRun, TruncationRun
from ..paired import compare_paired, mcnemar_exact
from .words import counted, factor, figure, listed, p_text, part_of, signed

__all__ = ["bias_pairs", "bias_gradient_reading", "bias_reading", "kinds_reading", "reset_reading", "trained_path_reading", "trend_reading", "truncation_reading"]


def _compared(a: AddingRun, b: AddingRun) -> stats.ShareComparison:
    """``a``'s share of solving seeds against ``b``'s, at 95%."""
    return stats.compare_shares(a.solved, a.setting.seeds, b.solved, b.setting.seeds)


def kinds_reading(lstm: AddingRun, rnn: AddingRun) -> str:
    """The LSTM against the RNN on the adding problem, in two whole sentences: the counts, then the
    gradients at the first marker after training.

    >>> from dataclasses import replace
    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(4)
    >>> a = AddingRun(AddingSetting("lstm", 8, seeds=4), 393, torch.tensor([0.01, 0.02, 0.03, 1.0]), one, one, one, one, one, 0.0, 1.0)
    >>> b = replace(a, setting=AddingSetting("rnn", 17, seeds=4), parameters=375, ratio=torch.ones(4), marker_trained=one * 1e-6)
    >>> print(kinds_reading(a, b))
    At length 50 the LSTM solved 3 of 4 seeds and the RNN 0 of 4: 75 points more (95% interval +9 to +95). After training, the answer's gradient at the first marker was 1.0e+00 for the LSTM's cell state against 1.0e-06 for the RNN's hidden state, about 1,000,000 times as large.
    """
    found = _compared(lstm, rnn)
    interval = f"{found.confidence:.0%} interval {signed(100 * found.low)} to {signed(100 * found.high)}"
    counts = f"At length {lstm.setting.length} the LSTM solved {lstm.solved} of {lstm.setting.seeds} seeds and the RNN {rnn.solved} of {rnn.setting.seeds}"
    if found.verdict == "indistinguishable":
        first = f"{counts}: the test cannot tell the two apart (difference {signed(100 * found.difference)} points, {interval})."
    else:
        first = f"{counts}: {abs(round(100 * found.difference))} points {'more' if found.verdict == 'higher' else 'fewer'} ({interval})."
    lstm_marker = lstm.marker_trained.log().mean().exp().item()
    rnn_marker = rnn.marker_trained.log().mean().exp().item()
    head = f"After training, the answer's gradient at the first marker was {lstm_marker:.1e} for the LSTM's cell state"
    if rnn_marker == 0:
        return f"{first} {head} and exactly zero for the RNN's hidden state."
    return f"{first} {head} against {rnn_marker:.1e} for the RNN's hidden state, {factor(lstm_marker / rnn_marker, larger='as large', unchanged='about as large', digits=2)}."


def bias_pairs(pairs: list[tuple[AddingRun, AddingRun]]) -> list:
    """Each length's two starts compared seed by seed: McNemar's exact test on the seeds that solved
    with one start only (:func:`~lstm_explained.paired.compare_paired`), as ``(length, comparison)``."""
    return [(opened.setting.length, compare_paired(opened.setting.problem.solves(opened.ratio), plain.setting.problem.solves(plain.ratio)))
            for opened, plain in pairs]


def bias_reading(pairs: list[tuple[AddingRun, AddingRun]]) -> str:
    """What the LSTM with forget bias 1 did against PyTorch's initialisation over the lengths tried,
    in one sentence that counts the lengths (the table beside it gives each length's counts). The
    two arms start every seed from the same weights (the bias set afterwards) and see the same
    batches, so they are compared seed by seed (:func:`bias_pairs`).

    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(8)
    >>> run = lambda bias, ratio: AddingRun(AddingSetting("lstm", 8, seeds=8, forget_bias=bias), 393, torch.tensor(ratio), one, one, one, one, one, 0.0, 1.0)
    >>> bias_reading([(run(1.0, [0.0] * 8), run(None, [0.0] + [1.0] * 7))])
    'Starting the forget bias at 1 raised the number of solving seeds at the one length tried.'
    >>> bias_reading([(run(1.0, [0.0] * 4 + [1.0] * 4), run(None, [0.0] * 3 + [1.0] * 5))])
    "At the one length tried, McNemar's test could not tell the two starts apart; the table gives the split that would have registered."
    """
    verdicts = [found.verdict for _, found in bias_pairs(pairs)]
    n = len(verdicts)
    if not n:
        raise ValueError("bias_reading: there are no pairs of runs to compare")
    where = "at the one length tried" if n == 1 else f"at every one of the {n} lengths tried"
    up, down = verdicts.count("higher"), verdicts.count("lower")
    if up == n:
        return f"Starting the forget bias at 1 raised the number of solving seeds {where}."
    if down == n:
        return f"Starting the forget bias at 1 lowered the number of solving seeds {where}."
    if not up and not down:
        if n == 1:
            return "At the one length tried, McNemar's test could not tell the two starts apart; the table gives the split that would have registered."
        lead = "At neither length tried" if n == 2 else f"At none of the {n} lengths tried"
        return f"{lead} could McNemar's test tell the two starts apart; the table gives the split that would have registered."
    return (f"Starting the forget bias at 1 raised the number of solving seeds at {part_of(up, n, 'length')} tried and lowered it at "
            f"{part_of(down, n, 'length')}; at the rest McNemar's test could not tell the two starts apart.")


def bias_gradient_reading(pairs: list[tuple[AddingRun, AddingRun]]) -> str:
    """The forget bias as an intervention on the cell path: how much it multiplied the gradient at
    the first marker at initialisation (geometric means over the seeds) beside whether the number
    of solving seeds moved, over the lengths of ``pairs`` (bias 1, PyTorch's start).

    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(8)
    >>> run = lambda bias, ratio, grad: AddingRun(AddingSetting("lstm", 8, seeds=8, forget_bias=bias), 393, torch.tensor(ratio), one, torch.full((8,), grad), one, one, one, 0.0, 1.0)
    >>> same = [0.0] * 4 + [1.0] * 4
    >>> print(bias_gradient_reading([(run(1.0, same, 1e-4), run(None, same, 1.7e-8))]))
    The bias multiplied the gradient at the first marker at initialisation by about 6,000 at the one length tried, yet McNemar's test could not tell the numbers of solving seeds apart. On this task, then, a larger starting gradient on the cell path did not go with more seeds solving.
    """
    if not pairs:
        raise ValueError("bias_gradient_reading: there are no pairs of runs to compare")
    ratios = [(opened.marker_init.log().mean() - plain.marker_init.log().mean()).exp().item() for opened, plain in pairs]
    if not all(r > 0 for r in ratios):
        raise ValueError(f"bias_gradient_reading: a gradient ratio must be positive, got {ratios}")
    said = [figure(float(f"{r:.1g}")) for r in ratios]
    lengths = [opened.setting.length for opened, _ in pairs]
    by = (f"by about {said[0]} at the one length tried" if len(pairs) == 1
          else "by about " + " and ".join(f"{x} at length {n}" for x, n in zip(said, lengths)))
    if min(ratios) < 2:
        return f"The bias multiplied the gradient at the first marker at initialisation {by}: too little to read as an intervention on the cell path."
    verdicts = [found.verdict for _, found in bias_pairs(pairs)]
    head = f"The bias multiplied the gradient at the first marker at initialisation {by}"
    if all(v == "indistinguishable" for v in verdicts):
        where = "" if len(pairs) == 1 else " at any length" if len(pairs) > 2 else " at either length"
        return (f"{head}, yet McNemar's test could not tell the numbers of solving seeds apart{where}. "
                "On this task, then, a larger starting gradient on the cell path did not go with more seeds solving.")
    up = verdicts.count("higher")
    if up == len(verdicts):
        return f"{head}, and the number of solving seeds rose with it at every length tried."
    return (f"{head}; the number of solving seeds rose at {part_of(up, len(verdicts), 'length')} and fell at "
            f"{part_of(verdicts.count('lower'), len(verdicts), 'length')}, so the starting gradient alone does not settle it.")


def truncation_reading(runs: list[TruncationRun], learned: float = 0.5) -> str:
    """How many of the settings with the state carried (each chunk length, and the whole stream) learned the lag (median accuracy at least
    ``learned``), stayed at chance, or rose above it without learning, in whole sentences that
    count them (the table beside it gives each); and, where the numbers carry it, why the blind ones
    cannot learn.

    >>> from lstm_explained.experiments.long_lag import TruncationSetting
    >>> s = TruncationSetting
    >>> runs = [TruncationRun(s(4), torch.full((3,), 0.25), 1.0), TruncationRun(s(8), torch.full((3,), 0.9), 1.0)]
    >>> print(truncation_reading(runs))
    Of the 2 settings with the state carried, 1 learned the lag and 1 stayed at chance. The one that leaves no target with its symbol in the same chunk did not learn it: no gradient it trains on reaches the symbol, so nothing in its training rewards keeping it.
    """
    carried = [r for r in runs if r.setting.carry]
    n = len(carried)
    if not n:
        raise ValueError("truncation_reading: no run carried the state between chunks")
    up = [r for r in carried if r.median() >= learned]
    flat = [r for r in carried if r.median() < learned and r.median() < r.chance + 0.05]
    between = [r for r in carried if r not in up and r not in flat]
    parts = [f"{len(up)} learned the lag"] if up else []
    parts += [f"{len(flat)} stayed at chance"] if flat else []
    parts += [f"{len(between)} rose above chance without reaching {learned:g}"] if between else []
    if n == 1:
        sentences = [f"With the state carried, the one setting {parts[0].split(' ', 1)[1]}."]
    elif up:
        sentences = [f"Of the {n} settings with the state carried, {listed(parts)}."]
    else:
        sentences = [f"Of the {n} settings with the state carried, none learned the lag (a median accuracy of {learned:g}): {listed(parts)}."]
    blind = [r for r in carried if r.reached == 0]
    if blind and up and all(r.median() < learned for r in blind) and any(r.reached > 0 for r in up):
        who = "The one that leaves" if len(blind) == 1 else f"The {len(blind)} that leave"
        sentences.append(f"{who} no target with its symbol in the same chunk did not learn it: no gradient it trains on reaches "
                         "the symbol, so nothing in its training rewards keeping it.")
    return " ".join(sentences)


def reset_reading(runs: list[TruncationRun], confidence: float = 0.95) -> str:
    """What resetting the state at every chunk did, against carrying it, at each chunk length run
    both ways (median accuracy on whole held-out streams), one whole sentence per chunk length. The
    two arms start every seed from the same weights and see the same batches, so each seed is a
    pair and resetting is an intervention: the sign test (McNemar's exact test on the seeds that
    came out ahead one way) at ``confidence`` says whether it changed the outcome.

    >>> from lstm_explained.experiments.long_lag import TruncationSetting
    >>> s = TruncationSetting
    >>> runs = [TruncationRun(s(8), torch.full((8,), 0.6), 1.0), TruncationRun(s(8, carry=False), torch.full((8,), 0.3), 1.0)]
    >>> print(reset_reading(runs))
    With chunks of 8 steps, resetting the state at every chunk cost 0.30 of median accuracy (0.60 carried against 0.30 reset); carrying came out ahead on 8 of 8 seeds and resetting on 0 (sign test p = 0.0078).
    >>> tie = [TruncationRun(s(8), torch.tensor([0.5, 0.6]), 1.0), TruncationRun(s(8, carry=False), torch.tensor([0.6, 0.5]), 1.0)]
    >>> print(reset_reading(tie))
    With chunks of 8 steps, the sign test could not tell resetting the state from carrying it (0.50 carried against 0.50 reset in median accuracy; carrying came out ahead on 1 of 2 seeds and resetting on 1, p = 1).
    """
    carried = {r.setting.chunk: r for r in runs if r.setting.carry}
    sentences = []
    for r in runs:
        if r.setting.carry or r.setting.chunk not in carried:
            continue
        kept_run = carried[r.setting.chunk]
        if kept_run.accuracy.shape != r.accuracy.shape:
            raise ValueError(f"reset_reading: the carried and reset runs at chunk {r.setting.chunk} have different seeds")
        kept, cut = kept_run.median(), r.median()
        ahead, behind = int((kept_run.accuracy > r.accuracy).sum()), int((kept_run.accuracy < r.accuracy).sum())
        n, p = len(r.accuracy), mcnemar_exact(ahead, behind)
        where = f"With chunks of {r.setting.chunk} steps"
        medians = f"{kept:.2f} carried against {cut:.2f} reset"
        seeds = f"carrying came out ahead on {ahead} of {n} seeds and resetting on {behind}"
        # the difference of the medians as printed, so that a reader's subtraction agrees
        drop = round(kept, 2) - round(cut, 2)
        if p >= 1 - confidence:
            sentences.append(f"{where}, the sign test could not tell resetting the state from carrying it ({medians} in median accuracy; {seeds}, {p_text(p)}).")
        elif (ahead > behind) == (drop > 0) and drop != 0:
            change = f"cost {drop:.2f} of median accuracy" if drop > 0 else f"raised median accuracy by {-drop:.2f}"
            sentences.append(f"{where}, resetting the state at every chunk {change} ({medians}); {seeds} (sign test {p_text(p)}).")
        else:
            favoured = "carrying" if ahead > behind else "resetting"
            sentences.append(f"{where}, the seed-by-seed count favours {favoured} ({seeds}, sign test {p_text(p)}), though the medians are {medians}.")
    if not sentences:
        raise ValueError("reset_reading: no chunk length was run both with the state carried and reset")
    return " ".join(sentences)


def trained_path_reading(lstm: AddingRun, rnn: AddingRun) -> str:
    """The gradient at the longest lag, before and after training, for the LSTM's cell state and
    the RNN's hidden state, and what training did to each, in whole sentences.

    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(3)
    >>> a = AddingRun(AddingSetting("lstm", 8, seeds=3), 393, one, one, one, one, torch.tensor([1.0, 1e-3, 1e-8]), torch.tensor([1.0, 1e-1, 1e-3]), 0.0, 1.0)
    >>> b = AddingRun(AddingSetting("rnn", 17, seeds=3), 375, one, one, one, one, torch.tensor([1.0, 1e-5, 1e-10]), torch.tensor([1.0, 1e-5, 1e-9]), 0.0, 1.0)
    >>> print(trained_path_reading(a, b))
    At lag 2, training took the LSTM's cell gradient from 1.0e-08 to 1.0e-03 (about 100,000 times larger) and the RNN's hidden-state gradient from 1.0e-10 to 1.0e-09 (about 10 times larger). Over training the LSTM's gradient at this lag grew about 10,000 times as much as the RNN's.
    """
    lag = len(lstm.by_lag_trained) - 1
    gain_lstm = (lstm.by_lag_trained[-1] / lstm.by_lag_init[-1]).item()
    gain_rnn = (rnn.by_lag_trained[-1] / rnn.by_lag_init[-1]).item()
    words = (
        f"At lag {lag}, training took the LSTM's cell gradient from {lstm.by_lag_init[-1]:.1e} to {lstm.by_lag_trained[-1]:.1e} "
        f"({factor(gain_lstm)}) and the RNN's hidden-state gradient from {rnn.by_lag_init[-1]:.1e} to "
        f"{rnn.by_lag_trained[-1]:.1e} ({factor(gain_rnn)})."
    )
    # the gradient read here runs through the head and the output gate too, so it says how much the path
    # to the answer grew, not which part of the cell grew it
    if gain_lstm <= 1:
        return words + " Over training the LSTM's gradient at this lag did not grow."
    if gain_rnn < 1:
        return words + " Over training the LSTM's gradient at this lag grew while the RNN's shrank."
    if gain_lstm > 10 * gain_rnn:
        return words + f" Over training the LSTM's gradient at this lag grew about {figure(float(f'{gain_lstm / gain_rnn:.1g}'))} times as much as the RNN's."
    return words


def trend_reading(run: AddingRun, window: int = 25) -> str:
    """Whether the count of seeds under the solving line on their training batches was still
    climbing when training stopped: halfway against the last window, seed by seed (McNemar's
    exact test at 95% on the seeds that crossed the line one way or the other), in two whole
    sentences beside the held-out count.

    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(4)
    >>> history = torch.cat([torch.ones(50, 8), torch.cat([torch.zeros(50, 6), torch.ones(50, 2)], 1)])
    >>> run = AddingRun(AddingSetting("lstm", 8, seeds=8, steps=100), 393, one, history, one, one, one, one, 0.0, 1.0)
    >>> print(trend_reading(run))
    On their training batches, 0 of the 8 LSTMs at length 50 were under the solving line (an error below 10% of the baseline's) at batch 50 and 6 at batch 100 (on held-out sequences, which decide "solved", 0 were). The count was still rising when training stopped, so a longer budget might solve more: the share solved is what this budget buys.
    """
    batches, solved = run.solving(window)
    half = int(torch.searchsorted(batches, batches[-1] // 2))
    then, now = int(solved[half].sum()), int(solved[-1].sum())
    seeds = solved.shape[1]
    kind = "LSTMs" if run.setting.kind == "lstm" else "RNNs"
    first = (f"On their training batches, {then} of the {seeds} {kind} at length {run.setting.length} were under the solving line "
             f"(an error below {SOLVED:.0%} of the baseline's) at batch {int(batches[half])} and {now} at batch {int(batches[-1])} (on held-out sequences, which decide "
             f'"solved", {run.solved} {"was" if run.solved == 1 else "were"}).')
    moved = compare_paired(solved[-1], solved[half])
    if moved.verdict == "higher":
        return first + " The count was still rising when training stopped, so a longer budget might solve more: the share solved is what this budget buys."
    if moved.verdict == "lower":
        return first + " The count fell over the second half of training."
    return (first + f" Over the second half of training McNemar's test finds no change in the count ({counted(moved.a_only, 'seed')} crossed "
            f"below the line and {moved.b_only} back above it).")
