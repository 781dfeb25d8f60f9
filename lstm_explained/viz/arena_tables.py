"""The variants chapter's tables: the arena's shares and differences, saturation, and growth of the cell state."""

from __future__ import annotations

from ..experiments import variants, variants_analyses
from ..paired import PairedComparison
from ..power import detectable_counts
from ..readings import variants as variants_readings
from ..readings.words import figure, p_text, signed
from .tables import Table

__all__ = ["arena", "designs", "growth", "rates", "saturation", "standings"]


def arena(runs) -> Table:
    """Every contestant's share of solving seeds on every task, with its 95% Wilson interval, and
    its difference from the baseline LSTM at the arena's shared confidence
    (:data:`~lstm_explained.experiments.variants_analyses.CONFIDENCE`): with Newcombe's interval where the
    two are independent samples, with the seeds that solved it with one only where they are pairs
    (:func:`~lstm_explained.experiments.variants_analyses.compared`). The last row is the counts the
    unpaired test would have called different from the LSTM's.

    >>> from lstm_explained.experiments.variants import ArenaRun
    >>> arena([ArenaRun.made_up("adding", "lstm", 3, seeds=4), ArenaRun.made_up("adding", "rnn", 0, seeds=4), ArenaRun.made_up("adding", "nig", 4, seeds=4)]).rows
    [['LSTM', '3/4 (30–95%)'], ['RNN', '0/4 (0–49%) −75 (−98 to +19) ='], ['NIG', '4/4 (51–100%) +25 (1 vs 0; −52 to +85) ='], ['registers as different (unpaired)', 'none']]
    """
    by, tasks, names = _grid(runs, lambda r: (r.setting.task, r.setting.contestant))
    rows = []
    for name in names:
        cells = [variants.CONTESTANTS[name].label]
        for task in tasks:
            run = by[(task, name)]
            share, low, high = run.share
            cell = f"{run.count}/{len(run.solved)} ({100 * low:.0f}–{high:.0%})"
            if name != variants.BASELINE and (task, variants.BASELINE) in by:
                found = variants_analyses.compared(run, by[(task, variants.BASELINE)])
                mark = variants_readings.MARKS[found.verdict] or "="
                interval = f"{_points(found.low)} to {_points(found.high)}"
                detail = f"{found.a_only} vs {found.b_only}; {interval}" if isinstance(found, PairedComparison) else interval
                cell += f" {_points(found.difference)} ({detail}) {mark}"
            cells.append(cell)
        rows.append(cells)
    if any((task, variants.BASELINE) in by for task in tasks):
        edges = []
        for task in tasks:
            base = by.get((task, variants.BASELINE))
            if base is None:
                edges.append("–")
                continue
            seeds = len(base.solved)
            fewest, most = detectable_counts(base.count, seeds, seeds, variants_analyses.CONFIDENCE)
            said = [f"≥ {fewest}" if fewest is not None else "", f"≤ {most}" if most is not None else ""]
            edges.append(" or ".join(x for x in said if x) or "none")
        rows.append(["registers as different (unpaired)", *edges])
    return Table(
        ["cell", *tasks], rows,
        caption=(
            "Seeds that solved each task, with the 95% Wilson interval; then the difference from PyTorch's LSTM in "
            f"percentage points at {variants_analyses.CONFIDENCE:.2%} (95% shared by all {variants_analyses.COMPARISONS} comparisons, Bonferroni): "
            "▲ higher, ▼ lower, = no difference the test can see. Where the two are independent samples the brackets give "
            "Newcombe's interval; where every seed starts from the LSTM's own weights (the ablations and forget bias 1) they "
            "give the seeds that solved it with this cell only against with the LSTM only, judged by McNemar's exact test, "
            "then Newcombe's interval for paired shares. That interval is the less conservative of the two and can leave out 0 "
            "where McNemar's test does not call a difference; the mark is McNemar's. "
            "The last row: the counts the unpaired test would have told from the LSTM's."
        ),
    )


def standings(runs) -> Table:
    """Every contestant against PyTorch's LSTM, and the LSTM with forget bias 1 against the GRU: on
    which tasks it solves significantly more often, less often, and where no difference registered,
    with the smallest observed difference that would have registered there
    (:func:`~lstm_explained.readings.variants.detectable_points`). A † marks a task where the two
    trained at different learning rates.

    >>> from lstm_explained.experiments.variants_analyses import made_up_arena
    >>> table = standings(made_up_arena({"nfg": 10, ("adding", "nfg"): 60}, default=32))
    >>> table.columns[1:], table.rows[3]
    (['more often', 'less often', 'no difference registered (observed; smallest that would have, in points)'], ['NFG', 'adding', 'abcabC, abcdabcD, stream', '–'])
    >>> table.rows[0][3]
    'abcabC (0; 28), abcdabcD (0; 28), adding (0; 28), stream (0; 28)'
    """
    found = [variants_analyses.standing(runs, c) for c in variants.CONTESTANTS if c != variants.BASELINE]
    found.append(variants_analyses.standing(runs, "fb1", against="gru"))

    def tasks(s, which) -> str:
        return ", ".join(t + ("†" if t in s.other_rate else "") for t in which) or "–"

    def quiet(s) -> str:
        said = []
        for t in s.quiet:
            points = variants_readings.detectable_points(s.found[t])
            observed = _points(s.found[t].difference)
            said.append(f"{t}{'†' if t in s.other_rate else ''} ({observed}; {'none could' if points is None else round(points)})")
        return ", ".join(said) or "–"

    label = variants.CONTESTANTS
    rows = [[label[s.contestant].label + ("" if s.against == variants.BASELINE else f", against the {label[s.against].label}"),
             tasks(s, s.better), tasks(s, s.worse), quiet(s)] for s in found]
    return Table(
        ["cell", "more often", "less often", "no difference registered (observed; smallest that would have, in points)"], rows,
        caption=(
            f"Where each cell solves significantly more or less often than PyTorch's LSTM, at {variants_analyses.CONFIDENCE:.2%} "
            "(the arena's shared family); the last row sets the LSTM with forget bias 1 against the GRU. Where no "
            "difference registered, the brackets give the observed difference in percentage points, then the smallest "
            "observed difference that the comparison's own test would have called one on the side it fell. \"none could\": "
            "no difference of any size could have registered there, because the seeds on which two paired cells "
            "disagree are too few for even a split all one way to pass the family's level, or because an unpaired "
            "baseline sits at the end of the scale on that side. † the two trained at different learning rates on that task, so a difference "
            "there is about a cell and its rate together."
        ),
    )


def rates(tunings) -> Table:
    """The learning rate each contestant was given on each task, and how many of the tuning's
    models solved the task at every rate tried (:func:`~lstm_explained.experiments.variants.arena_tuning`).

    >>> import torch
    >>> from lstm_explained.experiments.variants import Tuning, TuningRun
    >>> found = TuningRun(Tuning("adding", "lstm", seeds=2), torch.tensor([[0.9, 0.8], [0.05, 0.2], [0.01, 0.02]]),
    ...                   torch.tensor([[False, False], [True, False], [True, True]]), 0.0)
    >>> table = rates([found])
    >>> table.columns, table.rows
    (['cell', 'adding'], [['LSTM', '0.1 (0, 1, 2 of 2)']])
    """
    by, tasks, names = _grid(tunings, lambda t: (t.tuning.task, t.tuning.contestant))
    rows = []
    for name in names:
        cells = [variants.CONTESTANTS[name].label]
        for task in tasks:
            found = by.get((task, name))
            if found is None:
                cells.append("–")
                continue
            counts = ", ".join(str(k) for k in found.counts.values())
            cells.append(f"{found.chosen:g} ({counts} of {found.tuning.seeds})")
        rows.append(cells)
    tried = ", ".join(f"{r:g}" for r in tunings[0].tuning.rates) if tunings else ""
    return Table(
        ["cell", *tasks], rows,
        caption=(
            f"The learning rate each cell trained at on each task, chosen from {tried}; in brackets, how many of the "
            "tuning's models (their own seeds, never reported) solved the task at each of those rates, in that order."
        ),
    )


def designs(chapter, runs, task: str = "abcabC") -> Table:
    """The memory chapter's experiment and the arena's on one pattern, side by side: how each
    trains and tests its models, and what each found for the RNN and the LSTM.

    ``chapter`` is the memory chapter's two runs on the pattern (:func:`~lstm_explained.experiments.memory.run_all`),
    the RNN's and the LSTM's, in either order; ``runs`` the arena's.

    >>> from lstm_explained.experiments.memory import MemoryRun
    >>> from lstm_explained.experiments.variants import ArenaRun
    >>> mem = [MemoryRun.made_up(25, kind="rnn"), MemoryRun.made_up(91, kind="lstm")]
    >>> arena_runs = [ArenaRun.made_up("abcabC", "rnn", 40), ArenaRun.made_up("abcabC", "lstm", 46)]
    >>> table = designs(mem, arena_runs)
    >>> table.rows[-2:]
    [['RNN solved', '25 of 100 (25%)', '40 of 64 (62%)'], ['LSTM solved', '91 of 100 (91%)', '46 of 64 (72%)']]
    >>> table.caption
    'The two experiments on abcabC: they differ in every one of the 6 rows on how they train and test; the last two rows are their results.'
    """
    from ..tasks.toy import sequence

    mem = {r.setting.kind: r for r in chapter}
    arena_by = _grid(runs, lambda r: (r.setting.task, r.setting.contestant))[0]
    rnn, lstm = arena_by[(task, "rnn")], arena_by[(task, "lstm")]
    problem = variants.TASKS[task]
    period = len(problem.pattern)
    m = mem["lstm"].setting
    rates = sorted({f"{r.setting.lr:g}" for r in (rnn, lstm) if r.setting.lr is not None})

    def solved(count: int, seeds: int) -> str:
        return f"{count} of {seeds} ({count / seeds:.0%})"

    rows = [
        ["hidden units (RNN, LSTM)", f"{mem['rnn'].setting.hidden}, {m.hidden}", f"{rnn.setting.hidden}, {lstm.setting.hidden}"],
        ["what one training step reads", f"the whole sequence of {len(sequence(problem.pattern))} characters, from its start",
         f"{problem.batch} windows of {problem.length} characters, one from each phase"],
        ["training steps", f"{m.steps:,}", f"{problem.steps:,}"],
        ["Adam's learning rate", f"{m.lr:g} for both", " and ".join(rates) + (" (tuned for each)" if rates else "") or "–"],
        ["gradient clipping", "none", f"norm {lstm.setting.clip:g}"],
        ["solved when right at", f"every ambiguous step of the last period ({period} characters)", "every ambiguous step of every window, once a period is seen"],
        ["RNN solved", solved(mem["rnn"].solved_count(), mem["rnn"].setting.seeds), solved(rnn.count, len(rnn.solved))],
        ["LSTM solved", solved(mem["lstm"].solved_count(), m.seeds), solved(lstm.count, len(lstm.solved))],
    ]
    # the caption counts the rows of design (all but the two results) whose entries differ, not assumes it
    design = rows[:-2]
    differ = sum(a != b for _, a, b in design)
    same = len(design) - differ
    said = f"{differ} of the {len(design)}" if same else f"every one of the {len(design)}"
    return Table(["", "memory chapter", "variants arena"], rows,
                 caption=f"The two experiments on {task}: they differ in {said} rows on how they train and test; the last two rows are their results.")


def _grid(records, key):
    """``records`` by their ``(task, contestant)`` (what ``key`` reads off each), and the tasks and
    contestants in the order they first appear: a table's cells, columns and rows."""
    by = {key(r): r for r in records}
    return by, list(dict.fromkeys(t for t, _ in by)), list(dict.fromkeys(c for _, c in by))


def _points(share: float) -> str:
    return signed(100 * share)


def saturation(found) -> Table:
    """Per plain RNN contestant and task, the share of saturated hidden values, solvers against the
    rest (:func:`~lstm_explained.experiments.variants_analyses.saturation`).

    >>> import torch
    >>> from lstm_explained.experiments.variants_analyses import Saturation
    >>> eight = torch.full((8,), 0.2)
    >>> saturation([Saturation("abcabC", "rnn", 0.95, eight, eight + 0.4, 0.0, 0.04),
    ...             Saturation("stream", "rnn", 0.95, torch.tensor([0.1, 0.3]), eight, 0.0, 0.04)]).rows
    [['RNN', 'abcabC', 8, '20%', 8, '60%', 'p = 0.04: solvers less saturated'], ['RNN', 'stream', 2, '20%', 8, '20%', 'not tested: fewer than 8 on a side']]
    """
    fewest = variants_analyses.FEWEST_TO_TEST
    verdicts = dict(zip(map(id, found), variants_analyses.saturation_verdicts(found)))
    level = 0.05 / max(1, sum(v != "untested" for v in verdicts.values()))
    said = {"less": "solvers less saturated", "more": "solvers more saturated", "none": f"no difference at {level:.2%}"}

    def tested(s) -> str:
        verdict = verdicts[id(s)]
        if verdict == "untested":
            return f"not tested: fewer than {fewest} on a side"
        return f"{p_text(s.p_value)}: {said[verdict]}"

    rows = [
        [variants.CONTESTANTS[s.contestant].label, s.task, len(s.solved), f"{variants_analyses.median(s.solved):.0%}" if len(s.solved) else "–", len(s.unsolved),
         f"{variants_analyses.median(s.unsolved):.0%}" if len(s.unsolved) else "–", tested(s)]
        for s in found
    ]
    near = found[0].near if found else 0.95
    return Table(
        ["cell", "task", "models that solved it", f"solvers' median share |h| > {near}", "models that did not",
         f"the others' median share |h| > {near}", "rank-sum test"], rows,
        caption="Each RNN contestant on its own, so that the comparison is between solvers and the rest of one size; the share is over every hidden value of the test windows.",
    )


def growth(found) -> Table:
    """The largest cell state early and late in the long stream, per contestant
    (:func:`~lstm_explained.experiments.variants_analyses.growth`).

    >>> import torch
    >>> from lstm_explained.experiments.variants_analyses import Growth
    >>> growth(Growth(["NFG"], torch.tensor([2.0]), torch.tensor([40.0]), [3], 64)).rows
    [['NFG', '2', '40', 'yes', '3/64']]
    """
    rows = [[label, figure(a), figure(b), "yes" if g else "no", f"{k}/{found.seeds}"]
            for label, a, b, g, k in zip(found.labels, found.start.tolist(), found.end.tolist(), found.grown, found.solved)]
    return Table(
        ["cell", f"max |c|, first {variants.STREAM_SCORED} periods", f"max |c|, last {variants.STREAM_SCORED} of {variants.STREAM_TEST}",
         f"grows (over {variants_analyses.GROWS:g}×)", "solved the stream"], rows,
        caption="Medians over the seeds of each model's largest |c| over its units and the six test streams, one from each phase.",
    )
