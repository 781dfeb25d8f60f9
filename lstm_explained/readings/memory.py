"""The reading of the long-memory experiment (:mod:`~lstm_explained.experiments.memory`): how often
one kind remembers compared with another, in words."""

from __future__ import annotations

from ..power import detectable_counts
from ..stats import ShareComparison
from .words import capital, confidence_text, count_edges, listed, percents, points

__all__ = ["comparison_sentence", "comparison_summary", "comparisons_summary", "hidden_reading", "hidden_summary", "seed_counts"]


def comparison_sentence(comparison: ShareComparison, a: str, b: str) -> str:
    """The comparison (:func:`lstm_explained.experiments.memory.compare`) in whole sentences: how
    often ``a`` remembers compared with ``b``, the difference with its interval, and, where the test
    finds no difference, how large a one it could have found.

    >>> from lstm_explained.experiments.memory import MemoryRun, compare
    >>> print(comparison_sentence(compare(MemoryRun.made_up(60), MemoryRun.made_up(30)), "the LSTM", "the RNN"))
    The LSTM remembers more often than the RNN. The difference is +30 percentage points, and its 95% interval, +16 to +42, excludes zero.
    >>> print(comparison_sentence(compare(MemoryRun.made_up(20), MemoryRun.made_up(25)), "the LSTM", "the RNN"))
    The test cannot tell whether the LSTM remembers more or less often than the RNN. The difference is −5 percentage points, and its 95% interval, −16 to +7, includes zero. Against the RNN's 25 of 100, only a count for the LSTM of 38 or more, or 13 or fewer, would have registered.
    """
    d, low, high = comparison.difference, comparison.low, comparison.high
    found = comparison.verdict != "indistinguishable"
    unit = "percentage point" if points(d) in ("+1", "−1") else "percentage points"
    interval = (f"The difference is {points(d)} {unit}, and its {confidence_text(comparison.confidence)} interval, "
                f"{points(low)} to {points(high)}, {'excludes' if found else 'includes'} zero.")
    if comparison.verdict == "higher":
        return f"{capital(a)} remembers more often than {b}. {interval}"
    if comparison.verdict == "lower":
        return f"{capital(a)} remembers less often than {b}. {interval}"
    fewest, most = detectable_counts(comparison.successes_b, comparison.trials_b, comparison.trials_a, comparison.confidence)
    edges = count_edges(fewest, most)
    power = (f"only a count for {a} of {edges}{',' if ', or ' in edges else ''} would have registered" if edges
             else f"no count of {comparison.trials_a} would have registered")
    return (
        f"The test cannot tell whether {a} remembers more or less often than {b}. {interval} "
        f"Against {b}'s {comparison.successes_b} of {comparison.trials_b}, {power}."
    )


def seed_counts(comparison: ShareComparison) -> str:
    """The two counts of a comparison as the sentences print them, the seeds named once where both
    arms have as many.

    >>> from lstm_explained.stats import compare_shares
    >>> seed_counts(compare_shares(60, 100, 30, 100)), seed_counts(compare_shares(30, 50, 20, 40))
    ('60 against 30 of 100 seeds', '30 of 50 against 20 of 40 seeds')
    """
    if comparison.trials_a == comparison.trials_b:
        return f"{comparison.successes_a} against {comparison.successes_b} of {comparison.trials_a} seeds"
    return f"{comparison.successes_a} of {comparison.trials_a} against {comparison.successes_b} of {comparison.trials_b} seeds"


def comparison_summary(comparison: ShareComparison, a: str, b: str, where: str = "") -> str:
    """The comparison in one sentence for a recap: the verdict and the two counts, after ``where``
    (e.g. "On abcabC,") when one is given.

    >>> from lstm_explained.experiments.memory import MemoryRun, compare
    >>> comparison_summary(compare(MemoryRun.made_up(60), MemoryRun.made_up(30)), "the LSTM", "the RNN")
    'The LSTM remembers more often than the RNN (60 against 30 of 100 seeds).'
    >>> comparison_summary(compare(MemoryRun.made_up(20), MemoryRun.made_up(25)), "the LSTM", "the RNN")
    'The test cannot tell the LSTM from the RNN (20 against 25 of 100 seeds).'
    >>> comparison_summary(compare(MemoryRun.made_up(30, seeds=50), MemoryRun.made_up(20, seeds=40)), "the LSTM", "the RNN")
    'The test cannot tell the LSTM from the RNN (30 of 50 against 20 of 40 seeds).'
    >>> comparison_summary(compare(MemoryRun.made_up(60), MemoryRun.made_up(30)), "the LSTM", "the RNN", "On abcabC,")
    'On abcabC, the LSTM remembers more often than the RNN (60 against 30 of 100 seeds).'
    """
    counts = seed_counts(comparison)
    lead = f"{where} " if where else ""
    if comparison.verdict == "indistinguishable":
        return capital(f"{lead}the test cannot tell {a} from {b} ({counts}).")
    how = "more" if comparison.verdict == "higher" else "less"
    return capital(f"{lead}{a} remembers {how} often than {b} ({counts}).")


def comparisons_summary(found: dict[str, ShareComparison], a: str, b: str, lead: str = "") -> str:
    """:func:`comparison_summary` over several tasks (the keys of ``found``) in one sentence where
    every verdict is the same, one sentence each where they differ; ``lead`` opens it.

    >>> from lstm_explained.stats import compare_shares
    >>> comparisons_summary({"abcabC": compare_shares(91, 100, 25, 100), "abcdabcD": compare_shares(88, 100, 20, 100)}, "the LSTM", "the RNN", "After 3000 epochs,")
    'After 3000 epochs, the LSTM remembers more often than the RNN on both tasks (91 against 25 of 100 seeds on abcabC and 88 against 20 on abcdabcD).'
    >>> print(comparisons_summary({"abcabC": compare_shares(91, 100, 25, 100), "abcdabcD": compare_shares(20, 100, 25, 100)}, "the LSTM", "the RNN"))
    On abcabC, the LSTM remembers more often than the RNN (91 against 25 of 100 seeds). On abcdabcD, the test cannot tell the LSTM from the RNN (20 against 25 of 100 seeds).
    """
    if not found:
        raise ValueError("comparisons_summary: there are no tasks to read")
    verdicts = {c.verdict for c in found.values()}
    trials = {(c.trials_a, c.trials_b) for c in found.values()}
    # one sentence needs one verdict and one number of seeds for every arm
    one_size = len(trials) == 1 and len(set(next(iter(trials)))) == 1
    if len(found) == 1 or len(verdicts) > 1 or not one_size:
        return " ".join(comparison_summary(c, a, b, f"On {task},") for task, c in found.items())
    (n, _), = trials
    where = "on both tasks" if len(found) == 2 else f"on all {len(found)} tasks"
    counts = [f"{c.successes_a} against {c.successes_b}" for c in found.values()]
    each = listed([f"{counts[0]} of {n} seeds on {next(iter(found))}"] + [f"{x} on {t}" for x, t in zip(counts[1:], list(found)[1:])])
    verdict = next(iter(verdicts))
    head = (f"the test cannot tell {a} from {b} {where}" if verdict == "indistinguishable"
            else f"{a} remembers {'more' if verdict == 'higher' else 'less'} often than {b} {where}")
    return capital(f"{lead + ' ' if lead else ''}{head} ({each}).")


def hidden_reading(more_saturated: list[str], tasks: list[str], line: float = 0.99) -> str:
    """Whether the RNNs have the larger share of hidden values beyond ±``line`` on each task, as
    the lecture says they should; ``more_saturated`` are the tasks where they do.

    >>> hidden_reading(["abcabC", "abcdabcD"], ["abcabC", "abcdabcD"])
    "On both tasks the RNNs have the larger share of hidden values beyond ±0.99: the lecture's observation holds in these runs."
    >>> hidden_reading([], ["abcabC", "abcdabcD"])
    "On neither task do the RNNs have the larger share of hidden values beyond ±0.99: the lecture's observation does not hold in these runs."
    >>> hidden_reading(["abcabC"], ["abcabC", "abcdabcD"])
    "Only on abcabC do the RNNs have the larger share of hidden values beyond ±0.99: the lecture's observation holds only in part in these runs."
    """
    if not tasks or not set(more_saturated) <= set(tasks):
        raise ValueError(f"hidden_reading: the tasks {more_saturated} must be among {tasks}")
    share = f"the larger share of hidden values beyond ±{line:g}"
    if len(more_saturated) == len(tasks):
        where = "On both tasks" if len(tasks) == 2 else f"On all {len(tasks)} tasks" if len(tasks) > 2 else "On the one task"
        return f"{where} the RNNs have {share}: the lecture's observation holds in these runs."
    if not more_saturated:
        where = "On neither task" if len(tasks) == 2 else "On no task"
        return f"{where} do the RNNs have {share}: the lecture's observation does not hold in these runs."
    return f"Only on {listed(more_saturated)} do the RNNs have {share}: the lecture's observation holds only in part in these runs."


def hidden_summary(shares: dict[str, tuple[float, float]], line: float = 0.99) -> str:
    """The shares behind :func:`hidden_reading`, for a recap: on each task (the keys), the share of
    the RNNs' hidden values beyond ±``line`` against the LSTMs', printed so that two shares that
    differ never print alike.

    >>> hidden_summary({"abcabC": (0.62, 0.031), "abcdabcD": (0.70, 0.05)})
    "Beyond ±0.99 lie 62% of the RNNs' hidden values against 3% of the LSTMs' on abcabC and 70% against 5% on abcdabcD."
    >>> hidden_summary({"abcabC": (0.0, 0.0)})
    "Beyond ±0.99 lie 0% of the RNNs' hidden values against 0% of the LSTMs' on abcabC."
    """
    if not shares:
        raise ValueError("hidden_summary: there are no tasks to read")
    said = iter(percents([share for pair in shares.values() for share in pair]))
    parts = [(task, next(said), next(said)) for task in shares]
    (task, rnn, lstm), rest = parts[0], parts[1:]
    first = f"{rnn} of the RNNs' hidden values against {lstm} of the LSTMs' on {task}"
    return f"Beyond ±{line:g} lie {listed([first] + [f'{r} against {l} on {t}' for t, r, l in rest])}."
