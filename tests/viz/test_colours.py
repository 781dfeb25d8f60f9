"""One colour scale: the heatmaps, the coloured text and the viewer all use the same colours."""

import pytest

from lstm_explained.viz import colours


@pytest.mark.parametrize("value, expected", [(-1.0, (0, 0, 255)), (-0.5, (128, 128, 255)), (0.0, (255, 255, 255)), (1.0, (255, 0, 0)), (7.0, (255, 0, 0))])
def test_the_scale_runs_blue_white_red(value, expected):
    assert colours.rgb(value) == expected


def test_ink_always_contrasts_at_least_4_5_to_1():
    def luminance(rgb):
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (x / 255 for x in rgb))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for k in range(-100, 101):
        background = luminance(colours.rgb(k / 100))
        text = 0.0 if colours.ink(k / 100) == "#000" else 1.0
        high, low = max(background, text), min(background, text)
        assert (high + 0.05) / (low + 0.05) >= 4.5, k / 100


def test_the_palette_and_the_colormap_are_the_same_scale():
    palette = colours.palette(127)
    assert len(palette) == 255 and palette[127] == ("rgb(255,255,255)", "#000")
    cmap = colours.colormap()
    for k in (-127, -40, 0, 63, 127):
        expected = colours.rgb(k / 127)
        assert tuple(round(255 * c) for c in cmap((k + 127) / 254)[:3]) == pytest.approx(expected, abs=1)
        assert palette[k + 127][0] == "rgb({},{},{})".format(*expected)


def test_every_cell_kind_has_its_own_colour_away_from_the_value_scale():
    from lstm_explained.cells.kinds import REGISTRY

    assert set(colours.KINDS) == set(REGISTRY)
    assert len(set(colours.KINDS.values())) == len(colours.KINDS)

    def rgb(hex_colour):
        return tuple(int(hex_colour[k:k + 2], 16) for k in (1, 3, 5))

    for kind, colour in colours.KINDS.items():
        for end in (colours.BLUE, colours.RED):
            distance = sum((a - b) ** 2 for a, b in zip(rgb(colour), end)) ** 0.5
            # a third of the RGB cube's diagonal (441): far enough not to be read as -1 or +1
            assert distance > 150, f"{kind}'s colour {colour} is close to the value scale's {end}"
    assert not set(colours.NEUTRAL) & set(colours.KINDS.values())


def test_a_series_takes_its_kinds_colour_whatever_the_order_and_its_neighbours():
    forwards = colours.series_styles(["RNN", "LSTM", "GRU"])
    backwards = colours.series_styles(["GRU", "LSTM", "RNN"])
    assert [s["color"] for s in forwards] == [colours.KINDS[k] for k in ("rnn", "lstm", "gru")]
    assert [s["color"] for s in backwards] == [colours.KINDS[k] for k in ("gru", "lstm", "rnn")]
    # two series of one kind: the same colour, another line style; a series of no kind is grey
    two = colours.series_styles(["LSTM ‖∂L/∂h‖", "LSTM ‖∂L/∂c‖", "unclipped"])
    assert two[0]["color"] == two[1]["color"] and two[0]["linestyle"] != two[1]["linestyle"]
    assert two[2]["color"] in colours.NEUTRAL
    # a word that merely contains a kind's name does not make the series that kind
    assert colours.kind_of("grunt") is None and colours.kind_of("NOGATE") is None


@pytest.mark.parametrize("draw", ["share_curve", "median_curves", "hidden_histograms", "gradient_by_lag", "share_bars"])
def test_every_figure_that_draws_kinds_draws_them_in_their_colours(draw):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import torch
    from matplotlib.colors import to_hex

    from lstm_explained.viz import figures

    labels = ["GRU", "tanh RNN, length 50", "LSTM, forget bias 1"]
    fig, ax = plt.subplots()
    if draw == "share_curve":
        for label in labels:
            figures.share_curve(ax, [1, 2], torch.tensor([[True, False], [True, True]]), label=label)
        drawn = [to_hex(line.get_color()) for line in ax.get_lines()]
    elif draw == "median_curves":
        drawn = [to_hex(line.get_color()) for line in figures.median_curves(ax, {label: torch.rand(10, 3) + 0.1 for label in labels})]
    elif draw == "gradient_by_lag":
        drawn = [to_hex(line.get_color()) for line in figures.gradient_by_lag(ax, {label: torch.rand(5) + 0.1 for label in labels})]
    elif draw == "hidden_histograms":
        drawn = [to_hex(patches[0].get_facecolor()) for patches in figures.hidden_histograms(ax, {label: torch.rand(20) for label in labels})]
    else:
        drawn = [to_hex(bar.get_facecolor()) for bar in figures.share_bars(ax, {label: (0.5, 0.4, 0.6) for label in labels})]
    plt.close(fig)
    assert drawn == [colours.KINDS["gru"], colours.KINDS["rnn"], colours.KINDS["lstm"]]


def test_filled_series_of_no_kind_never_share_a_fill():
    fills = colours.fill_colours(["BPTT", "truncated to 4 steps", "marked steps"])
    assert len(set(fills)) == 3 and set(fills) == set(colours.NEUTRAL)
    assert colours.fill_colours(["LSTM, length 25", "RNN"]) == [colours.KINDS["lstm"], colours.KINDS["rnn"]]
    with pytest.raises(ValueError, match="4 series of no kind"):
        colours.fill_colours(["a", "b", "c", "d"])
