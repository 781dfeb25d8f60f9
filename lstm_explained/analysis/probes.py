"""Find single cells of a character LSTM that track something readable in code.

Karpathy, Johnson & Fei-Fei (2015, "Visualizing and Understanding Recurrent Networks") found
cells that switch on inside quotes, count along a line, or follow indentation. This module
computes such properties of every character exactly (:func:`features`, with ``tokenize``) and
searches the cells for the one that follows each best (:func:`report`). Nothing is reported on the
text it was chosen on: the cell is chosen on one held-out text and scored on another, an untrained
model of the same size gets the same search, and linear probes on all cells are fitted on the first
text and scored on the second. :mod:`~lstm_explained.analysis.ablation` then tests the cell
causally: hold it at zero and see where the loss rises.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from ..cells.layout import LSTM
from ..tasks.code_features import scan
from ..models.charlm import CharLM
from ..tracing import LSTMTrace

__all__ = ["FEATURES", "ProbeRow", "cell_states", "control_model", "correlations", "features", "linear_probe_r", "report"]

#: What :func:`features` computes for every character.
FEATURES = ("in_string", "in_docstring", "in_short_string", "in_comment", "line_position", "indent", "bracket_depth")


def features(text: str) -> dict[str, Tensor]:
    """One value per character of ``text`` (which must be Python that tokenizes), from
    :func:`lstm_explained.tasks.code_features.scan`:

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
    """Every gate and state of a :class:`~lstm_explained.models.charlm.CharLM` over ``text``, ``(T, H)``
    each (an :class:`~lstm_explained.tracing.LSTMTrace`, as :func:`~lstm_explained.trace`
    gives, and equal to it).

    :func:`~lstm_explained.trace` replays the layer one step at a time, which takes minutes
    over a hundred thousand characters. Here ``torch.nn.LSTM`` runs first and gives every
    :math:`h_t`; with :math:`h_{t-1}` known, the gates of all steps are one matrix product, and
    only the cell state is left to its recurrence :math:`c_t = f_t \\odot c_{t-1} + i_t \\odot g_t`.

    >>> from lstm_explained import trace
    >>> from lstm_explained.experiments.language_model import pretrained
    >>> model, _ = pretrained("tiny")
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
        pre = LSTM.blocks(gates, dim=1)
        i, f, g, o = pre.i.sigmoid(), pre.f.sigmoid(), pre.g.tanh(), pre.o.sigmoid()
        c = torch.empty_like(i)
        carry = torch.zeros_like(i[0])
        for t in range(len(c)):
            # $$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$
            carry = f[t] * carry + i[t] * g[t]
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
    """An untrained :class:`~lstm_explained.models.charlm.CharLM` of ``model``'s size, seeded privately."""

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
