"""lstm_three_ways and heatmap: the pieces the pages are drawn with."""

import matplotlib
import pytest
import torch

from lstm_explained import agreement, plotting

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.mark.parametrize("bias", [True, False])
def test_three_ways_agree_and_have_the_layers_shape(bias):
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(5, 3, bias=bias)
    hs = agreement.lstm_three_ways(lstm, torch.randn(11, 5))
    assert list(hs) == ["nn.LSTMCell", "cells.lstm_cell", "nn.LSTM"]
    assert all(h.shape == (11, 3) for h in hs.values())
    assert agreement.max_disagreement(hs) < 1e-5


def test_max_disagreement_sees_a_single_wrong_entry():
    a = torch.zeros(4, 3)
    b = a.clone()
    b[2, 1] = 0.25
    assert agreement.max_disagreement({"a": a, "b": b, "c": a}) == 0.25


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: agreement.lstm_three_ways(torch.nn.GRU(2, 2), torch.zeros(3, 2)), TypeError, "must be a torch.nn.LSTM, got GRU"),
        (lambda: agreement.lstm_three_ways(torch.nn.LSTM(2, 2, num_layers=2), torch.zeros(3, 2)), ValueError, "one-layer"),
        (lambda: agreement.lstm_three_ways(torch.nn.LSTM(2, 2), torch.zeros(3, 1, 2)), ValueError, r"x must be \(seq_len, input_size\), got \(3, 1, 2\)"),
        (lambda: agreement.max_disagreement({"a": torch.zeros(2)}), ValueError, "at least two results"),
        (lambda: agreement.max_disagreement({"a": torch.zeros(2), "b": torch.zeros(3)}), ValueError, "different shapes"),
    ],
)
def test_agreement_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_heatmap_places_blocks_side_by_side_in_time_order():
    fig, ax = plt.subplots()
    first = torch.arange(6.0).reshape(3, 2) / 10
    image = plotting.heatmap(ax, {"i": first, "y": torch.tensor([-1.0, 0.0, 1.0])})
    values = image.get_array()
    assert values.shape == (3, 3)
    assert values[2, 1] == pytest.approx(0.5) and values[0, 2] == -1.0
    assert image.get_clim() == (-1.0, 1.0) and image.get_cmap().name == "bwr"
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
        plotting.heatmap(ax, columns, **kwargs)
    plt.close(fig)


@pytest.mark.parametrize("allow_tf32, expected", [(True, 1e-3), (False, 1e-5)])
def test_float32_tolerance_widens_only_for_cudnn_tf32(monkeypatch, allow_tf32, expected):
    monkeypatch.setattr(torch.backends.cudnn, "allow_tf32", allow_tf32)
    assert agreement.float32_tolerance("cuda") == expected
    assert agreement.float32_tolerance("cpu") == 1e-5


def test_model_grid_draws_one_panel_per_model_with_its_verdict():
    hidden, probs = torch.zeros(30, 10, 3), torch.full((30, 10, 4), 0.25)
    solved = torch.tensor([True, False] * 15)
    fig = plotting.model_grid(hidden, probs, last=6, rows=2, cols=3, solved=solved)
    axes = fig.axes
    assert len(axes) == 6
    assert [ax.get_title() for ax in axes] == ["remembers", "forgets"] * 3
    assert axes[0].images[0].get_array().shape == (6, 7)
    plt.close(fig)


def test_model_grid_needs_enough_models():
    with pytest.raises(ValueError, match=r"5x5 panels need 25 models, got 3"):
        plotting.model_grid(torch.zeros(3, 4, 2), torch.zeros(3, 4, 2), last=2)


def test_share_curve_plots_the_share_inside_its_band():
    fig, ax = plt.subplots()
    solved = torch.tensor([[True, False, False, False], [True, True, True, False]])
    line = plotting.share_curve(ax, [10, 20], solved, label="x")
    assert list(line.get_ydata()) == [0.25, 0.75]
    assert "n = 4" in line.get_label()
    plt.close(fig)
