"""Find single cells of a character LSTM that track something readable in code.

Karpathy, Johnson & Fei-Fei (2015, "Visualizing and Understanding Recurrent Networks") found
cells that switch on inside quotes, count along a line, or follow indentation. This module
computes such properties of every character exactly (:func:`features`, with ``tokenize``),
searches the cells for the one that follows each best (:func:`report`), with an untrained model as
a control and a linear probe on all cells as an upper bound, and renders cells over text.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import tokenize
from dataclasses import dataclass

import torch
from torch import Tensor

from .tracing import trace

__all__ = [
    "FEATURES",
    "ProbeRow",
    "cell_states",
    "colored_html",
    "correlations",
    "features",
    "gate_saturation",
    "report",
    "viewer_html",
]

#: What :func:`features` computes for every character.
FEATURES = ("in_string", "in_docstring", "in_short_string", "in_comment", "line_position", "indent", "bracket_depth")
_OPEN, _CLOSE = "([{", ")]}"


def features(text: str) -> dict[str, Tensor]:
    """One value per character of ``text`` (which must be Python that tokenizes):

    - ``in_string``: 1 inside a string literal, its prefix and quotes included;
    - ``in_docstring`` and ``in_short_string``: the same, split into triple-quoted literals
      (docstrings, mostly: long runs of prose) and all others (the paper's short quotes);
    - ``in_comment``: 1 inside a ``#`` comment;
    - ``line_position``: the character's column, 0 at the start of a line;
    - ``indent``: how many spaces the character's line is indented;
    - ``bracket_depth``: how many ``( [ {`` are open, counting only real brackets of the code
      (not those in strings or comments); the brackets themselves are at the outer depth.

    Newlines belong to the line they end.

    Examples
    --------
    >>> f = features("x = 's' # c\\n")
    >>> f["in_string"].tolist()
    [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    >>> f["in_comment"].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0]
    >>> features("f(a[1],\\n  b)\\n")["bracket_depth"].tolist()
    [0.0, 0.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0]
    """
    if not isinstance(text, str):
        raise TypeError(f"features: text must be a str, got {type(text).__name__}")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(row: int, col: int) -> int:
        return starts[row - 1] + col

    n = len(text)
    in_docstring, in_short_string = torch.zeros(n), torch.zeros(n)
    in_comment, depth_change = torch.zeros(n), torch.zeros(n + 1)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.ENDMARKER:
                break
            a, b = offset(*tok.start), offset(*tok.end)
            if tok.type == tokenize.STRING:
                body = tok.string.lstrip("rRbBuUfF")
                (in_docstring if body[:3] in ('"""', "'''") else in_short_string)[a:b] = 1
            elif tok.type == tokenize.COMMENT:
                in_comment[a:b] = 1
            elif tok.type == tokenize.OP and tok.string in _OPEN:
                depth_change[b] += 1
            elif tok.type == tokenize.OP and tok.string in _CLOSE:
                depth_change[a] -= 1
    except (tokenize.TokenError, SyntaxError, IndentationError) as error:
        raise ValueError(f"features: text does not tokenize as Python ({error}); features need whole code") from None

    line_position, indent = torch.zeros(n), torch.zeros(n)
    for line, start in zip(lines, starts):
        line_position[start : start + len(line)] = torch.arange(len(line), dtype=torch.float32)
        indent[start : start + len(line)] = len(line) - len(line.lstrip(" "))
    return {
        "in_string": in_docstring + in_short_string,
        "in_docstring": in_docstring,
        "in_short_string": in_short_string,
        "in_comment": in_comment,
        "line_position": line_position,
        "indent": indent,
        "bracket_depth": depth_change[:n].cumsum(0),
    }


def cell_states(model, text: str):
    """Replay a :class:`~lstm_explained.charlm.CharLM` on ``text`` through the cell equations:
    every gate and state, ``(T, H)`` each (an :class:`~lstm_explained.tracing.LSTMTrace`)."""
    with torch.no_grad():
        return trace(model.lstm, model.one_hot(text))


def correlations(values: Tensor, feature: Tensor) -> Tensor:
    """Pearson correlation of each column of ``values`` ``(T, H)`` with ``feature`` ``(T,)``.

    A unit that never changes has no correlation: ``nan``, never a made-up 0.

    >>> correlations(torch.tensor([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]), torch.tensor([3.0, 2.0, 1.0]))
    tensor([-1., nan])
    """
    if values.dim() != 2 or feature.shape != values.shape[:1]:
        raise ValueError(f"correlations: expected values (T, H) and feature (T,), got {tuple(values.shape)} and {tuple(feature.shape)}")
    if feature.std() == 0:
        raise ValueError("correlations: the feature is constant over this text; it cannot be correlated")
    v = values.double() - values.double().mean(0)
    f = feature.double() - feature.double().mean()
    norm = v.norm(dim=0) * f.norm()
    r = (v * f[:, None]).sum(0) / norm
    return torch.where(norm > 0, r, torch.full_like(r, float("nan"))).float()


def _best(states: dict[str, Tensor], feature: Tensor) -> tuple[int, str, float]:
    best = (-1, "", 0.0)
    for name, values in states.items():
        r = correlations(values, feature)
        k = int(torch.nan_to_num(r.abs(), nan=-1.0).argmax())
        if abs(r[k].item()) > abs(best[2]):
            best = (k, name, r[k].item())
    return best


def _probe_r(values: Tensor, feature: Tensor, ridge: float = 1e-3) -> float:
    """Fit a ridge regression on the first half of the text, report its correlation on the second."""
    half = len(feature) // 2
    x = torch.cat([values.double(), torch.ones(len(values), 1, dtype=torch.float64)], 1)
    mean, std = x[:half].mean(0), x[:half].std(0).clamp_min(1e-8)
    mean[-1], std[-1] = 0.0, 1.0
    x = (x - mean) / std
    a, b = x[:half], feature[:half].double()
    weights = torch.linalg.solve(a.T @ a + ridge * half * torch.eye(x.shape[1], dtype=torch.float64), a.T @ b)
    prediction = x[half:] @ weights
    return correlations(prediction[:, None].float(), feature[half:])[0].item()


@dataclass
class ProbeRow:
    """How well a feature is tracked: by the best single cell (``unit`` of ``state``, with
    correlation ``r``), by the best cell of an untrained model of the same size
    (``control_r``), and by a linear probe on all cells (``probe_r``, on held-out text)."""

    feature: str
    unit: int
    state: str
    r: float
    control_r: float
    probe_r: float


def report(model, text: str, length: int | None = None, control_seed: int = 1) -> list[ProbeRow]:
    """For each of :data:`FEATURES`, the cell (of ``c`` or ``tanh(c)``) that follows it best.

    ``text`` must be whole code (features come from ``tokenize``); only its first ``length``
    characters are read by the model and searched (all of it by default). The control is the same
    search on an untrained model of the same size (seeded with ``control_seed``); the probe fits
    all cells of ``c`` on the first half of those characters and is scored on the second.
    """
    from .charlm import CharLM

    if length is not None and (not isinstance(length, int) or not 2 <= length <= len(text)):
        raise ValueError(f"report: length must be an int in 2..{len(text)}, got {length!r}")
    feats = {name: value[:length] for name, value in features(text).items()}
    text = text[:length]
    half = len(text) // 2  # the probe is fitted on one half and scored on the other: both must vary
    constant = [name for name in FEATURES if min(feats[name][:half].std(), feats[name][half:].std()) == 0]
    if constant:
        raise ValueError(f"report: {constant} never change over one half of this text; choose a longer or different text")
    with torch.random.fork_rng(devices=[]):  # seed the control without touching the caller's RNG
        torch.manual_seed(control_seed)
        control = CharLM(model.vocab.chars, model.lstm.hidden_size).to(model.head.weight.device)
    states, control_states = (
        {"c": c, "tanh(c)": torch.tanh(c)} for c in (cell_states(m, text).c.cpu() for m in (model, control))
    )
    rows = []
    for name in FEATURES:
        feature = feats[name]
        unit, state, r = _best(states, feature)
        _, _, control_r = _best(control_states, feature)
        rows.append(ProbeRow(name, unit, state, r, control_r, _probe_r(states["c"], feature)))
    return rows


def gate_saturation(traced, low: float = 0.1, high: float = 0.9) -> dict[str, tuple[Tensor, Tensor]]:
    """For each gate (``i, f, o``) and unit, the fraction of steps it is left-saturated
    (below ``low``) and right-saturated (above ``high``), as in the paper's scatter plots.

    >>> from lstm_explained.tracing import LSTMTrace
    >>> gate = torch.tensor([[0.05, 0.5], [0.95, 0.5], [0.95, 0.99], [0.5, 0.5]])
    >>> left, right = gate_saturation(LSTMTrace(gate, gate, gate, gate, gate, gate))["f"]
    >>> left, right
    (tensor([0.2500, 0.0000]), tensor([0.5000, 0.2500]))
    """
    return {name: ((getattr(traced, name) < low).float().mean(0), (getattr(traced, name) > high).float().mean(0)) for name in "ifo"}


def _colour(value: float) -> str:
    """The book's scale: blue at -1, white at 0, red at 1."""
    v = max(-1.0, min(1.0, value))
    fade = int(round(255 * (1 - abs(v))))
    return f"rgb(255,{fade},{fade})" if v > 0 else f"rgb({fade},{fade},255)"


def _check_unit_range(values: Tensor, where: str) -> None:
    if values.numel() and (values.min() < -1 or values.max() > 1):
        raise ValueError(
            f"{where}: values must lie in [-1, 1] (use tanh(c) or a gate), got {values.min().item():.3f}..{values.max().item():.3f}"
        )


def colored_html(text: str, values: Tensor) -> str:
    """``text`` with each character's background coloured by its value in [-1, 1].

    Characters are HTML-escaped; each carries its value in a tooltip.

    >>> colored_html('a<"', torch.tensor([1.0, 0.0, -1.0]))
    '<pre class="lstm-cells"><span style="background:rgb(255,0,0)" title="+1.00">a</span><span style="background:rgb(255,255,255)" title="+0.00">&lt;</span><span style="background:rgb(0,0,255)" title="-1.00">&quot;</span></pre>'
    """
    if len(values) != len(text):
        raise ValueError(f"colored_html: {len(text)} characters but {len(values)} values")
    _check_unit_range(values, "colored_html")
    spans = "".join(
        f'<span style="background:{_colour(v)}" title="{v:+.2f}">{html.escape(ch)}</span>' for ch, v in zip(text, values.tolist())
    )
    return f'<pre class="lstm-cells">{spans}</pre>'


def viewer_html(text: str, values: Tensor, names: list[str] | None = None, selected: int = 0) -> str:
    """A self-contained viewer: pick any cell from a list, hover a character to read its value.

    ``values`` is ``(T, K)`` in [-1, 1], one column per cell; it is stored in the page as int8
    (steps of 1/127) and coloured by a few lines of JavaScript, with no server and nothing fetched.
    """
    import base64

    if values.dim() != 2 or values.shape[0] != len(text):
        raise ValueError(f"viewer_html: values must be ({len(text)}, K) for {len(text)} characters, got {tuple(values.shape)}")
    _check_unit_range(values, "viewer_html")
    steps, cells = values.shape
    names = names or [f"cell {k}" for k in range(cells)]
    if len(names) != cells or not 0 <= selected < cells:
        raise ValueError(f"viewer_html: need {cells} names and 0 <= selected < {cells}")
    packed = torch.round(values.t().contiguous() * 127).to(torch.int8).numpy().tobytes()
    uid = "v" + hashlib.sha1(text.encode() + packed).hexdigest()[:12]  # stable across builds
    options = "".join(f'<option value="{k}"{" selected" if k == selected else ""}>{html.escape(n)}</option>' for k, n in enumerate(names))
    spans = "".join(f'<span data-t="{t}">{html.escape(ch)}</span>' for t, ch in enumerate(text))
    config = json.dumps({"steps": steps, "data": base64.b64encode(packed).decode()})
    return f"""<div class="lstm-viewer" id="{uid}">
<label>cell <select>{options}</select></label> <span class="lstm-viewer-value">hover a character</span>
<pre class="lstm-cells">{spans}</pre>
<script>
(function () {{
  const root = document.getElementById("{uid}");
  const config = {config};
  const raw = atob(config.data);
  const data = new Int8Array(raw.length);
  for (let i = 0; i < raw.length; i++) data[i] = (raw.charCodeAt(i) << 24) >> 24;
  const spans = root.querySelectorAll("pre span");
  const select = root.querySelector("select");
  const readout = root.querySelector(".lstm-viewer-value");
  const value = (t) => data[Number(select.value) * config.steps + t] / 127;
  function colour(v) {{
    const fade = Math.round(255 * (1 - Math.min(1, Math.abs(v))));
    return v > 0 ? `rgb(255,${{fade}},${{fade}})` : `rgb(${{fade}},${{fade}},255)`;
  }}
  function paint() {{ spans.forEach((s, t) => {{ s.style.background = colour(value(t)); }}); }}
  select.addEventListener("change", paint);
  root.querySelector("pre").addEventListener("mouseover", (event) => {{
    const t = event.target.dataset.t;
    if (t !== undefined) readout.textContent = `character ${{t}}: ${{value(Number(t)).toFixed(2)}}`;
  }});
  paint();
}})();
</script>
</div>"""
