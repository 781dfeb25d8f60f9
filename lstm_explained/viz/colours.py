"""The book's colours: one diverging scale for values, and one colour for each cell kind.

Every picture of a value in [-1, 1] uses the scale, blue at -1, white at 0, red at 1, as in the
lecture notes: the heatmaps (:func:`colormap`), text coloured by a cell (:func:`css`, with
:func:`ink` for the letters), and the cell viewer, whose JavaScript only looks colours up in
:func:`palette`. Change the ends here and all three change together.

Every curve, bar or histogram that stands for a cell kind takes that kind's colour from
:data:`KINDS`, in every figure of the book: :func:`series_styles` reads the kind off a series'
label. No kind is drawn in the scale's blue or red, which mean -1 and +1; series of no kind are
drawn in greys; two series of one kind on one axes differ by their line style.
"""

from __future__ import annotations

from .. import _checks

import re

__all__ = ["BLUE", "KINDS", "NEUTRAL", "RED", "WHITE", "colormap", "css", "fill_colours", "ink", "kind_of", "palette", "rgb", "series_styles"]

BLUE = (0, 0, 255)  # -1
WHITE = (255, 255, 255)  # 0
RED = (255, 0, 0)  # +1

#: One colour per cell kind (the names of :data:`lstm_explained.cells.kinds.REGISTRY`), kept away
#: from the value scale's blue and red.
KINDS = {
    "rnn": "#f1a340",  # orange
    "lstm": "#1b7837",  # green
    "gru": "#762a83",  # purple
    "peephole": "#8c564b",  # brown
    "cifg": "#e377c2",  # pink
    "nig": "#a6a61a",  # olive
    "nfg": "#17becf",  # cyan
    "nog": "#7f7f7f",  # grey
    "niaf": "#d4a017",  # gold
    "noaf": "#000000",  # black
    "clockwork": "#66c2a5",  # mint: lighter and bluer than the LSTM's green, beside which it is drawn
}

#: The colours of series that stand for no cell kind, in turn.
NEUTRAL = ("#333333", "#8c8c8c", "#bdbdbd")

_LINE_STYLES = ("-", "--", ":", "-.")


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


def kind_of(label: str) -> str | None:
    """The cell kind a series' label names: the first of its words that is a kind's name, in any
    case ("tanh RNN, length 50" is an RNN; "LSTM, forget bias 1" an LSTM); ``None`` if none is.

    >>> kind_of("tanh RNN, length 50"), kind_of("LSTM ‖∂L/∂c‖"), kind_of("clockwork RNN"), kind_of("σ = 0.5")
    ('rnn', 'lstm', 'clockwork', None)
    """
    for word in re.findall(r"[A-Za-z]+", label):
        if word.lower() in KINDS:
            return word.lower()
    return None


def fill_colours(labels) -> list[str]:
    """The fill colour of each of ``labels`` for marks a line style cannot tell apart (bars,
    histograms): a series of a kind in the kind's colour; each series of no kind in the next grey
    of :data:`NEUTRAL`, darkest first, so two such series never share a fill.

    >>> fill_colours(["BPTT", "truncated to 4 steps", "LSTM"])
    ['#333333', '#8c8c8c', '#1b7837']
    >>> fill_colours(list("abcd"))
    Traceback (most recent call last):
    ...
    ValueError: fill_colours: 4 series of no kind, but only 3 greys tell fills apart; draw them as small multiples
    """
    labels = list(labels)
    plain = [label for label in labels if kind_of(label) is None]
    if len(plain) > len(NEUTRAL):
        raise ValueError(f"fill_colours: {len(plain)} series of no kind, but only {len(NEUTRAL)} greys tell fills apart; draw them as small multiples")
    greys = iter(NEUTRAL)
    return [KINDS[kind] if (kind := kind_of(label)) is not None else next(greys) for label in labels]


def series_styles(labels) -> list[dict[str, str]]:
    """Matplotlib's ``color`` and ``linestyle`` for each of ``labels``, drawn on one axes: a series
    of a kind in the kind's colour, solid for the first of that kind and dashed, dotted, dash-dotted
    for the next; a series of no kind in :data:`NEUTRAL`'s darkest grey in each line style in turn,
    then in the next grey.

    >>> series_styles(["LSTM ‖∂L/∂h‖", "RNN", "LSTM ‖∂L/∂c‖", "σ = 2"])
    [{'color': '#1b7837', 'linestyle': '-'}, {'color': '#f1a340', 'linestyle': '-'}, {'color': '#1b7837', 'linestyle': '--'}, {'color': '#333333', 'linestyle': '-'}]
    """
    seen: dict[str, int] = {}
    neutral = 0
    styles = []
    for label in labels:
        kind = kind_of(label)
        if kind is None:
            # the darkest grey in every line style first: dark lines stay legible on any background
            colour, style = NEUTRAL[(neutral // len(_LINE_STYLES)) % len(NEUTRAL)], _LINE_STYLES[neutral % len(_LINE_STYLES)]
            neutral += 1
        else:
            colour, style = KINDS[kind], _LINE_STYLES[seen.get(kind, 0) % len(_LINE_STYLES)]
            seen[kind] = seen.get(kind, 0) + 1
        styles.append({"color": colour, "linestyle": style})
    return styles
