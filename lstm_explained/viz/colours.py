"""The book's one colour scale: blue at -1, white at 0, red at 1, as in the lecture notes.

Every picture of a value in [-1, 1] uses it: the heatmaps (:func:`colormap`), text coloured by a
cell (:func:`css`, with :func:`ink` for the letters), and the cell viewer, whose JavaScript only
looks colours up in :func:`palette`. Change the ends here and all three change together.
"""

from __future__ import annotations

from .. import _checks

__all__ = ["BLUE", "RED", "WHITE", "colormap", "css", "ink", "palette", "rgb"]

BLUE = (0, 0, 255)  # -1
WHITE = (255, 255, 255)  # 0
RED = (255, 0, 0)  # +1


def rgb(value: float) -> tuple[int, int, int]:
    """The colour of ``value``, straight lines from :data:`BLUE` through :data:`WHITE` to :data:`RED`.

    Values outside [-1, 1] take the colour of the nearer end.

    >>> rgb(-1.0), rgb(0.0), rgb(0.5)
    ((0, 0, 255), (255, 255, 255), (255, 128, 128))
    """
    v = max(-1.0, min(1.0, float(value)))
    end = RED if v > 0 else BLUE
    return tuple(int(round(w + abs(v) * (e - w))) for w, e in zip(WHITE, end))


def css(value: float) -> str:
    """:func:`rgb` as a CSS colour.

    >>> css(-1.0)
    'rgb(0,0,255)'
    """
    return "rgb({},{},{})".format(*rgb(value))


def ink(value: float) -> str:
    """Black or white text, whichever contrasts more with :func:`rgb` ``(value)`` (WCAG 2 relative
    luminance): deep blue needs white text, everything else black.

    >>> ink(-1.0), ink(0.0), ink(1.0)
    ('#fff', '#000', '#000')
    """
    channels = [c / 255 for c in rgb(value)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#fff"


def palette(levels: int = 127) -> list[tuple[str, str]]:
    """``(background, text)`` for each value ``k / levels``, ``k`` from ``-levels`` to ``levels``:
    the table the viewer looks its colours up in.

    >>> p = palette(1)
    >>> p
    [('rgb(0,0,255)', '#fff'), ('rgb(255,255,255)', '#000'), ('rgb(255,0,0)', '#000')]
    """
    _checks.positive_int("palette", "levels", levels)
    return [(css(k / levels), ink(k / levels)) for k in range(-levels, levels + 1)]


def colormap():
    """The scale as a matplotlib colormap, for ``vmin=-1, vmax=1``.

    >>> cmap = colormap()
    >>> [tuple(round(255 * c) for c in cmap(x)[:3]) for x in (0.0, 0.5, 1.0)]
    [(0, 0, 255), (255, 255, 255), (255, 0, 0)]
    """
    from matplotlib.colors import LinearSegmentedColormap

    # an odd number of levels, so that 0 falls on a level of its own: white
    return LinearSegmentedColormap.from_list("lstm_explained", [tuple(c / 255 for c in colour) for colour in (BLUE, WHITE, RED)], N=255)
