"""Diagrams of the cells and of a network unrolled in time, drawn as SVG from the code's own names.

Every label comes from the code: the gates of each cell from :mod:`lstm_explained.cells.layout`,
the quantities of a step from the fields of :class:`~lstm_explained.cells.lstm.LSTMStep` and
:class:`~lstm_explained.cells.gru.GRUStep`, and the fills from the book's colour scale
(:mod:`lstm_explained.viz.colours`): a gate, which lies in (0, 1), in the red half of the scale,
a :math:`\\tanh` quantity, in (-1, 1), across the whole of it. Lines and text are drawn in
``currentColor``, so an SVG placed inline in a page takes the page's text colour, light or dark.
Each function returns the SVG as a string; a page shows it with ``IPython.display.HTML``.
"""

from __future__ import annotations

import html
import itertools

from .. import _checks
from ..cells import layout
from . import colours

__all__ = ["SQUASH", "gradient_path", "gru_cell", "lstm_cell", "rnn_cell", "unrolled_rnn"]

#: The squashing function of each gate block, a sigmoid for a gate and a tanh for a candidate.
SQUASH = {"i": "σ", "f": "σ", "g": "tanh", "o": "σ", "r": "σ", "z": "σ", "n": "tanh", "h": "tanh"}

_ids = itertools.count()


class _Canvas:
    """A few SVG primitives on a fixed-size canvas; coordinates in pixels, y down."""

    def __init__(self, width: int, height: int, title: str):
        self.width, self.height, self.title = width, height, title
        self.uid = f"lstmx{next(_ids)}"  # ids unique in a page that shows several diagrams
        self.parts: list[str] = []

    def line(self, *points: tuple[float, float], arrow: bool = True, kind: str = "flow") -> None:
        path = " ".join(f"{'M' if k == 0 else 'L'}{x:g},{y:g}" for k, (x, y) in enumerate(points))
        end = f' marker-end="url(#{self.uid}-arrow)"' if arrow else ""
        self.parts.append(f'<path class="{kind}" d="{path}"{end}/>')

    def text(self, x: float, y: float, words: str, *, size: int = 14, anchor: str = "middle", fill: str | None = None, italic: bool = False) -> None:
        style = f' fill="{fill}"' if fill else ""
        font = ' font-style="italic"' if italic else ""
        self.parts.append(
            f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}" dominant-baseline="central"{style}{font}>{html.escape(words)}</text>'
        )

    def block(self, x: float, y: float, name: str, *, w: float = 44, h: float = 30) -> None:
        """A gate or candidate block centred at ``(x, y)``: its squash inside, its name beside it."""
        squash = SQUASH[name]
        fill = colours.css(0.5) if squash == "σ" else f"url(#{self.uid}-tanh)"
        self.parts.append(f'<rect x="{x - w / 2:g}" y="{y - h / 2:g}" width="{w:g}" height="{h:g}" rx="5" fill="{fill}" class="box"/>')
        self.text(x, y, squash, fill=colours.ink(0.5))
        self.text(x + w / 2 + 8, y - h / 2 - 2, name, anchor="start", italic=True)

    def blocks_fed(self, gates: str, xs: dict[str, float], mid: float, bottom: float) -> None:
        """The blocks of ``gates`` in a row at height ``mid``, each fed by one line that carries
        :math:`h_{t-1}` and :math:`x_t` along the ``bottom``."""
        first, last = xs[gates[0]], xs[gates[-1]]
        self.state(28, bottom, "hₜ₋₁")
        self.state(first - 40, bottom + 32, "xₜ")
        self.line((50, bottom), (last, bottom), arrow=False)
        self.line((first - 40, bottom + 20), (first - 40, bottom), arrow=False)
        for name in gates:
            self.line((xs[name], bottom), (xs[name], mid + 16))
            self.block(xs[name], mid, name)

    def op(self, x: float, y: float, symbol: str, r: float = 11) -> None:
        """An element-wise operation: ⊙, + or 1−, in a circle."""
        self.parts.append(f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}" class="op"/>')
        self.text(x, y, symbol, size=13 if len(symbol) > 1 else 15)

    def state(self, x: float, y: float, words: str) -> None:
        """A named value at an edge of the diagram (an input, a state, an output)."""
        self.text(x, y, words, size=15, italic=True)

    def svg(self) -> str:
        # a tanh block runs across the scale; its ends are kept light so its black label stays legible
        low, mid, high = colours.css(-0.6), colours.css(0.0), colours.css(0.6)
        defs = (
            f'<defs><marker id="{self.uid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker>'
            f'<linearGradient id="{self.uid}-tanh" x1="0" x2="1"><stop offset="0" stop-color="{low}"/>'
            f'<stop offset="0.5" stop-color="{mid}"/><stop offset="1" stop-color="{high}"/></linearGradient></defs>'
        )
        style = (
            "<style>"
            f"#{self.uid} text {{ fill: currentColor; font-family: sans-serif; }}"
            f"#{self.uid} text[fill] {{ fill: {colours.ink(0.5)}; }}"
            f"#{self.uid} .flow {{ stroke: currentColor; fill: none; stroke-width: 1.5; }}"
            f"#{self.uid} .highway {{ stroke: {colours.css(1.0)}; fill: none; stroke-width: 3.5; }}"
            f"#{self.uid} .reached {{ stroke: {colours.css(1.0)}; fill: none; stroke-width: 2.5; }}"
            f"#{self.uid} .cut {{ stroke: currentColor; fill: none; stroke-width: 1.2; stroke-dasharray: 4 4; opacity: 0.6; }}"
            f"#{self.uid} .box {{ stroke: currentColor; stroke-width: 1; }}"
            f"#{self.uid} .op {{ fill: {colours.css(0.0)}; stroke: currentColor; stroke-width: 1.2; }}"
            f"#{self.uid} .op + text {{ fill: #000; }}"
            "</style>"
        )
        title = html.escape(self.title)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{self.uid}" class="lstm-diagram" viewBox="0 0 {self.width} {self.height}" '
            f'width="100%" style="max-width: {self.width}px" role="img" aria-labelledby="{self.uid}-title">'
            f'<title id="{self.uid}-title">{title}</title>{defs}{style}{"".join(self.parts)}</svg>'
        )


def rnn_cell() -> str:
    r"""The Elman RNN cell: :math:`h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})`.

    >>> svg = rnn_cell()
    >>> svg.startswith("<svg") and "tanh" in svg and "hₜ₋₁" in svg
    True
    """
    (name,) = layout.RNN.gates
    c = _Canvas(360, 190, "The RNN cell: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)")
    c.state(30, 100, "hₜ₋₁")
    c.line((52, 100), (155, 100))
    c.state(180, 178, "xₜ")
    c.line((180, 165), (180, 116))
    c.block(180, 100, name)
    c.line((202, 100), (300, 100))
    c.state(322, 100, "hₜ")
    c.line((250, 100), (250, 40))
    c.text(250, 26, "to the output ŷₜ", size=12)
    c.text(275, 116, "and to the next step", size=12)
    return c.svg()


def lstm_cell() -> str:
    r"""The LSTM cell as :func:`lstm_explained.cells.lstm.lstm_cell` computes it: the four blocks
    of :data:`lstm_explained.cells.layout.LSTM` in their stacking order, the cell state's path
    (the highway along the top: one ⊙ and one +, nothing squashed), and :math:`h_t = o_t \odot \tanh(c_t)`.

    >>> svg = lstm_cell()
    >>> all(f">{name}<" in svg for name in "ifgo") and all(f">{name}ₜ<" in svg for name in "ch")
    True
    """
    gates = layout.LSTM.gates  # the order PyTorch stacks them: the blocks are drawn left to right in it
    c = _Canvas(520, 290, "The LSTM cell: gates " + ", ".join(gates) + "; c_t = f ⊙ c_{t-1} + i ⊙ g; h_t = o ⊙ tanh(c_t)")
    xs = {name: 130 + 80 * k for k, name in enumerate(gates)}
    top, mid, bottom = 50, 170, 240
    # the highway: c_{t-1} -> (⊙ f) -> (+ i⊙g) -> c_t
    c.state(28, top, "cₜ₋₁")
    c.line((50, top), (xs["f"] - 11, top), kind="highway", arrow=False)
    c.op(xs["f"], top, "⊙")
    c.line((xs["f"] + 11, top), (xs["g"] - 11, top), kind="highway", arrow=False)
    c.op(xs["g"], top, "+")
    c.line((xs["g"] + 11, top), (470, top), kind="highway")
    c.state(492, top, "cₜ")
    c.blocks_fed(gates, xs, mid, bottom)
    # f multiplies the old cell state; i multiplies g, which is added
    c.line((xs["f"], mid - 15), (xs["f"], top + 12))
    c.op(xs["g"], 105, "⊙")
    c.line((xs["g"], mid - 15), (xs["g"], 116))
    c.line((xs["i"], mid - 15), (xs["i"], 105), (xs["g"] - 11, 105))
    c.line((xs["g"], 94), (xs["g"], top + 12))
    # h_t = o ⊙ tanh(c_t)
    squash_x = xs["o"] + 60
    c.line((squash_x, top), (squash_x, 88))
    c.parts.append(f'<rect x="{squash_x - 22}" y="88" width="44" height="24" rx="5" fill="url(#{c.uid}-tanh)" class="box"/>')
    c.text(squash_x, 100, "tanh", fill=colours.ink(0.5))
    c.op(squash_x, 150, "⊙")
    c.line((squash_x, 112), (squash_x, 139))
    c.line((xs["o"], mid - 15), (xs["o"], 150), (squash_x - 11, 150))
    c.line((squash_x + 11, 150), (470, 150))
    c.state(492, 150, "hₜ")
    return c.svg()


def gru_cell() -> str:
    r"""The GRU cell as :func:`lstm_explained.cells.gru.gru_cell` computes it: the blocks of
    :data:`lstm_explained.cells.layout.GRU`, the reset gate applied after the recurrent product,
    and :math:`h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}`: the update gate weights the *old* state.

    >>> svg = gru_cell()
    >>> all(f">{name}<" in svg for name in "rzn") and ">hₜ<" in svg
    True
    """
    gates = layout.GRU.gates
    c = _Canvas(480, 280, "The GRU cell: gates " + ", ".join(gates) + "; h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}")
    xs = {name: 140 + 100 * k for k, name in enumerate(gates)}
    top, mid, bottom = 50, 160, 235
    c.state(28, top, "hₜ₋₁")
    c.line((50, top), (xs["z"] - 11, top), arrow=False)
    c.op(xs["z"], top, "⊙")
    c.line((xs["z"] + 11, top), (xs["n"] + 40 - 11, top), arrow=False)
    c.op(xs["n"] + 40, top, "+")
    c.line((xs["n"] + 40 + 11, top), (440, top))
    c.state(458, top, "hₜ")
    c.blocks_fed(gates, xs, mid, bottom)
    # r scales the recurrent product inside n's block (PyTorch's placement)
    c.line((xs["r"], mid - 15), (xs["r"], mid - 30), (xs["n"] - 34, mid - 30), (xs["n"] - 34, mid - 8), (xs["n"] - 22, mid - 8))
    # z keeps the old state; 1 - z lets the candidate in
    c.line((xs["z"], mid - 15), (xs["z"], top + 12))
    c.op(xs["n"], 105, "⊙")
    c.line((xs["n"], mid - 15), (xs["n"], 116))
    c.op(xs["z"] + 50, 105, "1−")
    c.line((xs["z"], 80), (xs["z"] + 50 - 11, 105), arrow=False)
    c.line((xs["z"] + 50 + 11, 105), (xs["n"] - 11, 105))
    c.line((xs["n"], 94), (xs["n"] + 40, 72), (xs["n"] + 40, top + 12))
    return c.svg()


def unrolled_rnn(steps: int = 4) -> str:
    """A recurrent layer unrolled over ``steps`` time steps: the same cell (the same weights) at
    every step, each reading :math:`x_t` and :math:`h_{t-1}` and writing :math:`h_t`, which goes up
    to the output :math:`\\hat y_t` and right to the next step.

    >>> svg = unrolled_rnn(3)
    >>> svg.count('class="box"'), "ŷ₂" in svg
    (3, True)
    """
    _checks.int_in("unrolled_rnn", "steps", steps, 1, 8)
    width = 110 * steps + 80
    c = _Canvas(width, 220, f"A recurrent layer unrolled over {steps} steps, the same weights at every step")
    c.state(25, 110, "h₋₁")
    previous = 45
    for t in range(steps):
        x = 90 + 110 * t
        c.line((previous, 110), (x - 25, 110))
        c.parts.append(f'<rect x="{x - 25}" y="95" width="50" height="30" rx="5" fill="url(#{c.uid}-tanh)" class="box"/>')
        c.text(x, 110, "RNN", size=12, fill=colours.ink(0.5))
        c.state(x, 195, f"x{_sub(t)}")
        c.line((x, 182), (x, 125))
        c.line((x, 95), (x, 45))
        c.state(x, 30, f"ŷ{_sub(t)}")
        c.text(x + 14, 70, f"h{_sub(t)}", size=12, anchor="start", italic=True)
        previous = x + 25
    c.line((previous, 110), (previous + 30, 110))
    c.state(previous + 45, 110, "…")
    return c.svg()


def gradient_path(steps: int = 8, truncation: int | None = None) -> str:
    """Which steps the gradient of the last step's loss reaches, backwards through the hidden
    states: all of them in backpropagation through time, only the last ``truncation`` when the
    graph is cut every ``truncation`` steps (truncated BPTT). Reached steps are drawn in red.

    >>> gradient_path(6, truncation=2).count('class="reached"')
    2
    >>> gradient_path(6).count('class="reached"')
    6
    """
    _checks.int_in("gradient_path", "steps", steps, 2, 16)
    if truncation is not None:
        _checks.int_in("gradient_path", "truncation", truncation, 1, steps)
    reach = steps if truncation is None else truncation
    title = (f"The gradient of step {steps - 1}'s loss reaches all {steps} steps" if truncation is None else
             f"The gradient of step {steps - 1}'s loss, its piece the last {reach} steps, reaches {reach} of {steps}")
    c = _Canvas(70 * steps + 60, 150, title)
    for t in range(steps):
        x = 50 + 70 * t
        c.parts.append(f'<circle cx="{x}" cy="70" r="16" class="op"/>')
        c.text(x, 70, f"h{_sub(t)}", size=12)
        c.state(x, 125, f"x{_sub(t)}")
        c.line((x, 112), (x, 88))
        if t:
            # the backward edge from h_t to h_{t-1} carries the gradient when h_{t-1} is inside the window
            c.line((x - 18, 62), (x - 52, 62), kind="reached" if t - 1 >= steps - reach else "cut")
    c.line((50 + 70 * (steps - 1), 52), (50 + 70 * (steps - 1), 26), arrow=True, kind="reached")
    c.state(50 + 70 * (steps - 1), 14, f"L{_sub(steps - 1)}")
    return c.svg()


def _sub(t: int) -> str:
    """``t`` in subscript digits: 12 -> ₁₂."""
    return str(t).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))

