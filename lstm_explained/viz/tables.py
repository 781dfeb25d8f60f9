"""Tables: a small type the pages render as Markdown or HTML, and the tables that format what they are given.

Each builder takes an experiment's records and returns a :class:`Table`; the page only displays it.
The tables that need an experiment's own constants or readings sit with their chapter
(:mod:`~lstm_explained.viz.arena_tables`, :mod:`~lstm_explained.viz.gate_tables`), so a page that
shows a table does not depend on every chapter's code.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch

from ..experiments.timing import LECTURE
from ..runtime import devices
from ..tasks.vocab import Vocab

__all__ = ["Table", "ablation", "baselines", "breakdown", "conventions", "forget_bias_pairs", "probes", "share_comparisons", "step_scores", "timing"]


@dataclass
class Table:
    """Rows of cells under named columns; cells are shown with ``str``.

    >>> t = Table(["name", "value"], [["a<b", 1]], caption="demo")
    >>> print(t.to_markdown())
    | name | value |
    |---|---|
    | a<b | 1 |
    >>> t.to_html().count("&lt;")
    1
    """

    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    caption: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        width = len(self.columns)
        for k, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"Table: row {k} has {len(row)} cells, expected {width} ({list(self.columns)})")

    def to_markdown(self) -> str:
        """A GitHub/MyST Markdown table (``|`` in cells is escaped)."""
        cell = lambda v: str(v).replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(map(cell, self.columns)) + " |", "|" + "---|" * len(self.columns)]
        lines += ["| " + " | ".join(map(cell, row)) + " |" for row in self.rows]
        return "\n".join(lines)

    def to_html(self) -> str:
        """An HTML table, every cell escaped."""
        esc = lambda v: html.escape(str(v))  # noqa: E731
        head = "".join(f"<th>{esc(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in self.rows)
        caption = f"<caption>{esc(self.caption)}</caption>" if self.caption else ""
        return f'<table class="lstm-explained-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def _repr_html_(self) -> str:  # shown by Jupyter and myst-nb
        return self.to_html()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


def timing(rows, described: dict[str, str] | None = None) -> Table:
    """This machine's seconds per epoch (:func:`~lstm_explained.experiments.timing.measure`) beside
    the lecture's figures (quoted, for their ratio).

    ``described`` maps each device type to the words for it in the caption; by default
    :func:`lstm_explained.runtime.devices.describe` of this machine's device.

    >>> from lstm_explained.experiments.timing import Row
    >>> t = timing([Row(20000, 20, True, {"cpu": 0.5})])
    >>> t.columns[:4], t.rows[0][:4]
    (['length', 'hidden', 'backward', 'cpu s/epoch (here)'], [20000, 20, 'yes', '0.500'])
    """
    kinds = list(rows[0].seconds) if rows else ["cpu"]
    columns = ["length", "hidden", "backward", *(f"{k} s/epoch (here)" for k in kinds)]
    if "cuda" in kinds:
        columns.append("cpu/gpu ratio (here)")
    columns += ["lecture cpu s", "lecture gpu s", "lecture ratio"]
    body = []
    for row, (*_, cpu, gpu, ratio) in zip(rows, LECTURE):  # rows follow the lecture's order (timing.sizes())
        cells = [row.length, row.hidden, "yes" if row.backward else "no", *(f"{row.seconds[k]:.3f}" for k in kinds)]
        if "cuda" in kinds:
            cells.append(f"{row.seconds['cpu'] / row.seconds['cuda']:.1f}")
        body.append(cells + [f"{cpu:.2f}", f"{gpu:.2f}", f"{ratio:.2f}"])
    described = described or {k: devices.describe(torch.device(k)) for k in kinds}
    devices_used = ", ".join(described[k] for k in kinds)
    return Table(columns, body, caption=f"Measured here on {devices_used}; the lecture's columns are quoted from its notes.")


def baselines(found, record, hidden_size: int) -> Table:
    """Bits per held-out character of every baseline (:func:`~lstm_explained.experiments.lm_baselines.baselines`)
    and of the LSTM (its :class:`~lstm_explained.training.tbptt.Record`), fixed and dynamic."""
    rows = [[name, f"{bpc:.3f}", f"{found.compressors_alone[name]:.3f}"] for name, bpc in found.compressors.items()]
    rows += [[f"{n}-gram, Kneser-Ney", f"{bpc:.3f}", ""] for n, bpc in found.ngrams.items()]
    rows.append([f"LSTM, {hidden_size} cells, weights fixed", f"{record.valid_bpc:.3f}", ""])
    rows.append([f"LSTM, {hidden_size} cells, dynamic evaluation", f"{record.dynamic_bpc:.3f}", ""])
    return Table(["model", "bits per held-out character", "compressing the held-out text alone"], rows)


def probes(rows, groups=None) -> Table:
    """One row per feature of :func:`~lstm_explained.analysis.probes.report`: the chosen cell, its
    correlation where chosen and held out, the control's, and the linear probes'; with ``groups``
    (:meth:`~lstm_explained.experiments.readable_cells.CellStudy.feature_groups`), what reads each feature.

    >>> from lstm_explained.analysis.probes import ProbeRow
    >>> probes([ProbeRow("indent", 5, "c", 0.3, 0.31, 2, 0.1, 0.8, 0.3)], groups=([], ["indent"], [])).rows[0][-1]
    'the probe only'
    """
    said = {}
    if groups is not None:
        single, probe_only, neither = groups
        said = {**{f: "one cell" for f in single}, **{f: "the probe only" for f in probe_only}, **{f: "neither" for f in neither}}
    return Table(
        ["feature", "cell", "state", "r where chosen", "r held out", "control r held out", "linear probe r", "control probe r"]
        + (["read by"] if groups is not None else []),
        [[r.feature, r.unit, r.state, f"{r.select_r:+.2f}", f"{r.r:+.2f}", f"{r.control_r:+.2f}", f"{r.probe_r:+.2f}", f"{r.control_probe_r:+.2f}"]
         + ([said[r.feature]] if groups is not None else []) for r in rows],
    )


def forget_bias_pairs(pairs) -> Table:
    """The LSTM started with forget bias 1 against PyTorch's start, length by length, compared seed
    by seed (:func:`~lstm_explained.readings.long_lag.bias_pairs`): the seeds solved with each
    start, with one start only, McNemar's p-value, and the split that would have registered.

    >>> import torch
    >>> from lstm_explained.experiments.long_lag import AddingRun, AddingSetting
    >>> one = torch.ones(8)
    >>> run = lambda bias, ratio: AddingRun(AddingSetting("lstm", 8, seeds=8, forget_bias=bias), 393, torch.tensor(ratio), one, one, one, one, one, 0.0, 1.0)
    >>> forget_bias_pairs([(run(1.0, [0.0] * 8), run(None, [0.0] + [1.0] * 7))]).rows
    [[50, '8 of 8', '1 of 8', 7, 0, 'p = 0.016', 'more with bias 1']]
    """
    from ..readings.long_lag import bias_pairs
    from ..readings.words import p_text

    said = {"higher": "more with bias 1", "lower": "fewer with bias 1"}
    rows = []
    for (opened, plain), (length, found) in zip(pairs, bias_pairs(pairs)):
        if found.verdict in said:
            verdict = said[found.verdict]
        elif found.a_only + found.b_only == 0:
            verdict = "no seed differs: nothing to test"
        elif found.needed is None:
            verdict = "too few differ for any split to register"
        else:
            verdict = f"none registered; a split {found.needed} apart would have"
        rows.append([length, f"{opened.solved} of {opened.setting.seeds}", f"{plain.solved} of {plain.setting.seeds}",
                     found.a_only, found.b_only, p_text(found.p_value), verdict])
    return Table(
        ["length", "solved, forget bias 1", "solved, PyTorch's start", "bias 1 only", "PyTorch's only", "McNemar", "verdict"], rows,
        caption="Both starts train every seed from the same weights (the bias set afterwards) on the same batches, so only the "
                "seeds that solved with one start and not the other weigh in McNemar's exact test, at 95%.",
    )


def share_comparisons(rows, a: str, b: str) -> Table:
    """Two kinds compared task by task: ``rows`` are ``(task, comparison)`` with ``comparison`` a
    :class:`~lstm_explained.stats.ShareComparison` of ``a`` against ``b``. Each share is shown
    with its Wilson interval, the difference with Newcombe's, and where the test finds no
    difference, the counts that would have registered.

    >>> from lstm_explained.stats import compare_shares
    >>> t = share_comparisons([("abcabC", compare_shares(91, 100, 25, 100)), ("abcdabcD", compare_shares(30, 100, 25, 100))], "LSTM", "RNN")
    >>> t.caption[-4:], t.columns
    ('95%.', ['task', 'LSTM remembers', 'RNN remembers', 'difference (interval)', 'verdict'])
    >>> t.rows[0][1:4], t.rows[1][4]
    (['91 of 100 (84%–95%)', '25 of 100 (18%–34%)', '+66 points (+54 to +75)'], 'cannot tell apart: LSTM at 38 or more, or 13 or fewer, would have registered')
    """
    from .. import stats
    from ..power import detectable_counts
    from ..readings.words import confidence_text, count_edges, points

    def share(k: int, n: int, level: float) -> str:
        low, high = stats.wilson_interval(k, n, level)
        return f"{k} of {n} ({low:.0%}–{high:.0%})"

    said = {"higher": f"{a} more often", "lower": f"{a} less often"}
    out = []
    for task, found in rows:
        if found.verdict in said:
            verdict = said[found.verdict]
        else:
            edges = count_edges(*detectable_counts(found.successes_b, found.trials_b, found.trials_a, found.confidence))
            verdict = f"cannot tell apart: {a} at {edges}{',' if ', or ' in edges else ''} would have registered" if edges else "cannot tell apart: no count would have registered"
        out.append([task, share(found.successes_a, found.trials_a, found.confidence), share(found.successes_b, found.trials_b, found.confidence),
                    f"{points(found.difference)} points ({points(found.low)} to {points(found.high)})", verdict])
    level = {confidence_text(found.confidence) for _, found in rows}
    return Table(
        ["task", f"{a} remembers", f"{b} remembers", "difference (interval)", "verdict"], out,
        caption=f"Shares of seeds with their Wilson intervals, and the difference in percentage points with Newcombe's interval, at {', '.join(sorted(level))}.",
    )


def ablation(rows) -> Table:
    """One row per chosen cell of :func:`~lstm_explained.analysis.ablation.ablation`: the extra bits
    where its feature is marked and elsewhere, beside a random cell's."""
    return Table(
        ["feature", "cell", "share of characters marked", "extra bits, marked", "extra bits, others", "random cell: marked", "random cell: others"],
        [[a.feature, a.unit, f"{a.marked_share:.0%}", f"{a.delta_marked:+.3f}", f"{a.delta_other:+.3f}", f"{a.random_delta_marked:+.3f}",
          f"{a.random_delta_other:+.3f}"] for a in rows],
    )


def breakdown(rows, order: int) -> Table:
    """The LSTM against the ``order``-gram, group by group (:func:`~lstm_explained.analysis.lm_errors.breakdown`)."""
    return Table(
        ["characters", "how many", "LSTM bits", f"{order}-gram bits", "LSTM saves"],
        [[r.group, f"{r.count:,}", f"{r.model_bits:.3f}", f"{r.baseline_bits:.3f}", f"{r.gain:+.3f}"] for r in rows],
        caption="The characters predicted: every character of the held-out text but the first, which has nothing before it to be predicted from.",
    )


def conventions(found) -> Table:
    """How each source writes the LSTM and the GRU's update gate
    (:data:`~lstm_explained.cells.notation.CONVENTIONS`), one row per source.

    >>> from lstm_explained.cells.notation import CONVENTIONS
    >>> conventions(CONVENTIONS[:1]).rows
    [['PyTorch (torch.nn.LSTM, GRU) and this book', 'i, f, g, o', 'i, f, g, o', 'W x (column vectors)', '2 (b_ih, b_hh)', 'the old state hₜ₋₁', 'r ⊙ (W h + b), after']]
    """
    vectors = {"column": "W x (column vectors)", "row": "x W (row vectors)"}
    z = {"old": "the old state hₜ₋₁", "new": "the new candidate", "": "(no GRU)"}
    reset = {"after": "r ⊙ (W h + b), after", "before": "W (r ⊙ h), before", "": "(no GRU)"}
    return Table(
        ["source", "LSTM blocks as the source writes them", "in this book's letters", "products", "bias vectors per gate", "the GRU's z weights",
         "the GRU's reset, against the recurrent product"],
        [[c.source, c.their_symbols or "(no LSTM)", ", ".join(c.gate_order) or "", vectors[c.vectors], "2 (b_ih, b_hh)" if c.biases == 2 else str(c.biases),
          z[c.gru_z_weights], reset[c.gru_reset]] for c in found],
        caption="Each source's conventions, quoted from it; the book uses PyTorch's.",
    )



def step_scores(vocab: Vocab, read: str, scores: torch.Tensor, targets: str) -> Table:
    """The lecture's output layer as a table: each step's input character, the score of every
    character of ``vocab``, the one with the top score, and the character that should come next.

    >>> t = step_scores(Vocab("ab"), "ab", torch.tensor([[0.5, 1.0], [2.0, -1.0]]), "ba")
    >>> print(t.to_markdown())
    | step | reads | score a | score b | top | target |
    |---|---|---|---|---|---|
    | 0 | a | 0.50 | 1.00 | b ✓ | b |
    | 1 | b | 2.00 | -1.00 | a ✓ | a |
    """
    if scores.shape != (len(read), len(vocab)) or len(targets) != len(read):
        raise ValueError(
            f"step_scores: scores must be ({len(read)}, {len(vocab)}) and targets {len(read)} characters, "
            f"got {tuple(scores.shape)} and {len(targets)}"
        )
    rows = []
    for t, (ch, row, target) in enumerate(zip(read, scores.detach().cpu(), targets)):
        top = vocab.chars[int(row.argmax())]
        rows.append([t, ch, *(f"{v:.2f}" for v in row.tolist()), f"{top} {'✓' if top == target else '✗'}", target])
    return Table(["step", "reads", *(f"score {c}" for c in vocab.chars), "top", "target"], rows)
