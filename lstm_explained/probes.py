"""Find single cells of a character LSTM that track something readable in code.

Karpathy, Johnson & Fei-Fei (2015, "Visualizing and Understanding Recurrent Networks") found
cells that switch on inside quotes, count along a line, or follow indentation. This module
computes such properties of every character exactly (:func:`features`, with ``tokenize``) and
searches the cells for the one that follows each best (:func:`report`). Nothing is reported on the
text it was chosen on: the cell is chosen on one held-out text and scored on another, an untrained
model of the same size gets the same search, and linear probes on all cells are fitted on the first
text and scored on the second. :func:`ablation` then tests the cell causally: hold it at zero and
see where the loss rises. The module also renders cells over text.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from dataclasses import dataclass

import torch
from torch import Tensor

from .code_features import scan
from .tracing import LSTMTrace

__all__ = [
    "FEATURES",
    "AblationRow",
    "ProbeRow",
    "ablation",
    "cell_states",
    "clamped_char_bits",
    "colored_html",
    "control_model",
    "correlations",
    "features",
    "gate_saturation",
    "linear_probe_r",
    "report",
    "viewer_html",
]

#: What :func:`features` computes for every character.
FEATURES = ("in_string", "in_docstring", "in_short_string", "in_comment", "line_position", "indent", "bracket_depth")


def features(text: str) -> dict[str, Tensor]:
    """One value per character of ``text`` (which must be Python that tokenizes), from
    :func:`lstm_explained.code_features.scan`:

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
    try:
        found = scan(text)
    except ValueError as error:
        raise ValueError(f"features: {error}") from None
    doc, short = torch.tensor(found.docstring, dtype=torch.float32), torch.tensor(found.short_string, dtype=torch.float32)
    as_float = lambda values: torch.tensor(values, dtype=torch.float32)  # noqa: E731
    return {
        "in_string": doc + short,
        "in_docstring": doc,
        "in_short_string": short,
        "in_comment": as_float(found.comment),
        "line_position": as_float(found.line_position),
        "indent": as_float(found.indent),
        "bracket_depth": as_float(found.depth),
    }


def cell_states(model, text: str) -> LSTMTrace:
    """Every gate and state of a :class:`~lstm_explained.charlm.CharLM` over ``text``, ``(T, H)``
    each (an :class:`~lstm_explained.tracing.LSTMTrace`, as :func:`~lstm_explained.trace`
    gives, and equal to it).

    :func:`~lstm_explained.trace` replays the layer one step at a time, which takes minutes
    over a hundred thousand characters. Here ``torch.nn.LSTM`` runs first and gives every
    :math:`h_t`; with :math:`h_{t-1}` known, the gates of all steps are one matrix product, and
    only the cell state is left to its recurrence :math:`c_t = f_t \\odot c_{t-1} + i_t \\odot g_t`.

    >>> from lstm_explained import charlm, trace
    >>> model, _ = charlm.pretrained("tiny")
    >>> fast, slow = cell_states(model, "x = [1]\\n"), trace(model.lstm, model.one_hot("x = [1]\\n"))
    >>> all(torch.allclose(a, b, atol=1e-5) for a, b in zip(fast, slow))
    True
    """
    lstm = model.lstm
    with torch.no_grad():
        x = model.one_hot(text)
        h, _ = lstm(x)
        h_prev = torch.cat([torch.zeros_like(h[:1]), h[:-1]])
        gates = x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0 + h_prev @ lstm.weight_hh_l0.T + lstm.bias_hh_l0
        i, f, g, o = gates.chunk(4, dim=1)  # PyTorch's gate order
        i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
        c = torch.empty_like(i)
        carry = torch.zeros_like(i[0])
        for t in range(len(c)):
            carry = f[t] * carry + i[t] * g[t]  # c_t = f_t * c_{t-1} + i_t * g_t
            c[t] = carry
    return LSTMTrace(i, f, g, o, c, h)


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


def linear_probe_r(fit: Tensor, fit_feature: Tensor, score: Tensor, score_feature: Tensor, ridge: float = 1e-3) -> float:
    """Fit a ridge regression of ``fit_feature`` on all columns of ``fit`` ``(T, H)``; return the
    correlation of its predictions from ``score`` with ``score_feature``, on text it was not fitted on.

    Columns are standardised with the fitting text's mean and spread; ``ridge`` is per sample.

    >>> gen = torch.manual_seed(0)
    >>> feature = torch.randn(800)
    >>> cells = torch.randn(800, 3) + feature[:, None] * torch.tensor([1.0, 0.5, 0.0])
    >>> round(linear_probe_r(cells[:400], feature[:400], cells[400:], feature[400:]), 2)
    0.78
    """
    if fit.dim() != 2 or score.dim() != 2 or fit.shape[1] != score.shape[1]:
        raise ValueError(f"linear_probe_r: fit and score must be (T, H) with the same H, got {tuple(fit.shape)} and {tuple(score.shape)}")
    ridge_fit = _Ridge(fit, ridge)
    return ridge_fit.r(fit_feature, ridge_fit.design(score), score_feature)


class _Ridge:
    """A ridge regression on the columns of ``fit``, factored once for any number of targets."""

    def __init__(self, fit: Tensor, ridge: float):
        a = torch.cat([fit.double(), torch.ones(len(fit), 1, dtype=torch.float64)], 1)
        self.mean, self.std = a.mean(0), a.std(0).clamp_min(1e-8)
        self.mean[-1], self.std[-1] = 0.0, 1.0  # the constant column stays as it is
        self.a = (a - self.mean) / self.std
        gram = self.a.T @ self.a + ridge * len(a) * torch.eye(a.shape[1], dtype=torch.float64)
        self.factor = torch.linalg.cholesky(gram)

    def design(self, values: Tensor) -> Tensor:
        """``values`` standardised as the fitting text was, with the constant column."""
        return (torch.cat([values.double(), torch.ones(len(values), 1, dtype=torch.float64)], 1) - self.mean) / self.std

    def r(self, fit_feature: Tensor, score_design: Tensor, score_feature: Tensor) -> float:
        weights = torch.cholesky_solve((self.a.T @ fit_feature.double())[:, None], self.factor)[:, 0]
        return correlations((score_design @ weights)[:, None].float(), score_feature)[0].item()


@dataclass
class ProbeRow:
    """How well one feature is tracked, chosen on one text and scored on another.

    The trained model's best single cell is chosen on the selection text (``unit`` of ``state``,
    where its correlation was ``select_r``); ``r`` is that same cell's correlation on the scoring
    text. The untrained control gets the same search (``control_unit``, ``control_r``). The linear
    probes read the same states the search does, :math:`c_t` and :math:`\\tanh(c_t)` of every cell,
    and are fitted on the selection text and scored on the other.
    """

    feature: str
    unit: int  # the trained model's cell, chosen on the selection text
    state: str  # "c" or "tanh(c)"
    select_r: float  # its correlation where it was chosen
    r: float  # its correlation on the scoring text
    control_unit: int  # the control's cell, chosen the same way
    control_r: float  # its correlation on the scoring text
    probe_r: float  # linear probe on c and tanh(c) of all cells, scored on the scoring text
    control_probe_r: float  # the same probe on the control


def control_model(model, seed: int = 1):
    """An untrained :class:`~lstm_explained.charlm.CharLM` of ``model``'s size, seeded privately."""
    from .charlm import CharLM

    with torch.random.fork_rng(devices=[]):  # seed the control without touching the caller's RNG
        torch.manual_seed(seed)
        return CharLM(model.vocab.chars, model.lstm.hidden_size).to(model.head.weight.device)


def report(model, select_text: str, score_text: str, control_seed: int = 1) -> list[ProbeRow]:
    """For each of :data:`FEATURES`, the cell that follows it best, chosen on ``select_text`` and
    reported on ``score_text``; the same for an untrained control; and linear probes on all cells.

    Both texts must be whole code (features come from ``tokenize``); the model reads each from a
    zero state. The control is :func:`control_model` with ``control_seed``.
    """
    texts = {"select_text": select_text, "score_text": score_text}
    feats = {where: features(text) for where, text in texts.items()}
    for where, found in feats.items():
        constant = [name for name in FEATURES if found[name].std() == 0]
        if constant:
            raise ValueError(f"report: {constant} never change over {where}; choose a longer or different text")
    states, standard, probes = {}, {}, {}
    for who, m in (("model", model), ("control", control_model(model, control_seed))):
        for where, text in texts.items():
            c = cell_states(m, text).c.cpu().double()
            states[who, where] = {"c": c, "tanh(c)": torch.tanh(c)}
            standard[who, where] = {name: _standardised(v) for name, v in states[who, where].items()}
        both = {where: torch.cat([states[who, where]["c"], states[who, where]["tanh(c)"]], 1) for where in texts}
        # the probe reads the same states the search does; fitted once, it scores every feature
        ridge = _Ridge(both["select_text"], ridge=1e-3)
        probes[who] = (ridge, ridge.design(both["score_text"]))
    rows = []
    for name in FEATURES:
        a, b = feats["select_text"][name], feats["score_text"][name]
        found = {}
        for who in ("model", "control"):
            r_select = {state: _correlate(z, a) for state, z in standard[who, "select_text"].items()}
            state = max(r_select, key=lambda k: torch.nan_to_num(r_select[k].abs(), nan=-1.0).max().item())
            unit = int(torch.nan_to_num(r_select[state].abs(), nan=-1.0).argmax())
            score_r = _correlate(standard[who, "score_text"][state][:, unit : unit + 1], b)[0].item()
            ridge, score_design = probes[who]
            found[who] = (unit, state, r_select[state][unit].item(), score_r, ridge.r(a, score_design, b))
        (unit, state, select_r, r, probe_r), (control_unit, _, _, control_r, control_probe_r) = found["model"], found["control"]
        rows.append(ProbeRow(name, unit, state, select_r, r, control_unit, control_r, probe_r, control_probe_r))
    return rows


def _standardised(values: Tensor) -> Tensor:
    """Each column centred and scaled to unit norm (a constant column stays all zeros)."""
    v = values.double() - values.double().mean(0)
    norm = v.norm(dim=0)
    return torch.where(norm > 0, v / torch.where(norm > 0, norm, 1.0), torch.zeros_like(v))


def _correlate(standard: Tensor, feature: Tensor) -> Tensor:
    """:func:`correlations` of columns already :func:`_standardised` (``nan`` for a constant one)."""
    f = feature.double() - feature.double().mean()
    r = standard.T @ f / f.norm()
    return torch.where(standard.abs().sum(0) > 0, r, torch.full_like(r, float("nan")))


def clamped_char_bits(model, text: str, units: list[int | None], value: float = 0.0) -> Tensor:
    """Bits for each next character of ``text`` ``(len(units), len(text) - 1)`` when the cell state
    of ``units[k]`` is held at ``value`` at every step (``None``: nothing held, the model as it is).

    The layer is replayed one step at a time by the equations of
    :func:`~lstm_explained.cells.lstm_cell`, written out so that the input product of all steps is
    taken at once (a one-hot input picks a column of :math:`W_{ih}`), all rows at once as a batch;
    a held cell's :math:`h_t = o_t \\odot \\tanh(c_t)` uses the held value.

    >>> from lstm_explained import charlm
    >>> model, _ = charlm.pretrained("tiny")
    >>> text = "x = [1, 2]\\n"
    >>> bits = clamped_char_bits(model, text, [None, 3])
    >>> torch.allclose(bits[0], charlm.char_bits(model, text), atol=1e-4), bool((bits[1] != bits[0]).any())
    (True, True)
    """
    hidden = model.lstm.hidden_size
    bad = [u for u in units if u is not None and not (isinstance(u, int) and 0 <= u < hidden)]
    if bad or not units:
        raise ValueError(f"clamped_char_bits: units must be a non-empty list of None or ints in 0..{hidden - 1}, got {units!r}")
    if len(text) < 2:
        raise ValueError("clamped_char_bits: text must have at least 2 characters")
    lstm = model.lstm
    device = model.head.weight.device
    held = torch.zeros(len(units), hidden, dtype=torch.bool, device=device)
    for row, unit in enumerate(units):
        if unit is not None:
            held[row, unit] = True
    ids = model.vocab.encode(text).to(device)
    with torch.no_grad():
        # W_i* x_t + b_i* + b_h* for every step at once: x_t is one-hot, so a column of W_ih
        inputs = lstm.weight_ih_l0.T[ids[:-1]] + lstm.bias_ih_l0 + lstm.bias_hh_l0
        h = torch.zeros(len(units), hidden, device=device)
        c = torch.zeros_like(h)
        bits, hs = [], []
        for t in range(len(ids) - 1):
            i, f, g, o = (inputs[t] + h @ lstm.weight_hh_l0.T).chunk(4, dim=1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)  # c_t = f_t * c_{t-1} + i_t * g_t
            c = torch.where(held, value, c)  # the held cells
            h = torch.sigmoid(o) * torch.tanh(c)  # h_t = o_t * tanh(c_t)
            hs.append(h)
            if len(hs) == 2000 or t == len(ids) - 2:  # score in chunks: all logits at once would not fit
                logits = model.head(torch.stack(hs, 1))  # (rows, steps, V)
                target = ids[t + 2 - len(hs) : t + 2].expand(len(units), -1)
                bits.append(torch.nn.functional.cross_entropy(logits.transpose(1, 2), target, reduction="none"))
                hs = []
    return (torch.cat(bits, 1) / math.log(2)).cpu()


@dataclass
class AblationRow:
    """What zeroing one cell's state does to the loss, where a feature is nonzero and elsewhere."""

    feature: str
    unit: int  # the cell held at zero
    marked_share: float  # share of the predicted characters where the feature is nonzero
    delta_marked: float  # mean extra bits on those characters when the cell is held at zero
    delta_other: float  # mean extra bits on the other characters
    random_delta_marked: float  # the same, averaged over cells drawn at random
    random_delta_other: float


def ablation(model, text: str, rows: list[ProbeRow], random_units: int = 4, seed: int = 0) -> list[AblationRow]:
    """Hold each row's chosen cell at zero over ``text`` and measure the extra bits per character
    where its feature is nonzero against elsewhere, beside ``random_units`` cells drawn at random
    (seeded, none of them a chosen cell) held at zero one at a time."""
    chosen = sorted({r.unit for r in rows})
    others = [u for u in range(model.lstm.hidden_size) if u not in chosen]
    if not 1 <= random_units <= len(others):
        raise ValueError(f"ablation: random_units must be in 1..{len(others)}, got {random_units!r}")
    generator = torch.Generator().manual_seed(seed)
    drawn = [others[k] for k in torch.randperm(len(others), generator=generator)[:random_units].tolist()]
    units = [None, *chosen, *drawn]
    bits = clamped_char_bits(model, text, units)
    extra = {unit: bits[k] - bits[0] for k, unit in enumerate(units) if unit is not None}
    feats = features(text)
    result = []
    for row in rows:
        marked = feats[row.feature][1:] != 0  # the predicted characters
        if marked.all() or not marked.any():
            raise ValueError(f"ablation: {row.feature!r} is nonzero at {'every' if marked.any() else 'no'} character of this text")
        mean = lambda delta, where: delta[where].mean().item()  # noqa: E731
        rand_marked = sum(mean(extra[u], marked) for u in drawn) / len(drawn)
        rand_other = sum(mean(extra[u], ~marked) for u in drawn) / len(drawn)
        result.append(AblationRow(row.feature, row.unit, marked.float().mean().item(), mean(extra[row.unit], marked), mean(extra[row.unit], ~marked), rand_marked, rand_other))
    return result


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


def _ink(value: float) -> str:
    """Black or white text, whichever contrasts more with :func:`_colour` ``(value)`` (WCAG 2
    relative luminance): deep blue needs white text, everything else black.

    >>> _ink(-1.0), _ink(0.0), _ink(1.0)
    ('#fff', '#000', '#000')
    """
    channels = [int(c) / 255 for c in _colour(value)[4:-1].split(",")]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#fff"


def _check_unit_range(values: Tensor, where: str) -> None:
    if values.numel() and (values.min() < -1 or values.max() > 1):
        raise ValueError(
            f"{where}: values must lie in [-1, 1] (use tanh(c) or a gate), got {values.min().item():.3f}..{values.max().item():.3f}"
        )


def colored_html(text: str, values: Tensor) -> str:
    """``text`` with each character's background coloured by its value in [-1, 1].

    Characters are HTML-escaped; each carries its value in a tooltip.

    >>> colored_html('a<"', torch.tensor([1.0, 0.0, -1.0]))
    '<pre class="lstm-cells" tabindex="0"><span style="background:rgb(255,0,0);color:#000" title="+1.00">a</span><span style="background:rgb(255,255,255);color:#000" title="+0.00">&lt;</span><span style="background:rgb(0,0,255);color:#fff" title="-1.00">&quot;</span></pre>'
    """
    if len(values) != len(text):
        raise ValueError(f"colored_html: {len(text)} characters but {len(values)} values")
    _check_unit_range(values, "colored_html")
    spans = "".join(
        f'<span style="background:{_colour(v)};color:{_ink(v)}" title="{v:+.2f}">{html.escape(ch)}</span>' for ch, v in zip(text, values.tolist())
    )
    return f'<pre class="lstm-cells" tabindex="0">{spans}</pre>'


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
<pre class="lstm-cells" tabindex="0">{spans}</pre>
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
    return v > 0 ? [255, fade, fade] : [fade, fade, 255];
  }}
  function ink(rgb) {{  // black or white text, whichever contrasts more (WCAG 2 relative luminance)
    const [r, g, b] = rgb.map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000" : "#fff";
  }}
  function paint() {{
    spans.forEach((s, t) => {{ const rgb = colour(value(t)); s.style.background = `rgb(${{rgb.join(",")}})`; s.style.color = ink(rgb); }});
  }}
  select.addEventListener("change", paint);
  root.querySelector("pre").addEventListener("mouseover", (event) => {{
    const t = event.target.dataset.t;
    if (t !== undefined) readout.textContent = `character ${{t}}: ${{value(Number(t)).toFixed(2)}}`;
  }});
  paint();
}})();
</script>
</div>"""
