"""The figures the pages draw, so that a page only calls them and every heatmap shares one scale.

Heatmaps use the book's colour scale (:mod:`lstm_explained.viz.colours`): blue -1, white 0, red 1.
A curve, bar or histogram whose label names a cell kind is drawn in that kind's colour
(:func:`lstm_explained.viz.colours.series_styles`), whatever the order it is drawn in and
whichever other series share its axes; any other series is drawn in grey. Each function draws on an axis it is given (or returns a new figure) and returns what a caller
may want next, such as the image for a colour bar.
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
from torch import Tensor

from .. import stats
from . import colours
from .diagrams import subscript

__all__ = [
    "cliff_map", "gradient_by_lag", "heatmap", "hidden_histograms", "log_histograms", "loss_curves", "median_curves", "model_grid", "reach_bars",
    "saturation_scatter", "share_bars", "share_curve", "share_grid", "timing_bars",
]


def heatmap(ax, columns: Mapping[str, Tensor], *, last: int | None = None, vmin=-1.0, vmax=1.0, units: Mapping[str, list[str]] | None = None):
    """Blocks of ``(T, k)`` values side by side, time running down, on the book's colour scale.

    Each column is labelled with its block's name and its unit's number, so ``{"i": trace.i,
    "f": trace.f}`` gives the ticks ``i₀ i₁ f₀ f₁`` for two hidden units; ``units`` names a
    block's columns otherwise (``{"ŷ": list(vocab)}`` labels an output by its characters). A
    line separates two blocks. ``last`` keeps only the final ``last`` steps, and the rows are
    labelled with the steps they show, counted from 0 as the sequence is. Returns the matplotlib
    image, for a colour bar.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> image = heatmap(ax, {"i": torch.zeros(5, 2), "ŷ": torch.ones(5, 3)}, last=4, units={"ŷ": ["a", "b", "B"]})
    >>> image.get_array().shape, [t.get_text() for t in ax.get_xticklabels()]
    ((4, 5), ['i₀', 'i₁', 'ŷ a', 'ŷ b', 'ŷ B'])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['1', '2', '3', '4']
    >>> _ = heatmap(ax, {"h": torch.zeros(3, 16)})  # sixteen units: every other one labelled
    >>> [t.get_text() for t in ax.get_xticklabels()][:3]
    ['h₀', 'h₂', 'h₄']
    >>> plt.close(fig)
    """
    if not columns:
        raise ValueError("heatmap: columns is empty; pass at least one named (T, k) block")
    units = dict(units or {})
    unknown = set(units) - set(columns)
    if unknown:
        raise ValueError(f"heatmap: units names blocks that are not drawn: {sorted(unknown)}")
    blocks, labels = [], []
    for name, block in columns.items():
        block = block.detach().cpu()
        if block.dim() == 1:
            block = block[:, None]
        if block.dim() != 2:
            raise ValueError(f"heatmap: block {name!r} must be (T, k) or (T,), got shape {tuple(block.shape)}")
        if name in units and len(units[name]) != block.shape[1]:
            raise ValueError(f"heatmap: units[{name!r}] names {len(units[name])} columns, but the block has {block.shape[1]}")
        blocks.append(block)
        if name in units:
            labels += [f"{name} {unit}" for unit in units[name]]
        else:
            labels += [name if block.shape[1] == 1 else f"{name}{subscript(k)}" for k in range(block.shape[1])]
    lengths = {b.shape[0] for b in blocks}
    if len(lengths) != 1:
        raise ValueError(f"heatmap: blocks have different lengths in time {sorted(lengths)}")
    values = torch.cat(blocks, dim=1)
    (steps,) = lengths
    first = 0
    if last is not None:
        if last < 1:
            raise ValueError(f"heatmap: last must be a positive number of steps, got {last}")
        values = values[-last:]
        first = max(0, steps - last)
    image = ax.matshow(values.numpy(), cmap=colours.colormap(), vmin=vmin, vmax=vmax, aspect="auto")
    across = -(-len(labels) // 12)  # at most about a dozen column labels too: more would overlap
    ax.set_xticks(range(0, len(labels), across), labels=labels[::across])
    shown = values.shape[0]
    every = max(1, shown // 12)  # at most about a dozen row labels
    ax.set_yticks(range(0, shown, every), labels=[str(first + t) for t in range(0, shown, every)])
    edge = -0.5
    for block in blocks[:-1]:
        edge += block.shape[1]
        ax.axvline(edge, color="black", lw=1.5)
    ax.set_ylabel("step t")
    return image


def model_grid(hidden: Tensor, probs: Tensor, *, last: int, rows: int = 5, cols: int = 5, solved: Tensor | None = None,
               title: str = "", chars: list[str] | None = None):
    """The lecture's grid: one panel per model, ``[hidden, softmax output]`` over the last steps.

    ``hidden`` is ``(n, T, H)`` and ``probs`` ``(n, T, V)``; the first ``rows * cols`` models are
    drawn. With ``solved`` (a bool per model), each panel's title says whether it remembers. The
    bottom row names the columns (``chars`` names the output's, one per character), the left
    column the steps, and one colour bar serves every panel. Returns the figure.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = model_grid(torch.zeros(4, 6, 2), torch.ones(4, 6, 3), last=3, rows=2, cols=2, chars=["a", "b", "c"])
    >>> [t.get_text() for t in fig.axes[2].get_xticklabels()], fig.axes[1].get_xticklabels() == [], len(fig.axes)
    (['h₀', 'h₁', 'ŷ a', 'ŷ b', 'ŷ c'], True, 5)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    if hidden.dim() != 3 or probs.dim() != 3 or hidden.shape[:2] != probs.shape[:2]:
        raise ValueError(f"model_grid: hidden (n, T, H) and probs (n, T, V) must agree; got {tuple(hidden.shape)}, {tuple(probs.shape)}")
    if hidden.shape[0] < rows * cols:
        raise ValueError(f"model_grid: {rows}x{cols} panels need {rows * cols} models, got {hidden.shape[0]}")
    fig, axes = plt.subplots(rows, cols, figsize=(2.0 * cols, 2.0 * rows + 0.6), squeeze=False)
    units = {"ŷ": list(chars)} if chars is not None else None
    for k, ax in enumerate(axes.flat):
        image = heatmap(ax, {"h": hidden[k], "ŷ": probs[k]}, last=last, units=units)
        row, col = divmod(k, cols)
        ax.xaxis.set_ticks_position("bottom")
        ax.tick_params(labelsize=9)
        plt.setp(ax.get_xticklabels(), rotation=90)
        if row < rows - 1:
            ax.set_xticks([])
        if col:
            ax.set_yticks([])
            ax.set_ylabel("")
        else:
            ax.set_ylabel("step", fontsize=10)
        if solved is not None:
            # both words in ink dark enough to read; the weight tells them apart
            ax.set_title("remembers" if solved[k] else "forgets", fontsize=10, color="#222222", fontweight="bold" if solved[k] else "normal")
    if title:
        fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    bar = fig.colorbar(image, ax=list(axes.flat), orientation="horizontal", fraction=0.03, pad=0.08, aspect=60)
    bar.set_label("h, and ŷ's probabilities, on one scale from −1 to 1 (the lecture's)", fontsize=10)
    return fig


def _style_on(ax, label: str) -> dict[str, str]:
    """The colour and line style of a new series ``label`` on ``ax``, given the series already there."""
    drawn = [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    return colours.series_styles([*drawn, label])[-1]


def share_curve(ax, epochs, solved: Tensor, *, label: str):
    """Share of models that remember after each number of ``epochs``, with a 95% Wilson band, in
    the colour of the cell kind ``label`` names.

    ``solved`` is ``(len(epochs), n)`` booleans.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> line = share_curve(ax, [10, 20], torch.tensor([[True, False], [True, True]]), label="LSTM")
    >>> line.get_label(), line.get_color() == colours.KINDS["lstm"]
    ('LSTM (n = 2)', True)
    >>> plt.close(fig)
    """
    if solved.dim() != 2 or solved.shape[0] != len(epochs):
        raise ValueError(f"share_curve: solved must be (len(epochs), n) = ({len(epochs)}, n), got {tuple(solved.shape)}")
    n = solved.shape[1]
    share, low, high = zip(*(stats.share(row) for row in solved))
    (line,) = ax.plot(epochs, share, marker="o", ms=3, label=f"{label} (n = {n})", **_style_on(ax, label))
    ax.fill_between(epochs, low, high, alpha=0.2, color=line.get_color())
    ax.set_ylim(0, 1)
    ax.set_xlabel("epochs")
    ax.set_ylabel("share that remembers")
    return line


def share_bars(ax, shares: Mapping[str, tuple[float, float, float]], *, xlabel: str = "share of seeds that solve it"):
    """One horizontal bar per label, the share with its 95% interval as an error bar; ``shares``
    maps label -> ``(share, low, high)`` as :func:`lstm_explained.stats.share` returns them.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> bars = share_bars(ax, {"LSTM": (0.5, 0.38, 0.62), "RNN": (0.0, 0.0, 0.06)})
    >>> [t.get_text() for t in ax.get_yticklabels()], tuple(map(float, ax.get_xlim()))
    (['LSTM', 'RNN'], (0.0, 1.0))
    >>> plt.close(fig)
    """
    if not shares:
        raise ValueError("share_bars: shares is empty; there is nothing to draw")
    for label, (value, low, high) in shares.items():
        if not 0 <= low <= value <= high <= 1:
            raise ValueError(f"share_bars: {label!r} needs 0 <= low <= share <= high <= 1, got {(value, low, high)}")
    labels = list(shares)
    values = [shares[k][0] for k in labels]
    errors = [[shares[k][0] - shares[k][1] for k in labels], [shares[k][2] - shares[k][0] for k in labels]]
    bars = ax.barh(range(len(labels)), values, xerr=errors, capsize=3, color=colours.fill_colours(labels), ecolor="0.3")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()  # the first label on top, as the mapping reads
    ax.set_xlim(0, 1)
    ax.set_xlabel(xlabel)
    return bars


def share_grid(ax, counts: Tensor, trials: int, rows: list[str], columns: list[str], marks: Mapping[tuple[int, int], str] | None = None):
    """A grid of shares (``counts / trials``, ``(rows, columns)``) on the book's 0-to-1 scale, each
    cell labelled with its count and, where ``marks`` gives one, a mark such as an arrow.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> image = share_grid(ax, torch.tensor([[64, 10], [0, 32]]), 64, ["LSTM", "RNN"], ["a", "b"], {(1, 0): "▼"})
    >>> [t.get_text() for t in ax.texts]
    ['64', '10', '0 ▼', '32']
    >>> plt.close(fig)
    """
    if counts.dim() != 2 or counts.shape != (len(rows), len(columns)):
        raise ValueError(f"share_grid: counts must be (rows, columns) = ({len(rows)}, {len(columns)}), got {tuple(counts.shape)}")
    if trials < 1 or counts.min() < 0 or counts.max() > trials:
        raise ValueError(f"share_grid: counts must lie in 0..trials = 0..{trials}, got {counts.min().item()}..{counts.max().item()}")
    marks = marks or {}
    shares = counts.double() / trials
    image = ax.imshow(shares.numpy(), cmap=colours.colormap(), vmin=-1, vmax=1, aspect="auto")
    for r in range(len(rows)):
        for c in range(len(columns)):
            text = f"{int(counts[r, c])}" + (f" {marks[(r, c)]}" if (r, c) in marks else "")
            ax.text(c, r, text, ha="center", va="center", fontsize=9, color=colours.ink(float(shares[r, c])))
    ax.set_xticks(range(len(columns)), columns)
    ax.set_yticks(range(len(rows)), rows)
    ax.xaxis.tick_top()
    return image


def median_curves(ax, curves: Mapping[str, Tensor], *, ylabel: str = "training loss"):
    """For each label, the median over models of a ``(steps, n)`` history, with the band between
    the quartiles; log scale on both axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> [line.get_label() for line in median_curves(ax, {"LSTM": torch.rand(20, 5) + 0.1})]
    ['LSTM (median, quartiles)']
    >>> plt.close(fig)
    """
    lines = []
    for label, history in curves.items():
        if history.dim() != 2:
            raise ValueError(f"median_curves: {label!r} must be (steps, n), got {tuple(history.shape)}")
        low, mid, high = torch.quantile(history.double(), torch.tensor([0.25, 0.5, 0.75], dtype=torch.float64), dim=1)
        steps = range(1, history.shape[0] + 1)
        (line,) = ax.plot(steps, mid.numpy(), lw=1.5, label=f"{label} (median, quartiles)", **_style_on(ax, label))
        ax.fill_between(steps, low.numpy(), high.numpy(), alpha=0.15, color=line.get_color())
        lines.append(line)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("batch")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    return lines


def log_histograms(ax, samples: Mapping[str, Tensor], *, xlabel: str, floor: float = 1e-5):
    """Overlaid histograms of positive values on a log axis, one per label, each bar the share of
    its sample in that bin (so samples of different sizes compare); values below ``floor`` are
    counted in the first bin (and the axis says so).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> len(log_histograms(ax, {"a": torch.tensor([1e-3, 0.5]), "b": torch.tensor([0.0, 1.0])}, xlabel="x"))
    2
    >>> plt.close(fig)
    """
    values = [v.flatten().double() for v in samples.values()]
    if not values or any(v.numel() == 0 for v in values):
        raise ValueError("log_histograms: every sample needs values")
    top = max(v.max().item() for v in values)
    bins = torch.logspace(torch.log10(torch.tensor(floor)).item(), torch.log10(torch.tensor(max(top, floor * 10))).item(), 50).numpy()
    drawn = []
    for (label, _), v, fill in zip(samples.items(), values, colours.fill_colours(samples)):
        weights = torch.full_like(v, 1 / v.numel()).numpy()
        *_, patches = ax.hist(v.clamp(min=floor).numpy(), bins=bins, weights=weights, alpha=0.6, label=f"{label} ({v.numel()})", color=fill)
        drawn.append(patches)
    ax.set_xscale("log")
    ax.set_xlabel(f"{xlabel} (values below {floor:g} in the first bin)")
    ax.set_ylabel("share of the sample")
    ax.legend()
    return drawn


def hidden_histograms(ax, runs: Mapping[str, Tensor]):
    """Overlaid histograms over [-1, 1] of every hidden value in each of ``runs`` (label -> values),
    each in the colour of the kind its label names.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> len(hidden_histograms(ax, {"RNN": torch.tensor([0.99, -0.99]), "LSTM": torch.tensor([0.1, 0.2])}))
    2
    >>> plt.close(fig)
    """
    drawn = []
    for (label, values), style in zip(runs.items(), colours.series_styles(list(runs))):
        *_, patches = ax.hist(values.flatten().numpy(), bins=40, range=(-1, 1), density=True, alpha=0.6, color=style["color"], label=label)
        drawn.append(patches)
    ax.set_xlabel("hidden value")
    ax.set_ylabel("density")
    ax.legend()
    return drawn


def loss_curves(ax, curves: Mapping[str, Tensor]):
    """Loss against epoch (log scale) for each of ``curves`` (label -> losses, epoch 1 first);
    later curves are drawn dashed, so a shorter curve that overlaps a longer one stays visible.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> [line.get_label() for line in loss_curves(ax, {"fast": torch.ones(10), "by hand": torch.ones(3)})]
    ['fast', 'by hand']
    >>> plt.close(fig)
    """
    lines = []
    for k, ((label, loss), style) in enumerate(zip(curves.items(), colours.series_styles(list(curves)))):
        (line,) = ax.plot(range(1, len(loss) + 1), loss.numpy(), "-" if k == 0 else "--", lw=1.5 if k == 0 else 2, label=label, color=style["color"])
        lines.append(line)
    ax.set_xscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy")
    ax.legend()
    return lines


def timing_bars(ax, rows):
    """Seconds per epoch on a log scale, one group of bars per row of
    :func:`lstm_explained.experiments.timing.measure` and one bar per device type measured.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from lstm_explained.experiments.timing import Row
    >>> fig, ax = plt.subplots()
    >>> bars = timing_bars(ax, [Row(20, 2, True, {"cpu": 0.5}), Row(20, 2, False, {"cpu": 0.2})])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['20/2/bwd', '20/2/fwd']
    >>> plt.close(fig)
    """
    if not rows:
        raise ValueError("timing_bars: rows is empty; there is nothing to draw")
    kinds = list(rows[0].seconds)
    width = 0.8 / len(kinds)
    bars = []
    for k, (kind, style) in enumerate(zip(kinds, colours.series_styles(kinds))):
        bars.append(ax.bar([i + k * width for i in range(len(rows))], [r.seconds[kind] for r in rows], width, label=kind, color=style["color"]))
    labels = [f"{r.length}/{r.hidden}/{'bwd' if r.backward else 'fwd'}" for r in rows]
    ax.set_xticks([i + width * (len(kinds) - 1) / 2 for i in range(len(rows))], labels=labels, rotation=20)
    ax.set_yscale("log")
    ax.set_ylabel("seconds per epoch")
    ax.set_xlabel("length / hidden / pass")
    ax.legend()
    return bars


def cliff_map(ax, grid_w: Tensor, grid_b: Tensor, grad_norm: Tensor, paths: Mapping[str, Tensor]):
    """The gradient norm over a ``(w, b)`` grid, log-coloured, with descent paths drawn on it:
    ``paths`` maps a label to ``(steps + 1, n, 2)`` points (every run of it is drawn, in one colour).
    Returns the mesh, for a colour bar.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> g = torch.linspace(0, 1, 3)
    >>> mesh = cliff_map(ax, g, g, torch.ones(3, 3), {"run": torch.zeros(4, 2, 2)})
    >>> len(ax.get_lines()), ax.get_xlabel()
    (2, 'w')
    >>> plt.close(fig)
    """
    import matplotlib.colors as mcolors

    if grad_norm.shape != (len(grid_w), len(grid_b)):
        raise ValueError(f"cliff_map: grad_norm must be ({len(grid_w)}, {len(grid_b)}), got {tuple(grad_norm.shape)}")
    norms = grad_norm.detach().cpu().double().clamp_min(1e-12)
    mesh = ax.pcolormesh(grid_w.cpu().numpy(), grid_b.cpu().numpy(), norms.T.numpy(), norm=mcolors.LogNorm(), cmap="Greys", shading="auto", alpha=0.6)
    for (label, path), style in zip(paths.items(), colours.series_styles(list(paths))):
        path = path.detach().cpu()
        if path.dim() != 3 or path.shape[-1] != 2:
            raise ValueError(f"cliff_map: path {label!r} must be (steps + 1, runs, 2), got {tuple(path.shape)}")
        for run in range(path.shape[1]):
            ax.plot(path[:, run, 0], path[:, run, 1], lw=1, label=label if run == 0 else None, **style)
    ax.set_xlim(grid_w.min().item(), grid_w.max().item())
    ax.set_ylim(grid_b.min().item(), grid_b.max().item())
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    return mesh


def gradient_by_lag(ax, curves: Mapping[str, Tensor], *, ylabel: str = r"$\Vert \partial L / \partial h_{T-k} \Vert$"):
    """Gradient norm against lag on a log scale, one line per label (``(T,)``, index = lag), as
    the ``norms`` of :class:`lstm_explained.experiments.vanishing.ChainRun` hold them; ``ylabel``
    says which gradient it is.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> lines = gradient_by_lag(ax, {"σ = 0.5": 0.5 ** torch.arange(5.0), "σ = 2": 2 ** torch.arange(5.0)})
    >>> ax.get_yscale(), [line.get_label() for line in lines]
    ('log', ['σ = 0.5', 'σ = 2'])
    >>> plt.close(fig)
    """
    if not curves:
        raise ValueError("gradient_by_lag: curves is empty; there is nothing to draw")
    lines = []
    for (label, norms), style in zip(curves.items(), colours.series_styles(list(curves))):
        norms = norms.detach().cpu().double()
        if norms.dim() != 1 or not bool((norms > 0).all()):
            raise ValueError(f"gradient_by_lag: curve {label!r} must be (T,) positive norms for a log scale")
        (line,) = ax.plot(range(len(norms)), norms.tolist(), label=label, **style)
        lines.append(line)
    ax.set_yscale("log")
    ax.set_xlabel("lag k (steps back from T)")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    return lines


def reach_bars(ax, reaches: Mapping[str, Tensor]):
    """One group of bars per step: the gradient norm each of ``reaches`` (label -> ``(T,)``, from
    :func:`lstm_explained.analysis.reach.gradient_reach`) sends back to that step's input. A step
    with no bar got a gradient of exactly zero.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> bars = reach_bars(ax, {"BPTT": torch.tensor([0.1, 0.2, 0.4]), "truncated": torch.tensor([0.0, 0.2, 0.4])})
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['x₀', 'x₁', 'x₂']
    >>> plt.close(fig)
    """
    if not reaches:
        raise ValueError("reach_bars: reaches is empty; there is nothing to draw")
    lengths = {len(r) for r in reaches.values()}
    if len(lengths) != 1:
        raise ValueError(f"reach_bars: every reach must cover the same steps, got lengths {sorted(lengths)}")
    (steps,) = lengths
    width = 0.8 / len(reaches)
    bars = []
    for k, ((label, reach), fill) in enumerate(zip(reaches.items(), colours.fill_colours(reaches))):
        bars.append(ax.bar([t + k * width for t in range(steps)], reach.detach().cpu().tolist(), width, label=label, color=fill))
    ticks = [t + width * (len(reaches) - 1) / 2 for t in range(steps)]
    ax.set_xticks(ticks, labels=[f"x{subscript(t)}" for t in range(steps)])
    ax.set_ylabel("‖∂L / ∂x_t‖ of the last step's loss")
    ax.legend()
    return bars


def saturation_scatter(saturation: Mapping[str, tuple[Tensor, Tensor]]):
    """Karpathy et al.'s scatter plots: for each gate, every cell's fraction of steps
    left-saturated (below 0.1) against right-saturated (above 0.9), from
    :func:`lstm_explained.analysis.saturation.gate_saturation`. Returns the figure.
    """
    import matplotlib.pyplot as plt

    names = {"i": "input gate", "f": "forget gate", "o": "output gate"}
    fig, axes = plt.subplots(1, len(saturation), figsize=(10, 3.3), sharex=True, sharey=True, squeeze=False)
    for ax, (gate, (left, right)) in zip(axes[0], saturation.items()):
        ax.scatter(left.numpy(), right.numpy(), s=8, alpha=0.6, color=colours.KINDS["lstm"])  # the cells of an LSTM
        ax.plot([0, 1], [1, 0], color="grey", lw=0.5)
        ax.set_title(names.get(gate, gate))
        ax.set_xlabel("fraction left-saturated (< 0.1)")
    axes[0][0].set_ylabel("fraction right-saturated (> 0.9)")
    fig.tight_layout()
    return fig
