"""Diagrams of the cells and of a network unrolled in time, drawn as SVG from the code's own names.

Every label comes from the code: the gates of each cell from :mod:`lstm_explained.cells.layout`,
the quantities of a step from the fields of :class:`~lstm_explained.cells.lstm.LSTMStep` and
:class:`~lstm_explained.cells.gru.GRUStep`, and the fills from the book's colour scale
(:mod:`lstm_explained.viz.colours`): a gate, which lies in (0, 1), in the red half of the scale,
a :math:`\\tanh` quantity, in (-1, 1), across the whole of it. Lines and text are drawn in
``currentColor``, so an SVG placed inline in a page takes the page's text colour, light or dark.
Each function returns the SVG as a string; a page shows it with ``IPython.display.HTML``.

A cell diagram can also light one step of the cell and dim the rest (``highlight=``, a key of
:data:`LSTM_STEPS` or :data:`GRU_STEPS`): the sequence of a cell built step by step, each picture
with the line of code that computes its step, read from the cell's own source. A diagram never
shrinks below the width at which its smallest label is :data:`SMALLEST_LABEL_PX` pixels: on a
narrower screen it scrolls inside its box instead.
"""

from __future__ import annotations

import ast
import contextlib
import html
import inspect
import itertools
import math
from dataclasses import dataclass

from .. import _checks
from ..cells import gru as gru_module
from ..cells import layout
from ..cells import lstm as lstm_module
from . import colours

__all__ = ["GRU_STEPS", "LSTM_STEPS", "SMALLEST_LABEL_PX", "SQUASH", "Step", "code_lines", "subscript", "gradient_path", "gru_cell", "lstm_cell", "rnn_cell", "unrolled_rnn"]

#: The smallest size, in CSS pixels, at which a label may be drawn. A diagram is never narrower
#: than the width at which its smallest font reaches it. WCAG sets no minimum; the book's browser
#: test draws the line here.
SMALLEST_LABEL_PX = 11


@dataclass(frozen=True)
class Step:
    """One step of a cell, as a diagram lights it: its title, the values it computes (named as the
    code names them), and the parts of the drawing that take part."""

    title: str
    computes: tuple[str, ...]  # names the cell's code assigns in this step, in the order it assigns them
    parts: frozenset[str]  # the tags of the drawn elements that light up


#: The LSTM cell in four steps, in the order the cell computes them (colah's sequence).
LSTM_STEPS = {
    "forget": Step("1. Forget: how much of the old cell state to keep", ("f",), frozenset({"c_in", "f", "f_mul"})),
    "input": Step("2. Input: a candidate, and how much of it to write", ("i", "g"), frozenset({"i", "g", "ig_mul"})),
    "update": Step("3. Update: the new cell state", ("c",), frozenset({"c_in", "f_mul", "ig_mul", "sum", "c_out"})),
    "output": Step("4. Output: how much of the squashed cell state to show", ("o", "h"), frozenset({"o", "tanh_c", "h_out", "c_out"})),
}

#: The GRU cell in four steps, in the order the cell computes them.
GRU_STEPS = {
    "reset": Step("1. Reset: how much of the old state the candidate sees", ("r",), frozenset({"r", "r_line"})),
    "update": Step("2. Update gate: how much of the old state to keep", ("z",), frozenset({"z"})),
    "candidate": Step("3. Candidate: a new state from the input and the reset old state", ("n",), frozenset({"n", "r_line"})),
    "mix": Step("4. Mix: keep z of the old state, take 1 − z of the candidate", ("h",), frozenset({"h_in", "z_mul", "one_minus", "n_mul", "sum", "h_out"})),
}


def code_lines(function, names) -> list[str]:
    """The lines of ``function``'s source that assign each of ``names``, in the order it assigns
    them: what a step diagram prints, so that the picture cannot drift from the code.

    >>> code_lines(lstm_module.lstm_cell, ("c",))
    ['c = f * c_prev + i * g']
    """
    source = inspect.getsource(function)
    tree = ast.parse(source)
    found = [
        ast.get_source_segment(source, node) for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and node.targets[0].id in names
    ]
    assigned = [line.split(" = ", 1)[0] for line in found]
    missing = [name for name in names if name not in assigned]
    if missing:
        raise ValueError(f"code_lines: {function.__name__} assigns no {missing}")
    return found

#: The squashing function of each gate block, a sigmoid for a gate and a tanh for a candidate.
SQUASH = {"i": "σ", "f": "σ", "g": "tanh", "o": "σ", "r": "σ", "z": "σ", "n": "tanh", "h": "tanh"}

_ids = itertools.count()


class _Canvas:
    """A few SVG primitives on a fixed-size canvas; coordinates in pixels, y down."""

    def __init__(self, width: int, height: int, title: str, lit: frozenset[str] | None = None):
        self.width, self.height, self.title = width, height, title
        self.uid = f"lstmx{next(_ids)}"  # ids unique in a page that shows several diagrams
        self.parts: list[str] = []
        self.sizes: list[float] = []  # every font size used: the smallest sets how far the diagram may shrink
        self.lit = lit  # the tags drawn at full strength; None: everything is

    @contextlib.contextmanager
    def tag(self, name: str):
        """Everything drawn inside belongs to the part ``name``: dimmed unless that part is lit."""
        dim = self.lit is not None and name not in self.lit
        self.parts.append('<g class="dim">' if dim else f'<g class="lit-{name}">')
        yield
        self.parts.append("</g>")

    def legend(self, y: float, entries: list[tuple[str, str]]) -> None:
        """A row of (line class, what it means) samples along the bottom, from the left."""
        x = 20
        for kind, words in entries:
            self.line((x, y), (x + 30, y), arrow=False, kind=kind, key=True)
            self.text(x + 38, y, words, size=12, anchor="start")
            x += 38 + 7 * len(words) + 24

    def code(self, y: float, lines: list[str], size: int = 12) -> None:
        """Lines of the cell's code, left-aligned, one under another, starting at height ``y``."""
        for k, line in enumerate(lines):
            self.sizes.append(size)
            self.parts.append(
                f'<text x="20" y="{y + k * (size + 6):g}" font-size="{size}" class="code" dominant-baseline="central">{html.escape(line)}</text>'
            )

    def line(self, *points: tuple[float, float], arrow: bool = True, kind: str = "flow", key: bool = False) -> None:
        path = " ".join(f"{'M' if k == 0 else 'L'}{x:g},{y:g}" for k, (x, y) in enumerate(points))
        end = f' marker-end="url(#{self.uid}-arrow)"' if arrow else ""
        self.parts.append(f'<path class="{kind}{" key" if key else ""}" d="{path}"{end}/>')

    def text(self, x: float, y: float, words: str, *, size: int = 14, anchor: str = "middle", fill: str | None = None, italic: bool = False) -> None:
        style = f' fill="{fill}"' if fill else ""
        font = ' font-style="italic"' if italic else ""
        self.sizes.append(size)
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

    def blocks_fed(self, gates: str, xs: dict[str, float], mid: float, bottom: float, *, from_top: float | None = None) -> None:
        """The blocks of ``gates`` in a row at height ``mid``, each fed by one line that carries
        :math:`h_{t-1}` and :math:`x_t` along the ``bottom``; each block and its feed is tagged
        with the block's name. ``from_top``: the height of a line that already brings
        :math:`h_{t-1}` in at the top left; the bus then branches off it instead of starting at a
        second label."""
        first, last = xs[gates[0]], xs[gates[-1]]
        if from_top is None:
            self.state(28, bottom, "hₜ₋₁")
        else:
            self.line((50, from_top), (50, bottom), arrow=False)
        self.state(first - 40, bottom + 32, "xₜ")
        self.line((50, bottom), (last, bottom), arrow=False)
        self.line((first - 40, bottom + 20), (first - 40, bottom), arrow=False)
        for name in gates:
            with self.tag(name):
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
            f"#{self.uid} .dim {{ opacity: 0.2; }}"
            f"#{self.uid} text.code {{ font-family: monospace; }}"
            "</style>"
        )
        title = html.escape(self.title)
        # never so narrow that the smallest label falls under SMALLEST_LABEL_PX: the page scrolls it instead
        narrowest = math.ceil(self.width * SMALLEST_LABEL_PX / min(self.sizes, default=SMALLEST_LABEL_PX))
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{self.uid}" class="lstm-diagram" viewBox="0 0 {self.width} {self.height}" '
            f'width="100%" style="max-width: {self.width}px; min-width: {min(narrowest, self.width)}px" role="img" aria-labelledby="{self.uid}-title">'
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


def _step_canvas(cell, name: str, steps: dict[str, Step], highlight: str | None, width: int, height: int, whole: str) -> tuple[_Canvas, list[str]]:
    """The canvas of the diagram of ``cell`` (called ``name``), whole (titled ``whole``) or with the
    step ``highlight`` lit, taller by the step's lines of code; and those lines."""
    if highlight is None:
        return _Canvas(width, height, whole), []
    _checks.one_of(cell.__name__, "highlight", highlight, tuple(steps))
    step = steps[highlight]
    lines = code_lines(cell, step.computes)
    return _Canvas(width, height + 18 * len(lines) + 14, f"The {name} cell, step {step.title}; the rest dimmed", lit=step.parts), lines


def lstm_cell(highlight: str | None = None) -> str:
    r"""The LSTM cell as :func:`lstm_explained.cells.lstm.lstm_cell` computes it: the four blocks
    of :data:`lstm_explained.cells.layout.LSTM` in their stacking order, the cell state's path
    (the highway along the top: one ⊙ and one +, nothing squashed), and :math:`h_t = o_t \odot \tanh(c_t)`.

    ``highlight``, a key of :data:`LSTM_STEPS`, lights that step, dims the rest, and prints the
    step's lines of code under the drawing.

    >>> svg = lstm_cell()
    >>> all(f">{name}<" in svg for name in "ifgo") and all(f">{name}ₜ<" in svg for name in "ch")
    True
    >>> ">c = f * c_prev + i * g<" in lstm_cell(highlight="update")
    True
    """
    gates = layout.LSTM.gates  # the order PyTorch stacks them: the blocks are drawn left to right in it
    whole = "The LSTM cell: gates " + ", ".join(gates) + "; c_t = f ⊙ c_{t-1} + i ⊙ g; h_t = o ⊙ tanh(c_t)"
    c, lines = _step_canvas(lstm_module.lstm_cell, "LSTM", LSTM_STEPS, highlight, 620, 320, whole)
    xs = {name: 130 + 80 * k for k, name in enumerate(gates)}
    top, mid, bottom = 50, 170, 240
    with c.tag("c_in"):
        c.state(28, top, "cₜ₋₁")
        c.line((50, top), (xs["f"] - 11, top), kind="highway", arrow=False)
    with c.tag("f_mul"):
        c.op(xs["f"], top, "⊙")
        c.line((xs["f"], mid - 15), (xs["f"], top + 12))
    with c.tag("sum"):
        c.line((xs["f"] + 11, top), (xs["g"] - 11, top), kind="highway", arrow=False)
        c.op(xs["g"], top, "+")
        c.line((xs["g"], 94), (xs["g"], top + 12))
    with c.tag("c_out"):
        c.line((xs["g"] + 11, top), (560, top), kind="highway")
        c.state(584, top, "cₜ")
    c.blocks_fed(gates, xs, mid, bottom)
    with c.tag("ig_mul"):
        c.op(xs["g"], 105, "⊙")
        c.line((xs["g"], mid - 15), (xs["g"], 116))
        c.line((xs["i"], mid - 15), (xs["i"], 105), (xs["g"] - 11, 105))
    squash_x = xs["o"] + 60
    with c.tag("tanh_c"):
        c.line((squash_x, top), (squash_x, 88))
        c.parts.append(f'<rect x="{squash_x - 22}" y="88" width="44" height="24" rx="5" fill="url(#{c.uid}-tanh)" class="box"/>')
        c.text(squash_x, 100, "tanh", fill=colours.ink(0.5))
    with c.tag("h_out"):
        c.op(squash_x, 150, "⊙")
        c.line((squash_x, 112), (squash_x, 139))
        c.line((xs["o"], mid - 15), (xs["o"], 150), (squash_x - 11, 150))
        c.line((squash_x + 11, 150), (560, 150))
        c.state(584, 150, "hₜ")
    c.legend(300, [("highway", "the cell state's path: one ⊙ and one +, no squash"), ("flow", "other values")])
    if lines:
        c.code(330, lines)
    return c.svg()


def gru_cell(highlight: str | None = None) -> str:
    r"""The GRU cell as :func:`lstm_explained.cells.gru.gru_cell` computes it: the blocks of
    :data:`lstm_explained.cells.layout.GRU`, the reset gate applied after the recurrent product,
    and :math:`h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}`: the update gate weights the *old* state.

    ``highlight``, a key of :data:`GRU_STEPS`, lights that step, dims the rest, and prints the
    step's line of code under the drawing.

    >>> svg = gru_cell()
    >>> all(f">{name}<" in svg for name in "rzn") and ">hₜ<" in svg
    True
    >>> ">h = (1 - z) * n + z * h_prev<" in gru_cell(highlight="mix")
    True
    """
    gates = layout.GRU.gates
    whole = "The GRU cell: gates " + ", ".join(gates) + "; h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}"
    c, lines = _step_canvas(gru_module.gru_cell, "GRU", GRU_STEPS, highlight, 560, 310, whole)
    xs = {name: 140 + 100 * k for k, name in enumerate(gates)}
    top, mid, bottom = 50, 160, 235
    with c.tag("h_in"):
        c.state(28, top, "hₜ₋₁")
        c.line((50, top), (xs["z"] - 11, top), arrow=False, kind="highway")
    c.blocks_fed(gates, xs, mid, bottom, from_top=top)
    with c.tag("r_line"):
        # r scales the recurrent product inside n's block (PyTorch's placement): drawn as a ⊙ at the block's side
        c.line((xs["r"], mid - 15), (xs["r"], mid - 30), (xs["n"] - 48, mid - 30), (xs["n"] - 48, mid - 11))
        c.op(xs["n"] - 48, mid, "⊙", r=9)
        c.line((xs["n"] - 39, mid), (xs["n"] - 22, mid))
        # what r scales: the recurrent product, brought up from the bus that carries h_{t-1}
        c.line((xs["n"] - 48, bottom), (xs["n"] - 48, mid + 10))
        c.text(xs["n"] - 53, (mid + bottom) / 2 + 8, "Wₕₙhₜ₋₁", size=12, anchor="end", italic=True)
    with c.tag("z_mul"):
        # z keeps the old state
        c.op(xs["z"], top, "⊙")
        c.line((xs["z"], mid - 15), (xs["z"], top + 12))
    with c.tag("one_minus"):
        # 1 - z lets the candidate in
        c.op(xs["z"] + 50, 105, "1−")
        c.line((xs["z"], 80), (xs["z"] + 50 - 11, 105), arrow=False)
        c.line((xs["z"] + 50 + 11, 105), (xs["n"] - 11, 105))
    with c.tag("n_mul"):
        c.op(xs["n"], 105, "⊙")
        c.line((xs["n"], mid - 15), (xs["n"], 116))
    with c.tag("sum"):
        c.line((xs["z"] + 11, top), (xs["n"] + 40 - 11, top), arrow=False, kind="highway")
        c.op(xs["n"] + 40, top, "+")
        c.line((xs["n"], 94), (xs["n"] + 40, 72), (xs["n"] + 40, top + 12))
    with c.tag("h_out"):
        c.line((xs["n"] + 40 + 11, top), (500, top), kind="highway")
        c.state(520, top, "hₜ")
    c.legend(290, [("highway", "the state's path: one ⊙ and one +, no squash"), ("flow", "other values")])
    if lines:
        c.code(320, lines)
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
        c.state(x, 195, f"x{subscript(t)}")
        c.line((x, 182), (x, 125))
        c.line((x, 95), (x, 45))
        c.state(x, 30, f"ŷ{subscript(t)}")
        c.text(x + 14, 70, f"h{subscript(t)}", size=12, anchor="start", italic=True)
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
    c = _Canvas(max(70 * steps + 60, 520), 180, title)
    for t in range(steps):
        x = 50 + 70 * t
        c.parts.append(f'<circle cx="{x}" cy="70" r="16" class="op"/>')
        c.text(x, 70, f"h{subscript(t)}", size=12)
        c.state(x, 125, f"x{subscript(t)}")
        c.line((x, 112), (x, 88))
        if t:
            # the backward edge from h_t to h_{t-1} carries the gradient when h_{t-1} is inside the window
            c.line((x - 18, 62), (x - 52, 62), kind="reached" if t - 1 >= steps - reach else "cut")
    c.line((50 + 70 * (steps - 1), 52), (50 + 70 * (steps - 1), 26), arrow=True, kind="reached")
    c.state(50 + 70 * (steps - 1), 14, f"L{subscript(steps - 1)}")
    entries = [("reached", "← the gradient, backwards in time"), ("flow", "the forward pass")]
    c.legend(160, entries + ([("cut", "cut: no gradient")] if truncation is not None else []))
    return c.svg()


def subscript(t: int) -> str:
    """``t`` in subscript digits, as the diagrams and the figures' ticks write a step or a unit.

    >>> subscript(12)
    '₁₂'
    """
    return str(t).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))

