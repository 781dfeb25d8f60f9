"""The readings of the gradient chapter's training runs (:mod:`~lstm_explained.experiments.long_lag`):
the adding problem's arms compared by their counts and gradients, and what truncating
backpropagation cost, in words."""

from __future__ import annotations

import torch

from .. import stats
from ..experiments.long_lag import AddingRun, TruncationRun
from ..paired import compare_paired, mcnemar_exact
from .words import counted, listed, p_text

__all__ = ["bias_reading", "kinds_reading", "reset_reading", "trained_path_reading", "trend_reading", "truncation_reading"]


def _compared(a: AddingRun, b: AddingRun) -> stats.ShareComparison:
    """``a``'s share of solving seeds against ``b``'s, at 95%."""
    return stats.compare_shares(a.solved, a.setting.seeds, b.solved, b.setting.seeds)


def kinds_reading(lstm: AddingRun, rnn: AddingRun) -> str:
    """The LSTM against the RNN on the adding problem, in words chosen by the counts and the gradients.

    >>> from dataclasses import replace
    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(4)
    >>> a = AddingRun(AddingSetting("lstm", 8, seeds=4), 393, torch.tensor([0.01, 0.02, 0.03, 1.0]), one, one, one, one, one, 0.0, 1.0)
    >>> b = replace(a, setting=AddingSetting("rnn", 17, seeds=4), parameters=375, ratio=torch.ones(4), marker_trained=one * 1e-6)
    >>> kinds_reading(a, b)
    "the LSTM solved 3 of 4 seeds and the RNN 0 of 4 (difference +75 points, 95% interval +9 to +95, higher); after training the answer's gradient at the first marker was 1.0e+00 for the LSTM's cell state and 1.0e-06 for the RNN's hidden state, a ratio of 1e+06"
    """
    found = _compared(lstm, rnn)
    lstm_marker = lstm.marker_trained.log().mean().exp().item()
    rnn_marker = rnn.marker_trained.log().mean().exp().item()
    return (
        f"the LSTM solved {lstm.solved} of {lstm.setting.seeds} seeds and the RNN {rnn.solved} of {rnn.setting.seeds} "
        f"(difference {found.difference * 100:+.0f} points, {found.confidence:.0%} interval {found.low * 100:+.0f} to "
        f"{found.high * 100:+.0f}, {found.verdict}); after training "
        f"the answer's gradient at the first marker was {lstm_marker:.1e} for the LSTM's cell state and {rnn_marker:.1e} "
        f"for the RNN's hidden state, a ratio of {lstm_marker / rnn_marker:.0e}"
    )


def bias_reading(pairs: list[tuple[AddingRun, AddingRun]]) -> str:
    """For each length, the LSTM with forget bias 1 against PyTorch's initialisation. The two arms
    start every seed from the same weights (the bias set afterwards) and see the same batches, so
    they are compared seed by seed: McNemar's exact test on the seeds that solved with one only.

    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(8)
    >>> run = lambda bias, ratio: AddingRun(AddingSetting("lstm", 8, seeds=8, forget_bias=bias), 393, torch.tensor(ratio), one, one, one, one, one, 0.0, 1.0)
    >>> bias_reading([(run(1.0, [0.0] * 8), run(None, [0.0] + [1.0] * 7))])
    'at length 50, 8 of 8 with the bias at 1 against 1 of 8 without; 7 seeds solved it with the bias only and 0 without it only (McNemar p = 0.016): higher. Over these lengths the bias helped at every one'
    >>> bias_reading([(run(1.0, [0.0] * 4 + [1.0] * 4), run(None, [0.0] * 3 + [1.0] * 5))]).split(". ")[1]
    'Over these lengths no difference registered at any of them; at length 50, with 1 seed solving with one arm only, no split of them could have registered'
    """
    parts, verdicts, unseen = [], [], []
    for opened, plain in pairs:
        found = compare_paired(opened.setting.problem.solves(opened.ratio), plain.setting.problem.solves(plain.ratio))
        verdicts.append(found.verdict)
        parts.append(
            f"at length {opened.setting.length}, {opened.solved} of {opened.setting.seeds} with the bias at 1 against "
            f"{plain.solved} of {plain.setting.seeds} without; {counted(found.a_only, 'seed')} solved it with the bias only and "
            f"{found.b_only} without it only (McNemar {p_text(found.p_value)}): {found.verdict}"
        )
        if found.verdict == "indistinguishable":
            disagree = found.a_only + found.b_only
            these = f"{counted(disagree, 'seed')} solving with one arm only"
            unseen.append(
                f"at length {opened.setting.length}, with {these}, no split of them could have registered" if found.needed is None else
                f"at length {opened.setting.length}, with {these}, a split at least {found.needed} apart would have registered"
            )
    if all(v == "higher" for v in verdicts):
        summary = "the bias helped at every one"
    elif all(v == "indistinguishable" for v in verdicts):
        summary = "no difference registered at any of them"
    elif "lower" in verdicts and "higher" not in verdicts:
        summary = "the bias hurt where the two could be told apart"
    else:
        helped = [str(o.setting.length) for (o, _), v in zip(pairs, verdicts) if v == "higher"]
        summary = f"the bias helped at length {', '.join(helped) or 'none'} and not elsewhere"
    return "; ".join(parts) + f". Over these lengths {summary}" + (f"; {'; '.join(unseen)}" if unseen else "")


def truncation_reading(runs: list[TruncationRun], learned: float = 0.5) -> str:
    """Which truncations learned the lag (median accuracy at least ``learned``), in words.

    >>> from lstm_explained.experiments.long_lag import TruncationSetting
    >>> s = TruncationSetting
    >>> runs = [TruncationRun(s(4), torch.full((3,), 0.25), 1.0), TruncationRun(s(8), torch.full((3,), 0.9), 1.0)]
    >>> truncation_reading(runs)
    'with the state carried, chunks of 4 steps (no target has its symbol in the same chunk) stayed at chance (median 0.25, chance 0.25) and chunks of 8 steps learned (median 0.90): a gradient that never reaches the symbol cannot teach the model to keep it, however many updates it makes'
    """
    carried = [r for r in runs if r.setting.carry]
    words = []
    for r in carried:
        size = f"chunks of {r.setting.chunk} steps" if r.setting.chunk else "the whole stream at once"
        reach = " (no target has its symbol in the same chunk)" if r.reached == 0 else ""
        if r.median() >= learned:
            words.append(f"{size}{reach} learned (median {r.median():.2f})")
        elif r.median() < r.chance + 0.05:
            words.append(f"{size}{reach} stayed at chance (median {r.median():.2f}, chance {r.chance:.2f})")
        else:
            words.append(f"{size}{reach} rose above chance but not to {learned:g} (median {r.median():.2f}, chance {r.chance:.2f})")
    blind = [r for r in carried if r.reached == 0]
    moral = ""
    if blind and all(r.median() < learned for r in blind) and any(r.median() >= learned for r in carried if r.reached > 0):
        moral = ": a gradient that never reaches the symbol cannot teach the model to keep it, however many updates it makes"
    return "with the state carried, " + listed(words) + moral


def reset_reading(runs: list[TruncationRun], confidence: float = 0.95) -> str:
    """What resetting the state at every chunk went with, against carrying it, at each chunk length
    run both ways (median accuracy on whole held-out streams). The two arms start every seed from
    the same weights and see the same batches, so each seed is a pair: the sign test (McNemar's
    exact test on the seeds that came out ahead one way) at ``confidence`` says whether the arms differ.

    >>> from lstm_explained.experiments.long_lag import TruncationSetting
    >>> s = TruncationSetting
    >>> runs = [TruncationRun(s(8), torch.full((8,), 0.6), 1.0), TruncationRun(s(8, carry=False), torch.full((8,), 0.3), 1.0)]
    >>> reset_reading(runs)
    'resetting the state at every chunk went with 0.30 less accuracy with chunks of 8 steps (0.60 carried, 0.30 reset; carried ahead on 8 of 8 seeds, reset on 0, sign test p = 0.0078)'
    >>> tie = [TruncationRun(s(8), torch.tensor([0.5, 0.6]), 1.0), TruncationRun(s(8, carry=False), torch.tensor([0.6, 0.5]), 1.0)]
    >>> reset_reading(tie)
    'resetting the state at every chunk went with no difference the sign test could tell with chunks of 8 steps (0.50 carried, 0.50 reset; carried ahead on 1 of 2 seeds, reset on 1, sign test p = 1)'
    """
    carried = {r.setting.chunk: r for r in runs if r.setting.carry}
    parts = []
    for r in runs:
        if r.setting.carry or r.setting.chunk not in carried:
            continue
        kept_run = carried[r.setting.chunk]
        if kept_run.accuracy.shape != r.accuracy.shape:
            raise ValueError(f"reset_reading: the carried and reset runs at chunk {r.setting.chunk} have different seeds")
        kept, cut = kept_run.median(), r.median()
        ahead, behind = int((kept_run.accuracy > r.accuracy).sum()), int((kept_run.accuracy < r.accuracy).sum())
        p = mcnemar_exact(ahead, behind)
        if p >= 1 - confidence:
            verb = "no difference the sign test could tell"
        else:
            # the difference of the medians as printed, so that a reader's subtraction agrees
            verb = f"{abs(round(kept, 2) - round(cut, 2)):.2f} {'less' if ahead > behind else 'more'} accuracy"
        parts.append(
            f"{verb} with chunks of {r.setting.chunk} steps ({kept:.2f} carried, {cut:.2f} reset; carried ahead on "
            f"{ahead} of {len(r.accuracy)} seeds, reset on {behind}, sign test {p_text(p)})"
        )
    if not parts:
        raise ValueError("reset_reading: no chunk length was run both with the state carried and reset")
    return "resetting the state at every chunk went with " + "; it went with ".join(parts)


def trained_path_reading(lstm: AddingRun, rnn: AddingRun) -> str:
    """The gradient at the longest lag, before and after training, for the LSTM's cell state and
    the RNN's hidden state, and what training did to each.

    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(3)
    >>> a = AddingRun(AddingSetting("lstm", 8, seeds=3), 393, one, one, one, one, torch.tensor([1.0, 1e-3, 1e-8]), torch.tensor([1.0, 1e-1, 1e-3]), 0.0, 1.0)
    >>> b = AddingRun(AddingSetting("rnn", 17, seeds=3), 375, one, one, one, one, torch.tensor([1.0, 1e-5, 1e-10]), torch.tensor([1.0, 1e-5, 1e-9]), 0.0, 1.0)
    >>> trained_path_reading(a, b)
    "at lag 2 the LSTM's cell gradient is 1.0e-08 at initialisation and 1.0e-03 after training, 1e+05 times larger; the RNN's hidden-state gradient is 1.0e-10 and 1.0e-09, 1e+01 times larger. Over training the LSTM's gradient at this lag grew 1e+04 times more than the RNN's"
    """
    lag = len(lstm.by_lag_trained) - 1
    gain_lstm = (lstm.by_lag_trained[-1] / lstm.by_lag_init[-1]).item()
    gain_rnn = (rnn.by_lag_trained[-1] / rnn.by_lag_init[-1]).item()
    change = lambda g: f"{g:.0e} times larger" if g >= 1 else f"{1 / g:.0e} times smaller"  # noqa: E731
    words = (
        f"at lag {lag} the LSTM's cell gradient is {lstm.by_lag_init[-1]:.1e} at initialisation and "
        f"{lstm.by_lag_trained[-1]:.1e} after training, {change(gain_lstm)}; the RNN's hidden-state gradient is "
        f"{rnn.by_lag_init[-1]:.1e} and {rnn.by_lag_trained[-1]:.1e}, {change(gain_rnn)}"
    )
    # the gradient read here runs through the head and the output gate too, so it says how much the path
    # to the answer grew, not which part of the cell grew it
    if gain_lstm > 10 * max(gain_rnn, 1.0):
        words += f". Over training the LSTM's gradient at this lag grew {gain_lstm / max(gain_rnn, 1.0):.0e} times more than the RNN's"
    elif gain_lstm <= 1:
        words += ". Over training the LSTM's gradient at this lag did not grow"
    return words


def trend_reading(run: AddingRun, window: int = 25, *, rising: int = 4) -> str:
    """Whether the count of seeds below the line on their training batches was still climbing when
    training stopped: halfway against the last window (more than ``rising`` seeds more is "still rising").

    >>> from lstm_explained.experiments.long_lag import AddingSetting
    >>> one = torch.ones(4)
    >>> history = torch.cat([torch.ones(50, 8), torch.cat([torch.zeros(50, 6), torch.ones(50, 2)], 1)])
    >>> run = AddingRun(AddingSetting("lstm", 8, seeds=8, steps=100), 393, one, history, one, one, one, one, 0.0, 1.0)
    >>> trend_reading(run)
    '0 of 8 seeds were below the line on their training batches at batch 50 and 6 at batch 100, still rising when training stopped: the share solved is what this budget buys, not what the cell can reach'
    """
    batches, solved = run.solving(window)
    half = int(torch.searchsorted(batches, batches[-1] // 2))
    then, now = int(solved[half].sum()), int(solved[-1].sum())
    seeds = solved.shape[1]
    words = f"{then} of {seeds} seeds were below the line on their training batches at batch {int(batches[half])} and {now} at batch {int(batches[-1])}"
    if now - then > rising:
        return words + ", still rising when training stopped: the share solved is what this budget buys, not what the cell can reach"
    return words + ", level by the end of training"
