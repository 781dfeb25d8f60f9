"""The figures the pages draw: heatmaps, the lecture's grids, share curves."""

import matplotlib
import pytest
import torch

from lstm_explained.viz import colours, figures

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def test_heatmap_places_blocks_side_by_side_in_time_order():
    fig, ax = plt.subplots()
    first = torch.arange(6.0).reshape(3, 2) / 10
    image = figures.heatmap(ax, {"i": first, "y": torch.tensor([-1.0, 0.0, 1.0])})
    values = image.get_array()
    assert values.shape == (3, 3)
    assert values[2, 1] == pytest.approx(0.5) and values[0, 2] == -1.0
    assert image.get_clim() == (-1.0, 1.0)
    # the book's one scale: blue at -1, white at 0, red at 1
    assert [tuple(round(255 * c) for c in image.get_cmap()(x)[:3]) for x in (0.0, 0.5, 1.0)] == [colours.rgb(v) for v in (-1, 0, 1)]
    plt.close(fig)


@pytest.mark.parametrize(
    "columns, kwargs, message",
    [
        ({}, {}, "columns is empty"),
        ({"a": torch.zeros(3, 2), "b": torch.zeros(4, 2)}, {}, r"different lengths in time \[3, 4\]"),
        ({"a": torch.zeros(3, 2, 2)}, {}, r"block 'a' must be \(T, k\) or \(T,\)"),
        ({"a": torch.zeros(3, 2)}, {"last": 0}, "last must be a positive number of steps, got 0"),
    ],
)
def test_heatmap_bad_input(columns, kwargs, message):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=message):
        figures.heatmap(ax, columns, **kwargs)
    plt.close(fig)


def test_model_grid_draws_one_panel_per_model_with_its_verdict():
    hidden, probs = torch.zeros(30, 10, 3), torch.full((30, 10, 4), 0.25)
    solved = torch.tensor([True, False] * 15)
    fig = figures.model_grid(hidden, probs, last=6, rows=2, cols=3, solved=solved)
    axes, bar = fig.axes[:-1], fig.axes[-1]
    assert len(axes) == 6 and "one scale from −1 to 1" in bar.get_xlabel()  # six panels and one colour bar for all
    assert [ax.get_title() for ax in axes] == ["remembers", "forgets"] * 3
    assert axes[0].images[0].get_array().shape == (6, 7)
    # the bottom row names the columns and the left column the steps; the panels between stay bare
    assert [t.get_text() for t in axes[3].get_xticklabels()][:3] == ["h₀", "h₁", "h₂"] and axes[0].get_xticklabels() == []
    assert axes[3].get_ylabel() == "step" and axes[4].get_yticklabels() == []
    plt.close(fig)


def test_model_grid_needs_enough_models():
    with pytest.raises(ValueError, match=r"5x5 panels need 25 models, got 3"):
        figures.model_grid(torch.zeros(3, 4, 2), torch.zeros(3, 4, 2), last=2)


def test_share_curve_plots_the_share_inside_its_band():
    fig, ax = plt.subplots()
    solved = torch.tensor([[True, False, False, False], [True, True, True, False]])
    line = figures.share_curve(ax, [10, 20], solved, label="x")
    assert list(line.get_ydata()) == [0.25, 0.75]
    assert "n = 4" in line.get_label()
    plt.close(fig)



def test_the_other_figures_draw_what_they_are_given():
    from lstm_explained.experiments.timing import Row

    fig, ax = plt.subplots()
    bars = figures.timing_bars(ax, [Row(20, 2, True, {"cpu": 0.5, "cuda": 0.05}), Row(20, 2, False, {"cpu": 0.2, "cuda": 0.04})])
    assert [b.get_label() for b in bars] == ["cpu", "cuda"] and [r.get_height() for r in bars[1]] == [0.05, 0.04]
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="rows is empty"):
        figures.timing_bars(ax, [])
    plt.close(fig)
    fig, ax = plt.subplots()
    lines = figures.loss_curves(ax, {"a": torch.tensor([3.0, 2.0, 1.0]), "b": torch.tensor([3.0])})
    assert list(lines[0].get_ydata()) == [3.0, 2.0, 1.0] and lines[1].get_linestyle() == "--"
    plt.close(fig)
    fig, ax = plt.subplots()
    figures.hidden_histograms(ax, {"RNN": torch.tensor([0.995, -0.999, 0.0])})
    assert ax.get_legend().get_texts()[0].get_text() == "RNN"
    plt.close(fig)
    left, right = torch.tensor([0.1, 0.2]), torch.tensor([0.7, 0.0])
    fig = figures.saturation_scatter({"i": (left, right), "f": (right, left)})
    assert [a.get_title() for a in fig.axes] == ["input gate", "forget gate"]
    assert fig.axes[1].collections[0].get_offsets().flatten().tolist() == pytest.approx([0.7, 0.1, 0.0, 0.2])
    plt.close(fig)


def test_reach_bars_draws_each_steps_gradient_and_nothing_for_a_zero():
    fig, ax = plt.subplots()
    bars = figures.reach_bars(ax, {"BPTT": torch.tensor([0.3, 0.2, 0.5]), "cut": torch.tensor([0.0, 0.0, 0.5])})
    assert [b.get_height() for b in bars[0]] == pytest.approx([0.3, 0.2, 0.5])
    assert [b.get_height() for b in bars[1]] == [0.0, 0.0, 0.5]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["BPTT", "cut"]
    with pytest.raises(ValueError, match="reach_bars: every reach must cover the same steps"):
        figures.reach_bars(ax, {"a": torch.ones(3), "b": torch.ones(2)})
    with pytest.raises(ValueError, match="reach_bars: reaches is empty"):
        figures.reach_bars(ax, {})
    plt.close(fig)


def test_gradient_by_lag_draws_each_curve_on_a_log_scale_and_refuses_zeros():
    fig, ax = plt.subplots()
    lines = figures.gradient_by_lag(ax, {"a": torch.tensor([1.0, 0.1, 0.01])})
    assert ax.get_yscale() == "log" and list(lines[0].get_ydata()) == pytest.approx([1.0, 0.1, 0.01])
    with pytest.raises(ValueError, match="curve 'b' must be \\(T,\\) positive norms"):
        figures.gradient_by_lag(ax, {"b": torch.tensor([1.0, 0.0])})
    with pytest.raises(ValueError, match="curves is empty"):
        figures.gradient_by_lag(ax, {})
    plt.close(fig)


def test_cliff_map_draws_every_run_of_every_path_over_the_log_coloured_norm():
    fig, ax = plt.subplots()
    grid = torch.linspace(0, 1, 4)
    mesh = figures.cliff_map(ax, grid, grid, torch.logspace(-2, 3, 16).reshape(4, 4), {"a": torch.zeros(3, 2, 2), "b": torch.ones(3, 1, 2)})
    assert len(ax.get_lines()) == 3 and mesh.norm.vmin == pytest.approx(0.01)
    with pytest.raises(ValueError, match=r"grad_norm must be \(4, 4\)"):
        figures.cliff_map(ax, grid, grid, torch.ones(3, 4), {})
    with pytest.raises(ValueError, match=r"path 'c' must be \(steps \+ 1, runs, 2\)"):
        figures.cliff_map(ax, grid, grid, torch.ones(4, 4), {"c": torch.zeros(3, 2)})
    plt.close(fig)


def test_share_bars_draws_each_share_with_its_interval_and_refuses_a_share_outside_it():
    fig, ax = plt.subplots()
    bars = figures.share_bars(ax, {"LSTM": (0.5, 0.38, 0.62), "RNN": (0.0, 0.0, 0.06)})
    assert [b.get_width() for b in bars] == [0.5, 0.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["LSTM", "RNN"]
    segments = bars.errorbar.lines[2][0].get_segments()  # one horizontal segment per bar: low to high
    assert [tuple(s[:, 0]) for s in segments] == [pytest.approx((0.38, 0.62)), pytest.approx((0.0, 0.06))]
    with pytest.raises(ValueError, match="share_bars: 'x' needs 0 <= low <= share <= high <= 1"):
        figures.share_bars(ax, {"x": (0.7, 0.1, 0.5)})
    with pytest.raises(ValueError, match="shares is empty"):
        figures.share_bars(ax, {})
    plt.close(fig)


def test_heatmap_columns_name_their_units_and_rows_their_steps():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    figures.heatmap(ax, {"h": torch.zeros(30, 3), "ŷ": torch.zeros(30, 2)}, last=10, units={"ŷ": ["c", "C"]})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["h₀", "h₁", "h₂", "ŷ c", "ŷ C"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(t) for t in range(20, 30)]  # the steps shown, not 0..9
    assert len(ax.lines) == 1  # one line between the two blocks
    with pytest.raises(ValueError, match="units\\['ŷ'\\] names 3 columns, but the block has 2"):
        figures.heatmap(ax, {"ŷ": torch.zeros(4, 2)}, units={"ŷ": ["a", "b", "c"]})
    with pytest.raises(ValueError, match="not drawn: \\['y'\\]"):
        figures.heatmap(ax, {"ŷ": torch.zeros(4, 2)}, units={"y": ["a", "b"]})
    plt.close(fig)


def test_bars_and_histograms_of_two_plain_series_can_be_told_apart():
    fig, (left, right) = plt.subplots(1, 2)
    groups = figures.reach_bars(left, {"BPTT": torch.tensor([0.1, 0.2]), "truncated to 1 step": torch.tensor([0.0, 0.2])})
    assert groups[0].patches[0].get_facecolor() != groups[1].patches[0].get_facecolor()
    drawn = figures.log_histograms(right, {"unmarked steps": torch.tensor([1e-3, 0.5]), "marked steps": torch.tensor([0.9, 1.0])}, xlabel="x")
    assert drawn[0][0].get_facecolor() != drawn[1][0].get_facecolor()
    plt.close(fig)


def test_a_wide_heatmaps_column_labels_do_not_overlap():
    fig, axes = plt.subplots(1, 2, figsize=(8, 5.5), sharey=True)  # the RNN chapter's stacked layers
    for ax in axes:
        figures.heatmap(ax, {"h": torch.zeros(22, 16)})
    fig.canvas.draw()
    for ax in axes:
        boxes = [t.get_window_extent() for t in ax.get_xticklabels() if t.get_text()]
        assert len(boxes) >= 6
        assert all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:])), "column labels overlap"
    plt.close(fig)
