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
